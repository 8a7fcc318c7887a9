// Serves DIR at /static/ on 127.0.0.1:PORT with rf::http::Server, nothing
// else: the subject of bench/http_static.sh. Stops on SIGINT/SIGTERM.
//
//   rf_bench_static_server --dir DIR [--port 8080] [--threads N] [--host H] [--access-log]
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "http/router.hpp"
#include "http/server.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: rf_bench_static_server --dir DIR [--port PORT] [--threads N] [--host HOST] [--access-log]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  rf::http::ServerOptions options;
  options.access_log = false;  // like nginx with access_log off in the benchmark
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--dir" && has_value) {
      options.static_dir = argv[++i];
    } else if (arg == "--port" && has_value) {
      options.port = static_cast<unsigned short>(std::atoi(argv[++i]));
    } else if (arg == "--threads" && has_value) {
      options.threads = static_cast<unsigned>(std::atoi(argv[++i]));
    } else if (arg == "--host" && has_value) {
      options.host = argv[++i];
    } else if (arg == "--access-log") {
      options.access_log = true;
    } else {
      return usage();
    }
  }
  if (options.static_dir.empty()) return usage();
  try {
    rf::http::Router router;  // everything but /static/ is a 404
    rf::http::Server server(options, router);
    server.start();
    std::printf("listening on http://%s:%u/static/\n", options.host.c_str(), server.port());
    std::fflush(stdout);
    server.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rf_bench_static_server: %s\n", e.what());
    return 1;
  }
  return 0;
}
