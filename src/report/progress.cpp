#include "report/progress.hpp"

namespace rf::report {

void Progress::add(const std::string& kind, int count) {
  std::lock_guard lock(mutex_);
  if (!kinds_.count(kind)) order_.push_back(kind);
  kinds_[kind].second += count;
  draw(false);
}

void Progress::done(const std::string& kind) {
  std::lock_guard lock(mutex_);
  kinds_[kind].first += 1;
  draw(false);
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (!enabled_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
}

void Progress::draw(bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  int done = 0, total = 0;
  std::string parts;
  for (const auto& kind : order_) {
    const auto& [d, t] = kinds_[kind];
    done += d;
    total += t;
    if (!parts.empty()) parts += " · ";
    parts += kind + " " + std::to_string(d) + "/" + std::to_string(t);
  }
  constexpr int kWidth = 24;
  int filled = total ? done * kWidth / total : 0;
  std::string bar;
  for (int i = 0; i < kWidth; ++i) bar += i < filled ? "\u2588" : "\u2591";
  std::fprintf(out_, "\r\033[K[%s] %d/%d  %s", bar.c_str(), done, total, parts.c_str());
  std::fflush(out_);
}

}  // namespace rf::report
