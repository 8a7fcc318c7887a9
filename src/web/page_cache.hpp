// Rendered anonymous pages kept in memory, for every module's pages (the
// portal's on the content version, the monitor's on the statistics version).
// Several instances share one database, so a cached page is valid only while
// the version the owner names (a cache_versions counter) is unchanged; each
// instance looks at it at most once per second and also drops everything at
// the next instant at which something becomes visible on its own (scheduled
// items).
//
// Pages hold the visitor's CSRF token in their forms. The cache stores the
// page with a placeholder where the token was and puts the current visitor's
// token back in on every hit, so tokens never leak from one visitor to
// another. Pages of logged-in users are never cached.
//
// Memory is bounded by a number of pages and of bytes (Limits). When a new
// page does not fit, the oldest pages are dropped first, so that a flood of
// distinct addresses (a search with ever new words) costs at most the bound
// and does not empty the whole cache at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/pool.hpp"
#include "http/router.hpp"

namespace rf::web {

// How much a PageCache may hold (outside the class: a default argument cannot
// use a nested type's member initialisers).
struct PageCacheLimits {
  std::size_t max_entries = 1024;
  std::size_t max_bytes = std::size_t{128} << 20;  // bodies, headers and keys
};

class PageCache {
 public:
  // `version(db)`: the counter whose change makes every cached page stale.
  using Version = std::function<std::int64_t(db::Database&)>;
  // `next_change(db, now)`: the next instant at which content becomes visible
  // or invisible on its own (the portal's ContentStore::next_visibility_change); may be empty.
  using NextChange = std::function<std::optional<std::int64_t>(db::Database&, std::int64_t)>;
  // The cache key of a request: by default its target (path and query as
  // sent). A page whose bytes depend on less (e.g. the search on its
  // normalised words and page number) names that, so that variants of one
  // address share an entry.
  using Key = std::function<std::string(const http::Request&)>;
  using Limits = PageCacheLimits;
  // `name` labels the cache's counters on /metrics (page_cache_metrics_text);
  // a cache named "" is not listed there.
  PageCache(db::Pool& pool, std::string name, Version version, NextChange next_change = {}, Limits limits = {},
            Key key = {});
  ~PageCache();
  PageCache(const PageCache&) = delete;
  PageCache& operator=(const PageCache&) = delete;

  // Wraps a GET handler: anonymous requests are answered from the cache when
  // possible; successful HTML, XML, text and JSON answers are stored.
  http::Handler wrap(http::Handler handler);

  // Drops everything now (after a change made by this instance).
  void invalidate();
  std::size_t size() const;
  std::size_t bytes() const;  // counted against Limits::max_bytes
  std::uint64_t hits() const { return hits_.load(); }
  // Anonymous GET requests the cache did not answer (passed to the handler).
  std::uint64_t misses() const { return misses_.load(); }
  // Times the cache dropped its pages: a new version or a scheduled change
  // (after the first reading of the version), invalidate().
  std::uint64_t clears() const { return clears_.load(); }
  const std::string& name() const { return name_; }

 private:
  struct Entry {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<std::string> parts;  // body split at the CSRF placeholders
    std::size_t bytes = 0;
  };
  std::optional<http::Response> lookup(const http::Request& req, const std::string& key);
  void store(const http::Request& req, const http::Response& res, std::string key);
  void clear_locked();  // with mutex_ held exclusively
  void check_version();

  db::Pool& pool_;
  Version version_of_;
  NextChange next_change_;
  Limits limits_;
  Key key_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::string> order_;               // keys, oldest first; guarded by mutex_
  std::size_t bytes_ = 0;                       // guarded by mutex_
  std::int64_t version_ = -1;                   // guarded by mutex_
  std::optional<std::int64_t> next_change_at_;  // guarded by mutex_
  std::atomic<std::int64_t> last_check_ms_{0};
  std::atomic<std::uint64_t> generation_{0};  // bumped on every clear
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::atomic<std::uint64_t> clears_{0};
  std::string name_;
};

// The counters of every named PageCache of this process in Prometheus' text
// format, for /metrics: hits, misses and clears (counters), pages and bytes
// held (gauges), each labelled cache="NAME"; caches of one name are added up.
std::string page_cache_metrics_text();

}  // namespace rf::web
