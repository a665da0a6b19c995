// Shell completion scripts for bash, zsh and fish, generated from the
// command line parser itself, so a new option completes the day it is added.
// Names that depend on a program (its pipelines, a pipeline's stages) are
// asked of `magicc completion --list` while the operator types.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace magicc::driver {

// What a value completes to.
enum class ValueKind {
  None,      // a flag: no value
  Text,      // free text: nothing to offer
  Number,    // a count, seconds: nothing to offer
  File,      // any file
  Program,   // a .mm program or a saved plan .json
  Choice,    // one of `choices`
  Pipeline,  // a pipeline of the program given before it
  Stage,     // a stage of the pipeline given before it
  Command,   // one of magicc's commands
};

struct CompletedOption {
  std::vector<std::string> names;  // "-j", "--jobs"
  std::string help;                // one line
  ValueKind value = ValueKind::None;
  std::vector<std::string> choices;
};

struct CompletedCommand {
  std::string name;
  std::string help;
  std::vector<CompletedOption> options;
  std::vector<CompletedOption> positionals;  // in order; names[0] is the positional's name
};

// Every subcommand of `magicc` with its options, hidden ones left out.
std::vector<CompletedCommand> completionModel(CLI::App& magicc);

std::string bashCompletion(const std::vector<CompletedCommand>& commands);
std::string zshCompletion(const std::vector<CompletedCommand>& commands);
std::string fishCompletion(const std::vector<CompletedCommand>& commands);

}  // namespace magicc::driver
