#include "monitor/pages/statistics_views.hpp"

#include <algorithm>
#include <cstdlib>

#include "text/number.hpp"

namespace rf::monitor {

std::string count_de(std::uint64_t n) { return text::format_number(static_cast<double>(n), 0); }

std::string format_stand(const std::string& iso_date) {
  if (auto date = text::parse_iso_date(iso_date)) return text::format_german_date(*date);
  return iso_date;
}

}  // namespace rf::monitor
