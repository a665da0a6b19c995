// libFuzzer target: any bytes given as a saved plan (`magicc plan plan.json`,
// `magicc run plan.json`) are refused with a reason or rendered, never a
// crash, a hang or unbounded recursion.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "plan/PlanFile.h"
#include "plan/Render.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto loaded =
      magicc::plan::parsePlan(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!loaded.doc) return 0;
  // What passed the checks renders in every format without throwing.
  (void)magicc::plan::renderText(*loaded.doc);
  (void)magicc::plan::renderDot(*loaded.doc);
  (void)loaded.doc->dump(2);
  magicc::plan::Json copy = *loaded.doc;  // copies and compares recurse: bounded
  (void)(copy == *loaded.doc);
  return 0;
}
