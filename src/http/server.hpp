// The HTTP/1.1 server (Boost.Beast inside server.cpp only): one io_context per
// thread, keep-alive, timeouts, size limits, graceful shutdown.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/router.hpp"

namespace rf::http {

class Metrics;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: pick a free port (see Server::port())
  unsigned threads = 0;        // 0: one per core
  std::size_t max_header_bytes = 16 * 1024;
  // Body limit of every route without a larger RouteOptions::max_body_bytes (forms, API calls);
  // such bodies are held in memory.
  std::size_t max_body_bytes = 1024 * 1024;
  // Beyond this many open connections a new one gets 503 with Retry-After.
  std::size_t max_connections = 2000;
  // In-memory request bodies of all connections together; a request that
  // would pass it gets 503 with Retry-After (uploads go to disk and do not count).
  std::size_t max_buffered_bytes = 256 * 1024 * 1024;
  int retry_after_seconds = 5;
  // Threads for handlers of slow requests (RouteOptions::slow), and how many
  // such requests may wait for one; beyond that the answer is 503 with Retry-After.
  unsigned slow_threads = 2;
  std::size_t max_slow_queue = 32;
  int slow_timeout_seconds = 600;   // a slow handler's connection is closed after this
  int header_timeout_seconds = 10;  // time to receive the full header
  int body_timeout_seconds = 60;    // time to receive the body
  int idle_timeout_seconds = 30;    // keep-alive idle
  std::string static_dir;           // served under /static/ (GET/HEAD) before the router
  bool access_log = true;           // JSON lines on stderr
  int shutdown_grace_seconds = 10;  // how long stop() waits for in-flight requests
  Metrics* metrics = nullptr;       // where requests are counted; nullptr: Metrics::global()
};

class Server {
 public:
  // The router must outlive the server; handlers run on the worker threads.
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws std::runtime_error when the address is taken.
  void start();
  // Blocks until stop() or SIGTERM/SIGINT (when handle_signals); in-flight
  // requests finish before it returns.
  void run(bool handle_signals = true);
  // Thread-safe; may be called before run() or from a handler.
  void stop();
  unsigned short port() const;
  Metrics& metrics() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rf::http
