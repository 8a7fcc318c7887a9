// A small pool of connections to one database URL for the server's threads.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace rf::db {

class Pool {
 public:
  Pool(std::string url, std::size_t size);
  const std::string& url() const { return url_; }
  Kind kind() const { return kind_; }

  // A connection handed back to the pool when the lease ends.
  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Database> db) : pool_(&pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Database& operator*() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    friend class Pool;
    Pool* pool_;
    std::unique_ptr<Database> db_;
    std::unique_lock<std::mutex> writer_;  // held by a lease of the writer connection
  };
  Lease acquire();
  // The connection for a write transaction. On SQLite the pool keeps one
  // connection for writes, used by one lease at a time: the writers of a file
  // take turns anyway (SqliteDatabase::begin), and a connection that only
  // its own commits change keeps its page cache, which any other
  // connection's commit throws away (bench/survey.sh: re-reading pages was a
  // tenth of a submit). Do not hold another write transaction meanwhile. On
  // PostgreSQL: acquire().
  Lease acquire_writer();

 private:
  friend class Lease;
  void release(std::unique_ptr<Database> db);
  std::mutex writer_mutex_;
  std::unique_ptr<Database> writer_;  // under writer_mutex_
  std::string url_;
  Kind kind_;
  std::size_t size_;
  std::size_t open_ = 0;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace rf::db
