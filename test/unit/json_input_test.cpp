// Untrusted JSON: bounded nesting (support/Json.h), saved plans checked field
// by field (plan/PlanFile.h), make-magic items validated (compat/MakeMagic.h).
#include <gtest/gtest.h>

#include <string>

#include "compat/MakeMagic.h"
#include "plan/PlanFile.h"
#include "support/Json.h"
#include "support/Utf8.h"

namespace magicc {
namespace {

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(JsonInput, DepthIsBoundedWithoutRecursion) {
  EXPECT_TRUE(support::parseJson(nested(64)).value);
  auto deep = support::parseJson(nested(65));
  EXPECT_FALSE(deep.value);
  EXPECT_EQ(deep.error, "JSON nested deeper than 64 levels at byte 65");
  // A million levels: one pass, no stack.
  EXPECT_EQ(support::findJsonTooDeep(nested(1'000'000)), 64u);
  EXPECT_EQ(support::findJsonTooDeep(nested(3), 2), 2u);
}

TEST(JsonInput, BracketsInStringsDoNotCount) {
  std::string text = "[\"" + std::string(1000, '[') + "\\\"[\", {\"k\": \"{\"}]";
  auto r = support::parseJson(text, 2);
  ASSERT_TRUE(r.value) << r.error;
  EXPECT_EQ((*r.value)[0].get<std::string>(), std::string(1000, '[') + "\"[");
}

TEST(JsonInput, InvalidJsonNamesTheByte) {
  EXPECT_EQ(support::parseJson("[1, 2").error, "invalid JSON at byte 6");
  EXPECT_EQ(support::parseJson("1e400").error, "invalid JSON: a number is out of range");
  // Ordered JSON keeps the keys' order (plans are re-rendered byte for byte).
  auto ordered = support::parseJson<nlohmann::ordered_json>(R"({"b": 1, "a": 2})");
  ASSERT_TRUE(ordered.value);
  EXPECT_EQ(ordered.value->begin().key(), "b");
}

plan::Json validPlan() {
  return plan::Json::parse(R"({"version": 1, "targets": [{"target": "local", "requirements": [],
    "nodes": [{"name": "a", "type": "item", "depends": []}], "filtered": [], "flows": [],
    "waves": [["a"]], "counts": {"items": 1, "resources": 0, "edges": 1}}]})");
}

TEST(PlanFile, ChecksEveryFieldTheRenderersRead) {
  EXPECT_EQ(plan::checkPlan(validPlan()), "");
  plan::Json p = validPlan();
  p["targets"][0]["counts"]["items"] = 1e20;
  EXPECT_EQ(plan::checkPlan(p),
            "targets[0].counts.items must be a non-negative integer, not a float");
  p = validPlan();
  p["targets"][0]["counts"]["edges"] = -1;
  EXPECT_EQ(plan::checkPlan(p),
            "targets[0].counts.edges must be a non-negative integer, not a negative integer");
  p = validPlan();
  p["targets"][0]["waves"][0][0] = 7;
  EXPECT_EQ(plan::checkPlan(p), "targets[0].waves[0][0] must be a string, not an integer");
  p = validPlan();
  p["version"] = 2;
  EXPECT_EQ(plan::checkPlan(p), "version must be 1, not 2");
  p = validPlan();
  p["pipeline"] = {
      {"name", "x"}, {"params", plan::Json::object()}, {"stages", {{{"name", "s"}, {"tasks", 3}}}}};
  EXPECT_EQ(plan::checkPlan(p),
            "pipeline.stages[0].tasks must be an array of objects, not an integer");
  EXPECT_EQ(plan::checkPlan(plan::Json::array()), "the plan must be an object, not an array");
}

TEST(PlanFile, ParsePlanBoundsDepth) {
  auto deep = plan::parsePlan(R"({"version": 1, "targets": [], "x": )" + nested(100000) + "}");
  EXPECT_FALSE(deep.doc);
  EXPECT_EQ(deep.error.rfind("JSON nested deeper than 64 levels", 0), 0u) << deep.error;
  auto ok = plan::parsePlan(validPlan().dump());
  EXPECT_TRUE(ok.doc) << ok.error;
}

std::vector<std::string> importErrors(const char* items) {
  return compat::importMakeMagicItems(nlohmann::json::parse(items), "t.json").errors;
}

TEST(MakeMagicImport, DuplicatesUnknownDependenciesAndCycles) {
  EXPECT_EQ(importErrors(R"([{"name": "a"}, {"name": "a"}])"),
            std::vector<std::string>{"item 'a' is defined twice (items 1 and 2)"});
  EXPECT_EQ(importErrors(R"([{"name": "a", "depends": ["b", "c"]}])"),
            (std::vector<std::string>{"item 'a' depends on 'b', which is not an item",
                                      "item 'a' depends on 'c', which is not an item"}));
  EXPECT_EQ(importErrors(R"([{"name": "x", "depends": "y"}, {"name": "y", "depends": ["x"]}])"),
            std::vector<std::string>{"items depend on each other in a cycle: x -> y -> x"});
  // A long chain is not a cycle, and is walked without recursion.
  std::string chain = R"([{"name": "n0"})";
  for (int i = 1; i < 100000; ++i)
    chain += ", {\"name\": \"n" + std::to_string(i) + "\", \"depends\": \"n" +
             std::to_string(i - 1) + "\"}";
  EXPECT_TRUE(importErrors((chain + "]").c_str()).empty());
}

TEST(MakeMagicImport, StringsParseBackOrAreRefused) {
  auto r = compat::importMakeMagicItems(
      nlohmann::json::parse(R"([{"name": "a", "d": "q\"\\$\n\t"}])"), "t.json");
  ASSERT_TRUE(r.errors.empty());
  EXPECT_NE(r.program.find(R"(d: "q\"\\$$\n\t")"), std::string::npos) << r.program;
  EXPECT_EQ(importErrors(R"([{"name": "a", "d": "x\r"}])"),
            std::vector<std::string>{
                "item 'a': d holds a control character (\\x0D) that a magic string cannot"});
}

TEST(Printable, FindsControlsC1AndBidi) {
  using support::findUnprintable;
  EXPECT_EQ(findUnprintable("web-01.example.com"), std::string_view::npos);
  EXPECT_EQ(findUnprintable("caf\xC3\xA9"), std::string_view::npos);
  EXPECT_EQ(findUnprintable("a\nb"), 1u);
  EXPECT_EQ(findUnprintable("a\x7f"), 1u);
  EXPECT_EQ(findUnprintable("a\xC2\x9B"), 1u);       // C1 CSI
  EXPECT_EQ(findUnprintable("ab\xE2\x80\xAE"), 2u);  // U+202E
  EXPECT_EQ(findUnprintable("\xFF"), 0u);
  EXPECT_EQ(support::printable("a\xC2\x9B"
                               "b"),
            "a\\xC2\\x9Bb");
}

}  // namespace
}  // namespace magicc
