#include "report/resolver.hpp"

#include <algorithm>
#include <set>

namespace rf::report {

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

std::string group_label(const monitor::BreakdownGroup& b) {
  static const std::pair<std::string_view, std::string_view> kLabels[] = {
      {"female", "weiblich"},        {"male", "männlich"},   {"foreign", "ausländisch"},
      {"german", "deutsch"},         {"total", "insgesamt"}, {"high", "Sozialindex 6 bis 9"},
      {"low", "Sozialindex 1 bis 5"}};
  for (const auto& [key, label] : kLabels) {
    if (b.group == key) return std::string(label);
  }
  return b.group;
}

std::optional<std::string> Resolver::require(const Directive& d, std::string_view key) const {
  auto v = d.get(key);
  if (!v || v->empty()) {
    diag_.error(d.where, "„" + d.name + "“: Argument „" + std::string(key) + "“ fehlt");
    return std::nullopt;
  }
  return v;
}

const monitor::IndicatorInfo* Resolver::indicator(const Directive& d, std::string_view id) const {
  const auto* info = data_.indicator(id);
  if (!info) diag_.missing(d.where, "Indikator „" + std::string(id) + "“ ist nicht im Katalog");
  return info;
}

const monitor::IndicatorInfo* Resolver::indicator(const Directive& d) const {
  auto id = require(d, "indikator");
  return id ? indicator(d, *id) : nullptr;
}

std::optional<std::vector<std::string>> Resolver::expand_set(std::string_view name) const {
  auto codes = [](const std::vector<monitor::RegionInfo>& regions) {
    std::vector<std::string> out;
    for (const auto& r : regions) out.push_back(r.code);
    return out;
  };
  if (auto it = def_.region_sets.find(std::string(name)); it != def_.region_sets.end()) {
    return it->second;
  }
  if (name == "kreise") return codes(data_.ruhr_kreise());
  if (name == "gemeinden") return codes(data_.ruhr_municipalities());
  if (name == "nrw-kreise") return codes(data_.nrw_kreise());
  if (name == "$gemeinden" && profile_) {
    std::vector<std::string> out;
    for (const auto& m : data_.ruhr_municipalities()) {
      if (m.parent == profile_->kreis.code) out.push_back(m.code);
    }
    return out;
  }
  return std::nullopt;
}

std::optional<monitor::RegionInfo> Resolver::region(const Directive& d, std::string_view spec) const {
  if (!spec.empty() && spec.front() == '$') {
    if (!profile_) {
      diag_.error(d.where, "„" + std::string(spec) + "“ gibt es nur in Profilvorlagen");
      return std::nullopt;
    }
    if (spec == "$region") return profile_->region;
    if (spec == "$kreis") return profile_->kreis;
    diag_.error(d.where, "unbekannte Variable „" + std::string(spec) + "“ (bekannt: $region, $kreis, $gemeinden)");
    return std::nullopt;
  }
  auto info = data_.region(spec);
  if (!info) diag_.missing(d.where, "Region „" + std::string(spec) + "“ ist unbekannt");
  return info;
}

std::vector<monitor::RegionInfo> Resolver::regions(const Directive& d, std::string_view spec) const {
  std::vector<monitor::RegionInfo> out;
  std::set<std::string> seen;
  for (const auto& part : split_list(spec)) {
    std::vector<std::string> codes;
    if (auto set = expand_set(part)) {
      codes = *set;
    } else {
      codes = {part};
    }
    for (const auto& code : codes) {
      auto r = region(d, code);
      if (!r) return {};
      if (seen.insert(r->code).second) out.push_back(*r);
    }
  }
  if (out.empty()) diag_.missing(d.where, "keine Regionen in „" + std::string(spec) + "“");
  return out;
}

std::optional<std::string> Resolver::period(const Directive& d, const monitor::IndicatorInfo& ind,
                                            std::string_view spec, std::string_view region) const {
  std::string value(spec);
  if (auto it = def_.periods.find(value); it != def_.periods.end()) value = it->second;
  if (value == "neueste" || value.empty()) {
    auto latest = data_.latest_period(ind.id, region);
    if (!latest) {
      diag_.missing(d.where, "Indikator „" + ind.id + "“ hat keinen Wert für „" + std::string(region) + "“");
    }
    return latest;
  }
  auto periods = data_.periods(ind.id);
  for (const auto& p : periods) {
    if (p == value || data_.period_label(p) == value) return p;
  }
  diag_.missing(d.where, "Indikator „" + ind.id + "“ hat keine Daten für die Periode „" + value + "“");
  return std::nullopt;
}

std::vector<std::string> Resolver::period_range(const Directive& d, const monitor::IndicatorInfo& ind,
                                                std::string_view from, std::string_view to) const {
  auto periods = data_.periods(ind.id);
  std::size_t first = 0, last = periods.size();
  auto index_of = [&](std::string_view spec) -> std::optional<std::size_t> {
    auto key = period(d, ind, spec);
    if (!key) return std::nullopt;
    auto it = std::find(periods.begin(), periods.end(), *key);
    return static_cast<std::size_t>(it - periods.begin());
  };
  if (!from.empty()) {
    auto i = index_of(from);
    if (!i) return {};
    first = *i;
  }
  if (!to.empty()) {
    auto i = index_of(to);
    if (!i) return {};
    last = *i + 1;
  }
  if (first >= last) {
    diag_.error(d.where, "Zeitraum „" + std::string(from) + "“ bis „" + std::string(to) + "“ ist leer");
    return {};
  }
  return {periods.begin() + static_cast<std::ptrdiff_t>(first), periods.begin() + static_cast<std::ptrdiff_t>(last)};
}

std::optional<monitor::BreakdownGroup> Resolver::breakdown(const Directive& d,
                                                           const monitor::IndicatorInfo& ind) const {
  auto spec = d.get("gruppe");
  if (!spec) return monitor::BreakdownGroup{};
  auto colon = spec->find(':');
  if (colon == std::string::npos) {
    diag_.error(d.where, "„gruppe“ erwartet Dimension:Gruppe, z. B. gruppe=sex:female");
    return std::nullopt;
  }
  monitor::BreakdownGroup b{spec->substr(0, colon), spec->substr(colon + 1)};
  if (std::find(ind.breakdowns.begin(), ind.breakdowns.end(), b.dimension) == ind.breakdowns.end()) {
    diag_.missing(d.where, "Indikator „" + ind.id + "“ hat keine Aufgliederung „" + b.dimension + "“");
    return std::nullopt;
  }
  return b;
}

std::string Resolver::region_name(const monitor::RegionInfo& region) const { return region.name; }

}  // namespace rf::report
