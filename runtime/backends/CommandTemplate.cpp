#include "backends/CommandTemplate.h"

#include "backends/Command.h"

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

std::string displayCommand(const std::string& rendered, const Values& env) {
  std::string out = rendered;
  // Last first: MAGICC_ARG_1 is a prefix of MAGICC_ARG_10.
  for (auto it = env.rbegin(); it != env.rend(); ++it) {
    const auto& [name, value] = *it;
    if (name.rfind("MAGICC_ARG_", 0) != 0) continue;
    for (const std::string& form : {"\"${" + name + "}\"", "${" + name + "}"}) {
      std::size_t pos;
      while ((pos = out.find(form)) != std::string::npos)
        out.replace(pos, form.size(), form[0] == '"' ? shellQuote(value) : value);
    }
  }
  return out;
}

}  // namespace magicc::runtime
