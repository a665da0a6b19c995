// Starts a program the way make's posix_spawn does, with less per spawn:
// clone(CLONE_VM | CLONE_VFORK) on a stack kept for the next spawn (no mmap,
// munmap and TLB shootdown each time), and only the signals magicc handles or
// ignores set back to their default (glibc's posix_spawn resets all 64, one
// rt_sigaction each, in every child).
#pragma once

#include <sys/types.h>

#include <cstddef>

namespace magicc::runtime {

struct SpawnRequest {
  const char* path = nullptr;       // resolved: no PATH search
  char* const* argv = nullptr;      // null-terminated
  char* const* envp = nullptr;      // null-terminated
  int in = -1, out = -1, err = -1;  // become the child's 0, 1 and 2
};

// One per runner, used from one thread: the stack is reused, which is safe
// because the parent waits (CLONE_VFORK) until the child has exec'd or exited.
class Spawner {
 public:
  Spawner();
  ~Spawner();
  Spawner(const Spawner&) = delete;
  Spawner& operator=(const Spawner&) = delete;

  // The child: its own process group, default handling of every signal, an
  // empty signal mask, nothing open but 0-2. Returns its pid, or -1 with
  // `error` set (errno of the clone, or of the child's exec, which is then
  // already reaped).
  pid_t spawn(const SpawnRequest& request, int& error);

 private:
  void* stack_ = nullptr;
  std::size_t stackSize_ = 0;
};

}  // namespace magicc::runtime
