// The build's progress on a terminal: one line on stderr, redrawn at most ten
// times a second — "[██████░░░░] 45/160  Profile 12/68 · PDF 3/77". Silent
// when stderr is not a terminal (logs and CI).
#pragma once

#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace rf::report {

class Progress {
 public:
  // enabled: draw at all (usually isatty(stderr)).
  Progress(bool enabled, std::FILE* out = stderr) : enabled_(enabled), out_(out) {}

  // Announces `count` more steps of a kind ("Kapitel", "Profile", "PDF").
  void add(const std::string& kind, int count);
  void done(const std::string& kind);
  // Clears the line (before printing messages, and at the end).
  void finish();
  bool enabled() const { return enabled_; }

 private:
  void draw(bool force);

  bool enabled_;
  std::FILE* out_;
  std::mutex mutex_;
  std::map<std::string, std::pair<int, int>> kinds_;  // done, total; in order of first use
  std::vector<std::string> order_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace rf::report
