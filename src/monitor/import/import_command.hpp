// `ruhrfutur import [--database URL] [--dry-run] [--encoding E] [--max-size BYTES]
//                   [--strict-regions] [--sheet NAME] FILE…  (CSV or XLSX)`
//
// Imports statistics files of any supported format (detected) into the
// database in ONE transaction: either every file is imported or, at the first
// error, nothing is — the error names FILE:LINE and what was expected. Prints
// a summary per file (table code, title, regions, periods, cells, markers by
// kind, warnings) and, on a terminal, a progress bar on stderr.
//
// Choices worth knowing:
// - Region codes the register lacks (historic Kreise such as 05354 listed
//   with "-", Berlin districts, youth-welfare offices JH…, municipalities
//   formed after the 2018 Gebietsstand) are added as provisional regions when
//   the file names them and their Land is known; the summary lists them as a
//   warning. --strict-regions (allow_new_regions = false) makes them errors.
//   A code of no known shape or Land is always an error.
// - A publisher's table catalogue (regioDB_tables.csv: code, title, time
//   span) holds no statistics; it is stored as dataset metadata in
//   dataset_catalogue, and the summary says so.
// - Re-importing a dataset replaces all its cells; values that changed or
//   disappeared move to observation_history with the replacing import's id.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "monitor/monitor.hpp"
#include "monitor/import/importer.hpp"
#include "monitor/store/update_report.hpp"

namespace rf::monitor {

struct ImportOptions {
  std::string database_url;        // --database URL (used by the first overload)
  std::vector<std::string> files;  // FILE…
  // How errors, summaries and the import log name each file; empty: the path
  // as given. Web uploads lie under a hash-named folder but keep the client's
  // file name here.
  std::vector<std::string> display_names;
  bool dry_run = false;  // --dry-run: everything but the commit
  std::string encoding;  // --encoding E; "" or "auto" detects per file
  // Where the region register comes from when the database has none yet
  // (the project's data/ folder).
  std::string data_dir;
  // When set, migrations are applied before importing.
  std::string migrations_dir;
  std::uint64_t max_file_size = kDefaultMaxFileSize;  // --max-size BYTES
  bool allow_new_regions = true;                      // false (--strict-regions): unknown codes are errors
  std::string sheet;                                  // --sheet NAME: the sheet of XLSX workbooks (default: first)
  std::string who;                                    // provenance; default: the login name
  std::optional<bool> progress;                       // default: when stderr is a terminal
  // --report: what the run changed (UpdateReport), also in dry runs. Costs
  // two builds of the statistics cube (before and after).
  bool report = false;
  // With `report`: the built report's figures that read an affected
  // indicator (UpdateReport::figures); unset: no report is known.
  ReportFigureLookup report_figures;
};

// A goal of the common agenda whose status the run changed.
struct GoalChange {
  std::string title;
  std::string indicator;
  std::string region;
  std::string before, after;  // German status labels ("offen", "auf Kurs" …)
};

// What a run changed beyond its files' summaries: per new edition the new
// periods and revised cells, the indicators that read the changed tables,
// the report's figures that show them, and the goals whose status changed.
struct UpdateReport {
  std::vector<EditionChanges> editions;                         // tables with cells, in file order
  std::vector<std::pair<std::string, std::string>> indicators;  // id, title
  // The built report's figures reading one of `indicators`; nullopt when no
  // report is built (or none was made known: ImportOptions::report_figures).
  std::optional<std::vector<ReportFigure>> figures;
  std::vector<GoalChange> goals;
};
// What the update report says when no built report is known (German).
inline constexpr std::string_view kNoReportBuilt =
    "Es ist kein Bildungsbericht erstellt, daher lassen sich die betroffenen Abbildungen nicht nennen.";
// Writes the report as the command prints it (German).
void print_update_report(std::ostream& out, const UpdateReport& report);
// One revised cell: "05513 Gelsenkirchen, 2023, ohne … | Insgesamt: 370 → 371".
std::string revised_cell_text(const RevisedCell& cell);

// One file of a run.
struct ImportedFile {
  FileSummary summary;
  std::int64_t import_id = 0;     // 0 in a dry run (rolled back)
  std::int64_t history_rows = 0;  // old values moved to observation_history
};

// The outcome of a run, for callers that show it themselves (the web pages).
struct ImportRun {
  int exit_code = 0;  // as run_import_command returns it
  std::string error;  // "FILE:LINE: message" (and the quoted line) when exit_code != 0
  // The same as parts, when a file is to blame (the page shows them apart).
  std::optional<ImportError> failure;
  std::vector<ImportedFile> files;
  bool committed = false;              // false for dry runs and failures
  std::optional<UpdateReport> report;  // with options.report
};

// Called when a file starts (path, 1-based index, count) and as it is read.
struct ImportProgress {
  std::function<void(const std::string&, std::size_t, std::size_t)> start;
  std::function<void(std::uint64_t, std::uint64_t)> update;
  std::function<void()> done;
};

// Runs the import on an open database in one transaction and returns what
// happened without printing. The statistics version is bumped in the same
// transaction (StoreSink::finish), so every server instance rebuilds its cube
// after the commit.
ImportRun import_files(const ImportOptions& options, db::Database& db, const ImportProgress& progress = {});

// Writes the human-readable summary of one file (as the command prints it).
void print_file_summary(std::ostream& out, const FileSummary& summary, std::int64_t history_rows);

// Opens options.database_url and runs the import; returns the exit code
// (0 success, 1 the import failed and nothing was stored, 2 usage error).
int run_import_command(const ImportOptions& options);

// The same on an open database, writing the summary to `out` and errors and
// progress to `err`.
int run_import_command(const ImportOptions& options, db::Database& db, std::ostream& out, std::ostream& err);

// Loads the region register from data_dir (regions/GV100AD_300918.ASC,
// regions/12411-15i.csv, regions/rvr_municipalities.csv) into the database,
// in its own transaction; existing regions keep their ids. Returns an exit
// code; errors go to stderr.
int load_region_register(db::Database& db, const std::string& data_dir);

}  // namespace rf::monitor
