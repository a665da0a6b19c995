#include "support/Suggest.h"

#include <algorithm>
#include <vector>

namespace magicc::support {

// Optimal string alignment distance: Levenshtein plus adjacent transpositions,
// so that "itme" is one edit from "item".
std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  const std::size_t width = a.size() + 1;
  std::vector<std::size_t> previous2(width), previous(width), row(width);
  for (std::size_t i = 0; i < width; ++i) previous[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    row[0] = j;
    std::size_t best = row[0];
    for (std::size_t i = 1; i < width; ++i) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[i] = std::min({previous[i] + 1, row[i - 1] + 1, previous[i - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[i] = std::min(row[i], previous2[i - 2] + 1);
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
    std::swap(previous2, previous);
    std::swap(previous, row);
  }
  return previous[a.size()];
}

std::optional<std::string> closestMatch(std::string_view word,
                                        std::span<const std::string_view> candidates) {
  std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t bestDistance = limit + 1;
  for (auto candidate : candidates) {
    if (candidate == word) continue;
    std::size_t d = editDistance(word, candidate, limit);
    // Rewriting every letter of the word is no typo: 'c' does not suggest 'a'.
    if (d >= word.size()) continue;
    // On a tie, a name the word begins is likelier: 'ap' is 'app' cut short.
    bool tieWonByPrefix = d == bestDistance && best && candidate.starts_with(word) &&
                          !std::string_view(*best).starts_with(word);
    if (d < bestDistance || tieWonByPrefix) {
      bestDistance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates) {
  auto match = closestMatch(word, candidates);
  return match ? "; did you mean '" + *match + "'?" : std::string();
}

}  // namespace magicc::support
