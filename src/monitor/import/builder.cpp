#include "monitor/import/builder.hpp"

#include <algorithm>

namespace rf::monitor {

namespace {

// Packs (series, region, period) numbers into one 64-bit key: 22 + 21 + 21
// bits, far more than any statistics table has.
constexpr std::uint64_t kMaxSeries = 1u << 22;
constexpr std::uint64_t kMaxRegions = 1u << 21;
constexpr std::uint64_t kMaxPeriods = 1u << 21;

std::uint64_t mix(std::uint64_t x) {
  // splitmix64 finaliser: spreads structured keys over the table.
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

bool KeyLineMap::insert(std::uint64_t key, std::uint32_t line, std::uint32_t* first_line) {
  if ((size_ + 1) * 2 > slots_.size()) grow();
  std::uint64_t stored = key + 1;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.key == 0) {
      slot.key = stored;
      slot.line = line;
      ++size_;
      return true;
    }
    if (slot.key == stored) {
      if (first_line) *first_line = slot.line;
      return false;
    }
  }
}

void KeyLineMap::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.key == 0) continue;
    for (std::size_t i = mix(s.key - 1) & mask;; i = (i + 1) & mask) {
      if (slots_[i].key == 0) {
        slots_[i] = s;
        break;
      }
    }
  }
}

TableBuilder::TableBuilder(std::string file, RegionRegister* regions, ImportSink& sink, bool allow_new_regions)
    : file_(std::move(file)), regions_(regions), sink_(sink), allow_new_regions_(allow_new_regions) {
  summary_.file = file_;
}

void TableBuilder::begin() {
  if (begun_) return;
  begun_ = true;
  sink_.begin(meta_);
}

std::uint32_t TableBuilder::series(std::string_view key, const std::function<SeriesSpec()>& make) {
  if (auto it = series_index_.find(key); it != series_index_.end()) return it->second;
  begin();
  auto index = static_cast<std::uint32_t>(series_index_.size());
  SeriesSpec spec = make();
  spec.key = std::string(key);
  series_index_.emplace(spec.key, index);
  series_labels_.push_back(spec.label.empty() ? spec.key : spec.label);
  sink_.series(index, spec);
  return index;
}

Result<std::uint32_t> TableBuilder::region(std::string_view code, std::string_view name, std::size_t line) {
  if (auto it = region_index_.find(code); it != region_index_.end()) return it->second;
  begin();
  auto level = level_of_code(code);
  const Region* found = regions_ ? regions_->find(code) : nullptr;
  if (!level && !found) {
    return error(line, "Unbekannter Regionalschlüssel „" + std::string(code) +
                           "“: erwartet DG oder einen Schlüssel mit 2, 3, 5 oder 8 Ziffern");
  }
  bool added = false;
  if (!found && !regions_) {
    auto local = std::make_unique<Region>();
    local->code = std::string(code);
    local->name = std::string(name);
    local->level = *level;
    found = local.get();
    local_regions_.push_back(std::move(local));
  } else if (!found) {
    const Region* ancestor = regions_->nearest_ancestor(code);
    bool addable = allow_new_regions_ && ancestor && !name.empty() && *level != RegionLevel::country &&
                   *level != RegionLevel::state;
    if (!addable) {
      std::string why = !allow_new_regions_ ? "er steht nicht im Gemeindeverzeichnis"
                        : !ancestor         ? "weder er noch sein Land steht im Gemeindeverzeichnis"
                        : name.empty()      ? "er steht nicht im Gemeindeverzeichnis, und die Zeile nennt keinen Namen"
                                            : "er steht nicht im Gemeindeverzeichnis";
      return error(line, "Unbekannter Regionalschlüssel „" + std::string(code) + "“: " + why);
    }
    Region region;
    region.code = std::string(code);
    region.name = std::string(name);
    region.level = *level;
    region.parent = ancestor->code;
    region.provisional = true;
    region.source = meta_.file_name.empty() ? file_ : meta_.file_name;
    found = &regions_->add(std::move(region));
    added = true;
    summary_.new_regions.push_back(found->code);
  }
  auto index = static_cast<std::uint32_t>(region_refs_.size());
  if (index >= kMaxRegions) return error(line, "Zu viele Regionen in einer Datei");
  region_refs_.push_back(found);
  region_index_.emplace(std::string(code), index);
  sink_.region(index, *found, added);
  return index;
}

std::uint32_t TableBuilder::period(const Period& period) {
  std::string key = period.key();
  if (auto it = period_index_.find(key); it != period_index_.end()) return it->second;
  begin();
  auto index = static_cast<std::uint32_t>(periods_.size());
  periods_.push_back(period);
  period_index_.emplace(std::move(key), index);
  sink_.period(index, period);
  return index;
}

Result<void> TableBuilder::cell(std::uint32_t series, std::uint32_t region, std::uint32_t period,
                                const CellValue& value, std::size_t line, bool check_duplicate) {
  if (check_duplicate) {
    if (series >= kMaxSeries || period >= kMaxPeriods) {
      return error(line, "Zu viele Merkmalskombinationen oder Zeiträume in einer Datei");
    }
    std::uint64_t key =
        (static_cast<std::uint64_t>(series) << 42) | (static_cast<std::uint64_t>(region) << 21) | period;
    std::uint32_t first = 0;
    if (!cells_seen_.insert(key, static_cast<std::uint32_t>(line), &first)) {
      return error(line, "Doppelte Zelle: Region " + region_refs_[region]->code + ", Zeitraum " +
                             periods_[period].label_de() + ", „" + series_labels_[series] + "“ steht schon in Zeile " +
                             std::to_string(first) + ". Erwartet: jede Zelle nur einmal");
    }
  }
  Cell cell;
  cell.series = series;
  cell.region = region;
  cell.period = period;
  cell.line = static_cast<std::uint32_t>(line);
  cell.has_value = value.value.has_value();
  cell.value = value.value.value_or(0.0);
  cell.status = value.status;
  ++summary_.cells;
  ++summary_.markers[static_cast<std::size_t>(value.status)];
  sink_.cell(cell);
  return {};
}

bool TableBuilder::unique_row(std::uint64_t key, std::size_t line, std::uint32_t* first_line) {
  return rows_seen_.insert(key, static_cast<std::uint32_t>(line), first_line);
}

void TableBuilder::institution(const Institution& institution) {
  begin();
  ++summary_.institutions;
  sink_.institution(institution);
}

void TableBuilder::definition(const IndicatorDefinition& definition) {
  begin();
  ++summary_.definitions;
  sink_.definition(definition);
}

void TableBuilder::catalogue(const CatalogueEntry& entry) {
  begin();
  ++summary_.catalogue_entries;
  sink_.catalogue(entry);
}

void TableBuilder::warn(const std::string& message) {
  auto [it, inserted] = warnings_.emplace(message, 0);
  if (inserted) warning_order_.push_back(message);
  ++it->second;
}

ImportError TableBuilder::error(std::size_t line, std::string message) const {
  return ImportError{file_, line, std::move(message)};
}

const FileSummary& TableBuilder::finish() {
  begin();
  summary_.code = meta_.code;
  summary_.title = meta_.title;
  summary_.format = meta_.format;
  summary_.encoding = meta_.encoding;
  summary_.series = series_index_.size();
  summary_.regions = region_refs_.size();
  summary_.periods.clear();
  for (const auto& p : periods_) summary_.periods.push_back(p.key());
  std::sort(summary_.periods.begin(), summary_.periods.end());
  summary_.warnings.clear();
  for (const auto& w : warning_order_) {
    std::size_t n = warnings_[w];
    summary_.warnings.push_back(n > 1 ? w + " (" + std::to_string(n) + "×)" : w);
  }
  sink_.finish(meta_, summary_);
  return summary_;
}

}  // namespace rf::monitor
