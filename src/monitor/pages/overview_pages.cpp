// /monitor: the indicators by education stage with the latest Ruhr value, the
// NRW comparison, the trend and the status of the agenda's goals.
#include <map>

#include "charts/sparkline.hpp"
#include "monitor/store/goals.hpp"
#include "monitor/open_data/module.hpp"
#include "monitor/pages/pages.hpp"
#include "monitor/pages/page_views.hpp"
#include "monitor/engine/trend.hpp"

namespace rf::monitor {

namespace {

mstch::map indicator_card(const IndicatorView& view, const IndicatorDef& def, const std::vector<Goal>& goals) {
  const IndicatorInfo& info = def.info;
  mstch::map card{{"id", info.id},
                  {"title", info.title},
                  {"url", "/monitor/indikatoren/" + info.id},
                  {"definition", info.definition},
                  {"unit", info.unit}};
  auto series = view.series(info.id, "ruhr");
  auto latest = view.latest_period(info.id, "ruhr");
  auto trend = compute_trend(series, info.polarity, info.decimals);
  if (latest) {
    auto ruhr = view.value(info.id, "ruhr", *latest);
    auto nrw = view.value(info.id, "nrw", *latest);
    card["has_value"] = true;
    card["period"] = IndicatorView::period_label(*latest);
    card["ruhr"] = value_html(ruhr, info);
    card["nrw"] = value_html(nrw, info);
    auto [label, text] = comparison_to_nrw(def, ruhr, nrw);
    card["gap_label"] = label;
    card["gap"] = text;
    card["trend"] = trend_html(trend);
    if (trend.baseline_period && trend.change) {
      card["trend_since"] =
          "seit " + IndicatorView::period_label(*trend.baseline_period) + ": " + gap_text(trend.change, info);
    }
    charts::Sparkline s;
    s.text = {"spark-" + info.id, info.title + ", Ruhrgebiet",
              "Verlauf " + IndicatorView::period_label(series.front().period) + " bis " +
                  IndicatorView::period_label(series.back().period),
              info.unit, info.decimals};
    s.width = 132;
    s.height = 32;
    int present = 0;
    for (const auto& p : series) {
      s.points.push_back(data_point(IndicatorView::period_label(p.period), p.value));
      if (p.value.value) ++present;
    }
    if (present > 1) card["sparkline"] = charts::sparkline(s);
  } else {
    card["has_value"] = false;
  }
  mstch::array goal_views;
  for (const auto& g : goals) {
    if (g.indicator != info.id) continue;
    auto a = assess_goal(g, view);
    goal_views.push_back(mstch::map{{"title", g.title},
                                    {"status", std::string(goal_status_label(a.status))},
                                    {"slug", std::string(goal_status_slug(a.status))},
                                    {"target_year", std::to_string(g.target_year)}});
  }
  card["has_goals"] = !goal_views.empty();
  card["goals"] = goal_views;
  return card;
}

http::Response overview_page(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const std::vector<Goal> goals = list_goals(module->services.pool);
  mstch::array stages;
  std::map<GoalStatus, int> goal_counts;
  for (const auto& g : goals) goal_counts[assess_goal(g, view).status]++;
  for (Stage stage : kStages) {
    mstch::array cards;
    for (const auto& def : engine_of(view).catalogue().indicators) {
      if (def.info.stage == stage) cards.push_back(indicator_card(view, def, goals));
    }
    if (cards.empty()) continue;
    stages.push_back(mstch::map{
        {"label", std::string(stage_label(stage))}, {"slug", std::string(stage_slug(stage))}, {"cards", cards}});
  }
  mstch::array kreise;
  for (const auto& r : view.ruhr_kreise()) {
    kreise.push_back(mstch::map{{"name", r.name}, {"url", "/monitor/regionen/" + r.code}});
  }
  mstch::map context{{"stages", stages},
                     {"kreise", kreise},
                     {"goal_count", static_cast<int>(goals.size())},
                     {"has_goals", !goals.empty()},
                     {"goals_reached", goal_counts[GoalStatus::reached]},
                     {"goals_on_track", goal_counts[GoalStatus::on_track]},
                     {"goals_off_track", goal_counts[GoalStatus::off_track]},
                     {"goals_unknown", goal_counts[GoalStatus::unknown]},
                     {"indicator_count", static_cast<int>(view.list().size())}};
  return monitor_page(req, module->services, "Bildungsmonitoring", "monitor/uebersicht", std::move(context));
}

}  // namespace

void register_overview_pages(http::Router& router, const ModulePtr& module) {
  router.get("/monitor", cached(module, overview_page));
}

}  // namespace rf::monitor
