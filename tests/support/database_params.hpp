// Runs a test suite against both databases:
//   class MyTest : public rf::test::BothDatabases {};
//   TEST_P(MyTest, Works) { auto db = open_fresh(); … }
//   RF_BOTH_DATABASES(MyTest);
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "db/database.hpp"

namespace rf::test {

// A URL of a fresh, empty database of the given kind (a new temp SQLite file,
// or a new database in the shared throwaway PostgreSQL cluster).
std::string fresh_database_url(rf::db::Kind kind);

// A URL of a fresh database of the given kind holding a copy of what
// `prepare(url)` wrote into a first one: for suites whose cases each need the
// same imported data, so the import runs once per process, kind and `key`
// instead of once per case. The copy is the SQLite file, or CREATE DATABASE …
// TEMPLATE on PostgreSQL; `prepare` must close every connection it opened and
// throw if it fails (then the next call prepares again).
std::string prepared_database_url(rf::db::Kind kind, const std::string& key,
                                  const std::function<void(const std::string& url)>& prepare);

class BothDatabases : public ::testing::TestWithParam<rf::db::Kind> {
 protected:
  std::string fresh_url() { return fresh_database_url(GetParam()); }
  std::string prepared_url(const std::string& key, const std::function<void(const std::string& url)>& prepare) {
    return prepared_database_url(GetParam(), key, prepare);
  }
  std::unique_ptr<rf::db::Database> open_fresh() { return rf::db::open(fresh_url()); }
};

std::string kind_test_name(const ::testing::TestParamInfo<rf::db::Kind>& info);

}  // namespace rf::test

#define RF_BOTH_DATABASES(Suite)                                                                         \
  INSTANTIATE_TEST_SUITE_P(Db, Suite, ::testing::Values(rf::db::Kind::sqlite, rf::db::Kind::postgresql), \
                           rf::test::kind_test_name)
