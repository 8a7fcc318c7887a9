// The database side of the statistics: the region register and imports.
//
// Everything here runs in the caller's transaction, so `ruhrfutur import` can
// put all files of one run into one transaction and roll back on the first
// error. Cells stream with Database::bulk_insert while the file is read (on
// PostgreSQL a COPY, during which no other statement may run: a new series or
// region ends the COPY, is written, and the next cell starts another). The
// first import of a dataset streams straight into observations. A new edition
// writes only what differs: changed and dropped values move to
// observation_history, new and changed ones come in, unchanged cells keep the
// import that delivered them. On SQLite it is merged cell by cell in place
// (CellMerge); on PostgreSQL it streams into a temporary table and is
// compared in SQL.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "monitor/model/parsed_table.hpp"
#include "monitor/model/region.hpp"

namespace rf::monitor {

class CellMerge;

// Writes the register (regions, aliases, aggregate members); regions already
// stored keep their ids. Returns the number of regions written.
std::size_t store_region_register(db::Database& db, const RegionRegister& regions);
// Reads the stored register, with database ids.
RegionRegister read_region_register(db::Database& db);

// An ImportSink that writes one file's import to the database.
class StoreSink : public ImportSink {
 public:
  // `who` and `imported_at` (Unix seconds) go into the provenance record.
  // `regions` is the register the importer resolves codes with; the sink
  // notes the ids of regions it stores there, for later files of the run.
  StoreSink(db::Database& db, RegionRegister& regions, std::string who, std::int64_t imported_at);
  ~StoreSink() override;
  StoreSink(const StoreSink&) = delete;
  StoreSink& operator=(const StoreSink&) = delete;

  void begin(const TableMeta& meta) override;
  void series(std::uint32_t index, const SeriesSpec& spec) override;
  void region(std::uint32_t index, const Region& region, bool added) override;
  void period(std::uint32_t index, const Period& period) override;
  void cell(const Cell& cell) override;
  void institution(const Institution& institution) override;
  void definition(const IndicatorDefinition& definition) override;
  void catalogue(const CatalogueEntry& entry) override;
  void finish(const TableMeta& meta, const FileSummary& summary) override;

  std::int64_t import_id() const { return import_id_; }
  std::int64_t dataset_id() const { return dataset_id_; }
  // Old values moved to observation_history by this import.
  std::int64_t history_rows() const { return history_rows_; }
  // The file line of the last cell or institution handed to the sink: where
  // to point when the database refuses what came so far.
  std::uint32_t last_line() const { return last_line_; }

 private:
  void stop_bulk();
  std::int64_t region_id(const Region& region, bool added);
  void replace_changed_cells();

  db::Database& db_;
  RegionRegister& regions_;
  std::string who_;
  std::int64_t imported_at_;
  std::int64_t import_id_ = 0;
  std::int64_t dataset_id_ = 0;
  std::int64_t history_rows_ = 0;
  bool had_cells_ = false;
  std::vector<std::int64_t> series_ids_;
  std::vector<std::int64_t> region_ids_;
  std::vector<std::string> period_keys_;
  std::unique_ptr<db::BulkInsert> bulk_;
  std::unique_ptr<CellMerge> merge_;  // SQLite re-import
  std::vector<db::Value> row_;
  std::uint64_t cells_ = 0;
  std::uint32_t last_line_ = 0;
  std::string definitions_source_;
  std::unique_ptr<db::Statement> upsert_institution_;
  std::unique_ptr<db::Statement> upsert_series_;
};

// Stored statistics as an Observation list, for tests and exports: every
// current cell of one dataset, ordered by series, region and period.
std::vector<Observation> read_observations(db::Database& db, const std::string& dataset_code);

}  // namespace rf::monitor
