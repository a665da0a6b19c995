#include "lower/ShownCommands.h"

#include "program/RenderCommand.h"

namespace magicc::lower {

plan::ShownCommands shownCommands(const runtime::RunProgram& program) {
  plan::ShownCommands shown;
  for (const runtime::Job& job : program.jobs) {
    std::string text;
    if (job.kind == runtime::JobKind::Command)
      text = runtime::displayCommand(job.command, job.env);
    else if (job.kind == runtime::JobKind::Call)
      text = "call " + job.method + " " + job.args;
    else
      continue;
    // A stage's task is named after the stage; the items a stage runs on a
    // host (an items stage) are nodes of that host's target.
    bool task = job.stage >= 0 && static_cast<std::size_t>(job.stage) < program.stages.size() &&
                program.stages[job.stage].name == job.name;
    if (task)
      shown.tasks[{program.stages[job.stage].name, job.target, job.each}] = std::move(text);
    else
      shown.nodes[{job.target, job.name}] = std::move(text);
  }
  return shown;
}

}  // namespace magicc::lower
