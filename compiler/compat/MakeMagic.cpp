#include "compat/MakeMagic.h"

#include <fmt/format.h>

#include <cctype>
#include <memory>
#include <stdexcept>
#include <vector>

namespace magicc::compat {

namespace {

bool isIdent(const std::string& s) {
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
    if (pos_ != text_.size()) fail("unexpected '" + text_.substr(pos_, 1) + "'");
    return n;
  }

 private:
  static constexpr int kMaxDepth = 200;

  void fail(const std::string& why) {
    throw std::invalid_argument(fmt::format("{} at column {} of \"{}\"", why, pos_ + 1, text_));
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
    while (eat(op))
      n->operands.push_back(kind == Node::And ? parseOr(depth) : parseNot(depth));
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
    if (!isTag(tag)) fail("'" + tag + "' is not a tag magic can express");
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
      return "!" + print(*n.operands[0], n.operands[0]->kind != Node::Tag);
    case Node::And:
    case Node::Or: {
      std::string out;
      const char* op = n.kind == Node::And ? " & " : " | ";
      for (std::size_t i = 0; i < n.operands.size(); ++i)
        out += (i ? op : "") + print(*n.operands[i], n.operands[i]->kind == Node::And ||
                                                         n.operands[i]->kind == Node::Or);
      return parenthesize ? "(" + out + ")" : out;
    }
  }
  return "";
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '$': out += "$$"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string value(const nlohmann::json& v) {
  if (v.is_string()) return quote(v.get<std::string>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return quote(v.dump());
  if (v.is_null()) return "\"\"";
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + value(v[i]);
    return out + "]";
  }
  std::string out = "{ ";
  bool first = true;
  for (const auto& [k, item] : v.items()) {
    out += (first ? "" : ", ") + (isIdent(k) ? k : quote(k)) + ": " + value(item);
    first = false;
  }
  return out + " }";
}

}  // namespace

std::string translateCondition(const std::string& condition) {
  return print(*ConditionParser(condition).parse(), false);
}

ImportResult importMakeMagicItems(const nlohmann::json& items, const std::string& source) {
  if (!items.is_array()) return {"", "make-magic items are a JSON array of objects"};
  std::string out = fmt::format("# Imported from make-magic items ({}) by magicc import.\n", source);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string())
      return {"", fmt::format("item {} has no \"name\"", i + 1)};
    std::string name = item["name"].get<std::string>();
    if (!isIdent(name)) return {"", fmt::format("item name '{}' is not a magic identifier", name)};
    std::vector<std::string> fields;
    if (item.contains("if") && !item["if"].is_string())
      return {"", fmt::format("item '{}': \"if\" must be a string", name)};
    if (item.contains("if")) {
      try {
        fields.push_back("if: " + translateCondition(item["if"].get<std::string>()));
      } catch (const std::invalid_argument& e) {
        return {"", fmt::format("item '{}': {}", name, e.what())};
      }
    }
    if (item.contains("depends")) {
      const auto& deps = item["depends"];
      std::vector<std::string> names;
      if (deps.is_string()) names.push_back(deps.get<std::string>());
      else if (deps.is_array())
        for (const auto& d : deps)
          if (d.is_string()) names.push_back(d.get<std::string>());
      std::string list;
      for (const auto& d : names) {
        if (!isIdent(d)) return {"", fmt::format("item '{}' depends on '{}', which is not a magic identifier", name, d)};
        list += (list.empty() ? "" : ", ") + d;
      }
      fields.push_back("depends: [" + list + "]");
    }
    // Everything else is metadata, as make-magic kept it.
    std::vector<std::string> meta;
    for (const auto& [k, v] : item.items()) {
      if (k == "name" || k == "if" || k == "depends") continue;
      meta.push_back((isIdent(k) ? k : quote(k)) + ": " + value(v));
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
  return {out, ""};
}

}  // namespace magicc::compat
