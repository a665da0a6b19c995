// SIGINT and SIGTERM for the long-running subcommands (serve, work): blocked
// in every thread, and taken by one thread of their own, which calls the
// command's stop function (never from a signal handler).
#pragma once

#include <atomic>
#include <csignal>
#include <functional>
#include <thread>

namespace magicc::driver {

class StopSignals {
 public:
  // Blocks the signals (and ignores SIGPIPE); construct it before any
  // thread starts, so that every thread inherits the mask.
  StopSignals();
  ~StopSignals() { release(); }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // From now on, the first SIGINT or SIGTERM calls `stop` on the waiting thread.
  void onSignal(std::function<void()> stop);
  // Stops waiting (joins the thread) without calling `stop`: call it once
  // the command has ended, while what `stop` touches still exists.
  void release();

 private:
  sigset_t signals_;
  std::atomic<bool> released_{false};
  std::thread waiter_;
};

}  // namespace magicc::driver
