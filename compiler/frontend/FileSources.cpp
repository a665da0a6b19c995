#include "frontend/FileSources.h"

#include <filesystem>

#include "support/Digest.h"
#include "syntax/StringLiteral.h"

namespace magicc::frontend {

namespace {

using diag::DiagId;

// The one field a file's content may come from: content:, source: or template:.
const syntax::Field* contentField(const syntax::ResourceDecl& decl, diag::DiagnosticEngine& diags) {
  const syntax::Field* first = nullptr;
  for (const char* name : {"content", "source", "template"}) {
    const syntax::Field* f = decl.field(name);
    if (!f) continue;
    if (!first) {
      first = f;
      continue;
    }
    diags.report(DiagId::FileContentConflict, f->value->range, decl.name.name,
                 first->name.name + ":", f->name.name + ":");
    return nullptr;
  }
  return first;
}

std::shared_ptr<const sema::FileContentSource> read(const syntax::ResourceDecl& decl,
                                                    const syntax::Field& field,
                                                    source::SourceManager& sources,
                                                    diag::DiagnosticEngine& diags) {
  const syntax::Expr& value = *field.value;
  if (value.kind != syntax::ExprKind::String) return nullptr;  // sema reports the type
  auto written = value.plainString();
  if (!written) {
    diags.report(DiagId::FileFromNotLiteral, value.range, field.name.name);
    return nullptr;
  }
  std::filesystem::path path(*written);
  if (path.is_relative())
    path = std::filesystem::path(sources.name(decl.range.begin.file)).parent_path() / path;
  std::string resolved = path.lexically_normal().string();
  auto loaded = sources.loadFile(resolved);
  if (loaded.id == source::kInvalidFile) {
    diags.report(DiagId::FileFromNotReadable, value.range, field.name.name, resolved, loaded.error);
    return nullptr;
  }
  std::string_view text = sources.text(loaded.id);
  auto out = std::make_shared<sema::FileContentSource>();
  out->field = field.name.name;
  out->path = resolved;
  out->sha256 = support::sha256Tagged(text);
  out->content.kind = syntax::ExprKind::String;
  if (out->field == "template") {
    // Located in the template's own buffer, so a caret points into it.
    out->content.range = {{loaded.id, 0}, {loaded.id, static_cast<std::uint32_t>(text.size())}};
    out->content.parts = syntax::decodeTemplate(text, {loaded.id, 0}, diags);
  } else {
    // The bytes as they are; what is said about them is said at source:.
    out->content.range = value.range;
    syntax::StringPart bytes;
    bytes.text = std::string(text);
    bytes.range = value.range;
    if (!bytes.text.empty()) out->content.parts.push_back(std::move(bytes));
  }
  return out;
}

}  // namespace

sema::FileContentSources readFileContents(const syntax::LoadedProgram& program,
                                          source::SourceManager& sources,
                                          diag::DiagnosticEngine& diags) {
  sema::FileContentSources out;
  for (const syntax::Module* module : program.modules)
    for (const auto& decl : module->decls) {
      const auto* resource = syntax::as<syntax::ResourceDecl>(*decl);
      if (!resource || resource->hasSyntaxErrors || resource->kindName.name != "file") continue;
      const syntax::Field* field = contentField(*resource, diags);
      if (!field || field->name.name == "content") continue;
      if (auto content = read(*resource, *field, sources, diags)) out.emplace(resource, content);
    }
  return out;
}

}  // namespace magicc::frontend
