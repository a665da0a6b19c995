#include "agent/Agent.h"

#include <boost/asio/post.hpp>
#include <cctype>

#include "agent/Files.h"
#include "backends/Base64.h"
#include "backends/LocalFiles.h"
#include "http/Client.h"
#include "http/Target.h"

namespace magicc::agent {

namespace bhttp = boost::beast::http;
using http::Status;
using json = nlohmann::json;

bool jsonDepthWithin(std::string_view text, int limit) {
  int depth = 0;
  bool inString = false, escaped = false;
  for (char c : text) {
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

namespace {

constexpr int kMaxJsonDepth = 64;
constexpr std::size_t kOutputChunk = 64 * 1024;

// A decimal id of at most 18 digits, else nothing.
std::optional<std::int64_t> parseId(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

bool validEnvName(const std::string& name) {
  if (name.empty() || name.size() > 256 || std::isdigit(static_cast<unsigned char>(name[0])))
    return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

std::string peerText(const http::Peer& peer) {
  return peer.address + ":" + std::to_string(peer.port);
}

}  // namespace

// One request on its way through the agent, answered once, audited once.
struct Agent::Call {
  std::shared_ptr<http::Exchange> exchange;
  RequestAudit& audit;
  const http::Request& request;
  http::Target target;
  std::optional<http::Credential> credential;
  std::string job;
  bool answered = false;

  void auditLine(unsigned status, const std::string& result) {
    json line = {{"id", exchange->id()},
                 {"time", utcNow()},
                 {"peer", peerText(exchange->peer())},
                 {"token", credential ? json(credential->name) : json(nullptr)},
                 {"method", std::string(request.method_string())},
                 {"route", target.path},
                 {"status", status},
                 {"result", result}};
    if (!exchange->peer().certificateSubject.empty())
      line["cert"] = exchange->peer().certificateSubject;
    if (!job.empty()) line["job"] = job;
    audit.write(line);
  }
  void reply(http::Response response, const std::string& result) {
    if (answered) return;
    answered = true;
    auditLine(static_cast<unsigned>(response.result_int()), result);
    exchange->reply(std::move(response));
  }
  void ok(Status status, const json& body, const std::string& result = "ok") {
    reply(http::jsonResponse(request, status, body), result);
  }
  void error(Status status, const std::string& message) {
    auto response = http::jsonError(request, status, message);
    std::string result = "error";
    if (status == Status::unauthorized) {
      response.set(bhttp::field::www_authenticate, "Bearer");
      result = "unauthorized";
    } else if (status == Status::forbidden) {
      result = "denied";
    }
    reply(std::move(response), result);
  }
  // The body as JSON, or an error answered and nothing.
  std::optional<json> body() {
    const std::string& text = request.body();
    if (!jsonDepthWithin(text, kMaxJsonDepth)) {
      error(Status::bad_request, "the JSON body nests too deep");
      return std::nullopt;
    }
    json parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
      error(Status::bad_request, "the body is not valid JSON");
      return std::nullopt;
    }
    return parsed;
  }
};

Agent::Agent(AgentOptions options, Jobs& jobs, RequestAudit& audit, boost::asio::io_context& io)
    : options_(std::move(options)), jobs_(jobs), audit_(audit), io_(io) {
  for (const auto& [name, service] : options_.config.services) {
    std::string error;
    auto url = http::parseUrl(service.url, error);
    if (!url) continue;  // the config checked the scheme; a bad URL answers 502
    services_[name] = std::make_unique<http::HttpClient>(io_, *url, http::ClientOptions{});
  }
}

Agent::~Agent() {
  for (auto& [name, client] : services_) client->shutdown();
}

json Agent::facts() const {
  json facts = options_.detectedFacts.is_object() ? options_.detectedFacts : json::object();
  for (const auto& [key, value] : options_.config.facts.items()) facts[key] = value;
  return facts;
}

void Agent::observe(const http::Completed& completed) {
  ++requests_;
  latency_.observe(completed.duration);
}

void Agent::handle(std::shared_ptr<http::Exchange> exchange) {
  const http::Request& request = exchange->request();
  Call call{exchange, audit_, request, {}, {}, {}, false};
  auto target =
      http::parseTarget(std::string_view(request.target().data(), request.target().size()));
  if (!target) {
    call.target.path = "(bad target)";
    call.error(Status::bad_request, "the request target is not a valid path");
    return;
  }
  call.target = std::move(*target);
  try {
    route(call);
  } catch (const std::exception& e) {
    // The store failing (a full disk) answers 500; the agent goes on.
    call.error(Status::internal_server_error, e.what());
  }
}

void Agent::route(Call& call) {
  const auto& seg = call.target.segments;
  const auto method = call.request.method();
  using bhttp::verb;
  if (seg.size() == 2 && seg[0] == "v1" && seg[1] == "health") {
    if (method != verb::get) {
      auto response =
          http::jsonError(call.request, Status::method_not_allowed, "use GET on /v1/health");
      response.set(bhttp::field::allow, "GET");
      return call.reply(std::move(response), "error");
    }
    return call.ok(Status::ok, {{"status", "ok"}, {"version", options_.version}});
  }

  // Everything else needs a token.
  call.credential = options_.tokens.authenticate(call.request);
  if (!call.credential)
    return call.error(Status::unauthorized, "a valid Authorization: Bearer token is required");

  // The route: its methods, each with the scope it needs.
  struct Allowed {
    verb method;
    http::Scope scope;
  };
  std::vector<Allowed> allowed;
  std::optional<std::int64_t> id;
  std::string service;
  enum class Route {
    Info,
    Jobs,
    Job,
    Output,
    Cancel,
    Files,
    FileContent,
    Rpc,
    Metadata,
    Metrics,
    None
  };
  Route which = Route::None;
  using http::Scope;
  if (seg.size() >= 2 && seg[0] == "v1") {
    const std::string& name = seg[1];
    if (seg.size() == 2 && name == "info") {
      which = Route::Info;
      allowed = {{verb::get, Scope::Read}};
    } else if (seg.size() == 2 && name == "jobs") {
      which = Route::Jobs;
      allowed = {{verb::get, Scope::Read}, {verb::post, Scope::Run}};
    } else if (name == "jobs" && (seg.size() == 3 || seg.size() == 4)) {
      call.job = seg[2];
      id = parseId(seg[2]);
      if (seg.size() == 3) {
        which = Route::Job;
        allowed = {{verb::get, Scope::Read}};
      } else if (seg[3] == "output") {
        which = Route::Output;
        allowed = {{verb::get, Scope::Read}};
      } else if (seg[3] == "cancel") {
        which = Route::Cancel;
        allowed = {{verb::post, Scope::Run}};
      }
    } else if (seg.size() == 2 && name == "files") {
      which = Route::Files;
      allowed = {{verb::get, Scope::Read}, {verb::put, Scope::Run}, {verb::delete_, Scope::Run}};
    } else if (seg.size() == 3 && name == "files" && seg[2] == "content") {
      // The bytes themselves: more than a digest, so as much as a job may read.
      which = Route::FileContent;
      allowed = {{verb::get, Scope::Run}};
    } else if (seg.size() == 3 && name == "rpc") {
      which = Route::Rpc;
      service = seg[2];
      allowed = {{verb::post, Scope::Run}};
    } else if (seg.size() == 2 && name == "metadata") {
      which = Route::Metadata;
      allowed = {{verb::get, Scope::Read}, {verb::patch, Scope::Admin}};
    } else if (seg.size() == 2 && name == "metrics") {
      which = Route::Metrics;
      allowed = {{verb::get, Scope::Read}};
    }
  }
  if (which == Route::None) return call.error(Status::not_found, "no route " + call.target.path);
  const Allowed* match = nullptr;
  for (const auto& a : allowed)
    if (a.method == method) match = &a;
  if (!match) {
    std::string methods;
    for (const auto& a : allowed)
      methods += (methods.empty() ? "" : ", ") + std::string(bhttp::to_string(a.method));
    auto response = http::jsonError(call.request, Status::method_not_allowed,
                                    "use " + methods + " on " + call.target.path);
    response.set(bhttp::field::allow, methods);
    return call.reply(std::move(response), "error");
  }
  if (!call.credential->allows(match->scope))
    return call.error(Status::forbidden, "token '" + call.credential->name + "' has scope " +
                                             std::string(http::scopeName(call.credential->scope)) +
                                             "; this needs " +
                                             std::string(http::scopeName(match->scope)));
  if ((which == Route::Job || which == Route::Output || which == Route::Cancel) && !id)
    return call.error(Status::not_found, "no job " + call.job);

  switch (which) {
    case Route::Info:
      return info(call);
    case Route::Jobs:
      return method == verb::post ? submitJob(call) : listJobs(call);
    case Route::Job:
      return getJob(call, *id);
    case Route::Output:
      return jobOutput(call, *id);
    case Route::Cancel:
      return cancelJob(call, *id);
    case Route::Files:
      return files(call);
    case Route::FileContent:
      return fileContent(call);
    case Route::Rpc:
      return rpc(call, service);
    case Route::Metadata:
      return metadata(call);
    case Route::Metrics:
      return metrics(call);
    case Route::None:
      break;
  }
}

void Agent::info(Call& call) {
  json services = json::array();
  for (const auto& [name, service] : options_.config.services) services.push_back(name);
  json queues = json::object();
  for (const auto& [name, depth] : jobs_.queueDepths()) queues[name] = depth;
  call.ok(Status::ok, {{"hostname", options_.hostname},
                       {"version", options_.version},
                       {"tags", options_.config.tags},
                       {"facts", facts()},
                       {"services", services},
                       {"queues", queues},
                       // What the caller may do: a client's preflight checks its scope here.
                       {"token",
                        {{"name", call.credential->name},
                         {"scope", std::string(http::scopeName(call.credential->scope))}}}});
}

void Agent::submitJob(Call& call) {
  auto body = call.body();
  if (!body) return;
  if (!body->is_object()) return call.error(Status::bad_request, "the job must be a JSON object");
  JobRequest request;
  JobRecord& job = request.record;
  job.token = call.credential->name;
  auto bad = [&](const std::string& message) { call.error(Status::bad_request, message); };
  if (!body->contains("action")) return bad("the job needs an action (\"exec\")");
  for (const auto& [key, value] : body->items()) {
    if (key == "action") {
      if (!value.is_string()) return bad("action must be a string");
      if (value.get<std::string>() != "exec")
        return bad("unknown action '" + value.get<std::string>() + "' (the agent knows exec)");
    } else if (key == "cmd") {
      if (value.is_string()) {
        if (value.get<std::string>().find_first_not_of(" \t") == std::string::npos)
          return bad("cmd must not be empty");
        if (value.get<std::string>().find('\0') != std::string::npos)
          return bad("cmd must not contain NUL");
      } else if (value.is_array()) {
        if (value.empty()) return bad("cmd must not be empty");
        for (const auto& word : value) {
          if (!word.is_string()) return bad("cmd must be a list of strings");
          if (word.get<std::string>().find('\0') != std::string::npos)
            return bad("cmd must not contain NUL");
        }
        if (value[0].get<std::string>().empty()) return bad("cmd's program must not be empty");
      } else {
        return bad("cmd must be a list of strings or a command line");
      }
      job.cmd = value;
    } else if (key == "sudo") {
      if (!value.is_boolean()) return bad("sudo must be true or false");
      job.sudo = value.get<bool>();
    } else if (key == "timeout") {
      std::optional<std::chrono::milliseconds> timeout;
      if (value.is_number() && value.get<double>() >= 0 && value.get<double>() < 1e9)
        timeout = std::chrono::milliseconds(static_cast<long long>(value.get<double>() * 1000));
      else if (value.is_string())
        timeout = parseDuration(value.get<std::string>());
      if (!timeout) return bad("timeout must be a duration like \"5m\" or a number of seconds");
      job.timeoutMs = timeout->count();
    } else if (key == "queue") {
      if (!value.is_string() || value.get<std::string>().empty() ||
          value.get<std::string>().size() > 128)
        return bad("queue must be a name of 1 to 128 bytes");
      job.queue = value.get<std::string>();
    } else if (key == "env") {
      if (!value.is_object()) return bad("env must be an object of strings");
      for (const auto& [name, v] : value.items()) {
        if (!validEnvName(name)) return bad("env name '" + name + "' is not a variable name");
        if (!v.is_string() || v.get<std::string>().find('\0') != std::string::npos)
          return bad("env value of " + name + " must be a string");
        request.env.emplace_back(name, v.get<std::string>());
      }
    } else if (key == "redact") {
      if (!value.is_array()) return bad("redact must be a list of strings");
      for (const auto& v : value) {
        if (!v.is_string()) return bad("redact must be a list of strings");
        request.redact.push_back(v.get<std::string>());
      }
    } else if (key == "input") {
      if (!value.is_string()) return bad("input must be a string");
      request.input = value.get<std::string>();
    } else if (key == "host") {
      if (!value.is_string() || value.get<std::string>().find('\0') != std::string::npos)
        return bad("host must be a string");
      request.host = value.get<std::string>();
    } else if (key == "run_id" || key == "node") {
      if (!value.is_string() || value.get<std::string>().find('\0') != std::string::npos)
        return bad(key + " must be a string");
      (key == "run_id" ? job.runId : job.node) = value.get<std::string>();
    } else {
      return bad("unknown field '" + key + "' in the job");
    }
  }
  if (job.cmd.is_null()) return bad("the job needs a cmd");
  JobRecord submitted = jobs_.submit(std::move(request));
  call.job = std::to_string(submitted.id);
  auto response = http::jsonResponse(call.request, Status::accepted, toJson(submitted));
  response.set("X-Job-ID", call.job);
  response.set(bhttp::field::location, "/v1/jobs/" + call.job);
  call.reply(std::move(response), "queued");
}

void Agent::listJobs(Call& call) {
  std::size_t limit = 100;
  std::string text = call.target.param("limit");
  if (!text.empty()) {
    auto n = parseId(text);
    if (!n || *n < 1 || *n > static_cast<std::int64_t>(JobLog::kKeep))
      return call.error(Status::bad_request, "limit must be a number from 1 to 1000");
    limit = static_cast<std::size_t>(*n);
  }
  json jobs = json::array();
  for (const auto& job : jobs_.list(limit, call.target.param("queue"))) jobs.push_back(toJson(job));
  call.ok(Status::ok, {{"jobs", std::move(jobs)}});
}

void Agent::getJob(Call& call, std::int64_t id) {
  auto job = jobs_.get(id);
  if (!job) return call.error(Status::not_found, "no job " + call.job);
  call.ok(Status::ok, toJson(*job));
}

void Agent::cancelJob(Call& call, std::int64_t id) {
  auto job = jobs_.cancel(id);
  if (!job) return call.error(Status::not_found, "no job " + call.job);
  call.ok(Status::ok, toJson(*job), "cancelled");
}

namespace {

// A job's output sent as it grows: read, write a chunk, wait for more.
struct OutputStream : std::enable_shared_from_this<OutputStream> {
  std::shared_ptr<http::Exchange> exchange;
  Jobs& jobs;
  std::int64_t id;
  std::uint64_t offset;
  bool follow;
  std::atomic<bool> gone{false};

  OutputStream(std::shared_ptr<http::Exchange> e, Jobs& j, std::int64_t i, std::uint64_t o, bool f)
      : exchange(std::move(e)), jobs(j), id(i), offset(o), follow(f) {}

  void pump() {
    if (gone) return;
    OutputPiece piece = jobs.readOutput(id, offset, kOutputChunk);
    if (!piece.data.empty()) {
      offset += piece.data.size();
      auto self = shared_from_this();
      exchange->write(std::move(piece.data), [self](bool ok) {
        if (ok)
          self->pump();
        else
          self->gone = true;
      });
      return;
    }
    if (piece.finished || !piece.found || !follow) {
      exchange->end();
      return;
    }
    auto self = shared_from_this();
    jobs.waitOutput(id, offset, [self] { self->pump(); });
  }
};

}  // namespace

void Agent::jobOutput(Call& call, std::int64_t id) {
  std::uint64_t offset = 0;
  if (std::string text = call.target.param("offset"); !text.empty()) {
    auto n = parseId(text);
    if (!n) return call.error(Status::bad_request, "offset must be a number of bytes");
    offset = static_cast<std::uint64_t>(*n);
  }
  std::string followText = call.target.param("follow", "1");
  bool follow = followText == "1" || followText == "true";
  if (!follow && followText != "0" && followText != "false")
    return call.error(Status::bad_request, "follow must be 1 or 0");
  auto job = jobs_.get(id);
  if (!job) return call.error(Status::not_found, "no job " + call.job);
  http::Response header{Status::ok, call.request.version()};
  header.set(bhttp::field::content_type, "application/octet-stream");
  header.set("X-Job-ID", call.job);
  header.set("X-Job-Status", job->status);
  header.set("X-Output-Offset", std::to_string(offset));
  header.keep_alive(call.request.keep_alive());
  call.answered = true;
  call.auditLine(200, "streaming");
  auto stream = std::make_shared<OutputStream>(call.exchange, jobs_, id, offset, follow);
  std::weak_ptr<OutputStream> weak = stream;
  call.exchange->onAbandoned([weak] {
    if (auto s = weak.lock()) s->gone = true;
  });
  call.exchange->begin(std::move(header));
  stream->pump();
}

void Agent::files(Call& call) {
  std::string path = call.target.param("path");
  bool outside = false;
  if (std::string why = checkFilePath(path, options_.config.filesUnder, outside); !why.empty())
    return call.error(outside ? Status::forbidden : Status::bad_request, why);
  std::string error;
  using bhttp::verb;
  if (call.request.method() == verb::get) {
    std::string digest = call.target.param("digest", "sha256");
    if (digest != "sha256" && digest != "none")
      return call.error(Status::bad_request, "digest must be sha256 or none");
    json stat = fileStat(path, digest == "sha256", error);
    if (!error.empty()) return call.error(Status::internal_server_error, error);
    return call.ok(Status::ok, stat);
  }
  if (call.request.method() == verb::delete_) {
    json stat = fileStat(path, false, error);
    if (!error.empty()) return call.error(Status::internal_server_error, error);
    if (stat.value("type", "") == "directory")
      return call.error(Status::bad_request, path + " is a directory");
    if (std::string why = runtime::removeFile(path); !why.empty())
      return call.error(Status::internal_server_error, why);
    return call.ok(Status::ok, {{"path", path}, {"removed", stat.value("exists", false)}});
  }
  unsigned mode = 0644;
  if (std::string text = call.target.param("mode"); !text.empty()) {
    auto parsed = parseMode(text);
    if (!parsed) return call.error(Status::bad_request, "mode must be octal, like 0644");
    mode = *parsed;
  }
  std::optional<Owner> owner;
  if (std::string text = call.target.param("owner"); !text.empty()) {
    owner = parseOwner(text, error);
    if (!owner) return call.error(Status::bad_request, error);
  }
  if (std::string why = putFile(path, call.request.body(), mode, owner); !why.empty())
    return call.error(Status::internal_server_error, why);
  json stat = fileStat(path, true, error);
  if (!error.empty()) return call.error(Status::internal_server_error, error);
  call.ok(Status::ok, stat, "written");
}

void Agent::fileContent(Call& call) {
  std::string path = call.target.param("path");
  bool outside = false;
  if (std::string why = checkFilePath(path, options_.config.filesUnder, outside); !why.empty())
    return call.error(outside ? Status::forbidden : Status::bad_request, why);
  std::string maxText = call.target.param("max", "65536");
  if (maxText.empty() || maxText.size() > 9 ||
      maxText.find_first_not_of("0123456789") != std::string::npos)
    return call.error(Status::bad_request, "max must be a byte count up to 999999999");
  // Read into memory whole: at most 16 MiB, whatever is asked.
  std::size_t max = std::min<std::size_t>(std::stoull(maxText), 16 << 20);
  std::string error;
  auto content = runtime::readFileContent(path, max, error);
  if (!content) return call.error(Status::internal_server_error, error);
  json out = {{"path", path}, {"regular", content->regular}};
  if (content->tooLarge) out["too_large"] = true;
  if (content->regular && !content->tooLarge)
    out["content_base64"] = runtime::toBase64(content->bytes);
  call.ok(Status::ok, out);
}

void Agent::rpc(Call& call, const std::string& service) {
  auto config = options_.config.services.find(service);
  if (config == options_.config.services.end())
    return call.error(Status::not_found, "no service '" + service + "'");
  auto body = call.body();
  if (!body) return;
  if (!body->is_object() || body->value("jsonrpc", "") != "2.0" || !body->contains("method") ||
      !(*body)["method"].is_string())
    return call.error(Status::bad_request,
                      "the body must be a JSON-RPC 2.0 request: {\"jsonrpc\":\"2.0\","
                      "\"method\":...,\"params\":...,\"id\":...}");
  auto client = services_.find(service);
  if (client == services_.end())
    return call.error(Status::bad_gateway, "service '" + service + "' has a bad URL");
  http::Request forward{bhttp::verb::post, client->second->url().basePath.empty() ? "/" : "", 11};
  forward.set(bhttp::field::content_type, "application/json");
  forward.body() = call.request.body();
  forward.prepare_payload();
  // The call finishes on the io thread, after `call` is gone: keep what the
  // answer needs.
  auto shared = std::make_shared<Call>(call);
  call.answered = true;
  http::HttpClient* target = client->second.get();
  auto timeout = config->second.timeout;
  boost::asio::post(io_, [target, forward = std::move(forward), shared, service,
                          timeout]() mutable {
    target->send(std::move(forward), timeout, [shared, service](http::ClientResult result) {
      if (!result.ok()) {
        bool timedOut = result.error.find("timed out") != std::string::npos ||
                        result.error.find("timeout") != std::string::npos;
        return shared->error(timedOut ? Status::gateway_timeout : Status::bad_gateway,
                             "service '" + service + "': " + result.error);
      }
      if (result.response.result() != Status::ok)
        return shared->error(Status::bad_gateway, "service '" + service + "' answered " +
                                                      std::to_string(result.response.result_int()));
      json answer = json::parse(result.response.body(), nullptr, false);
      if (answer.is_discarded())
        return shared->error(Status::bad_gateway, "service '" + service + "' answered non-JSON");
      shared->reply(http::textResponse(shared->request, Status::ok, result.response.body(),
                                       "application/json"),
                    "ok");
    });
  });
}

void Agent::metadata(Call& call) {
  if (call.request.method() == bhttp::verb::get) return call.ok(Status::ok, jobs_.metadata());
  auto body = call.body();
  if (!body) return;
  if (!body->is_object()) return call.error(Status::bad_request, "metadata must be a JSON object");
  call.ok(Status::ok, jobs_.patchMetadata(*body), "patched");
}

void Agent::metrics(Call& call) {
  std::string text;
  text += http::prometheusHeader("magicc_agent_jobs", "gauge", "Jobs in the job log by status.");
  std::map<std::string, std::int64_t> counts{
      {kQueued, 0}, {kRunning, 0}, {kComplete, 0}, {kError, 0}};
  for (const auto& [status, n] : jobs_.countByStatus()) counts[status] = n;
  for (const auto& [status, n] : counts)
    text += http::prometheusSample("magicc_agent_jobs", "status=\"" + status + "\"",
                                   static_cast<double>(n));
  text += http::prometheusHeader("magicc_agent_queue_depth", "gauge",
                                 "Queued and running jobs per queue.");
  for (const auto& [queue, depth] : jobs_.queueDepths()) {
    std::string escaped;
    for (char c : queue) {
      if (c == '\\' || c == '"') escaped += '\\';
      if (c == '\n') {
        escaped += "\\n";
        continue;
      }
      escaped += c;
    }
    text += http::prometheusSample("magicc_agent_queue_depth", "queue=\"" + escaped + "\"",
                                   static_cast<double>(depth));
  }
  text += http::prometheusHeader("magicc_agent_requests_total", "counter", "Requests answered.");
  text += http::prometheusSample("magicc_agent_requests_total", "",
                                 static_cast<double>(requests_.load()));
  text += latency_.render("magicc_agent_request_duration_seconds", "Request latency.");
  text += http::prometheusHeader("magicc_agent_open_connections", "gauge", "Open connections.");
  text += http::prometheusSample("magicc_agent_open_connections", "",
                                 connections_ ? static_cast<double>(connections_()) : 0.0);
  call.reply(
      http::textResponse(call.request, Status::ok, std::move(text), "text/plain; version=0.0.4"),
      "ok");
}

}  // namespace magicc::agent
