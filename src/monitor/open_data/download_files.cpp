#include "monitor/open_data/download_files.hpp"

#include <algorithm>
#include <atomic>
#include <vector>
#include <charconv>
#include <unistd.h>

#include "web/accounts.hpp"

namespace rf::monitor {

namespace fs = std::filesystem;

namespace {

std::string version_prefix(std::uint64_t version) { return "v" + std::to_string(version) + "-"; }

}  // namespace

DownloadFiles::DownloadFiles(fs::path dir, std::uint64_t budget_bytes) : dir_(std::move(dir)), budget_(budget_bytes) {}

fs::path DownloadFiles::get(std::uint64_t version, std::string_view key, std::string_view extension,
                            const std::function<void(const fs::path&)>& write) {
  const std::string name = version_prefix(version) + web::sha256_hex(key).substr(0, 32) + std::string(extension);
  const fs::path path = dir_ / name;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    // A hit counts as a use: the budget removes files used least recently.
    fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
    return path;
  }

  std::shared_ptr<std::mutex> key_mutex;
  {
    std::lock_guard lock(mutex_);
    auto& slot = writing_[name];
    if (!slot) slot = std::make_shared<std::mutex>();
    key_mutex = slot;
  }
  std::lock_guard writing(*key_mutex);
  if (!fs::exists(path, ec)) {  // another request may have written it meanwhile
    fs::create_directories(dir_);
    static std::atomic<unsigned> counter{0};
    const fs::path temp = dir_ / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
    try {
      write(temp);
      fs::rename(temp, path);
    } catch (...) {
      fs::remove(temp, ec);
      throw;
    }
    remove_other_versions(version);
    enforce_budget(path);
  }
  std::lock_guard lock(mutex_);
  if (key_mutex.use_count() <= 2) writing_.erase(name);  // the map's copy and ours
  return path;
}

http::Response DownloadFiles::respond(std::uint64_t version, std::string_view key, std::string_view content_type,
                                      const std::string& filename, const std::function<void(const fs::path&)>& write) {
  auto extension = fs::path(filename).extension().string();
  http::Response res = http::Response::file(get(version, key, extension, write).string(), content_type);
  res.attachment(filename);
  return res;
}

void DownloadFiles::remove_other_versions(std::uint64_t version) {
  // Older versions go (a newer one may come from another instance and
  // stays); a file being sent stays readable until it is closed.
  std::lock_guard lock(mutex_);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("v")) continue;
    std::uint64_t file_version = 0;
    auto [end, error] = std::from_chars(name.data() + 1, name.data() + name.size(), file_version);
    if (error == std::errc() && *end == '-' && file_version < version) fs::remove(entry.path(), ec);
  }
}

void DownloadFiles::enforce_budget(const fs::path& keep) {
  std::lock_guard lock(mutex_);
  struct File {
    fs::file_time_type used;
    std::uint64_t size;
    fs::path path;
  };
  std::vector<File> files;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (!entry.is_regular_file(ec) || !entry.path().filename().string().starts_with("v")) continue;
    File f{entry.last_write_time(ec), entry.file_size(ec), entry.path()};
    if (ec) continue;
    total += f.size;
    if (f.path != keep) files.push_back(std::move(f));
  }
  std::sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.used < b.used; });
  for (const File& f : files) {
    if (total <= budget_) break;
    if (fs::remove(f.path, ec)) total -= f.size;
  }
}

}  // namespace rf::monitor
