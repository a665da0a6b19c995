// magicc graph FILE: the program's graph as dot or JSON (a plan without
// targets' detail: every node and edge).
#include <memory>

#include "Commands.h"

namespace magicc::driver {

Subcommand addGraphCommand(CLI::App& magicc) {
  auto options = std::make_shared<PlanOptions>();
  options->format = "dot";
  auto* cmd = magicc.add_subcommand("graph", "Print the program's graph (dot or json)");
  cmd->add_option("file", options->file, "The .mm program")->required();
  cmd->add_option("--format", options->format, "dot or json")
      ->check(CLI::IsMember({"dot", "json"}));
  cmd->add_option("-r,--require", options->require, "Requirements of the local target (a,b)");
  addDiagnosticOptions(*cmd, options->diagnostics);
  return {cmd, [options] { return runPlan(*options); }};
}

}  // namespace magicc::driver
