#include "serve/LongPolls.h"

#include <vector>

namespace magicc::serve {

LongPolls::LongPolls() : thread_([this] { loop(); }) {}

LongPolls::~LongPolls() {
  stop();
}

void LongPolls::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  // Whoever still waits is answered now, so no client hangs on shutdown.
  std::map<std::uint64_t, Waiter> left;
  {
    std::lock_guard lock(mutex_);
    left.swap(waiters_);
  }
  for (auto& [id, w] : left) w.retry(true);
}

std::uint64_t LongPolls::wait(const std::string& task,
                              std::chrono::steady_clock::time_point deadline, Retry retry) {
  std::uint64_t id;
  {
    std::unique_lock lock(mutex_);
    if (stopping_) {
      lock.unlock();
      retry(true);
      return 0;
    }
    id = next_++;
    waiters_.emplace(id, Waiter{task, deadline, std::move(retry)});
    // A change between the first answer and now must not be missed.
    changed_.insert(task);
  }
  wake_.notify_all();
  return id;
}

void LongPolls::cancel(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  waiters_.erase(id);
}

void LongPolls::changed(const std::string& task) {
  {
    std::lock_guard lock(mutex_);
    // Nobody waits: waking the thread would cost every claim a thread switch.
    if (waiters_.empty() && asking_ == 0) return;
    changed_.insert(task);
  }
  wake_.notify_all();
}

std::size_t LongPolls::waiting() const {
  std::lock_guard lock(mutex_);
  return waiters_.size();
}

void LongPolls::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto next = std::chrono::steady_clock::time_point::max();
    for (const auto& [id, w] : waiters_) next = std::min(next, w.deadline);
    if (changed_.empty()) {
      if (next == std::chrono::steady_clock::time_point::max())
        wake_.wait(lock);
      else
        wake_.wait_until(lock, next);
    }
    if (stopping_) break;
    const auto now = std::chrono::steady_clock::now();
    std::set<std::string> tasks;
    tasks.swap(changed_);
    // Ask outside the lock: a retry runs a request against the store.
    std::vector<std::pair<std::uint64_t, Waiter>> due;
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (it->second.deadline <= now || tasks.count(it->second.task)) {
        due.emplace_back(it->first, std::move(it->second));
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
    asking_ = due.size();
    lock.unlock();
    std::vector<std::pair<std::uint64_t, Waiter>> again;
    for (auto& [id, w] : due)
      if (!w.retry(w.deadline <= now)) again.emplace_back(id, std::move(w));
    lock.lock();
    asking_ = 0;
    for (auto& [id, w] : again) waiters_.emplace(id, std::move(w));
  }
}

}  // namespace magicc::serve
