// file:// URIs <-> paths (RFC 8089 as editors send them: percent-encoded).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace magicc::lsp {

// The absolute path of a file URI; nullopt for other schemes or bad escapes.
std::optional<std::string> pathOfUri(std::string_view uri);
std::string uriOfPath(std::string_view path);

}  // namespace magicc::lsp
