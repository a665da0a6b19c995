// make-magic's HTTP task API as a function of a request: routes, validation,
// and the answers make-magic gives (docs/serve.md lists where they differ).
// No sockets here: the HTTP server (ServeServer.h) hands each request over
// and sends the answer back; the unit tests and the fuzzer call it directly.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "serve/TaskFactory.h"
#include "serve/TaskStore.h"

namespace magicc::serve {

struct ApiRequest {
  std::string method;                 // "GET", "POST", ...
  std::vector<std::string> segments;  // the decoded path split at "/"; a trailing "/" adds ""
  std::map<std::string, std::string> query;
  std::string body;
};

struct ApiResponse {
  enum class Kind { Document, Text, Error, Empty };
  unsigned status = 200;
  Kind kind = Kind::Document;
  Json json;                          // Kind::Document
  std::string text;                   // Kind::Text (the raw state), or the error's message
  std::string task;                   // the task a long poll waits on
  std::chrono::milliseconds wait{0};  // > 0: nothing yet; ask again when `task` changes
};

// The longest `?wait=` honoured.
inline constexpr std::chrono::seconds kMaxWait{60};

class TaskApi {
 public:
  TaskApi(TaskStore& store, TaskFactory factory);

  // Never throws for anything a client sends; a failing store is a 503.
  ApiResponse handle(const ApiRequest& request);

  TaskStore& store() { return store_; }

  // For /metrics.
  struct Counters {
    std::atomic<std::uint64_t> created{0}, claimed{0};
  };
  const Counters& counters() const { return counters_; }

 private:
  TaskStore& store_;
  TaskFactory factory_;
  Counters counters_;
};

// A new task's uuid (version 4, random).
std::string newUuid();

}  // namespace magicc::serve
