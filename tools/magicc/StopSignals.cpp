#include "StopSignals.h"

#include <pthread.h>

namespace magicc::driver {

StopSignals::StopSignals() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

void StopSignals::release() {
  if (!waiter_.joinable()) return;
  // A SIGTERM to the waiter alone ends its wait; it sees it was released.
  released_ = true;
  pthread_kill(waiter_.native_handle(), SIGTERM);
  waiter_.join();
}

void StopSignals::onSignal(std::function<void()> stop) {
  waiter_ = std::thread([this, stop = std::move(stop)] {
    int signal = 0;
    sigwait(&signals_, &signal);
    if (!released_) stop();
  });
}

}  // namespace magicc::driver
