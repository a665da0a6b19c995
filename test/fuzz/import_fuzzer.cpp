// libFuzzer target: any bytes given to `magicc import` (make-magic's item
// JSON) are refused with a reason or become a program that parses back
// without an error, as importMakeMagicItems promises.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compat/MakeMagic.h"
#include "diag/DiagnosticEngine.h"
#include "syntax/Parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto items = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (items.is_discarded()) return 0;
  auto result = magicc::compat::importMakeMagicItems(items, "fuzz.json");
  if (!result.errors.empty() || result.program.empty()) return 0;
  magicc::source::SourceManager sources;
  magicc::diag::DiagnosticEngine diags;
  auto file = sources.addBuffer("imported.mm", result.program);
  (void)magicc::syntax::parseFile(sources, file, diags);
  if (diags.hasErrors()) std::abort();  // an import that does not parse back
  return 0;
}
