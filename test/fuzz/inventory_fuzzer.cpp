// libFuzzer target: any bytes as an Ansible inventory (`-i FILE`: YAML, INI,
// or a file whose content decides) or as a group_vars/ file are read into
// hosts and groups or refused with diagnostics, never a crash, a hang or
// unbounded memory (host ranges, deep nesting, group cycles). Host patterns
// (--limit) are then matched against what was read.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "NoFiles.h"
#include "inventory/Draft.h"
#include "inventory/HostPattern.h"
#include "inventory/Inventory.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the file name: the extension decides the format,
  // or, without one, the content does.
  static constexpr const char* kNames[] = {"/fuzz/hosts.yaml", "/fuzz/hosts.ini", "/fuzz/hosts"};
  std::string path = kNames[data[0] % 3];
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto files = std::make_shared<magicc::source::OverlayFileSystem>(
      std::make_shared<magicc::fuzz::NoFiles>());
  files->setBuffer(path, text);
  magicc::source::SourceManager sources(files);
  magicc::diag::DiagnosticEngine diags;
  magicc::inventory::InventoryLoader loader(sources, diags);
  magicc::inventory::Inventory inventory;
  loader.add(path, {});
  loader.finish(inventory);
  for (const char* pattern : {"all", "web*:&db*", "~[a-z]+\\d{2}", "web[0:2],!x", "*[-1]"})
    (void)magicc::inventory::matchHostPattern(pattern, inventory);

  // The same bytes as a group_vars/ file.
  magicc::inventory::DraftVars vars;
  magicc::inventory::readYamlVars(sources, sources.addBuffer("/fuzz/group_vars/all.yml", text),
                                  vars, diags);
  return 0;
}
