// The open-data JSON API under /api/v1/ (described by openapi.cpp).
#include <nlohmann/json.hpp>

#include "monitor/module.hpp"
#include "monitor/value_rows.hpp"

namespace rf::monitor {

namespace {

using nlohmann::json;

http::Response json_response(const json& body, int status = 200) {
  auto res = http::Response::json(body.dump(-1, ' ', false, json::error_handler_t::replace), status);
  res.set_header("Cache-Control", "public, max-age=60");
  res.set_header("Access-Control-Allow-Origin", "*");
  return res;
}

json region_json(const Region& r, const RegionRegister& regions) {
  json j = {{"code", r.code}, {"name", r.name}, {"level", std::string(level_name(r.level))}};
  if (!r.parent.empty()) j["parent"] = r.parent;
  if (r.population) j["population"] = *r.population;
  if (!r.population_date.empty()) j["population_date"] = r.population_date;
  if (r.level == RegionLevel::aggregate) {
    json members = json::array();
    for (const auto& m : regions.members(r.code)) {
      if (m.size() == 5) members.push_back(m);
    }
    j["member_kreise"] = members;
  }
  return j;
}

std::string stage_name(Stage s) { return std::string(stage_label(s)); }

std::string polarity_name(Polarity p) {
  return p == Polarity::up_is_good ? "up" : p == Polarity::down_is_good ? "down" : "neutral";
}

json indicator_json(const IndicatorDef& def, const Engine& engine, bool full) {
  const auto& i = def.info;
  json j = {{"id", i.id},
            {"title", i.title},
            {"definition", i.definition},
            {"stage", stage_name(i.stage)},
            {"unit", i.unit},
            {"polarity", polarity_name(i.polarity)},
            {"decimals", i.decimals},
            {"source", i.source},
            {"links",
             {{"values", "/api/v1/indicators/" + i.id + "/values"},
              {"page", "/monitor/indikatoren/" + i.id},
              {"csv", "/api/v1/indicators/" + i.id + "/daten.csv"},
              {"xlsx", "/api/v1/indicators/" + i.id + "/daten.xlsx"},
              {"sdmx_csv", "/api/v1/indicators/" + i.id + "/sdmx.csv"},
              {"datapackage", "/api/v1/indicators/" + i.id + "/datapackage.json"}}}};
  json breakdowns = json::object();
  for (const auto& [dimension, groups] : def.groups) {
    json g = json::object();
    for (const auto& [group, label] : groups) g[group] = label;
    breakdowns[dimension] = g;
  }
  j["breakdowns"] = breakdowns;
  if (full) {
    j["footnotes"] = i.footnotes;
    j["periods"] = engine.periods(def);
    json sources = json::array();
    for (const auto& s : def.sources) {
      json src = {{"kind", s.kind == IndicatorSource::Kind::counts ? "counts" : "rate"}};
      if (s.kind == IndicatorSource::Kind::counts) {
        src["numerator"] = s.total.numerator.text();
        if (!s.total.denominator.empty()) src["denominator"] = s.total.denominator.text();
        src["scale"] = s.scale;
      } else {
        src["rate"] = s.total.rate.text();
        json w = json::array();
        for (const auto& e : s.total.weights) w.push_back(e.text());
        src["weight"] = w;
        src["weight_label"] = s.weight_label;
      }
      sources.push_back(src);
    }
    j["sources"] = sources;
  }
  return j;
}

json value_json(const ValueRow& row, const std::string& by) {
  json j = {{"region", row.region}, {"region_name", row.region_name}, {"period", row.period}};
  if (!by.empty()) j[by] = row.group.group;
  j["value"] = row.value.value ? json(*row.value.value) : json(nullptr);
  j["status"] = status_code(row.value.status);
  if (!row.value.missing_members.empty()) j["missing_members"] = row.value.missing_members;
  if (row.value.excluded) {
    j["excluded"] = *row.value.excluded;
    j["excluded_label"] = row.value.excluded_label;
  }
  return j;
}

}  // namespace

void register_api(http::Router& router, const ModulePtr& module) {
  router.get("/api/v1/regions", [module](http::Request& req) {
    auto view = module->view();
    const auto& regions = engine_of(view).regions();
    const auto level = req.query.get("level");
    const auto parent = req.query.get("parent");
    if (level && !parse_level_name(*level)) {
      return http::Response::error(400, "Unbekannte Ebene: " + *level +
                                            " (country, state, district, county, municipality, aggregate)", true);
    }
    json list = json::array();
    for (const auto& r : regions.regions()) {
      if (level && std::string(level_name(r.level)) != *level) continue;
      if (parent && r.parent != *parent) continue;
      list.push_back(region_json(r, regions));
    }
    json aliases = json::object();
    for (const auto& [alias, code] : regions.aliases()) aliases[alias] = code;
    return json_response({{"regions", list}, {"aliases", aliases}});
  });
  router.get("/api/v1/regions/{code}", [module](http::Request& req) {
    auto view = module->view();
    const auto& regions = engine_of(view).regions();
    const Region* r = regions.find(req.param("code"));
    if (!r) return http::Response::error(404, "Unbekannte Region: " + req.param("code"), true);
    json j = region_json(*r, regions);
    json children = json::array();
    for (const auto* c : regions.children(r->code)) children.push_back({{"code", c->code}, {"name", c->name}});
    j["children"] = children;
    return json_response(j);
  });
  router.get("/api/v1/datasets", [module](http::Request&) {
    auto view = module->view();
    const auto& cube = engine_of(view).cube();
    json list = json::array();
    for (const auto& d : cube.datasets()) {
      json periods = json::array();
      for (auto p : d.periods) periods.push_back(cube.period_key(p));
      list.push_back({{"code", d.code},
                      {"title", d.title},
                      {"publisher", d.publisher},
                      {"licence", d.licence},
                      {"stand", d.stand},
                      {"series", d.series.size()},
                      {"periods", periods},
                      {"links",
                       {{"csv", "/api/v1/datasets/" + d.code + "/daten.csv"},
                        {"xlsx", "/api/v1/datasets/" + d.code + "/daten.xlsx"},
                        {"sdmx_csv", "/api/v1/datasets/" + d.code + "/sdmx.csv"},
                        {"datapackage", "/api/v1/datasets/" + d.code + "/datapackage.json"}}}});
    }
    return json_response({{"datasets", list}});
  });
  router.get("/api/v1/datasets/{code}", [module](http::Request& req) {
    auto view = module->view();
    const auto& cube = engine_of(view).cube();
    const auto* d = cube.dataset(req.param("code"));
    if (!d) return http::Response::error(404, "Unbekannter Datensatz: " + req.param("code"), true);
    json series = json::array();
    for (auto s : d->series) {
      const auto& info = cube.series(s);
      json breakdown = json::object();
      for (const auto& [dim, value] : info.breakdown) breakdown[dim] = value;
      series.push_back({{"key", info.key}, {"label", info.label}, {"unit", info.unit}, {"breakdown", breakdown},
                        {"observations", info.end - info.begin}});
    }
    json periods = json::array();
    for (auto p : d->periods) periods.push_back(cube.period_key(p));
    return json_response({{"code", d->code},
                          {"title", d->title},
                          {"publisher", d->publisher},
                          {"licence", d->licence},
                          {"copyright", d->copyright},
                          {"stand", d->stand},
                          {"periods", periods},
                          {"series", series}});
  });
  router.get("/api/v1/indicators", [module](http::Request&) {
    auto view = module->view();
    const auto& engine = engine_of(view);
    json list = json::array();
    for (const auto& def : engine.catalogue().indicators) list.push_back(indicator_json(def, engine, false));
    return json_response({{"indicators", list}});
  });
  router.get("/api/v1/indicators/{id}", [module](http::Request& req) {
    auto view = module->view();
    const auto& engine = engine_of(view);
    const auto* def = engine.catalogue().find(req.param("id"));
    if (!def) return http::Response::error(404, "Unbekannter Indikator: " + req.param("id"), true);
    return json_response(indicator_json(*def, engine, true));
  });
  router.get("/api/v1/indicators/{id}/values", [module](http::Request& req) {
    auto view = module->view();
    ValueQuery q;
    q.regions = req.query.all("region");
    q.periods = req.query.all("period");
    q.by = req.query.get_or("by", "");
    auto result = query_values(view, req.param("id"), q);
    if (result.error) return http::Response::error(result.error->status, result.error->message, true);
    const auto* def = engine_of(view).catalogue().find(req.param("id"));
    json values = json::array();
    for (const auto& row : result.rows) values.push_back(value_json(row, q.by));
    return json_response({{"indicator", def->info.id}, {"title", def->info.title}, {"unit", def->info.unit},
                          {"values", values}});
  });
}

}  // namespace rf::monitor
