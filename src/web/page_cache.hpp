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
#pragma once

#include <atomic>
#include <cstdint>
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

class PageCache {
 public:
  // `version(db)`: the counter whose change makes every cached page stale.
  using Version = std::function<std::int64_t(db::Database&)>;
  // `next_change(db, now)`: the next instant at which content becomes visible
  // or invisible on its own (the portal's ContentStore::next_visibility_change); may be empty.
  using NextChange = std::function<std::optional<std::int64_t>(db::Database&, std::int64_t)>;
  PageCache(db::Pool& pool, Version version, NextChange next_change = {}, std::size_t max_entries = 1024);

  // Wraps a GET handler: anonymous requests are answered from the cache when
  // possible; successful HTML, XML, text and JSON answers are stored.
  http::Handler wrap(http::Handler handler);

  // Drops everything now (after a change made by this instance).
  void invalidate();
  std::size_t size() const;
  std::uint64_t hits() const { return hits_.load(); }

 private:
  struct Entry {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<std::string> parts;  // body split at the CSRF placeholders
  };
  std::optional<http::Response> lookup(const http::Request& req);
  void store(const http::Request& req, const http::Response& res);
  void check_version();

  db::Pool& pool_;
  Version version_of_;
  NextChange next_change_;
  std::size_t max_entries_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::int64_t version_ = -1;                   // guarded by mutex_
  std::optional<std::int64_t> next_change_at_;  // guarded by mutex_
  std::atomic<std::int64_t> last_check_ms_{0};
  std::atomic<std::uint64_t> generation_{0};  // bumped on every clear
  std::atomic<std::uint64_t> hits_{0};
};

}  // namespace rf::web
