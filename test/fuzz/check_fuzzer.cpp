// libFuzzer target: any bytes as a program go the whole way `magicc plan`
// takes them (parse, check, params, graph, targets, every condition decided,
// lowering to jobs) and end in diagnostics or a program, never a crash, a
// hang or unbounded memory. Nothing is read from the machine: imports and
// `source:` files do not exist.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "NoFiles.h"
#include "lower/Lower.h"
#include "plan/Prepare.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto files = std::make_shared<magicc::source::OverlayFileSystem>(
      std::make_shared<magicc::fuzz::NoFiles>());
  files->setBuffer("/fuzz/site.mm", std::string(reinterpret_cast<const char*>(data), size));
  magicc::plan::PlanRequest request;
  request.file = "/fuzz/site.mm";
  request.jit = magicc::plan::JitMode::Off;  // the interpreter: no code generated per input
  request.compilation.files = files;
  auto prepared = magicc::plan::prepare(request);
  if (!prepared.ok()) return 0;
  (void)magicc::lower::lower(prepared, nullptr, {}, prepared.diags());
  return 0;
}
