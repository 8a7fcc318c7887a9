// Web codes: a five-digit number printed next to every figure ("Webcode
// 48213"); /code/48213 on the website leads to the figure. A code is derived
// from the report's name and the figure's id alone (FNV-1a, 10000–99999), so
// it stays the same from build to build while the figure keeps its id. When
// two ids of one report hash to the same code, the id that sorts later takes
// the next candidate (the hash of "id#1", "id#2", …): codes never clash.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rf::report {

std::uint64_t fnv1a64(std::string_view text);

// The code of `figure_id` in `report` at the given collision attempt (0 first).
std::string web_code_candidate(std::string_view report, std::string_view figure_id, int attempt = 0);

// Codes for every id (ids must be distinct): figure id → code.
std::map<std::string, std::string> assign_web_codes(std::string_view report, std::vector<std::string> figure_ids);

// True for five ASCII digits, the first not 0.
bool is_web_code(std::string_view text);

}  // namespace rf::report
