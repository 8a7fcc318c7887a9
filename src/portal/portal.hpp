// The public website (portal module): its public entry points.
#pragma once

#include <cstdint>
#include <string_view>

#include "db/database.hpp"
#include "http/router.hpp"
#include "web/web.hpp"

namespace rf::portal {

// Public pages (Start, Über uns, Themen, Aktuelles, Publikationen, …), the
// news feed, sitemap, search, newsletter and the editor under /redaktion/.
void register_routes(http::Router& router, web::Services& services);

// Loads the German demo content (pages, themes, news, publications with PDFs,
// job postings, team, partners, bodies). Idempotent: items that exist (by kind
// and slug) are left alone. Returns the number of items added.
int load_demo_content(db::Database& db, const web::Settings& config);

// Queues every scheduled newsletter issue that is due, links pointing to
// `site_url`; the app runs it before each pass of the mail sender. Returns
// the number of issues queued.
int send_due_issues(db::Database& db, std::string_view site_url, std::int64_t now);

}  // namespace rf::portal
