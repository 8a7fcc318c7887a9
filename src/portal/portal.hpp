// The public website (portal module): its public entry points.
#pragma once

#include "db/database.hpp"
#include "http/router.hpp"
#include "http/web.hpp"

namespace rf::portal {

// Public pages (Start, Über uns, Themen, Aktuelles, Publikationen, …), the
// news feed, sitemap, search, newsletter and the editor under /redaktion/.
void register_routes(http::Router& router, http::Services& services);

// Loads the German demo content (pages, themes, news, publications with PDFs,
// job postings, team, partners, bodies). Idempotent: items that exist (by kind
// and slug) are left alone. Returns the number of items added.
int load_demo_content(db::Database& db, const http::Config& config);

}  // namespace rf::portal
