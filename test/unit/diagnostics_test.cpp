#include <gtest/gtest.h>

#include "diag/ConsoleRenderer.h"
#include "diag/DiagnosticEngine.h"
#include "diag/JsonRenderer.h"

namespace magicc::diag {
namespace {

using source::SourceLoc;
using source::SourceRange;

TEST(Diagnostics, ConsoleShowsLineCaretAndTildes) {
  source::SourceManager sm;
  auto f = sm.addBuffer("x.mm", "item a {\n  dependz: b\n}\n");
  DiagnosticEngine diags;
  diags.report(DiagId::UnknownField, SourceRange({f, 11}, {f, 18}), "dependz", "item",
               "; did you mean 'depends'?");
  diags.note(DiagId::DeclaredHere, SourceRange({f, 5}, {f, 6}), "item 'a'");
  std::string out;
  ConsoleRenderer(sm, {}).render(diags.diagnostics()[0], out);
  EXPECT_EQ(out,
            "x.mm:2:3: error: unknown field 'dependz' in item; did you mean 'depends'?\n"
            "  dependz: b\n"
            "  ^~~~~~~\n"
            "x.mm:1:6: note: item 'a' declared here\n"
            "item a {\n"
            "     ^\n");
}

TEST(Diagnostics, TabsAndControlBytesKeepTheCaretAligned) {
  source::SourceManager sm;
  std::string text = "\tab\x01x @";
  auto f = sm.addBuffer("t.mm", text);
  DiagnosticEngine diags;
  diags.report(DiagId::UnexpectedChar, SourceRange({f, 6}, {f, 7}), "@");
  std::string out;
  ConsoleRenderer(sm, {}).render(diags.diagnostics()[0], out);
  EXPECT_EQ(out,
            "t.mm:1:7: error: unexpected character '@'\n"
            "        ab<01>x @\n"
            "                ^\n");
}

TEST(Diagnostics, ColourOnlyWhenAsked) {
  source::SourceManager sm;
  auto f = sm.addBuffer("c.mm", "x");
  DiagnosticEngine diags;
  diags.report(DiagId::UnexpectedChar, SourceRange({f, 0}, {f, 1}), "x");
  std::string plain, coloured;
  ConsoleRenderer(sm, {false}).render(diags.diagnostics()[0], plain);
  ConsoleRenderer(sm, {true}).render(diags.diagnostics()[0], coloured);
  EXPECT_EQ(plain.find('\033'), std::string::npos);
  EXPECT_NE(coloured.find("\033[1;31merror"), std::string::npos);
}

TEST(Diagnostics, JsonCarriesPositionsKindNotesAndFixIts) {
  source::SourceManager sm;
  auto f = sm.addBuffer("j.mm", "item a {\n  depends b\n}");
  DiagnosticEngine diags;
  auto& d = diags.report(DiagId::ExpectedColonAfterField, SourceRange(SourceLoc{f, 18}), "depends");
  d.fixIts.push_back({SourceRange(SourceLoc{f, 18}), ":"});
  auto j = toJson(diags.diagnostics(), sm);
  EXPECT_EQ(j["errors"], 1);
  const auto& first = j["diagnostics"][0];
  EXPECT_EQ(first["file"], "j.mm");
  EXPECT_EQ(first["line"], 2);
  EXPECT_EQ(first["column"], 10);
  EXPECT_EQ(first["severity"], "error");
  EXPECT_EQ(first["kind"], "ExpectedColonAfterField");
  EXPECT_EQ(first["fixits"][0]["replacement"], ":");
}

TEST(Diagnostics, SortedByPositionAndWerror) {
  source::SourceManager sm;
  auto f = sm.addBuffer("s.mm", "abcdef");
  DiagnosticEngine diags;
  diags.report(DiagId::UnexpectedChar, SourceRange(SourceLoc{f, 4}), "e");
  diags.report(DiagId::DeclaredHere, SourceRange(SourceLoc{f, 1}), "b");
  diags.sortByLocation();
  EXPECT_EQ(diags.diagnostics()[0].range.begin.offset, 1u);
  EXPECT_EQ(ConsoleRenderer::summary(2, 1), "1 warning and 2 errors generated.");
  EXPECT_EQ(ConsoleRenderer::summary(1, 0), "1 error generated.");
}

TEST(Diagnostics, EveryKindHasAName) {
  for (int i = 0; i < static_cast<int>(DiagId::Count); ++i) {
    const auto& kind = diagnosticKind(static_cast<DiagId>(i));
    EXPECT_FALSE(kind.name.empty());
    EXPECT_FALSE(kind.format.empty());
  }
}

}  // namespace
}  // namespace magicc::diag
