// Claims per second against a running `magicc serve`: WORKERS concurrent
// claim loops (one kept-alive connection each, on one client thread), each
// claiming the next item of TASK until nothing is left; prints the rate and
// latency percentiles as one JSON line. bench/serve_bench.py starts the
// servers (SQLite, PostgreSQL) and the task.
//   serve_bench URL TASK [WORKERS]
#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "http/Client.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace http = magicc::http;

struct Bench {
  http::HttpClient& client;
  std::string target;
  std::vector<double> latenciesMs;
  std::size_t claimed = 0, errors = 0;
  int running = 0;

  void next(int worker) {
    http::Request request{http::bhttp::verb::post, target, 11};
    request.set(http::bhttp::field::content_type, "application/json");
    request.body() = "{\"token\": " + std::to_string(worker + 1) + "}";
    request.prepare_payload();
    auto start = Clock::now();
    client.send(std::move(request), std::chrono::seconds(30),
                [this, worker, start](http::ClientResult r) {
                  latenciesMs.push_back(
                      std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                  if (r.ok() && r.response.result_int() == 200) {
                    ++claimed;
                    next(worker);
                    return;
                  }
                  if (!r.ok() || r.response.result_int() != 204) ++errors;
                  --running;  // nothing left (or broken): this worker is done
                });
  }
};

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  auto k = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: serve_bench URL TASK [WORKERS]\n");
    return 2;
  }
  int workers = argc > 3 ? std::stoi(argv[3]) : 32;
  std::string why;
  auto url = http::parseUrl(argv[1], why);
  if (!url) {
    std::fprintf(stderr, "serve_bench: %s\n", why.c_str());
    return 2;
  }
  boost::asio::io_context io;
  http::ClientOptions options;
  options.maxIdleConnections = static_cast<std::size_t>(workers);
  http::HttpClient client(io, *url, options);
  Bench bench{client, "/task/" + std::string(argv[2]) + "/claim", {}, 0, 0, workers};
  auto start = Clock::now();
  for (int w = 0; w < workers; ++w) bench.next(w);
  io.run();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf(
      "{\"workers\": %d, \"claims\": %zu, \"errors\": %zu, \"seconds\": %.3f, "
      "\"claims_per_second\": %.0f, \"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, "
      "\"max_ms\": %.3f}\n",
      workers, bench.claimed, bench.errors, seconds, static_cast<double>(bench.claimed) / seconds,
      percentile(bench.latenciesMs, 50), percentile(bench.latenciesMs, 90),
      percentile(bench.latenciesMs, 99), percentile(bench.latenciesMs, 100));
  return bench.errors == 0 ? 0 : 1;
}
