// A throwaway PostgreSQL 15 cluster for tests: initdb into a temp dir as the
// `postgres` user, pg_ctl start on a free port on 127.0.0.1, stop and remove
// on destruction. One per test binary (see database_params.hpp).
#pragma once

#include <memory>
#include <string>

namespace rf::test {

class PgCluster {
 public:
  PgCluster();   // starts it; throws std::runtime_error with the server log on failure
  ~PgCluster();  // stops it and removes the directory
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // postgresql://postgres@127.0.0.1:PORT/DBNAME for a fresh, empty database,
  // or a copy of the database `template_name` (which nobody may be connected to).
  std::string create_database(const std::string& template_name = "");
  unsigned short port() const { return port_; }

  // The cluster shared by all tests of this process, started on first use.
  static PgCluster& shared();

 private:
  std::string dir_;
  unsigned short port_ = 0;
  int next_db_ = 0;
};

}  // namespace rf::test
