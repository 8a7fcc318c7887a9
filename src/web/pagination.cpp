#include "web/pagination.hpp"

#include <algorithm>
#include <string>

namespace rf::web {

std::int64_t requested_page(const http::Request& req) {
  auto text = req.query.get_or("seite", "1");
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return 1;
  return std::max<std::int64_t>(1, std::stoll(text));
}

Pagination paginate(const http::Request& req, std::int64_t total, std::int64_t per_page) {
  Pagination p;
  p.per_page = per_page;
  p.pages = std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
  p.page = std::min(requested_page(req), p.pages);
  return p;
}

mstch::map pagination_view(const Pagination& p, std::string_view base) {
  std::string prefix(base);
  if (prefix.empty() || (prefix.back() != '?' && prefix.back() != '&')) {
    prefix += prefix.find('?') == std::string::npos ? '?' : '&';
  }
  auto url = [&](std::int64_t n) { return prefix + "seite=" + std::to_string(n); };
  mstch::array pages;
  std::int64_t last = 0;
  for (std::int64_t n = 1; n <= p.pages; ++n) {
    if (n != 1 && n != p.pages && std::max(n - p.page, p.page - n) > 2) continue;
    if (last != 0 && n > last + 1) pages.push_back(mstch::map{{"gap", true}});
    pages.push_back(mstch::map{{"number", std::to_string(n)}, {"url", url(n)}, {"current", n == p.page}});
    last = n;
  }
  mstch::map view{{"pages", pages},
                  {"multiple", p.pages > 1},
                  {"page", std::to_string(p.page)},
                  {"page_count", std::to_string(p.pages)}};
  if (p.page > 1) view["prev_url"] = url(p.page - 1);
  if (p.page < p.pages) view["next_url"] = url(p.page + 1);
  return view;
}

}  // namespace rf::web
