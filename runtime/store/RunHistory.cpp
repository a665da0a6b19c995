#include "store/RunHistory.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "store/Sqlite.h"

namespace magicc::store {

namespace {

std::unique_ptr<Database> openForReading(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw HistoryError("cannot read the state journal '" + path + "': " + std::strerror(errno));
  try {
    return std::make_unique<Database>(path, true);
  } catch (const SqliteError& e) {
    throw HistoryError("cannot read the state journal '" + path + "': " + e.what());
  }
}

std::string text(Statement& s, int column) {
  return s.isNull(column) ? std::string() : s.text(column);
}

RunSummary summaryOf(Database& db, Statement& row) {
  RunSummary r;
  r.id = text(row, 1);
  r.program = text(row, 2);
  try {
    r.pipeline = nlohmann::json::parse(text(row, 3)).value("pipeline", "");
  } catch (const nlohmann::json::exception&) {
  }
  r.status = text(row, 4);
  r.started = row.real(5);
  r.finished = row.isNull(6) ? 0 : row.real(6);
  Statement states(db.handle(), "SELECT state, count(*) FROM nodes WHERE run = ? GROUP BY state");
  states.bind(1, r.id);
  while (states.step()) r.states[states.text(0)] = static_cast<int>(states.integer(1));
  Statement changed(db.handle(),
                    "SELECT count(DISTINCT job) FROM transitions WHERE run = ? AND changed = 1 "
                    "AND state = 'COMPLETE'");
  changed.bind(1, row.integer(0));
  if (changed.step()) r.changed = static_cast<int>(changed.integer(0));
  return r;
}

constexpr const char* kRuns =
    "SELECT key, id, program, invocation, status, started, finished FROM runs";

template <typename F>
auto reading(const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SqliteError& e) {
    // Only a file that is not a database raises the question; a read-only
    // file system (SQLite cannot make a WAL journal's -shm) says so itself.
    throw HistoryError("cannot read the state journal '" + path + "': " + e.what() +
                       (e.notDatabase() ? " (is it a magicc journal?)" : ""));
  }
}

}  // namespace

std::vector<RunSummary> listRuns(const std::string& path) {
  auto db = openForReading(path);
  return reading(path, [&] {
    std::vector<RunSummary> out;
    Statement runs(db->handle(), std::string(kRuns) + " ORDER BY started, key");
    while (runs.step()) out.push_back(summaryOf(*db, runs));
    return out;
  });
}

std::optional<RunDetail> showRun(const std::string& path, const std::string& id) {
  auto db = openForReading(path);
  return reading(path, [&]() -> std::optional<RunDetail> {
    Statement runs(db->handle(),
                   std::string(kRuns) + (id.empty() ? " ORDER BY started DESC, key DESC LIMIT 1"
                                                    : " WHERE substr(id, 1, length(?1)) = ?1"));
    if (!id.empty()) runs.bind(1, id);
    std::optional<RunDetail> out;
    std::int64_t key = 0;
    while (runs.step()) {
      if (out) throw HistoryError("'" + id + "' starts more than one run's id: give more of it");
      key = runs.integer(0);
      out = RunDetail{summaryOf(*db, runs), {}};
    }
    if (!out) return out;
    Statement nodes(
        db->handle(),
        "SELECT n.job, n.target, n.name, n.state, "
        "  (SELECT max(attempt) FROM transitions t WHERE t.run = ?1 AND t.job = n.job), "
        "  (SELECT max(changed) FROM transitions t WHERE t.run = ?1 AND t.job = n.job "
        "     AND t.state = 'COMPLETE'), "
        "  (SELECT max(time) - min(time) FROM transitions t WHERE t.run = ?1 AND t.job = n.job "
        "     AND t.seq >= (SELECT min(seq) FROM transitions s WHERE s.run = ?1 AND s.job = n.job "
        "       AND s.state = 'IN_PROGRESS')), "
        "  (SELECT detail FROM transitions t WHERE t.run = ?1 AND t.job = n.job "
        "     ORDER BY seq DESC LIMIT 1) "
        "FROM nodes n WHERE n.run = ?2 ORDER BY n.job");
    nodes.bind(1, key).bind(2, out->run.id);
    std::map<std::int64_t, std::size_t> byJob;
    while (nodes.step()) {
      NodeHistory n;
      n.target = text(nodes, 1);
      n.name = text(nodes, 2);
      n.state = text(nodes, 3);
      n.attempts = nodes.isNull(4) ? 0 : static_cast<int>(nodes.integer(4));
      n.changed = !nodes.isNull(5) && nodes.integer(5) != 0;
      n.seconds = nodes.isNull(6) ? 0 : nodes.real(6);
      n.detail = text(nodes, 7);
      byJob[nodes.integer(0)] = out->nodes.size();
      out->nodes.push_back(std::move(n));
    }
    Statement hasTails(db->handle(), "SELECT 1 FROM sqlite_master WHERE name = 'tails'");
    if (hasTails.step()) {
      Statement tails(db->handle(),
                      "SELECT job, stdout, stderr FROM tails WHERE run = ? ORDER BY attempt");
      tails.bind(1, key);
      while (tails.step())
        if (auto it = byJob.find(tails.integer(0)); it != byJob.end()) {
          out->nodes[it->second].stdoutTail = text(tails, 1);
          out->nodes[it->second].stderrTail = text(tails, 2);
        }
    }
    return out;
  });
}

}  // namespace magicc::store
