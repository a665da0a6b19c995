#include "syntax/Loader.h"

#include <filesystem>
#include <set>

#include "syntax/Parser.h"

namespace magicc::syntax {

using diag::DiagId;

LoadedProgram loadProgram(source::SourceManager& sources, const std::string& path,
                          diag::DiagnosticEngine& diags) {
  auto loaded = sources.loadFile(path);
  if (loaded.id == source::kInvalidFile) {
    diags.report(DiagId::FileNotReadable, source::SourceRange{}, path, loaded.error);
    return {};
  }
  return loadProgram(sources, loaded.id, diags);
}

LoadedProgram loadProgram(source::SourceManager& sources, source::FileId root,
                          diag::DiagnosticEngine& diags) {
  LoadedProgram program;
  program.root = root;
  std::set<source::FileId> seen{root};
  std::vector<source::FileId> work{root};
  // Breadth-first over imports: no recursion, so long import chains are safe.
  for (std::size_t next = 0; next < work.size(); ++next) {
    source::FileId file = work[next];
    auto module = parseFile(sources, file, diags);
    std::filesystem::path dir = std::filesystem::path(sources.name(file)).parent_path();
    for (const auto& decl : module->decls) {
      auto* import = as<ImportDecl>(*decl);
      if (!import || !import->path.valid()) continue;
      std::filesystem::path target = std::filesystem::path(import->path.name);
      if (target.is_relative()) target = dir / target;
      auto result = sources.loadFile(target.lexically_normal().string());
      if (result.id == source::kInvalidFile) {
        diags.report(DiagId::ImportNotFound, import->path.range, import->path.name, result.error);
        continue;
      }
      if (seen.insert(result.id).second) work.push_back(result.id);
    }
    program.modules.push_back(std::move(module));
  }
  return program;
}

}  // namespace magicc::syntax
