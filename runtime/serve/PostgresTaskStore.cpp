#include "serve/PostgresTaskStore.h"

#include <poll.h>

#include <chrono>

namespace magicc::serve {

namespace {

constexpr const char* kChannel = "magicc_tasks";
// Any fixed number: the lock every server takes while it migrates.
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(455400014)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(455400014)";

// Each entry brings the schema one version further; never edit one that
// shipped, add the next.
const char* const kPostgresMigrations[] = {
    R"(CREATE TABLE magicc_tasks(uuid text PRIMARY KEY, seq bigserial, metadata jsonb NOT NULL);
       CREATE TABLE magicc_items(
         task text NOT NULL REFERENCES magicc_tasks(uuid) ON DELETE CASCADE,
         name text NOT NULL, pos integer NOT NULL, data jsonb NOT NULL,
         state text GENERATED ALWAYS AS (data->>'state') STORED,
         PRIMARY KEY(task, name));
       CREATE INDEX magicc_items_ready ON magicc_items(task, state, pos);
       CREATE TABLE magicc_deps(task text NOT NULL, item text NOT NULL, dep text NOT NULL,
         PRIMARY KEY(task, item, dep),
         FOREIGN KEY(task, item) REFERENCES magicc_items(task, name) ON DELETE CASCADE);)",
};

// An item none of whose dependencies is anything but COMPLETE (`i` is the item).
constexpr const char* kPostgresReady =
    "NOT EXISTS (SELECT 1 FROM magicc_deps d JOIN magicc_items j ON j.task = d.task AND j.name = "
    "d.dep WHERE d.task = i.task AND d.item = i.name AND j.state IS DISTINCT FROM 'COMPLETE')";

// The same test for one candidate at a time, as a claim needs it: from the
// item's own `depends` (which cannot change) through the primary key. The
// form above lets the planner join all of magicc_deps first: its statistics
// see one item (TaskComplete) owning every row, so each claim built and
// scanned a hash of the whole task (40 ms at 20000 items, more as dead
// tuples piled up). This one reads a few pages whatever the task's size.
constexpr const char* kPostgresReadyOne =
    "NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(i.data -> 'depends', "
    "'[]'::jsonb)) AS d(dep) JOIN magicc_items j ON j.task = i.task AND j.name = d.dep WHERE "
    "j.state IS DISTINCT FROM 'COMPLETE')";

// A changing statement `sql` (RETURNING one column as `out`) that also
// announces the change to every server listening, in the same round trip.
std::string announcing(const std::string& sql) {
  return "WITH changed AS (" + sql + ") SELECT out, pg_notify('" + kChannel + "', $1) FROM changed";
}

std::optional<Json> first(const PgResult& r) {
  if (r.rows() == 0) return std::nullopt;
  return Json::parse(r.text(0, 0));
}

}  // namespace

PostgresTaskStore::PostgresTaskStore(const std::string& conninfo, std::size_t connections)
    : pool_(conninfo, connections) {
  auto db = pool_.borrow();
  db.exec("SET client_min_messages = warning");
  db.exec(kMigrationLock);
  try {
    db.exec("CREATE TABLE IF NOT EXISTS magicc_schema(version integer NOT NULL)");
    auto v = db.exec("SELECT max(version) FROM magicc_schema");
    std::size_t current = v.isNull(0, 0) ? 0 : std::stoul(v.text(0, 0));
    const std::size_t latest = std::size(kPostgresMigrations);
    if (current > latest)
      throw StoreError("the task store has schema version " + std::to_string(current) +
                       ", newer than this magicc knows (" + std::to_string(latest) + ")");
    for (std::size_t n = current; n < latest; ++n) {
      db.exec("BEGIN");
      try {
        db.exec(kPostgresMigrations[n]);
        db.exec("INSERT INTO magicc_schema(version) VALUES ($1)", {std::to_string(n + 1)});
        db.exec("COMMIT");
      } catch (...) {
        db.exec("ROLLBACK");
        throw;
      }
    }
  } catch (...) {
    db.exec(kMigrationUnlock);
    throw;
  }
  db.exec(kMigrationUnlock);
}

PostgresTaskStore::~PostgresTaskStore() {
  stopping_ = true;
  if (listener_.joinable()) listener_.join();
}

void PostgresTaskStore::onChange(std::function<void(const std::string&)> changed) {
  changed_ = std::move(changed);
  if (!listener_.joinable()) listener_ = std::thread([this] { listen(); });
}

// LISTEN on a connection of its own; reconnects after a failure. Every
// server's change (this one's too) arrives here.
void PostgresTaskStore::listen() {
  while (!stopping_) {
    PGconn* conn = nullptr;
    try {
      conn = pool_.connect();
    } catch (const StoreError&) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    PQclear(PQexec(conn, (std::string("LISTEN ") + kChannel).c_str()));
    while (!stopping_ && PQstatus(conn) == CONNECTION_OK) {
      pollfd fd{PQsocket(conn), POLLIN, 0};
      if (::poll(&fd, 1, 200) <= 0) continue;
      if (!PQconsumeInput(conn)) break;
      while (PGnotify* n = PQnotifies(conn)) {
        std::string uuid = n->extra;
        PQfreemem(n);
        if (changed_) changed_(uuid);
      }
    }
    PQfinish(conn);
  }
}

std::vector<std::string> PostgresTaskStore::tasks() {
  auto r = pool_.borrow().exec("SELECT uuid FROM magicc_tasks ORDER BY seq");
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

void PostgresTaskStore::create(const NewTask& task) {
  Json items = Json::array();
  Json deps = Json::array();
  for (const Json& i : task.items) {
    items.push_back(i);
    if (auto d = i.find("depends"); d != i.end())
      for (const auto& name : *d) deps.push_back({i.at("name"), name});
  }
  // One statement: the task, its items and their dependencies.
  pool_.borrow().exec(
      "WITH t AS (INSERT INTO magicc_tasks(uuid, metadata) VALUES ($1, $2::jsonb) RETURNING uuid),"
      " i AS (INSERT INTO magicc_items(task, name, pos, data) SELECT (SELECT uuid FROM t), "
      "e->>'name', n - 1, e FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(e, n) "
      "RETURNING name)"
      " INSERT INTO magicc_deps(task, item, dep) SELECT DISTINCT $1, d->>0, d->>1 FROM "
      "jsonb_array_elements($4::jsonb) AS y(d) WHERE (SELECT count(*) FROM i) > 0",
      {task.uuid, task.metadata.dump(), items.dump(), deps.dump()});
  pool_.borrow().exec(std::string("SELECT pg_notify('") + kChannel + "', $1)", {task.uuid});
}

std::optional<Json> PostgresTaskStore::task(const std::string& uuid) {
  auto r = pool_.borrow().exec(
      "SELECT t.metadata::text, coalesce((SELECT jsonb_agg(data ORDER BY pos) FROM magicc_items "
      "WHERE task = t.uuid), '[]'::jsonb)::text FROM magicc_tasks t WHERE t.uuid = $1",
      {uuid});
  if (r.rows() == 0) return std::nullopt;
  Json out;
  out["items"] = Json::parse(r.text(0, 1));
  out["metadata"] = Json::parse(r.text(0, 0));
  return out;
}

bool PostgresTaskStore::remove(const std::string& uuid) {
  auto r = pool_.borrow().exec(
      announcing("DELETE FROM magicc_tasks WHERE uuid = $1 RETURNING uuid AS out"), {uuid});
  return r.rows() > 0;
}

std::optional<Json> PostgresTaskStore::metadata(const std::string& uuid) {
  return first(
      pool_.borrow().exec("SELECT metadata::text FROM magicc_tasks WHERE uuid = $1", {uuid}));
}

std::optional<Json> PostgresTaskStore::updateMetadata(const std::string& uuid, const Json& fields) {
  return first(pool_.borrow().exec(
      announcing("UPDATE magicc_tasks SET metadata = metadata || $2::jsonb WHERE uuid = $1 "
                 "RETURNING metadata::text AS out"),
      {uuid, fields.dump()}));
}

std::optional<Json> PostgresTaskStore::item(const std::string& uuid, const std::string& name) {
  return first(pool_.borrow().exec(
      "SELECT data::text FROM magicc_items WHERE task = $1 AND name = $2", {uuid, name}));
}

std::optional<Json> PostgresTaskStore::updateItem(const std::string& uuid, const std::string& name,
                                                  const Json& fields, const Json& onlyif) {
  auto db = pool_.borrow();
  auto changed = first(db.exec(
      announcing("UPDATE magicc_items SET data = data || $3::jsonb WHERE task = $1 AND name = $2 "
                 "AND (SELECT bool_and(coalesce(data -> g.key, 'null'::jsonb) = g.value) FROM "
                 "jsonb_each($4::jsonb) AS g) IS NOT FALSE RETURNING data::text AS out"),
      {uuid, name, fields.dump(), onlyif.dump()}));
  if (changed) return changed;
  return first(
      db.exec("SELECT data::text FROM magicc_items WHERE task = $1 AND name = $2", {uuid, name}));
}

std::optional<std::vector<Json>> PostgresTaskStore::available(const std::string& uuid) {
  auto db = pool_.borrow();
  db.exec(announcing(std::string("UPDATE magicc_items AS i SET data = data || "
                                 "'{\"state\": \"COMPLETE\"}'::jsonb WHERE i.task = $1 AND i.name "
                                 "= 'TaskComplete' AND i.state = 'INCOMPLETE' AND ") +
                     kPostgresReady + " RETURNING i.name AS out"),
          {uuid});
  auto r = db.exec(
      std::string("SELECT (SELECT 1 FROM magicc_tasks WHERE uuid = $1), (SELECT "
                  "coalesce(jsonb_agg(data ORDER BY pos), '[]'::jsonb)::text FROM magicc_items "
                  "AS i WHERE i.task = $1 AND i.state = 'INCOMPLETE' AND ") +
          kPostgresReady + ")",
      {uuid});
  if (r.isNull(0, 0)) return std::nullopt;
  return Json::parse(r.text(0, 1)).get<std::vector<Json>>();
}

std::optional<Json> PostgresTaskStore::claim(const std::string& uuid, const Json& token,
                                             const ClaimFilter& filter) {
  auto db = pool_.borrow();
  auto claimed = first(db.exec(
      announcing(
          std::string(
              "UPDATE magicc_items SET data = data || jsonb_build_object('state', "
              "'IN_PROGRESS', '_change_state_token', $2::jsonb) WHERE task = $1 "
              "AND state = 'INCOMPLETE' AND name = (SELECT i.name FROM "
              "magicc_items AS i WHERE i.task = $1 AND i.state = 'INCOMPLETE' AND "
              "i.name <> 'TaskComplete' AND (jsonb_array_length($3::jsonb) = 0 OR "
              "i.name IN (SELECT jsonb_array_elements_text($3::jsonb))) AND (NOT $4::boolean OR "
              "i.data ? 'run') AND ") +
          kPostgresReadyOne +
          " ORDER BY i.pos LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING data::text AS out"),
      {uuid, token.dump(), Json(filter.only).dump(), filter.withCommand ? "true" : "false"}));
  if (claimed) return claimed;
  if (db.exec("SELECT 1 FROM magicc_tasks WHERE uuid = $1", {uuid}).rows() == 0)
    return std::nullopt;
  return Json(nullptr);
}

}  // namespace magicc::serve
