// The part every importer shares: numbering series, regions and periods,
// checking region codes against the register, rejecting duplicate cells,
// counting markers and collecting warnings, and passing it all to the sink.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "monitor/model/parsed_table.hpp"
#include "monitor/import/result.hpp"
#include "monitor/model/region.hpp"

namespace rf::monitor {

// An open-addressing map from 64-bit keys to line numbers: 16 bytes a slot,
// no allocation per entry (a file can have millions of cells).
class KeyLineMap {
 public:
  // Inserts key → line; when the key is there already returns false and sets
  // *first_line to the line stored with it.
  bool insert(std::uint64_t key, std::uint32_t line, std::uint32_t* first_line);
  std::size_t size() const { return size_; }

 private:
  void grow();
  struct Slot {
    std::uint64_t key = 0;  // key + 1; 0 marks an empty slot
    std::uint32_t line = 0;
  };
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

class TableBuilder {
 public:
  // `file` is how errors name the file (the path as given). `regions` may be
  // null: then every well-formed code is accepted (pure parser tests).
  TableBuilder(std::string file, RegionRegister* regions, ImportSink& sink, bool allow_new_regions = true);

  TableMeta& meta() { return meta_; }
  FileSummary& summary() { return summary_; }
  const std::string& file() const { return file_; }

  // Sends the metadata known so far to the sink; idempotent.
  void begin();

  // Interns a series by key; `make` builds its spec the first time.
  std::uint32_t series(std::string_view key, const std::function<SeriesSpec()>& make);
  std::size_t series_count() const { return series_index_.size(); }

  // Resolves a region code used on `line`; codes the register does not know
  // are added provisionally when a name is given and their Land is known.
  Result<std::uint32_t> region(std::string_view code, std::string_view name, std::size_t line);
  const Region& region_at(std::uint32_t index) const { return *region_refs_[index]; }

  std::uint32_t period(const Period& period);
  const Period& period_at(std::uint32_t index) const { return periods_[index]; }

  // Adds a cell. With check_duplicate the (series, region, period) key is
  // remembered and a second cell with it is an error; importers that
  // guarantee uniqueness by rows pass false and use unique_row().
  Result<void> cell(std::uint32_t series, std::uint32_t region, std::uint32_t period, const CellValue& value,
                    std::size_t line, bool check_duplicate = true);
  // True when `key` is new; otherwise false with *first_line set.
  bool unique_row(std::uint64_t key, std::size_t line, std::uint32_t* first_line);
  void empty_cell() { ++summary_.empty_cells; }

  void institution(const Institution& institution);
  void definition(const IndicatorDefinition& definition);
  void catalogue(const CatalogueEntry& entry);

  // Warnings with the same text are reported once, with a count.
  void warn(const std::string& message);
  ImportError error(std::size_t line, std::string message) const;

  // Completes the summary and calls the sink's finish().
  const FileSummary& finish();

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>;

  std::string file_;
  RegionRegister* regions_;
  ImportSink& sink_;
  bool allow_new_regions_;
  bool begun_ = false;
  TableMeta meta_;
  FileSummary summary_;
  Index series_index_;
  std::vector<std::string> series_labels_;
  Index region_index_;
  std::vector<const Region*> region_refs_;
  std::vector<std::unique_ptr<Region>> local_regions_;  // without a register
  Index period_index_;
  std::vector<Period> periods_;
  KeyLineMap cells_seen_;
  KeyLineMap rows_seen_;
  std::map<std::string, std::size_t> warnings_;
  std::vector<std::string> warning_order_;
};

}  // namespace rf::monitor
