// The language server on random edit sequences of the examples: every
// request is answered (a result or an error, never silence), nothing
// crashes, and the server keeps going to the end.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "lsp/Server.h"

namespace magicc::lsp {
namespace {

using nlohmann::json;

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Snippets that half-type the language: openings without their ends.
const char* const kSnippets[] = {
    "item ", "{",         "}",           "depends: ", "${", "resource ", "file ", "\"", "->", " & ",
    "|",     "stage s {", "pipeline p(", ":",         "\n", "# note\n",  "é😀",    "[",  "]",  "$"};

TEST(LspReplay, RandomEditsOfTheExamplesAreAlwaysAnswered) {
  std::mt19937 rng(15);
  std::vector<std::filesystem::path> examples;
  for (const auto& e : std::filesystem::directory_iterator(MAGICC_EXAMPLES_DIR))
    if (e.path().extension() == ".mm") examples.push_back(e.path());
  std::sort(examples.begin(), examples.end());
  ASSERT_FALSE(examples.empty());

  MemoryTransport transport;
  Server server(transport, ServerOptions{});
  int id = 0;
  auto request = [&](const std::string& method, json params) {
    transport.output().clear();
    server.handleMessage(
        json{{"jsonrpc", "2.0"}, {"id", ++id}, {"method", method}, {"params", params}}.dump());
    bool answered = false;
    for (const json& m : transport.output())
      if (m.contains("id") && m["id"] == id) answered = true;
    EXPECT_TRUE(answered) << method << " " << params.dump();
  };
  request("initialize", {{"capabilities", json::object()}});
  const char* const methods[] = {"textDocument/hover",
                                 "textDocument/definition",
                                 "textDocument/references",
                                 "textDocument/documentHighlight",
                                 "textDocument/completion",
                                 "textDocument/prepareRename",
                                 "textDocument/documentSymbol",
                                 "textDocument/foldingRange",
                                 "textDocument/semanticTokens/full",
                                 "textDocument/formatting",
                                 "textDocument/inlayHint",
                                 "textDocument/codeAction"};
  for (const auto& path : examples) {
    std::string uri = "file://" + path.string();
    std::string text = readFile(path);
    server.handleMessage(
        json{{"jsonrpc", "2.0"},
             {"method", "textDocument/didOpen"},
             {"params",
              {{"textDocument",
                {{"uri", uri}, {"languageId", "magic"}, {"version", 1}, {"text", text}}}}}}
            .dump());
    for (int edit = 0; edit < 100; ++edit) {
      // A random edit: delete a span, insert a snippet, or both; lines and
      // characters may point past the text (the server clamps them).
      std::uniform_int_distribution<std::uint32_t> line(0, 60), character(0, 50);
      json start = {{"line", line(rng)}, {"character", character(rng)}};
      json end = start;
      if (rng() % 2)
        end = {{"line", start["line"].get<std::uint32_t>() + rng() % 3},
               {"character", character(rng)}};
      if (end["line"] == start["line"] && end["character"] < start["character"]) end = start;
      std::string insert = kSnippets[rng() % std::size(kSnippets)];
      server.handleMessage(json{
          {"jsonrpc", "2.0"},
          {"method", "textDocument/didChange"},
          {"params",
           {{"textDocument", {{"uri", uri}, {"version", edit + 2}}},
            {"contentChanges", {{{"range", {{"start", start}, {"end", end}}}, {"text", insert}}}}}}}
                               .dump());
      server.publishDiagnostics();
      json position = {{"line", line(rng) % 40}, {"character", character(rng)}};
      const char* method = methods[rng() % std::size(methods)];
      json params = {{"textDocument", {{"uri", uri}}},
                     {"position", position},
                     {"range", {{"start", position}, {"end", {{"line", 80}, {"character", 0}}}}},
                     {"context", {{"diagnostics", json::array()}, {"includeDeclaration", true}}},
                     {"options", {{"tabSize", 2}, {"insertSpaces", true}}}};
      request(method, params);
    }
    server.handleMessage(json{{"jsonrpc", "2.0"},
                              {"method", "textDocument/didClose"},
                              {"params", {{"textDocument", {{"uri", uri}}}}}}
                             .dump());
  }
  request("shutdown", nullptr);
  EXPECT_FALSE(server.exited());
}

}  // namespace
}  // namespace magicc::lsp
