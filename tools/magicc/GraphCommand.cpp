// magicc graph FILE [PIPELINE]: the program's graph as dot or JSON (a plan
// without targets' detail: every node and edge; a pipeline's stages, batches
// and hosts). It takes the same inputs as plan.
#include <memory>

#include "Commands.h"

namespace magicc::driver {

Subcommand addGraphCommand(CLI::App& magicc) {
  struct Flags {
    PlanOptions options;
    bool json = false;
  };
  auto flags = std::make_shared<Flags>();
  PlanOptions& options = flags->options;
  options.format = "dot";
  auto* cmd = magicc.add_subcommand("graph", "Print the program's graph (dot or json)");
  cmd->add_option("file", options.file, "The .mm program")->required();
  cmd->add_option("pipeline", options.pipeline, "A pipeline to draw: its stages, batches, hosts");
  addPlanInputs(*cmd, options);
  cmd->add_option("--format", options.format, "dot or json")->check(CLI::IsMember({"dot", "json"}));
  cmd->add_flag("--json", flags->json, "The graph and any errors as JSON (--format json)");
  addDiagnosticOptions(*cmd, options.diagnostics);
  return {cmd, [flags] {
            if (flags->json) {
              flags->options.format = "json";
              flags->options.diagnostics.format = DiagnosticsFormat::Json;
            }
            return runPlan(flags->options);
          }};
}

}  // namespace magicc::driver
