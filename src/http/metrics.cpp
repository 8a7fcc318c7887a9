#include "http/metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <tuple>
#include <vector>

namespace rf::http {
namespace {

std::string_view normalized_method(std::string_view method) {
  static constexpr std::string_view kKnown[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
  for (std::string_view m : kKnown) {
    if (m == method) return m;
  }
  return "OTHER";
}

// Label values escape backslash, double quote and newline (format 0.0.4).
void append_label_value(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
}

void append_labels(std::string& out, std::string_view method, std::string_view route) {
  out += "method=\"";
  append_label_value(out, method);
  out += "\",route=\"";
  append_label_value(out, route);
  out += '"';
}

std::string format_double(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

Metrics& Metrics::global() {
  static Metrics instance;
  return instance;
}

Metrics::Series& Metrics::series(SeriesMap& map, std::string_view route, std::string_view method) {
  // The key is built in a reused per-thread buffer: no allocation once warm.
  thread_local std::string key;
  key.assign(route).append(1, '\n').append(method);
  auto it = map.find(std::string_view(key));
  if (it == map.end()) {
    it = map.emplace(key, Series{}).first;
    it->second.route = std::string(route);
    it->second.method = std::string(method);
  }
  return it->second;
}

Metrics::SeriesMap Metrics::merged() const {
  SeriesMap all;
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (const auto& [key, s] : shard.series) {
      auto [it, fresh] = all.emplace(key, s);
      if (fresh) continue;
      Series& t = it->second;
      for (const auto& [status, n] : s.by_status) t.by_status[status] += n;
      for (std::size_t i = 0; i < kBucketCount; ++i) t.buckets[i] += s.buckets[i];
      t.count += s.count;
      t.sum += s.sum;
    }
  }
  return all;
}

void Metrics::record(std::string_view route, std::string_view method, int status, double seconds) {
  method = normalized_method(method);
  std::size_t bucket = std::lower_bound(std::begin(kBuckets), std::end(kBuckets), seconds) - std::begin(kBuckets);
  static std::atomic<unsigned> next_shard{0};
  thread_local const unsigned shard_index = next_shard.fetch_add(1, std::memory_order_relaxed) % kShards;
  Shard& shard = shards_[shard_index];
  std::lock_guard lock(shard.mutex);
  Series& s = series(shard.series, route, method);
  ++s.by_status[status];
  if (bucket < kBucketCount) ++s.buckets[bucket];
  ++s.count;
  s.sum += seconds;
}

std::uint64_t Metrics::count(std::string_view route, std::string_view method, int status) const {
  std::string key = std::string(route) + "\n" + std::string(normalized_method(method));
  std::uint64_t n = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    auto it = shard.series.find(std::string_view(key));
    if (it == shard.series.end()) continue;
    auto st = it->second.by_status.find(status);
    if (st != it->second.by_status.end()) n += st->second;
  }
  return n;
}

std::string Metrics::prometheus_text() const {
  std::vector<Series> snapshot;
  for (auto& [key, s] : merged()) snapshot.push_back(std::move(s));
  std::sort(snapshot.begin(), snapshot.end(),
            [](const Series& a, const Series& b) { return std::tie(a.route, a.method) < std::tie(b.route, b.method); });

  std::string out;
  out.reserve(256 + snapshot.size() * 1200);
  out += "# HELP http_requests_total HTTP requests by route pattern, method and status.\n";
  out += "# TYPE http_requests_total counter\n";
  for (const Series& s : snapshot) {
    for (const auto& [status, n] : s.by_status) {
      out += "http_requests_total{";
      append_labels(out, s.method, s.route);
      out += ",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
    }
  }
  out += "# HELP http_request_duration_seconds Time from a complete request to the handed-over response.\n";
  out += "# TYPE http_request_duration_seconds histogram\n";
  for (const Series& s : snapshot) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= kBucketCount; ++i) {
      cumulative = (i < kBucketCount) ? cumulative + s.buckets[i] : s.count;
      out += "http_request_duration_seconds_bucket{";
      append_labels(out, s.method, s.route);
      out += ",le=\"" + (i < kBucketCount ? format_double(kBuckets[i]) : std::string("+Inf")) + "\"} ";
      out += std::to_string(cumulative) + "\n";
    }
    out += "http_request_duration_seconds_sum{";
    append_labels(out, s.method, s.route);
    out += "} " + format_double(s.sum) + "\n";
    out += "http_request_duration_seconds_count{";
    append_labels(out, s.method, s.route);
    out += "} " + std::to_string(s.count) + "\n";
  }
  out += "# HELP http_requests_in_flight Requests being handled right now.\n";
  out += "# TYPE http_requests_in_flight gauge\n";
  out += "http_requests_in_flight " + std::to_string(in_flight()) + "\n";
  return out;
}

}  // namespace rf::http
