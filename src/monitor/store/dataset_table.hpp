// Reading an imported dataset back as people know it from official tables:
// rows region × period, one column per series (a combination of breakdown
// values), cells with their markers. Used by the dataset browser and its
// CSV/XLSX downloads (module-internal).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace rf::monitor {

struct DatasetInfo {
  std::int64_t id = 0;
  std::string code, title, format, statistic, publisher, licence, copyright, stand, footnotes;
  std::int64_t cells = 0;       // of the import that delivered the dataset last
  std::int64_t updated_at = 0;  // Unix seconds
};

std::vector<DatasetInfo> list_datasets(db::Database& db);
std::optional<DatasetInfo> find_dataset(db::Database& db, std::string_view code);
// The schools the dataset's current import wrote to the register (table
// institutions): a school list's content; 0 for a statistics table.
std::int64_t dataset_schools(db::Database& db, std::int64_t dataset_id);

struct SeriesColumn {
  std::int64_t id = 0;
  std::string label;
  std::string unit;
};
std::vector<SeriesColumn> dataset_series(db::Database& db, std::int64_t dataset_id);
// The rows (region × period) of each dataset in page order, kept in memory
// per dataset import, so that paging through a national table (hundreds of
// thousands of rows) does not make the database sort it on every request.
// 16 bytes a row; rebuilt when the dataset's current import changes.
class RowIndexCache {
 public:
  struct Region {
    std::int64_t id = 0;
    std::string code, name, level;
  };
  struct Index {
    std::int64_t import_id = 0;
    std::vector<Region> regions;       // sorted by code
    std::vector<std::string> periods;  // sorted
    struct Row {
      std::uint32_t region;  // into regions
      std::uint32_t period;  // into periods
    };
    std::vector<Row> rows;  // sorted by region code, then period
  };
  std::shared_ptr<const Index> get(db::Database& db, std::int64_t dataset_id);

 private:
  std::mutex mutex_;
  std::map<std::int64_t, std::shared_ptr<const Index>> entries_;
};

// Region levels that occur in the dataset ("county", "municipality", …).
std::vector<std::string> dataset_levels(const RowIndexCache::Index& rows);
// German name of a region level ("Kreise und kreisfreie Städte").
std::string_view level_label_de(std::string_view level);

// What the browser's GET form selects; empty parts select everything.
struct TableFilter {
  std::string level;                 // regions.level
  std::string region;                // code prefix or part of the name
  std::vector<std::int64_t> series;  // series ids (columns)
};

struct RowKey {
  std::int64_t region_id = 0;
  std::string region_code, region_name, period;
};

struct TableCell {
  std::optional<double> value;
  std::string status;  // "" for a plain value, else the marker
  bool operator==(const TableCell&) const = default;
};

struct TablePage {
  std::vector<RowKey> rows;
  std::vector<std::vector<std::optional<TableCell>>> cells;  // [row][column]; nullopt: no cell
  std::int64_t total_rows = 0;
};

// One page of rows (ordered by region code, then period) with the cells of
// `columns`. Without a series filter the rows come from `rows`.
TablePage read_table_page(db::Database& db, RowIndexCache& rows, std::int64_t dataset_id, const TableFilter& filter,
                          const std::vector<SeriesColumn>& columns, std::int64_t offset, std::int64_t limit);

// Every cell of the filtered dataset in the same order, series by series
// within a row: for downloads.
void for_each_cell(db::Database& db, std::int64_t dataset_id, const TableFilter& filter,
                   const std::function<void(const RowKey&, const SeriesColumn&, const TableCell&)>& fn);

// A cell as official tables print it, de-DE: "1.234", "12,5", "-", ".",
// "x", "...", "/", "(12)", "7p".
std::string format_table_cell(const TableCell& cell);
// A number in de-DE with as many decimals as it has (at most 6): 1234.5 →
// "1.234,5".
std::string format_value_de(double value);

}  // namespace rf::monitor
