#include "agent/JobLog.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "store/Sqlite.h"

namespace magicc::agent {

namespace {

void makeDirectory(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw std::runtime_error(path + " is not a directory");
}

JobRecord rowJob(store::Statement& row) {
  try {
    return jobFromJson(nlohmann::json::parse(row.text(0)));
  } catch (const nlohmann::json::exception&) {
    JobRecord job;  // a damaged row reads as a failed job, never a crash
    job.status = kError;
    job.message = "damaged job log entry";
    return job;
  }
}

}  // namespace

JobLog::JobLog(const std::string& dir, std::size_t keep) : dir_(dir), keep_(keep) {
  makeDirectory(dir_);
  makeDirectory(dir_ + "/output");
  try {
    db_ = std::make_unique<store::Database>(dir_ + "/jobs.db");
    db_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    db_->exec(
        "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " queue TEXT NOT NULL, status TEXT NOT NULL, doc TEXT NOT NULL);"
        "CREATE INDEX IF NOT EXISTS jobs_queue ON jobs(queue, id);"
        // Pruning finds the finished jobs older than the newest `keep`
        // without scanning past a backlog of queued ones.
        "CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, id);"
        "CREATE TABLE IF NOT EXISTS metadata (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " doc TEXT NOT NULL);");
  } catch (const store::SqliteError& e) {
    throw std::runtime_error("cannot open " + dir_ + "/jobs.db: " + e.what());
  }
  failUnfinished("agent restarted");
}

JobLog::~JobLog() = default;

std::string JobLog::outputPath(std::int64_t id) const {
  return dir_ + "/output/" + std::to_string(id);
}

std::int64_t JobLog::add(JobRecord& job) {
  store::Statement insert(db_->handle(), "INSERT INTO jobs (queue, status, doc) VALUES (?,?,'')");
  insert.bind(1, job.queue).bind(2, job.status).run();
  job.id = sqlite3_last_insert_rowid(db_->handle());
  update(job);
  // Prune: finished jobs beyond the newest `keep_`, and their output.
  store::Statement old(db_->handle(),
                       "SELECT id FROM jobs WHERE status IN ('Complete','Error') AND id <= ?");
  old.bind(1, job.id - static_cast<std::int64_t>(keep_));
  std::vector<std::int64_t> ids;
  while (old.step()) ids.push_back(old.integer(0));
  old.reset();
  if (!ids.empty()) {
    store::Statement remove(db_->handle(), "DELETE FROM jobs WHERE id = ?");
    for (auto id : ids) {
      remove.bind(1, id).run();
      ::unlink(outputPath(id).c_str());
    }
  }
  return job.id;
}

void JobLog::updateAll(const std::vector<JobRecord>& jobs) {
  db_->exec("BEGIN");
  try {
    for (const auto& job : jobs) update(job);
  } catch (...) {
    db_->exec("ROLLBACK");
    throw;
  }
  db_->exec("COMMIT");
}

void JobLog::update(const JobRecord& job) {
  store::Statement set(db_->handle(), "UPDATE jobs SET status = ?, doc = ? WHERE id = ?");
  set.bind(1, job.status).bind(2, toJson(job).dump()).bind(3, job.id).run();
}

std::optional<JobRecord> JobLog::find(std::int64_t id) {
  store::Statement get(db_->handle(), "SELECT doc FROM jobs WHERE id = ?");
  get.bind(1, id);
  if (!get.step()) return std::nullopt;
  JobRecord job = rowJob(get);
  get.reset();
  return job;
}

std::vector<JobRecord> JobLog::latest(std::size_t limit, const std::string& queue) {
  std::vector<JobRecord> out;
  store::Statement get(db_->handle(),
                       queue.empty()
                           ? "SELECT doc FROM jobs ORDER BY id DESC LIMIT ?"
                           : "SELECT doc FROM jobs WHERE queue = ? ORDER BY id DESC LIMIT ?");
  if (queue.empty())
    get.bind(1, static_cast<std::int64_t>(limit));
  else
    get.bind(1, queue).bind(2, static_cast<std::int64_t>(limit));
  while (get.step()) out.push_back(rowJob(get));
  get.reset();
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> JobLog::countByStatus() {
  std::vector<std::pair<std::string, std::int64_t>> out;
  store::Statement get(db_->handle(), "SELECT status, COUNT(*) FROM jobs GROUP BY status");
  while (get.step()) out.emplace_back(get.text(0), get.integer(1));
  get.reset();
  return out;
}

std::size_t JobLog::failUnfinished(const std::string& why) {
  std::vector<JobRecord> jobs;
  {
    store::Statement get(db_->handle(),
                         "SELECT doc FROM jobs WHERE status IN ('Queued','Running')");
    while (get.step()) jobs.push_back(rowJob(get));
    get.reset();
  }
  for (auto& job : jobs) {
    job.status = kError;
    job.message = why;
    if (job.finishedAt.empty()) job.finishedAt = utcNow();
    struct stat st {};
    if (::stat(outputPath(job.id).c_str(), &st) == 0)
      job.outputSize = static_cast<std::uint64_t>(st.st_size);
  }
  updateAll(jobs);
  return jobs.size();
}

nlohmann::json JobLog::metadata() {
  store::Statement get(db_->handle(), "SELECT doc FROM metadata WHERE id = 1");
  nlohmann::json out = nlohmann::json::object();
  if (get.step()) {
    auto parsed = nlohmann::json::parse(get.text(0), nullptr, false);
    if (parsed.is_object()) out = std::move(parsed);
  }
  get.reset();
  return out;
}

void JobLog::setMetadata(const nlohmann::json& object) {
  store::Statement set(db_->handle(),
                       "INSERT INTO metadata (id, doc) VALUES (1, ?)"
                       " ON CONFLICT(id) DO UPDATE SET doc = excluded.doc");
  set.bind(1, object.dump()).run();
}

}  // namespace magicc::agent
