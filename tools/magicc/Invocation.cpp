#include "Invocation.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "plan/DefineValue.h"

namespace magicc::driver {

namespace {

std::string absolute(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

}  // namespace

std::string defineName(const std::string& define) {
  return define.substr(0, define.find('='));
}

nlohmann::ordered_json invocationOf(const PlanOptions& options, const plan::ParamSet& params) {
  nlohmann::ordered_json inv;
  inv["program"] = absolute(options.file);
  inv["pipeline"] = options.pipeline;
  inv["require"] = options.require;
  nlohmann::ordered_json defines = nlohmann::ordered_json::array();
  // The values, not how they were given (@env:, @file: and @- may be gone
  // when the run is resumed); secret ones are sealed, never saved here.
  std::set<std::string> seen;
  for (const auto& d : options.defines) {
    std::string name = defineName(d);
    auto value = params.values.find(name);
    if (std::find(params.secrets.begin(), params.secrets.end(), name) == params.secrets.end() &&
        value != params.values.end() && seen.insert(name).second)
      defines.push_back(name + "=" + plan::literalDefineValue(value->second));
  }
  inv["defines"] = std::move(defines);
  nlohmann::ordered_json inventories = nlohmann::ordered_json::array();
  for (const auto& i : options.inventories) inventories.push_back(absolute(i));
  inv["inventories"] = std::move(inventories);
  inv["hosts"] = options.hosts;
  return inv;
}

PlanOptions planOptionsFrom(const nlohmann::ordered_json& inv) {
  PlanOptions options;
  options.file = inv.at("program").get<std::string>();
  options.pipeline = inv.at("pipeline").get<std::string>();
  options.require = inv.at("require").get<std::vector<std::string>>();
  options.defines = inv.at("defines").get<std::vector<std::string>>();
  options.inventories = inv.at("inventories").get<std::vector<std::string>>();
  options.hosts = inv.at("hosts").get<std::string>();
  options.jit = inv.value("jit", std::string("auto"));
  return options;
}

}  // namespace magicc::driver
