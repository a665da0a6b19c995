// The language server: a table binding LSP methods to handlers (clangd's
// ClangdLSPServer), over a Transport and a Workspace. One thread: messages
// are handled in arrival order, but every message that has already arrived
// is read ahead into a queue first, so a `$/cancelRequest` is seen before
// the request it cancels is handled (or before its answer is sent).
// Diagnostics are published once the input has been quiet for the debounce
// delay, so typing is not slowed down by checks whose results would be
// stale at once.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lsp/Features.h"
#include "lsp/Protocol.h"
#include "lsp/Transport.h"
#include "lsp/Workspace.h"

namespace magicc::lsp {

struct ServerOptions {
  // Diagnostics wait this long for the next edit (0: publish at once).
  int debounceMilliseconds = 150;
  // ... but never longer than this while edits keep coming.
  int maxDelayMilliseconds = 1000;
  // Where files that are not open are read from; the disk when null.
  std::shared_ptr<const source::FileSystem> files;
  // YAML inventories added to every program's own, for code lens, hover
  // and tag completion (`magicc lsp -i FILE`; initializationOptions.inventories).
  std::vector<std::string> inventories;
};

class Server {
 public:
  Server(Transport& transport, ServerOptions options);

  // Serves until `exit` or the end of input. Returns the process exit code:
  // 0 after shutdown then exit, 1 otherwise (as the LSP specification asks).
  int run();

  // One message's bytes; public for the fuzzer and the replay test.
  void handleMessage(const std::string& bytes);
  // The same, already parsed (discarded: it was not JSON).
  void handleParsed(const json& message);
  // Publishes the diagnostics that changed since they were last published.
  void publishDiagnostics();
  bool exited() const { return exited_; }

 private:
  using Handler = std::function<json(const json& params)>;
  using NotificationHandler = std::function<void(const json& params)>;

  void bindMethods();
  void handleRequest(const json& id, const std::string& method, const json& params);
  void handleNotification(const std::string& method, const json& params);
  void reply(const json& id, json result);
  void replyError(const json& id, ErrorCode code, const std::string& message);

  json initialize(const json& params);
  void didOpen(const json& params);
  void didChange(const json& params);
  void didClose(const json& params);
  void markChanged();
  // Moves every message that has already arrived into pending_, applying
  // cancellations at once.
  void readAhead();
  void noteCancel(const json& message);

  Transport& transport_;
  ServerOptions options_;
  Workspace workspace_;
  std::map<std::string, Handler> requests_;
  std::map<std::string, NotificationHandler> notifications_;
  Encoding encoding_ = Encoding::Utf16;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  // Requests cancelled before they were handled, by their id's JSON.
  std::set<std::string> cancelled_;
  // Messages read ahead, parsed, not yet handled.
  std::deque<json> pending_;
  // The id (JSON) of the request being handled.
  std::optional<std::string> running_;
  // Set by run(): handlers may read ahead (not when fed by handleMessage).
  bool readingAhead_ = false;
  // Diagnostics are owed since this time (none owed when unset).
  std::optional<std::chrono::steady_clock::time_point> dirtySince_;
  // What each document was last told, to publish only changes.
  std::map<std::string, json> published_;
  SemanticTokensCache semanticTokens_;
};

}  // namespace magicc::lsp
