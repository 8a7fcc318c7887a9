// Internal to the portal module: what every portal handler shares (services,
// page cache) and the registration functions of its route groups.
#pragma once

#include <memory>

#include "http/router.hpp"
#include "portal/content_store.hpp"
#include "web/page_cache.hpp"
#include "web/web.hpp"

namespace rf::portal {

struct Site {
  explicit Site(web::Services& services);
  web::Services& services;
  web::PageCache cache;  // on the content version

  const web::Settings& config() const { return services.settings; }
  // Call after this instance changed content (the store bumps the shared version).
  void content_changed() { cache.invalidate(); }
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

}  // namespace rf::portal
