#include "plan/DefineValue.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace magicc::plan {

namespace {

std::string withoutFinalNewline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

}  // namespace

std::optional<DefineValue> readDefineValue(const std::string& text, bool& stdinUsed,
                                           std::string& error) {
  if (text.empty() || text[0] != '@') return DefineValue{text, true};
  if (text.rfind("@@", 0) == 0) return DefineValue{text.substr(1), true};
  if (text.rfind("@env:", 0) == 0) {
    std::string var = text.substr(5);
    const char* v = var.empty() ? nullptr : std::getenv(var.c_str());
    if (!v) {
      error = "the environment variable '" + var + "' is not set";
      return std::nullopt;
    }
    return DefineValue{v, false};
  }
  if (text.rfind("@file:", 0) == 0) {
    std::string path = text.substr(6);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error = "cannot read '" + path + "': " + std::strerror(errno);
      return std::nullopt;
    }
    std::ostringstream content;
    content << in.rdbuf();
    return DefineValue{withoutFinalNewline(content.str()), false};
  }
  if (text == "@-") {
    if (stdinUsed) {
      error = "standard input can give one value only (@-)";
      return std::nullopt;
    }
    stdinUsed = true;
    std::string content((std::istreambuf_iterator<char>(std::cin)),
                        std::istreambuf_iterator<char>());
    return DefineValue{withoutFinalNewline(std::move(content)), false};
  }
  error = fmt::format("'{}' is no value reference (@env:VAR, @file:PATH, @-; @@ for a literal '@')",
                      text.substr(0, text.find(':')));
  return std::nullopt;
}

std::string literalDefineValue(const std::string& value) {
  if (value.empty() || value[0] != '@') return value;
  std::string doubled = "@";
  doubled += value;
  return doubled;
}

std::vector<std::string> secretsGivenInline(const std::vector<std::string>& defines,
                                            const std::vector<std::string>& secretParams) {
  std::vector<std::string> names;
  for (const auto& d : defines) {
    std::size_t eq = d.find('=');
    if (eq == std::string::npos) continue;
    std::string name = d.substr(0, eq);
    bool reference = d.compare(eq + 1, 1, "@") == 0 && d.compare(eq + 1, 2, "@@") != 0;
    bool secret = std::find(secretParams.begin(), secretParams.end(), name) != secretParams.end();
    if (secret && !reference && std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  }
  return names;
}

}  // namespace magicc::plan
