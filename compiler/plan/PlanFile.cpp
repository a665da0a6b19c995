#include "plan/PlanFile.h"

#include <fmt/format.h>

#include <cstdint>
#include <fstream>
#include <sstream>

#include "support/Json.h"

namespace magicc::plan {

namespace {

const char* kindOf(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
      return v.get<std::int64_t>() < 0 ? "a negative integer" : "an integer";
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a float";
    default:
      return "something else";
  }
}

bool isCount(const Json& v) {
  return v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
}

// Walks the document with the path of what it looks at; the first mismatch
// is the error. Nesting is bounded by the parser, so the walk is shallow.
class Checker {
 public:
  std::string error;

  bool expect(bool ok, const std::string& path, const char* want, const Json* v) {
    if (ok || !error.empty()) return ok && error.empty();
    error = v ? fmt::format("{} must be {}, not {}", path, want, kindOf(*v))
              : fmt::format("{} is missing ({} expected)", path, want);
    return false;
  }
  // obj[key]; null when absent (and then an error unless optional).
  const Json* field(const Json& obj, const std::string& path, const char* key, const char* want,
                    bool optional = false) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (!optional) expect(false, path + "." + key, want, nullptr);
      return nullptr;
    }
    return &*it;
  }
  bool string(const Json& obj, const std::string& path, const char* key, bool optional = false) {
    const Json* v = field(obj, path, key, "a string", optional);
    return v ? expect(v->is_string(), path + "." + key, "a string", v) : optional;
  }
  bool boolean(const Json& obj, const std::string& path, const char* key, bool optional = false) {
    const Json* v = field(obj, path, key, "a boolean", optional);
    return v ? expect(v->is_boolean(), path + "." + key, "a boolean", v) : optional;
  }
  bool count(const Json& obj, const std::string& path, const char* key) {
    const Json* v = field(obj, path, key, "a non-negative integer");
    return v && expect(isCount(*v), path + "." + key, "a non-negative integer", v);
  }
  bool strings(const Json& v, const std::string& path) {
    if (!expect(v.is_array(), path, "an array of strings", &v)) return false;
    for (std::size_t i = 0; i < v.size(); ++i)
      if (!expect(v[i].is_string(), fmt::format("{}[{}]", path, i), "a string", &v[i]))
        return false;
    return true;
  }
  bool strings(const Json& obj, const std::string& path, const char* key) {
    const Json* v = field(obj, path, key, "an array of strings");
    return v && strings(*v, path + "." + key);
  }
  bool stringLists(const Json& obj, const std::string& path, const char* key) {
    const Json* v = field(obj, path, key, "an array of arrays of strings");
    if (!v || !expect(v->is_array(), path + "." + key, "an array of arrays of strings", v))
      return false;
    for (std::size_t i = 0; i < v->size(); ++i)
      if (!strings((*v)[i], fmt::format("{}.{}[{}]", path, key, i))) return false;
    return true;
  }
  // obj[key] as an array of objects, each checked by `each`.
  template <class Each>
  bool objects(const Json& obj, const std::string& path, const char* key, Each each) {
    const Json* v = field(obj, path, key, "an array of objects");
    if (!v || !expect(v->is_array(), path + "." + key, "an array of objects", v)) return false;
    for (std::size_t i = 0; i < v->size(); ++i) {
      std::string at = fmt::format("{}.{}[{}]", path, key, i);
      if (!expect((*v)[i].is_object(), at, "an object", &(*v)[i]) || !each((*v)[i], at))
        return false;
    }
    return true;
  }

  // A file node's source: or template:, when it has one.
  bool readFrom(const Json& node, const std::string& path, const char* key) {
    const Json* v = field(node, path, key, "an object", true);
    if (!v) return true;
    return expect(v->is_object(), path + "." + key, "an object", v) &&
           string(*v, path + "." + key, "path") && string(*v, path + "." + key, "sha256");
  }

  bool target(const Json& t, const std::string& p) {
    if (!string(t, p, "target") || !string(t, p, "address", true) || !strings(t, p, "requirements"))
      return false;
    if (const Json* vars = field(t, p, "vars", "an object", true)) {
      if (!expect(vars->is_object(), p + ".vars", "an object", vars)) return false;
      for (const auto& [k, v] : vars->items())
        if (!expect(v.is_string(), p + ".vars." + k, "a string", &v)) return false;
    }
    bool ok = objects(t, p, "nodes", [&](const Json& n, const std::string& at) {
      return string(n, at, "name") && string(n, at, "type") && strings(n, at, "depends") &&
             string(n, at, "kind", true) && string(n, at, "if", true) &&
             string(n, at, "run", true) && string(n, at, "command", true) &&
             readFrom(n, at, "source") && readFrom(n, at, "template");
    });
    ok = ok && objects(t, p, "filtered", [&](const Json& f, const std::string& at) {
           return string(f, at, "name") && string(f, at, "reason");
         });
    ok = ok && objects(t, p, "flows", [&](const Json& f, const std::string& at) {
           return string(f, at, "from") && string(f, at, "to") && boolean(f, at, "sensitive");
         });
    ok = ok && stringLists(t, p, "waves");
    const Json* counts = ok ? field(t, p, "counts", "an object") : nullptr;
    return counts && expect(counts->is_object(), p + ".counts", "an object", counts) &&
           count(*counts, p + ".counts", "items") && count(*counts, p + ".counts", "resources") &&
           count(*counts, p + ".counts", "edges");
  }

  bool pipeline(const Json& pl, const std::string& p) {
    if (!expect(pl.is_object(), p, "an object", &pl) || !string(pl, p, "name")) return false;
    const Json* params = field(pl, p, "params", "an object");
    if (!params || !expect(params->is_object(), p + ".params", "an object", params)) return false;
    return objects(pl, p, "stages", [&](const Json& s, const std::string& at) {
      if (!string(s, at, "name") || !string(s, at, "on", true) || !string(s, at, "run", true) ||
          !boolean(s, at, "local", true))
        return false;
      if (!objects(s, at, "tasks", [&](const Json& t, const std::string& task) {
            return string(t, task, "command", true);
          }))
        return false;
      bool local = s.contains("local") && s.at("local").get<bool>();
      return (local && !s.contains("batches")) || stringLists(s, at, "batches");
    });
  }

  bool plan(const Json& doc) {
    if (!expect(doc.is_object(), "the plan", "an object", &doc)) return false;
    const Json* version = field(doc, "", "version", "1");
    if (!version) {
      error = "version is missing";
      return false;
    }
    if (!isCount(*version) || version->get<std::uint64_t>() != kPlanVersion) {
      error = fmt::format("version must be {}, not {}", kPlanVersion,
                          version->is_number() ? version->dump() : kindOf(*version));
      return false;
    }
    if (!string(doc, "", "source", true) || !string(doc, "", "source_hash", true)) return false;
    if (!objects(doc, "", "targets",
                 [&](const Json& t, const std::string& at) { return target(t, at); }))
      return false;
    if (const Json* pl = field(doc, "", "pipeline", "an object", true))
      if (!pipeline(*pl, "pipeline")) return false;
    if (const Json* inv = field(doc, "", "invocation", "an object", true))
      if (!expect(inv->is_object(), "invocation", "an object", inv)) return false;
    return true;
  }
};

}  // namespace

std::string checkPlan(const Json& doc) {
  Checker checker;
  checker.plan(doc);
  // Paths are built as ".targets[0].target"; the leading dot is noise.
  if (!checker.error.empty() && checker.error[0] == '.') checker.error.erase(0, 1);
  return checker.error;
}

PlanFile parsePlan(std::string_view text) {
  PlanFile out;
  auto parsed = support::parseJson<Json>(text);
  if (!parsed.value) {
    out.error = parsed.error;
    return out;
  }
  if (std::string why = checkPlan(*parsed.value); !why.empty()) {
    out.error = "not a magicc plan: " + why;
    return out;
  }
  out.doc = std::move(parsed.value);
  return out;
}

PlanFile readPlanFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PlanFile out;
    out.error = fmt::format("cannot read '{}'", path);
    out.unreadable = true;
    return out;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parsePlan(text.str());
}

bool isPlanFile(const std::string& path) {
  if (path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0) return true;
  // `plan -o myplan` writes JSON whatever the name; no program starts with '{'.
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c))
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') return c == '{';
  return false;
}

}  // namespace magicc::plan
