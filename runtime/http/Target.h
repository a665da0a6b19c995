// A request target split into its path segments and query parameters, both
// percent-decoded. Routing matches segments, never raw text, so `%2F` in a
// name cannot reach another route.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace magicc::http {

struct Target {
  std::string path;                   // decoded, as sent ("/v1/jobs/7")
  std::vector<std::string> segments;  // {"v1", "jobs", "7"}; a trailing "/" adds ""
  std::map<std::string, std::string> query;

  // The query parameter `name`, or `fallback`.
  std::string param(const std::string& name, std::string fallback = {}) const;
};

// Nothing when the target is not an origin-form path or its escapes are bad.
std::optional<Target> parseTarget(std::string_view target);

std::string percentEncode(std::string_view text);

}  // namespace magicc::http
