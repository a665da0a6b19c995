// "Did you mean" suggestions by edit distance.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace magicc::support {

// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit);

// The candidate closest to `word`, if it is close enough to be a likely typo:
// at most a third of the word's length in edits (at least 1, at most 3).
std::optional<std::string> closestMatch(std::string_view word,
                                        std::span<const std::string_view> candidates);

// "; did you mean 'x'?" or "".
std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace magicc::support
