#include "backends/Spawn.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <spawn.h>

#include <cerrno>

// ThreadSanitizer takes a child sharing our memory for a thread started
// after fork and kills it: its builds start children with posix_spawn.
#if defined(__SANITIZE_THREAD__)
#define MAGICC_SPAWN_WITH_POSIX_SPAWN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MAGICC_SPAWN_WITH_POSIX_SPAWN 1
#endif
#endif

namespace magicc::runtime {

namespace {

// The signals magicc catches or ignores (main, run, agent, asio's
// signal_sets): a child must not inherit SIG_IGN, and no handler of ours may
// run in the child between unblocking and exec. A new one goes here too.
// Caught signals go back to their default at exec anyway.
constexpr int kChanged[] = {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGXFSZ};

struct Child {
  const SpawnRequest* request;
  volatile int error;  // written by the child, which shares our memory
};

// Runs in the child, on the runner's spawn stack, until exec. Only plain
// system calls: it shares the parent's memory, heap and TLS.
__attribute__((no_sanitize_address)) int startChild(void* arg) {
  auto* child = static_cast<Child*>(arg);
  const SpawnRequest& r = *child->request;
  struct sigaction dfl = {};
  dfl.sa_handler = SIG_DFL;
  for (int s : kChanged) ::sigaction(s, &dfl, nullptr);
  if (::setpgid(0, 0) != 0) {
    child->error = errno;
    ::_exit(127);
  }
  const int from[] = {r.in, r.out, r.err};
  for (int to = 0; to < 3; ++to) {
    // dup2 onto itself keeps close-on-exec: clear it instead.
    int rc = from[to] == to ? ::fcntl(to, F_SETFD, 0) : ::dup2(from[to], to);
    if (rc < 0) {
      child->error = errno;
      ::_exit(127);
    }
  }
  // Nothing else of ours: an agent's listening socket inherited by a job
  // kept its port after the agent died, and it could not start again.
  ::close_range(3, ~0U, 0);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::execve(r.path, r.argv, r.envp);
  child->error = errno;
  ::_exit(127);
}

#ifdef MAGICC_SPAWN_WITH_POSIX_SPAWN
// The same child as startChild's, through glibc.
pid_t posixSpawn(const SpawnRequest& r, int& error) {
  posix_spawnattr_t attr;
  posix_spawn_file_actions_t actions;
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_init(&actions);
  sigset_t none, changed;
  sigemptyset(&none);
  sigemptyset(&changed);
  for (int s : kChanged) sigaddset(&changed, s);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &changed);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  const int from[] = {r.in, r.out, r.err};
  for (int to = 0; to < 3; ++to) posix_spawn_file_actions_adddup2(&actions, from[to], to);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, r.path, &actions, &attr, r.argv, r.envp);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    error = rc;
    return -1;
  }
  return pid;
}
#endif

}  // namespace

Spawner::Spawner() {
  // Enough for the few calls above, with a guard page below.
  long page = ::sysconf(_SC_PAGESIZE);
  stackSize_ = 64 * 1024;
  void* p = ::mmap(nullptr, stackSize_, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (p == MAP_FAILED) return;
  ::mprotect(p, static_cast<std::size_t>(page), PROT_NONE);
  stack_ = p;
}

Spawner::~Spawner() {
  if (stack_) ::munmap(stack_, stackSize_);
}

pid_t Spawner::spawn(const SpawnRequest& request, int& error) {
#ifdef MAGICC_SPAWN_WITH_POSIX_SPAWN
  return posixSpawn(request, error);
#endif
  if (!stack_) {
    error = ENOMEM;
    return -1;
  }
  Child child{&request, 0};
  // Every signal blocked until the child has reset what it must: no handler
  // of ours may run on the child's side of the shared memory.
  sigset_t all, old;
  sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t pid = ::clone(startChild, static_cast<char*>(stack_) + stackSize_,
                      CLONE_VM | CLONE_VFORK | SIGCHLD, &child);
  int cloneError = errno;
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  if (pid < 0) {
    error = cloneError;
    return -1;
  }
  if (child.error != 0) {
    error = child.error;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return -1;
  }
  return pid;
}

}  // namespace magicc::runtime
