// Template values of the detail page of each kind. The public routes and the
// editor's preview (which shows drafts too) both build pages from these.
#pragma once

#include <cstdint>
#include <string_view>

#include <mstch/mstch.hpp>

#include "db/database.hpp"
#include "portal/content_store.hpp"
#include "portal/views.hpp"

namespace rf::portal {

mstch::map news_detail_view(ContentStore& store, const Item& item, std::int64_t now);
mstch::map publication_detail_view(db::Database& db, ContentStore& store, const Item& item, std::int64_t now);
mstch::map job_detail_view(const Item& item);
mstch::map theme_detail_view(ContentStore& store, const Item& item, std::int64_t now);
mstch::map page_detail_view(const Item& item);
// Team members, partners and bodies appear as cards on Über uns.
mstch::map card_view(const Item& item);
// The detail view of the item's kind (the card for kinds without a page).
mstch::map detail_view(db::Database& db, ContentStore& store, const Item& item, std::int64_t now);

// The public page of the visible item of `kind` called `slug`, with the item's
// summary as the meta description; the 404 page when there is no such item.
http::Response detail_page(const http::Request& req, const web::Services& services, std::string_view kind,
                           std::string_view slug, PageMeta meta = {});

// "portal/meldung", "portal/publikation", … for the kind's detail page.
std::string_view detail_template(std::string_view kind);

// A link target an editor may give (a publication's online version): a path
// on this site such as "/bericht/" or an http(s) address; never "//host" or
// "javascript:". Checked when the form is saved and again when the page shows it.
bool is_link_target(std::string_view s);

// "1,2 MB" / "830 kB"
std::string format_file_size(std::int64_t bytes);

}  // namespace rf::portal
