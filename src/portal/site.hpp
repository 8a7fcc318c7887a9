// Internal to the portal module: what every portal handler shares (services,
// page cache) and the registration functions of its route groups.
#pragma once

#include <memory>

#include "http/router.hpp"
#include "portal/content_store.hpp"
#include "portal/data_search.hpp"
#include "web/page_cache.hpp"
#include "web/web.hpp"

namespace rf::portal {

// The search's pages: at most 256 or 8 MiB (a results page is 15–40 KB), so
// that visitors (or a script) asking ever new words cost a bounded amount of
// memory; the oldest go first.
inline constexpr web::PageCacheLimits kSearchCacheLimits{256, std::size_t{8} << 20};

struct Site {
  explicit Site(web::Services& services);
  web::Services& services;
  web::PageCache cache;  // on the content version
  // /suche's hits in the statistics and the report (rebuilt when they change).
  DataSearch data_search;
  // /suche: on the content version and data_search's generation (statistics
  // and report build), keyed by search_cache_key.
  web::PageCache search_cache;

  const web::Settings& config() const { return services.settings; }
  // Call after this instance changed content (the store bumps the shared version).
  void content_changed() {
    cache.invalidate();
    search_cache.invalidate();
  }
};
using SitePtr = std::shared_ptr<Site>;

void register_public_pages(http::Router& router, const SitePtr& site);       // start, über uns, themen, seiten
void register_news_pages(http::Router& router, const SitePtr& site);         // aktuelles
void register_publication_pages(http::Router& router, const SitePtr& site);  // publikationen, stellenangebote
void register_search_pages(http::Router& router, const SitePtr& site);       // suche
void register_feeds(http::Router& router, const SitePtr& site);              // feed, sitemap, robots.txt
void register_file_routes(http::Router& router, const SitePtr& site);        // /dateien/{hash}
void register_newsletter_pages(http::Router& router, const SitePtr& site);
void register_editor_pages(http::Router& router, const SitePtr& site);            // /redaktion/…
void register_newsletter_admin(http::Router& router, const SitePtr& site);        // /redaktion/newsletter
void register_newsletter_issue_pages(http::Router& router, const SitePtr& site);  // ausgaben, archiv
void register_visits_admin(http::Router& router, const SitePtr& site);            // /redaktion/besuche
void register_mail_admin(http::Router& router, const SitePtr& site);              // /redaktion/post

// What a search page's bytes depend on besides the visitor: the normalised
// query and, when there is one, the page number (search_pages.cpp).
std::string search_cache_key(const http::Request& req);

}  // namespace rf::portal
