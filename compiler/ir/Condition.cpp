#include "ir/Condition.h"

namespace magicc::ir {

namespace {

void lower(const syntax::Expr& e, NameTable& names, std::vector<CondOp>& out) {
  using K = syntax::ExprKind;
  CondOp op;
  switch (e.kind) {
    case K::Bool:
      op.kind = e.boolValue ? CondOp::Kind::True : CondOp::Kind::False;
      break;
    case K::Name:
      op.kind = CondOp::Kind::Tag;
      op.name = names.intern(e.name);
      break;
    case K::String:  // a quoted tag, such as "web-servers"
      op.kind = CondOp::Kind::Tag;
      op.name = names.intern(e.plainString().value_or(""));
      break;
    case K::Compare: {
      const syntax::Expr& var = *e.operands[0];
      const syntax::Expr& rhs = *e.operands[1];
      op.name = names.intern(var.name);
      op.negate = e.compareOp == syntax::CompareOp::NotEqual;
      if (rhs.kind == K::ParamRef) {
        op.kind = CondOp::Kind::VarEqualsParam;
        op.value = rhs.name;
      } else {
        op.kind = CondOp::Kind::VarEquals;
        op.value = rhs.plainString().value_or("");
      }
      break;
    }
    case K::Not:
      lower(*e.operands[0], names, out);
      op.kind = CondOp::Kind::Not;
      break;
    case K::And:
    case K::Or:
      for (const auto& operand : e.operands) lower(*operand, names, out);
      op.kind = e.kind == K::And ? CondOp::Kind::And : CondOp::Kind::Or;
      op.arity = static_cast<std::uint32_t>(e.operands.size());
      break;
    default:
      op.kind = CondOp::Kind::False;  // rejected by the checker; never reached
      break;
  }
  out.push_back(std::move(op));
}

}  // namespace

Condition lowerCondition(const syntax::Expr& e, std::string text, NameTable& names) {
  Condition c;
  c.text = std::move(text);
  if (e.kind == syntax::ExprKind::Bool && e.boolValue) return c;  // `if: true`
  lower(e, names, c.ops);
  return c;
}

bool evaluate(const Condition& c, const Requirements& target, const ParamValues& params) {
  if (c.ops.empty()) return true;
  std::vector<bool> stack;
  stack.reserve(c.ops.size());
  for (const CondOp& op : c.ops) {
    switch (op.kind) {
      case CondOp::Kind::True:
        stack.push_back(true);
        break;
      case CondOp::Kind::False:
        stack.push_back(false);
        break;
      case CondOp::Kind::Tag:
        stack.push_back(target.tags.count(op.name) > 0);
        break;
      case CondOp::Kind::VarEquals:
      case CondOp::Kind::VarEqualsParam: {
        auto var = target.vars.find(op.name);
        const std::string* want = &op.value;
        if (op.kind == CondOp::Kind::VarEqualsParam) {
          auto p = params.find(op.value);
          want = p == params.end() ? nullptr : &p->second;
        }
        // An unset var, or an unset param, equals nothing.
        bool equal = var != target.vars.end() && want && var->second == *want;
        stack.push_back(op.negate ? !equal : equal);
        break;
      }
      case CondOp::Kind::Not:
        stack.back() = !stack.back();
        break;
      case CondOp::Kind::And:
      case CondOp::Kind::Or: {
        bool isAnd = op.kind == CondOp::Kind::And;
        bool result = isAnd;
        for (std::uint32_t i = 0; i < op.arity; ++i) {
          bool v = stack.back();
          stack.pop_back();
          result = isAnd ? (result && v) : (result || v);
        }
        stack.push_back(result);
        break;
      }
    }
  }
  return stack.back();
}

}  // namespace magicc::ir
