#include "lsp/Protocol.h"

namespace magicc::lsp {

void to_json(json& j, const Position& p) {
  j = json{{"line", p.line}, {"character", p.character}};
}

void from_json(const json& j, Position& p) {
  p.line = j.at("line").get<std::uint32_t>();
  p.character = j.at("character").get<std::uint32_t>();
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
