#include "backends/SshDriver.h"

#include <algorithm>
#include <charconv>
#include <random>

#include "backends/Command.h"

namespace magicc::runtime {

namespace {

// The driver. t: the token; d: its private directory, with the files of the
// command it runs (one at a time): c.sh its script, which holds its values,
// c.in its input, c.p its process group, c.x its exit status when its shell
// exited normally (the script's EXIT trap writes it). 0600 files in a 0700
// directory, emptied as each command ends (by the shell itself: no process
// per command for it) and removed with the directory when the driver exits.
// g: "-" when setsid puts each command in its own process group (kill --
// -PGID), else empty (kill -- PID). The script comes as lines, read by the
// shell's own `read`; the input, binary, by `take`: GNU head -c reads no
// further than it must; elsewhere dd one byte at a time. A command runs in
// the background so that the loop goes on reading requests: a kill request,
// or the EOF of a closed session, which kills what still runs (EXIT trap).
// Each command costs two forks and the exec of setsid and sh: on a loaded
// host every process is a wait for a core.
constexpr const char* kDriver = R"(: magicc-driver
umask 077
IFS= read -r t || exit 0
d=$(mktemp -d "${TMPDIR:-/tmp}/magicc.XXXXXX" 2>/dev/null) || { d=/tmp/magicc.$$; mkdir "$d"; } || exit 1
f="$d/c"
s=setsid; g=-
command -v setsid >/dev/null 2>&1 || { s=; g=; }
h=
case $(head --version 2>/dev/null) in *GNU*) h=1;; esac
take() { if [ -n "$h" ]; then head -c "$1"; else dd bs=1 count="$1" 2>/dev/null; fi; }
signal() { [ -s "$f.p" ] && read -r q < "$f.p" && kill -s "$1" -- $g$q 2>/dev/null; }
finish() {
  if signal TERM; then sleep 1; signal KILL; fi
  rm -rf "$d"
}
trap finish EXIT
trap "exit 1" HUP INT TERM PIPE
go() {
  : > "$f.x"
  if [ "$1" = S ]; then $s sudo -n /bin/sh "$f.sh" < "$3" & else $s /bin/sh "$f.sh" < "$3" & fi
  echo $! > "$f.p"
  wait $!
  e=$?
  : > "$f.p"
  k=x
  if [ -s "$f.x" ]; then read -r e < "$f.x"; elif [ "$e" -gt 128 ]; then e=$((e - 128)); k=s; fi
  : > "$f.sh"; : > "$f.in"; : > "$f.x"
  printf "%s %s %s %s\n" "$t" "$2" "$k" "$e"
  printf "%s %s\n" "$t" "$2" >&2
}
printf "%s ready\n" "$t"
printf "%s ready\n" "$t" >&2
while read -r k i a b; do
  case $k in
  R|S)
    c=
    while [ "$a" -gt 0 ]; do IFS= read -r l; c="$c$l
"; a=$((a - 1)); done
    printf "%s" "$c" > "$f.sh"
    n=/dev/null
    if [ "$b" -gt 0 ]; then n="$f.in"; take "$b" > "$n"; fi
    go "$k" "$i" "$n" &
    ;;
  K)
    if signal TERM; then { sleep 2; signal KILL; } > /dev/null 2>&1 & fi
    ;;
  *) exit 1;;
  esac
done
)";

template <typename T>
bool number(std::string_view text, T& out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::string driverScript() {
  return kDriver;
}

std::string driverCommand() {
  return "exec /bin/sh -c '" + driverScript() + "'";
}

std::string driverToken() {
  std::random_device random;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 8; ++i) {
    unsigned v = random();
    for (int j = 0; j < 4; ++j) token += kHex[(v >> (4 * j)) & 0xf];
  }
  return token;
}

std::string driverCommandScript(const std::string& command, const Values& values) {
  // sh SCRIPT: $0 is the script's path, c.sh; the driver made c.x.
  std::string script = "trap 'echo $? > \"${0%.sh}.x\"' EXIT\n";
  for (const auto& [k, v] : values) script += "export " + k + "=" + shellQuote(v) + "\n";
  // A command without shell syntax replaces the shell, as /bin/sh -c does
  // with it: a signal that ends it is then the command's own.
  return script + (needsShell(command) ? "" : "exec ") + command + "\n";
}

std::string driverRequest(std::uint64_t id, bool sudo, std::string_view script,
                          std::string_view input) {
  // Whole lines, without NUL (no shell keeps one in a value anyway).
  std::string lines;
  for (char c : script)
    if (c != '\0') lines += c;
  if (lines.empty() || lines.back() != '\n') lines += '\n';
  std::size_t count = static_cast<std::size_t>(std::count(lines.begin(), lines.end(), '\n'));
  std::string out = sudo ? "S " : "R ";
  out +=
      std::to_string(id) + " " + std::to_string(count) + " " + std::to_string(input.size()) + "\n";
  out += lines;
  out += input;
  return out;
}

std::string driverKill(std::uint64_t id) {
  return "K " + std::to_string(id) + "\n";
}

std::optional<DriverExit> parseDriverExit(std::string_view marker) {
  // "ID x CODE" or "ID s SIGNAL"
  std::size_t a = marker.find(' ');
  if (a == std::string_view::npos || a + 3 > marker.size() || marker[a + 2] != ' ')
    return std::nullopt;
  DriverExit exit;
  char kind = marker[a + 1];
  if (kind != 'x' && kind != 's') return std::nullopt;
  exit.signaled = kind == 's';
  if (!number(marker.substr(0, a), exit.id) || !number(marker.substr(a + 3), exit.code))
    return std::nullopt;
  return exit;
}

void DriverStreamScanner::feed(std::string_view chunk,
                               const std::function<void(std::string_view)>& data,
                               const std::function<void(std::string_view)>& marker) {
  buffer_.append(chunk);
  std::size_t from = 0;
  for (;;) {
    std::size_t at = buffer_.find(token_, from);
    if (at == std::string::npos) {
      // Everything but a tail that could still become the token.
      std::size_t keep = 0;
      for (std::size_t n = std::min(token_.size() - 1, buffer_.size() - from); n > 0; --n)
        if (buffer_.compare(buffer_.size() - n, n, token_, 0, n) == 0) {
          keep = n;
          break;
        }
      std::size_t end = buffer_.size() - keep;
      if (end > from) data(std::string_view(buffer_).substr(from, end - from));
      buffer_.erase(0, end);
      return;
    }
    std::size_t nl = buffer_.find('\n', at + token_.size());
    if (nl == std::string::npos) {
      if (at > from) data(std::string_view(buffer_).substr(from, at - from));
      buffer_.erase(0, at);
      return;
    }
    if (at > from) data(std::string_view(buffer_).substr(from, at - from));
    std::size_t start = at + token_.size();
    if (start < nl && buffer_[start] == ' ') ++start;
    marker(std::string_view(buffer_).substr(start, nl - start));
    from = nl + 1;
  }
}

}  // namespace magicc::runtime
