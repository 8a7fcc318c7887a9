// /suche: one search over everything published: the portal's content (full
// text in the database) and, grouped by kind, the indicators, regions and the
// report's chapters and figures (portal/data_search.hpp, in memory).
#include "portal/data_search.hpp"
#include "portal/search.hpp"
#include "portal/site.hpp"
#include "portal/views.hpp"
#include "text/strings.hpp"
#include "web/pagination.hpp"

namespace rf::portal {
namespace {

constexpr int kPerPage = 10;
constexpr std::size_t kMaxQueryBytes = 200;

// The query as the page uses and shows it: words separated by one space, no
// blanks around, at most kMaxQueryBytes (cut before a character, not in it).
std::string normalised_query(const http::Request& req) {
  const std::string raw = req.query.get_or("q", "");
  std::string query;
  std::string_view rest = text::trim(raw);
  while (!rest.empty()) {
    std::size_t end = 0;
    while (end < rest.size() && !text::is_space(rest[end])) ++end;
    if (!query.empty()) query += ' ';
    query.append(rest.substr(0, end));
    rest = text::trim_left(rest.substr(end));
  }
  if (query.size() > kMaxQueryBytes) {
    std::size_t cut = kMaxQueryBytes;
    while (cut > 0 && (static_cast<unsigned char>(query[cut]) & 0xC0) == 0x80) --cut;  // a continuation byte
    query.resize(cut);
  }
  return query;
}

std::string_view kind_label(std::string_view kind) {
  if (kind == "news") return "Meldung";
  if (kind == "publication") return "Publikation";
  if (kind == "job") return "Stellenangebot";
  if (kind == "theme") return "Thema";
  if (kind == "team") return "Team";
  if (kind == "partner") return "Partner";
  if (kind == "committee") return "Gremium";
  return "Seite";
}

constexpr std::size_t kPerGroup = 12;

struct DataGroup {
  DataKind kind;
  const char* slug;
  const char* label;
};
constexpr DataGroup kDataGroups[] = {
    {DataKind::indicator, "indikatoren", "Indikatoren"},
    {DataKind::region, "regionen", "Regionen"},
    {DataKind::dataset, "datensaetze", "Datensätze"},
    {DataKind::chapter, "kapitel", "Kapitel des Bildungsberichts"},
    {DataKind::figure, "abbildungen", "Abbildungen des Bildungsberichts"},
};

// The data hits as groups for the template, each with at most kPerGroup entries.
mstch::array data_groups(const std::vector<DataHit>& hits) {
  mstch::array groups;
  for (const auto& g : kDataGroups) {
    mstch::array entries;
    std::size_t count = 0;
    for (const auto& h : hits) {
      if (h.kind != g.kind) continue;
      if (++count <= kPerGroup) {
        entries.push_back(mstch::map{{"title", h.title}, {"summary", h.summary}, {"url", h.url}});
      }
    }
    if (count == 0) continue;
    mstch::map group{{"slug", std::string(g.slug)},
                     {"label", std::string(g.label)},
                     {"count", std::to_string(count)},
                     {"hits", entries}};
    if (count > kPerGroup) group["more"] = std::to_string(count - kPerGroup);
    groups.push_back(std::move(group));
  }
  return groups;
}

http::Response search_page(http::Request& req, Site& site, DataSearch& data) {
  const std::string query = normalised_query(req);
  mstch::map context{{"q", query}};
  if (!query.empty()) {
    // Before taking a connection: a rebuild of the data index takes one of its own.
    auto data_hits = data.find(query);
    auto db = site.services.pool.acquire();
    ContentStore store(*db);
    const auto now = now_seconds();
    auto first = search(*db, query, now, 1, 0);  // total for the pagination
    auto pagination = web::paginate(req, first.total, kPerPage);
    auto result = search(*db, query, now, kPerPage, pagination.offset());
    auto themes = load_themes(store, now);
    mstch::array hits;
    for (auto id : result.item_ids) {
      auto item = store.get(id);
      if (!item) continue;
      auto v = item_view(*item, themes);
      v["kind_label"] = std::string(kind_label(item->kind));
      if (item->summary.empty()) v["summary"] = shorten(searchable_text(*item), 240);
      hits.push_back(std::move(v));
    }
    context["data_groups"] = data_groups(data_hits);
    context["has_data_hits"] = !data_hits.empty();
    context["data_total"] = std::to_string(data_hits.size());
    context["searched"] = true;
    context["hits"] = hits;
    context["has_hits"] = !hits.empty();
    context["total"] = std::to_string(result.total);
    context["total_one"] = result.total == 1;
    context["pagination"] = web::pagination_view(pagination, "/suche?q=" + http::url_encode(query) + "&");
  }
  std::string title = query.empty() ? "Suche" : "Suche: " + query;
  PageMeta meta;
  meta.description =
      "Seiten, Meldungen, Publikationen, Indikatoren, Regionen, Datensätze und den Bildungsbericht von RuhrFutur "
      "durchsuchen.";
  auto res = portal_page(req, site.services, title, "portal/suche", std::move(context), meta);
  return res;
}

}  // namespace

std::string search_cache_key(const http::Request& req) {
  std::string query = normalised_query(req);
  // Without a query the page is the form alone, whatever else the address says.
  if (query.empty()) return "";
  return std::to_string(web::requested_page(req)) + " " + query;
}

void register_search_pages(http::Router& router, const SitePtr& site) {
  // Its own cache: the data hits follow the statistics and the report build,
  // and its keys are the visitors' words (bounded, see kSearchCacheLimits).
  router.get("/suche", site->search_cache.wrap(
                           [site](http::Request& req) { return search_page(req, *site, site->data_search); }));
}

}  // namespace rf::portal
