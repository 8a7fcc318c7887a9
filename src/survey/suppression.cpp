#include "survey/suppression.hpp"

#include <stdexcept>
#include <tuple>

namespace rf::survey {

void Suppressor::quantity(const std::string& id, long long count, bool is_total) {
  auto [it, inserted] = quantities_.try_emplace(id, Quantity{count, is_total});
  if (!inserted) {
    if (it->second.count != count) throw std::logic_error("suppression: quantity " + id + " declared with two counts");
    it->second.is_total = it->second.is_total || is_total;
  }
}

void Suppressor::relation(const std::string& total, const std::vector<std::string>& parts) {
  std::vector<std::string> r{total};
  r.insert(r.end(), parts.begin(), parts.end());
  for (const auto& id : r)
    if (!quantities_.count(id)) throw std::logic_error("suppression: unknown quantity " + id);
  relations_.push_back(std::move(r));
}

const std::set<std::string>& Suppressor::run() {
  hidden_.clear();
  for (const auto& [id, q] : quantities_)
    if (q.count < k_) hidden_.insert(id);
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto& r : relations_) {
      int count = 0;
      for (const auto& id : r) count += hidden_.count(id) ? 1 : 0;
      if (count != 1) continue;
      // The shown member that costs least: a cell before a total, then the
      // smallest count, then the id (deterministic).
      const std::string* pick = nullptr;
      std::tuple<bool, long long, std::string> best;
      for (const auto& id : r) {
        if (hidden_.count(id)) continue;
        const auto& q = quantities_.at(id);
        std::tuple<bool, long long, std::string> key{q.is_total, q.count, id};
        if (!pick || key < best) pick = &id, best = key;
      }
      if (!pick) continue;
      hidden_.insert(*pick);
      changed = true;
    }
  }
  return hidden_;
}

}  // namespace rf::survey
