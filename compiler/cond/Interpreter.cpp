#include <algorithm>
#include <cstring>

#include "cond/Engine.h"

namespace magicc::cond {

namespace {

// Condition-major: each op is applied to every batch of 64 hosts before the
// next op is decoded, so the cost of dispatching an op is shared by all
// batches and the inner loops are plain word loops the compiler vectorises.
class Interpreter final : public Engine {
 public:
  explicit Interpreter(const Program& program) : program_(program) {}
  const char* name() const override { return "interpreter"; }

  void evaluate(const HostMatrix& hosts, std::vector<std::uint64_t>& masks) override {
    const std::size_t conditions = program_.conditionCount();
    const std::size_t B = hosts.batches;
    masks.assign(conditions * B, 0);
    if (B == 0) return;
    // Inputs by column: the words of one input for every batch, contiguous.
    std::vector<std::uint64_t> columns(hosts.inputs * B);
    for (std::size_t b = 0; b < B; ++b)
      for (std::size_t i = 0; i < hosts.inputs; ++i)
        columns[i * B + b] = hosts.words[b * hosts.inputs + i];
    std::vector<std::uint64_t> stack((program_.maxStack + 1) * B);
    const Op* ops = program_.ops.data();
    for (std::size_t c = 0; c < conditions; ++c) {
      std::uint64_t* top = stack.data();  // one row past the top
      for (std::uint32_t i = program_.start[c]; i < program_.start[c + 1]; ++i) {
        const Op& op = ops[i];
        switch (op.kind) {
          case Op::Kind::Input:
            std::memcpy(top, columns.data() + op.arg * B, B * sizeof(std::uint64_t));
            top += B;
            break;
          case Op::Kind::Zero:
            std::fill(top, top + B, 0);
            top += B;
            break;
          case Op::Kind::Ones:
            std::fill(top, top + B, ~std::uint64_t{0});
            top += B;
            break;
          case Op::Kind::Not: {
            std::uint64_t* x = top - B;
            for (std::size_t b = 0; b < B; ++b) x[b] = ~x[b];
            break;
          }
          case Op::Kind::And:
          case Op::Kind::Or: {
            std::uint64_t* dst = top - op.arg * B;
            for (std::uint32_t k = 1; k < op.arg; ++k) {
              const std::uint64_t* src = dst + k * B;
              if (op.kind == Op::Kind::And)
                for (std::size_t b = 0; b < B; ++b) dst[b] &= src[b];
              else
                for (std::size_t b = 0; b < B; ++b) dst[b] |= src[b];
            }
            top = dst + B;
            break;
          }
        }
      }
      std::memcpy(masks.data() + c * B, stack.data(), B * sizeof(std::uint64_t));
    }
  }

 private:
  const Program& program_;
};

}  // namespace

std::unique_ptr<Engine> makeInterpreter(const Program& program) {
  return std::make_unique<Interpreter>(program);
}

}  // namespace magicc::cond
