// compiler/frontend as a long-running process uses it: compilations over an
// overlay file system, sharing one parsed stdlib, created and destroyed on
// several threads. The sanitizer build runs these with leak detection on, so
// a Compilation that failed to free its memory fails there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "diag/ConsoleRenderer.h"
#include "frontend/Compilation.h"
#include "source/FileSystem.h"

namespace magicc::frontend {
namespace {

std::shared_ptr<source::OverlayFileSystem> overlayOverDisk() {
  return std::make_shared<source::OverlayFileSystem>(std::make_shared<source::DiskFileSystem>());
}

CompilationOptions readingFrom(std::shared_ptr<const source::FileSystem> files) {
  CompilationOptions options;
  options.files = std::move(files);
  return options;
}

std::string rendered(Compilation& c) {
  diag::ConsoleRenderer renderer(c.sources(), {});
  std::string out;
  for (const auto& d : c.diags().diagnostics()) renderer.render(d, out);
  return out;
}

// Loads and checks `path`; the rendered diagnostics.
std::string check(Compilation& c, const std::string& path) {
  auto program = c.load(path);
  if (!program) return "unreadable: " + rendered(c);
  (void)c.analyze(*program);
  return rendered(c);
}

TEST(Frontend, ImportFoundOnlyInTheOverlayCompiles) {
  auto files = overlayOverDisk();
  files->setBuffer("/nonexistent/magicc/main.mm",
                   "import \"lib/common.mm\"\nitem b { depends: a }\n");
  files->setBuffer("/nonexistent/magicc/lib/common.mm", "item a {}\n");
  Compilation c(readingFrom(files));
  auto program = c.load("/nonexistent/magicc/main.mm");
  ASSERT_TRUE(program);
  EXPECT_EQ(program->modules.size(), 2u);
  (void)c.analyze(*program);
  EXPECT_EQ(rendered(c), "");
}

TEST(Frontend, OverlayShadowsTheDiskFile) {
  auto dir = std::filesystem::temp_directory_path() / "magicc_frontend_test";
  std::filesystem::create_directories(dir);
  std::string path = (dir / "shadowed.mm").string();
  std::ofstream(path) << "item a { depends: missing }\n";
  {
    Compilation onDisk;
    EXPECT_NE(check(onDisk, path).find("unknown item or resource 'missing'"), std::string::npos);
  }
  auto files = overlayOverDisk();
  files->setBuffer(path, "item a {}\n");
  Compilation edited(readingFrom(files));
  EXPECT_EQ(check(edited, path), "");
  // Through another spelling of the same path, still the buffer.
  auto again = edited.sources().loadFile((dir / "." / "shadowed.mm").string());
  EXPECT_TRUE(again.alreadyLoaded);
  files->removeBuffer(path);
  Compilation reverted(readingFrom(files));
  EXPECT_NE(check(reverted, path), "");
  std::filesystem::remove_all(dir);
}

TEST(Frontend, MissingImportKeepsItsMessage) {
  auto files = overlayOverDisk();
  files->setBuffer("/nonexistent/magicc/main.mm", "import \"gone.mm\"\n");
  Compilation c(readingFrom(files));
  EXPECT_NE(check(c, "/nonexistent/magicc/main.mm")
                .find("error: cannot import 'gone.mm': No such file or directory"),
            std::string::npos);
}

TEST(Frontend, CompilationsShareOneStdlibAndPointIntoIt) {
  Compilation first;
  Compilation second;
  EXPECT_EQ(&first.stdlib(), &second.stdlib());
  EXPECT_EQ(&first.stdlib(), StandardLibrary::shared().get());
  // A program redefining a built-in kind: the note points into the stdlib,
  // rendered from each compilation's own SourceManager.
  for (Compilation* c : {&first, &second}) {
    source::FileId root = c->sources().addBuffer(
        "prog.mm", "kind file {\n  in path: string\n}\nitem x { depends: y }\n");
    (void)c->analyze(c->load(root));
    std::string out = rendered(*c);
    EXPECT_NE(out.find("prog.mm:1:6: error: "), std::string::npos) << out;
    EXPECT_NE(out.find("<stdlib>/core.mm:4:6: note: "), std::string::npos) << out;
    EXPECT_NE(out.find("\nkind file {\n     ^"), std::string::npos) << out;
    EXPECT_NE(out.find("prog.mm:4:19: error: unknown item or resource 'y'"), std::string::npos)
        << out;
  }
}

TEST(Frontend, AStdlibGivenExplicitlyOutlivesItsOwner) {
  auto stdlib = StandardLibrary::parse();
  const StandardLibrary* raw = stdlib.get();
  EXPECT_TRUE(stdlib->diagnostics().empty());
  CompilationOptions options;
  options.stdlib = std::move(stdlib);
  auto c = std::make_unique<Compilation>(std::move(options));
  EXPECT_EQ(&c->stdlib(), raw);
  EXPECT_NE(raw, StandardLibrary::shared().get());
  source::FileId root = c->sources().addBuffer("p.mm", "resource file f { path: \"/tmp/x\" }\n");
  (void)c->analyze(c->load(root));
  EXPECT_EQ(rendered(*c), "");
}

TEST(Frontend, CompilationsOnSeveralThreadsAtOnce) {
  auto files = overlayOverDisk();
  files->setBuffer("/nonexistent/magicc/t/lib.mm", "item a {}\n");
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::string main = "/nonexistent/magicc/t/main" + std::to_string(t) + ".mm";
      files->setBuffer(main, "import \"lib.mm\"\nitem b { depends: [a, c] }\nkind exec {}\n");
      for (int i = 0; i < 25; ++i) {
        Compilation c(readingFrom(files));
        std::string out = check(c, main);
        bool ok = out.find(":2:23: error: unknown item or resource 'c'") != std::string::npos &&
                  out.find("<stdlib>/core.mm:") != std::string::npos;
        if (!ok || c.diags().errorCount() != 2) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

// What a destroyed Compilation held is gone: here the file system it read
// through; the sanitizer build's LeakSanitizer checks the rest.
TEST(Frontend, ADestroyedCompilationFreesWhatItHeld) {
  auto files = overlayOverDisk();
  files->setBuffer("/nonexistent/magicc/p.mm", "item a {}\n");
  std::weak_ptr<source::OverlayFileSystem> watch = files;
  {
    Compilation c(readingFrom(std::move(files)));
    EXPECT_EQ(check(c, "/nonexistent/magicc/p.mm"), "");
    EXPECT_FALSE(watch.expired());
  }
  EXPECT_TRUE(watch.expired());
}

// The command line's choice: the memory is left to the operating system,
// marked so that LeakSanitizer does not report it.
TEST(Frontend, LeakOnExitLeavesTheMemoryUnfreed) {
  auto files = overlayOverDisk();
  files->setBuffer("/nonexistent/magicc/p.mm", "item a {}\n");
  std::weak_ptr<source::OverlayFileSystem> watch = files;
  {
    Compilation c(readingFrom(std::move(files)));
    c.leakOnExit();
    EXPECT_EQ(check(c, "/nonexistent/magicc/p.mm"), "");
  }
  EXPECT_FALSE(watch.expired());
}

}  // namespace
}  // namespace magicc::frontend
