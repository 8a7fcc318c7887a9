// What an IndicatorView holds (module-internal): the engine with its
// catalogue, cube and region register, and what was wrong with the catalogue.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "monitor/engine/code_lists.hpp"
#include "monitor/engine/engine.hpp"
#include "monitor/indicators.hpp"

namespace rf::db {
class Database;
}

namespace rf::monitor {

struct IndicatorView::State {
  std::unique_ptr<Engine> engine;
  std::vector<std::string> catalogue_errors;    // the catalogue in force could not be used
  std::vector<std::string> catalogue_warnings;  // e.g. datasets not imported yet
  std::string catalogue_origin;                 // "data/indicators.yaml" or an upload
  CodeLists code_lists;                         // in force (applied to the catalogue)
  std::string code_lists_origin;                // "data/codelists.yaml", "Fassung 3" or ""
  // Numbers the states this process builds (1, 2, …): a page cache that follows
  // it drops the pages rendered from an older cube once the new one is in use.
  std::uint64_t serial = 0;
};

// The code lists in force: the newest version stored by a data steward, else
// the shipped <data_dir>/codelists.yaml, else none.
struct CodeListsText {
  std::string text;
  std::string origin;  // "data/codelists.yaml", "Fassung 3", "" for none
};
CodeListsText code_lists_in_force(db::Database& db, const std::filesystem::path& data_dir);

// Builds a state from the database and a catalogue text (which may be broken:
// the errors are kept and the catalogue is empty), with code lists applied.
std::shared_ptr<const IndicatorView::State> build_state(db::Database& db, std::string catalogue_text,
                                                        std::string catalogue_origin, CodeListsText code_lists = {});

struct StoredCatalogue {
  std::int64_t id = 0;
  std::string yaml;
  std::int64_t uploaded_at = 0;
};
// The newest uploaded catalogue, if any.
std::optional<StoredCatalogue> read_stored_catalogue(db::Database& db);

// The engine behind a view (for the module's own pages and API).
inline const Engine& engine_of(const IndicatorView& view) { return *view.state()->engine; }

}  // namespace rf::monitor
