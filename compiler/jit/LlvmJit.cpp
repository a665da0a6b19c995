// Conditions to LLVM IR, compiled by ORC LLJIT: straight-line bitwise code
// over vectors of words, each word deciding 64 hosts.
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "jit/Jit.h"

namespace magicc::jit {

namespace {

// Each generated function decides a chunk of conditions for every batch:
//   void magicc_conditions_K(const i64* columns, i64* masks, i64 batches)
// looping over the batches kLanes at a time, with vectors of kLanes words
// (64 hosts per word), as the interpreter does with its word loops.
using ChunkFn = void (*)(const std::uint64_t*, std::uint64_t*, std::uint64_t);

// Conditions per generated function: keeps each function small enough that
// code generation stays linear in the program's size.
constexpr std::size_t kChunk = 256;
constexpr unsigned kLanes = 8;

class JitEngine final : public cond::Engine {
 public:
  JitEngine(std::unique_ptr<llvm::orc::LLJIT> jit, std::vector<ChunkFn> chunks,
            std::size_t conditions)
      : jit_(std::move(jit)), chunks_(std::move(chunks)), conditions_(conditions) {}
  const char* name() const override { return "jit"; }

  void evaluate(const cond::HostMatrix& hosts, std::vector<std::uint64_t>& masks) override {
    const std::size_t B = hosts.batches;
    masks.assign(conditions_ * B, 0);
    if (B == 0) return;
    // Columns of whole vectors: the batch count padded to a multiple of kLanes.
    const std::size_t padded = (B + kLanes - 1) / kLanes * kLanes;
    std::vector<std::uint64_t> columns(hosts.inputs * padded, 0);
    for (std::size_t b = 0; b < B; ++b)
      for (std::size_t i = 0; i < hosts.inputs; ++i)
        columns[i * padded + b] = hosts.words[b * hosts.inputs + i];
    std::vector<std::uint64_t> out(conditions_ * padded);
    for (std::size_t k = 0; k < chunks_.size(); ++k)
      chunks_[k](columns.data(), out.data() + k * kChunk * padded, padded);
    for (std::size_t c = 0; c < conditions_; ++c)
      std::copy_n(out.data() + c * padded, B, masks.data() + c * B);
  }

 private:
  std::unique_ptr<llvm::orc::LLJIT> jit_;  // owns the code the pointers point into
  std::vector<ChunkFn> chunks_;
  std::size_t conditions_;
};

void buildChunk(const cond::Program& program, std::size_t first, std::size_t last,
                llvm::Module& module, const std::string& name) {
  llvm::LLVMContext& ctx = module.getContext();
  llvm::Type* i64 = llvm::Type::getInt64Ty(ctx);
  llvm::Type* ptr = llvm::PointerType::getUnqual(i64);
  auto* vec = llvm::FixedVectorType::get(i64, kLanes);
  llvm::Type* vecPtr = llvm::PointerType::getUnqual(vec);
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptr, ptr, i64}, false);
  auto* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, module);
  llvm::Value* columns = fn->getArg(0);
  llvm::Value* masks = fn->getArg(1);
  llvm::Value* batches = fn->getArg(2);
  auto* entry = llvm::BasicBlock::Create(ctx, "entry", fn);
  auto* loop = llvm::BasicBlock::Create(ctx, "loop", fn);
  auto* exit = llvm::BasicBlock::Create(ctx, "exit", fn);
  llvm::IRBuilder<> b(entry);
  b.CreateBr(loop);
  b.SetInsertPoint(loop);
  llvm::PHINode* batch = b.CreatePHI(i64, 2, "batch");
  batch->addIncoming(llvm::ConstantInt::get(i64, 0), entry);

  auto vectorAt = [&](llvm::Value* base, std::uint64_t row) {
    llvm::Value* offset =
        b.CreateAdd(b.CreateMul(llvm::ConstantInt::get(i64, row), batches), batch);
    return b.CreateBitCast(b.CreateInBoundsGEP(i64, base, offset), vecPtr);
  };
  std::unordered_map<std::uint32_t, llvm::Value*> loaded;
  auto input = [&](std::uint32_t i) {
    auto [it, fresh] = loaded.emplace(i, nullptr);
    if (fresh) it->second = b.CreateAlignedLoad(vec, vectorAt(columns, i), llvm::Align(8));
    return it->second;
  };
  llvm::Value* zero = llvm::Constant::getNullValue(vec);
  llvm::Value* ones = llvm::Constant::getAllOnesValue(vec);
  // Code generation costs grow faster than linearly with the size of a basic
  // block and with the number of values live at once (a condition of 8k
  // distinct tags took 10 s to compile). So an input is loaded only where it
  // is used, not where the postfix form pushes it: an n-ary `&` of tags keeps
  // two values live, not n. And every kBlockOps operations the code goes on in
  // a new block, which keeps each block's selection and scheduling bounded.
  constexpr std::size_t kBlockOps = 256;
  std::size_t blockOps = 0;
  auto counted = [&] {
    if (++blockOps < kBlockOps) return;
    blockOps = 0;
    auto* next = llvm::BasicBlock::Create(ctx, "more", fn, exit);
    b.CreateBr(next);
    b.SetInsertPoint(next);
  };
  struct Entry {
    llvm::Value* value = nullptr;  // or, not yet loaded:
    std::uint32_t input = 0;
  };
  auto value = [&](const Entry& e) { return e.value ? e.value : input(e.input); };
  std::vector<Entry> stack;
  for (std::size_t c = first; c < last; ++c) {
    stack.clear();
    for (std::uint32_t i = program.start[c]; i < program.start[c + 1]; ++i) {
      const cond::Op& op = program.ops[i];
      switch (op.kind) {
        case cond::Op::Kind::Input:
          stack.push_back({nullptr, op.arg});
          break;
        case cond::Op::Kind::Zero:
          stack.push_back({zero, 0});
          break;
        case cond::Op::Kind::Ones:
          stack.push_back({ones, 0});
          break;
        case cond::Op::Kind::Not:
          stack.back() = {b.CreateNot(value(stack.back())), 0};
          counted();
          break;
        case cond::Op::Kind::And:
        case cond::Op::Kind::Or: {
          llvm::Value* v = value(stack.back());
          for (std::uint32_t k = 1; k < op.arg; ++k) {
            llvm::Value* w = value(stack[stack.size() - 1 - k]);
            v = op.kind == cond::Op::Kind::And ? b.CreateAnd(v, w) : b.CreateOr(v, w);
            counted();
          }
          stack.resize(stack.size() - (op.arg - 1));
          stack.back() = {v, 0};
          break;
        }
      }
    }
    b.CreateAlignedStore(value(stack.back()), vectorAt(masks, c - first), llvm::Align(8));
    counted();
  }
  llvm::Value* next = b.CreateAdd(batch, llvm::ConstantInt::get(i64, kLanes));
  batch->addIncoming(next, b.GetInsertBlock());
  b.CreateCondBr(b.CreateICmpULT(next, batches), loop, exit);
  b.SetInsertPoint(exit);
  b.CreateRetVoid();
}

}  // namespace

}  // namespace magicc::jit

// The entry point of the JIT module (loaded with dlopen, see JitLoader.cpp).
extern "C" magicc::cond::Engine* magicc_jit_compile(const magicc::cond::Program* program,
                                                    std::string* error) {
  using namespace magicc;
  using namespace magicc::jit;
  static std::once_flag initialized;
  std::call_once(initialized, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  auto ctx = std::make_unique<llvm::LLVMContext>();
  auto module = std::make_unique<llvm::Module>("magicc_conditions", *ctx);
  std::vector<std::string> names;
  const std::size_t conditions = program->conditionCount();
  for (std::size_t first = 0; first < conditions; first += kChunk) {
    names.push_back("magicc_conditions_" + std::to_string(names.size()));
    buildChunk(*program, first, std::min(conditions, first + kChunk), *module, names.back());
  }
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(*module, &os)) {
    *error = "the JIT built invalid code: " + os.str();
    return nullptr;
  }
  // Straight-line bitwise code gains nothing from optimisation; the fast
  // instruction selector keeps compile time proportional to the program.
  auto machine = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machine) {
    *error = llvm::toString(machine.takeError());
    return nullptr;
  }
  machine->setCodeGenOptLevel(llvm::CodeGenOpt::None);
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*machine)).create();
  if (!jit) {
    *error = llvm::toString(jit.takeError());
    return nullptr;
  }
  if (auto err =
          (*jit)->addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(ctx)))) {
    *error = llvm::toString(std::move(err));
    return nullptr;
  }
  std::vector<ChunkFn> chunks;
  for (const auto& name : names) {
    auto symbol = (*jit)->lookup(name);
    if (!symbol) {
      *error = llvm::toString(symbol.takeError());
      return nullptr;
    }
    chunks.push_back(reinterpret_cast<ChunkFn>(symbol->getAddress()));
  }
  return new JitEngine(std::move(*jit), std::move(chunks), conditions);
}
