// libFuzzer target: the HTTP request parser as the server runs it. The input is sent
// as raw bytes over loopback to a real rf::http::Server in this process (Beast's
// parser with our callbacks, limits, multipart bodies in temp files, the router,
// query and form parsing); the write side is then closed and the answer read. A
// crash, sanitizer report or a hung connection (no answer within 5 s) is a finding.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace {

struct Fixture {
  rf::http::Router router;
  std::unique_ptr<rf::http::Server> server;
  std::thread thread;
  unsigned short port = 0;

  Fixture() {
    // Handlers that read every part of a request, as the modules' handlers do.
    auto echo = [](rf::http::Request& req) {
      std::string out = req.method + " " + req.path + "\n";
      for (const auto& [k, v] : req.query.items()) out += k + "=" + v + "\n";
      for (const auto& [k, v] : req.form().items()) out += k + "=" + v + "\n";
      for (const auto& file : req.files) out += file.field + ":" + file.filename + "\n";
      out += req.cookie("rf_session").value_or("-");
      out += req.header("X-Test").value_or("-");
      return rf::http::Response::text(out);
    };
    router.get("/", echo);
    router.post("/", echo);
    router.get("/a/{id}", echo);
    router.post("/a/{id}", echo);
    rf::http::ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.access_log = false;
    options.max_body_bytes = 64 * 1024;
    options.max_header_bytes = 8 * 1024;
    options.header_timeout_seconds = 2;
    options.body_timeout_seconds = 2;
    server = std::make_unique<rf::http::Server>(options, router);
    server->start();
    port = server->port();
    thread = std::thread([this] { server->run(/*handle_signals=*/false); });
  }
};

Fixture& fixture() {
  static Fixture* f = new Fixture();  // lives until exit: the server thread keeps running
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(fixture().port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // At ~800 connections a second a loopback connect now and then waits a second for a
  // SYN retransmit (its port's last connection still in TIME_WAIT), and libFuzzer's
  // timeout watchdog (SIGALRM) may interrupt it: EINTR. Running short of ephemeral ports
  // gives EADDRNOTAVAIL. Both are the harness's limits, not the server's: such a connect
  // is retried with a fresh socket; a server that stops accepting still aborts (refused,
  // or failing for 5 s).
  for (int attempt = 0;; ++attempt) {
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) break;
    const int error = errno;
    close(fd);
    if (error != EADDRNOTAVAIL && error != EAGAIN && error != EINTR) {
      std::fprintf(stderr, "fuzz_http_request: connect: %s\n", std::strerror(error));
      std::abort();
    }
    static bool told = false;
    if (!told) {
      told = true;
      std::fprintf(stderr, "fuzz_http_request: connect: %s; retrying (said once)\n", std::strerror(error));
    }
    if (attempt == 500) {
      std::fprintf(stderr, "fuzz_http_request: connect failing for 5 s: %s\n", std::strerror(error));
      std::abort();
    }
    usleep(10000);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
  }
  std::size_t sent = 0;
  while (sent < size) {
    auto n = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (e.g. 431 after a huge header)
    sent += static_cast<std::size_t>(n);
  }
  shutdown(fd, SHUT_WR);
  char buffer[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    int ready = poll(&p, 1, 5000);
    if (ready == 0) {
      std::fprintf(stderr, "fuzz_http_request: no answer within 5 s\n");
      std::abort();
    }
    auto n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
  }
  close(fd);
  return 0;
}
