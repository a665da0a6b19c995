#include "lsp/Protocol.h"

#include <algorithm>
#include <cstdint>

namespace magicc::lsp {

void to_json(json& j, const Position& p) {
  j = json{{"line", p.line}, {"character", p.character}};
}

namespace {

// A non-negative integer that fits; anything else (a float such as 1e99 too,
// whose conversion would be undefined) is a bad request.
std::uint32_t coordinate(const json& j) {
  if (!j.is_number_integer())
    throw LspError(ErrorCode::InvalidParams, "a position is two integers");
  if (j.is_number_unsigned())
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(j.get<std::uint64_t>(), UINT32_MAX));
  std::int64_t v = j.get<std::int64_t>();
  if (v < 0) throw LspError(ErrorCode::InvalidParams, "a position is never negative");
  return static_cast<std::uint32_t>(std::min<std::int64_t>(v, UINT32_MAX));
}

}  // namespace

void from_json(const json& j, Position& p) {
  p.line = coordinate(j.at("line"));
  p.character = coordinate(j.at("character"));
}

void to_json(json& j, const Range& r) {
  j = json{{"start", r.start}, {"end", r.end}};
}

void from_json(const json& j, Range& r) {
  r.start = j.at("start").get<Position>();
  r.end = j.at("end").get<Position>();
}

void to_json(json& j, const Location& l) {
  j = json{{"uri", l.uri}, {"range", l.range}};
}

void to_json(json& j, const TextEdit& e) {
  j = json{{"range", e.range}, {"newText", e.newText}};
}

void from_json(const json& j, ContentChange& c) {
  if (j.contains("range")) c.range = j.at("range").get<Range>();
  c.text = j.at("text").get<std::string>();
}

std::string documentUri(const json& params) {
  return required<std::string>(required<json>(params, "textDocument"), "uri");
}

Position positionOf(const json& params) {
  return required<Position>(params, "position");
}

}  // namespace magicc::lsp
