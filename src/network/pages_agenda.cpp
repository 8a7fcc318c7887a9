// The common agenda in public: a page per goal (live indicator value from the
// monitor, trend, status, the measures working on it), a page per
// municipality (its values for the agenda's indicators and the measures
// there), and the network map (partners – measures – goals) as an SVG graph
// with a table alternative. Anonymous answers are cached until the network
// or the statistics change.
#include <map>
#include <set>

#include "charts/network_graph.hpp"
#include "charts/sparkline.hpp"
#include "web/page_cache.hpp"
#include "monitor/indicators.hpp"
#include "network/clock.hpp"
#include "network/module.hpp"
#include "text/number.hpp"

namespace rf::network {
namespace {

// Measures that the public sees on agenda pages: decided ones.
bool public_state(std::string_view state) {
  return state == "approved" || state == "implementation" || state == "evaluation" || state == "completed" ||
         state == "released";
}

std::string value_text(const std::optional<double>& v, const monitor::IndicatorInfo* info) {
  if (!v) return "–";
  auto text = text::format_number(*v, info ? info->decimals : 1);
  return info && !info->unit.empty() ? text + " " + info->unit : text;
}

std::string region_label(const monitor::IndicatorView& view, const std::string& code) {
  auto r = view.region(code);
  return r ? r->name : code;
}

mstch::array public_measures(db::Database& db, const MeasureFilter& f, const Workflow& wf) {
  mstch::array out;
  for (const auto& m : list_measures(db, f)) {
    if (!public_state(m.state)) continue;
    out.push_back(mstch::map{{"id", std::to_string(m.id)},
                             {"title", m.title},
                             {"organisation", m.organisation_name},
                             {"state", std::string(wf.state_label(m.state))},
                             {"progress", text::format_number(m.progress_percent, 0)},
                             {"released", m.released}});
  }
  return out;
}

http::Response agenda_list(http::Request& req, Module& mod) {
  auto view = monitor::current_indicators(mod.services.pool, mod.services.settings.root);
  auto db = mod.services.pool.acquire();
  mstch::array goals;
  for (const auto& g : monitor::agenda_goals(*db, view)) {
    const auto* info = view.find(g.indicator);
    goals.push_back(
        mstch::map{{"id", std::to_string(g.id)},
                   {"title", g.title},
                   {"indicator", info ? info->title : g.indicator},
                   {"region", region_label(view, g.region)},
                   {"latest", value_text(g.latest_value, info)},
                   {"target", value_text(g.target_value, info) + " (" + std::to_string(g.target_year) + ")"},
                   {"status", g.status_label},
                   {"slug", g.status_slug}});
  }
  mstch::array places;
  for (const auto& r : view.ruhr_kreise()) places.push_back(mstch::map{{"code", r.code}, {"name", r.name}});
  return page(req, mod, "Gemeinsame Agenda", "network/agenda",
              mstch::map{{"goals", goals}, {"has_goals", !goals.empty()}, {"places", places}});
}

http::Response goal_page(http::Request& req, Module& mod) {
  auto id = id_param(req, "id");
  if (!id) return not_found(req, mod);
  auto view = monitor::current_indicators(mod.services.pool, mod.services.settings.root);
  auto db = mod.services.pool.acquire();
  std::optional<monitor::AgendaGoal> goal;
  for (auto& g : monitor::agenda_goals(*db, view)) {
    if (g.id == *id) goal = std::move(g);
  }
  if (!goal) return not_found(req, mod);
  const auto* info = view.find(goal->indicator);
  auto series = view.series(goal->indicator, goal->region);
  charts::Sparkline spark;
  spark.text.id = "verlauf-ziel-" + std::to_string(goal->id);
  spark.text.title = "Verlauf: " + (info ? info->title : goal->indicator) + ", " + region_label(view, goal->region);
  spark.text.description = "Werte von " + (series.empty() ? std::string() : series.front().period) + " bis " +
                           (series.empty() ? std::string() : series.back().period) + "; Tabelle unten.";
  spark.text.unit = info ? info->unit : "";
  spark.text.decimals = info ? info->decimals : 1;
  spark.width = 320;
  spark.height = 80;
  mstch::array rows;
  for (const auto& p : series) {
    spark.points.push_back({monitor::IndicatorView::period_label(p.period), p.value.value, ""});
    rows.push_back(mstch::map{{"period", monitor::IndicatorView::period_label(p.period)},
                              {"value", value_text(p.value.value, info)}});
  }
  MeasureFilter f;
  f.goal_id = goal->id;
  f.limit = 2000;
  auto measures = public_measures(*db, f, mod.workflow);
  return page(
      req, mod, goal->title, "network/ziel",
      mstch::map{{"id", std::to_string(goal->id)},
                 {"title", goal->title},
                 {"indicator_id", goal->indicator},
                 {"indicator", info ? info->title : goal->indicator},
                 {"region", region_label(view, goal->region)},
                 {"region_code", goal->region},
                 {"latest", value_text(goal->latest_value, info)},
                 {"latest_exact", goal->latest_value ? text::format_number_exact(*goal->latest_value) : std::string()},
                 {"latest_period",
                  goal->latest_period ? monitor::IndicatorView::period_label(*goal->latest_period) : std::string("–")},
                 {"latest_period_key", goal->latest_period.value_or("")},
                 {"baseline", value_text(goal->baseline_value, info)},
                 {"baseline_period", monitor::IndicatorView::period_label(goal->baseline_period)},
                 {"target", value_text(goal->target_value, info)},
                 {"target_year", std::to_string(goal->target_year)},
                 {"status", goal->status_label},
                 {"slug", goal->status_slug},
                 {"explanation", goal->explanation},
                 {"source", info ? info->source : std::string()},
                 {"sparkline", charts::sparkline(spark)},
                 {"series", rows},
                 {"measures", measures},
                 {"has_measures", !measures.empty()},
                 {"measure_count", std::to_string(measures.size())}});
}

http::Response municipality_page(http::Request& req, Module& mod) {
  auto view = monitor::current_indicators(mod.services.pool, mod.services.settings.root);
  auto code = req.param("code");
  auto region = view.region(code);
  if (!region) return not_found(req, mod);
  auto db = mod.services.pool.acquire();
  mstch::array goals;
  std::string source;
  std::set<std::string> sources;
  for (const auto& g : monitor::agenda_goals(*db, view)) {
    const auto* info = view.find(g.indicator);
    auto period = view.latest_period(g.indicator, region->code);
    auto here = period ? view.value(g.indicator, region->code, *period) : monitor::IndicatorValue{};
    if (info && sources.insert(info->source).second) source += (source.empty() ? "" : "; ") + info->source;
    goals.push_back(mstch::map{{"id", std::to_string(g.id)},
                               {"title", g.title},
                               {"indicator", info ? info->title : g.indicator},
                               {"value", value_text(here.value, info)},
                               {"period", period ? monitor::IndicatorView::period_label(*period) : std::string("–")},
                               {"target", value_text(g.target_value, info) + " (" + std::to_string(g.target_year) +
                                              ", " + region_label(view, g.region) + ")"},
                               {"status", g.status_label},
                               {"slug", g.status_slug}});
  }
  MeasureFilter f;
  f.municipality = region->code;
  f.limit = 2000;
  auto measures = public_measures(*db, f, mod.workflow);
  return page(req, mod, region->name, "network/kommune",
              mstch::map{{"name", region->name},
                         {"code", region->code},
                         {"goals", goals},
                         {"has_goals", !goals.empty()},
                         {"source", source},
                         {"measures", measures},
                         {"has_measures", !measures.empty()},
                         {"measure_count", std::to_string(measures.size())}});
}

http::Response network_map(http::Request& req, Module& mod) {
  auto view = monitor::current_indicators(mod.services.pool, mod.services.settings.root);
  auto db = mod.services.pool.acquire();
  std::map<std::int64_t, std::string> goal_titles;
  for (const auto& g : monitor::agenda_goals(*db, view)) goal_titles[g.id] = g.title;
  std::map<std::int64_t, std::string> org_names;
  for (const auto& o : list_organisations(*db)) org_names[o.id] = o.name;

  charts::NetworkGraph graph;
  graph.text.id = "netzwerkkarte";
  graph.text.title = "Netzwerkkarte: Partner, Maßnahmen und Ziele der gemeinsamen Agenda";
  graph.text.description =
      "Linien verbinden Partner mit den Maßnahmen, an denen sie beteiligt sind, und Maßnahmen mit "
      "den Zielen, denen sie dienen. Dieselben Verbindungen stehen in der Tabelle unter der Grafik.";
  graph.columns = {{"Partner", {}}, {"Maßnahmen", {}}, {"Ziele", {}}};
  std::set<std::int64_t> orgs_used, goals_used;
  mstch::array rows;
  MeasureFilter f;
  f.limit = 5000;
  for (const auto& summary : list_measures(*db, f)) {
    if (!public_state(summary.state)) continue;
    auto m = find_measure(*db, summary.id);
    std::string mid = "m" + std::to_string(m->id);
    graph.columns[1].nodes.push_back({mid, m->title, ""});
    std::vector<std::int64_t> orgs{m->organisation_id};
    orgs.insert(orgs.end(), m->partner_ids.begin(), m->partner_ids.end());
    mstch::array partner_names, goal_names;
    for (auto o : orgs) {
      orgs_used.insert(o);
      graph.edges.push_back({"o" + std::to_string(o), mid});
      partner_names.push_back(org_names[o]);
    }
    for (auto g : m->goal_ids) {
      if (!goal_titles.count(g)) continue;
      goals_used.insert(g);
      graph.edges.push_back({mid, "g" + std::to_string(g)});
      goal_names.push_back(mstch::map{{"id", std::to_string(g)}, {"title", goal_titles[g]}});
    }
    rows.push_back(mstch::map{{"id", std::to_string(m->id)},
                              {"title", m->title},
                              {"partners", partner_names},
                              {"goals", goal_names},
                              {"released", m->released}});
  }
  for (auto o : orgs_used) graph.columns[0].nodes.push_back({"o" + std::to_string(o), org_names[o], ""});
  for (auto g : goals_used) graph.columns[2].nodes.push_back({"g" + std::to_string(g), goal_titles[g], ""});
  return page(req, mod, "Netzwerkkarte", "network/karte",
              mstch::map{{"svg", charts::network_graph(graph)},
                         {"rows", rows},
                         {"has_rows", !rows.empty()},
                         {"partner_count", std::to_string(orgs_used.size())},
                         {"measure_count", std::to_string(rows.size())},
                         {"goal_count", std::to_string(goals_used.size())}});
}

}  // namespace

void register_agenda_pages(http::Router& router, const ModulePtr& module) {
  // Anonymous pages from memory while neither the network, the statistics nor
  // the goals changed (the counters only grow, so their sum changes with any).
  auto cache = std::make_shared<web::PageCache>(module->services.pool, "network", [](db::Database& db) {
    auto row = db.query_one("SELECT SUM(version) FROM cache_versions WHERE name IN ('network', 'statistics', 'goals')");
    return row && !row->is_null(0) ? row->integer(0) : std::int64_t{0};
  });
  auto cached = [module, cache](PageHandler f) {
    return cache->wrap([module, cache, f](http::Request& req) { return f(req, *module); });
  };
  router.get("/netzwerk/agenda", cached(agenda_list));
  router.get("/netzwerk/agenda/ziele/{id}", cached(goal_page));
  router.get("/netzwerk/agenda/kommunen/{code}", cached(municipality_page));
  router.get("/netzwerk/karte", cached(network_map));
}

}  // namespace rf::network
