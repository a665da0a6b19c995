// A condition engine decides every condition for every host: masks[c *
// batches + b] has bit h set when host b*64+h satisfies condition c. The
// interpreter is always there; the LLVM JIT (jit/) implements the same interface.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "cond/Program.h"

namespace magicc::cond {

class Engine {
 public:
  virtual ~Engine() = default;
  virtual const char* name() const = 0;
  virtual void evaluate(const HostMatrix& hosts, std::vector<std::uint64_t>& masks) = 0;
};

// A stack machine over 64-bit words: each op decides 64 hosts at once.
std::unique_ptr<Engine> makeInterpreter(const Program& program);

}  // namespace magicc::cond
