#include "monitor/engine/trend.hpp"

#include <cmath>

namespace rf::monitor {

namespace {

int year_of(const std::string& key) {
  auto p = parse_period_key(key);
  return p ? p->year : 0;
}

Judgement judge(double delta, double threshold, Polarity polarity) {
  if (std::abs(delta) < threshold) return Judgement::stable;
  if (polarity == Polarity::neutral) return Judgement::changed;
  const bool up = delta > 0;
  return up == (polarity == Polarity::up_is_good) ? Judgement::better : Judgement::worse;
}

}  // namespace

Trend compute_trend(const std::vector<SeriesPoint>& series, Polarity polarity, int decimals,
                    std::optional<int> baseline_year) {
  Trend t;
  const double threshold = 0.5 * std::pow(10.0, -decimals);
  std::vector<std::pair<std::string, double>> present;
  for (const auto& p : series) {
    if (p.value.value) present.emplace_back(p.period, *p.value.value);
  }
  if (present.empty()) return t;
  std::size_t base = 0;
  if (baseline_year) {
    while (base < present.size() && year_of(present[base].first) < *baseline_year) ++base;
    if (base == present.size()) base = present.size() - 1;
  }
  t.baseline_period = present[base].first;
  t.baseline_value = present[base].second;
  t.latest_period = present.back().first;
  t.latest_value = present.back().second;
  if (base + 1 >= present.size()) return t;  // one value: no trend
  t.change = *t.latest_value - *t.baseline_value;
  t.judgement = judge(*t.change, threshold, polarity);
  t.direction = t.judgement == Judgement::stable ? 0 : (*t.change > 0 ? 1 : -1);
  // Streak over the most recent steps.
  const double last_step = present.back().second - present[present.size() - 2].second;
  for (std::size_t i = present.size() - 1; i > 0; --i) {
    const double step = present[i].second - present[i - 1].second;
    const Judgement j = judge(step, threshold, polarity);
    const bool counts = polarity == Polarity::neutral ? j == Judgement::changed && (step > 0) == (last_step > 0)
                                                      : j == Judgement::better;
    if (!counts) break;
    ++t.streak;
  }
  return t;
}

std::string_view trend_arrow(const Trend& trend) {
  if (trend.judgement == Judgement::unknown) return "–";
  if (trend.direction > 0) return "↑";
  if (trend.direction < 0) return "↓";
  return "→";
}

std::string trend_text(const Trend& trend) {
  if (trend.judgement == Judgement::unknown) return "keine Entwicklung darstellbar";
  std::string dir = trend.direction > 0 ? "gestiegen" : trend.direction < 0 ? "gesunken" : "etwa gleich geblieben";
  std::string since = trend.baseline_period ? " seit " + IndicatorView::period_label(*trend.baseline_period) : "";
  switch (trend.judgement) {
    case Judgement::better: return dir + since + ", günstige Entwicklung";
    case Judgement::worse: return dir + since + ", ungünstige Entwicklung";
    default: return dir + since;
  }
}

std::string_view judgement_class(Judgement j) {
  switch (j) {
    case Judgement::better: return "better";
    case Judgement::worse: return "worse";
    case Judgement::stable: return "stable";
    case Judgement::changed: return "changed";
    default: return "unknown";
  }
}

}  // namespace rf::monitor
