#include "lsp/Diagnostics.h"

#include <map>

#include "diag/Diagnostic.h"
#include "lsp/Uri.h"

namespace magicc::lsp {

Range rangeOf(const frontend::Compilation& compilation, source::SourceRange range,
              Encoding encoding) {
  if (!range.valid() || range.begin.file >= compilation.sources().fileCount()) return {};
  LineIndex index(compilation.sources().text(range.begin.file), encoding);
  std::uint32_t end = range.end.file == range.begin.file ? range.end.offset : range.begin.offset;
  return index.range(range.begin.offset, std::max(end, range.begin.offset));
}

Location locationOf(const frontend::Compilation& compilation, source::SourceRange range,
                    Encoding encoding) {
  return {uriOfPath(compilation.sources().canonicalPath(range.begin.file)),
          rangeOf(compilation, range, encoding)};
}

namespace {

int lspSeverity(diag::Severity s) {
  switch (s) {
    case diag::Severity::Error:
      return 1;
    case diag::Severity::Warning:
      return 2;
    case diag::Severity::Note:
      return 3;
  }
  return 1;
}

// For each file the program reaches, the import in the root that leads to it.
std::map<source::FileId, const syntax::ImportDecl*> importsLeadingTo(const Analysis& a) {
  std::map<source::FileId, source::FileId> parent;
  for (const syntax::Module* m : a.program.modules)
    for (const auto& decl : m->decls)
      if (const auto* imp = syntax::as<syntax::ImportDecl>(*decl))
        if (imp->resolved != source::kInvalidFile && imp->resolved != a.file)
          parent.emplace(imp->resolved, m->file);
  std::map<source::FileId, const syntax::ImportDecl*> rootImports;
  if (!a.program.modules.empty())
    for (const auto& decl : a.program.modules.front()->decls)
      if (const auto* imp = syntax::as<syntax::ImportDecl>(*decl))
        if (imp->resolved != source::kInvalidFile) rootImports.emplace(imp->resolved, imp);
  std::map<source::FileId, const syntax::ImportDecl*> out;
  for (const auto& [file, from] : parent) {
    source::FileId at = file;
    for (std::size_t guard = 0; guard < parent.size() + 1; ++guard) {
      auto direct = rootImports.find(at);
      if (direct != rootImports.end()) {
        out[file] = direct->second;
        break;
      }
      auto up = parent.find(at);
      if (up == parent.end()) break;
      at = up->second;
    }
  }
  return out;
}

// For each template a file resource reads, the template: value that reads it.
std::map<source::FileId, source::SourceRange> templatesReadAt(const Analysis& a) {
  std::map<source::FileId, source::SourceRange> out;
  for (const auto& [decl, from] : a.model.fileContents)
    if (const syntax::Field* f = decl->field(from->field); f && from->field == "template")
      out.emplace(from->content.range.begin.file, f->value->range);
  return out;
}

}  // namespace

json diagnosticsOf(const Analysis& a, Encoding encoding) {
  json out = json::array();
  if (!a.compilation) return out;
  const frontend::Compilation& c = *a.compilation;
  auto leading = importsLeadingTo(a);
  auto templates = templatesReadAt(a);
  for (const diag::Diagnostic& d : c.diags().diagnostics()) {
    json lsp;
    lsp["severity"] = lspSeverity(d.severity);
    lsp["source"] = "magicc";
    lsp["code"] = std::string(diag::diagnosticKind(d.id).name);
    json related = json::array();
    for (const diag::Note& n : d.notes)
      if (n.range.valid() && n.range.begin.file != 0)
        related.push_back({{"location", locationOf(c, n.range, encoding)}, {"message", n.message}});
    if (d.range.valid() && d.range.begin.file == a.file) {
      lsp["range"] = rangeOf(c, d.range, encoding);
      lsp["message"] = d.message;
      json fixes = json::array();
      for (const diag::FixIt& f : d.fixIts)
        if (f.range.begin.file == a.file)
          fixes.push_back(TextEdit{rangeOf(c, f.range, encoding), f.replacement});
      if (!fixes.empty()) lsp["data"] = {{"fixes", fixes}};
    } else if (!d.range.valid() || a.file == source::kInvalidFile) {
      lsp["range"] = Range{};
      lsp["message"] = d.message;
    } else if (auto t = templates.find(d.range.begin.file);
               t != templates.end() && t->second.begin.file == a.file) {
      // In a template this document reads: at its template: value.
      if (d.severity != diag::Severity::Error) continue;
      lsp["range"] = rangeOf(c, t->second, encoding);
      lsp["message"] = "in template " + c.sources().name(d.range.begin.file) + ": " + d.message;
      json here = json::object();
      here["location"] = locationOf(c, d.range, encoding);
      here["message"] = d.message;
      related.insert(related.begin(), std::move(here));
    } else {
      // In an imported file: errors only, at the import that leads there.
      auto imp = leading.find(d.range.begin.file);
      if (d.severity != diag::Severity::Error || imp == leading.end()) continue;
      lsp["range"] = rangeOf(c, imp->second->path.range, encoding);
      lsp["message"] =
          "in imported file " + c.sources().name(d.range.begin.file) + ": " + d.message;
      json here = json::object();
      here["location"] = locationOf(c, d.range, encoding);
      here["message"] = d.message;
      related.insert(related.begin(), std::move(here));
    }
    if (!related.empty()) lsp["relatedInformation"] = related;
    out.push_back(std::move(lsp));
  }
  return out;
}

}  // namespace magicc::lsp
