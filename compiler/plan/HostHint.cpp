#include "plan/HostHint.h"

#include <set>
#include <string_view>
#include <vector>

#include "support/Suggest.h"

namespace magicc::plan {

std::string noHostHint(const syntax::Expr& selector, const inventory::Inventory& inventory) {
  if (inventory.hosts.empty())
    return "; no inventory was given (-i FILE) and the program declares no host";
  std::set<std::string, std::less<>> known;
  for (const auto& [name, host] : inventory.hosts) {
    known.insert(name);
    known.insert(host.tags.begin(), host.tags.end());
  }
  std::vector<std::string_view> candidates(known.begin(), known.end());
  // The names standing for groups or hosts: not the var names compared with ==.
  std::vector<const syntax::Expr*> work{&selector};
  while (!work.empty()) {
    const syntax::Expr* e = work.back();
    work.pop_back();
    if (e->kind == syntax::ExprKind::Name && !known.count(e->name)) {
      auto match = support::closestMatch(e->name, candidates);
      if (match) return "; did you mean '" + *match + "'?";
    }
    if (e->kind == syntax::ExprKind::Compare) continue;
    for (const auto& op : e->operands) work.push_back(op.get());
  }
  return {};
}

}  // namespace magicc::plan
