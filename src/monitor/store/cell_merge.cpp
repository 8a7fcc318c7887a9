#include "monitor/store/cell_merge.hpp"

namespace rf::monitor {

namespace {

constexpr const char* kDatasetCells = "series_id IN (SELECT id FROM series WHERE dataset_id = ?)";

bool same_value(const db::Row& stored, std::size_t column, const db::Value& incoming) {
  const db::Value& old = stored.value(column);
  if (const auto* d = std::get_if<double>(&incoming)) {
    // A REAL column gives back doubles; compare numerically should a value
    // ever have been stored as an integer.
    if (const auto* i = std::get_if<std::int64_t>(&old)) return static_cast<double>(*i) == *d;
    const auto* o = std::get_if<double>(&old);
    return o && *o == *d;
  }
  if (const auto* text = std::get_if<std::string>(&incoming)) {
    const auto* o = std::get_if<std::string>(&old);
    return o && *o == *text;
  }
  return std::holds_alternative<db::Null>(old) && std::holds_alternative<db::Null>(incoming);
}

}  // namespace

CellMerge::CellMerge(db::Database& db, std::int64_t dataset_id, std::int64_t import_id)
    : db_(db), dataset_id_(dataset_id), import_id_(import_id) {
  stored_before_ =
      db_.query_one(std::string("SELECT COUNT(*) FROM observations WHERE ") + kDatasetCells, {db::Value(dataset_id_)})
          ->integer(0);
  find_ = db_.prepare(
      "SELECT value, status, import_id FROM observations "
      "WHERE series_id = ? AND region_id = ? AND period = ?");
  insert_ = db_.prepare(
      "INSERT INTO observations (series_id, region_id, period, value, status, import_id) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  update_ = db_.prepare(
      "UPDATE observations SET value = ?, status = ?, import_id = ? "
      "WHERE series_id = ? AND region_id = ? AND period = ?");
  history_ = db_.prepare(
      "INSERT INTO observation_history (series_id, region_id, period, value, status, import_id, "
      "replaced_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
}

CellMerge::~CellMerge() = default;

void CellMerge::add(std::int64_t series_id, std::int64_t region_id, const std::string& period, const db::Value& value,
                    const db::Value& status) {
  find_->reset();
  find_->bind(1, series_id).bind(2, region_id).bind(3, period);
  auto stored = find_->step();
  if (!stored) {
    insert_->reset();
    insert_->bind_all({series_id, region_id, period, value, status, import_id_});
    insert_->execute();
    return;
  }
  ++matched_;
  mark_seen(series_id, region_id, period);
  if (same_value(*stored, 0, value) && same_value(*stored, 1, status)) return;
  keep_in_history(*stored, series_id, region_id, period);
  update_->reset();
  update_->bind_all({value, status, import_id_, series_id, region_id, period});
  update_->execute();
}

void CellMerge::keep_in_history(const db::Row& old, std::int64_t series_id, std::int64_t region_id,
                                const std::string& period) {
  history_->reset();
  history_->bind_all({series_id, region_id, period, old.value(0), old.value(1), old.value(2), import_id_});
  history_->execute();
  ++history_rows_;
}

std::int64_t CellMerge::finish() {
  // Every stored cell was matched: nothing was dropped (the usual case, and
  // then no second pass over the dataset is needed).
  if (matched_ == stored_before_) return history_rows_;
  // (Emptied, not dropped, after use: SQLite refuses to drop a table while a
  // cached statement still refers to it.)
  db_.exec_script(
      "CREATE TEMPORARY TABLE IF NOT EXISTS observation_dropped (series_id INTEGER NOT NULL, "
      "region_id INTEGER NOT NULL, period TEXT NOT NULL);"
      "DELETE FROM observation_dropped");
  auto dropped = db_.prepare("INSERT INTO observation_dropped (series_id, region_id, period) VALUES (?, ?, ?)");
  auto scan = db_.prepare(std::string("SELECT value, status, import_id, series_id, region_id, period "
                                      "FROM observations WHERE ") +
                          kDatasetCells);
  scan->bind(1, dataset_id_);
  while (auto row = scan->step()) {
    const std::int64_t series_id = row->integer(3);
    const std::int64_t region_id = row->integer(4);
    const std::string period = row->text(5);
    // Cells this merge inserted are not in `seen`, but carry its import id.
    if (row->integer(2) == import_id_ || seen(series_id, region_id, period)) continue;
    keep_in_history(*row, series_id, region_id, period);
    dropped->reset();
    dropped->bind(1, series_id).bind(2, region_id).bind(3, period);
    dropped->execute();
  }
  scan.reset();
  dropped.reset();
  db_.execute(
      "DELETE FROM observations WHERE (series_id, region_id, period) IN "
      "(SELECT series_id, region_id, period FROM observation_dropped)");
  db_.exec_script("DELETE FROM observation_dropped");
  return history_rows_;
}

void CellMerge::mark_seen(std::int64_t series_id, std::int64_t region_id, const std::string& period) {
  auto period_id = period_ids_.try_emplace(period, static_cast<std::uint32_t>(period_ids_.size())).first->second;
  auto& bits = seen_[seen_key(series_id, period_id)];
  const auto word = static_cast<std::size_t>(region_id) / 64;
  if (bits.size() <= word) bits.resize(word + 1);
  bits[word] |= std::uint64_t{1} << (region_id % 64);
}

bool CellMerge::seen(std::int64_t series_id, std::int64_t region_id, const std::string& period) const {
  auto period_id = period_ids_.find(period);
  if (period_id == period_ids_.end()) return false;
  auto it = seen_.find(seen_key(series_id, period_id->second));
  if (it == seen_.end()) return false;
  const auto word = static_cast<std::size_t>(region_id) / 64;
  return word < it->second.size() && (it->second[word] >> (region_id % 64) & 1) != 0;
}

}  // namespace rf::monitor
