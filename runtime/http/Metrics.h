// Prometheus text exposition for the servers' /metrics: counters, gauges
// and a latency histogram, safe to update from any thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace magicc::http {

class LatencyHistogram {
 public:
  // Upper bounds in seconds, as Prometheus' default buckets.
  static constexpr std::array<double, 11> kBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                  0.05,   0.1,   0.25,   1.0,   5.0};
  void observe(std::chrono::microseconds duration);
  // `# HELP`, `# TYPE` and the `_bucket`, `_sum`, `_count` lines of `name`.
  std::string render(const std::string& name, const std::string& help) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sumMicros_{0};
};

// One `# HELP`/`# TYPE` block with a single sample; `labels` like `status="Running"`.
std::string prometheusHeader(const std::string& name, const std::string& type,
                             const std::string& help);
std::string prometheusSample(const std::string& name, const std::string& labels, double value);

}  // namespace magicc::http
