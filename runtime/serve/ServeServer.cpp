#include "serve/ServeServer.h"

#include <atomic>

#include "http/Message.h"
#include "http/Metrics.h"
#include "http/Target.h"
#include "serve/LongPolls.h"
#include "serve/UiPage.h"

namespace magicc::serve {

namespace {

constexpr std::string_view kJson = "application/json";

// make-magic's answers are json.dumps(..., indent=1).
http::Response toHttp(const http::Request& request, const ApiResponse& r) {
  auto status = static_cast<http::Status>(r.status);
  switch (r.kind) {
    case ApiResponse::Kind::Document:
      return http::textResponse(request, status, r.json.dump(1), kJson);
    case ApiResponse::Kind::Text:
      return http::textResponse(request, status, r.text, kJson);
    case ApiResponse::Kind::Empty:
      return http::textResponse(request, status, "", kJson);
    case ApiResponse::Kind::Error:
      break;
  }
  return http::jsonError(request, status, r.text);
}

}  // namespace

struct ServeServer::State : std::enable_shared_from_this<ServeServer::State> {
  TaskApi& api;
  std::optional<http::TokenSet> tokens;
  LongPolls polls;
  http::LatencyHistogram latency;
  std::atomic<std::uint64_t> requests{0}, errors{0};
  std::unique_ptr<http::HttpServer> server;

  explicit State(TaskApi& a) : api(a) {}

  std::string metrics() {
    std::string out;
    auto counter = [&](const char* name, const char* help, double value) {
      out += http::prometheusHeader(name, "counter", help);
      out += http::prometheusSample(name, "", value);
    };
    counter("magicc_serve_requests_total", "Requests answered.", double(requests));
    counter("magicc_serve_errors_total", "Requests answered with a 4xx or 5xx.", double(errors));
    counter("magicc_serve_claims_total", "Items claimed through /claim.",
            double(api.counters().claimed));
    counter("magicc_serve_tasks_created_total", "Tasks created.", double(api.counters().created));
    out += http::prometheusHeader("magicc_serve_long_polls", "gauge", "Requests waiting.");
    out += http::prometheusSample("magicc_serve_long_polls", "", double(polls.waiting()));
    out += http::prometheusHeader("magicc_serve_store_info", "gauge", "The task store.");
    out +=
        http::prometheusSample("magicc_serve_store_info", "kind=\"" + api.store().kind() + "\"", 1);
    out += latency.render("magicc_serve_request_seconds", "Time to answer a request.");
    return out;
  }

  void handle(const std::shared_ptr<http::Exchange>& exchange) {
    const http::Request& request = exchange->request();
    auto target =
        http::parseTarget(std::string_view(request.target().data(), request.target().size()));
    if (!target) {
      exchange->reply(http::jsonError(request, http::Status::bad_request, "bad request target"));
      return;
    }
    const bool reading =
        request.method() == http::bhttp::verb::get || request.method() == http::bhttp::verb::head;
    if (tokens) {
      auto who = tokens->authenticate(request);
      if (!who) {
        auto r = http::jsonError(request, http::Status::unauthorized, "a bearer token is required");
        r.set(http::bhttp::field::www_authenticate, "Bearer");
        exchange->reply(std::move(r));
        return;
      }
      if (!who->allows(reading ? http::Scope::Read : http::Scope::Run)) {
        exchange->reply(
            http::jsonError(request, http::Status::forbidden, "this token may only read"));
        return;
      }
    }
    const auto& seg = target->segments;
    if (seg.size() == 1 && seg[0] == "metrics" && reading) {
      exchange->reply(
          http::textResponse(request, http::Status::ok, metrics(), "text/plain; version=0.0.4"));
      return;
    }
    if (seg.size() >= 1 && seg[0] == "ui" && reading && (seg.size() == 1 || seg[1].empty())) {
      exchange->reply(http::textResponse(request, http::Status::ok, std::string(uiPage()),
                                         "text/html; charset=utf-8"));
      return;
    }
    ApiRequest api_request;
    api_request.method = std::string(request.method_string());
    api_request.segments = target->segments;
    api_request.query = target->query;
    api_request.body = request.body();
    answer(exchange, std::move(api_request));
  }

  void answer(const std::shared_ptr<http::Exchange>& exchange, ApiRequest request) {
    ApiResponse r = api.handle(request);
    if (r.wait.count() == 0) {
      finish(exchange, r);
      return;
    }
    // Nothing yet: ask again whenever the task changes, until the deadline.
    auto self = shared_from_this();
    auto shared = std::make_shared<ApiRequest>(std::move(request));
    shared->query.erase("wait");
    auto id = polls.wait(
        r.task, std::chrono::steady_clock::now() + r.wait, [self, exchange, shared](bool final) {
          ApiResponse again = self->api.handle(*shared);
          bool empty = again.status == 204 || (again.kind == ApiResponse::Kind::Document &&
                                               again.json.is_array() && again.json.empty());
          if (empty && !final) return false;
          self->finish(exchange, again);
          return true;
        });
    exchange->onAbandoned([self, id] { self->polls.cancel(id); });
  }

  void finish(const std::shared_ptr<http::Exchange>& exchange, const ApiResponse& r) {
    if (r.status >= 400) ++errors;
    exchange->reply(toHttp(exchange->request(), r));
  }
};

ServeServer::ServeServer(TaskApi& api, ServeOptions options)
    : state_(std::make_shared<State>(api)) {
  state_->tokens = std::move(options.tokens);
  std::weak_ptr<State> weak = state_;
  api.store().onChange([weak](const std::string& uuid) {
    if (auto s = weak.lock()) s->polls.changed(uuid);
  });
  state_->server = std::make_unique<http::HttpServer>(
      options.http,
      [weak](std::shared_ptr<http::Exchange> exchange) {
        if (auto s = weak.lock()) s->handle(exchange);
      },
      [weak](const http::Completed& done) {
        if (auto s = weak.lock()) {
          ++s->requests;
          s->latency.observe(done.duration);
        }
      });
}

ServeServer::~ServeServer() {
  // Waiters hold the state: answer them now so it can go.
  state_->polls.stop();
}

std::string ServeServer::listen() {
  return state_->server->listen();
}
unsigned short ServeServer::port() const {
  return state_->server->port();
}
void ServeServer::run() {
  state_->server->run();
}
void ServeServer::stop() {
  state_->server->stop();
}

}  // namespace magicc::serve
