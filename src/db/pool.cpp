#include "db/pool.hpp"

#include <chrono>
#include <exception>
#include <future>
#include <vector>

#include "db/sql_text.hpp"

namespace rf::db {

Pool::Pool(std::string url, std::size_t size) : url_(std::move(url)), kind_(detail::url_kind(url_)), size_(size) {
  if (size_ == 0) throw Error("a connection pool needs at least one connection");
}

Pool::Lease Pool::acquire() {
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty() || open_ < size_; });
    if (!idle_.empty()) {
      std::unique_ptr<Database> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(db));
    }
    ++open_;  // reserve the slot, then connect without holding the lock
  }
  try {
    return Lease(*this, open(url_));
  } catch (...) {
    release(nullptr);  // give the reserved slot back
    throw;
  }
}

Pool::~Pool() {
  {
    std::lock_guard lock(group_mutex_);
    group_stopping_ = true;
  }
  group_changed_.notify_all();
  if (group_writer_.joinable()) group_writer_.join();  // after what is queued
  {
    std::lock_guard lock(checkpoint_mutex_);
    checkpoint_stopping_ = true;
  }
  checkpoint_changed_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
}

Pool::Lease Pool::acquire_writer() {
  if (kind_ != Kind::sqlite) return acquire();
  std::unique_lock lock(writer_mutex_);
  if (!writer_) {
    writer_ = open(url_);
    writer_->exec_script("PRAGMA wal_autocheckpoint=0");  // run_checkpoints does it
    std::lock_guard running(checkpoint_mutex_);
    if (!checkpointer_.joinable()) checkpointer_ = std::thread([this] { run_checkpoints(); });
  }
  Lease lease(*this, std::move(writer_));
  lease.writer_ = std::move(lock);
  return lease;
}

// One caller's work in Pool::write / write_async.
struct Pool::WriteJob {
  std::function<bool(Database&)> work;
  std::function<void(bool, std::exception_ptr)> done;
  bool result = false;
  std::exception_ptr error;
};

// At most this many callers' work in one transaction, so that a steady stream
// of writes still commits now and then.
constexpr std::size_t kMaxGroupedWrites = 64;

bool Pool::write(const std::function<bool(Database&)>& work) {
  if (kind_ != Kind::sqlite) {
    Lease db = acquire();
    return work(*db);  // its Transaction is the transaction (a savepoint inside one would cost a subtransaction)
  }
  std::promise<bool> result;
  auto future = result.get_future();
  write_async(work, [&result](bool ok, std::exception_ptr error) {
    if (error)
      result.set_exception(error);
    else
      result.set_value(ok);
  });
  return future.get();
}

void Pool::write_async(std::function<bool(Database&)> work, std::function<void(bool, std::exception_ptr)> done) {
  if (kind_ != Kind::sqlite) {
    bool ok = false;
    std::exception_ptr error;
    try {
      Lease db = acquire();
      ok = work(*db);
    } catch (...) {
      error = std::current_exception();
    }
    done(ok, error);
    return;
  }
  {
    std::lock_guard lock(group_mutex_);
    if (!group_writer_.joinable()) group_writer_ = std::thread([this] { run_writes(); });
    group_queue_.push_back(std::make_unique<WriteJob>(WriteJob{std::move(work), std::move(done), false, nullptr}));
  }
  group_changed_.notify_one();
}

// The writer thread: one shared transaction after another while work is queued.
void Pool::run_writes() {
  std::unique_lock lock(group_mutex_);
  while (true) {
    group_changed_.wait(lock, [this] { return !group_queue_.empty() || group_stopping_; });
    if (group_queue_.empty()) return;  // stopping, and everything queued is done
    lead_writes(lock);
  }
}

// One shared transaction: the queued work, and what is queued while it runs,
// up to kMaxGroupedWrites; then each caller's done(). Called and returns with
// `lock` held.
void Pool::lead_writes(std::unique_lock<std::mutex>& lock) {
  std::vector<std::unique_ptr<WriteJob>> batch;
  lock.unlock();
  std::exception_ptr shared_error;  // the transaction itself failed: every job fails with it
  WriteJob* thrower = nullptr;
  try {
    Lease db = acquire_writer();
    Transaction tx(*db);
    while (batch.size() < kMaxGroupedWrites) {
      {
        std::lock_guard queue(group_mutex_);
        if (group_queue_.empty()) break;
        batch.push_back(std::move(group_queue_.front()));
        group_queue_.pop_front();
      }
      WriteJob& job = *batch.back();
      try {
        job.result = job.work(*db);
      } catch (...) {
        job.error = std::current_exception();
        thrower = &job;
        break;  // the transaction may be broken: roll it all back (tx), the others run again
      }
    }
    if (thrower == nullptr) tx.commit();
  } catch (...) {
    shared_error = std::current_exception();
  }
  std::vector<std::unique_ptr<WriteJob>> finished;
  if (thrower != nullptr && !shared_error) {
    std::lock_guard queue(group_mutex_);
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
      if (it->get() == thrower) {
        finished.push_back(std::move(*it));
        continue;
      }
      (*it)->result = false;
      group_queue_.push_front(std::move(*it));  // rolled back with the thrower's work: again, in order
    }
  } else {
    finished = std::move(batch);
  }
  for (auto& job : finished) {
    if (shared_error) job->error = shared_error;
    try {
      job->done(job->result, job->error);
    } catch (...) {
      // A caller's callback failed (out of memory): the others' must still run.
    }
  }
  lock.lock();
}

// At most one checkpoint per interval: each costs two fsyncs, and what the
// writer wrote meanwhile is copied by the next one (SQLite's own interval is
// 4,000 pages: ~150 submits of a TAB checklist, ~30 ms of them under load).
constexpr auto kCheckpointInterval = std::chrono::milliseconds(200);

void Pool::checkpoint_soon() {
  {
    std::lock_guard lock(checkpoint_mutex_);
    if (checkpoint_wanted_) return;
    checkpoint_wanted_ = true;
  }
  checkpoint_changed_.notify_one();
}

void Pool::run_checkpoints() {
  std::unique_ptr<Database> db;
  std::unique_lock lock(checkpoint_mutex_);
  while (true) {
    checkpoint_changed_.wait(lock, [this] { return checkpoint_wanted_ || checkpoint_stopping_; });
    if (checkpoint_changed_.wait_for(lock, kCheckpointInterval, [this] { return checkpoint_stopping_; })) return;
    checkpoint_wanted_ = false;
    lock.unlock();
    try {
      if (!db) db = open(url_);
      // PASSIVE: copies what no reader still needs, waits for nobody; the
      // writer starts the WAL afresh once all of it is copied.
      db->query("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const std::exception&) {
      db.reset();  // a broken file or connection: tried again after the next write; commits
                   // go on meanwhile, the WAL only grows until then
    }
    lock.lock();
  }
}

void Pool::release(std::unique_ptr<Database> db) {
  // No connection back: it broke or could not be opened. The idle ones talked to the
  // same server and are most likely broken too (a restart): drop them, so that the
  // next requests connect afresh instead of each failing once on a dead connection.
  decltype(idle_) suspects;
  {
    std::lock_guard lock(mutex_);
    if (db) {
      idle_.push_back(std::move(db));
    } else {
      --open_;
      open_ -= idle_.size();
      suspects.swap(idle_);
    }
  }
  if (!suspects.empty()) {
    available_.notify_all();
  } else {
    available_.notify_one();
  }
}

Pool::Lease::~Lease() {
  if (!db_) return;  // moved from
  // A lease that ends by an exception may hold a broken connection (server
  // restarted, transaction stuck): keep it only if it still answers.
  if (std::uncaught_exceptions() > 0) {
    bool healthy = false;
    try {
      healthy = db_->ping();
    } catch (...) {
    }
    if (!healthy) db_.reset();
  }
  if (writer_.owns_lock()) {
    pool_->writer_ = std::move(db_);  // a broken one is opened afresh by the next lease
    writer_.unlock();
    pool_->checkpoint_soon();
    return;
  }
  pool_->release(std::move(db_));
}

}  // namespace rf::db
