// Conditions lowered from the AST to a flat postfix program over interned
// tags and host vars. The planner evaluates them for every target; the
// condition engine (and its JIT) compiles the same form.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ir/NameTable.h"
#include "syntax/Ast.h"

namespace magicc::ir {

struct CondOp {
  enum class Kind : std::uint8_t {
    True,
    False,
    Tag,             // name: the tag is in the target's set
    VarEquals,       // name: host var; value: the string it must equal
    VarEqualsParam,  // name: host var; value: the param whose value it must equal
    Not,
    And,
    Or,  // arity operands from the stack
  };
  Kind kind = Kind::True;
  bool negate = false;  // VarEquals/VarEqualsParam: '!='
  NameId name = kNoName;
  std::uint32_t arity = 0;
  std::string value;
};

struct Condition {
  std::vector<CondOp> ops;  // postfix; empty means true
  std::string text;         // as written, for "if coffee is false"
  bool alwaysTrue() const { return ops.empty(); }
};

// What a condition is evaluated against: a target's tags (its requirements)
// and host vars, and the param values of the run.
struct Requirements {
  std::unordered_set<NameId> tags;
  std::unordered_map<NameId, std::string> vars;
};
using ParamValues = std::unordered_map<std::string, std::string>;

Condition lowerCondition(const syntax::Expr& e, std::string text, NameTable& names);
bool evaluate(const Condition& c, const Requirements& target, const ParamValues& params);

}  // namespace magicc::ir
