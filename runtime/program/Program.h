// What a run runs, as plain data: the jobs (with their commands, values,
// edges and limits), the resources they check and apply, and the stages.
// Lowering makes one from a plan; the session runs it; a worker or an agent
// can be sent one as JSON (ProgramJson.h) without the source.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "program/Job.h"

namespace magicc::runtime {

// A command line as written in the program: literal text and ${name}
// references (rendered by program/RenderCommand.h).
struct CommandTemplate {
  struct Part {
    bool reference = false;  // ${text}
    std::string text;
  };
  std::vector<Part> parts;
  bool empty() const { return parts.empty(); }
};

struct ResourceSpec {
  std::string kind;  // file, exec, password, pkg, svc, noop, or a user kind
  bool userKind = false;
  Values inputs;  // the resource's fields, as text (lists and maps as JSON)
  Values scope;   // params and host.* its commands refer to
  std::vector<std::string> secretInputs, secretOutputs;
  Values outputs;  // a user kind's declared outputs: name -> type ("int", "list[string]", ...)
  CommandTemplate command, check, apply;  // exec's cmd; a user kind's check: and apply:
};

struct StageInfo {
  std::string name;
  std::size_t hosts = 0, tasks = 0;
  std::int64_t batch = 0;  // 0: one batch
  bool summarize = false;
  bool local = false;  // no on: runs once, here
};

struct RunProgram {
  std::vector<Job> jobs;
  std::vector<ResourceSpec> resources;
  std::vector<StageInfo> stages;
  std::vector<StageLimits> limits;
  std::vector<std::string> secrets;  // secret values known before the run (params)
};

}  // namespace magicc::runtime
