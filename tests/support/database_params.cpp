#include "database_params.hpp"

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <string_view>
#include <utility>

#include "pg_cluster.hpp"
#include "temp_dir.hpp"

namespace rf::test {

std::string fresh_database_url(rf::db::Kind kind) {
  if (kind == rf::db::Kind::postgresql) return PgCluster::shared().create_database();
  // One directory per process, removed at exit with every database in it.
  static TempDir dir;
  static std::atomic<int> counter = 0;
  return "sqlite:" + (dir / ("test-" + std::to_string(++counter) + ".db")).string();
}

std::string prepared_database_url(rf::db::Kind kind, const std::string& key,
                                  const std::function<void(const std::string& url)>& prepare) {
  // Cases of one program may run on several threads: one lock over preparing
  // and copying (a PostgreSQL template must have no other session meanwhile).
  static std::mutex mutex;
  static std::map<std::pair<rf::db::Kind, std::string>, std::string> prepared;  // -> its URL
  std::lock_guard lock(mutex);
  auto it = prepared.find({kind, key});
  if (it == prepared.end()) {
    const std::string url = fresh_database_url(kind);
    prepare(url);
    it = prepared.emplace(std::make_pair(kind, key), url).first;
  }
  const std::string& original = it->second;
  if (kind == rf::db::Kind::postgresql) {
    return PgCluster::shared().create_database(original.substr(original.rfind('/') + 1));
  }
  // `prepare` closed its connections, so SQLite checkpointed its WAL into the
  // file; a WAL left over (another connection still open) is copied with it.
  const std::filesystem::path from = original.substr(std::string_view("sqlite:").size());
  const std::string copy = fresh_database_url(kind);
  const std::filesystem::path to = copy.substr(std::string_view("sqlite:").size());
  std::filesystem::copy_file(from, to);
  std::filesystem::path wal = from;
  wal += "-wal";
  if (std::filesystem::exists(wal)) {
    std::filesystem::path to_wal = to;
    to_wal += "-wal";
    std::filesystem::copy_file(wal, to_wal);
  }
  return copy;
}

std::string kind_test_name(const ::testing::TestParamInfo<rf::db::Kind>& info) {
  return std::string(rf::db::kind_name(info.param));
}

}  // namespace rf::test
