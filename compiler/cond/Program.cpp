#include "cond/Program.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace magicc::cond {

namespace {

struct Lowering {
  Program& program;
  const ir::ParamValues& params;
  std::map<std::pair<ir::NameId, std::string>, std::uint32_t> varInputs;
  std::unordered_map<ir::NameId, std::uint32_t> tagInputs;

  std::uint32_t tagInput(ir::NameId tag) {
    auto [it, fresh] = tagInputs.emplace(tag, static_cast<std::uint32_t>(program.inputs.size()));
    if (fresh) program.inputs.push_back({Input::Kind::Tag, tag, {}});
    return it->second;
  }
  std::uint32_t varInput(ir::NameId var, const std::string& value) {
    auto [it, fresh] = varInputs.emplace(std::make_pair(var, value),
                                         static_cast<std::uint32_t>(program.inputs.size()));
    if (fresh) program.inputs.push_back({Input::Kind::VarEquals, var, value});
    return it->second;
  }
};

}  // namespace

Program compileProgram(const std::vector<ir::Condition>& conditions,
                       const ir::ParamValues& params) {
  Program program;
  Lowering lowering{program, params, {}, {}};
  program.start.push_back(0);
  for (const ir::Condition& c : conditions) {
    std::size_t depth = 0;
    auto push = [&](Op op) {
      program.ops.push_back(op);
      if (op.kind == Op::Kind::And || op.kind == Op::Kind::Or)
        depth -= op.arg - 1;
      else if (op.kind != Op::Kind::Not)
        ++depth;
      program.maxStack = std::max(program.maxStack, depth);
    };
    if (c.ops.empty()) push({Op::Kind::Ones, 0});
    for (const ir::CondOp& op : c.ops) {
      switch (op.kind) {
        case ir::CondOp::Kind::True:
          push({Op::Kind::Ones, 0});
          break;
        case ir::CondOp::Kind::False:
          push({Op::Kind::Zero, 0});
          break;
        case ir::CondOp::Kind::Tag:
          push({Op::Kind::Input, lowering.tagInput(op.name)});
          break;
        case ir::CondOp::Kind::VarEquals:
        case ir::CondOp::Kind::VarEqualsParam: {
          const std::string* value = &op.value;
          if (op.kind == ir::CondOp::Kind::VarEqualsParam) {
            auto p = params.find(op.value);
            value = p == params.end() ? nullptr : &p->second;
          }
          if (value)
            push({Op::Kind::Input, lowering.varInput(op.name, *value)});
          else
            push({Op::Kind::Zero, 0});  // an unset param equals nothing
          if (op.negate) push({Op::Kind::Not, 0});
          break;
        }
        case ir::CondOp::Kind::Not:
          push({Op::Kind::Not, 0});
          break;
        case ir::CondOp::Kind::And:
          push({Op::Kind::And, op.arity});
          break;
        case ir::CondOp::Kind::Or:
          push({Op::Kind::Or, op.arity});
          break;
      }
    }
    program.start.push_back(static_cast<std::uint32_t>(program.ops.size()));
  }
  return program;
}

HostMatrix buildHostMatrix(const Program& program,
                           const std::vector<const ir::Requirements*>& hosts) {
  HostMatrix m;
  m.hosts = hosts.size();
  m.batches = (hosts.size() + 63) / 64;
  m.inputs = program.inputs.size();
  m.words.assign(m.batches * m.inputs, 0);
  std::unordered_map<ir::NameId, std::uint32_t> tagIndex;
  std::unordered_map<ir::NameId, std::vector<std::uint32_t>> varIndex;
  for (std::uint32_t i = 0; i < program.inputs.size(); ++i) {
    const Input& in = program.inputs[i];
    if (in.kind == Input::Kind::Tag)
      tagIndex[in.name] = i;
    else
      varIndex[in.name].push_back(i);
  }
  for (std::size_t h = 0; h < hosts.size(); ++h) {
    std::uint64_t* row = m.words.data() + (h / 64) * m.inputs;
    const std::uint64_t bit = std::uint64_t{1} << (h % 64);
    // Only the host's own tags and vars are visited, not every input.
    for (ir::NameId tag : hosts[h]->tags)
      if (auto it = tagIndex.find(tag); it != tagIndex.end()) row[it->second] |= bit;
    for (const auto& [var, value] : hosts[h]->vars) {
      auto it = varIndex.find(var);
      if (it == varIndex.end()) continue;
      for (std::uint32_t i : it->second)
        if (program.inputs[i].value == value) row[i] |= bit;
    }
  }
  return m;
}

}  // namespace magicc::cond
