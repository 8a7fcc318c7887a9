#include "pg_cluster.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "db/database.hpp"

namespace rf::test {
namespace {

std::string bin_dir() {
  const char* dir = std::getenv("RF_PG_BIN");
  return dir != nullptr && *dir != '\0' ? dir : "/usr/lib/postgresql/15/bin";
}

bool is_root() { return geteuid() == 0; }

// Runs a PostgreSQL tool, as the postgres user when we are root (initdb and
// pg_ctl refuse to run as root), appending its output to `log`.
int run_tool(const std::string& command_line, const std::string& log) {
  const std::string prefix = is_root() ? "runuser -u postgres -- " : "";
  const std::string full = prefix + bin_dir() + "/" + command_line + " </dev/null >>" + log + " 2>&1";
  return std::system(full.c_str());
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A port that was free a moment ago: bind to port 0 and ask which one the
// kernel chose. Another process may take it before the server does, so the
// caller retries on "address in use".
unsigned short free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  if (!ok) throw std::runtime_error("could not find a free port on 127.0.0.1");
  return ntohs(address.sin_port);
}

// The data directory must belong to the user the server runs as.
void give_to_postgres(const std::string& path) {
  if (!is_root()) return;
  const passwd* user = getpwnam("postgres");
  if (user == nullptr) throw std::runtime_error("no 'postgres' user to run the test cluster as");
  if (chown(path.c_str(), user->pw_uid, user->pw_gid) != 0) {
    throw std::runtime_error("chown " + path + " failed");
  }
}

std::string make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rf-pg-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

void stop_server(const std::string& dir) {
  run_tool("pg_ctl -D " + dir + "/data -m immediate -w stop", dir + "/setup.log");
}

// If this process dies without running destructors (a crash, a ctest
// timeout), a detached shell stops the server and removes its directory so
// no postgres processes pile up across test runs.
void start_watchdog(const std::string& dir) {
  const std::string prefix = is_root() ? "runuser -u postgres -- " : "";
  const std::string script = "while kill -0 " + std::to_string(getpid()) + " 2>/dev/null; do sleep 1; done; " + prefix +
                             bin_dir() + "/pg_ctl -D " + dir + "/data -m immediate stop; rm -rf " + dir;
  const std::string command = "nohup sh -c '" + script + "' </dev/null >/dev/null 2>&1 &";
  std::system(command.c_str());
}

bool port_was_taken(const std::string& server_log) {
  return server_log.find("could not bind") != std::string::npos ||
         server_log.find("already in use") != std::string::npos;
}

}  // namespace

PgCluster::PgCluster() : dir_(make_temp_dir()) {
  const std::string data = dir_ + "/data";
  const std::string setup_log = dir_ + "/setup.log";
  const std::string server_log = dir_ + "/server.log";
  try {
    give_to_postgres(dir_);
    if (run_tool("initdb -D " + data + " -U postgres -A trust --no-sync --no-instructions -E UTF8 --locale=C.UTF-8",
                 setup_log) != 0) {
      throw std::runtime_error("initdb failed:\n" + read_text(setup_log));
    }
    // Durability settings off: a test cluster is thrown away anyway, and
    // fsync dominates the run time of small transactions otherwise.
    const std::string options =
        " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        " -c synchronous_commit=off -c max_parallel_workers_per_gather=0";
    for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
      const unsigned short port = free_port();
      const std::string start = "pg_ctl -D " + data + " -w -t 60 -l " + server_log + " -o \"-p " +
                                std::to_string(port) + " -k " + dir_ + options + "\" start";
      if (run_tool(start, setup_log) == 0) {
        port_ = port;
      } else if (!port_was_taken(read_text(server_log))) {
        break;
      }
    }
    if (port_ == 0) {
      throw std::runtime_error("pg_ctl start failed:\n" + read_text(setup_log) + "\n" + read_text(server_log));
    }
    start_watchdog(dir_);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    throw;
  }
}

PgCluster::~PgCluster() {
  stop_server(dir_);
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string PgCluster::create_database(const std::string& template_name) {
  static std::mutex mutex;  // tests may create databases from several threads
  std::string name;
  {
    std::lock_guard lock(mutex);
    name = "t" + std::to_string(++next_db_);
  }
  const std::string base = "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/";
  rf::db::open(base + "postgres")
      ->exec_script("CREATE DATABASE " + name + (template_name.empty() ? "" : " TEMPLATE " + template_name));
  return base + name;
}

PgCluster& PgCluster::shared() {
  // Started on first use, stopped by the static destructor at exit.
  static PgCluster cluster;
  return cluster;
}

}  // namespace rf::test
