#!/usr/bin/env bash
# Sets up magicc on Debian 12 as root: installs the Debian packages that are
# missing, configures and builds, then
#   ./setup.sh demo   runs magicc on the flagship example
#   ./setup.sh test   runs the whole test suite through ctest
#   ./setup.sh sanitize  builds with ASan and UBSan (clang, build-asan/) and runs it again
#   ./setup.sh tsan   builds with ThreadSanitizer (build-tsan/) and runs the
#                     engine's, the servers' and the language server's tests
#   ./setup.sh fuzz   builds the libFuzzer targets (in build-asan/) and runs
#                     each for FUZZ_SECONDS (15)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  cmake ninja-build g++ ccache pkg-config python3 time clang-format clang-14 libclang-rt-14-dev
  antlr4 libantlr4-runtime-dev
  openssh-client openssh-server sqlite3 procps openssl wrk zsh fish help2man
  libfmt-dev libcli11-dev nlohmann-json3-dev libre2-dev libsodium-dev libyaml-cpp-dev libdtl-dev
  libboost-dev libssl-dev libsqlite3-dev libgoogle-perftools-dev libgtest-dev libbenchmark-dev llvm-14-tools llvm-14-dev neovim
  libpq-dev postgresql chromium
)

# The VS Code extension's test installs its npm packages itself
# (editors/vscode/build.sh): Debian's npm where there is none (a NodeSource
# nodejs brings its own, and conflicts with Debian's npm).
command -v npm >/dev/null || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD=${BUILD_DIR:-build}
# ccache (CMakeLists.txt uses it when present): a rebuild from another clone
# of the same sources, as CI does, reuses what was compiled. Paths relative to
# the clone, so the clone's place does not matter.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
# Every build is a unity build: the sources are small files over the same
# heavy headers (Boost.Asio, nlohmann/json, fmt, CLI11), and compiling them
# sixteen to a unit halves a build from nothing (13 to 6.5 minutes on two
# cores), which is every build on a fresh machine and in CI.
CONFIGURE=(-G Ninja -DMAGICC_WERROR=ON -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16)
cmake -S . -B "$BUILD" "${CONFIGURE[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j "$(nproc)"
MAGICC="$(cd "$BUILD" && pwd)/bin/magicc"

# ctest under a sanitizer whose reports also go to files under $REPORTS,
# checked at the end: a report from a command a lit test expects to fail
# (`not magicc ...`) would otherwise pass unseen.
ctest_with_reports() {
  local dir=$1 status=0
  shift
  ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" "$@" || status=$?
  if compgen -G "$REPORTS/*" >/dev/null; then
    cat "$REPORTS"/* >&2
    echo "setup: the sanitizer reports above are kept in $REPORTS" >&2
    exit 1
  fi
  rmdir "$REPORTS"
  exit "$status"
}
# What ThreadSanitizer leaves out: single-threaded front-end suites, checks
# of files and packages, the load and crash tests (timing and kills: the
# Release run has them), and the run suite's and the examples' single
# commands (2.5 minutes under it; the engine's threads are in the unit,
# agent, serve, ssh and language-server tests).
TSAN_SKIP='^(load\.|reliability\.|lit\.examples$|lit\.test\.lit\.run$|MakeMagicImport\.|differential|setup\.|editors\.|style\.|layering\.|docs\.|fmt\.|install\.|fuzz\.|lit\.test\.lit\.(syntax|sema|plan|import|driver)$|(Lexer|Parser|StringLiteral|Type|Utf8|Suggest|LexerEquivalence|Diagnostics|HostPattern)\.)'

# The ASan and UBSan build (clang: libFuzzer comes with it), which also
# holds the fuzz targets: every library instrumented for coverage too.
# -O1 -g1: quick to build, line numbers in reports.
configure_asan() {
  SAN=${SANITIZE_BUILD_DIR:-build-asan}
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$SAN" "${CONFIGURE[@]}" -DCMAKE_BUILD_TYPE=None \
    -DCMAKE_CXX_FLAGS="-O1 -g1" -DMAGICC_SANITIZE=ON -DMAGICC_BUILD_FUZZERS=ON \
    -DMAGICC_BUILD_BENCH=OFF >/dev/null
}

case "${1:-demo}" in
  demo)
    cd examples
    echo "\$ magicc check app_cluster_upgrade.mm"
    "$MAGICC" check app_cluster_upgrade.mm && echo "(no diagnostics: the program is well formed)"
    echo "\$ magicc plan app_cluster_upgrade.mm app_cluster_upgrade -i inventory.yaml -D backend=app -D cluster=bravo -D revision=20"
    "$MAGICC" plan app_cluster_upgrade.mm app_cluster_upgrade -i inventory.yaml \
      -D backend=app -D cluster=bravo -D revision=20
    # Then runs: a rolling upgrade on four (local) web hosts, and resources
    # twice (the second run changes nothing). State and files under /tmp.
    state=$(mktemp -d /tmp/magicc-demo-state.XXXXXX)
    echo "\$ magicc run rolling_upgrade.mm rolling_upgrade -i tutorial_hosts.yaml -D version=1.4.2"
    "$MAGICC" run rolling_upgrade.mm rolling_upgrade -i tutorial_hosts.yaml -D version=1.4.2 \
      --state "$state/state.db" | grep -v -e '^start' -e '^ok '
    echo "\$ magicc run password_file.mm   # twice"
    "$MAGICC" run password_file.mm --state "$state/state.db"
    "$MAGICC" run password_file.mm --state "$state/state.db" | tail -1
    ;;
  test)
    ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)"
    ;;
  sanitize)
    # The whole suite again under AddressSanitizer and UBSan (CI runs it), with
    # LeakSanitizer: compilations free what they allocate, and the command
    # line's deliberate leak at exit is marked as such (frontend/Leak.h).
    # The same build holds the libFuzzer targets (setup.sh fuzz): one
    # sanitized build of the tree instead of two, seven minutes less in CI.
    configure_asan
    cmake --build "$SAN" -j "$(nproc)"
    # The differential test checks the planner's rule in Python, the setup.*
    # tests check setup.sh's packages, editors.vscode checks a grammar and
    # packages JavaScript: the first build ran them, sanitizers add nothing.
    # The syntax and sema suites' programs are seeds of the parser and check
    # fuzzers, which run each of them under ASan and UBSan (setup.sh fuzz);
    # the crash tests' point is SIGKILL, which the first build tested.
    # intercept_tls_get_addr=0: LeakSanitizer crashed its own tracer
    # ("Tracer caught signal 11") walking the dynamic TLS of the dlopen'ed
    # LLVM JIT module under GCC 12; kept under clang, which needs no such walk.
    REPORTS=$(mktemp -d)
    export ASAN_OPTIONS=detect_leaks=1:intercept_tls_get_addr=0:abort_on_error=1:log_path=$REPORTS/asan
    export UBSAN_OPTIONS=print_stacktrace=1:log_path=$REPORTS/ubsan
    ctest_with_reports "$SAN" \
      -E '^(differential|setup\.|editors\.vscode|reliability\.|lit\.test\.lit\.(syntax|sema)$)'
    ;;
  tsan)
    # The engine, the servers and the language server, and every test that
    # drives them, under ThreadSanitizer (CI runs it). The front end's lit
    # suites and the checks of files are single-threaded: left out.
    TSAN=${TSAN_BUILD_DIR:-build-tsan}
    cmake -S . -B "$TSAN" "${CONFIGURE[@]}" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
      -DMAGICC_TSAN=ON -DMAGICC_BUILD_BENCH=OFF >/dev/null
    # What its tests run, not the fuzz corpus replays it leaves out.
    cmake --build "$TSAN" -j "$(nproc)" --target magicc magicc_unit_tests
    REPORTS=$(mktemp -d)
    export TSAN_OPTIONS=second_deadlock_stack=1:log_path=$REPORTS/tsan
    ctest_with_reports "$TSAN" -E "$TSAN_SKIP"
    ;;
  fuzz)
    # Every libFuzzer target (in the ASan and UBSan build above) for
    # FUZZ_SECONDS each (15 by default), from its seeds (test/fuzz/run_fuzzers.sh).
    configure_asan
    cmake --build "$SAN" -j "$(nproc)" --target fuzzers
    test/fuzz/run_fuzzers.sh "$SAN"
    ;;
  *)
    echo "usage: $0 [demo|test|sanitize|tsan|fuzz]" >&2
    exit 2
    ;;
esac
