// A new edition of a stored dataset merged cell by cell into observations
// (the SQLite path of a re-import). Each incoming cell costs one primary-key
// probe; only new, changed and dropped cells are written. Changed and dropped
// values move to observation_history; unchanged cells keep the import that
// delivered them. Runs in the caller's transaction.
//
// PostgreSQL re-imports do not use this: there one statement per cell is a
// network round trip, so they COPY into a temporary table and compare in SQL
// (see StoreSink).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/database.hpp"

namespace rf::monitor {

class CellMerge {
 public:
  CellMerge(db::Database& db, std::int64_t dataset_id, std::int64_t import_id);
  ~CellMerge();
  CellMerge(const CellMerge&) = delete;
  CellMerge& operator=(const CellMerge&) = delete;

  // One cell of the new edition; `value` and `status` are Null or a double /
  // a marker text.
  void add(std::int64_t series_id, std::int64_t region_id, const std::string& period, const db::Value& value,
           const db::Value& status);
  // Moves the stored cells the edition no longer has to the history. Returns
  // the number of history rows this merge wrote.
  std::int64_t finish();

 private:
  void keep_in_history(const db::Row& old, std::int64_t series_id, std::int64_t region_id, const std::string& period);
  // The cells of the edition that were already stored: a bit per region id
  // for every (series, period) pair.
  void mark_seen(std::int64_t series_id, std::int64_t region_id, const std::string& period);
  bool seen(std::int64_t series_id, std::int64_t region_id, const std::string& period) const;
  static std::uint64_t seen_key(std::int64_t series_id, std::uint32_t period_id) {
    return (static_cast<std::uint64_t>(series_id) << 24) | period_id;
  }

  db::Database& db_;
  std::int64_t dataset_id_;
  std::int64_t import_id_;
  std::int64_t stored_before_ = 0;  // cells of the dataset before the merge
  std::int64_t matched_ = 0;        // incoming cells found stored
  std::int64_t history_rows_ = 0;
  std::unique_ptr<db::Statement> find_;
  std::unique_ptr<db::Statement> insert_;
  std::unique_ptr<db::Statement> update_;
  std::unique_ptr<db::Statement> history_;
  std::unordered_map<std::string, std::uint32_t> period_ids_;
  std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> seen_;
};

}  // namespace rf::monitor
