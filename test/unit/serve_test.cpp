// make-magic's task API over a real SQLite task store: the QUICKSTART
// answers, the guarded update that only one of two workers wins, claims,
// TaskComplete completing itself, and a 4xx (never a crash) for every
// request make-magic answered with a traceback or null.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <set>
#include <thread>

#include "TempDir.h"
#include "serve/LongPolls.h"
#include "serve/SqliteTaskStore.h"
#include "serve/TaskApi.h"
#include "store/Sqlite.h"

namespace magicc::serve {
namespace {

namespace fs = std::filesystem;

using test::TempDir;

// make-magic's sample items, as the planner would hand them over.
std::vector<ItemSpec> breakfast(const std::vector<std::string>& reqs) {
  bool coffee = std::find(reqs.begin(), reqs.end(), "coffee") != reqs.end();
  std::vector<ItemSpec> items = {
      {"TaskComplete", {"go_to_work"}, "", ""},
      {"wake_up", {}, "", "echo awake"},
      {"get_up", {"wake_up"}, "", ""},
      {"make_breakfast", {"get_up"}, "", ""},
      {"eat_breakfast", {"make_breakfast"}, "", ""},
  };
  if (coffee) {
    items.push_back({"make_coffee", {"get_up"}, "", ""});
    items.push_back({"drink_coffee", {"make_coffee"}, "", ""});
    items.push_back({"walk_out_door", {"eat_breakfast", "get_up", "make_coffee"}, "", ""});
    items.push_back({"go_to_work",
                     {"drink_coffee", "eat_breakfast", "walk_out_door"},
                     "Leave to go to work",
                     ""});
  } else {
    items.push_back({"walk_out_door", {"eat_breakfast", "get_up"}, "", ""});
    items.push_back({"go_to_work", {"eat_breakfast", "walk_out_door"}, "Leave to go to work", ""});
  }
  return items;
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (true) {
    auto slash = path.find('/', start);
    out.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

struct ApiTest : ::testing::Test {
  TempDir dir;
  SqliteTaskStore store{(dir.path / "tasks.db").string()};
  TaskApi api{store, breakfast};

  ApiResponse call(const std::string& method, const std::string& path, std::string body = {}) {
    ApiRequest r;
    r.method = method;
    auto q = path.find('?');
    r.segments = split(path.substr(0, q));
    if (q != std::string::npos) {
      auto kv = path.substr(q + 1);
      r.query[kv.substr(0, kv.find('='))] = kv.substr(kv.find('=') + 1);
    }
    r.body = std::move(body);
    return api.handle(r);
  }
  std::string create(const std::string& body = R"({"requirements": ["coffee"]})") {
    auto r = call("POST", "/task/create", body);
    EXPECT_EQ(r.status, 200u) << r.text;
    return r.json["metadata"]["uuid"].get<std::string>();
  }
  std::vector<std::string> ready(const std::string& uuid) {
    std::vector<std::string> names;
    for (const auto& i : call("GET", "/task/" + uuid + "/available").json)
      names.push_back(i["name"].get<std::string>());
    return names;
  }
  void advance(const std::string& uuid, const std::string& item, const std::string& from,
               const std::string& to) {
    auto r = call("POST", "/task/" + uuid + "/" + item,
                  R"({"state": ")" + to + R"(", "_change_state_token": 7, "onlyif": {"state": ")" +
                      from + R"("}})");
    ASSERT_EQ(r.status, 200u);
    ASSERT_EQ(r.json["state"], to);
  }
};

TEST_F(ApiTest, QuickstartSession) {
  EXPECT_EQ(call("GET", "/task").json, Json::array());
  EXPECT_EQ(call("GET", "/task/").json, Json::array());
  auto r = call("POST", "/task/create", R"({"requirements": ["coffee"], "uuid": "mine", "x": 1})");
  ASSERT_EQ(r.status, 200u);
  std::string uuid = r.json["metadata"]["uuid"];
  EXPECT_NE(uuid, "mine");
  EXPECT_EQ(uuid.size(), 36u);
  EXPECT_EQ(r.json["metadata"]["metadata"], true);
  EXPECT_EQ(r.json["metadata"]["x"], 1);
  EXPECT_EQ(r.json["metadata"]["requirements"], Json::array({"coffee"}));
  EXPECT_EQ(r.json["items"].size(), 9u);
  EXPECT_EQ(r.json["items"][0], Json::parse(R"({"state": "INCOMPLETE", "name": "TaskComplete",
                                                "depends": ["go_to_work"]})"));
  EXPECT_FALSE(r.json["items"][1].contains("depends"));  // wake_up: no empty list
  EXPECT_FALSE(r.json["items"][1].contains("if"));

  std::string other = create(R"({"requirements": []})");
  EXPECT_EQ(call("GET", "/task/" + other).json["items"].size(), 7u);
  EXPECT_EQ(call("GET", "/task").json, Json::array({uuid, other}));

  EXPECT_EQ(ready(uuid), std::vector<std::string>{"wake_up"});
  advance(uuid, "wake_up", "INCOMPLETE", "IN_PROGRESS");
  advance(uuid, "wake_up", "IN_PROGRESS", "COMPLETE");
  advance(uuid, "get_up", "INCOMPLETE", "IN_PROGRESS");
  advance(uuid, "get_up", "IN_PROGRESS", "COMPLETE");
  EXPECT_EQ(ready(uuid), (std::vector<std::string>{"make_breakfast", "make_coffee"}));

  auto state = call("GET", "/task/" + uuid + "/get_up/state");
  EXPECT_EQ(state.kind, ApiResponse::Kind::Text);
  EXPECT_EQ(state.text, "COMPLETE");

  auto meta = call("POST", "/task/" + uuid + "/metadata", R"({"mornings_are": "meh"})");
  EXPECT_EQ(meta.json["mornings_are"], "meh");
  EXPECT_EQ(meta.json["uuid"], uuid);
  EXPECT_EQ(call("GET", "/task/" + uuid + "/metadata").json, meta.json);

  auto item = call("POST", "/task/" + uuid + "/get_up", R"({"bed was": "comfy", "sleep": "good"})");
  EXPECT_EQ(item.json["bed was"], "comfy");
  EXPECT_EQ(item.json["_change_state_token"], 7);
  EXPECT_EQ(item.json["depends"], Json::array({"wake_up"}));

  EXPECT_EQ(call("DELETE", "/task/" + other).json, Json::object());
  EXPECT_EQ(call("GET", "/task").json, Json::array({uuid}));
}

TEST_F(ApiTest, GuardedUpdateHasOneWinner) {
  std::string uuid = create();
  auto first = call("POST", "/task/" + uuid + "/wake_up",
                    R"({"state": "IN_PROGRESS", "_change_state_token": 1,
                        "onlyif": {"state": "INCOMPLETE"}})");
  auto second = call("POST", "/task/" + uuid + "/wake_up",
                     R"({"state": "IN_PROGRESS", "_change_state_token": 2,
                         "onlyif": {"state": "INCOMPLETE"}})");
  EXPECT_EQ(first.status, 200u);
  EXPECT_EQ(second.status, 200u);  // the loser sees the item, with the winner's token
  EXPECT_EQ(first.json["_change_state_token"], 1);
  EXPECT_EQ(second.json["_change_state_token"], 1);
  // Guards may compare any field, a missing one as null.
  auto guarded = call("POST", "/task/" + uuid + "/wake_up",
                      R"({"note": "x", "onlyif": {"_change_state_token": 1, "nothing": null}})");
  EXPECT_EQ(guarded.json["note"], "x");
}

TEST_F(ApiTest, TaskCompleteCompletesItself) {
  std::string uuid = create(R"({"requirements": []})");
  for (const char* name :
       {"wake_up", "get_up", "make_breakfast", "eat_breakfast", "walk_out_door", "go_to_work"})
    advance(uuid, name, "INCOMPLETE", "COMPLETE");
  EXPECT_TRUE(ready(uuid).empty());
  EXPECT_EQ(call("GET", "/task/" + uuid + "/TaskComplete/state").text, "COMPLETE");
}

TEST_F(ApiTest, FailedDependencyBlocks) {
  std::string uuid = create();
  advance(uuid, "wake_up", "INCOMPLETE", "FAILED");
  EXPECT_TRUE(ready(uuid).empty());
}

TEST_F(ApiTest, ClaimTakesTheNextAvailableItem) {
  std::string uuid = create();
  auto r = call("POST", "/task/" + uuid + "/claim", R"({"token": 99})");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.json["name"], "wake_up");
  EXPECT_EQ(r.json["state"], "IN_PROGRESS");
  EXPECT_EQ(r.json["_change_state_token"], 99);
  EXPECT_EQ(r.json["run"], "echo awake");
  auto none = call("POST", "/task/" + uuid + "/claim?wait=2s");
  EXPECT_EQ(none.status, 204u);
  EXPECT_EQ(none.task, uuid);
  EXPECT_EQ(none.wait, std::chrono::seconds(2));
  advance(uuid, "wake_up", "IN_PROGRESS", "COMPLETE");
  advance(uuid, "get_up", "INCOMPLETE", "COMPLETE");
  auto only = call("POST", "/task/" + uuid + "/claim", R"({"only": ["make_coffee"]})");
  EXPECT_EQ(only.json["name"], "make_coffee");
  EXPECT_TRUE(only.json["_change_state_token"].is_number());
  EXPECT_EQ(call("POST", "/task/nope/claim").status, 404u);
}

TEST_F(ApiTest, AvailableWaitsOnlyWhenEmpty) {
  std::string uuid = create();
  auto r = call("GET", "/task/" + uuid + "/available?wait=30s");
  EXPECT_EQ(r.wait, std::chrono::milliseconds{0});
  advance(uuid, "wake_up", "INCOMPLETE", "IN_PROGRESS");
  r = call("GET", "/task/" + uuid + "/available?wait=90s");
  EXPECT_EQ(r.wait, kMaxWait);
  EXPECT_EQ(call("GET", "/task/" + uuid + "/available?wait=soon").status, 400u);
}

TEST_F(ApiTest, ErrorsAreJsonAnswers) {
  std::string uuid = create();
  struct Case {
    const char* method;
    std::string path, body;
    unsigned status;
    std::string message;
  };
  std::vector<Case> cases = {
      {"POST", "/task/create", "{}", 400, "No requirements supplied to create task"},
      {"POST", "/task/create", "[1]", 400, "the body must be a JSON object"},
      {"POST", "/task/create", "{", 400, "No JSON object could be decoded"},
      {"POST", "/task/create", R"({"requirements": [], "n": 1e999})", 400,
       "No JSON object could be decoded"},
      {"POST", "/task/create", R"({"requirements": "coffee"})", 400, ""},
      {"GET", "/task/create", "", 405, ""},
      {"POST", "/task/", "", 405, ""},
      {"GET", "/task/nope", "", 404, "'uuid nope not found'"},
      {"GET", "/task/nope/available", "", 404, ""},
      {"GET", "/task/nope/metadata", "", 404, ""},
      {"POST", "/task/nope/metadata", "{}", 404, ""},
      {"POST", "/task/nope/wake_up", "{}", 404, ""},
      {"POST", "/task/" + uuid + "/nothing", "{}", 404, "'" + uuid + "/nothing'"},
      {"GET", "/task/" + uuid + "/nothing/state", "", 404, ""},
      {"POST", "/task/" + uuid + "/wake_up/state", "", 405, ""},
      {"GET", "/task/" + uuid + "/wake_up/other", "", 405, ""},
      {"GET", "/task/" + uuid + "/wake_up/state/more", "", 404, ""},
      {"POST", "/task/" + uuid + "/metadata", R"({"uuid": "x"})", 400,
       "cannot change uuid for a task"},
      {"POST", "/task/" + uuid + "/metadata", "3", 400, ""},
      {"POST", "/task/" + uuid + "/wake_up", R"({"depends": []})", 400,
       "cannot modify item attribute \"depends\""},
      {"POST", "/task/" + uuid + "/wake_up", R"({"name": "x"})", 400, ""},
      {"POST", "/task/" + uuid + "/wake_up", R"({"if": "x"})", 400, ""},
      {"POST", "/task/" + uuid + "/wake_up", R"({"onlyif": "x"})", 400,
       "can only set \"onlyif\" to a dictionary"},
      {"POST", "/task/" + uuid + "/wake_up", R"({"state": "DONE"})", 400, ""},
      {"POST", "/task/" + uuid + "/wake_up", R"({"a\"b": 1})", 400, ""},
      {"POST", "/task/" + uuid + "/wake_up", std::string(100, '[') + std::string(100, ']'), 400,
       ""},
      {"PUT", "/task/" + uuid, "", 405, ""},
      {"GET", "/other", "", 404, ""},
  };
  for (const auto& c : cases) {
    auto r = call(c.method, c.path, c.body);
    EXPECT_EQ(r.status, c.status) << c.method << " " << c.path << " " << c.body;
    EXPECT_EQ(r.kind, ApiResponse::Kind::Error) << c.path;
    if (!c.message.empty()) {
      EXPECT_EQ(r.text, c.message) << c.path;
    }
  }
  // The failed attempts changed nothing.
  EXPECT_EQ(call("GET", "/task/" + uuid + "/wake_up").json,
            Json::parse(R"({"state": "INCOMPLETE", "name": "wake_up", "run": "echo awake"})"));
}

TEST(SqliteTaskStore, KeepsTasksAcrossRestarts) {
  TempDir dir;
  std::string path = (dir.path / "tasks.db").string();
  std::string uuid;
  {
    SqliteTaskStore store(path);
    TaskApi api(store, breakfast);
    ApiRequest r{"POST", {"task", "create"}, {}, R"({"requirements": []})"};
    uuid = api.handle(r).json["metadata"]["uuid"];
    store.updateItem(uuid, "wake_up", Json{{"state", "COMPLETE"}}, Json::object());
  }
  SqliteTaskStore again(path);
  EXPECT_EQ(again.tasks(), std::vector<std::string>{uuid});
  EXPECT_EQ((*again.item(uuid, "wake_up"))["state"], "COMPLETE");
  auto ready = again.available(uuid);
  ASSERT_TRUE(ready);
  ASSERT_EQ(ready->size(), 1u);
  EXPECT_EQ((*ready)[0]["name"], "get_up");
}

TEST(SqliteTaskStore, ConcurrentClaimsTakeEachItemOnce) {
  TempDir dir;
  SqliteTaskStore store((dir.path / "tasks.db").string());
  NewTask task{"t1", {}, Json::object()};
  for (int i = 0; i < 400; ++i) {
    std::string name = "item";
    name += std::to_string(i);  // (not "item" + ...: GCC 12's -Wrestrict false alarm)
    task.items.push_back(Json{{"name", name}, {"state", "INCOMPLETE"}});
  }
  store.create(task);
  std::vector<std::vector<std::string>> won(8);
  std::vector<std::thread> workers;
  for (int w = 0; w < 8; ++w)
    workers.emplace_back([&, w] {
      while (auto item = store.claim("t1", Json(w), ClaimFilter{})) {
        if (item->is_null()) break;
        EXPECT_EQ((*item)["_change_state_token"], w);
        won[w].push_back((*item)["name"].get<std::string>());
      }
    });
  for (auto& t : workers) t.join();
  std::set<std::string> names;
  std::size_t claims = 0;
  for (const auto& list : won) {
    claims += list.size();
    names.insert(list.begin(), list.end());
  }
  EXPECT_EQ(claims, 400u);
  EXPECT_EQ(names.size(), 400u);
  EXPECT_EQ(store.claim("nope", Json(1), ClaimFilter{}), std::nullopt);
}

TEST(SqliteTaskStore, RefusesANewerSchema) {
  TempDir dir;
  std::string path = (dir.path / "tasks.db").string();
  { SqliteTaskStore store(path); }
  {
    store::Database db(path);
    db.exec("PRAGMA user_version = 99");
  }
  EXPECT_THROW(SqliteTaskStore{path}, StoreError);
}

TEST(SqliteTaskStore, MigratesAVersionOneStore) {
  TempDir dir;
  std::string path = (dir.path / "tasks.db").string();
  {
    SqliteTaskStore store(path);
    store.create(NewTask{"t1", {Json{{"name", "a"}, {"state", "INCOMPLETE"}}}, Json::object()});
  }
  {  // back to version 1's index, as a store made by an earlier magicc has it
    store::Database db(path);
    db.exec(
        "DROP INDEX items_incomplete; CREATE INDEX items_ready ON items(task, state, pos);"
        "PRAGMA user_version = 1");
  }
  {
    SqliteTaskStore store(path);
    EXPECT_EQ((*store.claim("t1", Json(5), ClaimFilter{}))["name"], "a");
  }
  store::Database db(path);  // (the store holds the file exclusively while open)
  store::Statement index(db.handle(),
                         "SELECT name FROM sqlite_master WHERE type = 'index' AND "
                         "name LIKE 'items_%' ORDER BY name");
  std::vector<std::string> names;
  while (index.step()) names.push_back(index.text(0));
  EXPECT_EQ(names, std::vector<std::string>{"items_incomplete"});
}

TEST(LongPolls, AsksAgainWhenTheTaskChangesAndAnswersAtTheDeadline) {
  LongPolls polls;
  std::promise<bool> woken, timedOut;
  int asked = 0;
  auto far = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  polls.wait("t1", far, [&](bool final) {
    // Asked on registering (nothing yet), then after a change.
    if (++asked < 2) return false;
    woken.set_value(final);
    return true;
  });
  auto w = woken.get_future();
  for (int i = 0; i < 500 && w.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready;
       ++i)
    polls.changed("t1");
  ASSERT_EQ(w.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_FALSE(w.get());
  polls.wait("t2", std::chrono::steady_clock::now() + std::chrono::milliseconds(50),
             [&](bool final) {
               if (!final) return false;
               timedOut.set_value(true);
               return true;
             });
  auto t = timedOut.get_future();
  ASSERT_EQ(t.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(polls.waiting(), 0u);
}

}  // namespace
}  // namespace magicc::serve
