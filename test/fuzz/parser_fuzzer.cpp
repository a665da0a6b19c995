// libFuzzer target: any bytes given to the front end yield diagnostics, never
// a crash, a hang or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "diag/ConsoleRenderer.h"
#include "diag/JsonRenderer.h"
#include "syntax/Parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  magicc::source::SourceManager sources;
  magicc::diag::DiagnosticEngine diags;
  auto file = sources.addBuffer("fuzz.mm", std::string(reinterpret_cast<const char*>(data), size));
  auto module = magicc::syntax::parseFile(sources, file, diags);
  // Rendering is part of the contract too: carets on arbitrary lines, JSON of
  // arbitrary bytes.
  std::string out;
  magicc::diag::ConsoleRenderer renderer(sources, {});
  for (const auto& d : diags.diagnostics()) renderer.render(d, out);
  (void)magicc::diag::toJson(diags.diagnostics(), sources)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
