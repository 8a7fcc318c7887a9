#include "web/page_cache.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "web/middleware.hpp"

namespace rf::web {
namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool cacheable_type(const std::string& type) {
  return type.rfind("text/html", 0) == 0 || type.rfind("application/atom+xml", 0) == 0 ||
         type.rfind("application/xml", 0) == 0 || type.rfind("text/plain", 0) == 0 ||
         type.rfind("application/json", 0) == 0;
}

// Every PageCache alive, for page_cache_metrics_text.
std::mutex g_caches_mutex;
std::vector<const PageCache*> g_caches;  // guarded by g_caches_mutex

}  // namespace

PageCache::PageCache(db::Pool& pool, std::string name, Version version, NextChange next_change, Limits limits, Key key)
    : pool_(pool),
      version_of_(std::move(version)),
      next_change_(std::move(next_change)),
      limits_(limits),
      key_(std::move(key)),
      name_(std::move(name)) {
  std::lock_guard lock(g_caches_mutex);
  g_caches.push_back(this);
}

PageCache::~PageCache() {
  std::lock_guard lock(g_caches_mutex);
  g_caches.erase(std::find(g_caches.begin(), g_caches.end(), this));
}

http::Handler PageCache::wrap(http::Handler handler) {
  return [this, handler = std::move(handler)](http::Request& req) {
    if (req.method != "GET" || current_user(req)) return handler(req);
    check_version();
    std::string key = key_ ? key_(req) : req.target;
    // Moved out, not copied: a copy of a large page (the schools of a Kreis, 80 KB) per hit
    // cost as much as the kernel's copy into the socket.
    if (auto hit = lookup(req, key)) return std::move(*hit);
    misses_.fetch_add(1, std::memory_order_relaxed);
    std::uint64_t generation = generation_.load();
    http::Response res = handler(req);
    if (res.status == 200 && res.header("Set-Cookie").empty() && cacheable_type(res.header("Content-Type")) &&
        generation == generation_.load()) {
      store(req, res, std::move(key));
    }
    return res;
  };
}

std::optional<http::Response> PageCache::lookup(const http::Request& req, const std::string& key) {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  const Entry& entry = it->second;
  http::Response res;
  res.status = entry.status;
  res.headers = entry.headers;
  const std::string token = req.csrf;
  std::size_t size = 0;
  for (const auto& part : entry.parts) size += part.size() + token.size();
  res.body.reserve(size);
  for (std::size_t i = 0; i < entry.parts.size(); ++i) {
    if (i > 0) res.body += token;
    res.body += entry.parts[i];
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  return res;
}

void PageCache::store(const http::Request& req, const http::Response& res, std::string key) {
  Entry entry;
  entry.status = res.status;
  entry.headers = res.headers;
  const std::string token = req.csrf;
  if (token.empty()) {
    entry.parts.push_back(res.body);
  } else {
    std::size_t start = 0;
    for (std::size_t at = res.body.find(token); at != std::string::npos; at = res.body.find(token, start)) {
      entry.parts.push_back(res.body.substr(start, at - start));
      start = at + token.size();
    }
    entry.parts.push_back(res.body.substr(start));
  }
  // What the entry holds: the key (twice: map and order), headers and body.
  entry.bytes = 2 * key.size();
  for (const auto& [name, value] : entry.headers) entry.bytes += name.size() + value.size();
  for (const auto& part : entry.parts) entry.bytes += part.size();
  if (entry.bytes > limits_.max_bytes || limits_.max_entries == 0) return;
  std::unique_lock lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    // Two requests rendered the same page at once: keep the newer copy in the old place.
    bytes_ = bytes_ - it->second.bytes + entry.bytes;
    it->second = std::move(entry);
  } else {
    bytes_ += entry.bytes;
    order_.push_back(key);
    entries_.emplace(std::move(key), std::move(entry));
  }
  // The oldest go first; the page just stored fits by itself (checked above).
  while (entries_.size() > limits_.max_entries || bytes_ > limits_.max_bytes) {
    auto oldest = entries_.find(order_.front());
    bytes_ -= oldest->second.bytes;
    entries_.erase(oldest);
    order_.pop_front();
  }
}

void PageCache::clear_locked() {
  entries_.clear();
  order_.clear();
  bytes_ = 0;
  generation_.fetch_add(1);
}

void PageCache::invalidate() {
  std::unique_lock lock(mutex_);
  clear_locked();
  clears_.fetch_add(1, std::memory_order_relaxed);
  last_check_ms_.store(0);  // read the new version on the next request
}

std::size_t PageCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

std::size_t PageCache::bytes() const {
  std::shared_lock lock(mutex_);
  return bytes_;
}

void PageCache::check_version() {
  const std::int64_t now = now_ms();
  std::int64_t last = last_check_ms_.load();
  if (now - last < 1000) return;
  // One thread per second asks the database; the others go on with the cache.
  if (!last_check_ms_.compare_exchange_strong(last, now)) return;
  try {
    auto db = pool_.acquire();
    const std::int64_t version = version_of_(*db);
    const std::int64_t now_s = now / 1000;
    bool stale;
    {
      std::shared_lock lock(mutex_);
      stale = version != version_ || (next_change_at_ && now_s >= *next_change_at_);
    }
    if (!stale) return;
    std::optional<std::int64_t> next;
    if (next_change_) next = next_change_(*db, now_s);
    std::unique_lock lock(mutex_);
    clear_locked();
    if (version_ != -1) clears_.fetch_add(1, std::memory_order_relaxed);  // not the first reading
    version_ = version;
    next_change_at_ = next;
  } catch (const std::exception& e) {
    // Keep serving what we have; the next check comes in a second.
    spdlog::warn("page cache: cannot read the content version: {}", e.what());
  }
}

std::string page_cache_metrics_text() {
  struct Totals {
    std::uint64_t hits = 0, misses = 0, clears = 0, entries = 0, bytes = 0;
  };
  std::map<std::string, Totals> by_name;
  {
    std::lock_guard lock(g_caches_mutex);
    for (const PageCache* cache : g_caches) {
      if (cache->name().empty()) continue;
      Totals& t = by_name[cache->name()];
      t.hits += cache->hits();
      t.misses += cache->misses();
      t.clears += cache->clears();
      t.entries += cache->size();
      t.bytes += cache->bytes();
    }
  }
  std::string out;
  auto family = [&](const char* name, const char* type, const char* help, std::uint64_t Totals::*field) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    for (const auto& [cache, totals] : by_name) {
      out += std::string(name) + "{cache=\"" + cache + "\"} " + std::to_string(totals.*field) + "\n";
    }
  };
  family("rf_page_cache_hits_total", "counter", "Anonymous GET requests answered from a page cache.", &Totals::hits);
  family("rf_page_cache_misses_total", "counter", "Anonymous GET requests a page cache passed on to be rendered.",
         &Totals::misses);
  family("rf_page_cache_clears_total", "counter",
         "Times a page cache dropped its pages (a new version, a scheduled change, an invalidation).", &Totals::clears);
  family("rf_page_cache_entries", "gauge", "Pages a page cache holds.", &Totals::entries);
  family("rf_page_cache_bytes", "gauge", "Bytes a page cache holds (bodies, headers and keys).", &Totals::bytes);
  return out;
}

}  // namespace rf::web
