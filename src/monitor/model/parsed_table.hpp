// What every importer produces, whatever the file format: a stream of events
// (table metadata, series, regions, periods, cells, institutions …) into an
// ImportSink. The statistics store is one sink (it writes to the database as
// the file is read, so a file is never held in memory whole); ParsedTable is
// another that keeps everything, for tests, exports and small files.
//
// A *series* is one column of numbers of a dataset: a measured variable with
// fixed breakdown values, e.g. "school leavers · without Hauptschulabschluss ·
// female". Cells are (series, region, period) → value + status.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/model/observation.hpp"
#include "monitor/model/period.hpp"
#include "monitor/model/region.hpp"

namespace rf::monitor {

enum class Format : std::uint8_t {
  genesis_table,      // GENESIS "Tabelle" CSV (Regionaldatenbank, Landesdatenbank NRW)
  genesis_flat_old,   // GENESIS flat file, German wide layout
  genesis_flat_new,   // GENESIS flat file, English long layout
  genesis_catalogue,  // list of table codes with titles (regioDB_tables.csv)
  inkar,              // INKAR indicator export (wide)
  inkar_meta,         // INKAR indicator definitions
  inkar_regions,      // INKAR list of region codes and names
  school_list,        // NRW school lists (MSB, IT.NRW, Sozialindex lists)
};
std::string_view format_name(Format format);  // as stored (imports.format, datasets.format)
// The German name people read: "GENESIS-Tabelle", "Schulliste" …; the second
// form takes a stored format_name (or an older snake_case key).
std::string_view format_label_de(Format format);
std::string_view format_label_de(std::string_view stored);

// A dimension of a dataset: the key used in series breakdowns and a name for
// people. GENESIS tables have unnamed header levels "h1".."h4" and row label
// columns "r1"..; flat files name their variables ("GES", "NAT", …).
struct Dimension {
  std::string key;
  std::string name;
};

struct TableMeta {
  Format format = Format::genesis_table;
  std::string code;  // dataset code, e.g. "21111-02-06-4"
  std::string title;
  std::vector<std::string> title_lines;  // as in the file's header block
  std::string statistic;                 // e.g. "Statistik der allgemeinbildenden Schulen"
  std::string publisher;
  std::string licence;     // "dl-de/by-2-0" when the file says so
  std::string copyright;   // the © line(s) as written
  std::string stand;       // ISO date of "Stand: dd.mm.yyyy"
  std::string stand_text;  // the Stand line's text after "Stand:"
  std::string footnotes;
  std::vector<Dimension> dimensions;
  std::string file_name;  // base name of the imported file
  std::string encoding;   // encoding the file was read in
  std::string sha256;     // of the file's bytes
  std::uint64_t bytes = 0;
};

struct Breakdown {
  std::string dimension;   // Dimension::key
  std::string value;       // label, e.g. "weiblich"
  std::string value_code;  // code where the source has one, e.g. "GESW"
};

struct SeriesSpec {
  std::string key;    // unique within the dataset, stable across re-imports
  std::string label;  // for people
  std::string unit;   // "Anzahl", "Prozent", "EUR", …
  std::vector<Breakdown> breakdown;
};

struct Cell {
  std::uint32_t series = 0;
  std::uint32_t region = 0;
  std::uint32_t period = 0;
  std::uint32_t line = 0;  // where in the file
  double value = 0;        // meaningful when has_value
  bool has_value = false;
  Status status = Status::ok;
};

// A school (or later another institution) below its municipality.
struct Institution {
  std::string kind = "school";
  std::string code;  // school number
  std::string name;
  std::string region;  // municipality AGS (or Kreis when only that is known)
  bool region_is_municipality = true;
  std::string school_form;  // "Grundschule", …
  std::string school_form_code;
  std::optional<bool> is_public;
  std::optional<std::int64_t> pupils;
  std::string pupils_period;  // school year key, e.g. "2024/25"
  std::optional<int> sozialindex;
  bool sozialindex_none = false;  // listed explicitly as "without index"
  std::string sozialindex_period;
  std::optional<double> x, y;  // coordinates in `crs`
  std::string crs;             // "EPSG:25832"
  std::string street, postcode, city;
  std::uint32_t line = 0;
};

// An indicator definition shipped with a data source (INKAR's metadata file).
// Some codes are defined twice (definitions changed over time): variant
// numbers keep both.
struct IndicatorDefinition {
  std::string source;  // e.g. "inkar2024"
  std::string code;
  int variant = 1;
  std::string area, short_name, name, algorithm, notes, basis;
};

// An entry of a publisher's table catalogue (code → title, time span).
struct CatalogueEntry {
  std::string source;  // "regionaldatenbank"
  std::string code;
  std::string title;
  std::string time_span;
};

// What an import of one file amounts to; printed by `ruhrfutur import`.
struct FileSummary {
  std::string file;
  Format format = Format::genesis_table;
  std::string code;
  std::string title;
  std::string encoding;
  std::string sha256;
  std::uint64_t bytes = 0;
  std::size_t series = 0;
  std::size_t regions = 0;
  std::vector<std::string> periods;  // period keys, sorted
  std::uint64_t cells = 0;
  std::uint64_t empty_cells = 0;  // empty fields that mean "no value" (INKAR)
  StatusCounts markers{};
  std::size_t institutions = 0;
  std::size_t definitions = 0;
  std::size_t catalogue_entries = 0;
  std::vector<std::string> new_regions;  // codes added to the register from this file
  std::vector<std::string> warnings;
};

class ImportSink {
 public:
  virtual ~ImportSink() = default;
  // Called once before the first series or cell, with the metadata known by
  // then; finish() repeats it complete (footnotes and Stand come last).
  virtual void begin(const TableMeta& meta) { (void)meta; }
  virtual void series(std::uint32_t index, const SeriesSpec& spec) { (void)index, (void)spec; }
  // First use of a region in this file; `added` when the register got it from
  // this file (the sink must store it).
  virtual void region(std::uint32_t index, const Region& region, bool added) { (void)index, (void)region, (void)added; }
  virtual void period(std::uint32_t index, const Period& period) { (void)index, (void)period; }
  virtual void cell(const Cell& cell) { (void)cell; }
  virtual void institution(const Institution& institution) { (void)institution; }
  virtual void definition(const IndicatorDefinition& definition) { (void)definition; }
  virtual void catalogue(const CatalogueEntry& entry) { (void)entry; }
  virtual void finish(const TableMeta& meta, const FileSummary& summary) { (void)meta, (void)summary; }
};

// Keeps everything in memory.
class ParsedTable : public ImportSink {
 public:
  TableMeta meta;
  FileSummary summary;
  std::vector<SeriesSpec> series_specs;
  std::vector<Region> region_list;
  std::vector<Period> period_list;
  std::vector<Cell> cells;
  std::vector<Institution> institutions;
  std::vector<IndicatorDefinition> definitions;
  std::vector<CatalogueEntry> catalogue_entries;

  void begin(const TableMeta& m) override { meta = m; }
  void series(std::uint32_t index, const SeriesSpec& spec) override;
  void region(std::uint32_t index, const Region& region, bool added) override;
  void period(std::uint32_t index, const Period& period) override;
  void cell(const Cell& c) override { cells.push_back(c); }
  void institution(const Institution& i) override { institutions.push_back(i); }
  void definition(const IndicatorDefinition& d) override { definitions.push_back(d); }
  void catalogue(const CatalogueEntry& e) override { catalogue_entries.push_back(e); }
  void finish(const TableMeta& m, const FileSummary& s) override {
    meta = m;
    summary = s;
  }

  // Looks a cell up by region code, period key and series key; nullptr when absent.
  const Cell* find(std::string_view region_code, std::string_view period_key, std::string_view series_key) const;
  // The series whose breakdown has all the given (dimension, value) pairs;
  // nullptr unless exactly one matches.
  const SeriesSpec* find_series(const std::vector<std::pair<std::string, std::string>>& breakdown) const;
  std::uint32_t series_index(const SeriesSpec* spec) const {
    return static_cast<std::uint32_t>(spec - series_specs.data());
  }
  // The cell as an Observation with codes and labels resolved.
  Observation observation(const Cell& cell) const;
};

}  // namespace rf::monitor
