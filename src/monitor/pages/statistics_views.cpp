#include "monitor/pages/statistics_views.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "text/number.hpp"

namespace rf::monitor {

std::int64_t page_number(const http::Request& req) {
  auto text = req.query.get_or("seite", "1");
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return 1;
  return std::max<std::int64_t>(1, std::stoll(text));
}

mstch::map pagination_view(std::int64_t page, std::int64_t pages, const std::string& base) {
  mstch::map view{{"multiple", pages > 1}};
  const char* joiner = base.find('?') == std::string::npos ? "?" : "&";
  auto url = [&](std::int64_t n) { return base + joiner + "seite=" + std::to_string(n); };
  if (page > 1) view["prev_url"] = url(page - 1);
  if (page < pages) view["next_url"] = url(page + 1);
  mstch::array list;
  std::int64_t last = 0;
  for (std::int64_t n = 1; n <= pages; ++n) {
    // First, last and two either side of the current page; gaps between.
    if (n != 1 && n != pages && std::llabs(n - page) > 2) continue;
    if (last && n > last + 1) list.push_back(mstch::map{{"gap", true}});
    list.push_back(mstch::map{{"number", std::to_string(n)}, {"url", url(n)}, {"current", n == page}});
    last = n;
  }
  view["pages"] = list;
  return view;
}

std::string count_de(std::uint64_t n) { return text::format_number(static_cast<double>(n), 0); }

std::string format_stand(const std::string& iso_date) {
  if (auto date = text::parse_iso_date(iso_date)) return text::format_german_date(*date);
  return iso_date;
}

std::string format_datetime_de(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%d.%m.%Y, %H:%M", &tm);
  return buffer;
}

}  // namespace rf::monitor
