// `host NAME { address, user, port, tags, vars }` declarations as hosts.
#include <algorithm>

#include "inventory/Inventory.h"

namespace magicc::inventory {

namespace {

std::string scalarText(const syntax::Expr& e) {
  switch (e.kind) {
    case syntax::ExprKind::String:
      return e.plainString().value_or("");
    case syntax::ExprKind::Int:
      return std::to_string(e.intValue);
    case syntax::ExprKind::Bool:
      return e.boolValue ? "true" : "false";
    default:
      return "";
  }
}

}  // namespace

void addHostDeclarations(const sema::SemanticModel& model, Inventory& inv) {
  for (const auto& [name, decl] : model.hosts) {
    Host& host = inv.hosts[name];
    host.name = name;
    for (const syntax::Field& f : decl->fields) {
      const syntax::Expr& v = *f.value;
      const std::string& field = f.name.name;
      if (field == "address")
        host.address = scalarText(v);
      else if (field == "user")
        host.user = scalarText(v);
      else if (field == "port" && v.kind == syntax::ExprKind::Int)
        host.port = static_cast<int>(v.intValue);
      else if (field == "tags") {
        for (const auto& tag : v.operands) {
          // A name, or a quoted tag ("web-servers").
          std::string tagName = tag->kind == syntax::ExprKind::Name ? tag->name
                                : tag->kind == syntax::ExprKind::String
                                    ? tag->plainString().value_or("")
                                    : "";
          if (!tagName.empty() &&
              std::find(host.tags.begin(), host.tags.end(), tagName) == host.tags.end())
            host.tags.push_back(tagName);
        }
        std::sort(host.tags.begin(), host.tags.end());
      } else if (field == "vars") {
        for (const auto& entry : v.entries) host.vars[entry.key.name] = scalarText(*entry.value);
      }
    }
    if (host.address.empty()) host.address = name;
  }
}

}  // namespace magicc::inventory
