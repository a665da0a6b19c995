// A param's value as text, in one canonical form whatever its source (a
// default in the program, -D, a prompt), checked against the param's type:
//   int, bool, enum, string   as written
//   duration                  in its largest exact unit: 30s, 2m, 1500ms
//   list[T]                   its elements joined by ',' ("jq,htop"); given
//                             as JSON (["jq","htop"]) or as words and commas
//   map[T]                    compact JSON ({"cpu":2}); given as JSON
#pragma once

#include <optional>
#include <string>

#include "sema/Type.h"
#include "syntax/Ast.h"

namespace magicc::plan {

struct ParamText {
  std::optional<std::string> value;  // the canonical text; nullopt when it does not fit
  std::string expected;              // else what the type takes, for the message
};

// `text` (a -D value or a prompt's answer) as a value of `type`.
ParamText paramValueOf(const sema::Type& type, const std::string& text);

// A param's default (a literal of the program) in the same canonical form;
// nullopt when it is not a literal value.
std::optional<std::string> defaultValueText(const syntax::Expr& e);

// How -D values are written, for --help and messages.
inline constexpr const char* kDefineSyntax =
    "lists as JSON (-D 'tags=[\"a\",\"b\"]') or words and commas (-D tags=a,b); maps as JSON "
    "(-D 'limits={\"cpu\":4}'); durations such as 30s, 5m, 250ms";

}  // namespace magicc::plan
