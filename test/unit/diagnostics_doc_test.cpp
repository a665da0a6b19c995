// docs/diagnostics.md must describe every diagnostic kind the registry declares.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "diag/Diagnostic.h"

namespace magicc::diag {
namespace {

TEST(DiagnosticsDoc, EveryKindIsDocumented) {
  std::ifstream in(std::string(MAGICC_SOURCE_DIR) + "/docs/diagnostics.md");
  ASSERT_TRUE(in) << "docs/diagnostics.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  for (int i = 0; i < static_cast<int>(DiagId::Count); ++i) {
    std::string heading = "## " + std::string(diagnosticKind(static_cast<DiagId>(i)).name) + "\n";
    EXPECT_NE(text.str().find(heading), std::string::npos)
        << heading << "is not in docs/diagnostics.md; run docs/tools/gen_diagnostics.py";
  }
}

}  // namespace
}  // namespace magicc::diag
