// The open-data JSON API under /api/v1/ (described by openapi.cpp).
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

#include "http/util.hpp"
#include "monitor/open_data/module.hpp"
#include "monitor/engine/value_rows.hpp"

namespace rf::monitor {

namespace {

using nlohmann::json;

http::Response api_response(std::string body) {
  auto res = http::Response::json(std::move(body));
  res.set_header("Cache-Control", "public, max-age=60");
  res.set_header("Access-Control-Allow-Origin", "*");
  return res;
}

http::Response json_response(const json& body) {
  return api_response(body.dump(-1, ' ', false, json::error_handler_t::replace));
}

json region_json(const Region& r, const RegionRegister& regions) {
  json j = {{"code", r.code}, {"name", r.name}, {"level", std::string(level_name(r.level))}};
  if (!r.parent.empty()) j["parent"] = r.parent;
  if (r.population) j["population"] = *r.population;
  if (!r.population_date.empty()) j["population_date"] = r.population_date;
  if (!r.valid_from.empty()) j["valid_from"] = r.valid_from;
  if (r.historic()) {
    j["historic"] = true;
    j["valid_to"] = r.valid_to;
    if (!r.successor.empty()) j["successor"] = r.successor;
  }
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
              {"csv_excel", "/api/v1/indicators/" + i.id + "/excel.csv"},
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

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  http::append_json_escaped(out, text);
  out += '"';
}

void append_json_number(std::string& out, std::optional<double> v) {
  if (!v || !std::isfinite(*v)) {
    out += "null";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);  // shortest round-trip form
  out.append(buf, end);
}

// The values answer written directly: it is the API's hot path, and building
// it as an nlohmann::json tree cost as much as computing the values.
std::string values_body(const IndicatorDef& def, const std::vector<ValueRow>& rows, const std::string& by) {
  std::string out;
  out.reserve(128 + rows.size() * 96);
  out += "{\"indicator\":";
  append_json_string(out, def.info.id);
  out += ",\"title\":";
  append_json_string(out, def.info.title);
  out += ",\"unit\":";
  append_json_string(out, def.info.unit);
  out += ",\"values\":[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    out += i ? ",{" : "{";
    out += "\"region\":";
    append_json_string(out, row.region);
    out += ",\"region_name\":";
    append_json_string(out, row.region_name);
    out += ",\"period\":";
    append_json_string(out, row.period);
    if (!by.empty()) {
      out += ',';
      append_json_string(out, by);
      out += ':';
      append_json_string(out, row.group.group);
    }
    out += ",\"value\":";
    append_json_number(out, row.value.value);
    out += ",\"status\":";
    append_json_string(out, status_code(row.value.status));
    if (!row.value.missing_members.empty()) {
      out += ",\"missing_members\":[";
      for (std::size_t m = 0; m < row.value.missing_members.size(); ++m) {
        if (m) out += ',';
        append_json_string(out, row.value.missing_members[m]);
      }
      out += ']';
    }
    if (row.value.excluded) {
      out += ",\"excluded\":";
      append_json_number(out, row.value.excluded);
      out += ",\"excluded_label\":";
      append_json_string(out, row.value.excluded_label);
    }
    out += '}';
  }
  out += "]}";
  return out;
}

// ---- handlers ---------------------------------------------------------------

// /api/v1/regions[?level=…][&parent=…]: the register with its aliases.
http::Response regions_list(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& regions = engine_of(view).regions();
  const auto level = req.query.get("level");
  const auto parent = req.query.get("parent");
  if (level && !parse_level_name(*level)) {
    return http::Response::error(
        400, "Unbekannte Ebene: " + *level + " (country, state, district, county, municipality, aggregate)", true);
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
}

http::Response region_detail(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& regions = engine_of(view).regions();
  const Region* r = regions.find(req.param("code"));
  if (!r) return http::Response::error(404, "Unbekannte Region: " + req.param("code"), true);
  json j = region_json(*r, regions);
  json children = json::array();
  for (const auto* c : regions.children(r->code)) {
    if (!c->historic()) children.push_back({{"code", c->code}, {"name", c->name}});
  }
  j["children"] = children;
  return json_response(j);
}

http::Response datasets_list(http::Request&, const ModulePtr& module) {
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
}

http::Response dataset_detail(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& cube = engine_of(view).cube();
  const auto* d = cube.dataset(req.param("code"));
  if (!d) return http::Response::error(404, "Unbekannter Datensatz: " + req.param("code"), true);
  json series = json::array();
  for (auto s : d->series) {
    const auto& info = cube.series(s);
    json breakdown = json::object();
    for (const auto& [dim, value] : info.breakdown) breakdown[dim] = value;
    series.push_back({{"key", info.key},
                      {"label", info.label},
                      {"unit", info.unit},
                      {"breakdown", breakdown},
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
}

http::Response indicators_list(http::Request&, const ModulePtr& module) {
  auto view = module->view();
  const auto& engine = engine_of(view);
  json list = json::array();
  for (const auto& def : engine.catalogue().indicators) list.push_back(indicator_json(def, engine, false));
  return json_response({{"indicators", list}});
}

http::Response indicator_detail(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& engine = engine_of(view);
  const auto* def = engine.catalogue().find(req.param("id"));
  if (!def) return http::Response::error(404, "Unbekannter Indikator: " + req.param("id"), true);
  return json_response(indicator_json(*def, engine, true));
}

// /api/v1/indicators/{id}/values[?region=…][&period=…][&by=…]
http::Response indicator_values(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  ValueQuery q;
  q.regions = req.query.all("region");
  q.periods = req.query.all("period");
  q.by = req.query.get_or("by", "");
  auto result = query_values(view, req.param("id"), q);
  if (result.error) return http::Response::error(result.error->status, result.error->message, true);
  const auto* def = engine_of(view).catalogue().find(req.param("id"));
  return api_response(values_body(*def, result.rows, q.by));
}

}  // namespace

void register_api(http::Router& router, const ModulePtr& module) {
  // Cached like the pages: the whole region list is 1.5 MB of JSON and the values
  // of an indicator for every region ~190 kB, which cost 30 ms and 2 ms to write.
  router.get("/api/v1/regions", cached(module, regions_list));
  router.get("/api/v1/regions/{code}", cached(module, region_detail));
  router.get("/api/v1/datasets", cached(module, datasets_list));
  router.get("/api/v1/datasets/{code}", cached(module, dataset_detail));
  router.get("/api/v1/indicators", cached(module, indicators_list));
  router.get("/api/v1/indicators/{id}", cached(module, indicator_detail));
  router.get("/api/v1/indicators/{id}/values", cached(module, indicator_values));
}

}  // namespace rf::monitor
