#include "portal/portal.hpp"

#include "portal/site.hpp"

namespace rf::portal {

namespace {

std::optional<std::int64_t> next_visibility_change(db::Database& db, std::int64_t now) {
  return ContentStore(db).next_visibility_change(now);
}

}  // namespace

Site::Site(web::Services& s)
    : services(s),
      cache(
          s.pool, "portal", [](db::Database& db) { return content_version(db); }, next_visibility_change),
      data_search(s),
      search_cache(
          s.pool, "search",
          // Both counters only grow and stay far below 2^32: one number that changes with either.
          [this](db::Database& db) {
            return content_version(db) * (std::int64_t{1} << 32) + static_cast<std::int64_t>(data_search.generation());
          },
          next_visibility_change, kSearchCacheLimits, search_cache_key) {}

void register_routes(http::Router& router, web::Services& services) {
  // Shared by the handlers, which live as long as the router.
  auto site = std::make_shared<Site>(services);
  register_public_pages(router, site);
  register_news_pages(router, site);
  register_publication_pages(router, site);
  register_search_pages(router, site);
  register_feeds(router, site);
  register_file_routes(router, site);
  register_newsletter_pages(router, site);
  register_newsletter_admin(router, site);
  register_mail_admin(router, site);
  register_visits_admin(router, site);
  register_newsletter_issue_pages(router, site);
  register_editor_pages(router, site);
}

}  // namespace rf::portal
