// libFuzzer target: any sequence of requests to make-magic's task API
// (runtime/serve/TaskApi.h) over a real SQLite store in memory gets an
// answer, a JSON error for what it cannot take, never a crash, a hang or
// unbounded recursion. Input: requests separated by a line "---", each a
// line "METHOD TARGET" and then the body. "@" in a target stands for the
// uuid of the last task created, so sequences reach the item routes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/Target.h"
#include "serve/SqliteTaskStore.h"
#include "serve/TaskApi.h"

namespace {

std::vector<magicc::serve::ItemSpec> items(const std::vector<std::string>& requirements) {
  std::vector<magicc::serve::ItemSpec> out = {
      {"TaskComplete", {"b"}, "", ""}, {"a", {}, "first", "echo ${x}"}, {"b", {"a"}, "", ""}};
  for (const auto& r : requirements) out.push_back({r, {"a"}, "", ""});
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace magicc::serve;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  SqliteTaskStore store(":memory:");
  TaskApi api(store, items);
  std::string uuid = "none";
  std::size_t at = 0;
  for (int n = 0; n < 64 && at <= input.size(); ++n) {
    std::size_t end = input.find("\n---\n", at);
    std::string_view one = input.substr(at, end == std::string_view::npos ? end : end - at);
    at = end == std::string_view::npos ? input.size() + 1 : end + 5;
    std::size_t newline = one.find('\n');
    std::string_view line = one.substr(0, newline);
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos) continue;
    std::string target(line.substr(space + 1));
    for (std::size_t p; (p = target.find('@')) != std::string::npos;) target.replace(p, 1, uuid);
    auto parsed = magicc::http::parseTarget(target);
    if (!parsed) continue;
    ApiRequest request;
    request.method = std::string(line.substr(0, space));
    request.segments = parsed->segments;
    request.query = parsed->query;
    if (newline != std::string_view::npos) request.body = std::string(one.substr(newline + 1));
    ApiResponse r = api.handle(request);
    if (r.status >= 500) __builtin_trap();  // a client's request never fails the server
    if (r.kind == ApiResponse::Kind::Document) {
      (void)r.json.dump(1);
      if (r.json.is_object() && r.json.contains("metadata") && r.json["metadata"].is_object())
        if (auto u = r.json["metadata"].find("uuid");
            u != r.json["metadata"].end() && u->is_string())
          uuid = u->get<std::string>();
    }
  }
  return 0;
}
