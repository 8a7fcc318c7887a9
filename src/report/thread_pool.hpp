// A small fixed pool of worker threads for the build: chapters, profiles,
// exports and PDFs are tasks. Tasks may submit further tasks; wait() returns
// when the queue is empty and no task is running.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rf::report {

class ThreadPool {
 public:
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();  // waits for every task
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void submit(std::function<void()> task);
  // Blocks until every submitted task (and those they submitted) has finished.
  void wait();
  unsigned size() const { return static_cast<unsigned>(workers_.size()); }

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable work_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> workers_;
  unsigned busy_ = 0;
  bool stopping_ = false;
};

}  // namespace rf::report
