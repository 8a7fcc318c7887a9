// Request metrics in Prometheus form: a counter per route pattern, method and
// status, a latency histogram per route and method, and an in-flight gauge.
// The server records every request; the app exposes prometheus_text() at
// /metrics. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rf::http {

class Metrics {
 public:
  // Upper bounds of the latency buckets in seconds (Prometheus' defaults
  // stretched down to 1 ms, since most pages render faster than 5 ms).
  static constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};
  static constexpr std::size_t kBucketCount = sizeof(kBuckets) / sizeof(kBuckets[0]);

  // route: the router's pattern ("/aktuelles/{slug}") or "unmatched", never a
  // raw path, so that the number of series stays bounded. Unknown methods are
  // counted as "OTHER" for the same reason.
  void record(std::string_view route, std::string_view method, int status, double seconds);

  // Brackets a request for the in-flight gauge.
  void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

  // Number of requests recorded for route + method + status (for tests, health checks).
  std::uint64_t count(std::string_view route, std::string_view method, int status) const;

  // Text exposition format 0.0.4.
  std::string prometheus_text() const;

  // The registry a Server uses unless ServerOptions::metrics names another.
  static Metrics& global();

 private:
  struct Series {
    std::string route;
    std::string method;
    std::map<int, std::uint64_t> by_status;
    std::uint64_t buckets[kBucketCount] = {};  // not cumulative; summed on export
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  using SeriesMap = std::unordered_map<std::string, Series, StringHash, std::equal_to<>>;
  // Every thread records into its own shard (by a per-thread index), so the
  // worker threads never wait for each other; readers merge the shards.
  struct Shard {
    mutable std::mutex mutex;
    SeriesMap series;
  };
  static constexpr std::size_t kShards = 16;

  static Series& series(SeriesMap& map, std::string_view route, std::string_view method);  // shard locked
  SeriesMap merged() const;

  Shard shards_[kShards];
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace rf::http
