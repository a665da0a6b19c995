// JSON from untrusted bytes (saved plans, make-magic items, request bodies):
// parsed with a bound on nesting. nlohmann's parser is iterative, but copying,
// comparing, dumping or walking a value recurses once per level, so a document
// of 100,000 nested brackets would overflow the stack long after parsing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace magicc::support {

// Deeper than any document magicc reads or writes (a plan nests 6 levels).
inline constexpr std::size_t kMaxJsonDepth = 64;

// The 0-based offset of the first `[` or `{` that opens a level deeper than
// `maxDepth`, or npos. One pass, no recursion; brackets inside strings do not
// count. On a valid prefix it sees exactly the nesting the parser would build.
std::size_t findJsonTooDeep(std::string_view text, std::size_t maxDepth = kMaxJsonDepth);

// Why a document was refused: "invalid JSON at byte N" or "JSON nested deeper
// than M levels at byte N" (bytes 1-based, as nlohmann counts them).
std::string jsonTooDeepError(std::size_t offset, std::size_t maxDepth);

template <class JsonT>
struct BasicJsonResult {
  std::optional<JsonT> value;  // empty when `error` says why
  std::string error;
};

// Parses `text` as one JSON document nested at most `maxDepth` levels; never
// throws. JsonT is nlohmann::json or nlohmann::ordered_json (plans keep their
// keys' order).
template <class JsonT = nlohmann::json>
BasicJsonResult<JsonT> parseJson(std::string_view text, std::size_t maxDepth = kMaxJsonDepth) {
  BasicJsonResult<JsonT> result;
  if (std::size_t deep = findJsonTooDeep(text, maxDepth); deep != std::string_view::npos) {
    result.error = jsonTooDeepError(deep, maxDepth);
    return result;
  }
  try {
    result.value = JsonT::parse(text);
  } catch (const typename JsonT::parse_error& e) {
    result.error = "invalid JSON at byte " + std::to_string(e.byte);
  } catch (const typename JsonT::exception&) {
    result.error = "invalid JSON: a number is out of range";  // 1e400
  }
  return result;
}

}  // namespace magicc::support
