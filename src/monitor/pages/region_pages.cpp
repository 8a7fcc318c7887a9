// /monitor/regionen, /monitor/regionen/{code} (every indicator for one region
// against the Ruhr and NRW, with sparklines) and
// /monitor/regionen/{code}/schulen (schools by Sozialindex, table and map).
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "charts/choropleth.hpp"
#include "charts/geo.hpp"
#include "charts/sparkline.hpp"
#include "charts/table.hpp"
#include "db/database.hpp"
#include "monitor/open_data/module.hpp"
#include "monitor/pages/pages.hpp"
#include "monitor/pages/page_views.hpp"
#include "monitor/store/school_register.hpp"
#include "monitor/engine/trend.hpp"
#include "monitor/engine/value_rows.hpp"
#include "text/german.hpp"
#include "text/html.hpp"
#include "text/number.hpp"

namespace rf::monitor {

namespace {

std::string level_label(const Region& r) {
  switch (r.level) {
    case RegionLevel::country: return "Staat";
    case RegionLevel::state: return "Land";
    case RegionLevel::district: return "Regierungsbezirk";
    case RegionLevel::county: return r.kind.empty() ? "Kreis / kreisfreie Stadt" : r.kind;
    case RegionLevel::municipality: return r.kind.empty() ? "Gemeinde" : r.kind;
    case RegionLevel::aggregate: return "Zusammenfassung";
    default: return "Region";
  }
}

// One row of the profile: the region's latest value with Ruhr and NRW.
mstch::map profile_row(const IndicatorView& view, const IndicatorInfo& info, const Region& region) {
  mstch::map row{{"title", info.title},
                 {"url", "/monitor/indikatoren/" + info.id +
                             (region.level == RegionLevel::county ? "?kreis=" + region.code : std::string())}};
  auto series = view.series(info.id, region.code);
  std::optional<std::string> latest;
  for (auto it = series.rbegin(); it != series.rend(); ++it) {
    if (it->value.value) {
      latest = it->period;
      break;
    }
  }
  if (!latest) {
    row["has_value"] = false;
    const bool level = !series.empty() && series.front().value.status == Status::not_applicable;
    row["no_value"] = level ? std::string("für diese Gebietsebene nicht verfügbar") : std::string("keine Angabe");
    return row;
  }
  row["has_value"] = true;
  row["period"] = IndicatorView::period_label(*latest);
  auto own = view.value(info.id, region.code, *latest);
  row["value"] = value_html(own, info);
  row["ruhr"] = value_html(view.value(info.id, "ruhr", *latest), info);
  row["nrw"] = value_html(view.value(info.id, "nrw", *latest), info);
  auto trend = compute_trend(series, info.polarity, info.decimals);
  row["trend"] = trend_html(trend);
  // The sparkline's description carries the whole series (text alternative).
  charts::Sparkline s;
  std::string desc;
  int present = 0;
  for (const auto& p : series) {
    const auto label = IndicatorView::period_label(p.period);
    s.points.push_back(data_point(label, p.value));
    if (p.value.value) {
      ++present;
      desc += (desc.empty() ? "" : "; ") + label + ": " + value_text(p.value, info);
    }
  }
  s.text = {"spark-" + info.id, info.title + ", " + region.name + ", Verlauf", desc, info.unit, info.decimals};
  s.width = 120;
  s.height = 28;
  if (present > 1) row["sparkline"] = charts::sparkline(s);
  return row;
}

// ---- the list of regions ----------------------------------------------------

http::Response regions_page(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& regions = engine_of(view).regions();
  mstch::array ruhr;
  for (const auto& k : view.ruhr_kreise()) {
    mstch::array gemeinden;
    for (const auto* c : regions.children(k.code)) {
      if (c->level != RegionLevel::municipality || c->provisional) continue;
      gemeinden.push_back(mstch::map{{"name", c->name}, {"url", "/monitor/regionen/" + c->code}});
    }
    ruhr.push_back(mstch::map{{"name", k.name},
                              {"url", "/monitor/regionen/" + k.code},
                              {"gemeinden", gemeinden},
                              {"has_gemeinden", gemeinden.size() > 1}});
  }
  mstch::array others;
  std::set<std::string> ruhr_codes;
  for (const auto& k : view.ruhr_kreise()) ruhr_codes.insert(k.code);
  for (const auto& code : nrw_regions(engine_of(view), false)) {
    if (code.size() != 5 || ruhr_codes.count(code)) continue;
    const Region* r = regions.find(code);
    others.push_back(mstch::map{{"name", r ? r->name : code}, {"url", "/monitor/regionen/" + code}});
  }
  mstch::array aggregates;
  for (const auto& code : comparison_regions()) {
    const Region* r = regions.find(code);
    if (r) aggregates.push_back(mstch::map{{"name", r->name}, {"url", "/monitor/regionen/" + r->code}});
  }
  return monitor_page(req, module->services, "Regionen", "monitor/regionen",
                      mstch::map{{"ruhr", ruhr}, {"others", others}, {"aggregates", aggregates}});
}

// ---- one region's profile ----------------------------------------------------

// The profile's rows by education stage. Most statistics are published for
// Kreise and kreisfreie Städte only: a municipality's profile shows what
// exists for it and counts in `left_out` what it leaves out, instead of a row
// "nicht verfügbar" for each.
mstch::array profile_stages(const IndicatorView& view, const Region& region, int& left_out) {
  const bool municipality = region.level == RegionLevel::municipality;
  mstch::array stages;
  for (Stage stage : kStages) {
    mstch::array rows;
    for (const auto* info : view.list()) {
      if (info->stage != stage) continue;
      if (municipality && !view.latest_period(info->id, region.code)) {
        ++left_out;
        continue;
      }
      rows.push_back(profile_row(view, *info, region));
    }
    if (rows.empty()) continue;
    stages.push_back(mstch::map{
        {"label", std::string(stage_label(stage))}, {"slug", std::string(stage_slug(stage))}, {"rows", rows}});
  }
  return stages;
}

http::Response region_page(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& regions = engine_of(view).regions();
  const Region* region = regions.find(req.param("code"));
  if (!region) return monitor_not_found(req, module->services, "Diese Region kennt das Monitoring nicht.");
  const bool municipality = region->level == RegionLevel::municipality;
  const Region* parent = regions.find(region->parent);
  int left_out = 0;
  mstch::map context{{"name", region->name},
                     {"code", region->code},
                     {"level", level_label(*region)},
                     {"stages", profile_stages(view, *region, left_out)}};
  if (region->population) {
    context["population"] = text::format_number(static_cast<double>(*region->population), 0);
    if (auto d = text::parse_iso_date(region->population_date)) {
      context["population_date"] = text::format_german_date(*d);
    }
  }
  if (parent && municipality) {
    context["parent_name"] = parent->name;
    context["parent_url"] = "/monitor/regionen/" + parent->code;
    if (left_out > 0) {
      const int total = static_cast<int>(view.list().size());
      context["left_out"] = std::to_string(left_out) + " von " + std::to_string(total);
      context["parent_genitive"] = text::place_genitive(text::place_name(parent->name, parent->kind));
    }
  }
  mstch::array children;
  if (region->level == RegionLevel::county) {
    for (const auto* c : regions.children(region->code)) {
      if (c->level == RegionLevel::municipality && !c->provisional) {
        children.push_back(mstch::map{{"name", c->name}, {"url", "/monitor/regionen/" + c->code}});
      }
    }
  }
  context["children"] = children;
  context["has_children"] = children.size() > 1;
  context["has_schools"] = region->level == RegionLevel::county || region->level == RegionLevel::municipality;
  const auto& members = regions.members("ruhr");
  context["in_ruhr"] = std::find(members.begin(), members.end(), region->code) != members.end();
  return monitor_page(req, module->services, region->name, "monitor/region", std::move(context));
}

// ---- the schools of a region -------------------------------------------------

// The three groups of the Schulsozialindex the page compares.
constexpr const char* kIndexGroups[] = {"Sozialindex 6 bis 9", "Sozialindex 1 bis 5", "ohne Sozialindex"};

int index_group(const SchoolListing& s) { return !s.index ? 2 : (*s.index >= 6 ? 0 : 1); }

// Schools and pupils by group of the index.
mstch::array school_summary(const std::vector<SchoolListing>& schools) {
  std::array<int, 3> count{};
  std::array<std::int64_t, 3> pupils{};
  for (const auto& s : schools) {
    count[index_group(s)]++;
    pupils[index_group(s)] += s.pupils.value_or(0);
  }
  mstch::array summary;
  for (int g = 0; g < 3; ++g) {
    summary.push_back(mstch::map{{"group", std::string(kIndexGroups[g])},
                                 {"schools", text::format_number(count[g], 0)},
                                 {"pupils", text::format_number(static_cast<double>(pupils[g]), 0)}});
  }
  return summary;
}

mstch::array school_rows(const std::vector<SchoolListing>& schools) {
  mstch::array rows;
  for (const auto& s : schools) {
    rows.push_back(
        mstch::map{{"name", s.name},
                   {"form", s.form},
                   {"index", s.index ? std::to_string(*s.index) : std::string("–")},
                   {"has_index", s.index.has_value()},
                   {"group", std::string(kIndexGroups[index_group(s)])},
                   {"high", s.index && *s.index >= 6},
                   {"pupils", s.pupils ? text::format_number(static_cast<double>(*s.pupils), 0) : std::string("–")},
                   {"address", s.street + (s.city.empty() ? "" : ", " + s.city)}});
  }
  return rows;
}

// The Gemeinden of the region with the schools that have coordinates; "" without boundaries.
std::string school_map(const ModulePtr& module, const RegionRegister& regions, const Region& region,
                       const std::vector<SchoolListing>& schools) {
  std::vector<charts::GeoFeature> areas;
  for (const auto& f : module->gemeinden_shapes().features) {
    if (f.code.starts_with(region.code)) areas.push_back(f);
  }
  if (areas.empty()) return "";
  int located = 0;
  charts::Choropleth map;
  for (const auto& f : areas) {
    const Region* r = regions.find(f.code);
    charts::MapArea a;
    a.code = f.code;
    a.name = r ? r->name : f.name;
    a.rings = f.rings;
    a.marker = "";
    map.areas.push_back(std::move(a));
  }
  for (const auto& s : schools) {
    if (!s.x || !s.y) continue;
    auto p = charts::utm32_to_lonlat(*s.x, *s.y);
    map.points.push_back(
        {s.name + " (" + s.form + ", " + std::string(kIndexGroups[index_group(s)]) + ")", p, index_group(s)});
    ++located;
  }
  map.point_legend = {kIndexGroups[0], kIndexGroups[1], kIndexGroups[2]};
  map.base_map = true;
  map.text = {"schulkarte", "Schulen in " + region.name + " nach Schulsozialindex",
              "Karte mit " + std::to_string(located) +
                  " Schulen als Symbole: Kreis für Sozialindex 6 bis 9, "
                  "Quadrat für 1 bis 5, Dreieck ohne Index. Alle Schulen stehen in der Tabelle.",
              "", 0};
  map.width = 640;
  map.height = 520;
  Figure f;
  f.id = "abb-schulkarte";
  f.title = "Schulen in " + region.name + " nach Schulsozialindex";
  f.subtitle = std::to_string(located) + " von " + std::to_string(schools.size()) +
               " Schulen mit Koordinaten; Form und Farbe des Symbols zeigen die Gruppe";
  f.svg = charts::choropleth(map);
  f.source =
      "IT.NRW, Schulverzeichnis 2024/25; MSB NRW, Schulsozialindex 2025/26 und Schuldaten (Koordinaten "
      "UTM32, EPSG:25832); Geometrien: © GeoBasis-DE / BKG (Daten verändert)";
  f.footnotes = {
      "Koordinaten aus der Schulliste des MSB (Stand 2021); neuere Schulen ohne Koordinaten fehlen in der Karte.",
      "Die Tabelle unten enthält alle Schulen."};
  return figure_html(f);
}

http::Response schools_page(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& regions = engine_of(view).regions();
  const Region* region = regions.find(req.param("code"));
  if (!region || (region->level != RegionLevel::county && region->level != RegionLevel::municipality)) {
    return monitor_not_found(req, module->services, "Schulen gibt es nur für Kreise und Gemeinden.");
  }
  std::vector<SchoolListing> schools;
  {
    auto db = module->services.pool.acquire();
    schools = schools_in_region(*db, region->code);
  }
  std::stable_sort(schools.begin(), schools.end(), [](const SchoolListing& a, const SchoolListing& b) {
    return a.index.value_or(0) > b.index.value_or(0);
  });
  mstch::map context{{"name", region->name},
                     {"code", region->code},
                     {"summary", school_summary(schools)},
                     {"schools", school_rows(schools)},
                     {"count", static_cast<int>(schools.size())},
                     {"has_schools", !schools.empty()},
                     {"map", school_map(module, regions, *region, schools)}};
  return monitor_page(req, module->services, "Schulen in " + region->name, "monitor/schulen", std::move(context));
}

}  // namespace

void register_region_pages(http::Router& router, const ModulePtr& module) {
  router.get("/monitor/regionen", cached(module, regions_page));
  router.get("/monitor/regionen/{code}", cached(module, region_page));
  router.get("/monitor/regionen/{code}/schulen", cached(module, schools_page));
}

}  // namespace rf::monitor
