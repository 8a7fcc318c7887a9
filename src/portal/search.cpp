#include "portal/search.hpp"

#include "portal/folding.hpp"

namespace rf::portal {
namespace {

constexpr std::size_t kMaxTerms = 8;
constexpr std::size_t kMaxTermBytes = 64;

std::vector<std::string> query_terms(std::string_view query) {
  std::vector<std::string> terms;
  for (auto& word : search_words(query)) {
    if (word.size() > kMaxTermBytes) word.resize(kMaxTermBytes);
    // Cutting may split a UTF-8 sequence: drop the broken tail.
    while (!word.empty() && (static_cast<unsigned char>(word.back()) & 0xC0) == 0x80) word.pop_back();
    while (!word.empty() && (static_cast<unsigned char>(word.back()) & 0xC0) == 0xC0) word.pop_back();
    if (!word.empty()) terms.push_back(word);
    if (terms.size() == kMaxTerms) break;
  }
  return terms;
}

// FTS5: "term"* AND "term"* (terms hold no quotes: folding made them separators).
std::string fts5_query(const std::vector<std::string>& terms) {
  std::string q;
  for (const auto& t : terms) q += (q.empty() ? "" : " AND ") + ("\"" + t + "\"*");
  return q;
}

// to_tsquery: term:* & term:*. Folded terms are letters and digits only.
std::string tsquery(const std::vector<std::string>& terms) {
  std::string q;
  for (const auto& t : terms) q += (q.empty() ? "" : " & ") + t + ":*";
  return q;
}

constexpr std::string_view kPgVector = "to_tsvector('simple', s.title || ' ' || s.body)";

}  // namespace

std::string visible_condition(std::string_view a) {
  std::string p(a);
  return p + ".status = 'published' AND " + p + ".publish_at <= ? AND (" + p + ".kind <> 'job' OR " + p +
         ".item_date IS NULL OR " + p + ".item_date > ?)";
}

void index_document(db::Database& db, std::int64_t item_id, std::string_view title, std::string_view text) {
  std::string folded_title = fold_for_index(title);
  std::string folded_body = fold_for_index(text);
  remove_document(db, item_id);
  db.execute("INSERT INTO search_documents (item_id, title, body) VALUES (?, ?, ?)",
             {item_id, folded_title, folded_body});
  if (db.kind() == db::Kind::sqlite) {
    db.execute("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", {item_id, folded_title, folded_body});
  }
}

void remove_document(db::Database& db, std::int64_t item_id) {
  db.execute("DELETE FROM search_documents WHERE item_id = ?", {item_id});
  if (db.kind() == db::Kind::sqlite) db.execute("DELETE FROM search_fts WHERE rowid = ?", {item_id});
}

SearchResult search(db::Database& db, std::string_view query, std::int64_t now, int limit, int offset) {
  SearchResult result;
  auto terms = query_terms(query);
  if (terms.empty()) return result;
  const std::string visible = visible_condition("c");
  std::string from, order;
  std::string q;
  if (db.kind() == db::Kind::sqlite) {
    q = fts5_query(terms);
    from = " FROM search_fts JOIN content_items c ON c.id = search_fts.rowid WHERE search_fts MATCH ? AND " + visible;
    order = " ORDER BY bm25(search_fts, 8.0, 1.0), c.id DESC";
  } else {
    q = tsquery(terms);
    from = " FROM search_documents s JOIN content_items c ON c.id = s.item_id WHERE " + std::string(kPgVector) +
           " @@ to_tsquery('simple', ?) AND " + visible;
    order =
        " ORDER BY (CASE WHEN to_tsvector('simple', s.title) @@ to_tsquery('simple', ?) THEN 1 ELSE 0 END) DESC, "
        "ts_rank(" +
        std::string(kPgVector) + ", to_tsquery('simple', ?)) DESC, c.id DESC";
  }
  std::vector<db::Value> params{q, now, now - 86400};
  result.total = db.query_one("SELECT COUNT(*)" + from, params)->integer(0);
  if (db.kind() == db::Kind::postgresql) {
    params.push_back(q);
    params.push_back(q);
  }
  params.push_back(static_cast<std::int64_t>(limit));
  params.push_back(static_cast<std::int64_t>(offset));
  for (const auto& row : db.query("SELECT c.id" + from + order + " LIMIT ? OFFSET ?", params)) {
    result.item_ids.push_back(row.integer(0));
  }
  return result;
}

}  // namespace rf::portal
