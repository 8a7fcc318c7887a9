// A real http::Server for tests: started on construction (port 0 picks a free
// one), run on its own thread, stopped and joined on destruction. Header-only,
// so only tests that use it link the HTTP module.
#pragma once

#include <thread>
#include <utility>

#include "http/router.hpp"
#include "http/server.hpp"

namespace rf::test {

// A free port, two worker threads, no access log, the project's static files.
inline http::ServerOptions test_server_options() {
  http::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.access_log = false;
  options.static_dir = RF_SOURCE_DIR + "/static";
  return options;
}

class RunningServer {
 public:
  explicit RunningServer(const http::Router& router, http::ServerOptions options = test_server_options())
      : server_(std::move(options), router) {
    server_.start();
    thread_ = std::thread([this] { server_.run(/*handle_signals=*/false); });
  }
  ~RunningServer() { stop(); }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  void stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  unsigned short port() const { return server_.port(); }

 private:
  http::Server server_;
  std::thread thread_;
};

}  // namespace rf::test
