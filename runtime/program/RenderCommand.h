// Rendering a command line as written in the program (CommandTemplate):
// the text stays, and each ${name} becomes an environment variable that
// holds the value, so a value can never become shell code: outside quotes
// "${MAGICC_ARG_n}" (one word, whatever it holds), inside double or single
// quotes ${MAGICC_ARG_n} (a nested `sh -c '...'` expands it from its
// environment). Lowering renders jobs' commands; resources render theirs
// when they run.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "program/Program.h"

namespace magicc::runtime {

// A reference's value, or nullopt when it has none (reported by the caller).
using Lookup = std::function<std::optional<std::string>(const std::string& name)>;

// The shell-ready command; values are appended to `env`. Names without a
// value are appended to `missing` and render as empty.
std::string renderCommand(const CommandTemplate& command, const Lookup& lookup, Values& env,
                          std::vector<std::string>* missing = nullptr);

// A single-quoted shell word that stands for exactly `value`.
std::string shellQuote(std::string_view value);

// The rendered command as an operator reads it (a plan, logs, the audit):
// values shell-quoted in place (commands never hold secrets: the checker
// keeps them out).
std::string displayCommand(const std::string& rendered, const Values& env);

}  // namespace magicc::runtime
