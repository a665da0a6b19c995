#include "resources/ResourceRunner.h"

#include <sodium.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "backends/Command.h"
#include "backends/LocalFiles.h"
#include "resources/FileDiff.h"
#include "resources/KindOutputs.h"
#include "resources/OutputMemory.h"
#include "store/SecretStore.h"

namespace magicc::runtime {

namespace asio = boost::asio;

struct ResourceRunner::Task {
  const Job* job = nullptr;
  const ResourceSpec* spec = nullptr;
  StartContext context;
  Values inputs;  // the spec's, with what senders sent copied in
  Done done;

  std::optional<std::string> input(const std::string& name) const {
    for (const auto& [k, v] : inputs)
      if (k == name) return v;
    return std::nullopt;
  }
  std::string inputOr(const std::string& name, const std::string& fallback) const {
    return input(name).value_or(fallback);
  }
  // A command's ${name}: the resource's own fields first, then params and host.*.
  Lookup lookup() const {
    return [this](const std::string& name) -> std::optional<std::string> {
      if (auto v = input(name)) return v;
      for (const auto& [k, v] : spec->scope)
        if (k == name) return v;
      return std::nullopt;
    };
  }
};

namespace {

// "0644" -> 0644; nullopt unless 3 or 4 octal digits. The same rule as the
// checker's support::parseFileMode (compiler/support/FileFields.h), which
// the runtime cannot include: change both together.
std::optional<unsigned> parseMode(const std::string& text) {
  if (text.size() < 3 || text.size() > 4) return std::nullopt;
  unsigned mode = 0;
  for (char c : text) {
    if (c < '0' || c > '7') return std::nullopt;
    mode = mode * 8 + static_cast<unsigned>(c - '0');
  }
  return mode;
}

}  // namespace

// What a file resource asks for, from its inputs.
struct FileWanted {
  std::string path, content, modeText, checksum;  // checksum: sha256 of content
  unsigned mode = 0644;
  bool present = true;
  template <typename TaskT>
  static std::optional<FileWanted> of(const TaskT& task, std::string& why) {
    FileWanted w;
    w.path = task.inputOr("path", "");
    w.content = task.inputOr("content", "");
    w.modeText = task.inputOr("mode", "0644");
    w.present = task.inputOr("state", "present") == "present";
    auto mode = parseMode(w.modeText);
    if (!mode) {
      why = "mode '" + w.modeText + "' is not an octal mode like 0644";
      return std::nullopt;
    }
    if (w.path.empty() || w.path[0] != '/') {
      why = "path '" + w.path + "' is not absolute";
      return std::nullopt;
    }
    w.mode = *mode;
    w.checksum = sha256Hex(w.content);
    return w;
  }

  // What the file needs, given what is there now (one rule for every host).
  enum class Step { None, Create, Rewrite, Chmod, Remove };
  Step stepFor(bool exists, const std::string& sha256, unsigned currentMode) const {
    if (!present) return exists ? Step::Remove : Step::None;
    if (!exists) return Step::Create;
    if (sha256 != checksum) return Step::Rewrite;
    return currentMode == mode ? Step::None : Step::Chmod;
  }
  static const char* verb(Step s) {
    switch (s) {
      case Step::Create:
        return "create";
      case Step::Rewrite:
        return "rewrite";
      case Step::Chmod:
        return "chmod";
      case Step::Remove:
        return "remove";
      default:
        return "";
    }
  }
  static const char* done(Step s) {
    switch (s) {
      case Step::Create:
        return "created";
      case Step::Rewrite:
        return "rewritten";
      case Step::Chmod:
        return "mode set";
      case Step::Remove:
        return "removed";
      default:
        return "in state";
    }
  }
  // The result before acting: the checksum output, in state or (would) change.
  CommandResult verdict(Step step, bool checkOnly) const {
    CommandResult r;
    if (present) r.outs.emplace_back("checksum", checksum);
    r.changed = step != Step::None;
    r.action = !r.changed ? "in state" : checkOnly ? std::string("would ") + verb(step) : "";
    return r;
  }
};

namespace {

std::string describe(const CommandResult& r) {
  return r.ok() ? "ok" : describeFailure(r);
}

// A JSON object printed by apply: (or check:) gives outputs; anything else
// printed is just output.
Values outsFromJson(const std::string& text) {
  Values outs;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text[first] != '{') return outs;
  auto doc = nlohmann::json::parse(text.substr(first), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return outs;
  for (const auto& [k, v] : doc.items())
    outs.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
  return outs;
}

std::string chomp(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

CommandResult inState() {
  CommandResult r;
  r.action = "in state";
  return r;
}

CommandResult failure(std::string why) {
  CommandResult r;
  r.failedToStart = true;
  r.error = std::move(why);
  return r;
}

}  // namespace

ResourceRunner::ResourceRunner(asio::io_context& io, Backend& backend,
                               const std::vector<ResourceSpec>& resources, Redactor& redactor,
                               ResourceRunnerOptions options)
    : io_(io),
      backend_(backend),
      resources_(resources),
      redactor_(redactor),
      options_(std::move(options)) {}

void ResourceRunner::registerSecrets(const Task& task, const Values& outs) {
  for (const auto& [name, value] : outs)
    for (const auto& secret : task.spec->secretOutputs)
      if (name == secret) redactor_.add(value);
}

// What the audit log says of a file's content: its sha256, or for secret
// content (its checksum is a secret output then) a hash keyed with a key
// kept in this state's secret store: a plain hash of a chosen secret is
// found by trying candidates.
std::string ResourceRunner::contentDigest(const Task& task, const std::string& content) {
  const auto& secret = task.spec->secretOutputs;
  if (std::find(secret.begin(), secret.end(), "checksum") == secret.end())
    return "sha256 " + sha256Hex(content);
  std::optional<std::string> key;
  if (options_.secrets) {
    key = options_.secrets->get("audit/hash-key");
    if (!key || key->size() != crypto_generichash_KEYBYTES) {
      key = std::string(crypto_generichash_KEYBYTES, '\0');
      randombytes_buf(key->data(), key->size());
      options_.secrets->put("audit/hash-key", *key);
    }
  }
  if (!key) return "content (sensitive)";
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size(), reinterpret_cast<const unsigned char*>(key->data()),
                     key->size());
  static const char* hexDigits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : digest) {
    hex += hexDigits[c >> 4];
    hex += hexDigits[c & 15];
  }
  return "content (sensitive) keyed-blake2b " + hex;
}

void ResourceRunner::finish(const Done& done, CommandResult result) {
  asio::post(io_, [done, result = std::move(result)]() mutable { done(std::move(result)); });
}

HostOps& ResourceRunner::hostOf(const Task& task) {
  return backend_.host(task.job->target);
}

OpContext ResourceRunner::contextOf(const Task& task) {
  OpContext context;
  context.runId = options_.runId;
  context.node = task.job->name;
  context.timeout = task.job->timeout;
  context.sudo = task.job->sudo;
  if (options_.audit)
    context.audit = [this](ActionRecord record) {
      record.arguments = redactor_.redact(record.arguments);
      options_.audit(record);
    };
  return context;
}

void ResourceRunner::runCommand(const Task& task, const std::string& action,
                                const std::string& command, const Values& env,
                                std::function<void(CommandResult)> next, std::string input) {
  CommandSpec spec;
  spec.input = std::move(input);
  spec.command = command;
  spec.env = env;
  spec.node = task.job->name;
  spec.host = task.job->target;
  spec.runId = options_.runId;
  spec.timeout = task.job->timeout;
  spec.sudo = task.job->sudo;
  ActionRecord record{task.job->target, task.job->name, action,
                      redactor_.redact(displayCommand(command, env))};
  // Audited before it acts: an action a crash interrupts is in the log too.
  record.result = "start";
  if (options_.audit) options_.audit(record);
  hostOf(task).run(spec, [this, record, next = std::move(next)](CommandResult r) mutable {
    record.ok = r.ok();
    record.result = describe(r);
    if (options_.audit) options_.audit(record);
    next(std::move(r));
  });
}

void ResourceRunner::callMethod(const Job& job, Done done) {
  nlohmann::json params = nlohmann::json::object();
  if (!job.args.empty()) {
    params = nlohmann::json::parse(job.args, nullptr, false);
    if (params.is_discarded()) return finish(done, failure("internal error: bad call arguments"));
  }
  Task task;
  task.job = &job;
  ActionRecord record{job.target, job.name, "call",
                      redactor_.redact(job.method + " " + (job.args.empty() ? "{}" : job.args))};
  record.result = "start";
  if (options_.audit) options_.audit(record);
  hostOf(task).call(
      contextOf(task), job.method, params,
      [this, record, done, method = job.method](nlohmann::json result, std::string error) mutable {
        CommandResult r = error.empty() ? CommandResult{} : opFailure(error);
        if (error.empty()) {
          r.changed = true;
          r.action = "called " + method;
          r.stdoutTail =
              result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        }
        record.ok = r.ok();
        record.result = describe(r);
        if (options_.audit) options_.audit(record);
        done(std::move(r));
      });
}

void ResourceRunner::start(const Job& job, const StartContext& context, Done done) {
  if (job.kind == JobKind::Call) {
    if (options_.checkOnly) {
      CommandResult r;
      r.changed = true;
      r.action = "would call " + job.method;
      return finish(done, std::move(r));
    }
    return callMethod(job, std::move(done));
  }
  if (job.kind == JobKind::Command) {
    if (options_.checkOnly) {
      CommandResult r;
      r.changed = true;
      r.action = "would run";
      return finish(done, std::move(r));
    }
    Task task;
    task.job = &job;
    runCommand(task, "run", job.command, job.env, [done](CommandResult r) {
      if (r.ok()) r.changed = true;
      // What was done, as resources say it (events, journal): it ran,
      // whatever it exited with.
      if (!r.failedToStart) r.action = "ran";
      done(std::move(r));
    });
    return;
  }
  if (job.resource < 0 || static_cast<std::size_t>(job.resource) >= resources_.size())
    return finish(done, failure("internal error: no resource for " + job.name));
  auto task = std::make_shared<Task>();
  task->job = &job;
  task->spec = &resources_[job.resource];
  task->context = context;
  task->inputs = task->spec->inputs;
  for (const auto& [name, value] : context.received) {
    bool replaced = false;
    for (auto& [k, v] : task->inputs)
      if (k == name) {
        v = value;
        replaced = true;
      }
    if (!replaced) task->inputs.emplace_back(name, value);
  }
  // Outputs are state: a resource in state that says nothing this run gives
  // what it gave when it last acted; what it gives is kept for next time.
  task->done = [this, job = &job, spec = task->spec, done = std::move(done)](CommandResult r) {
    if (options_.outputs && r.ok() && !r.outsUnknown) {
      try {
        if (!r.changed) options_.outputs->fillIn(*job, r.outs);
        for (const auto& [name, value] : r.outs)
          for (const auto& secret : spec->secretOutputs)
            if (name == secret) redactor_.add(value);
        if (!options_.checkOnly) options_.outputs->remember(*job, r.outs);
      } catch (const std::exception& e) {
        return done(failure(std::string("cannot keep its outputs: ") + e.what()));
      }
    }
    done(std::move(r));
  };
  // An input whose sender gave no value: acting would write a guess (an
  // empty file), so the resource is not applied.
  if (!context.missing.empty()) {
    std::string why;
    for (const auto& m : context.missing)
      why += (why.empty() ? "" : "; ") + std::string("no value for '") + m.input + "': '" +
             m.sender + "' gave no '" + m.output +
             "' (it was in state and printed none, and no earlier run recorded one)";
    // --check on a machine magicc has not run on: nothing could be recorded.
    if (!options_.outputs) why += " (no state yet: a run without --check records it)";
    return finish(task->done, failure(why + "; not applied"));
  }
  // A sender that would change (--check) leaves this resource's inputs unknown.
  if (context.receivedUnknown) {
    CommandResult r;
    r.changed = true;
    r.outsUnknown = true;
    r.action = "would change (its inputs are known only once their senders apply)";
    return finish(task->done, std::move(r));
  }
  const std::string& kind = task->spec->kind;
  if (task->spec->userKind) return startUser(task);
  if (kind == "file") return startFile(task);
  if (kind == "password") return startPassword(task);
  if (kind == "exec") return startExec(task);
  if (kind == "pkg") return startPkg(task);
  if (kind == "svc") return startSvc(task);
  if (kind == "noop") return finish(task->done, inState());
  finish(task->done, failure("the runtime has no implementation of kind '" + kind + "'"));
}

// Checked with a stat of the path on the host; applied with a put (the
// content, or only the mode) or a remove. The host's operations audit what
// they do; a write in-process is named by its path, mode and digest.
void ResourceRunner::startFile(const std::shared_ptr<Task>& task) {
  std::string why;
  auto want = FileWanted::of(*task, why);
  if (!want) return finish(task->done, failure(why));
  HostOps& host = hostOf(*task);
  OpContext context = contextOf(*task);
  host.stat(context, want->path, FileDigest::Sha256,
            [this, task, &host, context, want = *want](FileState current, OpStatus status) {
              if (!status.ok()) return task->done(std::move(status));
              if (want.present && current.exists && !current.regular)
                return task->done(failure("'" + want.path + "' exists and is not a regular file"));
              auto step = want.stepFor(current.exists, current.sha256, current.mode);
              CommandResult result = want.verdict(step, options_.checkOnly);
              registerSecrets(*task, result.outs);
              // Applied once --diff (if asked) has said what changes.
              auto apply = [this, task, &host, context, want, step](CommandResult verdict) {
                if (!verdict.changed || options_.checkOnly) return task->done(std::move(verdict));
                using Step = FileWanted::Step;
                verdict.action = FileWanted::done(step);
                auto applied = [task, verdict](OpStatus s) mutable {
                  if (!s.ok()) return task->done(std::move(s));
                  task->done(std::move(verdict));
                };
                if (step == Step::Remove)
                  return host.remove(context, want.path, std::move(applied));
                FileWrite write;
                write.path = want.path;
                write.content = want.content;
                write.mode = want.mode;
                write.modeOnly = step == Step::Chmod;
                write.summary =
                    want.path + " mode " + want.modeText + " " + contentDigest(*task, want.content);
                host.put(context, write, std::move(applied));
              };
              if (!options_.diff || !result.changed) return apply(std::move(result));
              diffFile(task, want, current, std::move(result), std::move(apply));
            });
}

void ResourceRunner::diffFile(const std::shared_ptr<Task>& task, const FileWanted& want,
                              const FileState& current, CommandResult result,
                              std::function<void(CommandResult)> next) {
  FileDiffInput in;
  in.host = task->job->target;
  in.path = want.path;
  in.before.exists = current.exists;
  in.before.mode = current.mode;
  in.after.exists = want.present;
  in.after.mode = want.mode;
  if (want.present) {
    if (want.content.size() > kDiffLimit)
      in.after.tooLarge = true;
    else
      in.after.content = want.content;
  }
  // Content from a secret (a secret param, a secret output sent to it), or
  // holding a value the run knows as secret: only counted, never shown.
  const auto& sealed = task->spec->secretOutputs;
  in.secret = std::find(sealed.begin(), sealed.end(), "checksum") != sealed.end() ||
              redactor_.redact(want.content) != want.content;
  bool sameBytes = current.exists && want.present && current.sha256 == want.checksum;
  if (!current.exists || sameBytes) {
    result.diff = fileDiff(in);
    return next(std::move(result));
  }
  hostOf(*task).read(
      contextOf(*task), want.path, kDiffLimit,
      [this, in, result = std::move(result), next = std::move(next)](FileContent content,
                                                                     OpStatus status) mutable {
        if (!status.ok())
          in.before.unreadable = describeFailure(status);
        else if (content.tooLarge)
          in.before.tooLarge = true;
        else
          in.before.content = std::move(content.bytes);
        // What the file held may be a secret the run knows (an old password).
        if (in.before.content && redactor_.redact(*in.before.content) != *in.before.content)
          in.secret = true;
        result.diff = fileDiff(in);
        next(std::move(result));
      });
}

void ResourceRunner::startPassword(const std::shared_ptr<Task>& task) {
  long long length = 32;
  try {
    length = std::stoll(task->inputOr("length", "32"));
  } catch (...) {
  }
  if (length < 1 || length > 4096)
    return finish(task->done, failure("length must be between 1 and 4096"));
  std::string key = "password/" + task->job->target + "/" + task->job->name;
  CommandResult r;
  try {
    if (options_.secrets)
      if (auto stored = options_.secrets->get(key);
          stored && stored->size() == static_cast<std::size_t>(length)) {
        redactor_.add(*stored);
        r.outs.emplace_back("value", *stored);
        r.action = "in state";
        return finish(task->done, std::move(r));
      }
    r.changed = true;
    if (options_.checkOnly) {
      r.outsUnknown = true;
      r.action = "would generate";
      return finish(task->done, std::move(r));
    }
    if (!options_.secrets)
      return finish(task->done, failure("no secret store to keep the password in"));
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string value(static_cast<std::size_t>(length), '\0');
    for (char& c : value) c = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    ActionRecord record{task->job->target,
                        task->job->name,
                        "generate",
                        "length " + std::to_string(length),
                        true,
                        "start"};
    if (options_.audit) options_.audit(record);
    options_.secrets->put(key, value);
    redactor_.add(value);
    r.outs.emplace_back("value", value);
    r.action = "generated";
    record.result = "ok";
    if (options_.audit) options_.audit(record);
  } catch (const std::exception& e) {
    return finish(task->done, failure(e.what()));
  }
  finish(task->done, std::move(r));
}

void ResourceRunner::startExec(const std::shared_ptr<Task>& task) {
  auto creates = task->input("creates");
  if (!creates || creates->empty()) return execAfterCreates(task);
  // The path is looked at on the host, then the exec goes on.
  hostOf(*task).stat(contextOf(*task), *creates, FileDigest::None,
                     [this, task](FileState there, OpStatus status) {
                       if (!status.ok()) return task->done(std::move(status));
                       if (there.exists) return task->done(inState());
                       execAfterCreates(task);
                     });
}

void ResourceRunner::execAfterCreates(const std::shared_ptr<Task>& task) {
  bool refreshOnly = task->inputOr("refresh_only", "false") == "true";
  if (refreshOnly && !task->context.refreshed) return finish(task->done, inState());
  if (options_.checkOnly) {
    CommandResult r;
    r.changed = true;
    r.outsUnknown = true;
    r.action = task->context.refreshed ? "would run (refreshed)" : "would run";
    return finish(task->done, std::move(r));
  }
  Values env;
  std::string command = renderCommand(task->spec->command, task->lookup(), env);
  runCommand(
      *task, task->context.refreshed ? "refresh" : "apply", command, env, [task](CommandResult r) {
        r.outs = {{"exit_code", std::to_string(r.exitCode)}, {"stdout", chomp(r.stdoutTail)}};
        if (r.ok()) {
          r.changed = true;
          r.action = task->context.refreshed ? "ran (refreshed)" : "ran";
        }
        task->done(std::move(r));
      });
}

void ResourceRunner::startPkg(const std::shared_ptr<Task>& task) {
  bool wanted = task->inputOr("state", "installed") == "installed";
  Values env{{"MAGICC_ARG_0", task->inputOr("name", "")}};
  runCommand(*task, "check", "dpkg-query -W -f='${Status}' \"${MAGICC_ARG_0}\"", env,
             [this, task, wanted, env](CommandResult r) {
               if (r.failedToStart || r.timedOut || r.signal) return task->done(std::move(r));
               bool installed = r.exitCode == 0 &&
                                r.stdoutTail.find("install ok installed") != std::string::npos;
               if (installed == wanted) return task->done(inState());
               CommandResult change;
               change.changed = true;
               if (options_.checkOnly) {
                 change.action = wanted ? "would install" : "would remove";
                 return task->done(std::move(change));
               }
               std::string command = std::string("DEBIAN_FRONTEND=noninteractive apt-get ") +
                                     (wanted ? "install" : "remove") + " -y -q \"${MAGICC_ARG_0}\"";
               runCommand(*task, "apply", command, env, [task, wanted](CommandResult a) {
                 if (a.ok()) {
                   a.changed = true;
                   a.action = wanted ? "installed" : "removed";
                 }
                 task->done(std::move(a));
               });
             });
}

// systemd when it runs the machine, else the `service` command.
void ResourceRunner::startSvc(const std::shared_ptr<Task>& task) {
  bool wantRunning = task->inputOr("state", "running") == "running";
  Values env{{"MAGICC_ARG_0", task->inputOr("name", "")}};
  const std::string probe =
      "if [ -d /run/systemd/system ]; then systemctl is-active --quiet \"${MAGICC_ARG_0}\"; "
      "else service \"${MAGICC_ARG_0}\" status >/dev/null 2>&1; fi";
  auto control = [](const std::string& verb) {
    return "if [ -d /run/systemd/system ]; then systemctl " + verb + " \"${MAGICC_ARG_0}\"; " +
           "else service \"${MAGICC_ARG_0}\" " + verb + "; fi";
  };
  runCommand(*task, "check", probe, env, [this, task, wantRunning, env, control](CommandResult r) {
    if (r.failedToStart || r.timedOut || r.signal) return task->done(std::move(r));
    bool running = r.exitCode == 0;
    bool refresh = task->context.refreshed && wantRunning;
    if (running == wantRunning && !refresh) return task->done(inState());
    CommandResult change;
    change.changed = true;
    std::string verb = running != wantRunning ? (wantRunning ? "start" : "stop") : "restart";
    if (options_.checkOnly) {
      change.action = "would " + verb;
      return task->done(std::move(change));
    }
    runCommand(*task, verb == "restart" ? "refresh" : "apply", control(verb), env,
               [task, verb](CommandResult a) {
                 if (a.ok()) {
                   a.changed = true;
                   a.action = verb == "stop" ? "stopped" : verb + "ed";
                 }
                 task->done(std::move(a));
               });
  });
}

void ResourceRunner::startUser(const std::shared_ptr<Task>& task) {
  auto applyNow = [this, task] {
    if (options_.checkOnly) {
      CommandResult r;
      r.changed = true;
      r.outsUnknown = true;
      r.action = task->context.refreshed ? "would apply (refreshed)" : "would apply";
      return task->done(std::move(r));
    }
    if (task->spec->apply.empty()) {
      return task->done(failure("kind '" + task->spec->kind + "' has no apply: command"));
    }
    Values env;
    std::string command = renderCommand(task->spec->apply, task->lookup(), env);
    runCommand(*task, task->context.refreshed ? "refresh" : "apply", command, env,
               [this, task](CommandResult a) {
                 // Secret outputs are known to the redactor even when apply
                 // fails: its failure report shows what it printed.
                 registerSecrets(*task, outsFromJson(a.stdoutTail));
                 if (a.ok()) {
                   KindOutputs outs =
                       readKindOutputs(*task->spec, task->job->name, "apply", a.stdoutTail, true);
                   if (!outs.error.empty()) return task->done(failure(outs.error));
                   a.changed = true;
                   a.outs = std::move(outs.outs);
                   a.action = task->context.refreshed ? "applied (refreshed)" : "applied";
                 }
                 task->done(std::move(a));
               });
  };
  if (task->spec->check.empty()) {
    asio::post(io_, applyNow);
    return;
  }
  Values env;
  std::string command = renderCommand(task->spec->check, task->lookup(), env);
  runCommand(*task, "check", command, env, [this, task, applyNow](CommandResult r) {
    registerSecrets(*task, outsFromJson(r.stdoutTail));
    if (r.failedToStart || r.timedOut || r.signal) return task->done(std::move(r));
    // Exit 0: in state (and check: may print the outputs); a refresh applies anyway.
    if (r.exitCode == 0 && !task->context.refreshed) {
      KindOutputs outs =
          readKindOutputs(*task->spec, task->job->name, "check", r.stdoutTail, false);
      if (!outs.error.empty()) return task->done(failure(outs.error));
      CommandResult ok = inState();
      ok.outs = std::move(outs.outs);
      return task->done(std::move(ok));
    }
    applyNow();
  });
}

}  // namespace magicc::runtime
