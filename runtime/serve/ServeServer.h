// `magicc serve` on the network: the shared HTTP server (runtime/http) in
// front of the TaskApi, bearer tokens when configured, long polls woken by
// the store, /metrics and the /ui page.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "http/Server.h"
#include "http/Tokens.h"
#include "serve/TaskApi.h"

namespace magicc::serve {

struct ServeOptions {
  http::ServerOptions http;
  // Empty: no tokens asked for (loopback only; the driver enforces it).
  std::optional<http::TokenSet> tokens;
};

class ServeServer {
 public:
  ServeServer(TaskApi& api, ServeOptions options);
  ~ServeServer();
  ServeServer(const ServeServer&) = delete;
  ServeServer& operator=(const ServeServer&) = delete;

  std::string listen();
  unsigned short port() const;
  void run();
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace magicc::serve
