#include "Completion.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace magicc::driver {

namespace {

// Values typed by hand: host conditions and patterns, -D, addresses, durations.
const std::set<std::string> kFreeText = {
    "-D",       "--hosts",          "--limit",        "--require",      "--only", "--listen",
    "--server", "--header-timeout", "--body-timeout", "--idle-timeout", "args"};

std::string firstLine(std::string text) {
  if (auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
  return text;
}

// CLI11 names a value's type, then each check's description: "TEXT:{a,b}".
std::vector<std::string> choicesOf(const std::string& typeName) {
  auto open = typeName.find('{');
  auto close = typeName.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::vector<std::string> out;
  std::string list = typeName.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

ValueKind valueKindOf(const std::string& command, const CLI::Option& option,
                      const std::vector<std::string>& choices) {
  if (option.get_expected_max() == 0) return ValueKind::None;  // a flag
  const std::string name = option.get_name(false, true);
  if (option.get_positional()) {
    std::string pname = option.get_name();
    if (pname == "pipeline") return ValueKind::Pipeline;
    if (pname == "command") return ValueKind::Command;
    if (pname == "shell") return ValueKind::Choice;
    if (pname == "file" || pname == "files")
      return command == "import" ? ValueKind::File : ValueKind::Program;
  }
  if (!choices.empty()) return ValueKind::Choice;
  for (const auto& l : option.get_lnames())
    if (l == "stage" || l == "start-at-stage") return ValueKind::Stage;
  for (const auto& n : option.get_lnames())
    if (kFreeText.count("--" + n)) return ValueKind::Text;
  for (const auto& n : option.get_snames())
    if (kFreeText.count("-" + n)) return ValueKind::Text;
  if (option.get_positional() && kFreeText.count(option.get_name())) return ValueKind::Text;
  std::string type = option.get_type_name();
  if (type.rfind("INT", 0) == 0 || type.rfind("UINT", 0) == 0 || type.rfind("FLOAT", 0) == 0 ||
      type.rfind("NUMBER", 0) == 0)
    return ValueKind::Number;
  return ValueKind::File;
}

CompletedOption optionOf(const std::string& command, const CLI::Option& option) {
  CompletedOption out;
  for (const auto& s : option.get_snames()) out.names.push_back("-" + s);
  for (const auto& l : option.get_lnames()) out.names.push_back("--" + l);
  if (option.get_positional()) out.names = {option.get_name()};
  out.help = firstLine(option.get_description());
  out.choices = choicesOf(option.get_type_name());
  if (option.get_positional() && option.get_name() == "shell")
    out.choices = {"bash", "zsh", "fish"};
  out.value = valueKindOf(command, option, out.choices);
  return out;
}

// Single-quoted for sh, bash, zsh and fish alike ('\'' closes, escapes, reopens).
std::string shellQuoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string joined(const std::vector<std::string>& words, const char* sep = " ") {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

// The options of `command` that take a value, as "|-j|--jobs|...|".
std::string valuedOptions(const CompletedCommand& command) {
  std::string out = "|";
  for (const auto& o : command.options)
    if (o.value != ValueKind::None)
      for (const auto& n : o.names) out += n + "|";
  return out;
}

std::vector<std::string> commandNames(const std::vector<CompletedCommand>& commands) {
  std::vector<std::string> names;
  for (const auto& c : commands) names.push_back(c.name);
  return names;
}

// bash: the words to offer for a value of this kind ($cur is the word typed).
std::string bashValue(const CompletedOption& o, const std::vector<CompletedCommand>& commands) {
  switch (o.value) {
    case ValueKind::Choice:
      return fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))",
                         shellQuoted(joined(o.choices)));
    case ValueKind::Command:
      return fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))",
                         shellQuoted(joined(commandNames(commands))));
    case ValueKind::File:
      return "_magicc_files";
    case ValueKind::Program:
      return "_magicc_programs";
    case ValueKind::Pipeline:
      return "_magicc_names pipelines \"${args[0]}\"";
    case ValueKind::Stage:
      return "_magicc_names stages \"${args[0]}\" \"${args[1]}\"";
    default:
      return "COMPREPLY=()";
  }
}

const char* kBashHead = R"sh(# bash completion for magicc (made by: magicc completion bash)
# Put it in /usr/share/bash-completion/completions/magicc, or: source <(magicc completion bash)

_magicc_files() {
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -f -- "$cur"))
}

# .mm programs, saved plans (.json) and directories to look into.
_magicc_programs() {
  compopt -o filenames 2>/dev/null
  local f
  COMPREPLY=()
  while IFS= read -r f; do
    if [[ -d $f || $f == *.mm || $f == *.json ]]; then COMPREPLY+=("$f"); fi
  done < <(compgen -f -- "$cur")
}

# Pipelines of a program, stages of a pipeline: asked of magicc itself.
_magicc_names() {
  local IFS=$'\n'
  COMPREPLY=($(compgen -W "$(command magicc completion --list "$@" 2>/dev/null)" -- "$cur"))
}

_magicc() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local cmd="" valued="" w i
  local -a args=()
  # --opt=value: bash splits it at '='.
  if [[ $cur == "=" ]]; then cur=""; fi
  if [[ $prev == "=" ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if [[ -z $cmd ]]; then
      [[ $w != -* ]] && cmd=$w && valued=$(_magicc_valued "$cmd")
      continue
    fi
    case $w in
      =) ((i++)) ;;  # the value of --opt=value
      -*) [[ $valued == *"|$w|"* && ${COMP_WORDS[i+1]} != "=" ]] && ((i++)) ;;
      *) args+=("$w") ;;
    esac
  done
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "$(_magicc_commands)" -- "$cur"))
    return
  fi
  # The value of an option.
  if [[ $valued == *"|$prev|"* ]]; then
    _magicc_value "$cmd" "$prev"
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_magicc_options "$cmd")" -- "$cur"))
    return
  fi
  _magicc_positional "$cmd" "${#args[@]}"
}
complete -F _magicc magicc
)sh";

}  // namespace

std::vector<CompletedCommand> completionModel(CLI::App& magicc) {
  std::vector<CompletedCommand> out;
  for (CLI::App* sub : magicc.get_subcommands({})) {
    if (sub->get_group().empty()) continue;  // hidden
    CompletedCommand command;
    command.name = sub->get_name();
    command.help = firstLine(sub->get_description());
    for (const CLI::Option* option : sub->get_options({})) {
      if (option->get_group().empty()) continue;
      CompletedOption o = optionOf(command.name, *option);
      (option->get_positional() && option->get_lnames().empty() && option->get_snames().empty()
           ? command.positionals
           : command.options)
          .push_back(std::move(o));
    }
    out.push_back(std::move(command));
  }
  return out;
}

std::string bashCompletion(const std::vector<CompletedCommand>& commands) {
  std::string out = kBashHead;
  out += "\n_magicc_commands() {\n  echo " +
         shellQuoted(joined(commandNames(commands)) + " --help --version") + "\n}\n";
  // Per command: which options take values, the options, each value's
  // completion and each positional's.
  std::string valued = "\n_magicc_valued() {\n  case $1 in\n";
  std::string options = "\n_magicc_options() {\n  case $1 in\n";
  std::string values = "\n_magicc_value() {\n  case \"$1 $2\" in\n";
  std::string positionals = "\n_magicc_positional() {\n  case \"$1 $2\" in\n";
  for (const auto& c : commands) {
    valued += fmt::format("    {}) echo {} ;;\n", c.name, shellQuoted(valuedOptions(c)));
    std::vector<std::string> names;
    for (const auto& o : c.options)
      for (const auto& n : o.names) names.push_back(n);
    options += fmt::format("    {}) echo {} ;;\n", c.name, shellQuoted(joined(names)));
    for (const auto& o : c.options) {
      if (o.value == ValueKind::None) continue;
      std::vector<std::string> keys;
      for (const auto& n : o.names) keys.push_back(shellQuoted(c.name + " " + n));
      values += fmt::format("    {}) {} ;;\n", joined(keys, "|"), bashValue(o, commands));
    }
    for (std::size_t i = 0; i < c.positionals.size(); ++i) {
      const CompletedOption& p = c.positionals[i];
      // A repeatable last positional (files) takes every later word too.
      bool many = p.names[0] == "files" || p.names[0] == "args";
      std::string key =
          many ? shellQuoted(c.name + " ") + "*" : shellQuoted(c.name + " " + std::to_string(i));
      positionals += fmt::format("    {}) {} ;;\n", key, bashValue(p, commands));
    }
  }
  for (std::string* part : {&valued, &options}) *part += "  esac\n}\n";
  values += "    *) _magicc_files ;;\n  esac\n}\n";
  positionals += "    *) COMPREPLY=() ;;\n  esac\n}\n";
  return out + valued + options + values + positionals;
}

std::string zshCompletion(const std::vector<CompletedCommand>& commands) {
  // In an _arguments spec a description's brackets and colons are syntax.
  auto described = [](const std::string& help) {
    std::string out;
    for (char c : help) {
      if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
      out += c;
    }
    return out;
  };
  auto action = [&](const CompletedOption& o) -> std::string {
    switch (o.value) {
      case ValueKind::Choice:
        return "(" + joined(o.choices) + ")";
      case ValueKind::Command:
        return "(" + joined(commandNames(commands)) + ")";
      case ValueKind::File:
        return "_files";
      case ValueKind::Program:
        return "_files -g \"*.(mm|json)\"";
      case ValueKind::Pipeline:
        return "{_magicc_names pipelines $line[1]}";
      case ValueKind::Stage:
        return "{_magicc_names stages $line[1] $line[2]}";
      default:
        return " ";
    }
  };
  std::string out = R"sh(#compdef magicc
# zsh completion for magicc (made by: magicc completion zsh)
# Put it in a directory of $fpath as _magicc, or: source <(magicc completion zsh)

# Pipelines of a program, stages of a pipeline: asked of magicc itself.
_magicc_names() {
  local -a names
  names=(${(f)" $(command magicc completion-- list "$@" 2 > / dev / null) "})
                    compadd -
                    a names
}

_magicc() {
  local curcontext="$curcontext" state line
  typeset -A opt_args
  _arguments -C '(- :)--help[Show the help]' '(- :)--version[Show the version]' \
    '1: :->command' '*:: :->args'
  case $state in
    command)
      local -a commands
      commands=(
)sh";
  for (const auto& c : commands) out += "        " + shellQuoted(c.name + ":" + c.help) + "\n";
  out += "      )\n      _describe -t commands 'magicc command' commands ;;\n";
  out += "    args)\n      case $words[1] in\n";
  for (const auto& c : commands) {
    out += "        " + c.name + ")\n          _arguments -s";
    for (const auto& o : c.options)
      for (const auto& n : o.names) {
        std::string spec = "*" + n + "[" + described(o.help) + "]";
        if (o.value != ValueKind::None) spec += ":value:" + action(o);
        out += " \\\n            " + shellQuoted(spec);
      }
    for (std::size_t i = 0; i < c.positionals.size(); ++i) {
      const CompletedOption& p = c.positionals[i];
      bool many = p.names[0] == "files" || p.names[0] == "args";
      std::string spec =
          (many ? std::string("*") : std::to_string(i + 1)) + ":" + p.names[0] + ":" + action(p);
      out += " \\\n            " + shellQuoted(spec);
    }
    out += " ;;\n";
  }
  out += "      esac ;;\n  esac\n}\n\n";
  // Loaded by compinit (autoload) the file is the function's body; sourced,
  // it registers the function itself.
  out +=
      "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n  _magicc \"$@\"\nelse\n"
      "  compdef _magicc magicc\nfi\n";
  return out;
}

std::string fishCompletion(const std::vector<CompletedCommand>& commands) {
  std::string out = R"sh(# fish completion for magicc (made by: magicc completion fish)
# Put it in ~/.config/fish/completions/magicc.fish, or: magicc completion fish | source
complete -c magicc -e
complete -c magicc -f

# The command: the first word after magicc that is not an option.
function __magicc_command
    for t in (commandline -opc)[2..-1]
        if not string match -q -- '-*' $t
            echo $t
            return 0
        end
    end
    return 1
end

# The words after the command that are neither options nor their values.
function __magicc_args
    set -l cmd (__magicc_command); or return
    set -l valued (__magicc_valued $cmd)
    set -l seen 0
    set -l skip 0
    for t in (commandline -opc)[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        if test $seen -eq 0
            test "$t" = "$cmd"; and set seen 1
            continue
        end
        if string match -q -- '-*' $t
            if not string match -q -- '*=*' $t; and string match -q -- "*|$t|*" $valued
                set skip 1
            end
            continue
        end
        echo $t
    end
end

# True when the command is $argv[1] and $argv[2] positionals are typed.
function __magicc_at
    test "$(__magicc_command)" = $argv[1]; or return 1
    test (count (__magicc_args)) -eq $argv[2]
end

function __magicc_valued
    switch $argv[1]
)sh";
  for (const auto& c : commands)
    out += fmt::format("        case {}\n            echo {}\n", c.name,
                       shellQuoted(valuedOptions(c)));
  out += "    end\nend\n\n";
  out += "complete -c magicc -n 'not __magicc_command' -l help -d 'Show the help'\n";
  out += "complete -c magicc -n 'not __magicc_command' -l version -d 'Show the version'\n";
  for (const auto& c : commands)
    out += fmt::format("complete -c magicc -n 'not __magicc_command' -a {} -d {}\n", c.name,
                       shellQuoted(c.help));
  auto values = [&](const CompletedOption& o) -> std::string {
    switch (o.value) {
      case ValueKind::None:
        return "";
      case ValueKind::Choice:
        return " -x -a " + shellQuoted(joined(o.choices));
      case ValueKind::Command:
        return " -x -a " + shellQuoted(joined(commandNames(commands)));
      case ValueKind::File:
      case ValueKind::Program:
        return " -r -F";
      case ValueKind::Pipeline:
        return " -x -a '(command magicc completion --list pipelines (__magicc_args)[1] "
               "2>/dev/null)'";
      case ValueKind::Stage:
        return " -x -a '(command magicc completion --list stages (__magicc_args)[1..2] "
               "2>/dev/null)'";
      default:
        return " -x";
    }
  };
  for (const auto& c : commands) {
    std::string when = fmt::format(
        " -n '__magicc_command >/dev/null; and test "
        "\"$(__magicc_command)\" = {}'",
        c.name);
    for (const auto& o : c.options) {
      std::string names;
      for (const auto& n : o.names)
        names += n.size() == 2 ? " -s " + n.substr(1) : " -l " + n.substr(2);
      out += "complete -c magicc" + when + names + values(o) + " -d " + shellQuoted(o.help) + "\n";
    }
    for (std::size_t i = 0; i < c.positionals.size(); ++i) {
      const CompletedOption& p = c.positionals[i];
      bool many = p.names[0] == "files" || p.names[0] == "args";
      std::string at = many ? fmt::format(" -n 'test \"$(__magicc_command)\" = {}'", c.name)
                            : fmt::format(" -n '__magicc_at {} {}'", c.name, i);
      std::string v = values(p);
      if (v.empty() || v == " -x") continue;
      // A positional's words: -a for names, -F for files; -r has no meaning here.
      if (v == " -r -F") v = " -F";
      if (v.rfind(" -x -a", 0) == 0) v = v.substr(3);
      out += "complete -c magicc" + at + v + " -d " + shellQuoted(p.help) + "\n";
    }
  }
  return out;
}

}  // namespace magicc::driver
