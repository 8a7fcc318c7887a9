// What a new edition of a table changed, read back from the database after
// (or inside the transaction of) its import: the periods it added, the cells
// it revised (old → new) or dropped, and the share of the cells published
// before that it revised. Works from observation_history (replaced_by = the
// import) and the import ids of observations, which both storage paths keep
// (see statistics_store.hpp), so it also holds for imports made long ago.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace rf::monitor {

struct RevisedCell {
  std::string series;  // the series label, e.g. "ohne Hauptschulabschluss | weiblich"
  std::string region_code;
  std::string region_name;
  std::string period;  // key
  std::optional<double> old_value, new_value;
  std::string old_status, new_status;  // marker or "" for a plain value
  bool dropped = false;                // the edition no longer has the cell
};

struct EditionChanges {
  std::int64_t import_id = 0;
  std::string dataset;  // code
  bool first_edition = false;
  std::vector<std::string> new_periods;    // keys, sorted
  std::int64_t cells = 0;                  // cells the edition delivered
  std::int64_t published_before = 0;       // of those, how many the dataset had already
  std::int64_t revised = 0;                // changed value or marker
  std::int64_t dropped = 0;                // stored before, missing from the edition
  std::vector<RevisedCell> revised_cells;  // the first max_cells, by period, region, series

  // revised / published_before (0 when nothing was published before).
  double revised_share() const {
    return published_before > 0 ? static_cast<double>(revised) / static_cast<double>(published_before) : 0.0;
  }
};

// The changes of import `import_id`; nullopt when it is not the import of a
// dataset's cells (school lists, indicator definitions, catalogues).
std::optional<EditionChanges> edition_changes(db::Database& db, std::int64_t import_id, std::size_t max_cells = 200);

}  // namespace rf::monitor
