// Follows ansible/inventory/manager.py: split_host_pattern, order_patterns,
// _evaluate_patterns, _match_one_pattern, _enumerate_matches.
#include "inventory/HostPattern.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "support/Text.h"

namespace magicc::inventory {

using support::trim;

namespace {

// Sets of hosts by group: every group a host is in (its tags, which include
// the enclosing groups), the declared groups without hosts, `all` and
// `ungrouped`.
std::map<std::string, std::set<std::string>> membersByGroup(const Inventory& inventory) {
  std::map<std::string, std::set<std::string>> groups;
  groups["all"];
  groups["ungrouped"];
  for (const auto& [name, group] : inventory.groups) groups[name];
  for (const auto& [name, host] : inventory.hosts) {
    groups["all"].insert(name);
    if (host.tags.empty()) groups["ungrouped"].insert(name);
    for (const auto& tag : host.tags) groups[tag].insert(name);
  }
  return groups;
}

struct Subscript {
  long long start = 0;
  std::optional<long long> end;  // none: the one host at `start`
};

std::optional<long long> number(std::string_view text) {
  long long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return n;
}

bool allDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `expr[3]`, `expr[-1]`, `expr[1:3]`, `expr[1:]` (and the old `expr[1-3]`).
std::optional<Subscript> splitSubscript(std::string& pattern) {
  if (pattern.empty() || pattern[0] == '~' || pattern.back() != ']') return std::nullopt;
  std::size_t open = pattern.rfind('[');
  if (open == std::string::npos || open == 0) return std::nullopt;
  std::string_view inside = std::string_view(pattern).substr(open + 1, pattern.size() - open - 2);
  if (inside.empty()) return std::nullopt;
  Subscript s;
  std::size_t sep = inside.find_first_of(":-", inside[0] == '-' ? 1 : 0);
  if (sep == std::string_view::npos || (inside[0] == '-' && inside.size() > 1)) {
    auto idx = number(inside);
    if (!idx || !allDigits(inside.substr(inside[0] == '-' ? 1 : 0))) return std::nullopt;
    s.start = *idx;
  } else {
    std::string_view from = inside.substr(0, sep), to = inside.substr(sep + 1);
    if (from.empty() || !allDigits(from) || !allDigits(to)) return std::nullopt;
    s.start = *number(from);
    s.end = to.empty() ? -1 : *number(to);
    if (*s.end == 0) s.end.reset();  // Ansible reads an end of 0 as no end
  }
  pattern.resize(open);
  return s;
}

bool hasGlobCharacter(std::string_view p) {
  return p.find_first_of(".?*[") != std::string_view::npos;
}

class Matcher {
 public:
  explicit Matcher(const Inventory& inventory)
      : inventory_(inventory), groups_(membersByGroup(inventory)) {}

  // The hosts of one term (without its & or !), in name order; error set
  // when the term is no pattern.
  std::vector<std::string> term(std::string pattern, bool& matchedSomething, std::string& error) {
    std::optional<Subscript> subscript = splitSubscript(pattern);
    std::set<std::string> found;
    bool regex = !pattern.empty() && pattern[0] == '~';
    std::optional<RE2> re;
    if (regex) {
      re.emplace(pattern.substr(1), RE2::Quiet);
      if (!re->ok()) {
        error = "invalid host pattern '" + pattern + "': " + re->error();
        return {};
      }
    }
    auto matches = [&](const std::string& name) {
      if (regex) return re->Match(name, 0, name.size(), RE2::ANCHOR_START, nullptr, 0);
      return globMatches(pattern, name);
    };
    bool groupMatched = false;
    for (const auto& [name, members] : groups_)
      if (matches(name)) {
        groupMatched = true;
        found.insert(members.begin(), members.end());
      }
    if (!groupMatched || regex || hasGlobCharacter(pattern))
      for (const auto& [name, host] : inventory_.hosts)
        if (matches(name)) found.insert(name);
    matchedSomething = groupMatched || !found.empty() || pattern == "all";
    std::vector<std::string> hosts(found.begin(), found.end());
    if (!subscript) return hosts;
    auto size = static_cast<long long>(hosts.size());
    if (!subscript->end) {
      long long i = subscript->start < 0 ? size + subscript->start : subscript->start;
      if (i < 0 || i >= size) {
        error = "no hosts matched the subscripted pattern '" + pattern + "[" +
                std::to_string(subscript->start) + "]'";
        return {};
      }
      return {hosts[static_cast<std::size_t>(i)]};
    }
    long long end = *subscript->end == -1 ? size - 1 : *subscript->end;
    std::vector<std::string> out;
    for (long long i = subscript->start; i <= end && i < size; ++i)
      out.push_back(hosts[static_cast<std::size_t>(i)]);
    return out;
  }

 private:
  const Inventory& inventory_;
  std::map<std::string, std::set<std::string>> groups_;
};

}  // namespace

std::vector<std::string> splitHostPattern(std::string_view pattern) {
  std::vector<std::string> out;
  if (pattern.find(',') != std::string_view::npos) {
    std::size_t from = 0;
    for (;;) {
      std::size_t comma = pattern.find(',', from);
      std::string_view part = trim(pattern.substr(
          from, comma == std::string_view::npos ? std::string_view::npos : comma - from));
      if (!part.empty()) out.emplace_back(part);
      if (comma == std::string_view::npos) return out;
      from = comma + 1;
    }
  }
  // Runs of anything but blanks, ':' and brackets, or whole [..] expressions.
  std::string current;
  for (std::size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '[') {
      std::size_t close = pattern.find(']', i + 1);
      if (close != std::string_view::npos) {
        current.append(pattern.substr(i, close - i + 1));
        i = close + 1;
        continue;
      }
    }
    if (std::isspace(static_cast<unsigned char>(c)) || c == ':' || c == '[' || c == ']') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
    ++i;
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

bool globMatches(std::string_view glob, std::string_view text) {
  // Iterative matching with one backtrack point for the last `*`.
  std::size_t g = 0, t = 0, starG = std::string_view::npos, starT = 0;
  auto classMatches = [&](std::size_t at, char c, std::size_t& next) {
    // `at` is just past '['; returns whether c is in the class, or sets
    // next to npos when the '[' is a literal one (no closing bracket).
    std::size_t i = at;
    bool negate = i < glob.size() && glob[i] == '!';
    if (negate) ++i;
    std::size_t first = i;
    bool in = false;
    while (i < glob.size() && (glob[i] != ']' || i == first)) {
      if (i + 2 < glob.size() && glob[i + 1] == '-' && glob[i + 2] != ']') {
        in = in || (glob[i] <= c && c <= glob[i + 2]);
        i += 3;
      } else {
        in = in || glob[i] == c;
        ++i;
      }
    }
    if (i >= glob.size()) {
      next = std::string_view::npos;
      return false;
    }
    next = i + 1;
    return in != negate;
  };
  while (t < text.size()) {
    if (g < glob.size()) {
      char p = glob[g];
      if (p == '*') {
        starG = g++;
        starT = t;
        continue;
      }
      if (p == '?') {
        ++g;
        ++t;
        continue;
      }
      if (p == '[') {
        std::size_t next = 0;
        bool in = classMatches(g + 1, text[t], next);
        if (next == std::string_view::npos) {
          if (text[t] == '[') {
            ++g;
            ++t;
            continue;
          }
        } else if (in) {
          g = next;
          ++t;
          continue;
        }
      } else if (p == text[t]) {
        ++g;
        ++t;
        continue;
      }
    }
    if (starG == std::string_view::npos) return false;
    g = starG + 1;
    t = ++starT;
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

PatternMatch matchHostPattern(std::string_view pattern, const Inventory& inventory) {
  return matchHostTerms(splitHostPattern(pattern), inventory);
}

PatternMatch matchHostTerms(std::vector<std::string> terms, const Inventory& inventory) {
  PatternMatch result;
  std::vector<std::string> regular, intersections, exclusions;
  for (auto& term : terms) {
    if (term.empty()) continue;
    if (term[0] == '!')
      exclusions.push_back(std::move(term));
    else if (term[0] == '&')
      intersections.push_back(std::move(term));
    else
      regular.push_back(std::move(term));
  }
  if (regular.empty()) regular.push_back("all");
  Matcher matcher(inventory);
  std::set<std::string> chosen;
  auto apply = [&](const std::string& term, char op) {
    std::string bare = op ? term.substr(1) : term;
    if (bare.empty()) return;
    std::vector<std::string> hosts;
    if (!op && inventory.hosts.count(bare)) {
      hosts.push_back(bare);
    } else {
      bool matched = false;
      hosts = matcher.term(bare, matched, result.error);
      if (!matched) result.unmatched.push_back(term);
    }
    std::set<std::string> these(hosts.begin(), hosts.end());
    if (op == '&') {
      std::set<std::string> kept;
      for (const auto& h : chosen)
        if (these.count(h)) kept.insert(h);
      chosen = std::move(kept);
    } else if (op == '!') {
      for (const auto& h : these) chosen.erase(h);
    } else {
      chosen.insert(these.begin(), these.end());
    }
  };
  for (const auto& term : regular) apply(term, 0);
  for (const auto& term : intersections) apply(term, '&');
  for (const auto& term : exclusions) apply(term, '!');
  if (!result.error.empty()) return {{}, {}, result.error};
  result.hosts.assign(chosen.begin(), chosen.end());
  return result;
}

}  // namespace magicc::inventory
