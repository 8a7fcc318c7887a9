// View helpers the statistics pages share (import pages, dataset browser):
// de-DE counts and dates (module-internal).
#pragma once

#include <cstdint>
#include <string>

namespace rf::monitor {

std::string count_de(std::uint64_t n);                  // 1234567 → "1.234.567"
std::string format_stand(const std::string& iso_date);  // "2025-03-13" → "13.03.2025"

}  // namespace rf::monitor
