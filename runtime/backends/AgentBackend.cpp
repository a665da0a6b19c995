#include "backends/AgentBackend.h"

#include <fmt/format.h>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdlib>
#include <set>
#include <stdexcept>

#include "backends/Base64.h"
#include "http/Client.h"
#include "http/Target.h"
#include "http/Tokens.h"
#include "program/FileMode.h"

namespace magicc::runtime {
namespace {

namespace asio = boost::asio;
using http::bhttp::verb;
using namespace std::chrono_literals;

constexpr int kStreamResumes = 5;  // reconnects of one job's output stream

// Why an agent's answer is not what was asked, in an operator's words.
std::string failureOf(const http::HttpClient& client, const http::ClientResult& result) {
  std::string where = fmt::format("agent at {}:{}", client.url().host, client.url().port);
  if (!result.ok()) return where + ": " + result.error;
  std::string message;
  auto body = nlohmann::json::parse(result.response.body(), nullptr, false);
  if (body.is_object() && body.contains("message") && body["message"].is_string())
    message = body["message"].get<std::string>();
  std::string status = http::statusLine(result.response.result());
  return message.empty() ? fmt::format("{}: {}", where, status)
                         : fmt::format("{}: {}: {}", where, status, message);
}

bool success(const http::ClientResult& result) {
  return result.ok() && result.response.result_int() >= 200 && result.response.result_int() < 300;
}

http::Request jsonRequest(verb method, const std::string& target, const nlohmann::json& body) {
  http::Request request{method, target, 11};
  request.set(http::bhttp::field::content_type, "application/json");
  request.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return request;
}

// A field of an agent's answer, or `fallback` when it is missing or of
// another type: an answer is input, and input never throws.
template <class T>
T field(const nlohmann::json& object, const char* key, T fallback) {
  if (!object.is_object()) return fallback;
  auto it = object.find(key);
  if (it == object.end()) return fallback;
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    return fallback;
  }
}

// A finished agent job as a command's result.
CommandResult resultOf(const nlohmann::json& job) {
  CommandResult r;
  auto text = [&](const char* key) {
    auto it = job.find(key);
    return it != job.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  r.stdoutTail = text("stdout_tail");
  r.stderrTail = text("stderr_tail");
  if (auto it = job.find("exit_code"); it != job.end() && it->is_number_integer())
    r.exitCode = it->get<int>();
  if (auto it = job.find("signal"); it != job.end() && it->is_number_integer())
    r.signal = it->get<int>();
  r.timedOut = field(job, "timed_out", false);
  std::string status = text("status");
  if (status == "Error" && r.exitCode == 0 && r.signal == 0 && !r.timedOut) {
    r.failedToStart = true;  // it never ran, or the agent lost it: the message says why
    r.error = text("message").empty() ? "the agent reports an error" : text("message");
  }
  return r;
}

}  // namespace

struct AgentBackend::State : std::enable_shared_from_this<AgentBackend::State> {
  asio::io_context& io;
  AgentOptions options;
  std::map<std::string, AgentHost> hosts;
  std::string token;
  std::map<std::string, std::unique_ptr<http::HttpClient>> clients;
  std::map<std::string, std::unique_ptr<HostOps>> ops;
  std::map<std::string, nlohmann::json> infos;
  // Jobs submitted and not yet seen to end: (host, job id), for killAll.
  std::set<std::pair<std::string, std::string>> running;
  std::uint64_t sequence = 0;
  bool closed = false;

  State(asio::io_context& context, AgentOptions o, std::map<std::string, AgentHost> h)
      : io(context), options(std::move(o)), hosts(std::move(h)) {}

  http::HttpClient* clientOf(const std::string& host, std::string& error) {
    if (auto it = clients.find(host); it != clients.end()) return it->second.get();
    auto entry = hosts.find(host);
    if (entry == hosts.end()) {
      error = "host '" + host + "' has no agent route";
      return nullptr;
    }
    auto url = http::parseUrl(entry->second.url, error);
    if (!url) {
      error = "host '" + host + "': magicc_agent_url " + error;
      return nullptr;
    }
    http::ClientOptions client;
    client.caFile = options.caFile;
    client.certificateFile = options.certificateFile;
    client.keyFile = options.keyFile;
    client.bearerToken = token;
    client.connectTimeout = options.connectTimeout;
    auto& slot = clients[host];
    slot = std::make_unique<http::HttpClient>(io, *url, client);
    return slot.get();
  }
};

namespace {

class AgentHostOps final : public HostOps {
 public:
  // The State owns its ops, so they hold it by reference: a shared
  // pointer here would be a cycle that never frees either.
  AgentHostOps(AgentBackend::State& state, std::string name)
      : state_(&state), name_(std::move(name)) {}

  const std::string& name() const override { return name_; }
  bool local() const override { return false; }

  void run(const CommandSpec& spec, std::function<void(CommandResult)> done) override {
    std::string error;
    http::HttpClient* client = state_->clientOf(name_, error);
    if (!client) return later([done, error] { done(opFailure(error)); });
    nlohmann::json env = nlohmann::json::object();
    for (const auto& [k, v] : spec.env) env[k] = v;
    nlohmann::json body = {
        {"action", "exec"},
        {"sudo", spec.sudo},
        {"queue",
         fmt::format("magicc-{}-{}", spec.runId.empty() ? "run" : spec.runId, ++state_->sequence)},
        {"env", env},
        {"run_id", spec.runId},
        {"host", spec.host},
        {"node", spec.node}};
    if (spec.argv.empty())
      body["cmd"] = spec.command;
    else
      body["cmd"] = spec.argv;
    if (spec.timeout.count() > 0) body["timeout"] = fmt::format("{}ms", spec.timeout.count());
    if (!spec.input.empty()) body["input"] = spec.input;
    if (state_->options.secrets)
      if (std::vector<std::string> secrets = state_->options.secrets(); !secrets.empty())
        body["redact"] = secrets;
    auto state = state_->shared_from_this();
    std::string host = name_;
    client->send(jsonRequest(verb::post, "/v1/jobs", body), 30s,
                 [state, client, host, done](http::ClientResult result) {
                   if (!success(result)) return done(opFailure(failureOf(*client, result)));
                   std::string id{result.response["X-Job-ID"]};
                   if (id.empty())
                     return done(opFailure(failureOf(*client, result) + ": no X-Job-ID"));
                   state->running.emplace(host, id);
                   follow(state, client, host, id, 0, 0, done);
                 });
  }

  void stat(const OpContext&, const std::string& path, FileDigest digest,
            std::function<void(FileState, OpStatus)> done) override {
    std::string target = "/v1/files?path=" + http::percentEncode(path) +
                         "&digest=" + (digest == FileDigest::Sha256 ? "sha256" : "none");
    getObject(target, [done](const nlohmann::json& body, OpStatus status) {
      if (!status.ok()) return done({}, std::move(status));
      FileState st;
      st.exists = field(body, "exists", false);
      st.regular = st.exists && field(body, "type", std::string()) == "file";
      if (st.regular) {
        st.mode = static_cast<unsigned>(
            std::strtoul(field(body, "mode", std::string("0")).c_str(), nullptr, 8));
        st.sha256 = field(body, "sha256", std::string());
      }
      done(st, {});
    });
  }

  // GET /v1/files/content (scope run: content is more than a digest).
  void read(const OpContext&, const std::string& path, std::size_t limit,
            std::function<void(FileContent, OpStatus)> done) override {
    std::string target =
        "/v1/files/content?path=" + http::percentEncode(path) + "&max=" + std::to_string(limit);
    getObject(target, [done](const nlohmann::json& body, OpStatus status) {
      if (!status.ok()) return done({}, std::move(status));
      FileContent content;
      content.regular = field(body, "regular", false);
      content.tooLarge = field(body, "too_large", false);
      if (!fromBase64(field(body, "content_base64", std::string()), content.bytes))
        return done({}, opFailure("the agent's file content is not base64"));
      done(std::move(content), {});
    });
  }

  void put(const OpContext& context, const FileWrite& write,
           std::function<void(OpStatus)> done) override {
    std::string arguments =
        write.summary.empty() ? write.path + " mode " + octalMode(write.mode) : write.summary;
    if (write.modeOnly) {
      // No file route changes only a mode: a job does, and audits as one.
      CommandSpec spec;
      spec.argv = {"chmod", octalMode(write.mode), "--", write.path};
      spec.node = context.node;
      spec.runId = context.runId;
      spec.sudo = context.sudo;
      spec.timeout = context.timeout;
      return audited(
          context, "write", arguments,
          [this, spec](auto finish) {
            run(spec, [finish](CommandResult r) {
              finish(r.ok() ? OpStatus{}
                            : opFailure("chmod: " + describeFailure(r) + " " + r.stderrTail));
            });
          },
          std::move(done));
    }
    std::string target =
        "/v1/files?path=" + http::percentEncode(write.path) + "&mode=" + octalMode(write.mode);
    http::Request request{verb::put, target, 11};
    request.set(http::bhttp::field::content_type, "application/octet-stream");
    request.body() = write.content;
    send(context, "write", arguments, std::move(request), std::move(done));
  }

  void remove(const OpContext& context, const std::string& path,
              std::function<void(OpStatus)> done) override {
    send(context, "remove", path,
         http::Request{verb::delete_, "/v1/files?path=" + http::percentEncode(path), 11},
         std::move(done));
  }

  void call(const OpContext& context, const std::string& method, const nlohmann::json& params,
            std::function<void(nlohmann::json, std::string)> done) override {
    std::string error;
    http::HttpClient* client = state_->clientOf(name_, error);
    if (!client) return later([done, error] { done(nullptr, error); });
    auto dot = method.find('.');
    if (dot == std::string::npos || dot == 0)
      return later([done, method] {
        done(nullptr, "call: '" + method + "' names no service (service.Method)");
      });
    std::string service = method.substr(0, dot);
    nlohmann::json body = {
        {"jsonrpc", "2.0"}, {"method", method}, {"params", params}, {"id", ++state_->sequence}};
    client->send(jsonRequest(verb::post, "/v1/rpc/" + http::percentEncode(service), body),
                 context.timeout, [client, done, method](http::ClientResult result) {
                   if (!success(result)) return done(nullptr, failureOf(*client, result));
                   auto answer = nlohmann::json::parse(result.response.body(), nullptr, false);
                   if (!answer.is_object())
                     return done(nullptr, method + ": the service's answer is not JSON-RPC");
                   if (auto e = answer.find("error"); e != answer.end() && !e->is_null()) {
                     std::string message =
                         e->is_object() ? field(*e, "message", e->dump()) : e->dump();
                     if (e->is_object() && e->contains("code"))
                       message += fmt::format(" (code {})", (*e)["code"].dump());
                     return done(nullptr, method + ": " + message);
                   }
                   done(answer.contains("result") ? answer["result"] : nlohmann::json(), "");
                 });
  }

 private:
  // GETs `target` from the host's agent: its answer as a JSON object, or why not.
  void getObject(const std::string& target,
                 std::function<void(const nlohmann::json&, OpStatus)> done) {
    std::string error;
    http::HttpClient* client = state_->clientOf(name_, error);
    if (!client) return later([done, error] { done(nullptr, opFailure(error)); });
    client->send(http::Request{verb::get, target, 11}, 60s,
                 [client, done](http::ClientResult result) {
                   if (!success(result))
                     return done(nullptr, opFailure(failureOf(*client, result)));
                   auto body = nlohmann::json::parse(result.response.body(), nullptr, false);
                   if (!body.is_object())
                     return done(nullptr, opFailure(failureOf(*client, result) + ": not JSON"));
                   done(body, {});
                 });
  }
  using Finish = std::function<void(OpStatus)>;

  template <class F>
  void later(F f) {
    asio::post(state_->io, std::move(f));
  }

  // A change, audited before it acts (an action a crash interrupts is in
  // the log too) and after.
  void audited(const OpContext& context, const std::string& action, const std::string& arguments,
               const std::function<void(Finish)>& act, std::function<void(OpStatus)> done) {
    ActionRecord record{name_, context.node, action, arguments};
    record.result = "start";
    if (context.audit) context.audit(record);
    auto audit = context.audit;
    act([record, audit, done](OpStatus status) mutable {
      record.ok = status.ok();
      record.result = status.ok() ? "ok" : describeFailure(status);
      if (audit) audit(record);
      done(std::move(status));
    });
  }

  void send(const OpContext& context, const std::string& action, const std::string& arguments,
            http::Request request, std::function<void(OpStatus)> done) {
    std::string error;
    http::HttpClient* client = state_->clientOf(name_, error);
    if (!client) return later([done, error] { done(opFailure(error)); });
    auto shared = std::make_shared<http::Request>(std::move(request));
    audited(
        context, action, arguments,
        [client, shared](Finish finish) {
          client->send(std::move(*shared), 60s, [client, finish](http::ClientResult result) {
            finish(success(result) ? OpStatus{} : opFailure(failureOf(*client, result)));
          });
        },
        std::move(done));
  }

  // Waits for job `id` by streaming its output from `offset`; a dropped
  // stream resumes where it stopped. Then reads how the job ended.
  static void follow(std::shared_ptr<AgentBackend::State> state, http::HttpClient* client,
                     std::string host, std::string id, std::uint64_t offset, int resumes,
                     std::function<void(CommandResult)> done) {
    auto received = std::make_shared<std::uint64_t>(offset);
    client->send(
        http::Request{verb::get, fmt::format("/v1/jobs/{}/output?offset={}&follow=1", id, offset),
                      11},
        std::chrono::milliseconds{0},
        [state, client, host, id, received, resumes, done](http::ClientResult result) {
          if (!success(result)) {
            if (state->closed || resumes >= kStreamResumes) {
              state->running.erase({host, id});
              return done(opFailure(failureOf(*client, result) + " (job " + id + ")"));
            }
            auto timer = std::make_shared<asio::steady_timer>(state->io, 200ms * (resumes + 1));
            return timer->async_wait([=](const boost::system::error_code&) {
              (void)timer;
              follow(state, client, host, id, *received, resumes + 1, done);
            });
          }
          client->send(http::Request{verb::get, "/v1/jobs/" + id, 11}, 30s,
                       [state, client, host, id, done](http::ClientResult final) {
                         state->running.erase({host, id});
                         if (!success(final)) return done(opFailure(failureOf(*client, final)));
                         auto job = nlohmann::json::parse(final.response.body(), nullptr, false);
                         if (!job.is_object())
                           return done(opFailure(failureOf(*client, final) + ": not JSON"));
                         done(resultOf(job));
                       });
        },
        [received](std::string_view chunk) { *received += chunk.size(); });
  }

  AgentBackend::State* state_;
  std::string name_;
};

}  // namespace

AgentBackend::AgentBackend(asio::io_context& io, AgentOptions options,
                           std::map<std::string, AgentHost> hosts)
    : state_(std::make_shared<State>(io, std::move(options), std::move(hosts))) {
  if (state_->options.tokenFile.empty())
    throw std::runtime_error("the agent backend needs --agent-token-file");
  std::string error;
  auto token = http::readClientToken(state_->options.tokenFile, error);
  if (!token) throw std::runtime_error(error);
  state_->token = *token;
}

AgentBackend::~AgentBackend() {
  shutdown();
}

void AgentBackend::connect(const std::vector<std::string>& hosts,
                           std::function<void(std::map<std::string, HostReach>)> done) {
  auto reach = std::make_shared<std::map<std::string, HostReach>>();
  auto left = std::make_shared<std::size_t>(hosts.size());
  auto state = state_;
  auto answered = [reach, left, done](const std::string& host, HostReach r) {
    (*reach)[host] = std::move(r);
    if (--*left == 0) done(*reach);
  };
  if (hosts.empty()) return asio::post(state->io, [done] { done({}); });
  for (const auto& host : hosts) {
    std::string error;
    http::HttpClient* client = state->clientOf(host, error);
    if (!client) {
      asio::post(state->io, [answered, host, error] {
        answered(host, HostReach{false, false, false, error});
      });
      continue;
    }
    // Health first (no token): is an agent there at all? Then info with
    // the token: is it ours to use, and may it run jobs?
    client->send(
        http::Request{verb::get, "/v1/health", 11}, state->options.connectTimeout,
        [state, client, host, answered](http::ClientResult health) {
          if (!success(health))
            return answered(host, HostReach{false, false, false, failureOf(*client, health)});
          client->send(
              http::Request{verb::get, "/v1/info", 11}, state->options.connectTimeout,
              [state, client, host, answered](http::ClientResult info) {
                if (!success(info)) {
                  std::string why = failureOf(*client, info);
                  if (info.ok() && info.response.result() == http::Status::unauthorized)
                    why += " (the agent does not know this token: --agent-token-file)";
                  return answered(host, HostReach{false, false, false, why});
                }
                auto body = nlohmann::json::parse(info.response.body(), nullptr, false);
                if (!body.is_object())
                  return answered(host, HostReach{false, false, false,
                                                  failureOf(*client, info) + ": not JSON"});
                std::string scope = field(field(body, "token", nlohmann::json::object()), "scope",
                                          std::string("run"));
                if (scope == "read")
                  return answered(
                      host,
                      HostReach{false, false, false,
                                fmt::format("agent at {}:{}: token '{}' may only read; "
                                            "a run needs scope run",
                                            client->url().host, client->url().port,
                                            field(field(body, "token", nlohmann::json::object()),
                                                  "name", std::string("?")))});
                state->infos[host] = body;
                HostReach r;
                r.ok = true;
                r.root = field(body, "user", std::string()) == "root";
                answered(host, r);
              });
        });
  }
}

HostOps& AgentBackend::host(const std::string& name) {
  auto& ops = state_->ops[name];
  if (!ops) ops = std::make_unique<AgentHostOps>(*state_, name);
  return *ops;
}

void AgentBackend::killAll() {
  for (const auto& [host, id] : state_->running) {
    std::string error;
    if (http::HttpClient* client = state_->clientOf(host, error))
      client->send(http::Request{verb::post, "/v1/jobs/" + id + "/cancel", 11}, 5s,
                   [](http::ClientResult) {});
  }
}

void AgentBackend::shutdown() {
  state_->closed = true;
  for (auto& [host, client] : state_->clients) client->shutdown();
}

const std::map<std::string, nlohmann::json>& AgentBackend::infos() const {
  return state_->infos;
}

}  // namespace magicc::runtime
