// The in-memory statistics cube: every current observation, column by column,
// so that an indicator query touches a few cache lines instead of the database.
//
// Regions, periods and series are dictionary-encoded. Observations are sorted
// by (series, region, period); a series owns the contiguous range
// [begin, end) of the columns, found by binary search on (region, period).
// Per observation the columns hold a region id (4 bytes), a period id
// (2 bytes), a status (1 byte) and the value (8 bytes): 15 bytes, plus the
// series offsets. The database stays the system of record; the cube is
// rebuilt from it after each import (see indicators.cpp).
//
// Schools are folded into a virtual dataset "schulverzeichnis" (counts of
// schools and pupils per municipality by school form and Sozialindex), so
// that indicators over schools use the same expressions and aggregation as
// official tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "monitor/model/observation.hpp"
#include "monitor/model/period.hpp"

namespace rf::db {
class Database;
}

namespace rf::monitor {

inline constexpr std::string_view kSchoolDataset = "schulverzeichnis";

struct CubeCell {
  double value = 0;  // meaningful when status_has_value(status)
  Status status = Status::ok;
};

class Cube {
 public:
  struct DatasetInfo {
    std::string code;
    std::string title;
    std::string publisher;
    std::string licence;
    std::string copyright;
    std::string stand;  // ISO date
    std::string format;
    std::vector<std::uint32_t> series;
    std::vector<std::uint16_t> periods;                           // sorted, distinct
    std::vector<bool> has_region;                                 // by region id
    std::vector<std::pair<std::string, std::string>> dimensions;  // key → name
    // Counts derived from lists (schools): a region the dataset covers has
    // no cell where the count is zero.
    bool absent_is_zero = false;
  };
  struct SeriesInfo {
    std::uint32_t dataset = 0;
    std::string key;
    std::string label;
    std::string unit;
    std::vector<std::pair<std::string, std::string>> breakdown;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };

  std::optional<std::uint32_t> region_id(std::string_view code) const;
  const std::string& region_code(std::uint32_t id) const { return region_codes_[id]; }
  std::size_t region_count() const { return region_codes_.size(); }

  std::optional<std::uint16_t> period_id(std::string_view key) const;
  const std::string& period_key(std::uint16_t id) const { return period_keys_[id]; }
  const Period& period(std::uint16_t id) const { return periods_[id]; }
  std::size_t period_count() const { return periods_.size(); }

  const DatasetInfo* dataset(std::string_view code) const;
  const std::vector<DatasetInfo>& datasets() const { return datasets_; }
  const SeriesInfo& series(std::uint32_t id) const { return series_[id]; }
  std::size_t series_count() const { return series_.size(); }

  // The cell of one series, region and period; nullopt when the source has none.
  std::optional<CubeCell> find(std::uint32_t series, std::uint32_t region, std::uint16_t period) const;
  // The same, for many regions in ascending order at one period: `cursor`
  // (start it at 0) remembers where the last search ended, and the next
  // search gallops forward from there, so a walk over n members of a series
  // of m cells costs O(n log(m/n)) instead of n binary searches.
  std::optional<CubeCell> find_from(std::uint32_t series, std::uint32_t region, std::uint16_t period,
                                    std::uint32_t& cursor) const;
  // The distinct periods of a series, sorted.
  std::vector<std::uint16_t> series_periods(std::uint32_t series) const;
  // Whether the series has any cell for the region.
  bool has(std::uint32_t series, std::uint32_t region) const;
  // Cells of one series and region: (period id, cell), oldest first.
  std::vector<std::pair<std::uint16_t, CubeCell>> cells(std::uint32_t series, std::uint32_t region) const;

  // Every cell of a series at one period: f(region, cell), regions ascending.
  // Costs the series' length; for sparse series read for many members.
  template <class F>
  void for_each_cell_at(std::uint32_t series, std::uint16_t period, F&& f) const {
    const SeriesInfo& s = series_[series];
    for (std::uint32_t i = s.begin; i < s.end; ++i) {
      if (period_[i] == period) f(region_[i], CubeCell{value_[i], status_[i]});
    }
  }
  std::uint32_t series_length(std::uint32_t series) const { return series_[series].end - series_[series].begin; }

  std::size_t observations() const { return value_.size(); }
  // Bytes of the observation columns and series offsets (what grows with the data).
  std::size_t column_bytes() const;
  // Everything including dictionaries and metadata (approximate).
  std::size_t total_bytes() const;
  std::uint64_t version() const { return version_; }

 private:
  friend class CubeBuilder;
  std::vector<std::string> region_codes_;
  std::unordered_map<std::string, std::uint32_t> region_index_;
  std::vector<Period> periods_;
  std::vector<std::string> period_keys_;
  std::unordered_map<std::string, std::uint16_t> period_index_;
  std::vector<DatasetInfo> datasets_;
  std::unordered_map<std::string, std::uint32_t> dataset_index_;
  std::vector<SeriesInfo> series_;
  // The columns.
  std::vector<std::uint32_t> region_;
  std::vector<std::uint16_t> period_;
  std::vector<Status> status_;
  std::vector<double> value_;
  std::uint64_t version_ = 0;
};

// Collects observations in any order, then sorts them into a Cube.
class CubeBuilder {
 public:
  std::uint32_t region(std::string_view code);
  // Throws std::invalid_argument for a key that is not a period key.
  std::uint16_t period(std::string_view key);
  std::uint32_t dataset(Cube::DatasetInfo info);
  std::uint32_t series(std::uint32_t dataset, Cube::SeriesInfo info);
  void add(std::uint32_t series, std::uint32_t region, std::uint16_t period, std::optional<double> value,
           Status status);
  void set_version(std::uint64_t version) { cube_.version_ = version; }
  Cube build();

 private:
  struct Row {
    std::uint32_t series;
    std::uint32_t region;
    std::uint16_t period;
    Status status;
    double value;
  };
  Cube cube_;
  std::vector<Row> rows_;
  std::vector<std::string> raw_period_keys_;
  std::unordered_map<std::string, std::uint16_t> raw_periods_;
};

// Reads every current observation, the datasets with their series, and the
// schools, from the database.
Cube load_cube(db::Database& db);

// The statistics version in cache_versions (0 when the row is missing).
std::uint64_t read_statistics_version(db::Database& db);

}  // namespace rf::monitor
