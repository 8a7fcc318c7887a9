#include "report/web_code.hpp"

#include <algorithm>
#include <set>

namespace rf::report {

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string web_code_candidate(std::string_view report, std::string_view figure_id, int attempt) {
  std::string key = std::string(report) + "/" + std::string(figure_id);
  if (attempt > 0) key += "#" + std::to_string(attempt);
  return std::to_string(10000 + fnv1a64(key) % 90000);
}

std::map<std::string, std::string> assign_web_codes(std::string_view report, std::vector<std::string> figure_ids) {
  std::sort(figure_ids.begin(), figure_ids.end());
  figure_ids.erase(std::unique(figure_ids.begin(), figure_ids.end()), figure_ids.end());
  std::map<std::string, std::string> codes;
  std::set<std::string> taken;
  for (const auto& id : figure_ids) {
    for (int attempt = 0;; ++attempt) {
      std::string code = web_code_candidate(report, id, attempt);
      if (taken.insert(code).second) {
        codes[id] = code;
        break;
      }
    }
  }
  return codes;
}

bool is_web_code(std::string_view text) {
  if (text.size() != 5 || text[0] == '0') return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace rf::report
