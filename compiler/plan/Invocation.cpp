#include "plan/Invocation.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "plan/DefineValue.h"

namespace magicc::plan {

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

Json invocationOf(const PlanRequest& request, const ParamSet& params) {
  Json inv;
  inv["program"] = absolute(request.file);
  inv["pipeline"] = request.pipeline;
  inv["require"] = request.require;
  Json defines = Json::array();
  // The values, not how they were given (@env:, @file: and @- may be gone
  // when the run is resumed); secret ones are sealed, never saved here.
  for (const auto& name : params.given) {
    auto value = params.values.find(name);
    if (std::find(params.secrets.begin(), params.secrets.end(), name) == params.secrets.end() &&
        value != params.values.end())
      defines.push_back(name + "=" + literalDefineValue(value->second));
  }
  inv["defines"] = std::move(defines);
  Json inventories = Json::array();
  for (const auto& i : request.inventories) inventories.push_back(absolute(i));
  inv["inventories"] = std::move(inventories);
  inv["hosts"] = request.hosts;
  if (!request.limit.empty()) inv["limit"] = request.limit;
  // Pinned like --limit: a saved plan or a resumed run runs the same stages.
  if (!request.stages.only.empty()) inv["stages"] = request.stages.only;
  if (!request.stages.startAt.empty()) inv["start_at_stage"] = request.stages.startAt;
  // What the agents said when the run started: a resumed run selects the
  // hosts it selected then.
  if (!request.discovered.empty()) {
    Json discovered = Json::object();
    for (const auto& [host, found] : request.discovered)
      discovered[host] = {{"tags", found.tags}, {"vars", found.vars}};
    inv["discovered"] = std::move(discovered);
  }
  return inv;
}

PlanRequest planRequestFrom(const Json& inv) {
  PlanRequest request;
  request.file = inv.at("program").get<std::string>();
  request.pipeline = inv.at("pipeline").get<std::string>();
  request.require = inv.at("require").get<std::vector<std::string>>();
  request.defines = inv.at("defines").get<std::vector<std::string>>();
  request.inventories = inv.at("inventories").get<std::vector<std::string>>();
  request.hosts = inv.at("hosts").get<std::string>();
  request.limit = inv.value("limit", std::string());
  request.stages.only = inv.value("stages", std::vector<std::string>());
  request.stages.startAt = inv.value("start_at_stage", std::string());
  request.jit = jitModeFrom(inv.value("jit", std::string("auto")));
  if (auto d = inv.find("discovered"); d != inv.end())
    for (const auto& [host, found] : d->items())
      request.discovered[host] = {found.at("tags").get<std::vector<std::string>>(),
                                  found.at("vars").get<std::map<std::string, std::string>>()};
  return request;
}

}  // namespace magicc::plan
