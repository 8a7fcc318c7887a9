// A program started by a test (a `ruhrfutur serve` instance, the SMTP sink),
// its output going to a log file. Terminated (SIGTERM, then SIGKILL) when the
// object goes, unless the test already killed it.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <sys/types.h>

namespace rf::test {

class ChildProcess {
 public:
  // argv[0] is the program's path; `env` is added to (or overrides) this process's environment.
  ChildProcess(std::vector<std::string> argv, std::vector<std::pair<std::string, std::string>> env,
               std::filesystem::path log_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::filesystem::path& log_file() const { return log_file_; }
  std::string log() const;
  bool running();
  void kill_hard();  // SIGKILL, no chance to clean up (a crash)
  int terminate();   // SIGTERM and wait (SIGKILL after 20 s); the exit status or -signal

 private:
  int wait_for_exit(int seconds);
  pid_t pid_ = -1;
  int status_ = 0;
  std::filesystem::path log_file_;
};

// Waits until `done()` holds, polling every 50 ms; false after `seconds`.
template <typename Predicate>
bool wait_until(Predicate done, double seconds);

}  // namespace rf::test

#include <chrono>
#include <thread>

template <typename Predicate>
bool rf::test::wait_until(Predicate done, double seconds) {
  auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}
