// The condition engines agree bit for bit: the bitset interpreter, the LLVM
// JIT, and the plain tree evaluator the planner started with, on thousands
// of random conditions (tags, host-var comparisons, `$param`s, deep nesting)
// over random hosts.
#include <gtest/gtest.h>

#include <random>

#include "cond/Engine.h"
#include "ir/Condition.h"
#include "jit/Jit.h"

namespace magicc::cond {
namespace {

struct RandomWorld {
  std::mt19937 rng{20261124};
  ir::NameTable names;
  std::vector<ir::NameId> tags, vars;
  std::vector<std::string> values{"alfa", "bravo", "charlie"};

  RandomWorld() {
    // Appended, not "t" + string: GCC 12 warns falsely (-Wrestrict) on that.
    for (int i = 0; i < 24; ++i)
      tags.push_back(names.intern(std::string("t").append(std::to_string(i))));
    for (int i = 0; i < 3; ++i)
      vars.push_back(names.intern(std::string("v").append(std::to_string(i))));
  }
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  }

  // A random condition in postfix, `depth` levels of nesting at most.
  void condition(std::vector<ir::CondOp>& out, int depth) {
    std::size_t kind = depth <= 0 ? pick(4) : pick(8);
    ir::CondOp op;
    switch (kind) {
      case 0:
      case 1:
        op.kind = ir::CondOp::Kind::Tag;
        op.name = tags[pick(tags.size())];
        break;
      case 2:
        op.kind = ir::CondOp::Kind::VarEquals;
        op.name = vars[pick(vars.size())];
        op.value = values[pick(values.size())];
        op.negate = pick(2) == 0;
        break;
      case 3:
        op.kind = ir::CondOp::Kind::VarEqualsParam;
        op.name = vars[pick(vars.size())];
        op.value = pick(4) == 0 ? "unset" : "cluster";
        op.negate = pick(2) == 0;
        break;
      case 4:
        condition(out, depth - 1);
        op.kind = ir::CondOp::Kind::Not;
        break;
      case 5:
        op.kind = pick(2) ? ir::CondOp::Kind::True : ir::CondOp::Kind::False;
        break;
      default: {
        std::uint32_t arity = 2 + static_cast<std::uint32_t>(pick(3));
        for (std::uint32_t i = 0; i < arity; ++i) condition(out, depth - 1);
        op.kind = pick(2) ? ir::CondOp::Kind::And : ir::CondOp::Kind::Or;
        op.arity = arity;
      }
    }
    out.push_back(op);
  }

  ir::Requirements host() {
    ir::Requirements r;
    for (auto t : tags)
      if (pick(3) == 0) r.tags.insert(t);
    for (auto v : vars)
      if (pick(4) != 0) r.vars[v] = values[pick(values.size())];
    return r;
  }
};

void expectAgree(int conditionCount, int hostCount, int depth) {
  RandomWorld world;
  std::vector<ir::Condition> conditions(conditionCount);
  for (auto& c : conditions) world.condition(c.ops, depth);
  std::vector<ir::Requirements> hosts(hostCount);
  for (auto& h : hosts) h = world.host();
  std::vector<const ir::Requirements*> hostPtrs;
  for (const auto& h : hosts) hostPtrs.push_back(&h);
  ir::ParamValues params{{"cluster", "bravo"}};

  Program program = compileProgram(conditions, params);
  HostMatrix matrix = buildHostMatrix(program, hostPtrs);
  std::vector<std::uint64_t> interpreted, compiled;
  makeInterpreter(program)->evaluate(matrix, interpreted);

  for (std::size_t c = 0; c < conditions.size(); ++c)
    for (std::size_t h = 0; h < hosts.size(); ++h) {
      bool expected = ir::evaluate(conditions[c], hosts[h], params);
      bool got = (interpreted[c * matrix.batches + h / 64] >> (h % 64)) & 1;
      ASSERT_EQ(got, expected) << "condition " << c << " host " << h;
    }

  if (!jit::available()) GTEST_SKIP() << "built without the JIT";
  std::string error;
  auto engine = jit::compile(program, error);
  ASSERT_NE(engine, nullptr) << error;
  engine->evaluate(matrix, compiled);
  ASSERT_EQ(compiled.size(), interpreted.size());
  for (std::size_t c = 0; c < conditions.size(); ++c)
    for (std::size_t b = 0; b < matrix.batches; ++b) {
      // Bits past the last host are don't-cares.
      std::size_t live = std::min<std::size_t>(64, hosts.size() - b * 64);
      std::uint64_t mask = live == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << live) - 1;
      ASSERT_EQ(compiled[c * matrix.batches + b] & mask, interpreted[c * matrix.batches + b] & mask)
          << "condition " << c << " batch " << b;
    }
}

TEST(ConditionEngines, AgreeOnThousandsOfShallowConditions) {
  expectAgree(3000, 300, 2);
}
TEST(ConditionEngines, AgreeOnDeeplyNestedConditions) {
  expectAgree(500, 130, 12);
}
TEST(ConditionEngines, AgreeOnOneHostAndOnManyBatches) {
  expectAgree(200, 1, 4);
  expectAgree(200, 64 * 9 + 5, 4);
}

TEST(ConditionEngines, EmptyConditionIsTrueForEveryHost) {
  std::vector<ir::Condition> conditions(1);
  ir::Requirements host;
  Program program = compileProgram(conditions, {});
  HostMatrix matrix = buildHostMatrix(program, {&host, &host});
  std::vector<std::uint64_t> masks;
  makeInterpreter(program)->evaluate(matrix, masks);
  EXPECT_EQ(masks[0] & 3, 3u);
}

}  // namespace
}  // namespace magicc::cond
