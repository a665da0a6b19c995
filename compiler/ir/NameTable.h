// Interned names: each distinct string gets a dense 32-bit id once, so that
// the graph, conditions and requirement sets compare integers, not strings.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace magicc::ir {

using NameId = std::uint32_t;
inline constexpr NameId kNoName = 0xFFFFFFFFu;

class NameTable {
 public:
  NameId intern(std::string_view name) {
    if (auto it = ids_.find(name); it != ids_.end()) return it->second;
    names_.emplace_back(name);
    auto id = static_cast<NameId>(names_.size() - 1);
    ids_.emplace(names_.back(), id);
    return id;
  }
  // kNoName when the name was never interned.
  NameId find(std::string_view name) const {
    auto it = ids_.find(name);
    return it == ids_.end() ? kNoName : it->second;
  }
  const std::string& name(NameId id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::deque<std::string> names_;  // a deque: interned strings never move
  std::unordered_map<std::string_view, NameId> ids_;
};

}  // namespace magicc::ir
