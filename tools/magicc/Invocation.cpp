#include "Invocation.h"

namespace magicc::driver {

plan::PlanRequest planRequestOf(const PlanOptions& options) {
  plan::PlanRequest request;
  request.file = options.file;
  request.pipeline = options.pipeline;
  request.require = options.require;
  request.defines = options.defines;
  request.inventories = options.inventories;
  request.hosts = options.hosts;
  request.limit = options.limit;
  request.stages = {options.stages, options.startAtStage};
  request.jit = plan::jitModeFrom(options.jit);
  request.errorLimit = options.diagnostics.errorLimit;
  request.discovered = options.discovered;
  return request;
}

nlohmann::ordered_json invocationOf(const PlanOptions& options, const plan::ParamSet& params) {
  return plan::invocationOf(planRequestOf(options), params);
}

PlanOptions planOptionsFrom(const nlohmann::ordered_json& invocation) {
  plan::PlanRequest request = plan::planRequestFrom(invocation);
  PlanOptions options;
  options.file = request.file;
  options.pipeline = request.pipeline;
  options.require = request.require;
  options.defines = request.defines;
  options.inventories = request.inventories;
  options.hosts = request.hosts;
  options.limit = request.limit;
  options.stages = request.stages.only;
  options.startAtStage = request.stages.startAt;
  options.jit = plan::jitModeName(request.jit);
  options.discovered = request.discovered;
  return options;
}

}  // namespace magicc::driver
