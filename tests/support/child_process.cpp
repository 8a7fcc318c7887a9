#include "child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace rf::test {

ChildProcess::ChildProcess(std::vector<std::string> argv, std::vector<std::pair<std::string, std::string>> env,
                           std::filesystem::path log_file)
    : log_file_(std::move(log_file)) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (auto& [name, value] : env) vars[name] = value;
  std::vector<std::string> env_strings;
  for (auto& [name, value] : vars) env_strings.push_back(name + "=" + value);
  std::vector<char*> c_argv, c_env;
  for (auto& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  for (auto& e : env_strings) c_env.push_back(e.data());
  c_env.push_back(nullptr);

  int fd = ::open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open " + log_file_.string());
  pid_ = fork();
  if (pid_ < 0) {
    ::close(fd);
    throw std::runtime_error("fork failed");
  }
  if (pid_ == 0) {
    dup2(fd, 1);
    dup2(fd, 2);
    int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, 0);
    execve(c_argv[0], c_argv.data(), c_env.data());
    _exit(127);
  }
  ::close(fd);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) terminate();
}

std::string ChildProcess::log() const {
  std::ifstream in(log_file_);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool ChildProcess::running() {
  if (pid_ <= 0) return false;
  if (waitpid(pid_, &status_, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int ChildProcess::wait_for_exit(int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    if (waitpid(pid_, &status_, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status_) ? WEXITSTATUS(status_) : -WTERMSIG(status_);
    }
    usleep(50'000);
  }
  return 1000;
}

void ChildProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, &status_, 0);
  pid_ = -1;
}

int ChildProcess::terminate() {
  if (pid_ <= 0) return WIFEXITED(status_) ? WEXITSTATUS(status_) : -WTERMSIG(status_);
  ::kill(pid_, SIGTERM);
  int rc = wait_for_exit(20);
  if (rc == 1000) {
    kill_hard();
    return -SIGKILL;
  }
  return rc;
}

}  // namespace rf::test
