#include "monitor/engine/cube.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include "db/database.hpp"

namespace rf::monitor {

// ---- Cube ----

std::optional<std::uint32_t> Cube::region_id(std::string_view code) const {
  auto it = region_index_.find(std::string(code));
  if (it == region_index_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint16_t> Cube::period_id(std::string_view key) const {
  auto it = period_index_.find(std::string(key));
  if (it == period_index_.end()) return std::nullopt;
  return it->second;
}

const Cube::DatasetInfo* Cube::dataset(std::string_view code) const {
  auto it = dataset_index_.find(std::string(code));
  return it == dataset_index_.end() ? nullptr : &datasets_[it->second];
}

std::optional<CubeCell> Cube::find(std::uint32_t series, std::uint32_t region, std::uint16_t period) const {
  const SeriesInfo& s = series_[series];
  std::uint32_t lo = s.begin, hi = s.end;
  // Lower bound on (region, period).
  while (lo < hi) {
    std::uint32_t mid = lo + (hi - lo) / 2;
    if (region_[mid] < region || (region_[mid] == region && period_[mid] < period)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == s.end || region_[lo] != region || period_[lo] != period) return std::nullopt;
  return CubeCell{value_[lo], status_[lo]};
}

std::optional<CubeCell> Cube::find_from(std::uint32_t series, std::uint32_t region, std::uint16_t period,
                                        std::uint32_t& cursor) const {
  const SeriesInfo& s = series_[series];
  auto before = [&](std::uint32_t i) { return region_[i] < region || (region_[i] == region && period_[i] < period); };
  // Every index below `first` holds a smaller key; gallop to an upper end.
  std::uint32_t first = std::clamp(cursor, s.begin, s.end);
  std::uint32_t last = first;
  std::uint32_t step = 1;
  while (last < s.end && before(last)) {
    first = last + 1;
    last = first + step < s.end ? first + step : s.end;
    step *= 2;
  }
  // The lower bound lies in [first, last].
  while (first < last) {
    std::uint32_t mid = first + (last - first) / 2;
    if (before(mid)) {
      first = mid + 1;
    } else {
      last = mid;
    }
  }
  cursor = first;
  if (first == s.end || region_[first] != region || period_[first] != period) return std::nullopt;
  return CubeCell{value_[first], status_[first]};
}

std::vector<std::uint16_t> Cube::series_periods(std::uint32_t series) const {
  const SeriesInfo& s = series_[series];
  std::vector<bool> seen(periods_.size(), false);
  for (std::uint32_t i = s.begin; i < s.end; ++i) seen[period_[i]] = true;
  std::vector<std::uint16_t> out;
  for (std::size_t p = 0; p < seen.size(); ++p) {
    if (seen[p]) out.push_back(static_cast<std::uint16_t>(p));
  }
  return out;
}

bool Cube::has(std::uint32_t series, std::uint32_t region) const {
  const SeriesInfo& s = series_[series];
  auto first = std::lower_bound(region_.begin() + s.begin, region_.begin() + s.end, region);
  return first != region_.begin() + s.end && *first == region;
}

std::vector<std::pair<std::uint16_t, CubeCell>> Cube::cells(std::uint32_t series, std::uint32_t region) const {
  const SeriesInfo& s = series_[series];
  auto first = std::lower_bound(region_.begin() + s.begin, region_.begin() + s.end, region);
  std::vector<std::pair<std::uint16_t, CubeCell>> out;
  for (auto i = static_cast<std::size_t>(first - region_.begin()); i < s.end && region_[i] == region; ++i) {
    out.emplace_back(period_[i], CubeCell{value_[i], status_[i]});
  }
  return out;
}

std::size_t Cube::column_bytes() const {
  return region_.capacity() * sizeof(std::uint32_t) + period_.capacity() * sizeof(std::uint16_t) +
         status_.capacity() * sizeof(Status) + value_.capacity() * sizeof(double) +
         series_.size() * 2 * sizeof(std::uint32_t);
}

std::size_t Cube::total_bytes() const {
  std::size_t bytes = column_bytes();
  for (const auto& c : region_codes_) bytes += sizeof(c) + c.capacity() + 32;  // + hash node
  for (const auto& k : period_keys_) bytes += sizeof(k) + sizeof(Period) + k.capacity() + 32;
  for (const auto& s : series_) {
    bytes += sizeof(s) + s.key.capacity() + s.label.capacity() + s.unit.capacity();
    for (const auto& [d, v] : s.breakdown) bytes += 64 + d.capacity() + v.capacity();
  }
  for (const auto& d : datasets_) {
    bytes += sizeof(d) + d.series.capacity() * 4 + d.periods.capacity() * 2 + d.has_region.size() / 8 +
             d.title.capacity() + d.code.capacity();
  }
  return bytes;
}

// ---- CubeBuilder ----

std::uint32_t CubeBuilder::region(std::string_view code) {
  auto [it, added] =
      cube_.region_index_.try_emplace(std::string(code), static_cast<std::uint32_t>(cube_.region_codes_.size()));
  if (added) cube_.region_codes_.emplace_back(code);
  return it->second;
}

std::uint16_t CubeBuilder::period(std::string_view key) {
  auto it = raw_periods_.find(std::string(key));
  if (it != raw_periods_.end()) return it->second;
  if (!parse_period_key(key)) throw std::invalid_argument("not a period key: " + std::string(key));
  if (raw_period_keys_.size() >= 0xFFFF) throw std::length_error("more than 65535 periods");
  auto id = static_cast<std::uint16_t>(raw_period_keys_.size());
  raw_period_keys_.emplace_back(key);
  raw_periods_.emplace(std::string(key), id);
  return id;
}

std::uint32_t CubeBuilder::dataset(Cube::DatasetInfo info) {
  auto id = static_cast<std::uint32_t>(cube_.datasets_.size());
  cube_.dataset_index_[info.code] = id;
  cube_.datasets_.push_back(std::move(info));
  return id;
}

std::uint32_t CubeBuilder::series(std::uint32_t dataset, Cube::SeriesInfo info) {
  auto id = static_cast<std::uint32_t>(cube_.series_.size());
  info.dataset = dataset;
  cube_.series_.push_back(std::move(info));
  cube_.datasets_[dataset].series.push_back(id);
  return id;
}

void CubeBuilder::add(std::uint32_t series, std::uint32_t region, std::uint16_t period, std::optional<double> value,
                      Status status) {
  rows_.push_back({series, region, period, status, value.value_or(0.0)});
}

Cube CubeBuilder::build() {
  // Period ids in chronological order (within a kind), so that id order is time order.
  std::vector<std::pair<Period, std::uint16_t>> sorted;
  for (std::size_t i = 0; i < raw_period_keys_.size(); ++i) {
    sorted.emplace_back(*parse_period_key(raw_period_keys_[i]), static_cast<std::uint16_t>(i));
  }
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::uint16_t> remap(raw_period_keys_.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    remap[sorted[i].second] = static_cast<std::uint16_t>(i);
    cube_.periods_.push_back(sorted[i].first);
    cube_.period_keys_.push_back(sorted[i].first.key());
    cube_.period_index_[cube_.period_keys_.back()] = static_cast<std::uint16_t>(i);
  }
  for (auto& r : rows_) r.period = remap[r.period];
  std::sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
    return std::tie(a.series, a.region, a.period) < std::tie(b.series, b.region, b.period);
  });
  // Drop duplicates (the same cell twice): the last one wins.
  std::vector<Row> rows;
  rows.reserve(rows_.size());
  for (const auto& r : rows_) {
    if (!rows.empty() && rows.back().series == r.series && rows.back().region == r.region &&
        rows.back().period == r.period) {
      rows.back() = r;
    } else {
      rows.push_back(r);
    }
  }
  rows_.clear();
  rows_.shrink_to_fit();
  const std::size_t n = rows.size();
  cube_.region_.resize(n);
  cube_.period_.resize(n);
  cube_.status_.resize(n);
  cube_.value_.resize(n);
  for (auto& d : cube_.datasets_) d.has_region.assign(cube_.region_codes_.size(), false);
  std::vector<std::vector<bool>> dataset_periods(cube_.datasets_.size(),
                                                 std::vector<bool>(cube_.periods_.size(), false));
  std::size_t i = 0;
  for (std::uint32_t s = 0; s < cube_.series_.size(); ++s) {
    auto& info = cube_.series_[s];
    auto& dataset = cube_.datasets_[info.dataset];
    info.begin = static_cast<std::uint32_t>(i);
    while (i < n && rows[i].series == s) {
      cube_.region_[i] = rows[i].region;
      cube_.period_[i] = rows[i].period;
      cube_.status_[i] = rows[i].status;
      cube_.value_[i] = rows[i].value;
      dataset.has_region[rows[i].region] = true;
      dataset_periods[info.dataset][rows[i].period] = true;
      ++i;
    }
    info.end = static_cast<std::uint32_t>(i);
  }
  for (std::size_t d = 0; d < cube_.datasets_.size(); ++d) {
    for (std::size_t p = 0; p < cube_.periods_.size(); ++p) {
      if (dataset_periods[d][p]) cube_.datasets_[d].periods.push_back(static_cast<std::uint16_t>(p));
    }
  }
  return std::move(cube_);
}

// ---- loading ----

namespace {

Status parse_status(const db::Row& row, std::size_t column) {
  if (row.is_null(column)) return Status::ok;
  auto text = row.text(column);
  if (text.empty()) return Status::ok;
  return status_from_marker(text).value_or(Status::secret);
}

std::string_view school_stage(std::string_view form) {
  if (form == "Grundschule") return "Primarstufe";
  if (form == "Hauptschule" || form == "Realschule" || form == "Gesamtschule" || form == "Sekundarschule" ||
      form == "Gymnasium" || form == "PRIMUS-Schule" || form == "Gemeinschaftsschule") {
    return "Sekundarstufe I";
  }
  return "andere";
}

// Schools per municipality by form and Sozialindex as a dataset of counts.
void add_school_dataset(db::Database& db, CubeBuilder& builder) {
  auto rows = db.query(
      "SELECT region_code, school_form, sozialindex, sozialindex_none, pupils, pupils_period, "
      "sozialindex_period FROM institutions WHERE kind = 'school' AND region_code IS NOT NULL "
      "AND (pupils_period <> '' OR sozialindex_period <> '')");
  if (rows.empty()) return;
  struct Key {
    std::string region, form, index, period;
    auto operator<=>(const Key&) const = default;
  };
  std::map<Key, std::pair<double, double>> counts;  // schools, pupils
  std::map<Key, bool> pupils_known;
  for (const auto& r : rows) {
    Key key{r.text(0), r.text(1), "ohne", r.text(5).empty() ? r.text(6) : r.text(5)};
    if (key.form.empty()) key.form = "unbekannt";
    if (!r.is_null(2)) key.index = std::to_string(r.integer(2));
    auto& c = counts[key];
    c.first += 1;
    if (!r.is_null(4)) {
      c.second += static_cast<double>(r.integer(4));
      pupils_known[key] = true;
    }
  }
  Cube::DatasetInfo info;
  info.code = std::string(kSchoolDataset);
  info.title = "Schulen und Schüler/-innen nach Schulform und Schulsozialindex";
  info.publisher = "IT.NRW, Schulverzeichnis; MSB NRW, Schulsozialindex";
  info.licence = "dl-de/by-2-0";
  info.format = "institutions";
  info.absent_is_zero = true;
  info.dimensions = {{"stufe", "Schulstufe"},
                     {"schulform", "Schulform"},
                     {"sozialindex", "Sozialindexstufe"},
                     {"sozialindex_gruppe", "Sozialindex-Gruppe"},
                     {"mass", "Maß"}};
  const auto dataset = builder.dataset(std::move(info));
  std::map<std::string, std::uint32_t> series_ids;
  auto series_for = [&](const Key& key, std::string_view measure) {
    std::string group = key.index == "ohne" ? "ohne" : std::stoi(key.index) >= 6 ? "6 bis 9" : "1 bis 5";
    std::string skey = "schulform=" + key.form + "|sozialindex=" + key.index + "|mass=" + std::string(measure);
    auto it = series_ids.find(skey);
    if (it != series_ids.end()) return it->second;
    Cube::SeriesInfo s;
    s.key = skey;
    s.label = key.form + " · Sozialindex " + key.index + " · " + std::string(measure);
    s.unit = "Anzahl";
    s.breakdown = {{"stufe", std::string(school_stage(key.form))},
                   {"schulform", key.form},
                   {"sozialindex", key.index},
                   {"sozialindex_gruppe", group},
                   {"mass", std::string(measure)}};
    auto id = builder.series(dataset, std::move(s));
    series_ids.emplace(skey, id);
    return id;
  };
  for (const auto& [key, c] : counts) {
    const auto region = builder.region(key.region);
    const auto period = builder.period(key.period);
    builder.add(series_for(key, "Schulen"), region, period, c.first, Status::ok);
    if (pupils_known.count(key)) {
      builder.add(series_for(key, "Schüler"), region, period, c.second, Status::ok);
    }
  }
}

}  // namespace

std::uint64_t read_statistics_version(db::Database& db) {
  auto row = db.query_one("SELECT version FROM cache_versions WHERE name = 'statistics'");
  return row ? static_cast<std::uint64_t>(row->integer(0)) : 0;
}

Cube load_cube(db::Database& db) {
  CubeBuilder builder;
  builder.set_version(read_statistics_version(db));
  std::unordered_map<std::int64_t, std::uint32_t> region_ids;
  for (const auto& r : db.query("SELECT id, code FROM regions ORDER BY id")) {
    region_ids[r.integer(0)] = builder.region(r.text(1));
  }
  std::unordered_map<std::int64_t, std::uint32_t> dataset_ids;
  for (const auto& r :
       db.query("SELECT id, code, title, publisher, licence, copyright, stand, format FROM datasets ORDER BY id")) {
    Cube::DatasetInfo info;
    info.code = r.text(1);
    info.title = r.text(2);
    info.publisher = r.text(3);
    info.licence = r.text(4);
    info.copyright = r.text(5);
    info.stand = r.text(6);
    info.format = r.text(7);
    dataset_ids[r.integer(0)] = builder.dataset(std::move(info));
  }
  std::unordered_map<std::int64_t, std::vector<std::pair<std::string, std::string>>> breakdowns;
  for (const auto& r : db.query("SELECT series_id, dimension, value FROM series_breakdown")) {
    breakdowns[r.integer(0)].emplace_back(r.text(1), r.text(2));
  }
  std::unordered_map<std::int64_t, std::uint32_t> series_ids;
  for (const auto& r :
       db.query("SELECT id, dataset_id, series_key, label, unit FROM series ORDER BY dataset_id, position, id")) {
    auto d = dataset_ids.find(r.integer(1));
    if (d == dataset_ids.end()) continue;
    Cube::SeriesInfo s;
    s.key = r.text(2);
    s.label = r.text(3);
    s.unit = r.text(4);
    if (auto b = breakdowns.find(r.integer(0)); b != breakdowns.end()) s.breakdown = std::move(b->second);
    series_ids[r.integer(0)] = builder.series(d->second, std::move(s));
  }
  auto stmt = db.prepare("SELECT series_id, region_id, period, value, status FROM observations");
  while (auto r = stmt->step()) {
    auto s = series_ids.find(r->integer(0));
    auto g = region_ids.find(r->integer(1));
    if (s == series_ids.end() || g == region_ids.end()) continue;
    std::optional<double> value;
    if (!r->is_null(3)) value = r->real(3);
    builder.add(s->second, g->second, builder.period(r->text(2)), value, parse_status(*r, 4));
  }
  add_school_dataset(db, builder);
  return builder.build();
}

}  // namespace rf::monitor
