#include "serve/SqliteTaskStore.h"

#include <utility>

#include "serve/StoreSql.h"
#include "store/Sqlite.h"

namespace magicc::serve {

using store::Database;
using store::SqliteError;
using store::Statement;

namespace {

// Each entry brings the schema one version further; never edit one that
// shipped, add the next.
const char* const kSqliteMigrations[] = {
    R"(CREATE TABLE tasks(uuid TEXT PRIMARY KEY, metadata TEXT NOT NULL);
       CREATE TABLE items(
         task TEXT NOT NULL, name TEXT NOT NULL, pos INTEGER NOT NULL, data TEXT NOT NULL,
         state TEXT GENERATED ALWAYS AS (json_extract(data, '$.state')) VIRTUAL,
         PRIMARY KEY(task, name));
       CREATE INDEX items_ready ON items(task, state, pos);
       CREATE TABLE deps(task TEXT NOT NULL, item TEXT NOT NULL, dep TEXT NOT NULL,
         PRIMARY KEY(task, item, dep));)",
    // Only INCOMPLETE items are ever looked up by state: a claim then moves
    // one index entry out instead of two, one WAL frame fewer per claim.
    R"(DROP INDEX items_ready;
       CREATE INDEX items_incomplete ON items(task, pos) WHERE state = 'INCOMPLETE';)",
};

// An item none of whose dependencies is anything but COMPLETE (`i` is the item).
constexpr const char* kSqliteReady =
    "NOT EXISTS (SELECT 1 FROM deps d JOIN items j ON j.task = d.task AND j.name = d.dep"
    " WHERE d.task = i.task AND d.item = i.name AND j.state IS NOT 'COMPLETE')";

Json parse(const std::string& text) {
  return Json::parse(text);
}

}  // namespace

namespace {

// Undoes a failed transaction, keeping the error that failed it: after a
// full disk or an I/O error SQLite has often rolled it back already, and a
// ROLLBACK's "no transaction is active" would hide the reason.
void rollback(Database& db) {
  if (sqlite3_get_autocommit(db.handle())) return;
  try {
    db.exec("ROLLBACK");
  } catch (const SqliteError&) {
  }
}

}  // namespace

struct SqliteTaskStore::Impl {
  Database db;
  int version;  // migrated before any statement is prepared
  Statement listTasks, selectMetadata, selectItems, selectItem, completeGoal, selectAvailable,
      claim, taskExists;

  explicit Impl(const std::string& path)
      : db(path),
        version(migrate(db, path)),
        listTasks(db.handle(), "SELECT uuid FROM tasks ORDER BY rowid"),
        selectMetadata(db.handle(), "SELECT metadata FROM tasks WHERE uuid = ?1"),
        selectItems(db.handle(), "SELECT data FROM items WHERE task = ?1 ORDER BY pos"),
        selectItem(db.handle(), "SELECT data FROM items WHERE task = ?1 AND name = ?2"),
        completeGoal(db.handle(),
                     std::string("UPDATE items AS i SET data = json_set(data, '$.state', "
                                 "'COMPLETE') WHERE i.task = ?1 AND i.name = 'TaskComplete' AND "
                                 "i.state = 'INCOMPLETE' AND ") +
                         kSqliteReady),
        selectAvailable(db.handle(), std::string("SELECT data FROM items AS i WHERE i.task = ?1 "
                                                 "AND i.state = 'INCOMPLETE' AND ") +
                                         kSqliteReady + " ORDER BY i.pos"),
        claim(db.handle(),
              std::string(
                  "UPDATE items SET data = json_set(data, '$.state', 'IN_PROGRESS', "
                  "'$._change_state_token', json(?2)) WHERE task = ?1 AND state = "
                  "'INCOMPLETE' AND name = (SELECT i.name FROM items AS i WHERE i.task = "
                  "?1 AND i.state = 'INCOMPLETE' AND i.name <> 'TaskComplete' AND "
                  "(json_array_length(?3) = 0 OR i.name IN (SELECT value FROM "
                  "json_each(?3))) AND (?4 = 0 OR json_type(i.data, '$.run') IS NOT NULL) AND ") +
                  kSqliteReady + " ORDER BY i.pos LIMIT 1) RETURNING data"),
        taskExists(db.handle(), "SELECT 1 FROM tasks WHERE uuid = ?1") {}

  static int migrate(Database& db, const std::string& path) {
    // One server per file: holding the lock for good saves each statement's
    // fcntl lock calls and the WAL's shared-memory index (set before WAL).
    db.exec("PRAGMA locking_mode=EXCLUSIVE");
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=NORMAL");
    Statement version(db.handle(), "PRAGMA user_version");
    version.step();
    auto current = static_cast<std::size_t>(version.integer(0));
    version.reset();
    const std::size_t latest = std::size(kSqliteMigrations);
    if (current > latest)
      throw StoreError(path + ": the task store has schema version " + std::to_string(current) +
                       ", newer than this magicc knows (" + std::to_string(latest) + ")");
    for (std::size_t v = current; v < latest; ++v) {
      db.exec("BEGIN IMMEDIATE");
      try {
        db.exec(kSqliteMigrations[v]);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        db.exec("COMMIT");
      } catch (...) {
        rollback(db);
        throw;
      }
    }
    return static_cast<int>(latest);
  }

  bool exists(const std::string& uuid) {
    taskExists.bind(1, uuid);
    bool found = taskExists.step();
    taskExists.reset();
    return found;
  }

  std::optional<Json> one(Statement& statement) {
    std::optional<Json> out;
    if (statement.step()) out = parse(statement.text(0));
    statement.reset();
    return out;
  }
};

namespace {

// SQLite's errors as the store's, with what was being done.
template <typename F>
auto guarded(const std::string& what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SqliteError& e) {
    throw StoreError("task store (sqlite): " + what + ": " + e.what());
  }
}

}  // namespace

SqliteTaskStore::SqliteTaskStore(const std::string& path) {
  guarded("open '" + path + "'", [&] {
    impl_ = std::make_unique<Impl>(path);
    return 0;
  });
}

SqliteTaskStore::~SqliteTaskStore() = default;

void SqliteTaskStore::onChange(std::function<void(const std::string&)> changed) {
  changed_ = std::move(changed);
}

void SqliteTaskStore::notify(const std::string& uuid) {
  if (changed_) changed_(uuid);
}

std::vector<std::string> SqliteTaskStore::tasks() {
  return guarded("list tasks", [&] {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    while (impl_->listTasks.step()) out.push_back(impl_->listTasks.text(0));
    impl_->listTasks.reset();
    return out;
  });
}

void SqliteTaskStore::create(const NewTask& task) {
  guarded("create a task", [&] {
    std::lock_guard lock(mutex_);
    Database& db = impl_->db;
    db.exec("BEGIN IMMEDIATE");
    try {
      Statement(db.handle(), "INSERT INTO tasks(uuid, metadata) VALUES (?1, ?2)")
          .bind(1, task.uuid)
          .bind(2, task.metadata.dump())
          .run();
      Statement item(db.handle(),
                     "INSERT INTO items(task, name, pos, data) VALUES (?1, ?2, ?3, ?4)");
      Statement dep(db.handle(), "INSERT OR IGNORE INTO deps(task, item, dep) VALUES (?1, ?2, ?3)");
      std::int64_t pos = 0;
      for (const Json& i : task.items) {
        const std::string name = i.at("name").get<std::string>();
        item.bind(1, task.uuid).bind(2, name).bind(3, pos++).bind(4, i.dump()).run();
        if (auto it = i.find("depends"); it != i.end())
          for (const auto& d : *it)
            dep.bind(1, task.uuid).bind(2, name).bind(3, d.get<std::string>()).run();
      }
      db.exec("COMMIT");
    } catch (...) {
      rollback(db);
      throw;
    }
    return 0;
  });
  notify(task.uuid);
}

std::optional<Json> SqliteTaskStore::task(const std::string& uuid) {
  return guarded("read a task", [&]() -> std::optional<Json> {
    std::lock_guard lock(mutex_);
    impl_->selectMetadata.bind(1, uuid);
    auto metadata = impl_->one(impl_->selectMetadata);
    if (!metadata) return std::nullopt;
    Json items = Json::array();
    impl_->selectItems.bind(1, uuid);
    while (impl_->selectItems.step()) items.push_back(parse(impl_->selectItems.text(0)));
    impl_->selectItems.reset();
    Json out;
    out["items"] = std::move(items);
    out["metadata"] = std::move(*metadata);
    return out;
  });
}

bool SqliteTaskStore::remove(const std::string& uuid) {
  bool removed = guarded("delete a task", [&] {
    std::lock_guard lock(mutex_);
    Database& db = impl_->db;
    db.exec("BEGIN IMMEDIATE");
    try {
      Statement(db.handle(), "DELETE FROM deps WHERE task = ?1").bind(1, uuid).run();
      Statement(db.handle(), "DELETE FROM items WHERE task = ?1").bind(1, uuid).run();
      Statement(db.handle(), "DELETE FROM tasks WHERE uuid = ?1").bind(1, uuid).run();
      bool gone = sqlite3_changes(db.handle()) > 0;
      db.exec("COMMIT");
      return gone;
    } catch (...) {
      rollback(db);
      throw;
    }
  });
  if (removed) notify(uuid);
  return removed;
}

std::optional<Json> SqliteTaskStore::metadata(const std::string& uuid) {
  return guarded("read metadata", [&] {
    std::lock_guard lock(mutex_);
    impl_->selectMetadata.bind(1, uuid);
    return impl_->one(impl_->selectMetadata);
  });
}

namespace {

// `json_set(column, ?N, json(?N+1), ...)` over `fields`, binding from `first`.
std::string setFields(const char* column, const Json& fields, int first) {
  if (fields.empty()) return column;
  std::string sql = std::string("json_set(") + column;
  int n = first;
  for (auto it = fields.begin(); it != fields.end(); ++it, n += 2)
    sql += ", ?" + std::to_string(n) + ", json(?" + std::to_string(n + 1) + ")";
  return sql + ")";
}

void bindFields(Statement& statement, const Json& fields, int first) {
  int n = first;
  for (auto it = fields.begin(); it != fields.end(); ++it, n += 2)
    statement.bind(n, jsonPath(it.key())).bind(n + 1, it.value().dump());
}

}  // namespace

std::optional<Json> SqliteTaskStore::updateMetadata(const std::string& uuid, const Json& fields) {
  auto out = guarded("update metadata", [&] {
    std::lock_guard lock(mutex_);
    Statement update(impl_->db.handle(),
                     "UPDATE tasks SET metadata = " + setFields("metadata", fields, 2) +
                         " WHERE uuid = ?1 RETURNING metadata");
    update.bind(1, uuid);
    bindFields(update, fields, 2);
    return impl_->one(update);
  });
  if (out) notify(uuid);
  return out;
}

std::optional<Json> SqliteTaskStore::item(const std::string& uuid, const std::string& name) {
  return guarded("read an item", [&] {
    std::lock_guard lock(mutex_);
    impl_->selectItem.bind(1, uuid).bind(2, name);
    return impl_->one(impl_->selectItem);
  });
}

std::optional<Json> SqliteTaskStore::updateItem(const std::string& uuid, const std::string& name,
                                                const Json& fields, const Json& onlyif) {
  bool changed = false;
  auto out = guarded("update an item", [&] {
    std::lock_guard lock(mutex_);
    const int guardFirst = 3 + 2 * static_cast<int>(fields.size());
    std::string sql = "UPDATE items SET data = " + setFields("data", fields, 3) +
                      " WHERE task = ?1 AND name = ?2";
    int n = guardFirst;
    for (auto it = onlyif.begin(); it != onlyif.end(); ++it, n += 2)
      sql += " AND json_extract(data, ?" + std::to_string(n) + ") IS json_extract(?" +
             std::to_string(n + 1) + ", '$')";
    sql += " RETURNING data";
    Statement update(impl_->db.handle(), sql);
    update.bind(1, uuid).bind(2, name);
    bindFields(update, fields, 3);
    bindFields(update, onlyif, guardFirst);
    if (auto after = impl_->one(update)) {
      changed = true;
      return after;
    }
    impl_->selectItem.bind(1, uuid).bind(2, name);
    return impl_->one(impl_->selectItem);
  });
  if (changed) notify(uuid);
  return out;
}

std::optional<std::vector<Json>> SqliteTaskStore::available(const std::string& uuid) {
  bool completed = false;
  auto out = guarded("list available items", [&]() -> std::optional<std::vector<Json>> {
    std::lock_guard lock(mutex_);
    if (!impl_->exists(uuid)) return std::nullopt;
    impl_->completeGoal.bind(1, uuid);
    impl_->completeGoal.run();
    completed = sqlite3_changes(impl_->db.handle()) > 0;
    std::vector<Json> ready;
    impl_->selectAvailable.bind(1, uuid);
    while (impl_->selectAvailable.step()) ready.push_back(parse(impl_->selectAvailable.text(0)));
    impl_->selectAvailable.reset();
    return ready;
  });
  if (completed) notify(uuid);
  return out;
}

std::optional<Json> SqliteTaskStore::claim(const std::string& uuid, const Json& token,
                                           const ClaimFilter& filter) {
  bool claimed = false;
  auto out = guarded("claim an item", [&]() -> std::optional<Json> {
    std::lock_guard lock(mutex_);
    impl_->claim.bind(1, uuid)
        .bind(2, token.dump())
        .bind(3, Json(filter.only).dump())
        .bind(4, std::int64_t{filter.withCommand});
    if (auto item = impl_->one(impl_->claim)) {
      claimed = true;
      return item;
    }
    if (!impl_->exists(uuid)) return std::nullopt;
    return Json(nullptr);
  });
  if (claimed) notify(uuid);
  return out;
}

}  // namespace magicc::serve
