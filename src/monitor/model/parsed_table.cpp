#include "monitor/model/parsed_table.hpp"

namespace rf::monitor {

namespace {
template <class T>
void put(std::vector<T>& list, std::uint32_t index, const T& item) {
  if (list.size() <= index) list.resize(index + 1);
  list[index] = item;
}
}  // namespace

void ParsedTable::series(std::uint32_t index, const SeriesSpec& spec) { put(series_specs, index, spec); }

void ParsedTable::region(std::uint32_t index, const Region& region, bool added) {
  (void)added;
  put(region_list, index, region);
}

void ParsedTable::period(std::uint32_t index, const Period& period) { put(period_list, index, period); }

const Cell* ParsedTable::find(std::string_view region_code, std::string_view period_key,
                              std::string_view series_key) const {
  for (const auto& c : cells) {
    if (region_list[c.region].code == region_code && period_list[c.period].key() == period_key &&
        series_specs[c.series].key == series_key) {
      return &c;
    }
  }
  return nullptr;
}

const SeriesSpec* ParsedTable::find_series(const std::vector<std::pair<std::string, std::string>>& breakdown) const {
  const SeriesSpec* found = nullptr;
  for (const auto& spec : series_specs) {
    bool all = true;
    for (const auto& [dimension, value] : breakdown) {
      bool has = false;
      for (const auto& b : spec.breakdown) {
        if (b.dimension == dimension && (b.value == value || b.value_code == value)) has = true;
      }
      if (!has) all = false;
    }
    if (!all) continue;
    if (found) return nullptr;  // ambiguous
    found = &spec;
  }
  return found;
}

Observation ParsedTable::observation(const Cell& cell) const {
  Observation o;
  o.dataset = meta.code;
  o.region = region_list[cell.region].code;
  o.period = period_list[cell.period];
  for (const auto& b : series_specs[cell.series].breakdown) o.breakdown.emplace_back(b.dimension, b.value);
  if (cell.has_value) o.value = cell.value;
  o.status = cell.status;
  return o;
}

}  // namespace rf::monitor
