#include "lsp/Workspace.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "lsp/Uri.h"

namespace magicc::lsp {

Workspace::Workspace(std::shared_ptr<const source::FileSystem> disk)
    : files_(std::make_shared<source::OverlayFileSystem>(std::move(disk))) {}

void Workspace::open(const std::string& uri, std::string text, std::int64_t version) {
  auto path = pathOfUri(uri);
  if (!path) throw LspError(ErrorCode::InvalidParams, "only file:// documents are supported");
  Entry& e = documents_[uri];
  e.document = {uri, *path, std::move(text), version};
  e.analysis.reset();
  files_->setBuffer(*path, e.document.text);
  ++generation_;
}

void Workspace::change(const std::string& uri, const std::vector<ContentChange>& changes,
                       std::int64_t version, Encoding encoding) {
  Entry& e = entry(uri);
  for (const ContentChange& c : changes) {
    if (!c.range) {
      e.document.text = c.text;
      continue;
    }
    LineIndex index(e.document.text, encoding);
    std::uint32_t begin = index.offset(c.range->start);
    std::uint32_t end = std::max(begin, index.offset(c.range->end));
    e.document.text.replace(begin, end - begin, c.text);
  }
  e.document.version = version;
  e.analysis.reset();
  files_->setBuffer(e.document.path, e.document.text);
  ++generation_;
}

void Workspace::close(const std::string& uri) {
  auto it = documents_.find(uri);
  if (it == documents_.end()) return;
  files_->removeBuffer(it->second.document.path);
  documents_.erase(it);
  ++generation_;
}

const Document* Workspace::find(const std::string& uri) const {
  auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second.document;
}

const Document& Workspace::get(const std::string& uri) const {
  const Document* d = find(uri);
  if (!d) throw LspError(ErrorCode::InvalidParams, "document not open: " + uri);
  return *d;
}

Workspace::Entry& Workspace::entry(const std::string& uri) {
  auto it = documents_.find(uri);
  if (it == documents_.end()) throw LspError(ErrorCode::InvalidParams, "document not open: " + uri);
  return it->second;
}

std::vector<std::string> Workspace::uris() const {
  std::vector<std::string> out;
  for (const auto& [uri, e] : documents_) out.push_back(uri);
  return out;
}

const Analysis& Workspace::analysis(const std::string& uri) {
  Entry& e = entry(uri);
  if (e.analysis && e.analyzedAt == generation_) return *e.analysis;
  e.analysis = analyzePath(e.document.path);
  e.analyzedAt = generation_;
  if (e.analysis->compilation->diags().errorCount() == 0) e.lastClean = e.analysis;
  return *e.analysis;
}

const Analysis* Workspace::lastClean(const std::string& uri) {
  analysis(uri);
  return entry(uri).lastClean.get();
}

std::unique_ptr<Analysis> Workspace::analyzePath(const std::string& path) {
  auto a = std::make_unique<Analysis>();
  a->compilation =
      std::make_unique<frontend::Compilation>(frontend::CompilationOptions{files_, {}});
  if (auto program = a->compilation->load(path)) {
    a->program = std::move(*program);
    a->file = a->program.root;
    a->model = a->compilation->analyze(a->program);
    a->index = sema::SymbolIndex::build(a->program, a->compilation->stdlib().module(), a->model);
  }
  return a;
}

namespace {

bool skippedDirectory(const std::filesystem::path& dir) {
  std::string name = dir.filename().string();
  return name.starts_with(".") || name.starts_with("build") || name == "node_modules";
}

}  // namespace

std::vector<std::string> Workspace::programsOnDisk() const {
  namespace fs = std::filesystem;
  std::set<std::string> open;
  for (const auto& [uri, e] : documents_) open.insert(e.document.path);
  std::vector<std::string> out;
  for (const std::string& folder : folders_) {
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec)) {
        if (skippedDirectory(it->path())) it.disable_recursion_pending();
        continue;
      }
      if (it->path().extension() != ".mm" || !it->is_regular_file(ec)) continue;
      std::string path = it->path().lexically_normal().string();
      if (open.count(path)) continue;
      out.push_back(std::move(path));
      if (out.size() >= kMaxDiskPrograms) return out;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace magicc::lsp
