#include "portal/views.hpp"

#include <algorithm>
#include <chrono>

#include "portal/dates.hpp"
#include "portal/uploads.hpp"
#include "text/markdown.hpp"

namespace rf::portal {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string render_markdown(std::string_view markdown) { return text::markdown_to_html(markdown); }

ThemeIndex load_themes(ContentStore& store, std::int64_t now) {
  ContentStore::Filter f;
  f.kind = "theme";
  f.now = now;
  ThemeIndex index;
  for (auto& theme : store.list(f)) index.emplace(theme.id, std::move(theme));
  return index;
}

mstch::map item_view(const Item& item, const ThemeIndex& themes) {
  mstch::map v{
      {"id", std::to_string(item.id)}, {"kind", item.kind},
      {"title", item.title},           {"slug", item.slug},
      {"url", public_url(item)},       {"summary", item.summary},
      {"category", item.category},     {"category_label", std::string(category_label(item.kind, item.category))}};
  if (item.item_date) {
    v["date"] = format_date_de(*item.item_date);
    v["date_long"] = format_date_long_de(*item.item_date);
    v["date_iso"] = iso_date(*item.item_date);
    v["year"] = std::to_string(berlin_year(*item.item_date));
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

std::string absolute_url(const http::Config& config, std::string_view path) {
  std::string base = config.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(path);
}

http::Response portal_page(const http::Request& req, const http::Services& services, std::string_view title,
                           std::string_view name, mstch::map context, const PageMeta& meta, int status) {
  context["og_title"] = std::string(title);
  context["og_url"] = absolute_url(services.config, req.target);
  context["og_type"] = meta.og_type.empty() ? std::string("website") : meta.og_type;
  if (!meta.description.empty()) {
    std::string description = shorten(meta.description, 300);
    context["description"] = description;
    context["og_description"] = description;
  }
  if (meta.feed_link) context["feed"] = true;
  auto res = http::render_page(req, services, title, name, std::move(context), status);
  res.set_header("Cache-Control", "private, no-cache");
  return res;
}

http::Response not_found_page(const http::Request& req, const http::Services& services) {
  return portal_page(req, services, "Seite nicht gefunden", "portal/nicht_gefunden", mstch::map{{"path", req.path}}, {},
                     404);
}

Pagination paginate(const http::Request& req, std::int64_t total, int per_page) {
  Pagination p;
  p.per_page = per_page;
  p.pages = std::max<int>(1, static_cast<int>((total + per_page - 1) / per_page));
  int page = 1;
  std::string raw = req.query.get_or("seite", "1");
  if (!raw.empty() && raw.size() < 7 &&
      std::all_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    page = std::stoi(raw);
  }
  p.page = std::clamp(page, 1, p.pages);
  return p;
}

mstch::map pagination_view(const Pagination& p, std::string_view base) {
  auto url = [&](int n) { return std::string(base) + "seite=" + std::to_string(n); };
  mstch::array pages;
  bool gap = false;
  for (int n = 1; n <= p.pages; ++n) {
    // Show first, last and the neighbourhood of the current page.
    bool show = n == 1 || n == p.pages || std::abs(n - p.page) <= 2;
    if (!show) {
      if (!gap) pages.push_back(mstch::map{{"gap", true}});
      gap = true;
      continue;
    }
    gap = false;
    pages.push_back(mstch::map{{"number", std::to_string(n)}, {"url", url(n)}, {"current", n == p.page}});
  }
  mstch::map v{{"pages", pages},
               {"multiple", p.pages > 1},
               {"page", std::to_string(p.page)},
               {"page_count", std::to_string(p.pages)}};
  if (p.page > 1) v["prev_url"] = url(p.page - 1);
  if (p.page < p.pages) v["next_url"] = url(p.page + 1);
  return v;
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
