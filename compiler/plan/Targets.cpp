#include "plan/Plan.h"

#include <algorithm>

namespace magicc::plan {

Target hostTarget(const inventory::Host& host, const std::vector<std::string>& require,
                  ir::NameTable& names) {
  Target t;
  t.name = host.name;
  t.address = host.address;
  t.requirements = host.tags;
  t.requirements.insert(t.requirements.end(), require.begin(), require.end());
  std::sort(t.requirements.begin(), t.requirements.end());
  t.requirements.erase(std::unique(t.requirements.begin(), t.requirements.end()),
                       t.requirements.end());
  for (const auto& r : t.requirements) t.reqs.tags.insert(names.intern(r));
  for (const auto& [k, v] : host.vars) {
    t.reqs.vars[names.intern(k)] = v;
    t.vars.emplace_back(k, v);
  }
  // Conditions may name the host itself: `host.name == "app1"`.
  t.reqs.vars[names.intern("host.name")] = host.name;
  t.reqs.vars[names.intern("host.address")] = host.address;
  return t;
}

Target localTarget(const std::vector<std::string>& require, ir::NameTable& names) {
  Target t;
  t.name = "local";
  t.requirements = require;
  for (const auto& r : require) t.reqs.tags.insert(names.intern(r));
  t.reqs.vars[names.intern("host.name")] = t.name;
  return t;
}

}  // namespace magicc::plan
