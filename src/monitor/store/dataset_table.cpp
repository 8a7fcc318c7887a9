#include "monitor/store/dataset_table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "db/where.hpp"
#include "monitor/model/observation.hpp"
#include "text/number.hpp"
#include "text/strings.hpp"

namespace rf::monitor {
namespace {

constexpr std::string_view kDatasetColumns =
    "SELECT d.id, d.code, d.title, d.format, d.statistic, d.publisher, d.licence, d.copyright, "
    "d.stand, d.footnotes, COALESCE(i.cells, 0), d.updated_at FROM datasets d "
    "LEFT JOIN imports i ON i.id = d.current_import_id";

DatasetInfo dataset_from_row(const db::Row& r) {
  return DatasetInfo{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4),     r.text(5),
                     r.text(6),    r.text(7), r.text(8), r.text(9), r.integer(10), r.integer(11)};
}

std::string lower_ascii(std::string_view s) { return text::to_lower_ascii(s); }

// Escapes LIKE wildcards in user text (ESCAPE '\').
std::string like_literal(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

using db::placeholders;

// The WHERE clause shared by every query over the filtered cells (o, s, r).
db::Where where_clause(std::int64_t dataset_id, const TableFilter& filter) {
  db::Where where;
  where.add("s.dataset_id = ?", {dataset_id});
  if (!filter.level.empty()) where.add("r.level = ?", {filter.level});
  if (!filter.region.empty()) {
    where.add("(r.code LIKE ? ESCAPE '\\' OR LOWER(r.name) LIKE ? ESCAPE '\\')",
              {like_literal(filter.region) + "%", "%" + like_literal(lower_ascii(filter.region)) + "%"});
  }
  if (!filter.series.empty()) where.add_in("o.series_id", filter.series);
  return where;
}

constexpr std::string_view kFrom =
    " FROM observations o JOIN series s ON s.id = o.series_id JOIN regions r ON r.id = o.region_id";

TableCell cell_from(const db::Row& row, std::size_t value_index) {
  return TableCell{row.opt_real(value_index), row.text(value_index + 1)};
}

}  // namespace

std::vector<DatasetInfo> list_datasets(db::Database& db) {
  std::vector<DatasetInfo> out;
  for (const auto& row : db.query(std::string(kDatasetColumns) + " ORDER BY d.code")) {
    out.push_back(dataset_from_row(row));
  }
  return out;
}

std::optional<DatasetInfo> find_dataset(db::Database& db, std::string_view code) {
  auto row = db.query_one(std::string(kDatasetColumns) + " WHERE d.code = ?", {std::string(code)});
  if (!row) return std::nullopt;
  return dataset_from_row(*row);
}

std::int64_t dataset_schools(db::Database& db, std::int64_t dataset_id) {
  return db
      .query_one(
          "SELECT COUNT(*) FROM institutions i JOIN datasets d ON d.current_import_id = i.import_id "
          "WHERE d.id = ?",
          {dataset_id})
      ->integer(0);
}

std::vector<SeriesColumn> dataset_series(db::Database& db, std::int64_t dataset_id) {
  std::vector<SeriesColumn> out;
  for (const auto& row : db.query("SELECT id, label, unit, series_key FROM series WHERE dataset_id = ? "
                                  "ORDER BY position, id",
                                  {dataset_id})) {
    std::string label = row.text(1).empty() ? row.text(3) : row.text(1);
    out.push_back({row.integer(0), std::move(label), row.text(2)});
  }
  return out;
}

std::vector<std::string> dataset_levels(const RowIndexCache::Index& index) {
  static const std::vector<std::string> order = {"country",      "state",        "district", "county",
                                                 "municipality", "youth_office", "aggregate"};
  std::set<std::string> found;
  for (const auto& region : index.regions) found.insert(region.level);
  std::vector<std::string> out;
  for (const auto& level : order) {
    if (found.erase(level)) out.push_back(level);
  }
  out.insert(out.end(), found.begin(), found.end());
  return out;
}

std::shared_ptr<const RowIndexCache::Index> RowIndexCache::get(db::Database& db, std::int64_t dataset_id) {
  auto current = db.query_one("SELECT current_import_id FROM datasets WHERE id = ?", {dataset_id});
  const std::int64_t import_id = current ? current->integer(0) : 0;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(dataset_id);
    if (it != entries_.end() && it->second->import_id == import_id) return it->second;
  }
  // Built outside the lock; two requests may build the same index once each.
  auto index = std::make_shared<Index>();
  index->import_id = import_id;
  std::map<std::int64_t, std::uint32_t> region_at;
  std::map<std::string, std::uint32_t> period_at;
  std::vector<std::pair<std::int64_t, std::string>> keys;
  for (const auto& row : db.query("SELECT DISTINCT o.region_id, o.period FROM observations o "
                                  "WHERE o.series_id IN (SELECT id FROM series WHERE dataset_id = ?)",
                                  {dataset_id})) {
    keys.emplace_back(row.integer(0), row.text(1));
    region_at.emplace(row.integer(0), 0);
    period_at.emplace(row.text(1), 0);
  }
  for (const auto& row : db.query("SELECT id, code, name, level FROM regions ORDER BY code")) {
    if (region_at.count(row.integer(0))) {
      region_at[row.integer(0)] = static_cast<std::uint32_t>(index->regions.size());
      index->regions.push_back({row.integer(0), row.text(1), row.text(2), row.text(3)});
    }
  }
  for (auto& [period, at] : period_at) {
    at = static_cast<std::uint32_t>(index->periods.size());
    index->periods.push_back(period);
  }
  index->rows.reserve(keys.size());
  for (const auto& [region, period] : keys) {
    index->rows.push_back({region_at.at(region), period_at.at(period)});
  }
  std::sort(index->rows.begin(), index->rows.end(), [](const Index::Row& a, const Index::Row& b) {
    return std::tie(a.region, a.period) < std::tie(b.region, b.period);
  });
  std::lock_guard lock(mutex_);
  entries_[dataset_id] = index;
  return index;
}

std::string_view level_label_de(std::string_view level) {
  if (level == "country") return "Deutschland";
  if (level == "state") return "Länder";
  if (level == "district") return "Regierungsbezirke";
  if (level == "county") return "Kreise und kreisfreie Städte";
  if (level == "municipality") return "Gemeinden";
  if (level == "youth_office") return "Jugendamtsbezirke";
  if (level == "aggregate") return "Zusammenfassungen (z. B. Ruhrgebiet)";
  return level;
}

namespace {

// The region part of the filter as the SQL in where_clause() reads it on
// SQLite: code prefix or part of the name, ASCII letters in any case.
bool region_matches(const RowIndexCache::Region& region, const TableFilter& filter) {
  if (!filter.level.empty() && region.level != filter.level) return false;
  if (filter.region.empty()) return true;
  const std::string wanted = lower_ascii(filter.region);
  return lower_ascii(region.code).starts_with(wanted) || lower_ascii(region.name).find(wanted) != std::string::npos;
}

// Rows of the page from the in-memory index (no series filter).
void page_rows_from_index(const RowIndexCache::Index& index, const TableFilter& filter, std::int64_t offset,
                          std::int64_t limit, TablePage& page) {
  std::vector<char> allowed(index.regions.size());
  for (std::size_t i = 0; i < index.regions.size(); ++i) allowed[i] = region_matches(index.regions[i], filter);
  std::int64_t n = 0;
  for (const auto& row : index.rows) {
    if (!allowed[row.region]) continue;
    if (n >= offset && n < offset + limit) {
      const auto& region = index.regions[row.region];
      page.rows.push_back({region.id, region.code, region.name, index.periods[row.period]});
    }
    ++n;
  }
  page.total_rows = n;
}

}  // namespace

namespace {

void page_rows_from_sql(db::Database& db, std::int64_t dataset_id, const TableFilter& filter, std::int64_t offset,
                        std::int64_t limit, TablePage& page) {
  const db::Where filtered = where_clause(dataset_id, filter);
  const std::string& where = filtered.sql();
  const auto& params = filtered.params();
  page.total_rows =
      db.query_one("SELECT COUNT(*) FROM (SELECT DISTINCT o.region_id, o.period" + std::string(kFrom) + where + ") t",
                   params)
          ->integer(0);
  auto row_params = params;
  row_params.push_back(limit);
  row_params.push_back(offset);
  for (const auto& row : db.query("SELECT DISTINCT o.region_id, r.code, r.name, o.period" + std::string(kFrom) + where +
                                      " ORDER BY r.code, o.period LIMIT ? OFFSET ?",
                                  row_params)) {
    page.rows.push_back({row.integer(0), row.text(1), row.text(2), row.text(3)});
  }
}

void fill_cells(db::Database& db, const std::vector<SeriesColumn>& columns, TablePage& page) {
  page.cells.assign(page.rows.size(), std::vector<std::optional<TableCell>>(columns.size()));
  if (page.rows.empty() || columns.empty()) return;

  std::map<std::pair<std::int64_t, std::string>, std::size_t> row_index;
  std::set<std::int64_t> region_ids;
  for (std::size_t i = 0; i < page.rows.size(); ++i) {
    row_index[{page.rows[i].region_id, page.rows[i].period}] = i;
    region_ids.insert(page.rows[i].region_id);
  }
  std::map<std::int64_t, std::size_t> column_index;
  std::vector<db::Value> cell_params;
  for (std::size_t j = 0; j < columns.size(); ++j) {
    column_index[columns[j].id] = j;
    cell_params.push_back(columns[j].id);
  }
  for (auto id : region_ids) cell_params.push_back(id);
  for (const auto& row :
       db.query("SELECT o.series_id, o.region_id, o.period, o.value, o.status "
                "FROM observations o WHERE o.series_id IN (" +
                    placeholders(columns.size()) + ") AND o.region_id IN (" + placeholders(region_ids.size()) + ")",
                cell_params)) {
    auto r = row_index.find({row.integer(1), row.text(2)});
    if (r == row_index.end()) continue;
    page.cells[r->second][column_index.at(row.integer(0))] = cell_from(row, 3);
  }
}

}  // namespace

TablePage read_table_page(db::Database& db, RowIndexCache& row_index, std::int64_t dataset_id,
                          const TableFilter& filter, const std::vector<SeriesColumn>& columns, std::int64_t offset,
                          std::int64_t limit) {
  TablePage page;
  if (filter.series.empty()) {
    page_rows_from_index(*row_index.get(db, dataset_id), filter, offset, limit, page);
  } else {
    page_rows_from_sql(db, dataset_id, filter, offset, limit, page);
  }
  fill_cells(db, columns, page);
  return page;
}

void for_each_cell(db::Database& db, std::int64_t dataset_id, const TableFilter& filter,
                   const std::function<void(const RowKey&, const SeriesColumn&, const TableCell&)>& fn) {
  std::map<std::int64_t, SeriesColumn> columns;
  for (auto& column : dataset_series(db, dataset_id)) columns[column.id] = std::move(column);
  const db::Where filtered = where_clause(dataset_id, filter);
  const std::string& where = filtered.sql();
  const auto& params = filtered.params();
  auto statement = db.prepare("SELECT o.region_id, r.code, r.name, o.period, o.series_id, o.value, o.status" +
                              std::string(kFrom) + where + " ORDER BY r.code, o.period, s.position, s.id");
  statement->bind_all(params);
  RowKey key;
  while (auto row = statement->step()) {
    if (row->integer(0) != key.region_id || row->text(3) != key.period) {
      key = RowKey{row->integer(0), row->text(1), row->text(2), row->text(3)};
    }
    auto column = columns.find(row->integer(4));
    if (column == columns.end()) continue;
    fn(key, column->second, cell_from(*row, 5));
  }
}

std::string format_value_de(double value) {
  for (int decimals = 0; decimals < 6; ++decimals) {
    double scale = std::pow(10.0, decimals);
    if (std::abs(std::round(value * scale) - value * scale) < 1e-6 * std::max(1.0, std::abs(value * scale))) {
      return text::format_number(value, decimals);
    }
  }
  return text::format_number(value, 6);
}

std::string format_table_cell(const TableCell& cell) {
  std::string number = cell.value ? format_value_de(*cell.value) : std::string();
  if (cell.status.empty()) return number;
  auto status = status_from_marker(cell.status);
  if (!status) return number + cell.status;
  switch (*status) {
    case Status::ok: return number;
    case Status::limited: return cell.value ? "(" + number + ")" : "()";
    case Status::provisional:
    case Status::revised:
    case Status::estimated: return number + std::string(status_marker(*status));
    default: return std::string(status_marker(*status));
  }
}

}  // namespace rf::monitor
