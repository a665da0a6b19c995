// HTTP messages as the servers and clients of magicc see them: Beast's
// string-bodied request and response, and the JSON answers every server
// gives (`{"error": "404 Not Found", "message": "..."}`, make-magic's shape).
#pragma once

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace magicc::http {

namespace bhttp = boost::beast::http;
using Status = bhttp::status;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

// "404 Not Found": the status line a JSON error names.
std::string statusLine(Status status);

// A response to `request` (its version and keep-alive) with `body`.
Response textResponse(const Request& request, Status status, std::string body,
                      std::string_view contentType = "text/plain; charset=utf-8");
Response jsonResponse(const Request& request, Status status, const nlohmann::json& body);
Response jsonError(const Request& request, Status status, std::string_view message);

}  // namespace magicc::http
