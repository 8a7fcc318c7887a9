// /publikationen (filterable list, detail, PDF download) and /stellenangebote.
#include <fstream>
#include <set>
#include <sstream>

#include "web/dates.hpp"
#include "portal/detail_views.hpp"
#include "portal/site.hpp"
#include "portal/uploads.hpp"
#include "portal/views.hpp"
#include "web/pagination.hpp"
#include "text/files.hpp"

namespace rf::portal {
namespace {

constexpr int kPerPage = 12;

http::Response publication_list(http::Request& req, Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  const auto now = now_seconds();
  auto themes = load_themes(store, now);

  // The choices offered are those that occur among the visible publications.
  std::set<std::int64_t> theme_ids;
  std::set<std::string> types;
  std::set<int, std::greater<>> years;
  for (const auto& p : visible_items(store, "publication", now)) {
    if (p.theme_id) theme_ids.insert(*p.theme_id);
    types.insert(p.category);
    if (p.item_date) years.insert(web::berlin_year(*p.item_date));
  }

  ContentStore::Filter f;
  f.kind = "publication";
  f.now = now;
  std::string theme_slug = req.query.get_or("thema", "");
  std::string type = req.query.get_or("typ", "");
  std::string year = req.query.get_or("jahr", "");
  std::string base = "/publikationen?";
  bool filtered = false;

  mstch::array theme_options;
  for (const auto& [id, theme] : themes) {
    if (!theme_ids.count(id)) continue;
    bool selected = theme.slug == theme_slug;
    if (selected) f.theme_id = id;
    theme_options.push_back(mstch::map{{"value", theme.slug}, {"label", theme.title}, {"selected", selected}});
  }
  if (!theme_slug.empty()) {
    if (!f.theme_id) f.theme_id = -1;  // an unknown theme matches nothing
    base += "thema=" + http::url_encode(theme_slug) + "&";
    filtered = true;
  }
  mstch::array type_options;
  for (const Choice& c : categories("publication")) {
    if (!types.count(std::string(c.value))) continue;
    type_options.push_back(
        mstch::map{{"value", std::string(c.value)}, {"label", std::string(c.label)}, {"selected", c.value == type}});
  }
  if (!type.empty()) {
    f.category = type;
    base += "typ=" + http::url_encode(type) + "&";
    filtered = true;
  }
  mstch::array year_options;
  for (int y : years) {
    year_options.push_back(mstch::map{
        {"value", std::to_string(y)}, {"label", std::to_string(y)}, {"selected", std::to_string(y) == year}});
  }
  if (!year.empty()) {
    int y = 0;
    if (year.size() == 4 && std::all_of(year.begin(), year.end(), ::isdigit)) y = std::stoi(year);
    f.date_from = web::berlin_midnight({y ? y : 1900, 1, 1});
    f.date_to = y ? web::berlin_midnight({y + 1, 1, 1}) : *f.date_from;
    base += "jahr=" + http::url_encode(year) + "&";
    filtered = true;
  }

  auto [items, total, pagination] = list_page(req, store, f, kPerPage);
  mstch::map context{{"publications", item_views(items, themes)},
                     {"has_publications", !items.empty()},
                     {"theme_options", theme_options},
                     {"type_options", type_options},
                     {"year_options", year_options},
                     {"filtered", filtered},
                     {"total", std::to_string(total)},
                     {"total_one", total == 1},
                     {"pagination", web::pagination_view(pagination, base)}};
  PageMeta meta;
  meta.description = "Bildungsberichte, Studien und Handreichungen von RuhrFutur – zum Lesen und Herunterladen.";
  return portal_page(req, site.services, "Publikationen", "portal/publikationen", std::move(context), meta);
}

http::Response publication_detail(http::Request& req, Site& site) {
  PageMeta meta;
  meta.og_type = "article";
  return detail_page(req, site.services, "publication", req.param("slug"), meta);
}

http::Response publication_pdf(http::Request& req, Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  auto item = store.find_visible("publication", req.param("slug"), now_seconds());
  if (!item || item->file.empty()) return not_found_page(req, site.services);
  auto path = upload_path(site.config().var_dir, item->file);
  auto data = text::read_file(path);
  if (!data) return not_found_page(req, site.services);
  http::Response res;
  res.body = std::move(*data);
  res.set_header("Content-Type", "application/pdf");
  res.attachment(item->slug + ".pdf");
  res.set_header("Cache-Control", "public, max-age=3600");
  return res;
}

http::Response job_list(http::Request& req, Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  auto jobs = visible_items(store, "job", now_seconds());
  PageMeta meta;
  meta.description = "Offene Stellen bei RuhrFutur.";
  return portal_page(req, site.services, "Stellenangebote", "portal/stellen",
                     mstch::map{{"jobs", item_views(jobs)}, {"has_jobs", !jobs.empty()}}, meta);
}

http::Response job_detail(http::Request& req, Site& site) {
  return detail_page(req, site.services, "job", req.param("slug"));
}

}  // namespace

std::string format_file_size(std::int64_t bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else {
    std::snprintf(buf, sizeof buf, "%lld kB", static_cast<long long>((bytes + 1023) / 1024));
  }
  std::string s = buf;
  for (char& c : s) {
    if (c == '.') c = ',';
  }
  return s;
}

mstch::map publication_detail_view(db::Database& db, ContentStore& store, const Item& item, std::int64_t now) {
  auto themes = load_themes(store, now);
  auto v = item_view(item, themes);
  v["body_html"] = render_markdown(item.body);
  if (auto pages = item.get_extra("pages"); !pages.empty())
    v["pages_text"] = pages + (pages == "1" ? " Seite" : " Seiten");
  if (auto online = item.get_extra("online_url"); is_link_target(online)) v["online_url"] = online;
  if (!item.file.empty()) {
    v["download_url"] = public_url(item) + "/pdf";
    if (auto upload = find_upload(db, item.file)) v["file_size"] = format_file_size(upload->size);
  }
  return v;
}

mstch::map job_detail_view(const Item& item) {
  auto v = item_view(item);
  v["body_html"] = render_markdown(item.body);
  return v;
}

void register_publication_pages(http::Router& router, const SitePtr& site) {
  auto& cache = site->cache;
  router.get("/publikationen", cache.wrap([site](http::Request& req) { return publication_list(req, *site); }));
  router.get("/publikationen/{slug}",
             cache.wrap([site](http::Request& req) { return publication_detail(req, *site); }));
  router.get("/publikationen/{slug}/pdf", [site](http::Request& req) { return publication_pdf(req, *site); });
  router.get("/stellenangebote", cache.wrap([site](http::Request& req) { return job_list(req, *site); }));
  router.get("/stellenangebote/{slug}", cache.wrap([site](http::Request& req) { return job_detail(req, *site); }));
}

}  // namespace rf::portal
