#include "diag/JsonRenderer.h"

namespace magicc::diag {

namespace {

nlohmann::json rangeJson(source::SourceRange range, const source::SourceManager& sources) {
  nlohmann::json j = nlohmann::json::object();
  if (!range.valid()) return j;
  auto begin = sources.lineColumn(range.begin);
  auto end = sources.lineColumn(range.end.valid() ? range.end : range.begin);
  j["file"] = sources.name(range.begin.file);
  j["line"] = begin.line;
  j["column"] = begin.column;
  j["end_line"] = end.line;
  j["end_column"] = end.column;
  return j;
}

}  // namespace

nlohmann::json toJson(const Diagnostic& d, const source::SourceManager& sources) {
  nlohmann::json j = rangeJson(d.range, sources);
  j["severity"] = severityName(d.severity);
  j["kind"] = diagnosticKind(d.id).name;
  j["message"] = d.message;
  auto notes = nlohmann::json::array();
  for (const auto& n : d.notes) {
    nlohmann::json nj = rangeJson(n.range, sources);
    nj["message"] = n.message;
    notes.push_back(std::move(nj));
  }
  j["notes"] = std::move(notes);
  auto fixIts = nlohmann::json::array();
  for (const auto& f : d.fixIts) {
    nlohmann::json fj = rangeJson(f.range, sources);
    fj["replacement"] = f.replacement;
    fixIts.push_back(std::move(fj));
  }
  j["fixits"] = std::move(fixIts);
  return j;
}

nlohmann::json toJson(const std::vector<Diagnostic>& ds, const source::SourceManager& sources) {
  auto list = nlohmann::json::array();
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : ds) {
    list.push_back(toJson(d, sources));
    if (d.severity == Severity::Error) ++errors;
    if (d.severity == Severity::Warning) ++warnings;
  }
  return {{"diagnostics", std::move(list)}, {"errors", errors}, {"warnings", warnings}};
}

}  // namespace magicc::diag
