// Machine-readable views: the Atom feed of the news, sitemap.xml, robots.txt,
// and the uploaded files under /dateien/.
#include <fstream>
#include <sstream>

#include "web/dates.hpp"
#include "portal/site.hpp"
#include "portal/uploads.hpp"
#include "portal/views.hpp"
#include "report/report.hpp"
#include "text/files.hpp"

namespace rf::portal {
namespace {

constexpr int kFeedEntries = 20;

http::Response atom_feed(Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  const auto now = now_seconds();
  const auto& config = site.config();
  auto news = visible_items(store, "news", now, kFeedEntries);
  std::int64_t updated = 0;
  for (const auto& item : news) updated = std::max({updated, item.updated_at, item.publish_at.value_or(0)});
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">\n";
  xml += "  <title>RuhrFutur – Aktuelles</title>\n";
  xml += "  <subtitle>Neuigkeiten aus der Bildungsregion Ruhr</subtitle>\n";
  xml += "  <id>" + xml_escape(absolute_url(config, "/aktuelles")) + "</id>\n";
  xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(absolute_url(config, "/aktuelles")) +
         "\"/>\n";
  xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         xml_escape(absolute_url(config, "/aktuelles/feed.xml")) + "\"/>\n";
  xml += "  <updated>" + web::rfc3339_utc(updated ? updated : now) + "</updated>\n";
  xml += "  <author><name>RuhrFutur</name></author>\n";
  for (const auto& item : news) {
    std::string url = absolute_url(config, public_url(item));
    std::int64_t published = item.item_date.value_or(item.publish_at.value_or(item.created_at));
    xml += "  <entry>\n";
    xml += "    <title>" + xml_escape(item.title) + "</title>\n";
    xml += "    <id>" + xml_escape(url) + "</id>\n";
    xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(url) + "\"/>\n";
    xml += "    <published>" + web::rfc3339_utc(published) + "</published>\n";
    xml += "    <updated>" + web::rfc3339_utc(std::max(item.updated_at, item.publish_at.value_or(0))) + "</updated>\n";
    xml += "    <summary>" + xml_escape(item.summary) + "</summary>\n";
    // The sanitised HTML, escaped once more as Atom's type="html" requires.
    xml += "    <content type=\"html\">" + xml_escape(render_markdown(item.body)) + "</content>\n";
    xml += "  </entry>\n";
  }
  xml += "</feed>\n";
  http::Response res;
  res.body = std::move(xml);
  res.set_header("Content-Type", "application/atom+xml; charset=utf-8");
  return res;
}

http::Response sitemap(Site& site) {
  auto db = site.services.pool.acquire();
  ContentStore store(*db);
  const auto now = now_seconds();
  const auto& config = site.config();
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  auto add = [&](std::string_view path, std::optional<std::int64_t> modified) {
    xml += "  <url><loc>" + xml_escape(absolute_url(config, path)) + "</loc>";
    if (modified) xml += "<lastmod>" + web::rfc3339_utc(*modified).substr(0, 10) + "</lastmod>";
    xml += "</url>\n";
  };
  for (const char* path :
       {"/", "/ueber-uns", "/themen", "/aktuelles", "/publikationen", "/stellenangebote", "/newsletter", "/suche"}) {
    add(path, std::nullopt);
  }
  for (const char* kind : {"page", "theme", "news", "publication", "job"}) {
    for (const auto& item : visible_items(store, kind, now)) {
      std::string url = public_url(item);
      if (url == "/ueber-uns" || url == "/newsletter") continue;  // listed above
      add(url, std::max(item.updated_at, item.publish_at.value_or(0)));
    }
  }
  // The education report, when one is built: its start page and chapters.
  if (auto report = report::read_published_report(report::served_report_dir(site.services))) {
    add("/bericht/", std::nullopt);
    for (const auto& chapter : report->chapters) add(chapter.url, std::nullopt);
  }
  xml += "</urlset>\n";
  http::Response res;
  res.body = std::move(xml);
  res.set_header("Content-Type", "application/xml; charset=utf-8");
  return res;
}

http::Response uploaded_file(http::Request& req, Site& site) {
  std::string hash = req.param("hash");
  auto dot = hash.find('.');
  if (dot != std::string::npos) hash.resize(dot);  // "/dateien/<hash>.png" works as well
  auto db = site.services.pool.acquire();
  auto upload = find_upload(*db, hash);
  if (!upload) return http::Response::error(404, "Diese Datei gibt es nicht.");
  // The name is the content hash, so the answer never changes.
  if (req.header("If-None-Match").value_or("") == "\"" + upload->sha256 + "\"") {
    http::Response res;
    res.status = 304;
    res.set_header("ETag", "\"" + upload->sha256 + "\"");
    return res;
  }
  auto data = text::read_file(upload_path(site.config().var_dir, upload->sha256));
  if (!data) return http::Response::error(404, "Diese Datei gibt es nicht.");
  http::Response res;
  res.body = std::move(*data);
  res.set_header("Content-Type", upload->media_type);
  res.set_header("Cache-Control", "public, max-age=31536000, immutable");
  res.set_header("ETag", "\"" + upload->sha256 + "\"");
  if (upload->media_type == "application/pdf") {
    res.set_header("Content-Disposition", "inline");
  }
  return res;
}

}  // namespace

void register_feeds(http::Router& router, const SitePtr& site) {
  router.get("/aktuelles/feed.xml", site->cache.wrap([site](http::Request&) { return atom_feed(*site); }));
  router.get("/sitemap.xml", site->cache.wrap([site](http::Request&) { return sitemap(*site); }));
  router.get("/robots.txt", [site](http::Request&) {
    auto res = http::Response::text("User-agent: *\nDisallow: /redaktion/\nDisallow: /anmelden\n\nSitemap: " +
                                    absolute_url(site->config(), "/sitemap.xml") + "\n");
    res.set_header("Cache-Control", "public, max-age=86400");
    return res;
  });
}

void register_file_routes(http::Router& router, const SitePtr& site) {
  router.get("/dateien/{hash}", [site](http::Request& req) { return uploaded_file(req, *site); });
}

}  // namespace rf::portal
