// libFuzzer target: any bytes given to the front end yield diagnostics, never
// a crash, a hang or unbounded memory; and `magicc fmt` of them, when it
// formats them, gives a file that formats to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "diag/ConsoleRenderer.h"
#include "diag/JsonRenderer.h"
#include "format/Format.h"
#include "syntax/Parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  magicc::source::SourceManager sources;
  magicc::diag::DiagnosticEngine diags;
  auto file = sources.addBuffer("fuzz.mm", std::string(reinterpret_cast<const char*>(data), size));
  auto module = magicc::syntax::parseFile(sources, file, diags);
  // Rendering is part of the contract too: carets on arbitrary lines, JSON of
  // arbitrary bytes.
  std::string out;
  magicc::diag::ConsoleRenderer renderer(sources, {});
  for (const auto& d : diags.diagnostics()) renderer.render(d, out);
  (void)magicc::diag::toJson(diags.diagnostics(), sources)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  auto formatted = magicc::format::formatSource(sources.text(file));
  if (formatted.ok() && magicc::format::formatSource(formatted.text).text != formatted.text)
    std::abort();  // formatting its own output changed it
  return 0;
}
