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

}  // namespace magicc::runtime
