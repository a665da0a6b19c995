#include "serve/Worker.h"

#include <sodium.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "backends/LocalRunner.h"
#include "http/Client.h"
#include "http/Target.h"
#include "program/RenderCommand.h"

namespace magicc::serve {

using Json = nlohmann::ordered_json;
namespace bhttp = http::bhttp;

namespace {

// `${name}` in a task item's `run` text, back into a template.
runtime::CommandTemplate templateOf(const std::string& text) {
  runtime::CommandTemplate t;
  std::size_t at = 0;
  while (at < text.size()) {
    auto open = text.find("${", at);
    auto close = open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) {
      t.parts.push_back({false, text.substr(at)});
      break;
    }
    if (open > at) t.parts.push_back({false, text.substr(at, open - at)});
    t.parts.push_back({true, text.substr(open + 2, close - open - 2)});
    at = close + 1;
  }
  return t;
}

std::uint64_t randomToken() {
  std::uint64_t n = 0;
  randombytes_buf(&n, sizeof n);
  return (n >> 16) + 1;  // below 2**48, as mclient's
}

}  // namespace

std::optional<std::string> metadataValue(const std::string& metadataJson, const std::string& name) {
  Json m = Json::parse(metadataJson, nullptr, false);
  const Json* at = &m;
  std::size_t start = 0;
  while (true) {
    auto dot = name.find('.', start);
    std::string key = name.substr(start, dot - start);
    if (!at->is_object()) return std::nullopt;
    auto it = at->find(key);
    if (it == at->end()) return std::nullopt;
    at = &*it;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (at->is_string()) return at->get<std::string>();
  return at->dump();
}

struct Worker::State {
  WorkerOptions options;
  std::function<void(const std::string&)> log;
  http::ClientOptions client;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable wake;
  bool extensions = false;

  // Commands run on one io_context thread through one LocalRunner.
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{io.get_executor()};
  runtime::LocalRunner runner{io, runtime::LocalOptions{}};
  std::thread ioThread;

  http::ClientResult call(bhttp::verb method, const std::string& target,
                          const std::string& body = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    http::Request request{method, target, 11};
    if (!body.empty() || method == bhttp::verb::post) {
      request.set(bhttp::field::content_type, "application/json");
      request.body() = body;
    }
    request.prepare_payload();
    return http::fetchBlocking(options.server, std::move(request), client, timeout);
  }

  // A call that must reach the server (a claim's fate, a result): retried
  // while the server cannot be reached or fails (5xx: restarting), a
  // little later each time, for up to `patience`. Each is safe to repeat:
  // reads, and changes guarded by the worker's token.
  http::ClientResult callUntilAnswered(bhttp::verb method, const std::string& target,
                                       const std::string& body = {}) {
    auto deadline = std::chrono::steady_clock::now() + options.patience;
    auto pause = std::chrono::milliseconds(50);
    for (;;) {
      auto r = call(method, target, body);
      if ((r.ok() && r.response.result_int() < 500) || std::chrono::steady_clock::now() >= deadline)
        return r;
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(1000));
    }
  }

  // A claim whose answer was lost (the server died after it committed) is
  // still this worker's: the item IN_PROGRESS with its token. Never two
  // workers on one item, and no item left IN_PROGRESS with nobody on it.
  std::optional<std::pair<Json, Json>> claimedWith(const std::string& uuid, const Json& token) {
    auto r = callUntilAnswered(bhttp::verb::get, "/task/" + http::percentEncode(uuid));
    if (!r.ok() || r.response.result_int() != 200) return std::nullopt;
    Json task = Json::parse(r.response.body(), nullptr, false);
    if (!task.is_object() || !task["items"].is_array()) return std::nullopt;
    for (const Json& item : task["items"])
      if (item.is_object() && item.value("state", "") == "IN_PROGRESS" &&
          item.value("_change_state_token", Json()) == token && item["name"].is_string()) {
        log("claimed " + item["name"].get<std::string>() + " of task " + uuid +
            " (the server's answer was lost)");
        return std::make_pair(item, token);
      }
    return std::nullopt;
  }

  static bool answered(const http::ClientResult& r) {
    return r.ok() && r.response.result_int() < 500;
  }

  std::optional<Json> callJson(bhttp::verb method, const std::string& target,
                               const std::string& body = {}) {
    auto r = call(method, target, body);
    if (!r.ok() || r.response.result_int() != 200) return std::nullopt;
    Json j = Json::parse(r.response.body(), nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
  }

  static std::string itemPath(const std::string& uuid, const std::string& name) {
    return "/task/" + http::percentEncode(uuid) + "/" + http::percentEncode(name);
  }

  // A claimed item, with the token that won it; nothing when there is none.
  std::optional<std::pair<Json, Json>> claimIn(const std::string& uuid) {
    Json token = randomToken();
    if (extensions) {
      Json body{{"token", token}, {"with_command", true}};
      if (!options.only.empty()) body["only"] = options.only;
      auto r =
          call(bhttp::verb::post, "/task/" + http::percentEncode(uuid) + "/claim", body.dump());
      if (!answered(r)) return claimedWith(uuid, token);
      if (r.response.result_int() != 200) return std::nullopt;
      Json item = Json::parse(r.response.body(), nullptr, false);
      if (!item.is_object()) return std::nullopt;
      return std::make_pair(item, token);
    }
    // make-magic: a guarded change to IN_PROGRESS; the token says who won.
    auto ready = callJson(bhttp::verb::get, "/task/" + http::percentEncode(uuid) + "/available");
    if (!ready || !ready->is_array()) return std::nullopt;
    for (const Json& item : *ready) {
      if (!item.is_object() || !item.contains("run") || !item["name"].is_string()) continue;
      std::string name = item["name"];
      if (!options.only.empty() &&
          std::find(options.only.begin(), options.only.end(), name) == options.only.end())
        continue;
      Json change{{"state", "IN_PROGRESS"},
                  {"_change_state_token", token},
                  {"onlyif", {{"state", "INCOMPLETE"}}}};
      auto r = call(bhttp::verb::post, itemPath(uuid, name), change.dump());
      if (!answered(r)) return claimedWith(uuid, token);
      Json after = Json::parse(r.response.body(), nullptr, false);
      if (r.response.result_int() == 200 && after.is_object() &&
          after.value("_change_state_token", Json()) == token &&
          after.value("state", "") == "IN_PROGRESS")
        return std::make_pair(after, token);
    }
    return std::nullopt;
  }

  void giveBack(const std::string& uuid, const std::string& name, const Json& token) {
    Json change{{"state", "INCOMPLETE"},
                {"onlyif", {{"_change_state_token", token}, {"state", "IN_PROGRESS"}}}};
    callUntilAnswered(bhttp::verb::post, itemPath(uuid, name), change.dump());
    log("gave back " + name + " of task " + uuid);
  }

  runtime::CommandResult runCommand(runtime::CommandSpec spec) {
    auto done = std::make_shared<std::promise<runtime::CommandResult>>();
    auto result = done->get_future();
    boost::asio::post(io, [this, spec = std::move(spec), done] {
      runner.run(spec, [done](runtime::CommandResult r) { done->set_value(std::move(r)); });
    });
    return result.get();
  }

  void work(const std::string& uuid, const Json& item, const Json& token) {
    const std::string name = item["name"];
    if (stopping) {
      giveBack(uuid, name, token);
      return;
    }
    auto metadata =
        callUntilAnswered(bhttp::verb::get, "/task/" + http::percentEncode(uuid) + "/metadata");
    if (!metadata.ok() || metadata.response.result_int() != 200) {
      // Not run without its values; given back for later (or another worker).
      log("cannot read the metadata of task " + uuid + " for " + name);
      giveBack(uuid, name, token);
      return;
    }
    std::string metadataText = metadata.response.body();
    runtime::CommandSpec spec;
    std::vector<std::string> missing;
    spec.command = runtime::renderCommand(
        templateOf(item.value("run", "")),
        [&](const std::string& key) { return metadataValue(metadataText, key); }, spec.env,
        &missing);
    spec.node = name;
    spec.host = "local";
    spec.runId = "work-" + uuid;
    Json change;
    if (!missing.empty()) {
      change = {{"state", "FAILED"},
                {"error", "no value in the task's metadata for " + missing[0]}};
    } else {
      log("running " + name + " of task " + uuid);
      runtime::CommandResult r = runCommand(std::move(spec));
      change = {{"state", r.ok() ? "COMPLETE" : "FAILED"},
                {"exit_code", r.exitCode},
                {"output", r.stdoutTail},
                {"error_output", r.stderrTail}};
      if (!r.ok()) change["error"] = runtime::describeFailure(r);
      // A command may hand values on: a JSON object it prints joins the metadata.
      Json printed = Json::parse(r.stdoutTail, nullptr, false);
      if (r.ok() && printed.is_object()) {
        printed.erase("uuid");
        callUntilAnswered(bhttp::verb::post, "/task/" + http::percentEncode(uuid) + "/metadata",
                          printed.dump());
      }
      log(name + " of task " + uuid + ": " + change["state"].get<std::string>());
    }
    change["onlyif"] = {{"_change_state_token", token}};
    // The command ran: its result reaches the server, restarted or not.
    auto r = callUntilAnswered(bhttp::verb::post, itemPath(uuid, name), change.dump());
    if (!answered(r)) log("could not record " + name + " of task " + uuid + ": " + r.error);
  }

  void loop() {
    auto pause = std::chrono::milliseconds(50);
    while (!stopping) {
      bool found = false;
      auto tasks = callJson(bhttp::verb::get, "/task/");
      if (tasks && tasks->is_array())
        for (const Json& uuid : *tasks) {
          if (stopping || !uuid.is_string()) break;
          if (auto claimed = claimIn(uuid.get<std::string>())) {
            work(uuid.get<std::string>(), claimed->first, claimed->second);
            found = true;
            break;
          }
        }
      if (found) {
        pause = std::chrono::milliseconds(50);
        continue;
      }
      // Idle: look again later, a little later each time.
      std::unique_lock lock(mutex);
      wake.wait_for(lock, pause, [&] { return stopping.load(); });
      pause = std::min(pause * 2, options.idleMax);
    }
  }
};

Worker::Worker(WorkerOptions options, std::function<void(const std::string&)> log)
    : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
  state_->log = std::move(log);
  state_->client.bearerToken = state_->options.token;
}

Worker::~Worker() {
  stop();
  state_->guard.reset();
  state_->io.stop();
  if (state_->ioThread.joinable()) state_->ioThread.join();
}

int Worker::run() {
  auto probe = state_->call(bhttp::verb::get, "/metrics", {}, std::chrono::seconds(10));
  if (!probe.ok()) {
    state_->log("cannot reach " + state_->options.server + ": " + probe.error);
    return 2;
  }
  state_->extensions = probe.response.result_int() == 200;
  state_->ioThread = std::thread([this] { state_->io.run(); });
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < std::max(1u, state_->options.jobs); ++i)
    threads.emplace_back([this] { state_->loop(); });
  for (auto& t : threads) t.join();
  return 0;
}

void Worker::stop() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->wake.notify_all();
}

}  // namespace magicc::serve
