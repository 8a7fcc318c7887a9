// /suche: full-text search over everything published.
#include "portal/search.hpp"
#include "portal/site.hpp"
#include "portal/views.hpp"
#include "web/pagination.hpp"

namespace rf::portal {
namespace {

constexpr int kPerPage = 10;

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

http::Response search_page(http::Request& req, Site& site) {
  std::string query = req.query.get_or("q", "");
  if (query.size() > 200) query.resize(200);
  mstch::map context{{"q", query}};
  if (!query.empty()) {
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
    context["searched"] = true;
    context["hits"] = hits;
    context["has_hits"] = !hits.empty();
    context["total"] = std::to_string(result.total);
    context["total_one"] = result.total == 1;
    context["pagination"] = web::pagination_view(pagination, "/suche?q=" + http::url_encode(query) + "&");
  }
  std::string title = query.empty() ? "Suche" : "Suche: " + query;
  PageMeta meta;
  meta.description = "Alle Seiten, Meldungen und Publikationen von RuhrFutur durchsuchen.";
  auto res = portal_page(req, site.services, title, "portal/suche", std::move(context), meta);
  return res;
}

}  // namespace

void register_search_pages(http::Router& router, const SitePtr& site) {
  router.get("/suche", site->cache.wrap([site](http::Request& req) { return search_page(req, *site); }));
}

}  // namespace rf::portal
