#include "compat/MakeMagic.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

#include "support/Utf8.h"
#include "syntax/Keywords.h"

namespace magicc::compat {

namespace {

// A name as magic writes it unquoted: an identifier that is no keyword.
bool isIdent(const std::string& s) {
  if (syntax::isKeyword(s)) return false;
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// A tag: identifiers joined by dots.
bool isTag(const std::string& s) {
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = s.find('.', start);
    if (!isIdent(s.substr(start, dot - start))) return false;
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

// make-magic's condition grammar, with its own precedence:
//   and := or ('&' or)* ;  or := not ('|' not)* ;  not := '!' not | '(' and ')' | TAG
struct Node {
  enum Kind { Tag, Not, And, Or } kind;
  std::string tag;
  std::vector<std::unique_ptr<Node>> operands;
};

class ConditionParser {
 public:
  explicit ConditionParser(const std::string& text) : text_(text) {}

  std::unique_ptr<Node> parse() {
    auto n = parseAnd(0);
    skipSpace();
    if (pos_ != text_.size()) {
      std::size_t len = std::max<std::size_t>(1, support::utf8SequenceLength(text_.substr(pos_)));
      fail("unexpected '" + support::printable(text_.substr(pos_, len)) + "'");
    }
    return n;
  }

 private:
  static constexpr int kMaxDepth = 200;

  void fail(const std::string& why) {
    throw std::invalid_argument(fmt::format("{} at column {} of \"{}\"", why, pos_ + 1,
                                            support::printable(text_, text_.size())));
  }
  void skipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::unique_ptr<Node> list(Node::Kind kind, std::unique_ptr<Node> first, char op, int depth) {
    if (skipSpace(), pos_ >= text_.size() || text_[pos_] != op) return first;
    auto n = std::make_unique<Node>(Node{kind, {}, {}});
    n->operands.push_back(std::move(first));
    while (eat(op)) n->operands.push_back(kind == Node::And ? parseOr(depth) : parseNot(depth));
    return n;
  }
  std::unique_ptr<Node> parseAnd(int depth) { return list(Node::And, parseOr(depth), '&', depth); }
  std::unique_ptr<Node> parseOr(int depth) { return list(Node::Or, parseNot(depth), '|', depth); }
  std::unique_ptr<Node> parseNot(int depth) {
    if (depth > kMaxDepth) fail("nesting too deep");
    if (eat('!')) {
      auto n = std::make_unique<Node>(Node{Node::Not, {}, {}});
      n->operands.push_back(parseNot(depth + 1));
      return n;
    }
    if (eat('(')) {
      auto n = parseAnd(depth + 1);
      if (!eat(')')) fail("expected ')'");
      return n;
    }
    skipSpace();
    std::size_t start = pos_;
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) &&
           std::string("&|!()").find(text_[pos_]) == std::string::npos)
      ++pos_;
    std::string tag = text_.substr(start, pos_ - start);
    if (tag.empty()) fail("expected a tag");
    if (!isTag(tag)) fail("'" + support::printable(tag) + "' is not a tag magic can express");
    return std::make_unique<Node>(Node{Node::Tag, tag, {}});
  }

  const std::string& text_;
  std::size_t pos_ = 0;
};

// Magic syntax: `!` tightest, then `&`, then `|`. Parentheses wherever an `|`
// sits inside `&` or `!`, and around `&` inside `|` (not needed, but it keeps
// the reading obvious and the precedence warning quiet).
std::string print(const Node& n, bool parenthesize) {
  switch (n.kind) {
    case Node::Tag:
      return n.tag;
    case Node::Not:
      return fmt::format("!{}", print(*n.operands[0], n.operands[0]->kind != Node::Tag));
    case Node::And:
    case Node::Or: {
      std::string out;
      const char* op = n.kind == Node::And ? " & " : " | ";
      for (std::size_t i = 0; i < n.operands.size(); ++i)
        out += (i ? op : "") + print(*n.operands[i], n.operands[i]->kind == Node::And ||
                                                         n.operands[i]->kind == Node::Or);
      return parenthesize ? fmt::format("({})", out) : out;
    }
  }
  return "";
}

// The first character a magic string cannot hold: a control character other
// than newline and tab (C0, DEL and C1; NUL and CR would not even parse back).
std::optional<std::string> unquotable(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    bool c1 = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F;
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F || c1)
      return support::printable(s.substr(i, c1 ? 2 : 1), 2);
  }
  return std::nullopt;
}

// A magic string literal; `s` has passed unquotable().
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '$':
        out += "$$";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// A value in magic syntax, or an error naming where (`path`) it cannot be.
// Nesting is bounded by the parser (support::parseJson).
std::string value(const nlohmann::json& v, const std::string& path, std::string& error) {
  auto text = [&](const std::string& s) {
    if (auto bad = unquotable(s); bad && error.empty())
      error =
          fmt::format("{} holds a control character ({}) that a magic string cannot", path, *bad);
    return quote(s);
  };
  if (v.is_string()) return text(v.get<std::string>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  // Magic's integers are 64-bit signed; a larger one is kept as text.
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX) return quote(v.dump());
  if (v.is_number_integer()) return v.dump();
  if (v.is_number()) return quote(v.dump());
  if (v.is_null()) return "\"\"";
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
      out += (i ? ", " : "") + value(v[i], fmt::format("{}[{}]", path, i), error);
    return out + "]";
  }
  std::string out = "{ ";
  bool first = true;
  for (const auto& [k, item] : v.items()) {
    std::string key = isIdent(k) ? k : text(k);
    out +=
        (first ? "" : ", ") + key + ": " + value(item, path + "." + support::printable(k), error);
    first = false;
  }
  return out + " }";
}

// One dependency cycle among `deps` (item -> the items it depends on), found
// without recursion: Kahn's algorithm removes every item not on or behind a
// cycle; from any item left, following dependencies that are left must repeat.
std::vector<std::size_t> findCycle(const std::vector<std::vector<std::size_t>>& deps) {
  std::size_t n = deps.size();
  std::vector<std::size_t> pending(n, 0);  // dependencies not yet removed
  std::vector<std::vector<std::size_t>> dependents(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t d : deps[i]) {
      ++pending[i];
      dependents[d].push_back(i);
    }
  std::vector<std::size_t> ready;
  for (std::size_t i = 0; i < n; ++i)
    if (pending[i] == 0) ready.push_back(i);
  std::vector<char> removed(n, 0);
  while (!ready.empty()) {
    std::size_t i = ready.back();
    ready.pop_back();
    removed[i] = 1;
    for (std::size_t d : dependents[i])
      if (--pending[d] == 0) ready.push_back(d);
  }
  std::size_t start = n;
  for (std::size_t i = 0; i < n && start == n; ++i)
    if (!removed[i]) start = i;
  if (start == n) return {};
  std::vector<std::size_t> seenAt(n, n), path;
  std::size_t at = start;
  while (seenAt[at] == n) {
    seenAt[at] = path.size();
    path.push_back(at);
    for (std::size_t d : deps[at])
      if (!removed[d]) {
        at = d;
        break;
      }
  }
  return std::vector<std::size_t>(path.begin() + static_cast<std::ptrdiff_t>(seenAt[at]),
                                  path.end());
}

}  // namespace

std::string translateCondition(const std::string& condition) {
  return print(*ConditionParser(condition).parse(), false);
}

ImportResult importMakeMagicItems(const nlohmann::json& items, const std::string& source) {
  ImportResult result;
  constexpr std::size_t kWhole = ImportResult::kWholeDocument;
  auto report = [&](std::size_t item, std::string message) {
    result.errors.push_back(std::move(message));
    result.errorItems.push_back(item);
  };
  auto warn = [&](std::size_t item, std::string message) {
    result.warnings.push_back(std::move(message));
    result.warningItems.push_back(item);
  };
  auto fail = [&](std::size_t item, std::string message) {
    report(item, std::move(message));
    return result;
  };
  if (!items.is_array()) return fail(kWhole, "make-magic items are a JSON array of objects");
  // Names first: every item's dependencies are checked against all of them.
  std::vector<std::string> names;
  std::map<std::string, std::size_t> index;  // name -> first item with it
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string())
      return fail(i, fmt::format("item {} has no \"name\"", i + 1));
    std::string name = item["name"].get<std::string>();
    if (!isIdent(name))
      return fail(i, fmt::format("item name '{}' is {}", support::printable(name),
                                 syntax::isKeyword(name) ? "a magic keyword, never a name"
                                                         : "not a magic identifier"));
    auto [it, fresh] = index.emplace(name, i);
    if (!fresh)
      report(i, fmt::format("item '{}' is defined twice (items {} and {})", name, it->second + 1,
                            i + 1));
    names.push_back(name);
  }
  if (!result.errors.empty()) return result;

  std::string out = fmt::format("# Imported from make-magic items ({}) by magicc import.\n",
                                support::printable(source, source.size()));
  std::vector<std::vector<std::size_t>> deps(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    const std::string& name = names[i];
    std::vector<std::string> fields;
    if (item.contains("if") && !item["if"].is_string())
      return fail(i, fmt::format("item '{}': \"if\" must be a string", name));
    if (item.contains("if")) {
      try {
        fields.push_back("if: " + translateCondition(item["if"].get<std::string>()));
      } catch (const std::invalid_argument& e) {
        return fail(i, fmt::format("item '{}': {}", name, e.what()));
      }
    }
    if (item.contains("depends")) {
      const auto& depends = item["depends"];
      std::vector<std::string> on;
      // make-magic resolved only names; anything else named no item there
      // either, so the import goes on without it, but never silently.
      auto unresolved = [&](const nlohmann::json& d) {
        warn(i, fmt::format("item '{}' depends on {}, which is not an item name; the dependency "
                            "is dropped",
                            name, support::printable(d.dump())));
      };
      if (depends.is_string())
        on.push_back(depends.get<std::string>());
      else if (depends.is_array())
        for (const auto& d : depends)
          if (d.is_string())
            on.push_back(d.get<std::string>());
          else
            unresolved(d);
      else
        unresolved(depends);
      std::string list;
      for (const auto& d : on) {
        auto it = index.find(d);
        if (it == index.end()) {
          report(i, isIdent(d)
                        ? fmt::format("item '{}' depends on '{}', which is not an item", name, d)
                        : fmt::format("item '{}' depends on '{}', which is not a magic identifier",
                                      name, support::printable(d)));
          continue;
        }
        deps[i].push_back(it->second);
        list += (list.empty() ? "" : ", ") + d;
      }
      fields.push_back("depends: [" + list + "]");
    }
    // Everything else is metadata, as make-magic kept it.
    std::vector<std::string> meta;
    for (const auto& [k, v] : item.items()) {
      if (k == "name" || k == "if" || k == "depends") continue;
      std::string error;
      std::string key = isIdent(k) ? k : quote(k);
      if (auto bad = unquotable(k))
        error =
            fmt::format("a key holds a control character ({}) that a magic string cannot", *bad);
      std::string shown = value(v, support::printable(k), error);
      if (!error.empty()) return fail(i, fmt::format("item '{}': {}", name, error));
      meta.push_back(key + ": " + shown);
    }
    if (!meta.empty()) {
      std::string m = "meta: { ";
      for (std::size_t j = 0; j < meta.size(); ++j) m += (j ? ", " : "") + meta[j];
      fields.push_back(m + " }");
    }
    if (fields.empty()) {
      out += fmt::format("item {} {{}}\n", name);
      continue;
    }
    out += fmt::format("item {} {{\n", name);
    for (const auto& f : fields) out += "  " + f + "\n";
    out += "}\n";
  }
  if (!result.errors.empty()) return result;
  if (auto cycle = findCycle(deps); !cycle.empty()) {
    std::string path;
    for (std::size_t i : cycle) path += names[i] + " -> ";
    return fail(cycle[0],
                fmt::format("items depend on each other in a cycle: {}{}", path, names[cycle[0]]));
  }
  result.program = std::move(out);
  return result;
}

}  // namespace magicc::compat
