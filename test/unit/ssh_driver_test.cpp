// The persistent SSH session's wire format (SshDriver.h): requests, the
// scanner that splits a stream into output and marker lines, and the driver
// script itself, run by this machine's /bin/sh on a pipe (test/lit/ssh runs
// it through sshd).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "backends/SshDriver.h"

namespace magicc::runtime {
namespace {

struct Scanned {
  std::string data;
  std::vector<std::string> markers;
};

Scanned scan(const std::string& token, const std::vector<std::string>& chunks) {
  DriverStreamScanner scanner(token);
  Scanned out;
  for (const auto& chunk : chunks)
    scanner.feed(
        chunk, [&](std::string_view d) { out.data.append(d); },
        [&](std::string_view m) {
          out.markers.emplace_back(m);
          out.data += "|";  // where the marker was
        });
  return out;
}

TEST(SshDriver, RequestsAreLengthPrefixed) {
  // The script in whole lines (counted), the input in bytes.
  EXPECT_EQ(driverRequest(7, false, "hel\nlo", std::string("a\0c", 3)),
            std::string("R 7 2 3\nhel\nlo\na\0c", 18));
  EXPECT_EQ(driverRequest(8, true, "x\n", ""), "S 8 1 0\nx\n");
  EXPECT_EQ(driverKill(9), "K 9\n");
}

TEST(SshDriver, CommandScriptQuotesValues) {
  std::string script = driverCommandScript("echo $A", {{"A", "it's $HOME"}});
  EXPECT_NE(script.find("export A='it'\\''s $HOME'\n"), std::string::npos) << script;
  EXPECT_EQ(script.substr(script.size() - 8), "echo $A\n");
  EXPECT_EQ(driverScript().find('\''), std::string::npos);
  std::string simple = driverCommandScript("sleep 1", {});
  EXPECT_EQ(simple.substr(simple.size() - 14), "\nexec sleep 1\n");
}

TEST(SshDriver, TokensAreRandomHex) {
  std::string a = driverToken(), b = driverToken();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(SshDriver, ParsesExits) {
  auto x = parseDriverExit("12 x 3");
  ASSERT_TRUE(x);
  EXPECT_EQ(x->id, 12u);
  EXPECT_FALSE(x->signaled);
  EXPECT_EQ(x->code, 3);
  auto s = parseDriverExit("4 s 9");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->signaled);
  EXPECT_EQ(s->code, 9);
  for (const char* bad : {"", "4", "4 x", "4 y 1", "a x 1", "4 x 1z", "4 x "})
    EXPECT_FALSE(parseDriverExit(bad)) << bad;
}

TEST(SshDriver, ScannerSplitsDataAndMarkers) {
  auto r = scan("TOK", {"hello TOK 1 x 0\nafterTOK 2\n"});
  EXPECT_EQ(r.data, "hello |after|");
  EXPECT_EQ(r.markers, (std::vector<std::string>{"1 x 0", "2"}));
}

TEST(SshDriver, ScannerDiscardsNothingAcrossChunks) {
  // The token and its line split anywhere, binary data around it.
  std::string stream = std::string("a\0bT", 4) + "OTO" + "TOKEN 5 s 9\n" + "TOKE";
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    auto r = scan("TOKEN", {stream.substr(0, cut), stream.substr(cut)});
    EXPECT_EQ(r.data, std::string("a\0bTOTO|", 8)) << cut;
    EXPECT_EQ(r.markers, std::vector<std::string>{"5 s 9"}) << cut;
  }
  // One byte at a time, a prefix of the token that turns out not to be one.
  std::vector<std::string> bytes;
  for (char c : std::string("TOKTOKEN 1\nTOKx")) bytes.emplace_back(1, c);
  bytes.emplace_back("y");
  auto r = scan("TOKEN", bytes);
  EXPECT_EQ(r.data, "TOK|TOKxy");
}

// The driver under /bin/sh, on pipes, as a session's client drives it: one
// request at a time, each answered by the markers on stdout and stderr.
class DriverProcess {
 public:
  DriverProcess() {
    int in[2], out[2], err[2];
    EXPECT_EQ(::pipe(in), 0);
    EXPECT_EQ(::pipe(out), 0);
    EXPECT_EQ(::pipe(err), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
      // A login shell that prints first.
      std::string command = "echo login noise; echo more noise >&2; " + driverCommand();
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    in_ = in[1];
    out_ = out[0];
    err_ = err[0];
    send(token_ + "\n");
  }
  ~DriverProcess() {
    ::close(in_);  // EOF: the driver ends
    int status = 0;
    ::waitpid(pid_, &status, 0);
    ::close(out_);
    ::close(err_);
  }
  void send(const std::string& data) {
    ASSERT_EQ(::write(in_, data.data(), data.size()), static_cast<ssize_t>(data.size()));
  }
  // Reads one stream up to its next marker: the data before it, and the marker.
  std::pair<std::string, std::string> next(bool isOut) {
    DriverStreamScanner& scanner = isOut ? outScan_ : errScan_;
    std::string& held = isOut ? outHeld_ : errHeld_;
    std::string data, marker;
    bool found = false;
    auto feed = [&](std::string_view chunk) {
      scanner.feed(
          chunk, [&](std::string_view d) { (found ? held : data).append(d); },
          [&](std::string_view m) {
            if (found) held += "\n#" + std::string(m);  // a later marker: not expected here
            marker = m;
            found = true;
          });
    };
    while (!found) {
      char buf[4096];
      ssize_t n = ::read(isOut ? out_ : err_, buf, sizeof buf);
      if (n <= 0) break;
      feed(std::string_view(buf, static_cast<std::size_t>(n)));
    }
    return {data, marker};
  }

 private:
  std::string token_ = driverToken();
  DriverStreamScanner outScan_{token_}, errScan_{token_};
  std::string outHeld_, errHeld_;
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
};

TEST(SshDriver, DriverRunsCommandsAndReportsHowTheyEnded) {
  DriverProcess driver;
  // What the login shell printed comes before "ready", and is not a command's.
  EXPECT_EQ(driver.next(true), std::make_pair(std::string("login noise\n"), std::string("ready")));
  EXPECT_EQ(driver.next(false), std::make_pair(std::string("more noise\n"), std::string("ready")));
  struct Case {
    std::string command, input, out, err, marker;
  };
  std::vector<Case> cases{
      // Values in the environment, binary input, both streams, the exit status.
      {"echo \"$V\"; cat; echo oops >&2; exit 3", std::string("in\0put\n", 7),
       std::string("a 'b'\nc\nin\0put\n", 15), "oops\n", "x 3"},
      // A signal that ends the script's shell is a signal...
      {"kill -TERM $$", "", "", "", "s 15"},
      // ...an exit status above 128 is an exit status...
      {"exit 130", "", "", "", "x 130"},
      // ...and an exec'd command's signal is its own.
      {"echo $$ > \"$PIDFILE\"; exec sleep 5", "", "", "", "s 9"},
      {"printf %s no-newline", "", "no-newline", "", "x 0"},
  };
  std::string pidFile = testing::TempDir() + "magicc-driver-" + std::to_string(::getpid());
  auto pidIn = [&] {
    for (int i = 0; i < 100; ++i) {
      std::ifstream in(pidFile);
      pid_t pid = 0;
      if (in >> pid && pid > 0) return pid;
      ::usleep(20 * 1000);
    }
    return pid_t{0};
  };
  Values values{{"V", "a 'b'\nc"}, {"PIDFILE", pidFile}};
  std::uint64_t id = 0;
  for (const auto& c : cases) {
    ++id;
    driver.send(driverRequest(id, false, driverCommandScript(c.command, values), c.input));
    if (c.command.find("PIDFILE") != std::string::npos) {
      pid_t pid = pidIn();  // killed from outside
      ASSERT_GT(pid, 0);
      ::kill(pid, SIGKILL);
      std::remove(pidFile.c_str());
    }
    auto [out, exit] = driver.next(true);
    EXPECT_EQ(out, c.out) << c.command;
    EXPECT_EQ(exit, std::to_string(id) + " " + c.marker) << c.command;
    auto [err, end] = driver.next(false);
    EXPECT_EQ(end, std::to_string(id)) << c.command;
    if (!c.err.empty()) {
      EXPECT_EQ(err, c.err) << c.command;
    }
  }
  // A kill request: TERM to the command's group, its children too.
  driver.send(driverRequest(
      ++id, false, driverCommandScript("sleep 7 & echo $! > \"$PIDFILE\"; wait", values), ""));
  pid_t child = pidIn();
  ASSERT_GT(child, 0);
  driver.send(driverKill(id));
  EXPECT_EQ(driver.next(true).second, std::to_string(id) + " s 15");
  driver.next(false);
  bool gone = false;
  // Gone, or a zombie nobody reaps yet (its parent died with it).
  auto state = [&] {
    std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
    std::string pid, name, s;
    stat >> pid >> name >> s;
    return s;
  };
  for (int i = 0; i < 50 && !gone; ++i, ::usleep(20 * 1000)) {
    std::string s = state();
    gone = s.empty() || s == "Z";
  }
  EXPECT_TRUE(gone);
  std::remove(pidFile.c_str());
}

}  // namespace
}  // namespace magicc::runtime
