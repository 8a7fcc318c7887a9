// Full-text search over published content. Text is folded in C++ (lower case,
// no accents, umlauts reduced and spelled out, see folding.hpp) before either
// database sees it, so both find "Übergänge" by "übergänge", "UBERGANGE" or
// "uebergaenge". SQLite answers from an FTS5 table, PostgreSQL from a GIN
// index over to_tsvector('simple', …) (both made by migration 0250); every
// word of the query is a prefix.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace rf::portal {

// (Re)indexes one item; `text` is everything searchable besides the title.
void index_document(db::Database& db, std::int64_t item_id, std::string_view title, std::string_view text);
void remove_document(db::Database& db, std::int64_t item_id);

struct SearchResult {
  std::vector<std::int64_t> item_ids;  // best first
  std::int64_t total = 0;
};

// Items visible at `now` matching every word of `query` (at most 8 words).
SearchResult search(db::Database& db, std::string_view query, std::int64_t now, int limit, int offset);

// SQL condition for "visible at the instant bound to the next two '?'"
// (now, now - 86400) over content_items aliased as `alias`.
std::string visible_condition(std::string_view alias);

}  // namespace rf::portal
