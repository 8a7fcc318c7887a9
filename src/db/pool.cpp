#include "db/pool.hpp"

#include <exception>

#include "db/sql_text.hpp"

namespace rf::db {

Pool::Pool(std::string url, std::size_t size)
    : url_(std::move(url)), kind_(detail::url_kind(url_)), size_(size) {
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

void Pool::release(std::unique_ptr<Database> db) {
  {
    std::lock_guard lock(mutex_);
    if (db) {
      idle_.push_back(std::move(db));
    } else {
      --open_;
    }
  }
  available_.notify_one();
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
  pool_->release(std::move(db_));
}

}  // namespace rf::db
