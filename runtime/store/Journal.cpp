#include "store/Journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

namespace magicc::store {

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

runtime::State parseState(const std::string& s) {
  using runtime::State;
  for (State st : {State::Incomplete, State::InProgress, State::Complete, State::Failed, State::Skipped})
    if (s == runtime::stateName(st)) return st;
  return State::Incomplete;
}

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs(
  id TEXT PRIMARY KEY, program TEXT NOT NULL, source_hash TEXT NOT NULL,
  invocation TEXT NOT NULL, status TEXT NOT NULL, started REAL NOT NULL, finished REAL);
CREATE TABLE IF NOT EXISTS nodes(
  run TEXT NOT NULL, job INTEGER NOT NULL, target TEXT NOT NULL, name TEXT NOT NULL,
  state TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0, changed INTEGER NOT NULL DEFAULT 0,
  updated REAL, PRIMARY KEY(run, job));
CREATE TABLE IF NOT EXISTS transitions(
  seq INTEGER PRIMARY KEY, run TEXT NOT NULL, job INTEGER NOT NULL, time REAL NOT NULL,
  state TEXT NOT NULL, attempt INTEGER NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outs(
  run TEXT NOT NULL, job INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY(run, job, name));
CREATE INDEX IF NOT EXISTS runs_by_program ON runs(program, started);
)sql";

}  // namespace

std::unique_ptr<Journal> Journal::open(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty() && !std::filesystem::exists(dir)) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create '" + dir.string() + "': " + ec.message());
    ::chmod(dir.c_str(), 0700);
  }
  std::string lockPath = path + ".lock";
  int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    throw std::runtime_error("cannot open '" + lockPath + "': " + std::strerror(errno));
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
    // Mode 0600 before SQLite opens it: the journal says what ran where.
    int dbFd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (dbFd >= 0) ::close(dbFd);
    auto db = std::make_unique<Database>(path);
    db->exec("PRAGMA journal_mode=WAL");
    // NORMAL in WAL mode: a commit survives a crash of magicc (kill -9); only
    // a power loss may take back the last commits.
    db->exec("PRAGMA synchronous=NORMAL");
    db->exec(kSchema);
    return std::unique_ptr<Journal>(new Journal(std::move(db), fd));
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
  updateNode_.reset();
  insertEvent_.reset();
  insertOut_.reset();
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
  begin();
  Statement r(db_->handle(),
              "INSERT INTO runs(id, program, source_hash, invocation, status, started) "
              "VALUES(?, ?, ?, ?, 'running', ?)");
  r.bind(1, run.id).bind(2, run.program).bind(3, run.sourceHash).bind(4, run.invocation).bind(5, now());
  r.run();
  Statement n(db_->handle(),
              "INSERT INTO nodes(run, job, target, name, state) VALUES(?, ?, ?, ?, 'INCOMPLETE')");
  for (std::uint32_t j = 0; j < jobs.size(); ++j) {
    n.bind(1, run.id).bind(2, static_cast<std::int64_t>(j)).bind(3, jobs[j].target).bind(4, jobs[j].name);
    n.run();
  }
  flush();
}

std::optional<RunRecord> Journal::lastRun(const std::string& program) {
  Statement q(db_->handle(),
              "SELECT id, program, source_hash, invocation, status FROM runs WHERE program = ? "
              "ORDER BY started DESC LIMIT 1");
  q.bind(1, program);
  if (!q.step()) return std::nullopt;
  return RunRecord{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4)};
}

std::vector<NodeRecord> Journal::nodes(const std::string& runId) {
  Statement q(db_->handle(), "SELECT target, name, state, changed FROM nodes WHERE run = ? ORDER BY job");
  q.bind(1, runId);
  std::vector<NodeRecord> out;
  while (q.step()) out.push_back({q.text(0), q.text(1), parseState(q.text(2)), q.integer(3) != 0});
  return out;
}

runtime::Values Journal::outs(const std::string& runId, std::uint32_t job) {
  Statement q(db_->handle(), "SELECT name, value FROM outs WHERE run = ? AND job = ? ORDER BY name");
  q.bind(1, runId).bind(2, static_cast<std::int64_t>(job));
  runtime::Values out;
  while (q.step()) out.emplace_back(q.text(0), q.text(1));
  return out;
}

void Journal::resumeRun(const std::string& runId) {
  runId_ = runId;
  begin();
  Statement r(db_->handle(), "UPDATE runs SET status = 'running', finished = NULL WHERE id = ?");
  r.bind(1, runId);
  r.run();
  Statement t(db_->handle(),
              "INSERT INTO transitions(run, job, time, state, attempt, detail) "
              "SELECT run, job, ?, 'INCOMPLETE', attempt, 'resumed: was ' || state FROM nodes "
              "WHERE run = ? AND state <> 'COMPLETE' AND state <> 'INCOMPLETE'");
  t.bind(1, now()).bind(2, runId);
  t.run();
  Statement n(db_->handle(),
              "UPDATE nodes SET state = 'INCOMPLETE' WHERE run = ? AND state <> 'COMPLETE'");
  n.bind(1, runId);
  n.run();
  flush();
}

void Journal::transition(std::uint32_t job, runtime::State state, int attempt, bool changed,
                         const std::string& detail) {
  begin();
  if (!updateNode_) {
    updateNode_ = std::make_unique<Statement>(
        db_->handle(),
        "UPDATE nodes SET state = ?, attempt = ?, changed = ?, updated = ? WHERE run = ? AND job = ?");
    insertEvent_ = std::make_unique<Statement>(
        db_->handle(),
        "INSERT INTO transitions(run, job, time, state, attempt, detail) VALUES(?, ?, ?, ?, ?, ?)");
  }
  double t = now();
  updateNode_->bind(1, runtime::stateName(state)).bind(2, static_cast<std::int64_t>(attempt));
  updateNode_->bind(3, static_cast<std::int64_t>(changed)).bind(4, t).bind(5, runId_);
  updateNode_->bind(6, static_cast<std::int64_t>(job));
  updateNode_->run();
  insertEvent_->bind(1, runId_).bind(2, static_cast<std::int64_t>(job)).bind(3, t);
  insertEvent_->bind(4, runtime::stateName(state)).bind(5, static_cast<std::int64_t>(attempt));
  insertEvent_->bind(6, detail);
  insertEvent_->run();
}

void Journal::recordOuts(std::uint32_t job, const runtime::Values& outs) {
  if (outs.empty()) return;
  begin();
  if (!insertOut_)
    insertOut_ = std::make_unique<Statement>(
        db_->handle(), "INSERT OR REPLACE INTO outs(run, job, name, value) VALUES(?, ?, ?, ?)");
  for (const auto& [name, value] : outs) {
    insertOut_->bind(1, runId_).bind(2, static_cast<std::int64_t>(job)).bind(3, name).bind(4, value);
    insertOut_->run();
  }
}

void Journal::finishRun(const std::string& status) {
  begin();
  Statement r(db_->handle(), "UPDATE runs SET status = ?, finished = ? WHERE id = ?");
  r.bind(1, status).bind(2, now()).bind(3, runId_);
  r.run();
  flush();
}

}  // namespace magicc::store
