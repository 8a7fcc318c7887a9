// The storage interface against both drivers: typed round trips, placeholder
// handling, transactions, constraint errors, ids, bulk loading and the pool.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>
#include <thread>

#include "db/database.hpp"
#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"

namespace rf::db {
namespace {

using namespace std::chrono_literals;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

class DatabaseTest : public rf::test::BothDatabases {
 protected:
  void SetUp() override {
    url_ = fresh_url();
    db_ = open(url_);
  }
  std::int64_t count(std::string_view table) {
    return db_->query_one("SELECT COUNT(*) FROM " + std::string(table))->integer(0);
  }
  std::string url_;
  std::unique_ptr<Database> db_;
};
RF_BOTH_DATABASES(DatabaseTest);

TEST_P(DatabaseTest, ReportsItsKindAndAnswersPing) {
  EXPECT_EQ(db_->kind(), GetParam());
  EXPECT_TRUE(db_->ping());
}

TEST_P(DatabaseTest, Int64ExtremesRoundTripAsIntegers) {
  db_->exec_script("CREATE TABLE numbers (k INTEGER PRIMARY KEY, v BIGINT)");
  const std::vector<std::int64_t> values = {std::numeric_limits<std::int64_t>::min(),
                                            std::numeric_limits<std::int64_t>::max(), 0, -1, 4'294'967'296};
  for (std::size_t i = 0; i < values.size(); ++i) {
    db_->execute("INSERT INTO numbers (k, v) VALUES (?, ?)", {static_cast<std::int64_t>(i), values[i]});
  }
  const std::vector<Row> rows = db_->query("SELECT v FROM numbers ORDER BY k");
  ASSERT_EQ(rows.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    ASSERT_TRUE(std::holds_alternative<std::int64_t>(rows[i].value(0))) << i;
    EXPECT_EQ(rows[i].integer(0), values[i]);
  }
  EXPECT_EQ(rows[0].text(0), "-9223372036854775808");
}

TEST_P(DatabaseTest, DoublesRoundTripBitExactly) {
  db_->exec_script("CREATE TABLE reals (k INTEGER PRIMARY KEY, v DOUBLE PRECISION)");
  const std::vector<double> values = {0.1,    1.0 / 3.0,           -2.5e-300, 1.7976931348623157e308,
                                      5e-324, 123456789.123456789, -0.0};
  for (std::size_t i = 0; i < values.size(); ++i) {
    db_->execute("INSERT INTO reals (k, v) VALUES (?, ?)", {static_cast<std::int64_t>(i), values[i]});
  }
  const std::vector<Row> rows = db_->query("SELECT v FROM reals ORDER BY k");
  ASSERT_EQ(rows.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    ASSERT_TRUE(std::holds_alternative<double>(rows[i].value(0))) << i;
    EXPECT_EQ(rows[i].real(0), values[i]) << i;
  }
  EXPECT_EQ(rows[0].text(0), "0.1");
}

TEST_P(DatabaseTest, TextRoundTripsIncludingUtf8AndAwkwardBytes) {
  db_->exec_script("CREATE TABLE texts (k INTEGER PRIMARY KEY, v TEXT)");
  const std::vector<std::string> values = {
      "Grüße aus Gelsenkirchen: Straße, ÄÖÜ äöü ß",
      "Bildung 🎓📊 für alle 👩‍🏫",
      "tab\there, new\nline, cr\rx, back\\slash, quote ' and \" double",
      "'; DROP TABLE texts; --",
      "control \x01\x02\x1f\x7f bytes",
      std::string(100'000, 'x'),
  };
  for (std::size_t i = 0; i < values.size(); ++i) {
    db_->execute("INSERT INTO texts (k, v) VALUES (?, ?)", {static_cast<std::int64_t>(i), values[i]});
  }
  const std::vector<Row> rows = db_->query("SELECT v FROM texts ORDER BY k");
  ASSERT_EQ(rows.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(rows[i].text(0), values[i]) << i;
  EXPECT_EQ(db_->query_one("SELECT LENGTH(v) FROM texts WHERE k = 1")->integer(0), 23)
      << "length counts characters, so the emoji arrived as UTF-8";
}

TEST_P(DatabaseTest, EmptyStringIsNotNull) {
  db_->exec_script("CREATE TABLE maybe (k INTEGER PRIMARY KEY, v TEXT)");
  db_->execute("INSERT INTO maybe (k, v) VALUES (1, ?), (2, ?)", {std::string(), Null{}});
  const std::vector<Row> rows = db_->query("SELECT v, v IS NULL FROM maybe ORDER BY k");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FALSE(rows[0].is_null(0));
  EXPECT_EQ(rows[0].opt_text(0), std::optional<std::string>(""));
  EXPECT_EQ(rows[0].integer(1), 0);
  EXPECT_TRUE(rows[1].is_null(0));
  EXPECT_EQ(rows[1].opt_text(0), std::nullopt);
  EXPECT_EQ(rows[1].opt_integer(0), std::nullopt);
  EXPECT_EQ(rows[1].text(0), "");
  EXPECT_EQ(rows[1].integer(1), 1);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM maybe WHERE v = ?", {std::string()})->integer(0), 1);
}

TEST_P(DatabaseTest, RowAccessorsConvertBetweenTypes) {
  const auto row = db_->query_one("SELECT 42, '17', 2.5, NULL, 'abc'");
  ASSERT_TRUE(row.has_value());
  ASSERT_EQ(row->size(), 5u);
  EXPECT_EQ(row->integer(0), 42);
  EXPECT_EQ(row->text(0), "42");
  EXPECT_EQ(row->real(0), 42.0);
  EXPECT_EQ(row->integer(1), 17);
  EXPECT_EQ(row->real(2), 2.5);
  EXPECT_EQ(row->text(2), "2.5");
  EXPECT_EQ(row->integer(2), 2);
  EXPECT_TRUE(row->is_null(3));
  EXPECT_EQ(row->integer(3), 0);
  EXPECT_EQ(row->real(3), 0.0);
  EXPECT_EQ(row->opt_real(3), std::nullopt);
  EXPECT_THROW(row->integer(4), Error);
  EXPECT_THROW(row->real(4), Error);
}

TEST_P(DatabaseTest, QuestionMarksInLiteralsAndCommentsAreNotParameters) {
  const auto row = db_->query_one("SELECT 'why?' AS \"really?\", ? /* a ? here */, 'it''s ?', ? -- and ? there\n",
                                  {std::int64_t{42}, std::string("yes")});
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->text(0), "why?");
  EXPECT_EQ(row->text(1), "42");
  EXPECT_EQ(row->text(2), "it's ?");
  EXPECT_EQ(row->text(3), "yes");
}

TEST_P(DatabaseTest, TransactionCommitPersists) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY)");
  {
    Transaction transaction(*db_);
    db_->execute("INSERT INTO items (k) VALUES (1), (2)");
    transaction.commit();
  }
  EXPECT_EQ(count("items"), 2);
  // A second connection sees the committed rows.
  EXPECT_EQ(open(url_)->query_one("SELECT SUM(k) FROM items")->integer(0), 3);
}

TEST_P(DatabaseTest, ATransactionInsideAnotherIsASavepoint) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY)");
  auto keys = [&] {
    std::vector<std::int64_t> out;
    for (const Row& row : db_->query("SELECT k FROM items ORDER BY k")) out.push_back(row.integer(0));
    return out;
  };
  {
    Transaction outer(*db_);
    db_->execute("INSERT INTO items (k) VALUES (1)");
    {
      Transaction dropped(*db_);
      db_->execute("INSERT INTO items (k) VALUES (2)");
      db_->execute("DELETE FROM items WHERE k = 1");
    }  // undoes only its own work
    EXPECT_EQ(keys(), std::vector<std::int64_t>({1}));
    {
      Transaction kept(*db_);
      db_->execute("INSERT INTO items (k) VALUES (3)");
      kept.commit();
    }
    // Nothing is committed before the outer transaction is: another connection sees no row.
    EXPECT_EQ(open(url_)->query_one("SELECT COUNT(*) FROM items")->integer(0), 0);
    outer.commit();
  }
  EXPECT_EQ(keys(), std::vector<std::int64_t>({1, 3}));
  {
    Transaction outer(*db_);
    {
      Transaction inner(*db_);
      db_->execute("INSERT INTO items (k) VALUES (4)");
      inner.commit();
    }
  }  // the outer rollback undoes the inner one's committed work
  EXPECT_EQ(keys(), std::vector<std::int64_t>({1, 3}));
  // The connection is outside any transaction again: a plain one works.
  Transaction again(*db_);
  db_->execute("INSERT INTO items (k) VALUES (5)");
  again.commit();
  EXPECT_EQ(open(url_)->query_one("SELECT COUNT(*) FROM items")->integer(0), 3);
}

TEST_P(DatabaseTest, TransactionWithoutCommitRollsBack) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY)");
  db_->execute("INSERT INTO items (k) VALUES (1)");
  {
    Transaction transaction(*db_);
    db_->execute("INSERT INTO items (k) VALUES (2)");
    db_->execute("DELETE FROM items WHERE k = 1");
    EXPECT_EQ(count("items"), 1);
  }
  const std::vector<Row> rows = db_->query("SELECT k FROM items");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].integer(0), 1);
  // Explicit begin/rollback too.
  db_->begin();
  db_->execute("DELETE FROM items");
  db_->rollback();
  EXPECT_EQ(count("items"), 1);
}

TEST_P(DatabaseTest, FailedStatementInsideTransactionRollsBackCleanly) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY)");
  db_->execute("INSERT INTO items (k) VALUES (1)");
  try {
    Transaction transaction(*db_);
    db_->execute("INSERT INTO items (k) VALUES (2)");
    db_->execute("INSERT INTO items (k) VALUES (1)");  // duplicate
    transaction.commit();
    FAIL() << "duplicate key accepted";
  } catch (const ConstraintError&) {
  }
  EXPECT_EQ(count("items"), 1);
  // The connection is usable again (PostgreSQL leaves no aborted transaction).
  db_->execute("INSERT INTO items (k) VALUES (3)");
  EXPECT_EQ(count("items"), 2);
}

TEST_P(DatabaseTest, CommitAfterSwallowedErrorNeverReportsLostWorkAsSaved) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY)");
  db_->execute("INSERT INTO items (k) VALUES (1)");
  {
    Transaction transaction(*db_);
    db_->execute("INSERT INTO items (k) VALUES (2)");
    EXPECT_THROW(db_->execute("INSERT INTO items (k) VALUES (1)"), ConstraintError);
    if (GetParam() == Kind::postgresql) {
      // PostgreSQL aborted the whole transaction; commit must say so (the
      // destructor then rolls back).
      EXPECT_THROW(transaction.commit(), Error);
    } else {
      // SQLite undoes only the failed statement; the rest commits.
      transaction.commit();
    }
  }
  EXPECT_EQ(count("items"), GetParam() == Kind::postgresql ? 1 : 2);
}

TEST_P(DatabaseTest, DuplicateKeysThrowConstraintError) {
  db_->exec_script("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)");
  db_->execute("INSERT INTO users (id, email) VALUES (1, 'a@example.org')");
  EXPECT_THROW(db_->execute("INSERT INTO users (id, email) VALUES (1, 'b@example.org')"), ConstraintError);
  try {
    db_->execute("INSERT INTO users (id, email) VALUES (?, ?)", {std::int64_t{2}, std::string("a@example.org")});
    FAIL() << "duplicate e-mail accepted";
  } catch (const ConstraintError& e) {
    EXPECT_TRUE(contains(e.what(), "INSERT INTO users")) << e.what();
  }
  // NOT NULL is a different kind of failure: an Error, but not a ConstraintError.
  try {
    db_->execute("INSERT INTO users (id, email) VALUES (3, NULL)");
    FAIL() << "NULL e-mail accepted";
  } catch (const ConstraintError&) {
    FAIL() << "NOT NULL reported as a duplicate";
  } catch (const Error&) {
  }
  EXPECT_EQ(count("users"), 1);
}

TEST_P(DatabaseTest, BadSqlThrowsErrorNamingTheStatement) {
  try {
    db_->query("SELEKT 1");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_TRUE(contains(e.what(), "SELEKT 1")) << e.what();
  }
  EXPECT_THROW(db_->exec_script("CREATE TABLE x (a INTEGER); CREATE TABLE x (a INTEGER);"), Error);
  EXPECT_THROW(db_->query("SELECT * FROM missing_table"), Error);
}

TEST_P(DatabaseTest, InsertReturnsIncreasingIds) {
  db_->exec_script(translate_migration("CREATE TABLE news (id @ID@, title TEXT NOT NULL)", GetParam()));
  const std::int64_t first = db_->insert("INSERT INTO news (title) VALUES (?)", {std::string("Eins")});
  const std::int64_t second = db_->insert("INSERT INTO news (title) VALUES (?);", {std::string("Zwei")});
  const std::int64_t third = db_->insert("INSERT INTO news (title) VALUES ('Drei')");
  EXPECT_GT(first, 0);
  EXPECT_GT(second, first);
  EXPECT_GT(third, second);
  EXPECT_EQ(db_->query_one("SELECT title FROM news WHERE id = ?", {second})->text(0), "Zwei");
}

TEST_P(DatabaseTest, ExecuteCountsChangedRows) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY, v TEXT)");
  EXPECT_EQ(db_->execute("INSERT INTO items (k, v) VALUES (1, 'a'), (2, 'a'), (3, 'b')"), 3);
  EXPECT_EQ(db_->execute("UPDATE items SET v = 'c' WHERE v = ?", {std::string("a")}), 2);
  EXPECT_EQ(db_->execute("SELECT * FROM items"), 0);
  EXPECT_EQ(db_->execute("DELETE FROM items WHERE k > 5"), 0);
}

TEST_P(DatabaseTest, PreparedStatementRunsAgainAfterReset) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY, v TEXT)");
  auto insert = db_->prepare("INSERT INTO items (k, v) VALUES (?, ?)");
  insert->bind(1, std::int64_t{1}).bind(2, std::string("one")).execute();
  insert->reset();
  insert->bind(1, std::int64_t{2});  // reset cleared v: it becomes NULL
  insert->execute();
  EXPECT_EQ(count("items"), 2);
  EXPECT_TRUE(db_->query_one("SELECT v FROM items WHERE k = 2")->is_null(0));

  auto select = db_->prepare("SELECT v FROM items WHERE k = ?");
  select->bind(1, std::int64_t{1});
  EXPECT_EQ(select->step()->text(0), "one");
  EXPECT_FALSE(select->step().has_value());
  EXPECT_FALSE(select->step().has_value()) << "a finished statement must not run again";
  EXPECT_THROW(select->bind(3, std::int64_t{1}), Error);
}

// Rows whose text exercises every character COPY's text format escapes.
std::string bulk_label(int i) {
  switch (i % 5) {
    case 0: return "tab\there " + std::to_string(i);
    case 1: return "new\nline\r\n" + std::to_string(i);
    case 2: return "back\\slash \\N " + std::to_string(i);
    case 3: return "Überörtlich 🎓 " + std::to_string(i);
    default: return std::to_string(i);
  }
}

TEST_P(DatabaseTest, BulkInsertLoadsManyRowsExactly) {
  db_->exec_script(
      "CREATE TABLE observation (id BIGINT PRIMARY KEY, label TEXT NOT NULL, "
      "amount DOUBLE PRECISION, note TEXT)");
  constexpr int kRows = 100'000;
  {
    Transaction transaction(*db_);
    auto loader = db_->bulk_insert("observation", {"id", "label", "amount", "note"});
    for (int i = 0; i < kRows; ++i) {
      const Value note = i % 7 == 0 ? Value(Null{}) : Value(i % 7 == 1 ? std::string() : "n");
      loader->add({std::int64_t{i}, bulk_label(i), i * 0.1, note});
    }
    loader->finish();
    transaction.commit();
  }
  EXPECT_EQ(count("observation"), kRows);
  EXPECT_EQ(db_->query_one("SELECT SUM(id) FROM observation")->integer(0), std::int64_t{kRows} * (kRows - 1) / 2);
  // Rows i with i % 7 == r for r = 0 (NULL) and r = 1 (empty string).
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM observation WHERE note IS NULL")->integer(0), (kRows + 6) / 7);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM observation WHERE note = ''")->integer(0), (kRows - 1 + 6) / 7);
  for (const int i : {0, 1, 2, 3, 4, 7, 8, 54'321, kRows - 1}) {
    const auto row = db_->query_one("SELECT label, amount, note FROM observation WHERE id = ?", {std::int64_t{i}});
    ASSERT_TRUE(row.has_value()) << i;
    EXPECT_EQ(row->text(0), bulk_label(i)) << i;
    EXPECT_EQ(row->real(1), i * 0.1) << i;
    EXPECT_EQ(row->is_null(2), i % 7 == 0) << i;
  }
}

TEST_P(DatabaseTest, BulkInsertFailureRollsBackAndLeavesConnectionUsable) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY, v TEXT)");
  db_->execute("INSERT INTO items (k, v) VALUES (5, 'existing')");
  EXPECT_THROW(
      {
        Transaction transaction(*db_);
        auto loader = db_->bulk_insert("items", {"k", "v"});
        for (std::int64_t k = 0; k < 10; ++k) loader->add({k, std::string("new")});
        loader->finish();  // SQLite fails at add(5), PostgreSQL here
        transaction.commit();
      },
      ConstraintError);
  EXPECT_EQ(count("items"), 1);
  EXPECT_TRUE(db_->ping());
}

TEST_P(DatabaseTest, AbandonedBulkInsertIsDiscarded) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY, v TEXT)");
  {
    Transaction transaction(*db_);
    auto loader = db_->bulk_insert("items", {"k", "v"});
    loader->add({std::int64_t{1}, std::string("a")});
    EXPECT_THROW(loader->add({std::int64_t{2}}), Error) << "row with too few values";
  }  // loader destroyed without finish(), then the transaction rolls back
  EXPECT_EQ(count("items"), 0);
  db_->execute("INSERT INTO items (k, v) VALUES (1, 'b')");
  EXPECT_EQ(count("items"), 1);
}

TEST_P(DatabaseTest, BulkInsertWorksWithoutTransactionAndEmpty) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY, v TEXT)");
  db_->bulk_insert("items", {"k", "v"})->finish();
  EXPECT_EQ(count("items"), 0);
  auto loader = db_->bulk_insert("items", {"v", "k"});
  loader->add({std::string("b"), std::int64_t{2}});
  loader->add({Null{}, std::int64_t{1}});
  loader->finish();
  EXPECT_THROW(loader->add({std::string("c"), std::int64_t{3}}), Error);
  const std::vector<Row> rows = db_->query("SELECT k, v FROM items ORDER BY k");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].is_null(1));
  EXPECT_EQ(rows[1].text(1), "b");
}

TEST_P(DatabaseTest, BulkInsertRejectsUnsafeNames) {
  db_->exec_script("CREATE TABLE items (k INTEGER PRIMARY KEY)");
  EXPECT_THROW(db_->bulk_insert("items; DROP TABLE items", {"k"}), Error);
  EXPECT_THROW(db_->bulk_insert("items", {"k) VALUES (1); --"}), Error);
  EXPECT_THROW(db_->bulk_insert("items", {}), Error);
  EXPECT_EQ(count("items"), 0);
}

class PoolTest : public rf::test::BothDatabases {};
RF_BOTH_DATABASES(PoolTest);

TEST_P(PoolTest, HandsOutAtMostSizeConnectionsAndBlocksTheRest) {
  Pool pool(fresh_url(), 2);
  EXPECT_EQ(pool.kind(), GetParam());
  Pool::Lease first = pool.acquire();
  Pool::Lease second = pool.acquire();
  Database* first_connection = &*first;
  EXPECT_NE(first_connection, &*second);
  EXPECT_TRUE(first->ping());

  std::atomic<bool> acquired = false;
  Database* third_connection = nullptr;
  std::thread waiter([&] {
    Pool::Lease third = pool.acquire();
    third_connection = &*third;
    acquired = true;
    third->query_one("SELECT 1");
  });
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(acquired) << "a third lease was handed out while two were in use";
  { Pool::Lease returned = std::move(first); }  // back to the pool
  waiter.join();
  EXPECT_TRUE(acquired);
  EXPECT_EQ(third_connection, first_connection) << "the released connection is reused";
}

TEST_P(PoolTest, ServesManyThreadsWithFewConnections) {
  const std::string url = fresh_url();
  open(url)->exec_script("CREATE TABLE hits (k INTEGER PRIMARY KEY, n BIGINT NOT NULL)");
  open(url)->execute("INSERT INTO hits (k, n) VALUES (1, 0)");
  Pool pool(url, 3);
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::set<Database*> seen;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        Pool::Lease db = pool.acquire();
        {
          std::lock_guard lock(mutex);
          seen.insert(&*db);
        }
        db->execute("UPDATE hits SET n = n + 1 WHERE k = 1");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(seen.size(), 3u);
  EXPECT_EQ(pool.acquire()->query_one("SELECT n FROM hits")->integer(0), 160);
}

TEST_P(PoolTest, WriterLeasesTakeTurnsOnOneSqliteConnection) {
  const std::string url = fresh_url();
  open(url)->exec_script("CREATE TABLE hits (k INTEGER PRIMARY KEY, n BIGINT NOT NULL)");
  open(url)->execute("INSERT INTO hits (k, n) VALUES (1, 0)");
  Pool pool(url, 2);
  const bool sqlite = GetParam() == Kind::sqlite;
  Database* writer = nullptr;
  {
    Pool::Lease first = pool.acquire_writer();
    writer = &*first;
    std::atomic<bool> acquired = false;
    std::thread waiter([&] {
      Pool::Lease second = pool.acquire_writer();
      acquired = true;
      // SQLite: the same connection, after the first lease ended; PostgreSQL: any connection.
      if (sqlite) EXPECT_EQ(&*second, writer);
      Transaction tx(*second);
      second->execute("UPDATE hits SET n = n + 1 WHERE k = 1");
      tx.commit();
    });
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(acquired.load(), !sqlite) << "SQLite: a second writer lease while the first is held";
    Transaction tx(*first);
    first->execute("UPDATE hits SET n = n + 10 WHERE k = 1");
    tx.commit();
    if (!sqlite) waiter.join();
    { Pool::Lease done = std::move(first); }
    if (sqlite) waiter.join();
  }
  EXPECT_EQ(pool.acquire()->query_one("SELECT n FROM hits")->integer(0), 11);
  // The writer is not one of the pool's ordinary connections.
  if (sqlite) {
    Pool::Lease a = pool.acquire();
    Pool::Lease b = pool.acquire();
    EXPECT_NE(&*a, writer);
    EXPECT_NE(&*b, writer);
  }
}

// Pool::write: on SQLite, work that arrives while another caller's runs is
// run by that caller in its transaction; failures stay with their caller.
TEST_P(PoolTest, WritesOfSeveralThreadsShareOneTransactionAndKeepTheirFailures) {
  const std::string url = fresh_url();
  open(url)->exec_script("CREATE TABLE items (name TEXT PRIMARY KEY)");
  Pool pool(url, 2);
  const bool sqlite = GetParam() == Kind::sqlite;
  auto outside = open(url);
  auto count = [](Database& db, const char* name) {
    return db.query_one("SELECT COUNT(*) FROM items WHERE name = ?", {std::string(name)})->integer(0);
  };
  auto insert = [](Database& db, const char* name) {
    Transaction tx(db);
    db.execute("INSERT INTO items (name) VALUES (?)", {std::string(name)});
    tx.commit();
  };
  std::atomic<bool> a_started = false, a_held = false;
  std::atomic<int> a_runs = 0;
  bool a_result = false, b_result = true, d_result = false;
  std::int64_t a_seen_inside = -1, a_seen_outside = -1;
  std::string c_error;
  std::thread a([&] {
    a_result = pool.write([&](Database& db) {
      insert(db, "a");
      ++a_runs;
      if (!a_held.exchange(true)) {
        a_started = true;
        std::this_thread::sleep_for(400ms);  // meanwhile b, c and d queue their work
      }
      return true;
    });
  });
  while (!a_started) std::this_thread::sleep_for(1ms);
  std::thread b([&] {
    b_result = pool.write([&](Database& db) {
      Transaction tx(db);
      db.execute("INSERT INTO items (name) VALUES ('b')");
      // SQLite: in a's transaction, which sees a's row and has not committed it.
      a_seen_inside = count(db, "a");
      a_seen_outside = count(*outside, "a");
      return false;  // and b's own row goes
    });
  });
  std::this_thread::sleep_for(100ms);
  std::thread c([&] {
    try {
      pool.write([&](Database& db) {
        Transaction tx(db);
        db.execute("INSERT INTO items (name) VALUES ('c')");
        throw Error("c failed");  // a statement failing halfway
        return true;
      });
    } catch (const Error& e) {
      c_error = e.what();
    }
  });
  std::this_thread::sleep_for(100ms);
  std::thread d([&] {
    d_result = pool.write([&](Database& db) {
      insert(db, "d");
      return true;
    });
  });
  for (std::thread* t : {&a, &b, &c, &d}) t->join();
  EXPECT_TRUE(a_result);
  EXPECT_FALSE(b_result);
  EXPECT_EQ(c_error, "c failed");
  EXPECT_TRUE(d_result);
  std::vector<std::string> names;
  for (const Row& row : outside->query("SELECT name FROM items ORDER BY name")) names.push_back(row.text(0));
  EXPECT_EQ(names, std::vector<std::string>({"a", "d"}));
  if (sqlite) {
    EXPECT_EQ(a_seen_inside, 1);
    EXPECT_EQ(a_seen_outside, 0);
    // c's failure rolled back the shared transaction: a's work ran again.
    EXPECT_EQ(a_runs.load(), 2);
  } else {
    // Each caller's Transaction commits on its own, a's before its work returned.
    EXPECT_EQ(a_seen_outside, 1);
    EXPECT_EQ(a_runs.load(), 1);
  }
}

// The writer connection leaves checkpoints to the pool's thread: its commits
// reach the database file without a checkpoint of its own.
TEST_P(PoolTest, ThePoolsThreadCopiesTheWritersWalIntoTheDatabaseFile) {
  if (GetParam() != Kind::sqlite) GTEST_SKIP() << "SQLite's WAL only";
  const std::string url = fresh_url();
  const std::string path = url.substr(std::string_view("sqlite:").size());
  open(url)->exec_script("CREATE TABLE blobs (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  Pool pool(url, 2);
  EXPECT_EQ(pool.acquire_writer()->query_one("PRAGMA wal_autocheckpoint")->integer(0), 0);
  const auto before = std::filesystem::file_size(path);
  for (int i = 0; i < 200; ++i)
    pool.write([&](Database& db) {
      db.execute("INSERT INTO blobs (k, v) VALUES (?, ?)", {std::int64_t(i), std::string(8000, 'x')});
      return true;
    });
  auto grown = before;
  for (int i = 0; i < 300 && grown < before + 1'000'000; ++i) {
    std::this_thread::sleep_for(10ms);
    grown = std::filesystem::file_size(path);
  }
  EXPECT_GE(grown, before + 1'000'000) << "1.6 MB written, the database file grew by " << grown - before;
}

TEST(OpenTest, UnknownSchemeIsNamed) {
  try {
    open("mysql://localhost/ruhrfutur");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_TRUE(contains(e.what(), "'mysql'")) << e.what();
  }
  EXPECT_THROW(open("ruhrfutur.db"), Error);
  EXPECT_THROW(open("sqlite:"), Error);
}

TEST(OpenTest, UnreachablePostgresGivesClearErrorWithoutPassword) {
  try {
    open("postgresql://rf:topsecret@127.0.0.1:1/ruhrfutur?connect_timeout=2");
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_TRUE(contains(message, "cannot connect")) << message;
    EXPECT_TRUE(contains(message, "127.0.0.1:1")) << message;
    EXPECT_FALSE(contains(message, "topsecret")) << message;
  }
  EXPECT_THROW(Pool("postgresql://127.0.0.1:1/x?connect_timeout=2", 1).acquire(), Error);
}

TEST(SqliteTest, UsesWalForeignKeysAndBusyTimeout) {
  auto db = open(rf::test::fresh_database_url(Kind::sqlite));
  EXPECT_EQ(db->query_one("PRAGMA journal_mode")->text(0), "wal");
  EXPECT_EQ(db->query_one("PRAGMA foreign_keys")->integer(0), 1);
  EXPECT_EQ(db->query_one("PRAGMA synchronous")->integer(0), 1) << "1 = NORMAL";
  EXPECT_EQ(db->query_one("PRAGMA busy_timeout")->integer(0), 5000);
  EXPECT_EQ(db->query_one("PRAGMA wal_autocheckpoint")->integer(0), 4000);
  db->exec_script(
      "CREATE TABLE region (id INTEGER PRIMARY KEY);"
      "CREATE TABLE school (id INTEGER PRIMARY KEY, region INTEGER REFERENCES region(id));");
  db->execute("INSERT INTO region (id) VALUES (1)");
  db->execute("INSERT INTO school (id, region) VALUES (1, 1)");
  EXPECT_THROW(db->execute("INSERT INTO school (id, region) VALUES (2, 99)"), Error);
  EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM school")->integer(0), 1);
}

TEST(SqliteTest, ConcurrentReadThenWriteTransactionsNeitherDeadlockNorLoseUpdates) {
  // Deferred transactions that read and then write would fail with
  // SQLITE_BUSY on the lock upgrade; BEGIN IMMEDIATE makes them queue.
  const std::string url = rf::test::fresh_database_url(Kind::sqlite);
  open(url)->exec_script("CREATE TABLE counter (n BIGINT NOT NULL); INSERT INTO counter VALUES (0);");
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      try {
        auto db = open(url);
        for (int i = 0; i < 25; ++i) {
          Transaction transaction(*db);
          const std::int64_t n = db->query_one("SELECT n FROM counter")->integer(0);
          db->execute("UPDATE counter SET n = ?", {n + 1});
          transaction.commit();
        }
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(open(url)->query_one("SELECT n FROM counter")->integer(0), 100);
}

TEST(SqliteTest, ASecondWriterInTheSameThreadGetsTheLockedErrorAndTheLockIsNotLost) {
  // The writers of one process queue on a mutex before BEGIN IMMEDIATE; a
  // thread that would wait for itself gets SQLite's "locked" error after the
  // busy timeout, not a hang, and neither that nor a second BEGIN on the same
  // connection gives the first transaction's lock away.
  const std::string url = rf::test::fresh_database_url(Kind::sqlite);
  auto first = open(url);
  auto second = open(url);
  first->exec_script("CREATE TABLE t (n INTEGER)");
  {
    Transaction outer(*first);
    first->execute("INSERT INTO t VALUES (1)");
    EXPECT_THROW(first->begin(), Error);
    try {
      Transaction inner(*second);
      ADD_FAILURE() << "a second write transaction began while the first was open";
    } catch (const Error& e) {
      EXPECT_TRUE(contains(e.what(), "database is locked (another transaction of this process")) << e.what();
    }
    outer.commit();
  }
  Transaction later(*second);
  second->execute("INSERT INTO t VALUES (2)");
  later.commit();
  EXPECT_EQ(first->query_one("SELECT COUNT(*) FROM t")->integer(0), 2);
}

TEST(SqliteTest, CreatesMissingParentDirectories) {
  rf::test::TempDir dir;
  const std::filesystem::path file = dir / "var/data/ruhrfutur.db";
  auto db = open("sqlite:" + file.string());
  db->exec_script("CREATE TABLE t (a INTEGER)");
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_THROW(open("sqlite:/proc/no/such/place.db"), Error);
}

TEST(SqliteTest, InMemoryDatabaseWorks) {
  auto db = open("sqlite::memory:");
  db->exec_script("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (7);");
  EXPECT_EQ(db->query_one("SELECT a FROM t")->integer(0), 7);
}

TEST(SqliteTest, PrepareTakesOneStatementLikePostgres) {
  auto db = open("sqlite::memory:");
  EXPECT_THROW(db->prepare("SELECT 1; SELECT 2"), Error);
  EXPECT_EQ(db->query_one("SELECT 1; -- trailing comment")->integer(0), 1);
}

TEST(PostgresTest, PingReconnectsAfterTheServerDroppedTheConnection) {
  const std::string url = rf::test::fresh_database_url(Kind::postgresql);
  auto db = open(url);
  const std::int64_t old_pid = db->query_one("SELECT pg_backend_pid()")->integer(0);
  // The timeout makes the call wait until the backend is really gone.
  EXPECT_EQ(open(url)->query_one("SELECT pg_terminate_backend(?, 5000)", {old_pid})->integer(0), 1);
  EXPECT_THROW(db->query_one("SELECT 1"), Error);
  EXPECT_TRUE(db->ping());
  const std::int64_t new_pid = db->query_one("SELECT pg_backend_pid()")->integer(0);
  EXPECT_NE(new_pid, old_pid);
  EXPECT_EQ(db->query_one("SHOW client_min_messages")->text(0), "warning");
}

TEST(PostgresTest, BoolAndNumericColumnsComeBackTyped) {
  auto db = open(rf::test::fresh_database_url(Kind::postgresql));
  const auto row = db->query_one("SELECT true, false, 12.50::numeric, 3::smallint, 'x'::varchar");
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(std::get<std::int64_t>(row->value(0)), 1);
  EXPECT_EQ(std::get<std::int64_t>(row->value(1)), 0);
  EXPECT_EQ(std::get<double>(row->value(2)), 12.5);
  EXPECT_EQ(std::get<std::int64_t>(row->value(3)), 3);
  EXPECT_EQ(std::get<std::string>(row->value(4)), "x");
}

}  // namespace
}  // namespace rf::db
