// Files under ServerOptions::static_dir, served at /static/{path...}: safe
// path resolution, Content-Type by extension, ETag/Last-Modified validators
// and an in-memory cache keyed by path and revalidated against mtime/size.
#pragma once

#include <atomic>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rf::http {

// A cached file. Immutable once published, except for the revalidation stamp.
struct StaticEntry {
  std::string content;
  std::string content_type;
  std::string etag;           // strong: "\"<size>-<mtime ns>\"" in hex
  std::string last_modified;  // HTTP-date
  std::time_t mtime_seconds = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t size = 0;
  // Header lines (each ending in CRLF) after the status line, Server, Date
  // and Connection: prepared once so that a hit costs no formatting.
  std::string headers_200;
  std::string headers_304;
  mutable std::atomic<std::int64_t> checked_at_ns{0};  // steady clock
};

// Content-Type for a file name ("application/octet-stream" if unknown).
std::string_view content_type_for(std::string_view filename);

class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& root);

  struct Result {
    int status = 404;                          // 200, 304 or 404
    std::shared_ptr<const StaticEntry> entry;  // set for 200 and 304
  };
  // raw_path: the still url-encoded part of the target after "/static/",
  // without query. Dot segments, dotfiles, backslashes, NUL and symlinks that
  // leave the root are all answered with 404.
  Result get(std::string_view raw_path, std::optional<std::string_view> if_none_match,
             std::optional<std::string_view> if_modified_since);

  // Files larger than this are served but not kept in memory.
  static constexpr std::uint64_t kMaxCachedFile = 32ull << 20;
  static constexpr std::uint64_t kCacheBudget = 256ull << 20;

 private:
  std::shared_ptr<const StaticEntry> find(const std::string& rel);
  std::shared_ptr<const StaticEntry> load(const std::string& rel);

  std::filesystem::path root_;  // canonical
  std::string root_prefix_;     // canonical root + "/"
  std::shared_mutex mutex_;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::shared_ptr<const StaticEntry>, Hash, std::equal_to<>> cache_;
  std::uint64_t cached_bytes_ = 0;
};

}  // namespace rf::http
