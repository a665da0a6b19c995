#include "http/Message.h"

namespace magicc::http {

std::string statusLine(Status status) {
  return std::to_string(static_cast<unsigned>(status)) + " " +
         std::string(bhttp::obsolete_reason(status));
}

Response textResponse(const Request& request, Status status, std::string body,
                      std::string_view contentType) {
  Response response{status, request.version()};
  response.set(bhttp::field::content_type,
               boost::beast::string_view(contentType.data(), contentType.size()));
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response jsonResponse(const Request& request, Status status, const nlohmann::json& body) {
  // Replace invalid UTF-8 rather than throw: a file name or a command's
  // output is not always text.
  return textResponse(request, status,
                      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                      "application/json");
}

Response jsonError(const Request& request, Status status, std::string_view message) {
  return jsonResponse(request, status,
                      {{"error", statusLine(status)}, {"message", std::string(message)}});
}

}  // namespace magicc::http
