// Large downloads as files: each one is written once per statistics version
// to var_dir/downloads and then streamed by the server from there
// (http::Response::file), so a download of millions of cells costs a chunk of
// memory instead of its size, and the second request costs no work at all.
// Files of older statistics versions are removed when a newer one is written,
// and the folder is kept under a byte budget: beyond it the files used least
// recently go (a file being sent stays readable until the server closes it).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "http/response.hpp"

namespace rf::monitor {

class DownloadFiles {
 public:
  static constexpr std::uint64_t kDefaultBudget = 2ull << 30;  // 2 GiB
  explicit DownloadFiles(std::filesystem::path dir, std::uint64_t budget_bytes = kDefaultBudget);

  // The file for `key` (anything that names the content, e.g. the request
  // target) at statistics version `version`; `write(path)` creates it when
  // it is missing. One writer per key at a time; a failed write leaves
  // nothing behind and its exception propagates.
  std::filesystem::path get(std::uint64_t version, std::string_view key, std::string_view extension,
                            const std::function<void(const std::filesystem::path&)>& write);

  // An attachment response streamed from get()'s file.
  http::Response respond(std::uint64_t version, std::string_view key, std::string_view content_type,
                         const std::string& filename, const std::function<void(const std::filesystem::path&)>& write);

 private:
  void remove_other_versions(std::uint64_t version);
  // Removes the least recently used files until the folder fits the budget; `keep` stays.
  void enforce_budget(const std::filesystem::path& keep);

  std::filesystem::path dir_;
  std::uint64_t budget_;
  std::mutex mutex_;  // guards writing_ and the clean-up
  std::map<std::string, std::shared_ptr<std::mutex>> writing_;
};

}  // namespace rf::monitor
