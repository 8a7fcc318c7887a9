#include "db/pool.hpp"

#include <exception>

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

Pool::Lease Pool::acquire_writer() {
  if (kind_ != Kind::sqlite) return acquire();
  std::unique_lock lock(writer_mutex_);
  if (!writer_) writer_ = open(url_);
  Lease lease(*this, std::move(writer_));
  lease.writer_ = std::move(lock);
  return lease;
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
    return;                           // writer_ unlocks
  }
  pool_->release(std::move(db_));
}

}  // namespace rf::db
