// /monitor/regionen, /monitor/regionen/{code} (every indicator for one region
// against the Ruhr and NRW, with sparklines) and
// /monitor/regionen/{code}/schulen (schools by Sozialindex, table and map).
#include <algorithm>
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

struct School {
  std::string code, name, form, city, street;
  std::optional<int> index;
  std::optional<std::int64_t> pupils;
  std::optional<double> x, y;
  bool without_index = false;
};

std::vector<School> load_schools(db::Database& db, const std::string& code) {
  std::vector<db::Row> rows;
  const std::string sql =
      "SELECT code, name, school_form, city, street, sozialindex, pupils, x, y, sozialindex_none, pupils_period "
      "FROM institutions WHERE kind = 'school' AND ";
  if (code.size() == 8) {
    rows = db.query(sql + "region_code = ? ORDER BY name", {code});
  } else {
    rows = db.query(sql + "region_code LIKE ? ORDER BY name", {code + "%"});
  }
  std::vector<School> out;
  for (const auto& r : rows) {
    // Schools of the current directory only (those have a school year).
    if (r.text(10).empty() && r.is_null(5)) continue;
    School s;
    s.code = r.text(0);
    s.name = r.text(1);
    s.form = r.text(2);
    s.city = r.text(3);
    s.street = r.text(4);
    if (!r.is_null(5)) s.index = static_cast<int>(r.integer(5));
    if (!r.is_null(6)) s.pupils = r.integer(6);
    if (!r.is_null(7) && !r.is_null(8)) {
      s.x = r.real(7);
      s.y = r.real(8);
    }
    s.without_index = !s.index;
    out.push_back(std::move(s));
  }
  return out;
}

int index_group(const School& s) { return !s.index ? 2 : (*s.index >= 6 ? 0 : 1); }

}  // namespace

void register_region_pages(http::Router& router, const ModulePtr& module) {
  router.get("/monitor/regionen", module->pages.wrap([module](http::Request& req) {
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
  }));

  router.get("/monitor/regionen/{code}", module->pages.wrap([module](http::Request& req) {
    auto view = module->view();
    const auto& regions = engine_of(view).regions();
    const Region* region = regions.find(req.param("code"));
    if (!region) return monitor_not_found(req, module->services, "Diese Region kennt das Monitoring nicht.");
    // Most statistics are published for Kreise and kreisfreie Städte only: a
    // municipality's profile shows what exists for it and says in one line
    // where the rest is, instead of a row "nicht verfügbar" for each.
    const bool municipality = region->level == RegionLevel::municipality;
    const Region* parent = regions.find(region->parent);
    int left_out = 0;
    mstch::array stages;
    for (Stage stage : kStages) {
      mstch::array rows;
      for (const auto* info : view.list()) {
        if (info->stage != stage) continue;
        if (municipality && !view.latest_period(info->id, region->code)) {
          ++left_out;
          continue;
        }
        rows.push_back(profile_row(view, *info, *region));
      }
      if (rows.empty()) continue;
      stages.push_back(mstch::map{
          {"label", std::string(stage_label(stage))}, {"slug", std::string(stage_slug(stage))}, {"rows", rows}});
    }
    mstch::map context{
        {"name", region->name}, {"code", region->code}, {"level", level_label(*region)}, {"stages", stages}};
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
  }));

  router.get("/monitor/regionen/{code}/schulen", module->pages.wrap([module](http::Request& req) {
    auto view = module->view();
    const auto& regions = engine_of(view).regions();
    const Region* region = regions.find(req.param("code"));
    if (!region || (region->level != RegionLevel::county && region->level != RegionLevel::municipality)) {
      return monitor_not_found(req, module->services, "Schulen gibt es nur für Kreise und Gemeinden.");
    }
    std::vector<School> schools;
    {
      auto db = module->services.pool.acquire();
      schools = load_schools(*db, region->code);
    }
    std::stable_sort(schools.begin(), schools.end(),
                     [](const School& a, const School& b) { return a.index.value_or(0) > b.index.value_or(0); });
    // Summary: schools and pupils by stage of the index.
    const char* groups[] = {"Sozialindex 6 bis 9", "Sozialindex 1 bis 5", "ohne Sozialindex"};
    std::array<int, 3> count{};
    std::array<std::int64_t, 3> pupils{};
    for (const auto& s : schools) {
      count[index_group(s)]++;
      pupils[index_group(s)] += s.pupils.value_or(0);
    }
    mstch::array summary;
    for (int g = 0; g < 3; ++g) {
      summary.push_back(mstch::map{{"group", std::string(groups[g])},
                                   {"schools", text::format_number(count[g], 0)},
                                   {"pupils", text::format_number(static_cast<double>(pupils[g]), 0)}});
    }
    mstch::array rows;
    for (const auto& s : schools) {
      rows.push_back(
          mstch::map{{"name", s.name},
                     {"form", s.form},
                     {"index", s.index ? std::to_string(*s.index) : std::string("–")},
                     {"has_index", s.index.has_value()},
                     {"group", std::string(groups[index_group(s)])},
                     {"high", s.index && *s.index >= 6},
                     {"pupils", s.pupils ? text::format_number(static_cast<double>(*s.pupils), 0) : std::string("–")},
                     {"address", s.street + (s.city.empty() ? "" : ", " + s.city)}});
    }
    // Map: the Gemeinden of the region with the schools that have coordinates.
    std::string map_html;
    std::vector<charts::GeoFeature> areas;
    for (const auto& f : module->gemeinden_geo()) {
      if (f.code.starts_with(region->code)) areas.push_back(f);
    }
    int located = 0;
    if (!areas.empty()) {
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
            {s.name + " (" + s.form + ", " + std::string(groups[index_group(s)]) + ")", p, index_group(s)});
        ++located;
      }
      map.point_legend = {groups[0], groups[1], groups[2]};
      map.base_map = true;
      map.text = {"schulkarte", "Schulen in " + region->name + " nach Schulsozialindex",
                  "Karte mit " + std::to_string(located) +
                      " Schulen als Symbole: Kreis für Sozialindex 6 bis 9, "
                      "Quadrat für 1 bis 5, Dreieck ohne Index. Alle Schulen stehen in der Tabelle.",
                  "", 0};
      map.width = 640;
      map.height = 520;
      Figure f;
      f.id = "abb-schulkarte";
      f.title = "Schulen in " + region->name + " nach Schulsozialindex";
      f.subtitle = std::to_string(located) + " von " + std::to_string(schools.size()) +
                   " Schulen mit Koordinaten; Form und Farbe des Symbols zeigen die Gruppe";
      f.svg = charts::choropleth(map);
      f.source =
          "IT.NRW, Schulverzeichnis 2024/25; MSB NRW, Schulsozialindex 2025/26 und Schuldaten (Koordinaten "
          "UTM32, EPSG:25832); Geometrien: © GeoBasis-DE / BKG (Daten verändert)";
      f.footnotes = {
          "Koordinaten aus der Schulliste des MSB (Stand 2021); neuere Schulen ohne Koordinaten fehlen in der Karte.",
          "Die Tabelle unten enthält alle Schulen."};
      map_html = figure_html(f);
    }
    mstch::map context{{"name", region->name},
                       {"code", region->code},
                       {"summary", summary},
                       {"schools", rows},
                       {"count", static_cast<int>(schools.size())},
                       {"has_schools", !schools.empty()},
                       {"map", map_html}};
    return monitor_page(req, module->services, "Schulen in " + region->name, "monitor/schulen", std::move(context));
  }));
}

}  // namespace rf::monitor
