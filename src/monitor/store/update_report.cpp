#include "monitor/store/update_report.hpp"

#include <set>

namespace rf::monitor {

namespace {

constexpr const char* kDatasetCells = "o.series_id IN (SELECT id FROM series WHERE dataset_id = ?)";

}  // namespace

std::optional<EditionChanges> edition_changes(db::Database& db, std::int64_t import_id, std::size_t max_cells) {
  auto import = db.query_one(
      "SELECT i.dataset_id, d.code, i.cells FROM imports i JOIN datasets d ON d.id = i.dataset_id WHERE i.id = ?",
      {import_id});
  if (!import || import->integer(2) == 0) return std::nullopt;
  const std::int64_t dataset_id = import->integer(0);
  EditionChanges c;
  c.import_id = import_id;
  c.dataset = import->text(1);
  c.cells = import->integer(2);
  c.first_edition = db.query_one("SELECT COUNT(*) FROM imports WHERE dataset_id = ? AND id < ? AND cells > 0",
                                 {dataset_id, import_id})
                        ->integer(0) == 0;

  // Revised and dropped cells: the history rows this import wrote.
  auto counts = db.query_one(
      "SELECT COUNT(o.series_id), COUNT(*) FROM observation_history h "
      "LEFT JOIN observations o ON o.series_id = h.series_id AND o.region_id = h.region_id AND o.period = h.period "
      "WHERE h.replaced_by = ?",
      {import_id});
  c.revised = counts->integer(0);
  c.dropped = counts->integer(1) - c.revised;
  // Cells kept unchanged still carry the import that delivered them.
  const std::int64_t unchanged =
      db.query_one(std::string("SELECT COUNT(*) FROM observations o WHERE ") + kDatasetCells + " AND o.import_id <> ?",
                   {dataset_id, import_id})
          ->integer(0);
  c.published_before = unchanged + c.revised;

  // New periods: delivered now, with no cell stored before this import.
  std::set<std::string> before, now;
  for (const auto& r : db.query(
           std::string(
               "SELECT DISTINCT o.period, CASE WHEN o.import_id = ? THEN 1 ELSE 0 END FROM observations o WHERE ") +
               kDatasetCells,
           {import_id, dataset_id})) {
    (r.integer(1) ? now : before).insert(r.text(0));
  }
  for (const auto& r : db.query("SELECT DISTINCT period FROM observation_history WHERE replaced_by = ?", {import_id})) {
    before.insert(r.text(0));
  }
  for (const auto& p : now) {
    if (!before.count(p)) c.new_periods.push_back(p);
  }

  for (const auto& r :
       db.query("SELECT s.label, s.series_key, g.code, g.name, h.period, h.value, h.status, o.value, o.status, "
                "CASE WHEN o.series_id IS NULL THEN 1 ELSE 0 END FROM observation_history h "
                "JOIN series s ON s.id = h.series_id JOIN regions g ON g.id = h.region_id "
                "LEFT JOIN observations o ON o.series_id = h.series_id AND o.region_id = h.region_id "
                "AND o.period = h.period WHERE h.replaced_by = ? ORDER BY h.period, g.code, s.position, s.id LIMIT ?",
                {import_id, static_cast<std::int64_t>(max_cells)})) {
    RevisedCell cell;
    cell.series = r.text(0).empty() ? r.text(1) : r.text(0);
    cell.region_code = r.text(2);
    cell.region_name = r.text(3);
    cell.period = r.text(4);
    cell.old_value = r.opt_real(5);
    cell.old_status = r.text(6);
    cell.new_value = r.opt_real(7);
    cell.new_status = r.text(8);
    cell.dropped = r.integer(9) != 0;
    c.revised_cells.push_back(std::move(cell));
  }
  return c;
}

}  // namespace rf::monitor
