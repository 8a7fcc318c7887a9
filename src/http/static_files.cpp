#include "http/static_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <mutex>
#include <utility>

#include "http/request.hpp"
#include "http/security_headers.hpp"
#include "http/util.hpp"
#include "text/strings.hpp"

namespace rf::http {
namespace {

// A cached entry is trusted for this long before its file is stat()ed again:
// one syscall per second per file instead of one per request.
constexpr std::int64_t kRevalidateNs = 1'000'000'000;

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Rejects anything that could leave the directory or reveal hidden files.
bool safe_relative_path(std::string_view rel) {
  if (rel.empty() || rel.find('\0') != std::string_view::npos || rel.find('\\') != std::string_view::npos) {
    return false;
  }
  while (true) {
    std::size_t slash = rel.find('/');
    std::string_view segment = rel.substr(0, slash);
    // Empty ("a//b", leading or trailing slash), ".", ".." and dotfiles.
    if (segment.empty() || segment.front() == '.') return false;
    if (slash == std::string_view::npos) return true;
    rel.remove_prefix(slash + 1);
  }
}

// If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ is ignored.
bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view tag = text::trim_blanks(header.substr(0, comma));
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

std::string hex(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[v & 0xF]);
    v >>= 4;
  } while (v != 0);
  return out;
}

bool read_all(int fd, std::string& out, std::size_t size) {
  out.resize(size);
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, out.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Opens and reads the file; nullptr if it is not a readable regular file.
std::shared_ptr<StaticEntry> read_entry(const std::string& path, std::string_view name) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  auto entry = std::make_shared<StaticEntry>();
  struct stat st {};
  // fstat on the open file: the validators describe exactly the bytes read.
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            read_all(fd, entry->content, static_cast<std::size_t>(st.st_size));
  ::close(fd);
  if (!ok) return nullptr;
  entry->size = static_cast<std::uint64_t>(st.st_size);
  entry->mtime_seconds = st.st_mtim.tv_sec;
  entry->mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  entry->content_type = std::string(content_type_for(name));
  entry->etag.append("\"").append(hex(entry->size)).append("-");
  entry->etag.append(hex(static_cast<std::uint64_t>(entry->mtime_ns))).append("\"");
  entry->last_modified = http_date(entry->mtime_seconds);
  std::string validators = "ETag: " + entry->etag + "\r\nLast-Modified: " + entry->last_modified +
                           "\r\nCache-Control: public, max-age=3600\r\n";
  for (const auto& [name, value] : kSecurityHeaders) validators.append(name).append(": ").append(value).append("\r\n");
  validators.append("Content-Security-Policy: ").append(kDefaultContentSecurityPolicy).append("\r\n");
  entry->headers_304 = validators;
  entry->headers_200 = "Content-Type: " + entry->content_type + "\r\nContent-Length: " + std::to_string(entry->size) +
                       "\r\n" + validators;
  entry->checked_at_ns.store(steady_ns(), std::memory_order_relaxed);
  return entry;
}

}  // namespace

std::string_view content_type_for(std::string_view filename) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"webp", "image/webp"},
      {"gif", "image/gif"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"pdf", "application/pdf"},
      {"ico", "image/vnd.microsoft.icon"},
      {"txt", "text/plain; charset=utf-8"},
      {"json", "application/json"},
      {"csv", "text/csv; charset=utf-8"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"html", "text/html; charset=utf-8"},
      {"xml", "application/xml"},
      {"map", "application/json"},
  };
  std::size_t dot = filename.rfind('.');
  std::size_t slash = filename.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  std::string ext(filename.substr(dot + 1));
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  std::error_code ec;
  root_ = std::filesystem::canonical(root, ec);
  if (ec) root_ = std::filesystem::absolute(root);  // may appear later; lookups fail until then
  root_prefix_ = root_.string();
  if (!root_prefix_.ends_with('/')) root_prefix_.push_back('/');
}

std::shared_ptr<const StaticEntry> StaticFiles::find(const std::string& rel) {
  {
    std::shared_lock lock(mutex_);
    auto it = cache_.find(std::string_view(rel));
    if (it != cache_.end() && steady_ns() - it->second->checked_at_ns.load(std::memory_order_relaxed) < kRevalidateNs) {
      return it->second;
    }
  }
  return load(rel);
}

std::shared_ptr<const StaticEntry> StaticFiles::load(const std::string& rel) {
  // realpath resolves symlinks; the result must still lie inside the root.
  std::string joined = root_prefix_ + rel;
  char resolved[PATH_MAX];
  bool inside = ::realpath(joined.c_str(), resolved) != nullptr && std::string_view(resolved).starts_with(root_prefix_);
  struct stat st {};
  if (!inside || ::stat(resolved, &st) != 0 || !S_ISREG(st.st_mode)) {
    std::unique_lock lock(mutex_);
    auto it = cache_.find(std::string_view(rel));
    if (it != cache_.end()) {
      cached_bytes_ -= it->second->size;
      cache_.erase(it);
    }
    return nullptr;
  }
  const std::int64_t mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  {
    std::shared_lock lock(mutex_);
    auto it = cache_.find(std::string_view(rel));
    if (it != cache_.end() && it->second->mtime_ns == mtime_ns &&
        it->second->size == static_cast<std::uint64_t>(st.st_size)) {
      it->second->checked_at_ns.store(steady_ns(), std::memory_order_relaxed);
      return it->second;
    }
  }
  std::shared_ptr<StaticEntry> entry = read_entry(resolved, rel);
  if (!entry || entry->size > kMaxCachedFile) return entry;

  std::unique_lock lock(mutex_);
  auto it = cache_.find(std::string_view(rel));
  if (it != cache_.end()) {
    cached_bytes_ -= it->second->size;
    cache_.erase(it);
  }
  // The static directory is small in practice; if it is not, start over
  // rather than keeping LRU bookkeeping on the hot path.
  if (cached_bytes_ + entry->size > kCacheBudget) {
    cache_.clear();
    cached_bytes_ = 0;
  }
  cached_bytes_ += entry->size;
  cache_.emplace(rel, entry);
  return entry;
}

StaticFiles::Result StaticFiles::get(std::string_view raw_path, std::optional<std::string_view> if_none_match,
                                     std::optional<std::string_view> if_modified_since) {
  Result result;
  std::string rel = url_decode(raw_path, /*plus_is_space=*/false);
  if (!safe_relative_path(rel)) return result;
  result.entry = find(rel);
  if (!result.entry) return result;
  result.status = 200;
  if (if_none_match) {
    // If-Modified-Since is ignored when If-None-Match is present (RFC 9110 §13.1.3).
    if (etag_matches(*if_none_match, result.entry->etag)) result.status = 304;
  } else if (if_modified_since) {
    std::optional<std::time_t> since = parse_http_date(*if_modified_since);
    if (since && result.entry->mtime_seconds <= *since) result.status = 304;
  }
  return result;
}

}  // namespace rf::http
