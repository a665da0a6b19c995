// The quantity fields of a block (retries, timeout, batch, max_fail, ...) as
// the planner and lowering read them: a literal (checked by `check`), or a
// param's value, parsed (support/Quantity.h) and checked here against the
// field it lands in; a bad one is reported at that field.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "diag/DiagnosticEngine.h"
#include "ir/Condition.h"
#include "support/Quantity.h"
#include "syntax/Ast.h"

namespace magicc::plan {

// The most a count field takes (retries, batch, concurrency, ...).
inline constexpr long long kMaxCount = 1000000;

using support::parseDuration;
using support::parseInteger;
using support::parseShare;
using support::Share;

// Reads the quantity fields of one block. `owner` names it in messages
// ("item 'a'", "stage 'deploy'"). An absent field, or one whose param has no
// value, gives nullopt and no diagnostic; a bad param value gives nullopt and
// a diagnostic at the field's value.
class QuantityReader {
 public:
  QuantityReader(const ir::ParamValues& params, diag::DiagnosticEngine& diags, std::string owner)
      : params_(params), diags_(diags), owner_(std::move(owner)) {}

  std::optional<std::chrono::milliseconds> duration(const syntax::Field* field) const;
  std::optional<long long> count(const syntax::Field* field, long long min) const;
  std::optional<Share> share(const syntax::Field* field) const;

 private:
  // The field's value as text: a literal's, or its param's; nullopt when absent.
  std::optional<std::string> text(const syntax::Field* field) const;

  const ir::ParamValues& params_;
  diag::DiagnosticEngine& diags_;
  std::string owner_;
};

}  // namespace magicc::plan
