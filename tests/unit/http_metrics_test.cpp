// Prometheus metrics: counters, histogram buckets, label escaping, threads.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "http/metrics.hpp"
#include "http/wire.hpp"

namespace rf::http {
namespace {

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

TEST(Metrics, CountsByRouteMethodAndStatus) {
  Metrics m;
  m.record("/aktuelles/{slug}", "GET", 200, 0.002);
  m.record("/aktuelles/{slug}", "GET", 200, 0.004);
  m.record("/aktuelles/{slug}", "GET", 404, 0.0005);
  m.record("unmatched", "BREW", 400, 0.0001);
  EXPECT_EQ(m.count("/aktuelles/{slug}", "GET", 200), 2u);
  EXPECT_EQ(m.count("/aktuelles/{slug}", "GET", 404), 1u);
  EXPECT_EQ(m.count("unmatched", "OTHER", 400), 1u);
  std::string text = m.prometheus_text();
  EXPECT_TRUE(contains(text, "# TYPE http_requests_total counter\n"));
  EXPECT_TRUE(contains(text, "http_requests_total{method=\"GET\",route=\"/aktuelles/{slug}\",status=\"200\"} 2\n"));
  EXPECT_TRUE(contains(text, "http_requests_total{method=\"GET\",route=\"/aktuelles/{slug}\",status=\"404\"} 1\n"));
  EXPECT_TRUE(contains(text, "http_requests_total{method=\"OTHER\",route=\"unmatched\",status=\"400\"} 1\n"));
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics m;
  m.record("/", "GET", 200, 0.0005);  // <= 0.001
  m.record("/", "GET", 200, 0.003);   // <= 0.005
  m.record("/", "GET", 200, 0.2);     // <= 0.25
  m.record("/", "GET", 200, 30);      // only +Inf
  std::string text = m.prometheus_text();
  const std::string prefix = "http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",le=";
  EXPECT_TRUE(contains(text, "# TYPE http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(contains(text, prefix + "\"0.001\"} 1\n"));
  EXPECT_TRUE(contains(text, prefix + "\"0.0025\"} 1\n"));
  EXPECT_TRUE(contains(text, prefix + "\"0.005\"} 2\n"));
  EXPECT_TRUE(contains(text, prefix + "\"0.25\"} 3\n"));
  EXPECT_TRUE(contains(text, prefix + "\"10\"} 3\n"));
  EXPECT_TRUE(contains(text, prefix + "\"+Inf\"} 4\n"));
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_count{method=\"GET\",route=\"/\"} 4\n"));
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_sum{method=\"GET\",route=\"/\"} 30.2035\n"));
}

TEST(Metrics, InFlightGaugeAndLabelEscaping) {
  Metrics m;
  m.request_started();
  m.request_started();
  m.request_finished();
  m.record("/a\"b\\c\nd", "GET", 200, 0.01);
  std::string text = m.prometheus_text();
  EXPECT_TRUE(contains(text, "http_requests_in_flight 1\n"));
  EXPECT_TRUE(contains(text, "route=\"/a\\\"b\\\\c\\nd\""));
}

TEST(Metrics, ThreadSafeCounting) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < 5000; ++i) m.record("/x", "POST", 201, 0.001);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(m.count("/x", "POST", 201), 20000u);
  // Each thread recorded into its own shard; the export merges them.
  const std::string text = m.prometheus_text();
  EXPECT_TRUE(contains(text, "http_requests_total{method=\"POST\",route=\"/x\",status=\"201\"} 20000\n")) << text;
  EXPECT_TRUE(contains(text, "http_request_duration_seconds_count{method=\"POST\",route=\"/x\"} 20000\n")) << text;
  EXPECT_EQ(text.find("route=\"/x\",status=\"201\"}", text.find("route=\"/x\",status=\"201\"}") + 1),
            std::string::npos);  // one line for the series, not one per shard
}

TEST(Wire, SerializesHeadWithManagedHeaders) {
  Response r = Response::text("hallo");
  r.add_header("Set-Cookie", "a=1");
  r.add_header("X-Evil", "x\r\nInjected: 1");
  r.set_header("Content-Length", "999");  // ignored: the server counts
  std::string head;
  std::size_t body = serialize_head(head, r, HeadOptions{});
  EXPECT_EQ(body, 5u);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\nServer: ruhrfutur\r\nDate: ")) << head;
  EXPECT_TRUE(contains(head, "\r\nContent-Type: text/plain; charset=utf-8\r\n"));
  EXPECT_TRUE(contains(head, "\r\nSet-Cookie: a=1\r\n"));
  EXPECT_TRUE(contains(head, "\r\nX-Evil: xInjected: 1\r\n"));
  EXPECT_TRUE(head.ends_with("\r\nContent-Length: 5\r\n\r\n")) << head;
  EXPECT_FALSE(contains(head, "999"));
  EXPECT_FALSE(contains(head, "Connection:"));

  HeadOptions close{false, false, false};
  serialize_head(head, Response::error(404, ""), close);
  EXPECT_TRUE(contains(head, "HTTP/1.1 404 Not Found\r\n"));
  EXPECT_TRUE(contains(head, "\r\nConnection: close\r\n"));
}

TEST(Wire, HeadAndNotModifiedHaveNoBody) {
  Response head_answer;
  head_answer.set_header("Content-Length", "1234");
  std::string head;
  EXPECT_EQ(serialize_head(head, head_answer, HeadOptions{true, true, true}), 0u);
  EXPECT_TRUE(contains(head, "Content-Length: 1234\r\n"));
  EXPECT_TRUE(contains(head, "Connection: keep-alive\r\n"));  // HTTP/1.0 client
  Response not_modified;
  not_modified.status = 304;
  not_modified.body = "ignored";
  EXPECT_EQ(serialize_head(head, not_modified, HeadOptions{}), 0u);
  EXPECT_FALSE(contains(head, "Content-Length"));
}

TEST(Wire, AccessLogLineIsJson) {
  std::string line;
  append_access_log_line(line, AccessLogEntry{"GET", "/a\"\xFF", 200, 1234, 1.5, "127.0.0.1"});
  EXPECT_TRUE(line.starts_with("{\"time\":\"20")) << line;
  EXPECT_TRUE(line.ends_with(
      "Z\",\"method\":\"GET\",\"path\":\"/a\\\"\\ufffd\",\"status\":200,\"bytes\":1234,\"duration_ms\":1.500,"
      "\"remote\":\"127.0.0.1\"}\n"))
      << line;
}

}  // namespace
}  // namespace rf::http
