// /aktuelles: the news list (paginated) and one page per news item.
#include "portal/detail_views.hpp"
#include "portal/site.hpp"
#include "portal/views.hpp"
#include "web/pagination.hpp"

namespace rf::portal {
namespace {

constexpr int kPerPage = 10;

http::Response news_list(http::Request& req, Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  ContentStore::Filter f;
  f.kind = "news";
  f.now = now_seconds();
  auto page = list_page(req, store, f, kPerPage);
  auto themes = load_themes(store, f.now);
  mstch::map context{{"news", item_views(page.items, themes)},
                     {"has_news", !page.items.empty()},
                     // The list stands right under the h1: its teasers are h2 (elsewhere h3 under a section's h2).
                     {"teaser_top", true},
                     {"pagination", web::pagination_view(page.pagination, "/aktuelles?")}};
  PageMeta meta;
  meta.description = "Neuigkeiten von RuhrFutur und aus der Bildungsregion Ruhr.";
  meta.feed_link = true;
  const auto number = page.pagination.page;
  std::string title = number > 1 ? "Aktuelles – Seite " + std::to_string(number) : "Aktuelles";
  return portal_page(req, site.services, title, "portal/aktuelles", std::move(context), meta);
}

}  // namespace

mstch::map news_detail_view(ContentStore& store, const Item& item, std::int64_t now) {
  auto themes = load_themes(store, now);
  auto v = item_view(item, themes);
  v["body_html"] = render_markdown(item.body);
  mstch::array more;
  for (const auto& other : visible_items(store, "news", now, 4)) {
    if (other.id != item.id && more.size() < 3) more.push_back(item_view(other, themes));
  }
  v["more"] = more;
  v["has_more"] = !more.empty();
  return v;
}

void register_news_pages(http::Router& router, const SitePtr& site) {
  router.get("/aktuelles", site->cache.wrap([site](http::Request& req) { return news_list(req, *site); }));
  router.get("/aktuelles/{slug}", site->cache.wrap([site](http::Request& req) {
    PageMeta meta;
    meta.og_type = "article";
    meta.feed_link = true;
    return detail_page(req, site->services, "news", req.param("slug"), meta);
  }));
}

}  // namespace rf::portal
