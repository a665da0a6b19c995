#include "agent/Jobs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <memory>

#include "engine/Redactor.h"

namespace magicc::agent {

namespace asio = boost::asio;

struct Jobs::Active {
  JobRecord record;
  runtime::Values env;
  std::string input;
  std::string host;
  runtime::Redactor redactor;
  std::unique_ptr<runtime::StreamRedactor> output;  // over `redactor`, once running
  int outFd = -1;
  int group = -1;  // the process group once running
  bool cancelled = false;
  bool truncated = false;
  std::vector<std::function<void()>> waiters;
};

namespace {

constexpr std::string_view kTruncated = "\n[magicc agent: output truncated]\n";

void wakeAll(std::vector<std::function<void()>>& wake) {
  for (auto& w : wake) w();
}

std::string readAt(const std::string& path, std::uint64_t offset, std::size_t max) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string out(max, '\0');
  ssize_t n = ::pread(fd, out.data(), max, static_cast<off_t>(offset));
  ::close(fd);
  out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return out;
}

}  // namespace

Jobs::Jobs(asio::io_context& io, runtime::Executor& executor, JobLog& log, std::string hostname,
           std::uint64_t outputLimit)
    : io_(io),
      executor_(executor),
      log_(log),
      hostname_(std::move(hostname)),
      outputLimit_(outputLimit) {}

Jobs::~Jobs() {
  for (auto& [id, job] : active_)
    if (job->outFd >= 0) ::close(job->outFd);
}

JobRecord Jobs::submit(JobRequest request) {
  std::lock_guard lock(mutex_);
  auto job = std::make_unique<Active>();
  job->record = std::move(request.record);
  job->record.status = kQueued;
  job->record.queuedAt = utcNow();
  job->env = std::move(request.env);
  job->input = std::move(request.input);
  job->host = request.host.empty() ? hostname_ : std::move(request.host);
  for (const auto& secret : request.redact) job->redactor.add(secret);
  job->output = std::make_unique<runtime::StreamRedactor>(job->redactor);
  log_.add(job->record);
  JobRecord out = job->record;
  if (stopped_) return out;
  auto& queue = queues_[out.queue];
  queue.push_back(out.id);
  active_.emplace(out.id, std::move(job));
  if (queue.size() == 1) startNext(out.queue);
  return out;
}

void Jobs::startNext(const std::string& queue) {
  auto it = queues_.find(queue);
  if (it == queues_.end()) return;
  if (it->second.empty()) {
    queues_.erase(it);
    return;
  }
  std::int64_t id = it->second.front();
  asio::post(io_, [this, id] { launch(id); });
}

void Jobs::launch(std::int64_t id) {
  runtime::CommandSpec spec;
  {
    std::lock_guard lock(mutex_);
    auto it = active_.find(id);
    if (it == active_.end() || stopped_) return;
    Active& job = *it->second;
    JobRecord& r = job.record;
    r.status = kRunning;
    r.startedAt = utcNow();
    log_.update(r);
    job.outFd = ::open(log_.outputPath(id).c_str(),
                       O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
    if (r.cmd.is_array()) {
      for (const auto& word : r.cmd) spec.argv.push_back(word.get<std::string>());
      // Exactly these words run; sudo and the values go in front of them.
      if (r.sudo && ::geteuid() != 0) {
        std::vector<std::string> wrapped{"sudo", "-n", "--", "env"};
        for (const auto& [k, v] : job.env) wrapped.push_back(k + "=" + v);
        wrapped.push_back("MAGICC_NODE=" + r.node);
        wrapped.push_back("MAGICC_HOST=" + job.host);
        wrapped.push_back("MAGICC_RUN_ID=" + r.runId);
        wrapped.insert(wrapped.end(), spec.argv.begin(), spec.argv.end());
        spec.argv = std::move(wrapped);
      }
    } else {
      spec.command = r.cmd.get<std::string>();
      spec.sudo = r.sudo;
    }
    spec.env = std::move(job.env);
    spec.input = std::move(job.input);
    spec.node = r.node;
    spec.host = job.host;
    spec.runId = r.runId;
    spec.timeout = std::chrono::milliseconds(r.timeoutMs);
    spec.output = [this, id](std::string_view data) { onOutput(id, data); };
  }
  spawnedGroup_ = -1;
  executor_.run(spec, [this, id](runtime::CommandResult result) { onDone(id, result); });
  std::lock_guard lock(mutex_);
  auto it = active_.find(id);
  if (it == active_.end()) return;
  it->second->group = spawnedGroup_;
  if (it->second->cancelled && spawnedGroup_ > 0) ::kill(-spawnedGroup_, SIGKILL);
}

void Jobs::onOutput(std::int64_t id, std::string_view data) {
  std::vector<std::function<void()>> wake;
  {
    std::lock_guard lock(mutex_);
    auto it = active_.find(id);
    if (it == active_.end()) return;
    Active& job = *it->second;
    if (job.truncated || job.outFd < 0) return;
    writeOutput(job, job.output->feed(data));
    wake.swap(job.waiters);
  }
  wakeAll(wake);
}

void Jobs::writeOutput(Active& job, std::string_view data) {
  if (job.truncated || job.outFd < 0) return;
  std::uint64_t room = outputLimit_ - job.record.outputSize;
  std::string_view keep =
      data.substr(0, static_cast<std::size_t>(std::min<std::uint64_t>(room, data.size())));
  std::string piece(keep);
  if (keep.size() < data.size()) {
    piece += kTruncated;
    job.truncated = true;
  }
  std::size_t done = 0;
  while (done < piece.size()) {
    ssize_t n = ::write(job.outFd, piece.data() + done, piece.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  job.record.outputSize += done;
}

void Jobs::finishLocked(Active& job, std::vector<std::function<void()>>& wake, bool write) {
  if (job.output) writeOutput(job, job.output->finish());  // what was held back
  job.record.finishedAt = utcNow();
  if (write) log_.update(job.record);
  if (job.outFd >= 0) ::close(job.outFd);
  job.outFd = -1;
  for (auto& w : job.waiters) wake.push_back(std::move(w));
  job.waiters.clear();
}

void Jobs::onDone(std::int64_t id, const runtime::CommandResult& result) {
  std::vector<std::function<void()>> wake;
  {
    std::lock_guard lock(mutex_);
    auto it = active_.find(id);
    if (it == active_.end()) return;
    Active& job = *it->second;
    JobRecord& r = job.record;
    r.timedOut = result.timedOut;
    if (!result.failedToStart && result.signal == 0) r.exitCode = result.exitCode;
    if (result.signal != 0) r.signal = result.signal;
    r.stdoutTail = job.redactor.redact(result.stdoutTail);
    r.stderrTail = job.redactor.redact(result.stderrTail);
    r.status = result.ok() && !job.cancelled ? kComplete : kError;
    r.message = job.cancelled ? "cancelled" : result.ok() ? "" : runtime::describeFailure(result);
    finishLocked(job, wake);
    std::string queue = r.queue;
    auto q = queues_.find(queue);
    if (q != queues_.end() && !q->second.empty() && q->second.front() == id) q->second.pop_front();
    active_.erase(it);
    startNext(queue);
  }
  wakeAll(wake);
}

std::optional<JobRecord> Jobs::get(std::int64_t id) {
  std::lock_guard lock(mutex_);
  if (auto it = active_.find(id); it != active_.end()) return it->second->record;
  return log_.find(id);
}

std::vector<JobRecord> Jobs::list(std::size_t limit, const std::string& queue) {
  std::lock_guard lock(mutex_);
  auto jobs = log_.latest(limit, queue);
  // The active ones as they are now (output size) rather than as last written.
  for (auto& job : jobs)
    if (auto it = active_.find(job.id); it != active_.end()) job = it->second->record;
  return jobs;
}

std::optional<JobRecord> Jobs::cancel(std::int64_t id) {
  std::vector<std::function<void()>> wake;
  std::optional<JobRecord> out;
  {
    std::lock_guard lock(mutex_);
    auto it = active_.find(id);
    if (it == active_.end()) return log_.find(id);
    Active& job = *it->second;
    job.cancelled = true;
    if (job.record.status == kQueued) {
      job.record.status = kError;
      job.record.message = "cancelled";
      finishLocked(job, wake);
      out = job.record;
      auto& queue = queues_[job.record.queue];
      bool wasFront = !queue.empty() && queue.front() == id;
      std::erase(queue, id);
      std::string name = job.record.queue;
      active_.erase(it);
      if (wasFront)
        startNext(name);  // its launch finds it gone
      else if (queue.empty())
        queues_.erase(name);
    } else {
      out = job.record;
      if (job.group > 0) {
        int group = job.group;
        ::kill(-group, SIGTERM);
        auto timer = std::make_shared<asio::steady_timer>(io_, std::chrono::seconds(2));
        timer->async_wait([this, id, group, timer](const boost::system::error_code& ec) {
          std::lock_guard relock(mutex_);
          if (!ec && active_.count(id)) ::kill(-group, SIGKILL);
        });
      }
    }
  }
  wakeAll(wake);
  return out;
}

OutputPiece Jobs::readOutput(std::int64_t id, std::uint64_t offset, std::size_t max) {
  OutputPiece piece;
  std::string path;
  std::uint64_t size = 0;
  {
    std::lock_guard lock(mutex_);
    if (auto it = active_.find(id); it != active_.end()) {
      piece.found = true;
      size = it->second->record.outputSize;
    } else if (auto job = log_.find(id)) {
      piece.found = true;
      piece.finished = true;
      size = job->outputSize;
    } else {
      return piece;
    }
    path = log_.outputPath(id);
  }
  // Only what the log says was written: a running job's file grows.
  if (offset < size) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size - offset, max));
    piece.data = readAt(path, offset, want);
    if (piece.data.empty())
      piece.finished = true;  // the file cannot be read: end the stream, not spin
    else if (piece.finished && offset + piece.data.size() < size)
      piece.finished = false;
  }
  return piece;
}

void Jobs::waitOutput(std::int64_t id, std::uint64_t offset, std::function<void()> ready) {
  {
    std::lock_guard lock(mutex_);
    auto it = active_.find(id);
    if (it != active_.end() && it->second->record.outputSize <= offset) {
      it->second->waiters.push_back(std::move(ready));
      return;
    }
  }
  ready();
}

std::map<std::string, std::size_t> Jobs::queueDepths() {
  std::lock_guard lock(mutex_);
  std::map<std::string, std::size_t> out;
  for (const auto& [name, queue] : queues_)
    if (!queue.empty()) out[name] = queue.size();
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> Jobs::countByStatus() {
  std::lock_guard lock(mutex_);
  return log_.countByStatus();
}

nlohmann::json Jobs::metadata() {
  std::lock_guard lock(mutex_);
  return log_.metadata();
}

nlohmann::json Jobs::patchMetadata(const nlohmann::json& patch) {
  std::lock_guard lock(mutex_);
  nlohmann::json document = log_.metadata();
  document.merge_patch(patch);
  log_.setMetadata(document);
  return document;
}

void Jobs::stop(const std::string& why) {
  std::vector<std::function<void()>> wake;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    std::vector<JobRecord> records;
    for (auto& [id, job] : active_) {
      if (job->group > 0) ::kill(-job->group, SIGKILL);
      job->record.status = kError;
      job->record.message = why;
      finishLocked(*job, wake, false);
      records.push_back(job->record);
    }
    log_.updateAll(records);
    active_.clear();
    queues_.clear();
  }
  wakeAll(wake);
}

}  // namespace magicc::agent
