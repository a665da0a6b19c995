#include "agent/AgentConfig.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

namespace magicc::agent {

namespace {

struct ConfigError {
  std::string message;
};

[[noreturn]] void fail(const YAML::Node& node, const std::string& what) {
  auto mark = node.Mark();
  throw ConfigError{"line " + std::to_string(mark.line + 1) + ": " + what};
}

std::string scalar(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) fail(node, what + " must be a single value");
  return node.Scalar();
}

nlohmann::json factValue(const YAML::Node& node) {
  if (!node.IsScalar()) fail(node, "a fact must be a single value");
  const std::string& text = node.Scalar();
  if (node.Tag() != "!") {  // unquoted: booleans and numbers as such
    if (text == "true") return true;
    if (text == "false") return false;
    char* end = nullptr;
    long long n = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && *end == '\0') return n;
  }
  return text;
}

// Every number + unit pair of `text`; the multiplier for each unit.
std::optional<double> parseUnits(std::string_view text, const std::map<std::string, double>& units,
                                 bool bareOk) {
  if (text.empty()) return std::nullopt;
  double total = 0;
  std::size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    std::size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
      ++i;
    if (i == start || i - start > 12) return std::nullopt;
    double number = std::strtod(std::string(text.substr(start, i - start)).c_str(), nullptr);
    std::size_t unitStart = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string unit(text.substr(unitStart, i - unitStart));
    if (unit.empty()) {
      if (!bareOk || any || i != text.size()) return std::nullopt;
      return number;
    }
    auto it = units.find(unit);
    if (it == units.end()) return std::nullopt;
    total += number * it->second;
    any = true;
  }
  return total;
}

}  // namespace

std::optional<std::chrono::milliseconds> parseDuration(std::string_view text) {
  static const std::map<std::string, double> kUnits{
      {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};
  auto value = parseUnits(text, kUnits, true);
  if (!value) return std::nullopt;
  // A bare number is seconds.
  bool bare = !text.empty() && std::isdigit(static_cast<unsigned char>(text.back()));
  double ms = bare ? *value * 1000 : *value;
  if (ms < 0 || ms > 1e12) return std::nullopt;
  return std::chrono::milliseconds(static_cast<long long>(ms));
}

std::optional<std::size_t> parseSize(std::string_view text) {
  static const std::map<std::string, double> kUnits{
      {"B", 1},     {"KiB", 1024}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
      {"KB", 1000}, {"MB", 1e6},   {"GB", 1e9}};
  auto value = parseUnits(text, kUnits, true);
  if (!value || *value < 1 || *value > 1e12) return std::nullopt;
  return static_cast<std::size_t>(*value);
}

std::optional<AgentConfig> parseAgentConfig(const std::string& text, std::string& error) {
  AgentConfig config;
  try {
    YAML::Node root = YAML::Load(text);
    if (root.IsNull()) return config;
    if (!root.IsMap()) fail(root, "agent.yaml must be a mapping");
    for (const auto& entry : root) {
      std::string key = scalar(entry.first, "a key");
      const YAML::Node& value = entry.second;
      if (key == "tags") {
        if (!value.IsSequence()) fail(value, "tags must be a list");
        for (const auto& tag : value) config.tags.push_back(scalar(tag, "a tag"));
      } else if (key == "facts") {
        if (!value.IsMap()) fail(value, "facts must be a mapping");
        for (const auto& fact : value)
          config.facts[scalar(fact.first, "a fact name")] = factValue(fact.second);
      } else if (key == "services") {
        if (!value.IsMap()) fail(value, "services must be a mapping of names to URLs");
        for (const auto& service : value) {
          ServiceConfig s;
          std::string name = scalar(service.first, "a service name");
          if (service.second.IsScalar()) {
            s.url = service.second.Scalar();
          } else if (service.second.IsMap()) {
            for (const auto& field : service.second) {
              std::string f = scalar(field.first, "a key");
              if (f == "url") {
                s.url = scalar(field.second, "url");
              } else if (f == "timeout") {
                auto d = parseDuration(scalar(field.second, "timeout"));
                if (!d) fail(field.second, "timeout must be a duration like 30s");
                s.timeout = *d;
              } else {
                fail(field.first, "unknown key '" + f + "' in service '" + name + "'");
              }
            }
          } else {
            fail(service.second, "service '" + name + "' must be a URL or {url, timeout}");
          }
          if (s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0)
            fail(service.second, "service '" + name + "' needs an http:// or https:// URL");
          config.services[name] = s;
        }
      } else if (key == "files_under") {
        config.filesUnder = scalar(value, "files_under");
        if (config.filesUnder.empty() || config.filesUnder[0] != '/')
          fail(value, "files_under must be an absolute path");
        while (config.filesUnder.size() > 1 && config.filesUnder.back() == '/')
          config.filesUnder.pop_back();
      } else if (key == "max_body") {
        auto size = parseSize(scalar(value, "max_body"));
        if (!size) fail(value, "max_body must be a size like 10MiB");
        config.maxBody = *size;
      } else if (key == "header_timeout" || key == "body_timeout" || key == "idle_timeout") {
        auto d = parseDuration(scalar(value, key));
        if (!d || d->count() == 0) fail(value, key + " must be a duration like 10s");
        (key == "header_timeout" ? config.headerTimeout
         : key == "body_timeout" ? config.bodyTimeout
                                 : config.idleTimeout) = *d;
      } else if (key == "max_connections") {
        std::string number = scalar(value, key);
        std::size_t count = 0;
        auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), count);
        if (ec != std::errc() || end != number.data() + number.size() || count == 0)
          fail(value, "max_connections must be a positive number");
        config.maxConnections = count;
      } else {
        fail(entry.first, "unknown key '" + key + "'");
      }
    }
  } catch (const ConfigError& e) {
    error = e.message;
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    error = "line " + std::to_string(e.mark.line + 1) + ": " + e.msg;
    return std::nullopt;
  }
  return config;
}

std::optional<AgentConfig> loadAgentConfig(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto config = parseAgentConfig(text.str(), error);
  if (!config) error = path + ": " + error;
  return config;
}

}  // namespace magicc::agent
