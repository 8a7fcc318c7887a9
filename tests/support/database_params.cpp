#include "database_params.hpp"

#include <atomic>

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

std::string kind_test_name(const ::testing::TestParamInfo<rf::db::Kind>& info) {
  return std::string(rf::db::kind_name(info.param));
}

}  // namespace rf::test
