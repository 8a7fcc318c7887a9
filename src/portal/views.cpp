#include "portal/views.hpp"

#include <algorithm>
#include <chrono>

#include "web/dates.hpp"
#include "portal/uploads.hpp"
#include "text/markdown.hpp"
#include "web/accounts.hpp"

namespace rf::portal {

std::int64_t now_seconds() { return web::unix_now(); }

std::string render_markdown(std::string_view markdown) { return text::markdown_to_html(markdown); }

std::vector<Item> visible_items(ContentStore& store, std::string_view kind, std::int64_t now, int limit,
                                std::optional<std::int64_t> theme) {
  ContentStore::Filter f;
  f.kind = std::string(kind);
  f.now = now;
  f.limit = limit;
  f.theme_id = theme;
  return store.list(f);
}

ListPage list_page(const http::Request& req, ContentStore& store, ContentStore::Filter filter, int per_page) {
  ListPage page;
  page.total = store.count(filter);
  page.pagination = web::paginate(req, page.total, per_page);
  filter.limit = per_page;
  filter.offset = page.pagination.offset();
  page.items = store.list(filter);
  return page;
}

ThemeIndex load_themes(ContentStore& store, std::int64_t now) {
  ThemeIndex index;
  for (auto& theme : visible_items(store, "theme", now)) index.emplace(theme.id, std::move(theme));
  return index;
}

mstch::map item_view(const Item& item, const ThemeIndex& themes) {
  mstch::map v{
      {"id", std::to_string(item.id)}, {"kind", item.kind},
      {"title", item.title},           {"slug", item.slug},
      {"url", public_url(item)},       {"summary", item.summary},
      {"category", item.category},     {"category_label", std::string(category_label(item.kind, item.category))}};
  if (item.item_date) {
    v["date"] = web::format_date_de(*item.item_date);
    v["date_long"] = web::format_date_long_de(*item.item_date);
    v["date_iso"] = web::iso_date(*item.item_date);
    v["year"] = std::to_string(web::berlin_year(*item.item_date));
  }
  if (item.theme_id) {
    auto it = themes.find(*item.theme_id);
    if (it != themes.end()) {
      v["theme_title"] = it->second.title;
      v["theme_url"] = public_url(it->second);
      v["theme_slug"] = it->second.slug;
    }
  }
  if (!item.image.empty()) {
    v["image_url"] = upload_url(item.image);
    std::string alt = item.get_extra("image_alt");
    v["image_alt"] = alt;
  }
  if (!item.file.empty()) v["file_url"] = upload_url(item.file);
  for (const auto& [key, value] : item.extra) {
    if (key != "image_alt") v[key] = value;
  }
  return v;
}

mstch::array item_views(const std::vector<Item>& items, const ThemeIndex& themes) {
  mstch::array out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(item_view(item, themes));
  return out;
}

std::string absolute_url(const web::Settings& config, std::string_view path) {
  std::string base = config.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(path);
}

http::Response portal_page(const http::Request& req, const web::Services& services, std::string_view title,
                           std::string_view name, mstch::map context, const PageMeta& meta, int status) {
  context["og_title"] = std::string(title);
  context["og_url"] = absolute_url(services.settings, req.target);
  context["og_type"] = meta.og_type.empty() ? std::string("website") : meta.og_type;
  if (!meta.description.empty()) {
    std::string description = shorten(meta.description, 300);
    context["description"] = description;
    context["og_description"] = description;
  }
  if (meta.feed_link) context["feed"] = true;
  auto res = web::render_page(req, services, title, name, std::move(context), status);
  res.set_header("Cache-Control", "private, no-cache");
  return res;
}

http::Response not_found_page(const http::Request& req, const web::Services& services) {
  return portal_page(req, services, "Seite nicht gefunden", "portal/nicht_gefunden", mstch::map{{"path", req.path}}, {},
                     404);
}

std::string shorten(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = text.rfind(' ', max);
  if (cut == std::string_view::npos || cut < max / 2) {
    cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  std::string out(text.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == '.')) out.pop_back();
  return out + "…";
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters other than tab and newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace rf::portal
