// Ansible's host patterns (`--limit`, as `ansible-playbook --limit` reads
// them): host and group names, `all` and `*`, globs (`web*`, `db-?`),
// regular expressions (`~web\d+`), subscripts (`web[0]`, `web[1:3]`, `web[-1]`),
// terms joined by `,` or `:`. Terms are applied in Ansible's order whatever
// the order written: the plain ones (a union), then each `&term` (an
// intersection), then each `!term` (an exclusion); with no plain term the
// union is `all`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "inventory/Inventory.h"

namespace magicc::inventory {

// The terms of a pattern: split at `,` when there is one, else at `:` (but
// not inside a `[x:y]` subscript); blanks dropped, spaces trimmed.
std::vector<std::string> splitHostPattern(std::string_view pattern);

// fnmatch: `*` any text, `?` any one character, `[seq]` and `[!seq]`.
bool globMatches(std::string_view glob, std::string_view text);

struct PatternMatch {
  std::vector<std::string> hosts;      // the hosts chosen, by name
  std::vector<std::string> unmatched;  // terms that matched no host or group (Ansible warns)
  std::string error;                   // a term that is no pattern (a bad regex); empty if none
};

PatternMatch matchHostPattern(std::string_view pattern, const Inventory& inventory);
// The same for terms already split (with `@file` terms replaced by the
// file's lines, as `--limit @site.retry` is read).
PatternMatch matchHostTerms(std::vector<std::string> terms, const Inventory& inventory);

}  // namespace magicc::inventory
