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

Metrics::Series& Metrics::series(std::string_view route, std::string_view method) {
  // The key is built in a reused per-thread buffer: no allocation once warm.
  thread_local std::string key;
  key.assign(route).append(1, '\n').append(method);
  auto it = series_.find(std::string_view(key));
  if (it == series_.end()) {
    it = series_.emplace(key, Series{}).first;
    it->second.route = std::string(route);
    it->second.method = std::string(method);
  }
  return it->second;
}

void Metrics::record(std::string_view route, std::string_view method, int status, double seconds) {
  method = normalized_method(method);
  std::size_t bucket = std::lower_bound(std::begin(kBuckets), std::end(kBuckets), seconds) - std::begin(kBuckets);
  std::lock_guard lock(mutex_);
  Series& s = series(route, method);
  ++s.by_status[status];
  if (bucket < kBucketCount) ++s.buckets[bucket];
  ++s.count;
  s.sum += seconds;
}

std::uint64_t Metrics::count(std::string_view route, std::string_view method, int status) const {
  std::string key = std::string(route) + "\n" + std::string(normalized_method(method));
  std::lock_guard lock(mutex_);
  auto it = series_.find(std::string_view(key));
  if (it == series_.end()) return 0;
  auto st = it->second.by_status.find(status);
  return st == it->second.by_status.end() ? 0 : st->second;
}

std::string Metrics::prometheus_text() const {
  std::vector<Series> snapshot;
  {
    std::lock_guard lock(mutex_);
    snapshot.reserve(series_.size());
    for (const auto& [key, s] : series_) snapshot.push_back(s);
  }
  std::sort(snapshot.begin(), snapshot.end(), [](const Series& a, const Series& b) {
    return std::tie(a.route, a.method) < std::tie(b.route, b.method);
  });

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
