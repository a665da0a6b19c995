// Ansible's INI inventory format (its `ini` inventory plugin): hosts before
// any section are ungrouped; `[group]` lists hosts (`name key=value ...`,
// shell-quoted, ranges allowed, `name:port`), `[group:vars]` one `key=value`
// a line (the value a string, as Ansible documents), `[group:children]` group
// names. `#` and `;` start comment lines.
#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "inventory/Draft.h"
#include "inventory/HostRange.h"
#include "support/Text.h"
#include "support/Utf8.h"

namespace magicc::inventory {

using diag::DiagId;
using support::trim;

namespace {

struct Word {
  std::string text;
  std::size_t column = 0;  // where it starts in the line
};

// Python's shlex.split(line, comments=True) in POSIX mode: blanks separate,
// quotes group (backslash escapes outside single quotes), `#` at the start of
// a word ends the line. Nullopt (with `why`) for an unclosed quote.
std::optional<std::vector<Word>> shellWords(std::string_view line, std::string& why) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i >= line.size() || line[i] == '#') break;
    Word w;
    w.column = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) {
      char c = line[i];
      if (c == '\'' || c == '"') {
        std::size_t close = i + 1;
        while (close < line.size() && line[close] != c) {
          if (c == '"' && line[close] == '\\' && close + 1 < line.size()) {
            char next = line[close + 1];
            if (next == '"' || next == '\\' || next == '$' || next == '`') {
              w.text += next;
              close += 2;
              continue;
            }
          }
          w.text += line[close++];
        }
        if (close >= line.size()) {
          why = "no closing quotation";
          return std::nullopt;
        }
        i = close + 1;
      } else if (c == '\\' && i + 1 < line.size()) {
        w.text += line[i + 1];
        i += 2;
      } else {
        w.text += c;
        ++i;
      }
    }
    words.push_back(std::move(w));
  }
  return words;
}

// ast.literal_eval of a host line's value: numbers, True/False/None and
// quoted strings are typed; anything else is the text itself.
nlohmann::json literalValue(const std::string& text, std::string& shown) {
  shown = text;
  if (text.size() >= 2 && (text[0] == '\'' || text[0] == '"') && text.back() == text[0]) {
    shown = text.substr(1, text.size() - 2);
    return shown;
  }
  if (text == "True") return true;
  if (text == "False") return false;
  if (text == "None") return nullptr;
  // Python reads no number with a leading zero (`01` is a string to Ansible).
  std::size_t sign = !text.empty() && (text[0] == '-' || text[0] == '+');
  if (text.size() > sign + 1 && text[sign] == '0' &&
      std::isdigit(static_cast<unsigned char>(text[sign + 1])))
    return text;
  std::size_t used = 0;
  try {
    long long n = std::stoll(text, &used, 10);
    if (used == text.size() && std::isdigit(static_cast<unsigned char>(text.back()))) return n;
  } catch (...) {
  }
  try {
    double d = std::stod(text, &used);
    if (used == text.size() && text.find_first_of("xXnN") == std::string::npos) return d;
  } catch (...) {
  }
  return text;
}

struct Line {
  std::string_view text;
  std::uint32_t offset;  // of the line in the file
};

class IniReader {
 public:
  IniReader(source::SourceManager& sources, source::FileId file, Draft& draft,
            diag::DiagnosticEngine& diags)
      : sources_(sources), file_(file), draft_(draft), diags_(diags) {}

  bool read() {
    std::string_view all = sources_.text(file_);
    std::size_t from = 0;
    while (from <= all.size()) {
      std::size_t end = all.find('\n', from);
      if (end == std::string_view::npos) end = all.size();
      line({all.substr(from, end - from), static_cast<std::uint32_t>(from)});
      from = end + 1;
    }
    return ok_;
  }

 private:
  source::SourceRange at(const Line& l, std::size_t column) const {
    return source::SourceRange(
        source::SourceLoc{file_, l.offset + static_cast<std::uint32_t>(column)});
  }
  void error(const Line& l, std::size_t column, const std::string& message) {
    diags_.report(DiagId::InventoryError, at(l, column), message);
    ok_ = false;
  }
  std::size_t columnOf(const Line& l, std::string_view part) const {
    return static_cast<std::size_t>(part.data() - l.text.data());
  }

  void line(const Line& l) {
    std::string_view text = trim(l.text);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty() || text[0] == '#' || text[0] == ';') return;
    if (text[0] == '[') return section(l, text);
    if (kind_ == "hosts") return hostLine(l, text);
    if (kind_ == "vars") return varLine(l, text);
    std::string_view child = trim(text.substr(0, text.find_first_of("#;")));
    std::string name(child);
    if (!printableName("group", name, at(l, columnOf(l, child)), diags_)) {
      ok_ = false;
      return;
    }
    if (name.find_first_of(" \t") != std::string::npos)
      return error(l, columnOf(l, child), "group name '" + name + "' contains a blank");
    draft_.groups[group_].children.insert(name);
    draft_.groups[group_].childAt.emplace(name, at(l, columnOf(l, child)));
    draft_.groups[name];
  }

  // [name], [name:vars], [name:children]; a trailing comment is allowed.
  void section(const Line& l, std::string_view text) {
    std::size_t close = text.find(']');
    std::string_view rest = close == std::string_view::npos ? "" : trim(text.substr(close + 1));
    if (close == std::string_view::npos || (!rest.empty() && rest[0] != '#' && rest[0] != ';'))
      return error(l, columnOf(l, text),
                   "invalid section '" + support::printable(std::string(text), text.size()) +
                       "'; a section is [group], [group:vars] or [group:children]");
    std::string_view inside = text.substr(1, close - 1);
    std::string_view name = inside.substr(0, inside.find(':'));
    std::string_view kind =
        inside.find(':') == std::string_view::npos ? "hosts" : inside.substr(inside.find(':') + 1);
    if (name.empty() || name.find_first_of(" \t[") != std::string_view::npos)
      return error(l, columnOf(l, text) + 1,
                   "invalid section '" + support::printable(std::string(text), text.size()) +
                       "'; group names have no blanks");
    if (kind != "hosts" && kind != "vars" && kind != "children")
      return error(l, columnOf(l, kind),
                   "section [" + std::string(inside) + "] has unknown type '" + std::string(kind) +
                       "'; expected vars or children");
    std::string groupName(name);
    if (!printableName("group", groupName, at(l, columnOf(l, name)), diags_)) {
      ok_ = false;
      return;
    }
    group_ = groupName;
    kind_ = std::string(kind);
    draft_.groups[group_];  // under `all` only if no group contains it (InventoryLoader)
  }

  void hostLine(const Line& l, std::string_view text) {
    std::string why;
    auto words = shellWords(text, why);
    std::size_t base = columnOf(l, text);
    if (!words) return error(l, base, why);
    if (words->empty()) return;
    const Word& first = words->front();
    std::string pattern = first.text;
    std::optional<std::string> port;
    // name:port, the one colon outside a range's brackets (an IPv6
    // address has more).
    std::size_t colon = std::string::npos, colons = 0;
    for (std::size_t i = 0, depth = 0; i < pattern.size(); ++i) {
      if (pattern[i] == '[') ++depth;
      if (pattern[i] == ']' && depth) --depth;
      if (pattern[i] == ':' && !depth) {
        colon = i;
        ++colons;
      }
    }
    if (colons == 1) {
      port = pattern.substr(colon + 1);
      pattern.resize(colon);
    }
    if (!printableName("host", pattern, at(l, base + first.column), diags_)) {
      ok_ = false;
      return;
    }
    ExpandedHosts names = expandHostRange(pattern);
    if (!names.error.empty()) return error(l, base + first.column, names.error);
    DraftVars vars;
    if (port) {
      VarValue v;
      v.typed = literalValue(*port, v.text);
      v.at = at(l, base + first.column);
      vars["ansible_port"] = std::move(v);
    }
    for (std::size_t i = 1; i < words->size(); ++i) {
      const Word& w = (*words)[i];
      std::size_t eq = w.text.find('=');
      if (eq == std::string::npos)
        return error(l, base + w.column,
                     "expected key=value host variable assignment, got '" +
                         support::printable(w.text, w.text.size()) + "'");
      std::string key = w.text.substr(0, eq);
      if (!printableName("var", key, at(l, base + w.column), diags_)) {
        ok_ = false;
        continue;
      }
      VarValue v;
      v.typed = literalValue(w.text.substr(eq + 1), v.text);
      v.at = at(l, base + w.column + eq + 1);
      if (!checkConnectionVar(key, v)) continue;
      vars[key] = std::move(v);
    }
    for (const auto& host : names.names) {
      draft_.groups[group_].hosts.insert(host);
      for (const auto& [k, v] : vars) draft_.hosts[host].vars[k] = v;
      draft_.hosts[host];
    }
  }

  void varLine(const Line& l, std::string_view text) {
    std::size_t eq = text.find('=');
    if (eq == std::string_view::npos)
      return error(l, columnOf(l, text),
                   "expected key=value in [" + group_ + ":vars], got '" +
                       support::printable(std::string(text), text.size()) + "'");
    std::string_view key = trim(text.substr(0, eq));
    std::string_view value = trim(text.substr(eq + 1));
    std::string name(key);
    if (!printableName("var", name, at(l, columnOf(l, text)), diags_)) {
      ok_ = false;
      return;
    }
    VarValue v;
    v.text = std::string(value);
    v.typed = v.text;
    v.at = at(l, value.empty() ? columnOf(l, text) + eq + 1 : columnOf(l, value));
    if (!checkConnectionVar(name, v)) return;
    draft_.groups[group_].vars[name] = std::move(v);
  }

  bool checkConnectionVar(const std::string& name, const VarValue& v) {
    if ((name == "ansible_host" || name == "ansible_user") &&
        support::findUnprintable(v.text) != std::string::npos) {
      diags_.report(DiagId::InventoryError, v.at,
                    fmt::format("{} '{}' contains a control or non-printable character", name,
                                support::printable(v.text, v.text.size())));
      ok_ = false;
      return false;
    }
    return true;
  }

  source::SourceManager& sources_;
  source::FileId file_;
  Draft& draft_;
  diag::DiagnosticEngine& diags_;
  std::string group_ = "ungrouped";
  std::string kind_ = "hosts";
  bool ok_ = true;
};

}  // namespace

bool readIniInventory(source::SourceManager& sources, source::FileId file, Draft& draft,
                      diag::DiagnosticEngine& diags) {
  draft.groups["all"].children.insert("ungrouped");
  return IniReader(sources, file, draft, diags).read();
}

}  // namespace magicc::inventory
