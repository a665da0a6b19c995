// libFuzzer target: what an operator types on the command line. The first
// byte picks what the rest is:
//   a -D value of one of the param types, whose canonical form must read back
//   as itself (a saved plan and a resumed run read it again);
//   a -D @FILE vars file (YAML or JSON);
//   a --limit host pattern, matched against a small inventory;
//   a host range (`web[01:20]`), bounded however wide it is written;
//   a literal -D value, which must come back unchanged through the '@'
//   escaping (it must never be taken for @env:, @file: or @-).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "NoFiles.h"
#include "inventory/HostPattern.h"
#include "inventory/HostRange.h"
#include "plan/DefineValue.h"
#include "plan/ParamValue.h"
#include "plan/VarsFile.h"

namespace {

using magicc::sema::Type;

const std::vector<magicc::sema::TypeRef>& paramTypes() {
  static const std::vector<magicc::sema::TypeRef> types = {
      Type::boolean(),
      Type::integer(),
      Type::string(),
      Type::duration(),
      Type::secret(),
      Type::enumeration({"blue", "green", "a,b"}),
      Type::optional(Type::integer()),
      Type::list(Type::string()),
      Type::list(Type::integer()),
      Type::list(Type::duration()),
      Type::map(Type::integer()),
      Type::map(Type::string()),
      Type::map(Type::boolean()),
  };
  return types;
}

void defineValue(const magicc::sema::Type& type, const std::string& text) {
  auto parsed = magicc::plan::paramValueOf(type, text);
  if (!parsed.value) return;
  auto again = magicc::plan::paramValueOf(type, *parsed.value);
  if (again.value != parsed.value) std::abort();  // the canonical form is not a fixed point
}

void varsFile(const std::string& text) {
  auto files = std::make_shared<magicc::source::OverlayFileSystem>(
      std::make_shared<magicc::fuzz::NoFiles>());
  files->setBuffer("/fuzz/vars.yml", text);
  magicc::source::SourceManager sources(files);
  magicc::diag::DiagnosticEngine diags;
  std::vector<magicc::plan::GivenParam> given;
  (void)magicc::plan::loadVarsFile(sources, "/fuzz/vars.yml", given, diags);
}

void hostPattern(const std::string& text) {
  magicc::inventory::Inventory inventory;
  for (const char* name : {"web01", "web02", "db1", "[::1]", "10.0.0.7"}) {
    auto& host = inventory.hosts[name];
    host.name = name;
    host.tags = {name[0] == 'w' ? "web" : "other"};
  }
  inventory.groups["web"].hosts = {"web01", "web02"};
  inventory.groups["all"].children = {"web"};
  (void)magicc::inventory::matchHostPattern(text, inventory);
}

void literalDefine(const std::string& text) {
  bool stdinUsed = false;
  std::string error;
  auto read =
      magicc::plan::readDefineValue(magicc::plan::literalDefineValue(text), stdinUsed, error);
  if (!read || read->value != text || stdinUsed) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto& types = paramTypes();
  std::size_t choice = data[0] % (types.size() + 4);
  if (choice < types.size()) {
    defineValue(*types[choice], text);
  } else if (choice == types.size()) {
    varsFile(text);
  } else if (choice == types.size() + 1) {
    hostPattern(text);
  } else if (choice == types.size() + 2) {
    (void)magicc::inventory::expandHostRange(text);
  } else {
    literalDefine(text);
  }
  return 0;
}
