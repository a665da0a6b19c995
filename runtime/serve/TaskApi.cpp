#include "serve/TaskApi.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <set>

namespace magicc::serve {

namespace {

constexpr int kMaxJsonDepth = 64;
const std::set<std::string> kStates = {"INCOMPLETE", "IN_PROGRESS", "COMPLETE", "FAILED",
                                       "CANNOT_AUTOMATE"};

ApiResponse json(Json body, unsigned status = 200) {
  ApiResponse r;
  r.status = status;
  r.json = std::move(body);
  return r;
}

ApiResponse error(unsigned status, const std::string& message) {
  ApiResponse r;
  r.status = status;
  r.kind = ApiResponse::Kind::Error;
  // A name from the path may be any bytes: the message stays valid UTF-8.
  r.text = Json::parse(Json(message).dump(-1, ' ', false, Json::error_handler_t::replace))
               .get<std::string>();
  return r;
}

ApiResponse text(std::string body) {
  ApiResponse r;
  r.kind = ApiResponse::Kind::Text;
  r.text = std::move(body);
  return r;
}

ApiResponse methodNotAllowed() {
  return error(405, "The method is not allowed for this resource.");
}

// make-magic's KeyError texts (Python prints the key quoted).
ApiResponse noTask(const std::string& uuid) {
  return error(404, "'uuid " + uuid + " not found'");
}
ApiResponse noItem(const std::string& uuid, const std::string& name) {
  return error(404, "'" + uuid + "/" + name + "'");
}

struct TooDeep {};

// The body as JSON; depth bounded while parsing, so nothing deeper is built.
std::optional<Json> parseBody(const std::string& body, std::string& why) {
  try {
    return Json::parse(body, [](int depth, Json::parse_event_t, Json&) {
      if (depth > kMaxJsonDepth) throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    why = "the JSON is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
  } catch (const Json::exception&) {
    // Bad syntax, and numbers out of range (1e999).
    why = "No JSON object could be decoded";
  }
  return std::nullopt;
}

// A field name the stores can address: SQLite's JSON paths end a quoted
// label at `"` and refuse control characters.
bool addressable(const std::string& name) {
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return c == '"' || static_cast<unsigned char>(c) < 0x20; });
}
constexpr const char* kBadFieldName = "field names may not contain '\"' or control characters";

// A JSON object body, or an error answer in `out`.
std::optional<Json> objectBody(const std::string& body, std::optional<ApiResponse>& out) {
  std::string why;
  auto parsed = parseBody(body, why);
  if (!parsed) {
    out = error(400, why);
    return std::nullopt;
  }
  if (!parsed->is_object()) {
    out = error(400, "the body must be a JSON object");
    return std::nullopt;
  }
  for (auto it = parsed->begin(); it != parsed->end(); ++it)
    if (!addressable(it.key())) {
      out = error(400, kBadFieldName);
      return std::nullopt;
    }
  return parsed;
}

// "30s", "500ms", "2m" or plain seconds; capped at kMaxWait. Nothing when bad.
std::optional<std::chrono::milliseconds> parseWait(const std::string& textValue) {
  if (textValue.empty()) return std::chrono::milliseconds{0};
  long long n = 0;
  const char* end = textValue.data() + textValue.size();
  auto [p, ec] = std::from_chars(textValue.data(), end, n);
  if (ec != std::errc() || n < 0) return std::nullopt;
  std::string unit(p, end);
  std::chrono::milliseconds ms;
  if (unit.empty() || unit == "s")
    ms = std::chrono::seconds(std::min<long long>(n, kMaxWait.count()));
  else if (unit == "ms")
    ms = std::chrono::milliseconds(std::min<long long>(n, 60'000));
  else if (unit == "m")
    ms = std::chrono::minutes(std::min<long long>(n, 1));
  else
    return std::nullopt;
  return std::min<std::chrono::milliseconds>(ms, kMaxWait);
}

Json itemJson(const ItemSpec& spec) {
  Json item;
  item["state"] = "INCOMPLETE";
  item["name"] = spec.name;
  if (!spec.depends.empty()) item["depends"] = spec.depends;
  if (!spec.description.empty()) item["description"] = spec.description;
  if (!spec.run.empty()) item["run"] = spec.run;
  return item;
}

}  // namespace

std::string newUuid() {
  std::array<unsigned char, 16> b;
  randombytes_buf(b.data(), b.size());
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

TaskApi::TaskApi(TaskStore& store, TaskFactory factory)
    : store_(store), factory_(std::move(factory)) {}

namespace {

struct Router {
  TaskStore& store;
  const TaskFactory& factory;
  TaskApi::Counters& counters;
  const ApiRequest& req;

  ApiResponse route() {
    auto seg = req.segments;
    if (seg.empty() || (seg.size() == 1 && seg[0].empty())) {
      if (req.method != "GET") return methodNotAllowed();
      return text(
          "make magic httpd API is running and happy\n"
          "\t\t/task/\t\tGET: list tasks\n"
          "\t\t/task/\t\tPOST: create new task  (takes { 'requirements': [] } at minimum)\n"
          "\t\t/task/uuid/\tGET: show task\n");
    }
    if (seg[0] != "task") return error(404, "The path '/" + seg[0] + "' was not found.");
    // A trailing "/" names the same resource.
    if (seg.size() > 2 && seg.back().empty()) seg.pop_back();
    if (seg.size() == 1 || (seg.size() == 2 && seg[1].empty())) {
      if (req.method != "GET") return methodNotAllowed();
      return json(Json(store.tasks()));
    }
    if (seg.size() == 2 && seg[1] == "create") {
      if (req.method != "POST") return methodNotAllowed();
      return create();
    }
    const std::string& uuid = seg[1];
    if (seg.size() == 2) {
      if (req.method == "GET") {
        auto t = store.task(uuid);
        return t ? json(std::move(*t)) : noTask(uuid);
      }
      if (req.method == "DELETE") {
        store.remove(uuid);  // make-magic answers {} for an unknown task too
        return json(Json::object());
      }
      return methodNotAllowed();
    }
    if (seg.size() == 3 && seg[2] == "available") {
      if (req.method != "GET") return methodNotAllowed();
      return available(uuid);
    }
    if (seg.size() == 3 && seg[2] == "metadata" && (req.method == "GET" || req.method == "POST"))
      return metadata(uuid);
    if (seg.size() == 3 && seg[2] == "claim" && req.method == "POST") return claim(uuid);
    if (seg.size() == 3) {
      if (req.method == "GET") {
        auto item = store.item(uuid, seg[2]);
        return item ? json(std::move(*item)) : noItem(uuid, seg[2]);
      }
      if (req.method == "POST") return updateItem(uuid, seg[2]);
      return methodNotAllowed();
    }
    if (seg.size() == 4) {
      if (seg[3] != "state" || req.method != "GET") return methodNotAllowed();
      auto item = store.item(uuid, seg[2]);
      if (!item) return noItem(uuid, seg[2]);
      auto state = item->find("state");
      return text(state != item->end() && state->is_string() ? state->get<std::string>()
                                                             : std::string());
    }
    return error(404, "The path '/" + seg[0] + "/" + seg[1] + "/...' was not found.");
  }

  ApiResponse create() {
    std::optional<ApiResponse> bad;
    auto body = objectBody(req.body, bad);
    if (!body) return *bad;
    auto reqs = body->find("requirements");
    if (reqs == body->end()) return error(400, "No requirements supplied to create task");
    if (!reqs->is_array() ||
        !std::all_of(reqs->begin(), reqs->end(), [](const Json& r) { return r.is_string(); }))
      return error(400, "requirements must be a list of strings");
    std::vector<std::string> requirements = reqs->get<std::vector<std::string>>();
    NewTask task;
    task.uuid = newUuid();
    for (const ItemSpec& spec : factory(requirements)) task.items.push_back(itemJson(spec));
    task.metadata = std::move(*body);
    task.metadata["uuid"] = task.uuid;
    task.metadata["metadata"] = true;
    store.create(task);
    ++counters.created;
    auto created = store.task(task.uuid);
    return created ? json(std::move(*created)) : noTask(task.uuid);
  }

  std::optional<std::chrono::milliseconds> waitOf(std::optional<ApiResponse>& bad) {
    auto it = req.query.find("wait");
    auto wait = parseWait(it == req.query.end() ? std::string() : it->second);
    if (!wait) bad = error(400, "wait must be a duration such as 30s or 500ms");
    return wait;
  }

  ApiResponse available(const std::string& uuid) {
    std::optional<ApiResponse> bad;
    auto wait = waitOf(bad);
    if (!wait) return *bad;
    auto ready = store.available(uuid);
    if (!ready) return noTask(uuid);
    ApiResponse r = json(Json(std::move(*ready)));
    if (r.json.empty()) {
      r.task = uuid;
      r.wait = *wait;
    }
    return r;
  }

  ApiResponse metadata(const std::string& uuid) {
    if (req.method == "GET") {
      auto m = store.metadata(uuid);
      return m ? json(std::move(*m)) : noTask(uuid);
    }
    std::optional<ApiResponse> bad;
    auto body = objectBody(req.body, bad);
    if (!body) return *bad;
    if (auto u = body->find("uuid"); u != body->end() && *u != Json(uuid))
      return error(400, "cannot change uuid for a task");
    auto m = store.updateMetadata(uuid, *body);
    return m ? json(std::move(*m)) : noTask(uuid);
  }

  ApiResponse updateItem(const std::string& uuid, const std::string& name) {
    std::optional<ApiResponse> bad;
    auto body = objectBody(req.body, bad);
    if (!body) return *bad;
    for (const char* fixed : {"name", "depends", "if"})
      if (body->contains(fixed))
        return error(400, std::string("cannot modify item attribute \"") + fixed + "\"");
    Json onlyif = Json::object();
    if (auto it = body->find("onlyif"); it != body->end()) {
      if (!it->is_object()) return error(400, "can only set \"onlyif\" to a dictionary");
      for (auto g = it->begin(); g != it->end(); ++g)
        if (!addressable(g.key())) return error(400, kBadFieldName);
      onlyif = *it;
      body->erase(it);
    }
    if (auto s = body->find("state");
        s != body->end() && (!s->is_string() || !kStates.count(s->get<std::string>())))
      return error(
          400, "can only change state to INCOMPLETE,IN_PROGRESS,COMPLETE,FAILED,CANNOT_AUTOMATE");
    auto item = store.updateItem(uuid, name, *body, onlyif);
    return item ? json(std::move(*item)) : noItem(uuid, name);
  }

  ApiResponse claim(const std::string& uuid) {
    std::optional<ApiResponse> bad;
    auto wait = waitOf(bad);
    if (!wait) return *bad;
    Json body = Json::object();
    if (!req.body.empty()) {
      auto parsed = objectBody(req.body, bad);
      if (!parsed) return *bad;
      body = std::move(*parsed);
    }
    Json token = body.value("token", Json());
    if (token.is_null()) {
      std::uint64_t n = 0;
      randombytes_buf(&n, sizeof n);
      token = (n >> 16) + 1;  // below 2**48, as mclient's tokens
    }
    ClaimFilter filter;
    if (auto o = body.find("only"); o != body.end()) {
      if (!o->is_array() ||
          !std::all_of(o->begin(), o->end(), [](const Json& n) { return n.is_string(); }))
        return error(400, "only must be a list of item names");
      filter.only = o->get<std::vector<std::string>>();
    }
    if (auto c = body.find("with_command"); c != body.end()) {
      if (!c->is_boolean()) return error(400, "with_command must be true or false");
      filter.withCommand = c->get<bool>();
    }
    auto item = store.claim(uuid, token, filter);
    if (!item) return noTask(uuid);
    if (item->is_null()) {
      ApiResponse r;
      r.status = 204;
      r.kind = ApiResponse::Kind::Empty;
      r.task = uuid;
      r.wait = *wait;
      return r;
    }
    ++counters.claimed;
    return json(std::move(*item));
  }
};

}  // namespace

ApiResponse TaskApi::handle(const ApiRequest& request) {
  try {
    return Router{store_, factory_, counters_, request}.route();
  } catch (const StoreError& e) {
    return error(503, e.what());
  } catch (const std::exception& e) {
    return error(500, e.what());
  }
}

}  // namespace magicc::serve
