// Visits without tracking: every instance counts successful page views per
// path and day (UTC) in memory and adds the sums to the table page_views
// every minute. No cookie is set and no IP address or user agent is kept;
// what leaves the process is "path P was shown N times on day D".
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "http/router.hpp"

namespace rf::web {

class VisitCounter {
 public:
  // At most `max_keys` (day, path) pairs are held between flushes (hostile
  // clients may invent paths); further paths are counted as kOtherPages.
  explicit VisitCounter(std::size_t max_keys = 5000) : max_keys_(max_keys) {}
  ~VisitCounter();  // stops flushing (flushes once more)
  VisitCounter(const VisitCounter&) = delete;
  VisitCounter& operator=(const VisitCounter&) = delete;

  static constexpr std::string_view kOtherPages = "(weitere Seiten)";

  void record(std::string_view path, std::int64_t unix_time);
  // Adds what was counted since the last flush to page_views and forgets it;
  // on a database error the counts are kept for the next try.
  void flush(db::Database& db);
  // Flushes every `seconds` on its own thread (own connection to `database_url`).
  void start_flushing(std::string database_url, int seconds = 60);
  void stop_flushing();

 private:
  std::size_t max_keys_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::int64_t> counts_;  // (day, path) -> views
  std::thread thread_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

// Counts GET requests answered 200 with an HTML page, except the editors'
// and account pages, the API, and clients that call themselves bots.
http::Middleware visit_counting_middleware(VisitCounter& counter);

// "2025-07-03" for a Unix time (UTC).
std::string utc_day(std::int64_t unix_time);

struct DayViews {
  std::string day;
  std::int64_t views = 0;
};
// One entry per day from `first` to `last` (YYYY-MM-DD, inclusive), 0 for days without views.
std::vector<DayViews> daily_views(db::Database& db, std::string_view first, std::string_view last);
struct PathViews {
  std::string path;
  std::int64_t views = 0;
};
std::vector<PathViews> top_paths(db::Database& db, std::string_view first, std::string_view last, int limit);
// Mean page views per day over the `days` complete days before today (UTC),
// counted from the first day with any views if that is later; 0 without data.
double average_daily_views(db::Database& db, int days, std::int64_t now);

}  // namespace rf::web
