#include "lsp/Server.h"

#include "lsp/Diagnostics.h"
#include "lsp/Uri.h"

#include <algorithm>

namespace magicc::lsp {

Server::Server(Transport& transport, ServerOptions options)
    : transport_(transport),
      options_(std::move(options)),
      workspace_(options_.files ? options_.files
                                : std::make_shared<const source::DiskFileSystem>()) {
  bindMethods();
}

void Server::bindMethods() {
  requests_["initialize"] = [this](const json& p) { return initialize(p); };
  requests_["shutdown"] = [this](const json&) {
    shutdown_ = true;
    return json(nullptr);
  };
  // The language features (Features.h), each given the workspace.
  auto feature = [this](json (*handler)(Context&, const json&)) {
    return [this, handler](const json& p) {
      Context context{workspace_, encoding_, semanticTokens_, options_.inventories};
      return handler(context, p);
    };
  };
  requests_["textDocument/hover"] = feature(hover);
  requests_["textDocument/definition"] = feature(definition);
  requests_["textDocument/declaration"] = feature(definition);
  requests_["textDocument/references"] = feature(references);
  requests_["textDocument/documentHighlight"] = feature(documentHighlight);
  requests_["textDocument/prepareRename"] = feature(prepareRename);
  requests_["textDocument/rename"] = feature(rename);
  requests_["textDocument/documentSymbol"] = feature(documentSymbol);
  requests_["workspace/symbol"] = feature(workspaceSymbol);
  requests_["textDocument/foldingRange"] = feature(foldingRange);
  requests_["textDocument/semanticTokens/full"] = feature(semanticTokensFull);
  requests_["textDocument/semanticTokens/full/delta"] = feature(semanticTokensDelta);
  requests_["textDocument/formatting"] = feature(formatting);
  requests_["textDocument/rangeFormatting"] = feature(rangeFormatting);
  requests_["textDocument/codeAction"] = feature(codeAction);
  requests_["textDocument/inlayHint"] = feature(inlayHint);
  requests_["textDocument/completion"] = feature(completion);
  requests_["textDocument/codeLens"] = feature(codeLens);
  notifications_["initialized"] = [](const json&) {};
  notifications_["exit"] = [this](const json&) { exited_ = true; };
  notifications_["textDocument/didOpen"] = [this](const json& p) { didOpen(p); };
  notifications_["textDocument/didChange"] = [this](const json& p) { didChange(p); };
  notifications_["textDocument/didClose"] = [this](const json& p) { didClose(p); };
  notifications_["textDocument/didSave"] = [](const json&) {};
  notifications_["$/cancelRequest"] = [this](const json& p) {
    // When reading ahead, readAhead() has applied it already.
    if (!readingAhead_ && p.is_object() && p.contains("id") && cancelled_.size() < 4096)
      cancelled_.insert(p["id"].dump());
  };
}

int Server::run() {
  using Clock = std::chrono::steady_clock;
  readingAhead_ = true;
  while (!exited_) {
    readAhead();
    if (dirtySince_) {
      auto owed =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - *dirtySince_);
      bool overdue = owed.count() >= options_.maxDelayMilliseconds;
      if (transport_.synchronous() || overdue ||
          (pending_.empty() && !transport_.waitForInput(options_.debounceMilliseconds)))
        publishDiagnostics();
      else
        readAhead();  // a message arrived while waiting
    }
    if (pending_.empty()) {
      auto message = transport_.read();
      if (!message) break;
      handleMessage(*message);
      continue;
    }
    json message = std::move(pending_.front());
    pending_.pop_front();
    handleParsed(message);
  }
  readingAhead_ = false;
  return exited_ && shutdown_ ? 0 : 1;
}

void Server::readAhead() {
  std::size_t first = pending_.size();
  while (auto bytes = transport_.readIfReady())
    pending_.push_back(json::parse(*bytes, nullptr, /*allow_exceptions=*/false));
  // After the whole batch: a cancel may come before its request within it.
  for (std::size_t i = first; i < pending_.size(); ++i) noteCancel(pending_[i]);
}

void Server::noteCancel(const json& message) {
  if (!message.is_object() || message.value("method", json()) != "$/cancelRequest" ||
      !message.contains("params") || !message["params"].is_object() ||
      !message["params"].contains("id"))
    return;
  // Only a request still queued or running is cancelled: cancels for
  // answered requests (editors send many) must not pile up.
  std::string id = message["params"]["id"].dump();
  bool live =
      running_ == id || std::any_of(pending_.begin(), pending_.end(), [&](const json& m) {
        return m.is_object() && m.contains("method") && m.contains("id") && m["id"].dump() == id;
      });
  if (live) cancelled_.insert(id);
}

void Server::handleMessage(const std::string& bytes) {
  handleParsed(json::parse(bytes, nullptr, /*allow_exceptions=*/false));
}

void Server::handleParsed(const json& message) {
  if (message.is_discarded()) return replyError(nullptr, ErrorCode::ParseError, "invalid JSON");
  if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
    // A response to a request of ours (we send none) or junk.
    if (message.is_object() && message.contains("id") && !message.contains("result") &&
        !message.contains("error"))
      replyError(message["id"], ErrorCode::InvalidRequest, "a request needs a method");
    return;
  }
  const std::string method = message["method"].get<std::string>();
  json params = message.contains("params") ? message["params"] : json::object();
  if (message.contains("id")) {
    const json& id = message["id"];
    if (!id.is_string() && !id.is_number_integer())
      return replyError(nullptr, ErrorCode::InvalidRequest, "a request id is a number or a string");
    handleRequest(id, method, params);
  } else {
    handleNotification(method, params);
  }
}

void Server::handleRequest(const json& id, const std::string& method, const json& params) {
  if (cancelled_.erase(id.dump())) return replyError(id, ErrorCode::RequestCancelled, "cancelled");
  if (!initialized_ && method != "initialize")
    return replyError(id, ErrorCode::ServerNotInitialized, "initialize first");
  if (shutdown_) return replyError(id, ErrorCode::InvalidRequest, "the server is shut down");
  auto handler = requests_.find(method);
  if (handler == requests_.end())
    return replyError(id, ErrorCode::MethodNotFound, "no method " + method);
  running_ = id.dump();
  try {
    json result = handler->second(params);
    // A cancellation that arrived while the handler ran wins over its result.
    if (readingAhead_) readAhead();
    running_.reset();
    if (cancelled_.erase(id.dump()))
      return replyError(id, ErrorCode::RequestCancelled, "cancelled");
    reply(id, std::move(result));
  } catch (const LspError& e) {
    running_.reset();
    replyError(id, e.code, e.what());
  } catch (const std::exception& e) {
    running_.reset();
    replyError(id, ErrorCode::InternalError, e.what());
  }
}

void Server::handleNotification(const std::string& method, const json& params) {
  if (!initialized_ && method != "exit") return;  // dropped, as the specification says
  auto handler = notifications_.find(method);
  if (handler == notifications_.end()) return;  // $/ and unknown notifications are ignored
  try {
    handler->second(params);
  } catch (const std::exception& e) {
    // Notifications have no reply; say why in the client's log.
    transport_.write({{"jsonrpc", "2.0"},
                      {"method", "window/logMessage"},
                      {"params", {{"type", 1}, {"message", method + ": " + e.what()}}}});
  }
}

void Server::reply(const json& id, json result) {
  transport_.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::replyError(const json& id, ErrorCode code, const std::string& message) {
  transport_.write({{"jsonrpc", "2.0"},
                    {"id", id},
                    {"error", {{"code", static_cast<int>(code)}, {"message", message}}}});
}

namespace {

// The folders of initialize: workspaceFolders, else rootUri, else rootPath.
std::vector<std::string> workspaceFolders(const json& params) {
  std::vector<std::string> out;
  if (!params.is_object()) return out;
  auto add = [&](const json& uri) {
    if (!uri.is_string()) return;
    if (auto path = pathOfUri(uri.get<std::string>())) out.push_back(*path);
  };
  if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array())
    for (const json& folder : params["workspaceFolders"])
      if (folder.is_object() && folder.contains("uri")) add(folder["uri"]);
  if (out.empty() && params.contains("rootUri")) add(params["rootUri"]);
  if (out.empty() && params.contains("rootPath") && params["rootPath"].is_string())
    out.push_back(params["rootPath"].get<std::string>());
  return out;
}

}  // namespace

json Server::initialize(const json& params) {
  if (initialized_) throw LspError(ErrorCode::InvalidRequest, "already initialized");
  initialized_ = true;
  encoding_ = Encoding::Utf16;
  if (params.is_object() && params.contains("capabilities")) {
    const json& caps = params["capabilities"];
    if (caps.is_object() && caps.contains("general") && caps["general"].is_object() &&
        caps["general"].contains("positionEncodings") &&
        caps["general"]["positionEncodings"].is_array())
      for (const json& e : caps["general"]["positionEncodings"])
        if (e == "utf-8") encoding_ = Encoding::Utf8;
  }
  if (params.is_object() && params.contains("initializationOptions") &&
      params["initializationOptions"].is_object() &&
      params["initializationOptions"].contains("inventories") &&
      params["initializationOptions"]["inventories"].is_array())
    for (const json& path : params["initializationOptions"]["inventories"])
      if (path.is_string()) options_.inventories.push_back(path.get<std::string>());
  workspace_.setFolders(workspaceFolders(params));
  json capabilities = {
      {"positionEncoding", encoding_ == Encoding::Utf8 ? "utf-8" : "utf-16"},
      {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", false}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"declarationProvider", true},
      {"referencesProvider", true},
      {"documentHighlightProvider", true},
      {"renameProvider", {{"prepareProvider", true}}},
      {"documentSymbolProvider", true},
      {"workspaceSymbolProvider", true},
      {"foldingRangeProvider", true},
      {"semanticTokensProvider",
       {{"legend", semanticTokensLegend()}, {"full", {{"delta", true}}}, {"range", false}}},
      {"documentFormattingProvider", true},
      {"documentRangeFormattingProvider", true},
      {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
      {"inlayHintProvider", true},
      {"codeLensProvider", {{"resolveProvider", false}}},
      {"completionProvider", {{"triggerCharacters", {"{", ":", ".", "$", " ", ">"}}}},
  };
  return {{"capabilities", capabilities},
          {"serverInfo", {{"name", "magicc"}, {"version", MAGICC_LSP_VERSION}}}};
}

void Server::markChanged() {
  if (!dirtySince_) dirtySince_ = std::chrono::steady_clock::now();
}

void Server::didOpen(const json& params) {
  const json& doc = required<json>(params, "textDocument");
  workspace_.open(required<std::string>(doc, "uri"), required<std::string>(doc, "text"),
                  doc.contains("version") && doc["version"].is_number_integer()
                      ? doc["version"].get<std::int64_t>()
                      : 0);
  published_.erase(required<std::string>(doc, "uri"));  // always tell a fresh document
  markChanged();
}

void Server::didChange(const json& params) {
  const json& doc = required<json>(params, "textDocument");
  std::string uri = required<std::string>(doc, "uri");
  auto changes = required<std::vector<ContentChange>>(params, "contentChanges");
  workspace_.change(uri, changes,
                    doc.contains("version") && doc["version"].is_number_integer()
                        ? doc["version"].get<std::int64_t>()
                        : 0,
                    encoding_);
  published_.erase(uri);
  markChanged();
}

void Server::didClose(const json& params) {
  std::string uri = documentUri(params);
  workspace_.close(uri);
  published_.erase(uri);
  semanticTokens_.last.erase(uri);
  // A closed document's diagnostics are cleared.
  transport_.write({{"jsonrpc", "2.0"},
                    {"method", "textDocument/publishDiagnostics"},
                    {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
  markChanged();
}

void Server::publishDiagnostics() {
  dirtySince_.reset();
  for (const std::string& uri : workspace_.uris()) {
    json diagnostics;
    try {
      diagnostics = diagnosticsOf(workspace_.analysis(uri), encoding_);
    } catch (const std::exception& e) {
      diagnostics = json::array();
    }
    auto last = published_.find(uri);
    if (last != published_.end() && last->second == diagnostics) continue;
    json params = {{"uri", uri}, {"diagnostics", diagnostics}};
    if (const Document* d = workspace_.find(uri)) params["version"] = d->version;
    transport_.write(
        {{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", params}});
    published_[uri] = std::move(diagnostics);
  }
}

}  // namespace magicc::lsp
