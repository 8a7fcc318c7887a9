// Start page, Über uns, themes and the plain pages (Kontakt, Impressum, …).
#include "portal/detail_views.hpp"
#include "portal/newsletter.hpp"
#include "portal/site.hpp"
#include "portal/views.hpp"
#include "report/report.hpp"
#include "text/number.hpp"
#include "web/visits.hpp"

namespace rf::portal {
namespace {

http::Response home(http::Request& req, Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  const auto now = now_seconds();
  auto themes = load_themes(store, now);
  // load_themes is keyed by id; show them in their editorial order.
  mstch::array theme_views = item_views(visible_items(store, "theme", now));
  auto news = visible_items(store, "news", now, 3);
  auto publications = visible_items(store, "publication", now, 3);
  auto jobs = visible_items(store, "job", now);
  mstch::map context{{"news", item_views(news, themes)},
                     {"has_news", !news.empty()},
                     {"publications", item_views(publications, themes)},
                     {"has_publications", !publications.empty()},
                     {"jobs", item_views(jobs)},
                     {"has_jobs", !jobs.empty()},
                     {"has_themes", !theme_views.empty()},
                     {"themes", theme_views}};
  if (auto report = report::read_published_report(report::served_report_dir(site.services))) {
    mstch::array chapters;
    for (const auto& c : report->chapters) {
      chapters.push_back(mstch::map{{"number", c.number}, {"title", c.title}, {"url", c.url}});
    }
    context["report"] = mstch::map{{"title", report->title}, {"edition", report->edition}, {"chapters", chapters}};
  }
  PageMeta meta;
  meta.description =
      "RuhrFutur: gemeinsam für gleiche Bildungschancen im Ruhrgebiet – datenbasiert, wirkungsorientiert und "
      "transparent, nach dem Ansatz Collective Impact.";
  meta.feed_link = true;
  return portal_page(req, site.services, "Startseite", "portal/home", std::move(context), meta);
}

mstch::array grouped(const std::vector<Item>& items, std::string_view kind, std::string_view anchor_prefix) {
  mstch::array groups;
  for (const Choice& choice : categories(kind)) {
    mstch::array members;
    for (const auto& item : items) {
      if (item.category != choice.value) continue;
      auto v = item_view(item);
      v["anchor"] = std::string(anchor_prefix) + item.slug;
      if (!item.body.empty()) v["body_html"] = render_markdown(item.body);
      members.push_back(std::move(v));
    }
    if (members.empty()) continue;
    groups.push_back(mstch::map{{"label", std::string(choice.label)},
                                {"value", std::string(choice.value)},
                                {"items", members},
                                {"count", std::to_string(members.size())}});
  }
  return groups;
}

http::Response about(http::Request& req, Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  const auto now = now_seconds();
  mstch::map context;
  if (auto page = store.find_visible("page", "ueber-uns", now)) {
    context["intro"] = page->summary;
    context["body_html"] = render_markdown(page->body);
  }
  auto team = visible_items(store, "team", now);
  mstch::array team_views;
  for (const auto& member : team) {
    auto v = item_view(member);
    v["anchor"] = "team-" + member.slug;
    team_views.push_back(std::move(v));
  }
  auto partners = visible_items(store, "partner", now);
  auto committees = visible_items(store, "committee", now);
  context["team"] = team_views;
  context["has_team"] = !team.empty();
  context["partner_groups"] = grouped(partners, "partner", "partner-");
  context["partner_count"] = std::to_string(partners.size());
  context["committee_levels"] = grouped(committees, "committee", "gremium-");
  context["has_committees"] = !committees.empty();
  context["subscriber_count"] = std::to_string(confirmed_subscriber_count(*db));
  // The platform's own count (web/visits.hpp), not a tracking service.
  const double per_day = web::average_daily_views(*db, 30, now_seconds());
  context["visits_per_day"] = per_day > 0 ? "ø " + text::format_number(per_day, 0) : std::string("–");
  PageMeta meta;
  meta.description =
      "Was Collective Impact bei RuhrFutur bedeutet, wer im Team arbeitet, wie die Gremien "
      "zusammenwirken und wer die Partner sind.";
  return portal_page(req, site.services, "Über uns", "portal/ueber_uns", std::move(context), meta);
}

http::Response themes(http::Request& req, Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  auto list = visible_items(store, "theme", now_seconds());
  PageMeta meta;
  meta.description =
      "Die Themen von RuhrFutur entlang der Bildungsbiografie: von der frühen Bildung bis zur Hochschule.";
  return portal_page(req, site.services, "Themen", "portal/themen", mstch::map{{"themes", item_views(list)}}, meta);
}

http::Response theme(http::Request& req, Site& site) {
  return detail_page(req, site.services, "theme", req.param("slug"));
}

http::Response plain_page(http::Request& req, Site& site, std::string_view slug) {
  return detail_page(req, site.services, "page", slug);
}

}  // namespace

mstch::map theme_detail_view(ContentStore& store, const Item& item, std::int64_t now) {
  auto themes = load_themes(store, now);
  auto news = visible_items(store, "news", now, 10, item.id);
  auto publications = visible_items(store, "publication", now, 0, item.id);
  auto v = item_view(item);
  v["body_html"] = render_markdown(item.body);
  v["news"] = item_views(news, themes);
  v["has_news"] = !news.empty();
  v["publications"] = item_views(publications, themes);
  v["has_publications"] = !publications.empty();
  return v;
}

mstch::map page_detail_view(const Item& item) {
  auto v = item_view(item);
  v["body_html"] = render_markdown(item.body);
  return v;
}

mstch::map card_view(const Item& item) {
  auto v = item_view(item);
  if (!item.body.empty()) v["body_html"] = render_markdown(item.body);
  v["is_" + item.kind] = true;
  return v;
}

std::string_view detail_template(std::string_view kind) {
  if (kind == "news") return "portal/meldung";
  if (kind == "publication") return "portal/publikation";
  if (kind == "job") return "portal/stelle";
  if (kind == "theme") return "portal/thema";
  if (kind == "page") return "portal/seite";
  return "portal/karte";
}

mstch::map detail_view(db::Database& db, ContentStore& store, const Item& item, std::int64_t now) {
  if (item.kind == "news") return news_detail_view(store, item, now);
  if (item.kind == "publication") return publication_detail_view(db, store, item, now);
  if (item.kind == "job") return job_detail_view(item);
  if (item.kind == "theme") return theme_detail_view(store, item, now);
  if (item.kind == "page") return page_detail_view(item);
  return card_view(item);
}

http::Response detail_page(const http::Request& req, const web::Services& services, std::string_view kind,
                           std::string_view slug, PageMeta meta) {
  auto db = services.pool.acquire();
  ContentStore store(*db);
  const auto now = now_seconds();
  auto item = store.find_visible(kind, slug, now);
  if (!item) return not_found_page(req, services);
  meta.description = item->summary;
  return portal_page(req, services, item->title, detail_template(kind), detail_view(*db, store, *item, now), meta);
}

void register_public_pages(http::Router& router, const SitePtr& site) {
  auto& cache = site->cache;
  router.get("/", cache.wrap([site](http::Request& req) { return home(req, *site); }));
  router.get("/ueber-uns", cache.wrap([site](http::Request& req) { return about(req, *site); }));
  router.get("/themen", cache.wrap([site](http::Request& req) { return themes(req, *site); }));
  router.get("/themen/{slug}", cache.wrap([site](http::Request& req) { return theme(req, *site); }));
  for (std::string slug : {"kontakt", "impressum", "datenschutz"}) {
    router.get("/" + slug, cache.wrap([site, slug](http::Request& req) { return plain_page(req, *site, slug); }));
  }
  router.get("/seiten/{slug}", cache.wrap([site](http::Request& req) {
    Item probe;
    probe.kind = "page";
    probe.slug = req.param("slug");
    std::string canonical = public_url(probe);
    if (canonical != "/seiten/" + probe.slug) return http::Response::redirect(canonical, 301);
    return plain_page(req, *site, probe.slug);
  }));
}

}  // namespace rf::portal
