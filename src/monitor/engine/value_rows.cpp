#include "monitor/engine/value_rows.hpp"

#include <algorithm>

namespace rf::monitor {

const std::vector<std::string>& comparison_regions() {
  static const std::vector<std::string> regions = {"ruhr", "05", "DG", "rheinland-ohne-ruhr", "westfalen-ohne-ruhr"};
  return regions;
}

std::vector<std::string> nrw_regions(const Engine& engine, bool municipalities) {
  std::vector<std::string> out;
  for (const auto& r : engine.regions().regions()) {
    if (r.provisional || r.historic() || !r.code.starts_with("05")) continue;
    if (r.level == RegionLevel::district || r.level == RegionLevel::county ||
        (municipalities && r.level == RegionLevel::municipality)) {
      out.push_back(r.code);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string status_code(Status s) {
  if (s == Status::ok) return "ok";
  return std::string(status_marker(s));
}

ValueResult query_values(const IndicatorView& view, std::string_view indicator, const ValueQuery& query) {
  ValueResult result;
  const Engine& engine = engine_of(view);
  const IndicatorDef* def = engine.catalogue().find(indicator);
  if (!def) {
    result.error = QueryError{404, "Unbekannter Indikator: " + std::string(indicator)};
    return result;
  }
  // Groups.
  std::vector<BreakdownGroup> groups;
  if (query.by.empty()) {
    groups.push_back({});
  } else {
    bool found = false;
    for (const auto& [dimension, list] : def->groups) {
      if (dimension != query.by) continue;
      found = true;
      for (const auto& [group, label] : list) groups.push_back({dimension, group});
    }
    if (!found) {
      std::string dims;
      for (const auto& [dimension, list] : def->groups) dims += (dims.empty() ? "" : ", ") + dimension;
      result.error =
          QueryError{400, "Aufgliederung '" + query.by + "' gibt es für diesen Indikator nicht" +
                              (dims.empty() ? std::string(" (keine vorhanden)") : " (möglich: " + dims + ")")};
      return result;
    }
  }
  // Regions.
  std::vector<std::string> regions;
  const bool standard = query.regions.empty();
  if (standard) {
    regions = comparison_regions();
    auto nrw = nrw_regions(engine, true);
    regions.insert(regions.end(), nrw.begin(), nrw.end());
  } else {
    for (const auto& r : query.regions) {
      auto code = engine.resolve_region(r);
      if (!code) {
        result.error = QueryError{400, "Unbekannte Region: " + r};
        return result;
      }
      regions.push_back(r);
    }
  }
  // Periods.
  std::vector<std::string> periods;
  if (query.periods.empty()) {
    periods = engine.periods(*def);
  } else {
    for (const auto& p : query.periods) {
      auto key = engine.resolve_period(*def, p);
      if (!key) {
        if (!parse_period(p) && !parse_period_key(p)) {
          result.error =
              QueryError{400, "Ungültiger Zeitraum: '" + p + "' (erwartet z. B. 2023, 31.12.2024 oder 2024/25)"};
        } else {
          result.error = QueryError{400, "Für den Zeitraum '" + p + "' gibt es keine Daten dieses Indikators"};
        }
        return result;
      }
      periods.push_back(*key);
    }
  }
  for (const auto& region : regions) {
    const Region* r = engine.regions().find(region);
    bool skip = false;
    for (const auto& period : periods) {
      if (skip) break;
      for (const auto& group : groups) {
        ValueRow row;
        row.value = engine.value(*def, region, period, group);
        // "x" means no source covers the region's level at all.
        if (standard && row.value.status == Status::not_applicable) {
          skip = true;
          break;
        }
        row.region = region;
        row.region_name = r ? r->name : region;
        row.period = period;
        row.group = group;
        row.group_label = group.empty() ? "" : def->group_label(group);
        result.rows.push_back(std::move(row));
      }
    }
  }
  return result;
}

}  // namespace rf::monitor
