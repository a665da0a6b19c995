// Renders diagnostics as clang does: "file:line:col: error: message", the
// source line, and a caret with tildes under the range; notes follow.
#pragma once

#include <string>

#include "diag/Diagnostic.h"
#include "source/SourceManager.h"

namespace magicc::diag {

struct ConsoleOptions {
  bool color = false;
};

class ConsoleRenderer {
 public:
  ConsoleRenderer(const source::SourceManager& sources, ConsoleOptions options)
      : sources_(sources), options_(options) {}

  // Appends the rendering of one diagnostic (with its notes) to `out`.
  void render(const Diagnostic& d, std::string& out) const;
  // "2 errors and 1 warning generated." or empty when there is nothing to say.
  static std::string summary(std::size_t errors, std::size_t warnings);

 private:
  void renderOne(Severity severity, source::SourceRange range, const std::string& message,
                 const std::vector<FixIt>* fixIts, std::string& out) const;
  void renderSnippet(source::SourceRange range, const std::vector<FixIt>* fixIts,
                     std::string& out) const;

  const source::SourceManager& sources_;
  ConsoleOptions options_;
};

}  // namespace magicc::diag
