// The client side of OpenSSH's mux protocol (SshMux.h) against stand-ins
// for a master: a socket that never answers (a wedged master: its process
// stopped, its backlog still accepting) and one that answers the hello and
// takes a session request. The real masters are test/lit/ssh's.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

#include "backends/SshMux.h"

namespace magicc::runtime {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A listening Unix socket in a fresh directory; never accepts by itself.
struct FakeMaster {
  FakeMaster() {
    dir = std::filesystem::temp_directory_path() /
          ("magicc-mux-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir);
    path = (dir / "master").string();
    fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(fd, 8), 0);
  }
  ~FakeMaster() {
    ::close(fd);
    std::filesystem::remove_all(dir);
  }
  static inline int counter = 0;
  std::filesystem::path dir;
  std::string path;
  int fd = -1;
};

std::string readExactly(int fd, std::size_t n) {
  std::string out(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, out.data() + got, n - got);
    if (r <= 0) return out.substr(0, got);
    got += static_cast<std::size_t>(r);
  }
  return out;
}

std::uint32_t u32(const std::string& s, std::size_t at) {
  return (std::uint32_t(std::uint8_t(s[at])) << 24) |
         (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}

TEST(SshMux, AWedgedMasterDoesNotBlockTheLoop) {
  FakeMaster wedged;  // accepts into its backlog, never answers
  boost::asio::io_context io;
  Clock::time_point start = Clock::now(), tickAt{}, doneAt{};
  bool opened = true;
  boost::asio::steady_timer tick(io, 50ms);
  tick.async_wait([&](const boost::system::error_code&) { tickAt = Clock::now(); });
  SshMux::asyncOpen(io, wedged.path, "true", true, 400ms, [&](bool ok, MuxChannel) {
    opened = ok;
    doneAt = Clock::now();
  });
  io.run();
  EXPECT_FALSE(opened);
  // The loop went on while the master kept silent: the tick came first, on time.
  EXPECT_LT(tickAt - start, 300ms);
  EXPECT_LT(tickAt, doneAt);
  EXPECT_GE(doneAt - start, 400ms);
  EXPECT_LT(doneAt - start, 1900ms);
}

TEST(SshMux, NoMasterIsToldLaterNeverInPlace) {
  boost::asio::io_context io;
  bool called = false, ok = true;
  SshMux::asyncOpen(io, "/nonexistent/magicc/master", "true", false, 400ms,
                    [&](bool opened, MuxChannel) {
                      called = true;
                      ok = opened;
                    });
  EXPECT_FALSE(called);
  io.run();
  EXPECT_TRUE(called);
  EXPECT_FALSE(ok);
}

TEST(SshMux, AnAnsweringMasterGetsTheSessionRequestAndThreeDescriptors) {
  FakeMaster master;
  std::string command, hello;
  int descriptors = 0;
  std::thread serve([&] {
    int c = ::accept(master.fd, nullptr, nullptr);
    hello = readExactly(c, 12);  // length 8, MUX_MSG_HELLO, version 4
    std::string reply("\0\0\0\x08\0\0\0\x01\0\0\0\x04", 12);
    ASSERT_EQ(::write(c, reply.data(), reply.size()), 12);
    std::string length = readExactly(c, 4);
    std::string request = readExactly(c, u32(length, 0));
    // type, request id, reserved "", tty, x11, agent, subsystem, escape, term "", command
    std::size_t at = 4 + 4 + 4 + 5 * 4 + 4;
    command = request.substr(at + 4, u32(request, at));
    for (int i = 0; i < 3; ++i) {
      char byte;
      iovec vec{&byte, 1};
      alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
      msghdr msg{};
      msg.msg_iov = &vec;
      msg.msg_iovlen = 1;
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      if (::recvmsg(c, &msg, 0) == 1 && CMSG_FIRSTHDR(&msg)) {
        int fd;
        std::memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&msg)), sizeof fd);
        ::close(fd);
        ++descriptors;
      }
    }
    ::close(c);
  });
  boost::asio::io_context io;
  bool ok = false;
  MuxChannel channel;
  SshMux::asyncOpen(io, master.path, "exec /bin/sh -s", true, 2000ms,
                    [&](bool opened, MuxChannel c) {
                      ok = opened;
                      channel = c;
                    });
  io.run();
  serve.join();
  EXPECT_TRUE(ok);
  EXPECT_EQ(hello, std::string("\0\0\0\x08\0\0\0\x01\0\0\0\x04", 12));
  EXPECT_EQ(command, "exec /bin/sh -s");
  EXPECT_EQ(descriptors, 3);
  for (int fd : {channel.socket, channel.in, channel.out, channel.err}) {
    EXPECT_GE(fd, 0);
    ::close(fd);
  }
}

}  // namespace
}  // namespace magicc::runtime
