// A small pool of connections to one database URL for the server's threads.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"

namespace rf::db {

class Pool {
 public:
  Pool(std::string url, std::size_t size);
  ~Pool();  // stops the checkpointer
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
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
  // The writer connection does not copy its WAL into the database file
  // itself (a checkpoint, SQLite's wal_autocheckpoint: ~10 ms with the fsyncs,
  // while every other write waits): when a writer lease ends, the pool's own
  // thread runs a passive checkpoint on its own connection, at most every
  // kCheckpointInterval; readers and the writer go on meanwhile. Connections
  // from acquire() keep checkpointing as they commit.
  Lease acquire_writer();

  // Runs `work` on the writer connection (acquire_writer) inside a transaction
  // and returns what it returned, or rethrows what it threw. On SQLite one
  // thread of the pool runs all such work, in shared transactions (group
  // commit): work queued while one transaction runs joins it, each caller's
  // Transaction a savepoint inside it, and all of it is committed at once
  // (bench/survey.sh: a submit waited for the previous one's commit, then for
  // its own thread to be scheduled). Work that returns false keeps nothing it
  // wrote in its own Transaction; work that throws makes the shared
  // transaction roll back, and the others' work runs again in a new one, so
  // work must not do more than write to this database (no mail, no state
  // outside it) and must not acquire a writer itself. On PostgreSQL:
  // work(*acquire()); its own Transaction is the transaction.
  bool write(const std::function<bool(Database&)>& work);
  // write() without waiting: done(result, error) is called once the work is
  // committed or has failed -- on SQLite on the pool's writer thread (keep it
  // short: it holds up the next transaction), on PostgreSQL before
  // write_async returns.
  void write_async(std::function<bool(Database&)> work, std::function<void(bool, std::exception_ptr)> done);

 private:
  struct WriteJob;
  void checkpoint_soon();
  void run_checkpoints();
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_changed_;
  bool checkpoint_wanted_ = false;    // under checkpoint_mutex_
  bool checkpoint_stopping_ = false;  // under checkpoint_mutex_
  std::thread checkpointer_;          // started with the writer connection
  void run_writes();
  void lead_writes(std::unique_lock<std::mutex>& lock);
  std::mutex group_mutex_;
  std::condition_variable group_changed_;
  std::deque<std::unique_ptr<WriteJob>> group_queue_;  // under group_mutex_
  bool group_stopping_ = false;                        // under group_mutex_
  std::thread group_writer_;                           // started by the first write

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
