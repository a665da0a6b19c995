// Requests waiting for a task to change (`available?wait=30s`, a claim with
// `?wait=`): each is asked again when the store says its task changed, and
// answered when it has something or its time is up. One thread does the
// asking, so a store's notification never runs a request on the notifier.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace magicc::serve {

class LongPolls {
 public:
  // `retry(final)` asks again: it returns true when it answered (always
  // when `final`, the deadline having passed).
  using Retry = std::function<bool(bool final)>;

  LongPolls();
  ~LongPolls();
  LongPolls(const LongPolls&) = delete;
  LongPolls& operator=(const LongPolls&) = delete;

  // Returns a handle that cancel() takes (the client went away).
  std::uint64_t wait(const std::string& task, std::chrono::steady_clock::time_point deadline,
                     Retry retry);
  void cancel(std::uint64_t id);
  // The store says `task` changed.
  void changed(const std::string& task);
  std::size_t waiting() const;
  // Answers every waiter now and takes no more; the destructor does too.
  void stop();

 private:
  struct Waiter {
    std::string task;
    std::chrono::steady_clock::time_point deadline;
    Retry retry;
  };
  void loop();
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::uint64_t, Waiter> waiters_;
  std::set<std::string> changed_;
  std::size_t asking_ = 0;  // waiters being asked again, outside waiters_
  std::uint64_t next_ = 1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace magicc::serve
