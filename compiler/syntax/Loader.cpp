#include "syntax/Loader.h"

#include <filesystem>
#include <set>

#include "syntax/Parser.h"

namespace magicc::syntax {

using diag::DiagId;

const Module* ModuleSet::find(source::FileId file) const {
  auto it = modules_.find(file);
  return it == modules_.end() ? nullptr : it->second.get();
}

const Module& ModuleSet::add(std::unique_ptr<Module> module) {
  auto& slot = modules_[module->file];
  slot = std::move(module);
  return *slot;
}

LoadedProgram loadProgram(source::SourceManager& sources, ModuleSet& modules,
                          const std::string& path, diag::DiagnosticEngine& diags) {
  auto loaded = sources.loadFile(path);
  if (loaded.id == source::kInvalidFile) {
    diags.report(DiagId::FileNotReadable, source::SourceRange{}, path, loaded.error);
    return {};
  }
  return loadProgram(sources, modules, loaded.id, diags);
}

namespace {

const Module& parsedModule(source::SourceManager& sources, ModuleSet& modules, source::FileId file,
                           diag::DiagnosticEngine& diags) {
  if (const Module* m = modules.find(file)) return *m;
  std::unique_ptr<Module> module = parseFile(sources, file, diags);
  // Imports are resolved when the file is parsed, so a missing import is
  // reported once, at its string, whichever program reached the file first.
  std::filesystem::path dir = std::filesystem::path(sources.name(file)).parent_path();
  for (auto& decl : module->decls) {
    auto* import = dynamic_cast<ImportDecl*>(decl.get());
    if (!import || !import->path.valid()) continue;
    std::filesystem::path target(import->path.name);
    if (target.is_relative()) target = dir / target;
    auto result = sources.loadFile(target.lexically_normal().string());
    if (result.id == source::kInvalidFile)
      diags.report(DiagId::ImportNotFound, import->path.range, import->path.name, result.error);
    else
      import->resolved = result.id;
  }
  return modules.add(std::move(module));
}

}  // namespace

LoadedProgram loadProgram(source::SourceManager& sources, ModuleSet& modules, source::FileId root,
                          diag::DiagnosticEngine& diags) {
  LoadedProgram program;
  program.root = root;
  std::set<source::FileId> seen{root};
  std::vector<source::FileId> work{root};
  // Breadth first over imports: no recursion, so long import chains are safe.
  for (std::size_t next = 0; next < work.size(); ++next) {
    const Module& module = parsedModule(sources, modules, work[next], diags);
    program.modules.push_back(&module);
    for (const auto& decl : module.decls) {
      auto* import = as<ImportDecl>(*decl);
      if (import && import->resolved != source::kInvalidFile &&
          seen.insert(import->resolved).second)
        work.push_back(import->resolved);
    }
  }
  return program;
}

}  // namespace magicc::syntax
