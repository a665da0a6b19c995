// The LSP structures the server speaks, with their JSON forms
// (nlohmann's to_json/from_json, found by argument-dependent lookup).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lsp/Positions.h"

namespace magicc::lsp {

using nlohmann::json;

// JSON-RPC and LSP error codes.
enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
  RequestCancelled = -32800,
};

// A handler throws this to answer with an error; anything else thrown is an
// internal error. The server never dies of either.
struct LspError : std::runtime_error {
  LspError(ErrorCode c, const std::string& message) : std::runtime_error(message), code(c) {}
  ErrorCode code;
};

void to_json(json& j, const Position& p);
void from_json(const json& j, Position& p);
void to_json(json& j, const Range& r);
void from_json(const json& j, Range& r);

struct Location {
  std::string uri;
  Range range;
};
void to_json(json& j, const Location& l);

struct TextEdit {
  Range range;
  std::string newText;
};
void to_json(json& j, const TextEdit& e);

// didChange: a range replaced, or the whole text when range is absent.
struct ContentChange {
  std::optional<Range> range;
  std::string text;
};
void from_json(const json& j, ContentChange& c);

// The value of a required member, as an InvalidParams error when missing or
// of the wrong type.
template <typename T>
T required(const json& object, const char* member) {
  if (!object.is_object() || !object.contains(member))
    throw LspError(ErrorCode::InvalidParams, std::string("missing \"") + member + "\"");
  try {
    return object.at(member).get<T>();
  } catch (const json::exception&) {
    throw LspError(ErrorCode::InvalidParams, std::string("bad \"") + member + "\"");
  }
}

// params.textDocument.uri
std::string documentUri(const json& params);
// params.position
Position positionOf(const json& params);

}  // namespace magicc::lsp
