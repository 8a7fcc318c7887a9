#include "web/visits.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>

#include "http/request.hpp"
#include "http/response.hpp"

namespace rf::web {
namespace {

constexpr std::size_t kMaxPathLength = 200;

bool counted_path(std::string_view path) {
  for (std::string_view prefix :
       {"/redaktion", "/konto", "/anmelden", "/abmelden", "/api/", "/static/", "/dateien/", "/metrics", "/healthz"}) {
    if (path.starts_with(prefix)) return false;
  }
  return true;
}

bool looks_like_bot(std::string_view user_agent) {
  std::string lower(user_agent.substr(0, 512));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view word : {"bot", "spider", "crawl", "slurp", "monitor"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string day_after(std::string_view day) {
  std::tm tm{};
  tm.tm_year = std::stoi(std::string(day.substr(0, 4))) - 1900;
  tm.tm_mon = std::stoi(std::string(day.substr(5, 2))) - 1;
  tm.tm_mday = std::stoi(std::string(day.substr(8, 2))) + 1;
  return utc_day(static_cast<std::int64_t>(timegm(&tm)));
}

}  // namespace

std::string utc_day(std::int64_t unix_time) {
  std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

VisitCounter::~VisitCounter() { stop_flushing(); }

void VisitCounter::record(std::string_view path, std::int64_t unix_time) {
  if (path.size() > kMaxPathLength) path = kOtherPages;
  std::lock_guard lock(mutex_);
  auto key = std::make_pair(utc_day(unix_time), std::string(path));
  auto it = counts_.find(key);
  if (it == counts_.end()) {
    if (counts_.size() >= max_keys_) key.second = kOtherPages;
    it = counts_.emplace(std::move(key), 0).first;
  }
  ++it->second;
}

void VisitCounter::flush(db::Database& db) {
  std::map<std::pair<std::string, std::string>, std::int64_t> taken;
  {
    std::lock_guard lock(mutex_);
    taken.swap(counts_);
  }
  if (taken.empty()) return;
  try {
    db::Transaction tx(db);
    auto stmt = db.prepare(
        "INSERT INTO page_views (day, path, views) VALUES (?, ?, ?) "
        "ON CONFLICT (day, path) DO UPDATE SET views = page_views.views + excluded.views");
    for (const auto& [key, views] : taken) {
      stmt->reset();
      stmt->bind(1, key.first).bind(2, key.second).bind(3, views);
      stmt->execute();
    }
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::warn("visits: flush failed, keeping the counts: {}", e.what());
    std::lock_guard lock(mutex_);
    for (const auto& [key, views] : taken) counts_[key] += views;
  }
}

void VisitCounter::start_flushing(std::string database_url, int seconds) {
  if (thread_.joinable()) return;
  thread_ = std::thread([this, url = std::move(database_url), seconds] {
    std::unique_ptr<db::Database> db;
    std::unique_lock lock(mutex_);
    for (;;) {
      bool stop = wake_.wait_for(lock, std::chrono::seconds(seconds), [this] { return stopping_; });
      lock.unlock();
      try {
        if (!db) db = db::open(url);
        flush(*db);
      } catch (const std::exception& e) {
        spdlog::warn("visits: {}", e.what());
        db.reset();
      }
      lock.lock();
      if (stop) return;
    }
  });
}

void VisitCounter::stop_flushing() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

http::Middleware visit_counting_middleware(VisitCounter& counter) {
  return [&counter](http::Request& req, const http::Handler& next) {
    http::Response res = next(req);
    if (req.method == "GET" && res.status == 200 && counted_path(req.path) &&
        res.header("Content-Type").starts_with("text/html") && !looks_like_bot(req.header("User-Agent").value_or(""))) {
      counter.record(req.path, static_cast<std::int64_t>(std::time(nullptr)));
    }
    return res;
  };
}

std::vector<DayViews> daily_views(db::Database& db, std::string_view first, std::string_view last) {
  std::map<std::string, std::int64_t> by_day;
  for (const auto& row : db.query("SELECT day, SUM(views) FROM page_views WHERE day >= ? AND day <= ? GROUP BY day",
                                  {std::string(first), std::string(last)})) {
    by_day[row.text(0)] = row.integer(1);
  }
  std::vector<DayViews> out;
  for (std::string day(first); day <= last && out.size() < 3700; day = day_after(day)) {
    out.push_back({day, by_day.count(day) ? by_day[day] : 0});
  }
  return out;
}

std::vector<PathViews> top_paths(db::Database& db, std::string_view first, std::string_view last, int limit) {
  std::vector<PathViews> out;
  for (const auto& row : db.query("SELECT path, SUM(views) AS v FROM page_views WHERE day >= ? AND day <= ? "
                                  "GROUP BY path ORDER BY v DESC, path LIMIT ?",
                                  {std::string(first), std::string(last), std::int64_t{limit}})) {
    out.push_back({row.text(0), row.integer(1)});
  }
  return out;
}

double average_daily_views(db::Database& db, int days, std::int64_t now) {
  const std::string last = utc_day(now - 86400);
  const std::string first = utc_day(now - static_cast<std::int64_t>(days) * 86400);
  auto row = db.query_one("SELECT MIN(day), SUM(views) FROM page_views WHERE day >= ? AND day <= ?", {first, last});
  if (!row || row->is_null(0)) return 0;
  auto counted = daily_views(db, row->text(0), last).size();
  return counted ? static_cast<double>(row->integer(1)) / static_cast<double>(counted) : 0;
}

}  // namespace rf::web
