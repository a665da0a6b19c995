// Conditions in their compact, bit-sliced form. Every predicate a condition
// tests on a host ("has tag os.debian", "var cluster == bravo") is an input
// with a dense index; a host matrix holds, for each batch of 64 hosts, one
// 64-bit word per input. A condition is then a few word operations that
// decide it for 64 hosts at once. The interpreter and the JIT both consume
// this form (cond/Engine.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/Condition.h"

namespace magicc::cond {

struct Op {
  enum class Kind : std::uint8_t { Input, Zero, Ones, Not, And, Or };
  Kind kind = Kind::Zero;
  std::uint32_t arg = 0;  // Input: the input index; And/Or: the operand count
};

struct Input {
  enum class Kind : std::uint8_t { Tag, VarEquals };
  Kind kind = Kind::Tag;
  ir::NameId name = ir::kNoName;  // the tag, or the host var
  std::string value;              // VarEquals: the value compared with
};

struct Program {
  std::vector<Op> ops;               // every condition's postfix ops, one after another
  std::vector<std::uint32_t> start;  // condition c is ops[start[c] .. start[c+1])
  std::vector<Input> inputs;
  std::size_t conditionCount() const { return start.empty() ? 0 : start.size() - 1; }
  std::size_t maxStack = 1;  // the deepest operand stack any condition needs
};

// Lowers the graph's conditions; `$param` comparisons take the run's values
// now (a missing param equals nothing).
Program compileProgram(const std::vector<ir::Condition>& conditions, const ir::ParamValues& params);

// Inputs for a set of hosts, 64 to a word: words[batch * inputs + i].
struct HostMatrix {
  std::size_t hosts = 0;
  std::size_t batches = 0;
  std::size_t inputs = 0;
  std::vector<std::uint64_t> words;
};

HostMatrix buildHostMatrix(const Program& program,
                           const std::vector<const ir::Requirements*>& hosts);

}  // namespace magicc::cond
