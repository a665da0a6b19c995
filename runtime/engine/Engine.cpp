#include "engine/Engine.h"

#include <algorithm>

namespace magicc::runtime {

const char* stateName(State s) {
  switch (s) {
    case State::Incomplete:
      return "INCOMPLETE";
    case State::InProgress:
      return "IN_PROGRESS";
    case State::Complete:
      return "COMPLETE";
    case State::Failed:
      return "FAILED";
    case State::Skipped:
      return "SKIPPED";
  }
  return "INCOMPLETE";
}

Engine::Engine(boost::asio::io_context& io, std::vector<Job> jobs, JobRunner& runner,
               Observer& observer, EngineOptions options)
    : io_(io),
      jobs_(std::move(jobs)),
      runner_(runner),
      observer_(observer),
      options_(std::move(options)),
      states_(jobs_.size(), State::Incomplete),
      changed_(jobs_.size(), 0),
      outs_(jobs_.size()),
      outsUnknown_(jobs_.size(), 0),
      pending_(jobs_.size()),
      blocked_(options_.stages.size()),
      stageRunning_(options_.stages.size(), 0),
      stageFailures_(options_.stages.size(), 0) {
  if (options_.jobs == 0) options_.jobs = 1;
  for (std::uint32_t j = 0; j < jobs_.size(); ++j) pending_[j] = jobs_[j].predecessors;
}

void Engine::restoreFailed(std::uint32_t j) {
  states_[j] = State::Failed;
  int stage = jobs_[j].stage;
  if (stage >= 0 && static_cast<std::size_t>(stage) < options_.stages.size())
    ++stageFailures_[stage];
}

void Engine::restore(std::uint32_t j, bool changed, Values outs) {
  states_[j] = State::Complete;
  changed_[j] = changed;
  outs_[j] = std::move(outs);
  for (std::uint32_t s : jobs_[j].successors) --pending_[s];
}

void Engine::start(std::function<void()> idle) {
  idle_ = std::move(idle);
  for (std::uint32_t j = 0; j < jobs_.size(); ++j)
    if (pending_[j] == 0 && states_[j] == State::Incomplete) ready_.push_back(j);
  pump();
}

void Engine::stopStarting() {
  stopping_ = true;
  interrupted_ = true;
  // Retries waiting out their delay are abandoned now, not when it ends.
  for (auto& timer : retryTimers_) timer->cancel();
  for (auto& [j, attempt] : retryReady_) {
    CommandResult gaveUp;
    gaveUp.failedToStart = true;
    gaveUp.error = "interrupted before its retry";
    fail(j, gaveUp);
  }
  retryReady_.clear();
  pump();
}

bool Engine::stageAllows(std::uint32_t j) const {
  const Job& job = jobs_[j];
  if (job.stage < 0 || static_cast<std::size_t>(job.stage) >= options_.stages.size()) return true;
  const StageLimits& limits = options_.stages[job.stage];
  if (limits.concurrency && stageRunning_[job.stage] >= limits.concurrency) return false;
  if (limits.perHost) {
    auto it = hostRunning_.find(hostKey(job));
    if (it != hostRunning_.end() && it->second >= limits.perHost) return false;
  }
  return true;
}

void Engine::reserve(std::uint32_t j, int attempt) {
  states_[j] = State::InProgress;
  ++running_;
  maxRunning_ = std::max(maxRunning_, running_);
  const Job& job = jobs_[j];
  if (job.stage >= 0 && static_cast<std::size_t>(job.stage) < options_.stages.size()) {
    ++stageRunning_[job.stage];
    ++hostRunning_[hostKey(job)];
  }
  observer_.started(j, attempt);
}

void Engine::release(std::uint32_t j) {
  --running_;
  const Job& job = jobs_[j];
  if (job.stage >= 0 && static_cast<std::size_t>(job.stage) < options_.stages.size()) {
    --stageRunning_[job.stage];
    --hostRunning_[hostKey(job)];
    // What the stage's limits held back may start now, ahead of later work.
    auto& held = blocked_[job.stage];
    ready_.insert(ready_.begin(), held.begin(), held.end());
    held.clear();
  }
}

StartContext Engine::contextFor(std::uint32_t j, int attempt) const {
  StartContext c;
  c.attempt = attempt;
  const Job& job = jobs_[j];
  for (std::uint32_t from : job.refreshFrom)
    if (changed_[from]) c.refreshed = true;
  for (const Receive& r : job.receives) {
    if (outsUnknown_[r.from]) {
      c.receivedUnknown = true;
      continue;
    }
    bool found = false;
    for (const auto& [name, value] : outs_[r.from])
      if (name == r.output) {
        c.received.emplace_back(r.input, value);
        found = true;
      }
    if (!found) c.missing.push_back({r.input, jobs_[r.from].name, r.output});
  }
  return c;
}

// Starts ready jobs while the limits allow. Jobs with nothing to run complete
// here, which may make more jobs ready: a loop, not recursion. What starts is
// first recorded (observer), flushed once, then handed to the runner.
void Engine::pump() {
  if (pumping_) return;
  pumping_ = true;
  std::vector<std::pair<std::uint32_t, int>> launches;
  // Retries first (their work is under way), within the limits too.
  if (!interrupted_) {
    for (auto it = retryReady_.begin(); it != retryReady_.end() && running_ < options_.jobs;) {
      if (!stageAllows(it->first)) {
        ++it;
        continue;
      }
      reserve(it->first, it->second);
      launches.push_back(*it);
      it = retryReady_.erase(it);
    }
  }
  while (!ready_.empty() && !stopping_) {
    std::uint32_t j = ready_.front();
    if (states_[j] != State::Incomplete) {  // skipped while queued
      ready_.pop_front();
      continue;
    }
    if (!jobs_[j].runs()) {
      ready_.pop_front();
      states_[j] = State::InProgress;
      observer_.started(j, 1);
      complete(j);
      continue;
    }
    if (running_ >= options_.jobs) break;
    ready_.pop_front();
    if (!stageAllows(j)) {
      blocked_[jobs_[j].stage].push_back(j);
      continue;
    }
    reserve(j, 1);
    launches.emplace_back(j, 1);
  }
  if (!launches.empty()) observer_.flush();
  for (auto [j, attempt] : launches)
    runner_.start(
        jobs_[j], contextFor(j, attempt),
        [this, j = j, attempt = attempt](CommandResult r) { onDone(j, attempt, std::move(r)); });
  pumping_ = false;
  if (running_ == 0 && retriesPending_ == 0 && retryReady_.empty() &&
      (ready_.empty() || stopping_) && idle_) {
    observer_.flush();
    auto idle = std::move(idle_);
    idle_ = nullptr;
    idle();
  }
}

void Engine::onDone(std::uint32_t j, int attempt, CommandResult result) {
  release(j);
  if (result.ok()) {
    changed_[j] = result.changed;
    outsUnknown_[j] = result.outsUnknown;
    outs_[j] = result.outs;  // copied: the observers see the result whole
    states_[j] = State::Complete;
    observer_.finished(j, State::Complete, &result);
    releaseSuccessors(j);
  } else if (attempt <= jobs_[j].retries && !interrupted_) {
    // A retry waits out the delay, then starts again (the limits count it
    // only while it runs).
    observer_.retrying(j, attempt, result);
    auto timer = std::make_unique<boost::asio::steady_timer>(io_, jobs_[j].retryDelay);
    ++retriesPending_;
    // A retry belongs to work already under way: another node's failure lets
    // it finish; only an interrupt abandons it.
    timer->async_wait([this, j, attempt](const boost::system::error_code&) {
      --retriesPending_;
      if (interrupted_) {
        CommandResult gaveUp;
        gaveUp.error = "interrupted before its retry";
        gaveUp.failedToStart = true;
        fail(j, gaveUp);
      } else {
        retryReady_.emplace_back(j, attempt + 1);
      }
      pump();
    });
    retryTimers_.push_back(std::move(timer));
  } else {
    fail(j, result);
  }
  pump();
}

void Engine::complete(std::uint32_t j) {
  states_[j] = State::Complete;
  observer_.finished(j, State::Complete, nullptr);
  releaseSuccessors(j);
}

void Engine::releaseSuccessors(std::uint32_t j) {
  for (std::uint32_t s : jobs_[j].successors)
    if (--pending_[s] == 0) ready_.push_back(s);
}

void Engine::fail(std::uint32_t j, const CommandResult& result) {
  states_[j] = State::Failed;
  observer_.finished(j, State::Failed, &result);
  int stage = jobs_[j].stage;
  bool withinBudget = stage >= 0 && static_cast<std::size_t>(stage) < options_.stages.size() &&
                      ++stageFailures_[stage] <= options_.stages[stage].maxFail;
  if (!withinBudget) {
    beyondBudget_ = true;
    if (!options_.keepGoing) stopping_ = true;
  }
  // Everything downstream is skipped: it can never run in this run. Within a
  // stage's failure budget the stage's barrier still counts this task as
  // done, so the pipeline goes on; what depends on it on its host does not.
  std::vector<std::uint32_t> work(jobs_[j].successors.begin(), jobs_[j].successors.end());
  while (!work.empty()) {
    std::uint32_t s = work.back();
    work.pop_back();
    if (withinBudget && jobs_[s].hidden) {
      if (--pending_[s] == 0) ready_.push_back(s);
      continue;
    }
    if (states_[s] != State::Incomplete) continue;
    states_[s] = State::Skipped;
    observer_.finished(s, State::Skipped, nullptr);
    work.insert(work.end(), jobs_[s].successors.begin(), jobs_[s].successors.end());
  }
}

RunSummary Engine::summary() const {
  RunSummary s;
  s.interrupted = interrupted_;
  s.failedBeyondBudget = beyondBudget_;
  for (State st : states_) {
    switch (st) {
      case State::Complete:
        ++s.ok;
        break;
      case State::Failed:
        ++s.failed;
        break;
      case State::Skipped:
        ++s.skipped;
        break;
      default:
        ++s.notRun;
        break;
    }
  }
  return s;
}

}  // namespace magicc::runtime
