#include "store/Journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "store/StateFiles.h"

namespace magicc::store {

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

runtime::State parseState(const std::string& s) {
  using runtime::State;
  for (State st :
       {State::Incomplete, State::InProgress, State::Complete, State::Failed, State::Skipped})
    if (s == runtime::stateName(st)) return st;
  return State::Incomplete;
}

constexpr std::int64_t kFormat = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs(
  key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, program TEXT NOT NULL,
  source_hash TEXT NOT NULL, invocation TEXT NOT NULL, status TEXT NOT NULL,
  started REAL NOT NULL, finished REAL,
  nodes TEXT NOT NULL);  -- JSON: [[target, name(, 1 when hidden)], ...], by job number
CREATE TABLE IF NOT EXISTS transitions(
  seq INTEGER PRIMARY KEY, run INTEGER NOT NULL, job INTEGER NOT NULL, time REAL NOT NULL,
  state TEXT NOT NULL, attempt INTEGER NOT NULL, changed INTEGER NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS transitions_by_run ON transitions(run, seq);
-- A node's latest transition in one search (the nodes view): without it the
-- view read every transition of the run for every node, O(n^2). An index
-- changes no format: a journal without it gets it when opened.
CREATE INDEX IF NOT EXISTS transitions_by_job ON transitions(run, job, seq);
CREATE TABLE IF NOT EXISTS outs(
  run INTEGER NOT NULL, job INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY(run, job, name));
CREATE INDEX IF NOT EXISTS runs_by_program ON runs(program, started);
-- Each command's process group once spawned: --resume finds what a killed
-- run left running. A new table changes no format.
CREATE TABLE IF NOT EXISTS processes(
  run INTEGER NOT NULL, host TEXT NOT NULL, node TEXT NOT NULL, pgid INTEGER NOT NULL,
  time REAL NOT NULL);
-- A failed attempt's output tails (redacted): magicc show prints them. A new
-- table changes no format.
CREATE TABLE IF NOT EXISTS tails(
  run INTEGER NOT NULL, job INTEGER NOT NULL, attempt INTEGER NOT NULL, stdout TEXT NOT NULL,
  stderr TEXT NOT NULL, PRIMARY KEY(run, job, attempt));
-- Each node of each run with its latest state: for operators (sqlite3);
-- hidden jobs (marked [target, name, 1]) are bookkeeping, left out. Made
-- anew on each open, so an older journal gets today's view.
DROP VIEW IF EXISTS nodes;
CREATE VIEW nodes AS
  SELECT r.id AS run, CAST(n.key AS INTEGER) AS job, json_extract(n.value, '$[0]') AS target,
         json_extract(n.value, '$[1]') AS name,
         COALESCE((SELECT t.state FROM transitions t WHERE t.run = r.key AND t.job = n.key
                   ORDER BY t.seq DESC LIMIT 1), 'INCOMPLETE') AS state
  FROM runs r, json_each(r.nodes) n
  WHERE json_array_length(n.value) < 3;
)sql";

}  // namespace

std::unique_ptr<Journal> Journal::open(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  // The directory and every file in it: this user's, writable by nobody
  // else, no links followed (docs/runtime.md, "The state directory").
  prepareStateDir(dir.string(), true);
  std::string lockPath = path + ".lock";
  int fd = openStateFile(lockPath, O_RDWR | O_CREAT, 0600);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char holder[32] = {};
    ssize_t n = ::pread(fd, holder, sizeof holder - 1, 0);
    ::close(fd);
    std::string pid = n > 0 ? std::string(holder, static_cast<std::size_t>(n)) : "";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    throw LockedError("the state '" + path + "' is in use by another magicc run" +
                      (pid.empty() ? "" : " (pid " + pid + ")") +
                      "; wait for it to finish, or use another --state");
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The pid is only for the message above; the lock is what matters.
  }
  try {
    // SQLite's own files (WAL, shared memory, a rollback journal) too: it
    // would write through a link, and as root it gives them the owner of the
    // database.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) checkStateFile(path + suffix);
    // Mode 0600 before SQLite opens it: the journal says what ran where.
    ::close(openStateFile(path, O_RDWR | O_CREAT, 0600));
    // SQLite opens it by name, refusing a link (SQLITE_OPEN_NOFOLLOW, which
    // refuses one anywhere in the path: hence the directory's real path).
    std::error_code ec;
    std::filesystem::path real = std::filesystem::canonical(dir, ec);
    auto db = std::make_unique<Database>(
        ((ec ? dir : real) / std::filesystem::path(path).filename()).string());
    db->exec("PRAGMA journal_mode=WAL");
    // NORMAL in WAL mode: a commit survives a crash of magicc (kill -9); only
    // a power loss may take back the last commits.
    db->exec("PRAGMA synchronous=NORMAL");
    // The format's version: a journal magicc cannot read is refused, never rewritten.
    Statement version(db->handle(), "PRAGMA user_version");
    version.step();
    std::int64_t found = version.integer(0);
    version.reset();
    Statement tables(db->handle(), "SELECT count(*) FROM sqlite_master WHERE name = 'runs'");
    tables.step();
    bool empty = tables.integer(0) == 0;
    tables.reset();
    if (found != kFormat && !(found == 0 && empty))
      throw std::runtime_error("the state '" + path + "' has format " + std::to_string(found) +
                               ", this magicc reads format " + std::to_string(kFormat) +
                               "; move it away (or use another --state)");
    db->exec(kSchema);
    db->exec("PRAGMA user_version = " + std::to_string(kFormat));
    return std::unique_ptr<Journal>(new Journal(std::move(db), fd));
  } catch (const SqliteError& e) {
    ::close(fd);
    // A full disk or an I/O error is what it is, not a question of format.
    if (e.diskFull() || e.ioError())
      throw std::runtime_error("cannot write the state journal '" + path + "': " + e.what());
    throw std::runtime_error("the state '" + path + "': " + e.what() +
                             (e.notDatabase() ? " (is it a magicc journal? use another --state)"
                                              : " (use another --state)"));
  } catch (...) {
    ::close(fd);
    throw;
  }
}

Journal::Journal(std::unique_ptr<Database> db, int lockFd) : db_(std::move(db)), lockFd_(lockFd) {}

Journal::~Journal() {
  try {
    flush();
  } catch (...) {
  }
  insertEvent_.reset();
  insertOut_.reset();
  insertProcess_.reset();
  db_.reset();
  ::close(lockFd_);  // releases the lock
}

void Journal::begin() {
  if (inTransaction_) return;
  db_->exec("BEGIN");
  inTransaction_ = true;
}

void Journal::flush() {
  if (!inTransaction_) return;
  db_->exec("COMMIT");
  inTransaction_ = false;
}

void Journal::beginRun(const RunRecord& run, const std::vector<runtime::Job>& jobs) {
  runId_ = run.id;
  nlohmann::json nodes = nlohmann::json::array();
  // A hidden job (TaskComplete, a stage's barrier) is marked: the nodes
  // view leaves it out, --resume still counts it.
  for (const auto& job : jobs)
    nodes.push_back(job.hidden ? nlohmann::json{job.target, job.name, 1}
                               : nlohmann::json{job.target, job.name});
  begin();
  Statement r(db_->handle(),
              "INSERT INTO runs(id, program, source_hash, invocation, status, started, nodes) "
              "VALUES(?, ?, ?, ?, 'running', ?, ?)");
  r.bind(1, run.id)
      .bind(2, run.program)
      .bind(3, run.sourceHash)
      .bind(4, run.invocation)
      .bind(5, now());
  r.bind(6, nodes.dump());
  r.run();
  runKey_ = sqlite3_last_insert_rowid(db_->handle());
  flush();
}

std::optional<RunRecord> Journal::lastRun(const std::string& program) {
  Statement q(db_->handle(),
              "SELECT id, program, source_hash, invocation, status FROM runs WHERE program = ? "
              "ORDER BY key DESC LIMIT 1");
  q.bind(1, program);
  if (!q.step()) return std::nullopt;
  return RunRecord{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4)};
}

std::vector<NodeRecord> Journal::nodes(const std::string& runId) {
  Statement q(db_->handle(), "SELECT key, nodes FROM runs WHERE id = ?");
  q.bind(1, runId);
  std::vector<NodeRecord> out;
  if (!q.step()) return out;
  std::int64_t key = q.integer(0);
  auto nodes = nlohmann::json::parse(q.text(1), nullptr, false);
  if (!nodes.is_array()) throw std::runtime_error("run " + runId + " has a damaged node list");
  for (const auto& n : nodes)
    out.push_back({n.at(0).get<std::string>(), n.at(1).get<std::string>()});
  // The latest transition of each node is its state.
  Statement t(db_->handle(),
              "SELECT job, state, changed FROM transitions WHERE run = ? ORDER BY seq");
  t.bind(1, key);
  while (t.step()) {
    auto job = static_cast<std::size_t>(t.integer(0));
    if (job >= out.size()) continue;
    out[job].state = parseState(t.text(1));
    out[job].changed = t.integer(2) != 0;
  }
  return out;
}

runtime::Values Journal::outs(const std::string& runId, std::uint32_t job) {
  Statement q(db_->handle(),
              "SELECT o.name, o.value FROM outs o JOIN runs r ON r.key = o.run WHERE r.id = ? AND "
              "o.job = ? "
              "ORDER BY o.name");
  q.bind(1, runId).bind(2, static_cast<std::int64_t>(job));
  runtime::Values out;
  while (q.step()) out.emplace_back(q.text(0), q.text(1));
  return out;
}

void Journal::resumeRun(const std::string& runId) {
  std::vector<NodeRecord> before = nodes(runId);
  runId_ = runId;
  Statement k(db_->handle(), "SELECT key FROM runs WHERE id = ?");
  k.bind(1, runId);
  if (!k.step()) throw std::runtime_error("no run " + runId);
  runKey_ = k.integer(0);
  begin();
  Statement r(db_->handle(), "UPDATE runs SET status = 'running', finished = NULL WHERE key = ?");
  r.bind(1, runKey_);
  r.run();
  // What was under way or failed is INCOMPLETE again, and the journal says why.
  for (std::uint32_t j = 0; j < before.size(); ++j) {
    runtime::State st = before[j].state;
    if (st == runtime::State::Complete || st == runtime::State::Incomplete) continue;
    transition(j, runtime::State::Incomplete, 0, false,
               std::string("resumed: was ") + runtime::stateName(st));
  }
  flush();
}

void Journal::transition(std::uint32_t job, runtime::State state, int attempt, bool changed,
                         const std::string& detail) {
  begin();
  if (!insertEvent_)
    insertEvent_ =
        std::make_unique<Statement>(db_->handle(),
                                    "INSERT INTO transitions(run, job, time, state, attempt, "
                                    "changed, detail) VALUES(?, ?, ?, ?, ?, ?, ?)");
  insertEvent_->bind(1, runKey_).bind(2, static_cast<std::int64_t>(job)).bind(3, now());
  insertEvent_->bind(4, runtime::stateName(state)).bind(5, static_cast<std::int64_t>(attempt));
  insertEvent_->bind(6, static_cast<std::int64_t>(changed)).bind(7, detail);
  insertEvent_->run();
}

void Journal::recordOuts(std::uint32_t job, const runtime::Values& outs) {
  if (outs.empty()) return;
  begin();
  if (!insertOut_)
    insertOut_ = std::make_unique<Statement>(
        db_->handle(), "INSERT OR REPLACE INTO outs(run, job, name, value) VALUES(?, ?, ?, ?)");
  for (const auto& [name, value] : outs) {
    insertOut_->bind(1, runKey_)
        .bind(2, static_cast<std::int64_t>(job))
        .bind(3, name)
        .bind(4, value);
    insertOut_->run();
  }
}

void Journal::recordTails(std::uint32_t job, int attempt, const std::string& stdoutTail,
                          const std::string& stderrTail) {
  begin();
  Statement insert(db_->handle(),
                   "INSERT OR REPLACE INTO tails(run, job, attempt, stdout, stderr) "
                   "VALUES(?, ?, ?, ?, ?)");
  insert.bind(1, runKey_)
      .bind(2, static_cast<std::int64_t>(job))
      .bind(3, static_cast<std::int64_t>(attempt))
      .bind(4, stdoutTail)
      .bind(5, stderrTail);
  insert.run();
}

void Journal::recordProcess(const std::string& host, const std::string& node, int pgid) {
  begin();
  if (!insertProcess_)
    insertProcess_ = std::make_unique<Statement>(
        db_->handle(), "INSERT INTO processes(run, host, node, pgid, time) VALUES(?, ?, ?, ?, ?)");
  insertProcess_->bind(1, runKey_)
      .bind(2, host)
      .bind(3, node)
      .bind(4, static_cast<std::int64_t>(pgid));
  insertProcess_->bind(5, now());
  insertProcess_->run();
}

std::set<int> Journal::processGroups(const std::string& runId, double& started) {
  Statement q(db_->handle(),
              "SELECT p.pgid, r.started FROM runs r LEFT JOIN processes p ON p.run = r.key "
              "WHERE r.id = ?");
  q.bind(1, runId);
  std::set<int> groups;
  started = 0;
  while (q.step()) {
    started = q.real(1);
    if (!q.isNull(0)) groups.insert(static_cast<int>(q.integer(0)));
  }
  return groups;
}

void Journal::finishRun(const std::string& status) {
  begin();
  Statement r(db_->handle(), "UPDATE runs SET status = ?, finished = ? WHERE key = ?");
  r.bind(1, status).bind(2, now()).bind(3, runKey_);
  r.run();
  flush();
}

}  // namespace magicc::store
