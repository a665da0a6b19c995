#include "engine/Engine.h"

namespace magicc::runtime {

const char* stateName(State s) {
  switch (s) {
    case State::Incomplete: return "INCOMPLETE";
    case State::InProgress: return "IN_PROGRESS";
    case State::Complete: return "COMPLETE";
    case State::Failed: return "FAILED";
    case State::Skipped: return "SKIPPED";
  }
  return "INCOMPLETE";
}

Engine::Engine(boost::asio::io_context& io, std::vector<Job> jobs, CommandRunner& runner,
               Observer& observer, EngineOptions options)
    : io_(io),
      jobs_(std::move(jobs)),
      runner_(runner),
      observer_(observer),
      options_(options),
      states_(jobs_.size(), State::Incomplete),
      pending_(jobs_.size()) {
  if (options_.jobs == 0) options_.jobs = 1;
  for (std::uint32_t j = 0; j < jobs_.size(); ++j) pending_[j] = jobs_[j].predecessors;
}

void Engine::start(std::function<void()> idle) {
  idle_ = std::move(idle);
  for (std::uint32_t j = 0; j < jobs_.size(); ++j)
    if (pending_[j] == 0) ready_.push_back(j);
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

// Starts ready jobs while the limit allows. Jobs with nothing to run complete
// here, which may make more jobs ready: a loop, not recursion.
void Engine::pump() {
  if (pumping_) return;
  pumping_ = true;
  // Retries first (their work is under way), within the --jobs limit too.
  while (!retryReady_.empty() && running_ < options_.jobs && !interrupted_) {
    auto [j, attempt] = retryReady_.front();
    retryReady_.pop_front();
    launch(j, attempt);
  }
  while (!ready_.empty() && !stopping_) {
    std::uint32_t j = ready_.front();
    if (!jobs_[j].command.empty() && running_ >= options_.jobs) break;
    ready_.pop_front();
    if (states_[j] != State::Incomplete) continue;  // skipped while queued
    if (jobs_[j].command.empty()) {
      states_[j] = State::InProgress;
      observer_.started(j, 1);
      complete(j);
      continue;
    }
    launch(j, 1);
  }
  pumping_ = false;
  if (running_ == 0 && retriesPending_ == 0 && retryReady_.empty() &&
      (ready_.empty() || stopping_) && idle_) {
    auto idle = std::move(idle_);
    idle_ = nullptr;
    idle();
  }
}

void Engine::launch(std::uint32_t j, int attempt) {
  states_[j] = State::InProgress;
  ++running_;
  maxRunning_ = std::max(maxRunning_, running_);
  observer_.started(j, attempt);
  runner_.start(jobs_[j], attempt,
                [this, j, attempt](CommandResult r) { onDone(j, attempt, std::move(r)); });
}

void Engine::onDone(std::uint32_t j, int attempt, CommandResult result) {
  --running_;
  if (result.ok()) {
    complete(j);
  } else if (attempt <= jobs_[j].retries && !interrupted_) {
    // A retry keeps its slot's place in line: it waits out the delay, then
    // starts again (the --jobs limit counts it only while it runs).
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
  for (std::uint32_t s : jobs_[j].successors)
    if (--pending_[s] == 0) ready_.push_back(s);
}

void Engine::fail(std::uint32_t j, const CommandResult& result) {
  states_[j] = State::Failed;
  observer_.finished(j, State::Failed, &result);
  if (!options_.keepGoing) stopping_ = true;
  // Everything downstream is skipped: it can never run in this run.
  std::vector<std::uint32_t> work(jobs_[j].successors.begin(), jobs_[j].successors.end());
  while (!work.empty()) {
    std::uint32_t s = work.back();
    work.pop_back();
    if (states_[s] != State::Incomplete) continue;
    states_[s] = State::Skipped;
    observer_.finished(s, State::Skipped, nullptr);
    work.insert(work.end(), jobs_[s].successors.begin(), jobs_[s].successors.end());
  }
}

RunSummary Engine::summary() const {
  RunSummary s;
  s.interrupted = interrupted_;
  for (State st : states_) {
    switch (st) {
      case State::Complete: ++s.ok; break;
      case State::Failed: ++s.failed; break;
      case State::Skipped: ++s.skipped; break;
      default: ++s.notRun; break;
    }
  }
  return s;
}

}  // namespace magicc::runtime
