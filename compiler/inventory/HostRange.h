// Ansible's host ranges: `web[01:03]` is web01, web02, web03; `db-[a:c]` is
// db-a, db-b, db-c; `[1:10:2]` steps by 2; several ranges in one name
// multiply. A leading zero pads every number to the width of the bounds,
// which must then be equally wide, as Ansible requires.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace magicc::inventory {

struct ExpandedHosts {
  std::vector<std::string> names;  // in range order; the name itself without a range
  std::string error;               // why the range is not one; empty when it is
};

// At most `limit` names: a typo such as [1:1000000] is an error, not a hang.
inline constexpr std::size_t kMaxRangeHosts = 100000;
ExpandedHosts expandHostRange(std::string_view name, std::size_t limit = kMaxRangeHosts);

}  // namespace magicc::inventory
