// Turning content items into template values, and the page frame of the
// portal (meta description, Open Graph, pagination).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

#include "web/pagination.hpp"
#include "web/web.hpp"
#include "portal/content.hpp"
#include "portal/content_store.hpp"

namespace rf::portal {

// Sanitised HTML of a Markdown body (headings start at h2).
std::string render_markdown(std::string_view markdown);

// Themes by id, for labelling news and publications.
using ThemeIndex = std::map<std::int64_t, Item>;
ThemeIndex load_themes(ContentStore& store, std::int64_t now);

// The items of one kind visible at `now` (at most `limit`, 0: all; of one theme when given), in the list's order.
std::vector<Item> visible_items(ContentStore& store, std::string_view kind, std::int64_t now, int limit = 0,
                                std::optional<std::int64_t> theme = std::nullopt);

// The page of a list asked for by ?seite=N: the items `filter` selects there
// (its limit and offset are set here), how many it selects in all, the pagination.
struct ListPage {
  std::vector<Item> items;
  std::int64_t total = 0;
  web::Pagination pagination;
};
ListPage list_page(const http::Request& req, ContentStore& store, ContentStore::Filter filter, int per_page);

// title, url, summary, date (de), date_iso, year, category_label, theme, image_url, …
mstch::map item_view(const Item& item, const ThemeIndex& themes = {});
mstch::array item_views(const std::vector<Item>& items, const ThemeIndex& themes = {});

struct PageMeta {
  std::string description;  // meta description and og:description
  std::string og_type;      // "website" (default) or "article"
  bool feed_link = false;   // <link rel=alternate> to the news feed
};

// render_page with the portal's meta data added (og:url from base_url + path).
http::Response portal_page(const http::Request& req, const web::Services& services, std::string_view title,
                           std::string_view name, mstch::map context, const PageMeta& meta = {}, int status = 200);

// A German 404 page in the layout.
http::Response not_found_page(const http::Request& req, const web::Services& services);

// Truncates text at a word boundary to at most `max` bytes, adding "…".
std::string shorten(std::string_view text, std::size_t max);

// Absolute address for feeds, sitemaps, mails and og:url.
std::string absolute_url(const web::Settings& config, std::string_view path);

// Escapes &, <, >, " and ' for XML/HTML text and attributes.
std::string xml_escape(std::string_view text);

std::int64_t now_seconds();

}  // namespace rf::portal
