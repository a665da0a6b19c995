// An http::Exchange without a socket: the request is given, the answer (a
// whole response, or a header and chunks) is kept for the test to read.
// The agent's unit tests and its fuzz target drive the agent through it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

#include "http/Server.h"

namespace magicc::testing {

class FakeExchange : public http::Exchange {
 public:
  explicit FakeExchange(http::Request request) : request_(std::move(request)) {
    peer_.address = "127.0.0.1";
    peer_.port = 40000;
  }
  const http::Request& request() const override { return request_; }
  const http::Peer& peer() const override { return peer_; }
  const std::string& id() const override { return id_; }
  void reply(http::Response response) override {
    std::lock_guard lock(mutex_);
    response_ = std::move(response);
    done_ = true;
    changed_.notify_all();
  }
  void begin(http::Response header) override {
    std::lock_guard lock(mutex_);
    response_ = std::move(header);
  }
  void write(std::string chunk, std::function<void(bool)> written) override {
    {
      std::lock_guard lock(mutex_);
      body_ += chunk;
      changed_.notify_all();
    }
    written(!closed_);
  }
  void end() override {
    std::lock_guard lock(mutex_);
    done_ = true;
    changed_.notify_all();
  }
  void onAbandoned(std::function<void()>) override {}

  // Waits until the answer is complete; false on timeout.
  bool wait(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done_; });
  }
  // Waits until the streamed body holds `text`.
  bool waitFor(const std::string& text,
               std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
      return body_.find(text) != std::string::npos || done_;
    }) && body_.find(text) != std::string::npos;
  }
  bool done() {
    std::lock_guard lock(mutex_);
    return done_;
  }
  http::Response response() {
    std::lock_guard lock(mutex_);
    return response_.value_or(http::Response{});
  }
  // The whole body: the response's, or the chunks streamed.
  std::string body() {
    std::lock_guard lock(mutex_);
    return body_.empty() && response_ ? response_->body() : body_;
  }
  void close() { closed_ = true; }

 private:
  http::Request request_;
  http::Peer peer_;
  std::string id_ = "test-1";
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<http::Response> response_;
  std::string body_;
  bool done_ = false;
  std::atomic<bool> closed_{false};
};

}  // namespace magicc::testing
