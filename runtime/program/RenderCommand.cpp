#include "program/RenderCommand.h"

namespace magicc::runtime {

std::string renderCommand(const CommandTemplate& command, const Lookup& lookup, Values& env,
                          std::vector<std::string>* missing) {
  std::string out;
  enum class Quote { None, Single, Double } quote = Quote::None;
  for (const auto& part : command.parts) {
    if (!part.reference) {
      const std::string& text = part.text;
      for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        out += c;
        if (quote != Quote::Single && c == '\\' && i + 1 < text.size()) {
          out += text[++i];
          continue;
        }
        if (c == '\'' && quote != Quote::Double)
          quote = quote == Quote::Single ? Quote::None : Quote::Single;
        else if (c == '"' && quote != Quote::Single)
          quote = quote == Quote::Double ? Quote::None : Quote::Double;
      }
      continue;
    }
    std::optional<std::string> value = lookup(part.text);
    if (!value && missing) missing->push_back(part.text);
    std::string var = "MAGICC_ARG_" + std::to_string(env.size());
    env.emplace_back(var, value.value_or(""));
    out += quote == Quote::None ? "\"${" + var + "}\"" : "${" + var + "}";
  }
  return out;
}

std::string shellQuote(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

namespace {

// A value as one shell word, bare when it needs no quotes (easier to read).
std::string displayWord(std::string_view value) {
  bool plain = !value.empty() && value.find_first_not_of(
                                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789_@%+=:,./-") == std::string_view::npos;
  return plain ? std::string(value) : shellQuote(value);
}

}  // namespace

std::string displayCommand(const std::string& rendered, const Values& env) {
  // One pass, left to right: a value is never searched again, so a value
  // that looks like a reference stays as it is.
  auto valueOf = [&](std::string_view name) -> const std::string* {
    for (const auto& [k, v] : env)
      if (k == name) return &v;
    return nullptr;
  };
  std::string out;
  std::size_t i = 0;
  while (i < rendered.size()) {
    bool quoted = rendered.compare(i, 4, "\"${M") == 0;
    std::size_t open = quoted ? i + 1 : i;
    if (rendered.compare(open, 13, "${MAGICC_ARG_") == 0) {
      std::size_t close = rendered.find('}', open);
      if (close != std::string::npos) {
        std::string_view name(rendered.data() + open + 2, close - open - 2);
        if (const std::string* v = valueOf(name)) {
          bool wrapped = quoted && close + 1 < rendered.size() && rendered[close + 1] == '"';
          if (quoted && wrapped) {
            out += displayWord(*v);
            i = close + 2;
            continue;
          }
          if (quoted) out += '"';
          out += *v;
          i = close + 1;
          continue;
        }
      }
    }
    out += rendered[i++];
  }
  return out;
}

}  // namespace magicc::runtime
