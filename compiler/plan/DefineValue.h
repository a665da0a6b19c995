// A -D value is literal text, or a reference that keeps it off the command
// line (where every user sees it in /proc/PID/cmdline):
//   @env:VAR    the environment variable VAR
//   @file:PATH  the file's content (one final newline dropped)
//   @-          standard input, read whole (one final newline dropped)
//   @@text      the literal text "@text"
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace magicc::plan {

struct DefineValue {
  std::string value;
  bool inlineText = true;  // given on the command line itself
};

// Reads what `text` refers to; nullopt with `error` set when it cannot.
// `stdinUsed` is set by @- (standard input can be read once).
std::optional<DefineValue> readDefineValue(const std::string& text, bool& stdinUsed,
                                           std::string& error);

// The -D text that gives exactly `value` (an '@' at the start is doubled).
std::string literalDefineValue(const std::string& value);

// The secret params among `defines` (as given on a command line) whose value
// is written out inline: for a warning.
std::vector<std::string> secretsGivenInline(const std::vector<std::string>& defines,
                                            const std::vector<std::string>& secretParams);

}  // namespace magicc::plan
