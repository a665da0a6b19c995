// magicc completion bash|zsh|fish: a completion script for the shell.
// `magicc completion --list pipelines FILE` and `--list stages FILE PIPELINE`
// are what the scripts ask while the operator types.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "Commands.h"
#include "Completion.h"
#include "frontend/Compilation.h"

namespace magicc::driver {

namespace {

struct CompletionOptions {
  std::vector<std::string> words;  // SHELL, or with --list: KIND FILE [PIPELINE]
  bool list = false;
};

// The names, one per line; nothing (and no diagnostics) for a program that
// cannot be read: a completion never prints errors into the command line.
int listNames(const std::vector<std::string>& words) {
  if (words.size() < 2) return kExitUsage;
  frontend::Compilation compilation;
  compilation.leakOnExit();
  auto program = compilation.load(words[1]);
  if (!program) return kExitUsage;
  sema::SemanticModel model = compilation.analyze(*program);
  if (words[0] == "pipelines") {
    for (const auto& [name, decl] : model.pipelines) std::printf("%s\n", name.c_str());
    return kExitOk;
  }
  if (words[0] == "stages" && words.size() >= 3) {
    auto it = model.pipelines.find(words[2]);
    if (it == model.pipelines.end()) return kExitUsage;
    for (const auto& stage : it->second->stages) std::printf("%s\n", stage.name.name.c_str());
    return kExitOk;
  }
  return kExitUsage;
}

int runCompletion(CLI::App& magicc, const CompletionOptions& options) {
  if (options.list) return listNames(options.words);
  const std::string shell = options.words.empty() ? "" : options.words[0];
  std::vector<CompletedCommand> model = completionModel(magicc);
  std::string script;
  if (shell == "bash")
    script = bashCompletion(model);
  else if (shell == "zsh")
    script = zshCompletion(model);
  else if (shell == "fish")
    script = fishCompletion(model);
  else {
    std::fprintf(stderr, "magicc: error: completion: the shell is bash, zsh or fish%s\n",
                 shell.empty() ? "" : (", not '" + shell + "'").c_str());
    return kExitUsage;
  }
  std::fwrite(script.data(), 1, script.size(), stdout);
  return kExitOk;
}

}  // namespace

Subcommand addCompletionCommand(CLI::App& magicc) {
  auto options = std::make_shared<CompletionOptions>();
  auto* cmd = magicc.add_subcommand(
      "completion", "Print a shell completion script: source <(magicc completion bash)");
  cmd->add_option("shell", options->words, "bash, zsh or fish")->required();
  // What the scripts ask: not for people.
  cmd->add_flag("--list", options->list, "")->group("");
  return {cmd, [&magicc, options] { return runCompletion(magicc, *options); }};
}

}  // namespace magicc::driver
