// Helpers for unit tests: lex or parse a string held in a fresh SourceManager.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diag/DiagnosticEngine.h"
#include "source/SourceManager.h"
#include "syntax/Ast.h"
#include "syntax/Parser.h"

namespace magicc::test {

struct Parsed {
  source::SourceManager sources;
  diag::DiagnosticEngine diags;
  std::unique_ptr<syntax::Module> module;
  source::FileId file = source::kInvalidFile;

  // "line:col: message" for each diagnostic, in report order.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& d : diags.diagnostics()) {
      auto lc = sources.lineColumn(d.range.begin);
      out.push_back(std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " + d.message);
    }
    return out;
  }
  // The line:column of a location in this file.
  std::string at(source::SourceLoc loc) const {
    auto lc = sources.lineColumn(loc);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
};

inline std::unique_ptr<Parsed> parse(std::string text) {
  auto p = std::make_unique<Parsed>();
  p->file = p->sources.addBuffer("test.mm", std::move(text));
  p->module = syntax::parseFile(p->sources, p->file, p->diags);
  return p;
}

}  // namespace magicc::test
