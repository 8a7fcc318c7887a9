// The per-connection statement cache (database.hpp) on both drivers, observed through
// what the databases themselves report: SQLite's sqlite_stmt table (every statement the
// connection holds prepared, with how often it ran) and PostgreSQL's
// pg_prepared_statements (the session's named statements, with how often each was planned).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "db/database.hpp"
#include "db/pool.hpp"
#include "db/sql_text.hpp"
#include "support/database_params.hpp"

namespace rf::db {
namespace {

class StatementCacheTest : public rf::test::BothDatabases {
 protected:
  void SetUp() override {
    url_ = fresh_url();
    db_ = open(url_);
    db_->exec_script("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
    db_->exec_script("INSERT INTO t (k, v) VALUES (1, 'eins'), (2, 'zwei'), (3, 'drei')");
  }

  // How many prepared statements of `sql` the connection holds (idle or in use).
  std::int64_t held(const std::string& sql) {
    if (db_->kind() == Kind::sqlite) {
      return db_->query_one("SELECT COUNT(*) FROM sqlite_stmt WHERE sql = ?", {sql})->integer(0);
    }
    return db_
        ->query_one("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement = ?",
                    {detail::rewrite_placeholders(sql).sql})
        ->integer(0);
  }

  // How often the one held statement of `sql` ran (SQLite) or was planned (PostgreSQL, where
  // every run plans: custom plans, or the cached generic plan after five); nullopt when none is held.
  std::optional<std::int64_t> runs(const std::string& sql) {
    if (held(sql) != 1) return std::nullopt;
    if (db_->kind() == Kind::sqlite) {
      return db_->query_one("SELECT run FROM sqlite_stmt WHERE sql = ?", {sql})->integer(0);
    }
    // generic_plans counts runs of the generic plan too, not plannings only.
    return db_
        ->query_one("SELECT generic_plans + custom_plans FROM pg_prepared_statements WHERE statement = ?",
                    {detail::rewrite_placeholders(sql).sql})
        ->integer(0);
  }

  // Every statement the connection holds prepared.
  std::int64_t held_total() {
    return db_
        ->query_one(db_->kind() == Kind::sqlite ? "SELECT COUNT(*) FROM sqlite_stmt"
                                                : "SELECT COUNT(*) FROM pg_prepared_statements")
        ->integer(0);
  }

  std::string url_;
  std::unique_ptr<Database> db_;
};
RF_BOTH_DATABASES(StatementCacheTest);

TEST_P(StatementCacheTest, RepeatedSqlReusesOnePreparedStatement) {
  const std::string select = "SELECT v FROM t WHERE k = ?";
  const std::string update = "UPDATE t SET v = ? WHERE k = ?";
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(db_->query_one(select, {std::int64_t{2}})->text(0), i == 0 ? "zwei" : "zwei " + std::to_string(i - 1));
    EXPECT_EQ(db_->execute(update, {"zwei " + std::to_string(i), std::int64_t{2}}), 1);
  }
  EXPECT_EQ(db_->query_one(select, {std::int64_t{2}})->text(0), "zwei 9");
  EXPECT_EQ(held(select), 1);
  EXPECT_EQ(runs(select), 11);
  EXPECT_EQ(runs(update), 10);
  // Insert appends RETURNING id: its own statement, reused like any other.
  db_->exec_script("CREATE TABLE items (id INTEGER PRIMARY KEY, v TEXT)");
  const std::string insert = "INSERT INTO items (id, v) VALUES (?, ?)";
  for (std::int64_t id = 10; id < 15; ++id) EXPECT_EQ(db_->insert(insert, {id, "neu"}), id);
  EXPECT_EQ(runs(insert + " RETURNING id"), 5);
}

TEST_P(StatementCacheTest, BindingsDoNotCarryOverToTheNextUse) {
  const std::string sql = "SELECT CAST(? AS TEXT) IS NULL, CAST(? AS TEXT)";
  {
    auto statement = db_->prepare(sql);
    statement->bind(1, std::int64_t{5}).bind(2, "x");
    EXPECT_EQ(statement->step()->integer(0), 0);
  }
  // The cached statement comes back with its bindings cleared: unbound means NULL.
  auto statement = db_->prepare(sql);
  const auto row = statement->step();
  EXPECT_EQ(row->integer(0), 1);
  EXPECT_TRUE(row->is_null(1));
}

TEST_P(StatementCacheTest, SameSqlInUseTwiceAtOnceWorks) {
  const std::string sql = "SELECT k, v FROM t ORDER BY k";
  auto outer = db_->prepare(sql);
  EXPECT_EQ(outer->step()->integer(0), 1);
  {
    // While the first is half-way through its rows, the same SQL runs in full.
    const std::vector<Row> rows = db_->query(sql);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2].text(1), "drei");
    auto inner = db_->prepare(sql);
    EXPECT_EQ(inner->step()->integer(0), 1);
    EXPECT_EQ(outer->step()->integer(0), 2);
    EXPECT_EQ(inner->step()->integer(0), 2);
  }
  EXPECT_EQ(outer->step()->integer(0), 3);
  EXPECT_FALSE(outer->step().has_value());
  outer->reset();
  EXPECT_EQ(outer->step()->text(1), "eins");
  outer.reset();
  // Both ended: the connection keeps one statement of the SQL, not two.
  EXPECT_EQ(db_->query(sql).size(), 3u);
  EXPECT_EQ(held(sql), 1);
}

TEST_P(StatementCacheTest, StatementLeftHalfWayReleasesTheTable) {
  // query_one reads one of three rows; the statement goes back to the cache reset, so
  // nothing still reads the table (SQLite refuses to drop a table being read).
  EXPECT_EQ(db_->query_one("SELECT k FROM t ORDER BY k")->integer(0), 1);
  EXPECT_EQ(held("SELECT k FROM t ORDER BY k"), 1);
  db_->exec_script("DROP TABLE t");
  EXPECT_THROW(db_->query_one("SELECT k FROM t ORDER BY k"), Error);
}

TEST_P(StatementCacheTest, StatementsPreparedInARolledBackTransactionStayUsable) {
  const std::string sql = "SELECT v FROM t WHERE k = ?";
  {
    Transaction tx(*db_);
    db_->execute("UPDATE t SET v = 'weg' WHERE k = 1");
    EXPECT_EQ(db_->query_one(sql, {std::int64_t{1}})->text(0), "weg");
  }  // rolled back
  EXPECT_EQ(db_->query_one(sql, {std::int64_t{1}})->text(0), "eins");
  EXPECT_EQ(runs(sql), 2);
}

TEST_P(StatementCacheTest, FailedTransactionLeavesTheCacheUsable) {
  const std::string before = "SELECT v FROM t WHERE k = ?";
  const std::string during = "SELECT COUNT(*) FROM t WHERE v <> ?";
  EXPECT_EQ(db_->query_one(before, {std::int64_t{3}})->text(0), "drei");
  {
    Transaction tx(*db_);
    EXPECT_THROW(db_->execute("INSERT INTO t (k, v) VALUES (1, 'doppelt')"), ConstraintError);
    if (db_->kind() == Kind::postgresql) {
      // The server refuses everything in a failed transaction, a first PREPARE as well.
      EXPECT_THROW(db_->query_one(during, {"x"}), Error);
      EXPECT_THROW(db_->query_one(before, {std::int64_t{3}}), Error);
    }
  }
  EXPECT_EQ(db_->query_one(during, {"x"})->integer(0), 3);
  EXPECT_EQ(db_->query_one(before, {std::int64_t{3}})->text(0), "drei");
  EXPECT_EQ(held(during), 1);
  EXPECT_EQ(held(before), 1);
  // A cached INSERT that failed runs again: the failure did not stick to the statement.
  const std::string insert = "INSERT INTO t (k, v) VALUES (?, ?)";
  EXPECT_THROW(db_->execute(insert, {std::int64_t{2}, "doppelt"}), ConstraintError);
  EXPECT_EQ(db_->execute(insert, {std::int64_t{4}, "vier"}), 1);
  EXPECT_EQ(runs(insert), 2);
}

TEST_P(StatementCacheTest, SchemaChangesReachCachedStatements) {
  const std::string all = "SELECT * FROM t ORDER BY k";
  EXPECT_EQ(db_->query_one(all)->size(), 2u);
  // DDL in a script. (On PostgreSQL a plan whose result type changed would fail with
  // "cached plan must not change result type".)
  db_->exec_script("ALTER TABLE t ADD COLUMN n INTEGER DEFAULT 7");
  auto row = db_->query_one(all);
  ASSERT_EQ(row->size(), 3u);
  EXPECT_EQ(row->integer(2), 7);
  // DDL through execute().
  db_->execute("ALTER TABLE t ADD COLUMN s TEXT DEFAULT 'x'");
  row = db_->query_one(all);
  ASSERT_EQ(row->size(), 4u);
  EXPECT_EQ(row->text(3), "x");
  // DROP and CREATE again with other columns under the same name.
  db_->exec_script("DROP TABLE t; CREATE TABLE t (k INTEGER PRIMARY KEY); INSERT INTO t (k) VALUES (9)");
  row = db_->query_one(all);
  ASSERT_EQ(row->size(), 1u);
  EXPECT_EQ(row->integer(0), 9);
}

TEST_P(StatementCacheTest, SchemaChangeRolledBackReachesCachedStatements) {
  const std::string all = "SELECT * FROM t ORDER BY k";
  EXPECT_EQ(db_->query_one(all)->size(), 2u);
  {
    Transaction tx(*db_);
    db_->exec_script("ALTER TABLE t ADD COLUMN n INTEGER DEFAULT 7");
    // Cached while the new column exists …
    EXPECT_EQ(db_->query_one(all)->size(), 3u);
  }
  // … and run again after the rollback took it away.
  const auto row = db_->query_one(all);
  ASSERT_EQ(row->size(), 2u);
  EXPECT_EQ(row->text(1), "eins");
  // A committed change stays.
  {
    Transaction tx(*db_);
    db_->exec_script("ALTER TABLE t ADD COLUMN n INTEGER DEFAULT 8");
    EXPECT_EQ(db_->query_one(all)->size(), 3u);
    tx.commit();
  }
  EXPECT_EQ(db_->query_one(all)->integer(2), 8);
}

TEST_P(StatementCacheTest, HoldsAtMostTheBoundAndEvictsTheLeastRecentlyUsed) {
  auto sql = [](std::size_t i) { return "SELECT ? + " + std::to_string(i); };
  const std::size_t total = kStatementCacheCapacity + 40;
  for (std::size_t i = 0; i < total; ++i) {
    EXPECT_EQ(db_->query_one(sql(i), {std::int64_t{1}})->integer(0), static_cast<std::int64_t>(i + 1));
    // The first one is used again every ten, so it never becomes the least recently used.
    if (i % 10 == 0) db_->query_one(sql(0), {std::int64_t{1}});
  }
  // SQLite counts the statement of this very query, which is in use and not yet cached.
  EXPECT_LE(held_total(), static_cast<std::int64_t>(kStatementCacheCapacity) + 1);
  EXPECT_GE(held_total(), static_cast<std::int64_t>(kStatementCacheCapacity) - 2);
  EXPECT_EQ(held(sql(0)), 1);
  EXPECT_EQ(held(sql(1)), 0);
  EXPECT_EQ(held(sql(total - 1)), 1);
  // An evicted statement is prepared afresh.
  EXPECT_EQ(db_->query_one(sql(1), {std::int64_t{5}})->integer(0), 6);
  EXPECT_EQ(held(sql(1)), 1);
}

TEST_P(StatementCacheTest, BulkInsertWorksBesideCachedStatements) {
  const std::string count = "SELECT COUNT(*) FROM t";
  EXPECT_EQ(db_->query_one(count)->integer(0), 3);
  {
    Transaction tx(*db_);
    auto bulk = db_->bulk_insert("t", {"k", "v"});
    for (std::int64_t k = 100; k < 200; ++k) bulk->add({k, "bulk"});
    bulk->finish();
    tx.commit();
  }
  EXPECT_EQ(db_->query_one(count)->integer(0), 103);
  EXPECT_EQ(runs(count), 2);
}

TEST_P(StatementCacheTest, BadSqlIsNotCached) {
  EXPECT_THROW(db_->query("SELECT nope FROM t"), Error);
  EXPECT_THROW(db_->query("SELECT nope FROM t"), Error);
  EXPECT_THROW(db_->prepare("SELECT 1; SELECT 2")->step(), Error);
  EXPECT_THROW(db_->prepare("SELECT 1; SELECT 2")->step(), Error);
}

TEST(PostgresStatementCacheTest, ReconnectPreparesAfreshInTheNewSession) {
  const std::string url = rf::test::fresh_database_url(Kind::postgresql);
  auto db = open(url);
  const std::string sql = "SELECT pg_backend_pid() + ?";
  const std::int64_t old_pid = db->query_one(sql, {std::int64_t{0}})->integer(0);
  EXPECT_EQ(db->query_one(sql, {std::int64_t{0}})->integer(0), old_pid);
  EXPECT_EQ(open(url)->query_one("SELECT pg_terminate_backend(?, 5000)", {old_pid})->integer(0), 1);
  EXPECT_THROW(db->query_one(sql, {std::int64_t{0}}), Error);
  ASSERT_TRUE(db->ping());
  // The new session knows none of the old names: the cached SQL is prepared again.
  const std::int64_t new_pid = db->query_one(sql, {std::int64_t{0}})->integer(0);
  EXPECT_NE(new_pid, old_pid);
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement = ?",
                          {detail::rewrite_placeholders(sql).sql})
                ->integer(0),
            1);
}

TEST(PostgresStatementCacheTest, SchemaChangeUndoneByAFailedCommitReachesCachedStatements) {
  auto db = open(rf::test::fresh_database_url(Kind::postgresql));
  db->exec_script(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
      "CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);"
      "INSERT INTO parent (id) VALUES (1)");
  const std::string all = "SELECT * FROM parent";
  EXPECT_EQ(db->query_one(all)->size(), 1u);
  {
    Transaction tx(*db);
    db->exec_script("ALTER TABLE parent ADD COLUMN name TEXT");
    EXPECT_EQ(db->query_one(all)->size(), 2u);
    db->execute("INSERT INTO child (id, parent) VALUES (1, 99)");  // checked at COMMIT
    EXPECT_THROW(tx.commit(), Error);
  }
  // The server rolled the transaction back, the new column with it.
  EXPECT_EQ(db->query_one(all)->size(), 1u);
}

TEST(PostgresStatementCacheTest, PoolReplacesABrokenConnectionWithAnEmptyCache) {
  const std::string url = rf::test::fresh_database_url(Kind::postgresql);
  Pool pool(url, 1);
  const std::string sql = "SELECT pg_backend_pid() + ?";
  std::int64_t old_pid = 0;
  {
    auto lease = pool.acquire();
    old_pid = lease->query_one(sql, {std::int64_t{0}})->integer(0);
  }
  open(url)->query_one("SELECT pg_terminate_backend(?, 5000)", {old_pid});
  try {
    auto lease = pool.acquire();
    lease->query_one(sql, {std::int64_t{0}});
    ADD_FAILURE() << "the dead connection answered";
  } catch (const Error&) {
  }
  auto lease = pool.acquire();
  EXPECT_NE(lease->query_one(sql, {std::int64_t{0}})->integer(0), old_pid);
}

}  // namespace
}  // namespace rf::db
