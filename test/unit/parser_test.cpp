// The parser and AST builder: every construct of the v0 language, operator
// precedence, and recovery that reports each mistake once.
#include <gtest/gtest.h>

#include "TestSupport.h"

namespace magicc::syntax {
namespace {

using test::parse;

const Expr& fieldValue(const BlockDecl& d, std::string_view name) {
  const Field* f = d.field(name);
  EXPECT_NE(f, nullptr) << name;
  return *f->value;
}

TEST(Parser, ItemWithEveryField) {
  auto p = parse(R"(
item make_coffee {
  if: coffee
  depends: [get_up, wake_up]
  run: "brew --strong"
  retries: 2, retry_delay: 5s; timeout: 1m
  meta: { owner: "ops", "free key": 1 }
})");
  ASSERT_TRUE(p->messages().empty()) << p->messages()[0];
  ASSERT_EQ(p->module->decls.size(), 1u);
  auto* item = as<ItemDecl>(*p->module->decls[0]);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->name.name, "make_coffee");
  EXPECT_EQ(item->fields.size(), 7u);
  EXPECT_EQ(fieldValue(*item, "if").kind, ExprKind::Name);
  EXPECT_EQ(fieldValue(*item, "depends").operands.size(), 2u);
  EXPECT_EQ(fieldValue(*item, "retry_delay").intValue, 5000);
  EXPECT_EQ(fieldValue(*item, "timeout").intValue, 60000);
  const Expr& meta = fieldValue(*item, "meta");
  ASSERT_EQ(meta.entries.size(), 2u);
  EXPECT_EQ(meta.entries[1].key.name, "free key");
}

TEST(Parser, ConditionPrecedenceNotAndOr) {
  auto p = parse("item x { if: a | !b & c.d == \"v\" | e != $p }");
  ASSERT_TRUE(p->messages().empty()) << p->messages()[0];
  const Expr& e = fieldValue(*as<ItemDecl>(*p->module->decls[0]), "if");
  ASSERT_EQ(e.kind, ExprKind::Or);
  ASSERT_EQ(e.operands.size(), 3u);
  const Expr& conj = *e.operands[1];
  ASSERT_EQ(conj.kind, ExprKind::And);
  EXPECT_EQ(conj.operands[0]->kind, ExprKind::Not);
  const Expr& cmp = *conj.operands[1];
  ASSERT_EQ(cmp.kind, ExprKind::Compare);
  EXPECT_EQ(cmp.operands[0]->name, "c.d");
  EXPECT_EQ(cmp.compareOp, CompareOp::Equal);
  EXPECT_EQ(e.operands[2]->compareOp, CompareOp::NotEqual);
  EXPECT_EQ(e.operands[2]->operands[1]->kind, ExprKind::ParamRef);
}

TEST(Parser, ParenthesesAreRecorded) {
  auto p = parse("item x { if: (os.debian | os.rhel5) & !support_level.basic }");
  ASSERT_TRUE(p->messages().empty());
  const Expr& e = fieldValue(*as<ItemDecl>(*p->module->decls[0]), "if");
  ASSERT_EQ(e.kind, ExprKind::And);
  EXPECT_TRUE(e.operands[0]->parenthesized);
  EXPECT_EQ(e.operands[0]->kind, ExprKind::Or);
  EXPECT_EQ(p->at(e.operands[0]->range.begin), "1:14");
}

TEST(Parser, ParamsWithEveryType) {
  auto p = parse(R"(
param a: bool = true
param b: int = -3
param c: string matches "^[a-z]+$" = "x"
param d: duration = 10s
param e: secret
param f: list[string] = ["x", "y"]
param g: map[int] = { x: 1 }
param h: "dev" | "prod" = "dev"
param i: list[int]?
)");
  ASSERT_TRUE(p->messages().empty()) << p->messages()[0];
  ASSERT_EQ(p->module->decls.size(), 9u);
  auto spec = [&](int i) -> const ParamSpec& { return as<ParamDecl>(*p->module->decls[i])->spec; };
  EXPECT_EQ(spec(1).defaultValue->intValue, -3);
  ASSERT_TRUE(spec(2).matches.has_value());
  EXPECT_EQ(spec(2).matches->name, "^[a-z]+$");
  EXPECT_EQ(spec(5).type->kind, TypeExpr::Kind::List);
  EXPECT_EQ(spec(5).type->element->name, "string");
  EXPECT_EQ(spec(6).type->kind, TypeExpr::Kind::Map);
  ASSERT_EQ(spec(7).type->kind, TypeExpr::Kind::Enum);
  EXPECT_EQ(spec(7).type->enumValues.size(), 2u);
  ASSERT_EQ(spec(8).type->kind, TypeExpr::Kind::Optional);
  EXPECT_EQ(spec(8).type->element->kind, TypeExpr::Kind::List);
}

TEST(Parser, KindsResourcesAndEdges) {
  auto p = parse(R"(
kind haproxy_server {
  in backend: string
  in state: "enabled" | "disabled" = "enabled"
  out weight: int
  check: "haproxy-ctl status ${backend}"
  apply: "haproxy-ctl set ${backend} ${state}"
}
resource password db_pw { length: 32 }
resource file db_conf { path: "/etc/db.conf" }
db_pw.value -> db_conf.content
a -> b -> c
db_conf ~> app
)");
  ASSERT_TRUE(p->messages().empty()) << p->messages()[0];
  auto* kind = as<KindDecl>(*p->module->decls[0]);
  ASSERT_NE(kind, nullptr);
  ASSERT_EQ(kind->members.size(), 3u);
  EXPECT_TRUE(kind->members[2].isOutput);
  EXPECT_NE(kind->members[1].defaultValue, nullptr);
  EXPECT_EQ(kind->fields.size(), 2u);
  auto* res = as<ResourceDecl>(*p->module->decls[1]);
  EXPECT_EQ(res->kindName.name, "password");
  EXPECT_EQ(res->name.name, "db_pw");
  auto* send = as<EdgeDecl>(*p->module->decls[3]);
  ASSERT_EQ(send->ends.size(), 2u);
  EXPECT_EQ(send->ends[0].field->name, "value");
  auto* chain = as<EdgeDecl>(*p->module->decls[4]);
  EXPECT_EQ(chain->ends.size(), 3u);
  auto* refresh = as<EdgeDecl>(*p->module->decls[5]);
  EXPECT_EQ(refresh->ops[0], EdgeOp::Refresh);
}

TEST(Parser, PipelineWithParamsStagesAndRequires) {
  auto p = parse(R"(
pipeline up(backend: string matches "^[a-z]+$", revision: int, mem: int = 1024,) {
  requires: ["appmgr"]
  stage one { on: appmgr & cluster == $cluster, batch: 2, run: "x ${revision}" }
  stage two { foreach: [a, b], call: "svc.Method", args: { n: mem } }
  stage three { apply: [db_conf], sudo: true, summarize: true, max_fail: "25%" }
}
)");
  ASSERT_TRUE(p->messages().empty()) << p->messages()[0];
  auto* pipe = as<PipelineDecl>(*p->module->decls[0]);
  ASSERT_NE(pipe, nullptr);
  EXPECT_EQ(pipe->params.size(), 3u);
  EXPECT_EQ(pipe->fields.size(), 1u);
  ASSERT_EQ(pipe->stages.size(), 3u);
  EXPECT_EQ(pipe->stages[0].field("on")->value->kind, ExprKind::And);
  EXPECT_EQ(pipe->stages[1].field("args")->value->entries[0].value->kind, ExprKind::Name);
}

TEST(Parser, ImportsHostsAndInventory) {
  auto p = parse(R"(
import "common.mm"
inventory "hosts.yaml"
host fe001 { address: "10.0.0.1", user: "deploy", port: 22, tags: [frontend, os.debian], vars: { cluster: "alfa" } }
)");
  ASSERT_TRUE(p->messages().empty()) << p->messages()[0];
  EXPECT_EQ(as<ImportDecl>(*p->module->decls[0])->path.name, "common.mm");
  EXPECT_EQ(as<InventoryDecl>(*p->module->decls[1])->path.name, "hosts.yaml");
  auto* host = as<HostDecl>(*p->module->decls[2]);
  EXPECT_EQ(fieldValue(*host, "tags").operands[1]->name, "os.debian");
}

TEST(Parser, EachDeclarationKeepsItsRange) {
  auto p = parse("item a {}\n\nitem b {\n}\n");
  ASSERT_EQ(p->module->decls.size(), 2u);
  EXPECT_EQ(p->at(p->module->decls[1]->range.begin), "3:1");
  EXPECT_EQ(p->at(p->module->decls[1]->range.end), "4:2");
}

TEST(Parser, OneMistakeOneError) {
  auto p = parse("item a {\n  depends get_up\n  run: \"x\"\n}\nitem b { depends: a }\n");
  ASSERT_EQ(p->messages().size(), 1u);
  EXPECT_EQ(p->messages()[0], "2:10: expected ':' after field name 'depends'");
  // Recovery keeps both items and the field after the mistake.
  ASSERT_EQ(p->module->decls.size(), 2u);
  EXPECT_TRUE(p->module->decls[0]->hasSyntaxErrors);
  EXPECT_NE(as<ItemDecl>(*p->module->decls[0])->field("run"), nullptr);
  EXPECT_FALSE(p->module->decls[1]->hasSyntaxErrors);
}

TEST(Parser, EveryIndependentMistakeIsReported) {
  auto p = parse(
      "item a { depends get_up }\n"
      "item b { if: a & }\n"
      "item c { run: [x, }\n"
      "itme d {}\n"
      "item e { dependz: a }\n");
  EXPECT_EQ(p->messages(), (std::vector<std::string>{
                               "1:17: expected ':' after field name 'depends'",
                               "2:18: expected a condition after '&', found '}'",
                               "3:19: expected ']' to close the list, found '}'",
                               "4:1: unknown declaration 'itme'; did you mean 'item'?",
                               "5:10: unknown field 'dependz' in item; did you mean 'depends'?",
                           }));
}

TEST(Parser, MissingBraceAtEndOfFile) {
  auto p = parse("item a {\n  run: \"x\"\n");
  ASSERT_EQ(p->messages().size(), 1u);
  EXPECT_EQ(p->messages()[0], "3:1: expected '}' to close item 'a', found end of file");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string text =
      "item a { if: " + std::string(50000, '(') + "x" + std::string(50000, ')') + " }";
  auto p = parse(text);
  ASSERT_EQ(p->messages().size(), 1u);
  EXPECT_EQ(p->messages()[0], "1:269: nesting too deep (more than 256 levels)");
}

TEST(Parser, LongNegationChainsAreBounded) {
  std::string text = "item a { if: " + std::string(100000, '!') + "x }";
  auto p = parse(text);
  ASSERT_EQ(p->messages().size(), 1u);
  EXPECT_NE(p->messages()[0].find("nesting too deep"), std::string::npos);
}

TEST(Parser, LongOperatorChainsAreFlat) {
  std::string text = "item a { if: x";
  for (int i = 0; i < 20000; ++i) text += " & x";
  text += " }";
  auto p = parse(text);
  ASSERT_TRUE(p->messages().empty());
  EXPECT_EQ(fieldValue(*as<ItemDecl>(*p->module->decls[0]), "if").operands.size(), 20001u);
}

}  // namespace
}  // namespace magicc::syntax
