#include "charts/line_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "charts/svg.hpp"
#include "text/number.hpp"

namespace rf::charts {

std::string line_chart(const LineChart& chart) {
  using svg::num;
  const auto& text = chart.text;
  // Narrow charts (phones) put the legend in one or two columns.
  const std::size_t legend_cols = chart.width < 520 ? 1 : chart.width < 760 ? 2 : 3;
  const int legend_rows = static_cast<int>((chart.series.size() + legend_cols - 1) / legend_cols);
  const double left = chart.width < 520 ? 44 : 62, right = 18, top = 18;
  const double bottom = 34 + 22.0 * legend_rows;
  const int width = chart.width;
  const int height = chart.height;
  const double plot_w = width - left - right;
  const double plot_h = height - top - bottom;

  double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
  for (const auto& s : chart.series) {
    for (const auto& v : s.values) {
      if (!v) continue;
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    }
  }
  if (chart.target) {
    lo = std::min(lo, *chart.target);
    hi = std::max(hi, *chart.target);
  }
  const bool any = lo <= hi;
  if (!any) lo = 0, hi = 1;
  if (chart.y_min) {
    lo = std::min(lo, *chart.y_min);
  } else if (lo >= 0) {
    lo = 0;  // rates and counts start at zero: no exaggerated slopes
  }
  auto ticks = nice_ticks(lo, hi, 6);
  const double y0 = ticks.front(), y1 = ticks.back();
  auto ys = [&](double v) { return top + plot_h - (v - y0) / (y1 - y0) * plot_h; };
  const std::size_t n = chart.x_labels.size();
  auto xs = [&](std::size_t i) {
    return n <= 1 ? left + plot_w / 2 : left + plot_w * static_cast<double>(i) / static_cast<double>(n - 1);
  };

  std::string out = svg::open(text, width, height, "line-chart");
  // Grid and y axis.
  int tick_decimals = 0;
  for (double t : ticks) {
    if (std::abs(t - std::round(t)) > 1e-9)
      tick_decimals = std::max(tick_decimals, std::abs(t * 10 - std::round(t * 10)) > 1e-9 ? 2 : 1);
  }
  out += "<g class=\"axis y-axis\" aria-hidden=\"true\">";
  for (double t : ticks) {
    const double y = ys(t);
    out += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) +
           "\" stroke=\"" + (t == 0 ? "#6b7280" : "#d5d9e0") + "\" stroke-width=\"1\"/>";
    out += svg::label(left - 8, y + 4, text::format_number(t, tick_decimals), "end", "tick");
  }
  if (!text.unit.empty()) out += svg::label(left - 8, top - 6, text.unit, "end", "unit");
  out += "</g>";
  // X labels, thinned so that they do not overlap.
  std::size_t longest = 1;
  for (const auto& l : chart.x_labels) longest = std::max(longest, l.size());
  const double label_w = 7.0 * static_cast<double>(longest) + 10;
  std::size_t every = 1;
  while (n > 1 && plot_w / static_cast<double>(n - 1) * static_cast<double>(every) < label_w) ++every;
  out += "<g class=\"axis x-axis\" aria-hidden=\"true\">";
  for (std::size_t i = 0; i < n; ++i) {
    if (i % every != 0 && i != n - 1) continue;
    if (i != n - 1 && n - 1 - i < every && n > every) continue;  // keep the last label clear
    out += "<line x1=\"" + num(xs(i)) + "\" x2=\"" + num(xs(i)) + "\" y1=\"" + num(top + plot_h) + "\" y2=\"" +
           num(top + plot_h + 4) + "\" stroke=\"#6b7280\"/>";
    out += svg::label(xs(i), top + plot_h + 18, chart.x_labels[i], "middle", "tick");
  }
  out += "</g>";
  // Target line.
  if (chart.target) {
    const double y = ys(*chart.target);
    out += "<g class=\"target\"><line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" + num(y) +
           "\" y2=\"" + num(y) + "\" stroke=\"#1e6b34\" stroke-width=\"2\" stroke-dasharray=\"10 4\"/>";
    out += svg::label(left + plot_w - 4, y - 6, chart.target_label.empty() ? "Ziel" : chart.target_label, "end",
                      "target-label");
    out += "</g>";
  }
  // Series: emphasised ones last so they lie on top.
  std::vector<std::size_t> order(chart.series.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return !chart.series[a].emphasis && chart.series[b].emphasis; });
  for (std::size_t si : order) {
    const auto& s = chart.series[si];
    const auto colour = series_colour(si);
    const auto dash = series_dash(si);
    out += "<g class=\"series\" data-series=\"" + svg::esc(s.name) + "\">";
    // One polyline per run of present values: gaps stay visible.
    std::string points;
    auto flush = [&] {
      if (points.empty()) return;
      out += "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"" +
             (s.emphasis ? "3" : "2") + "\"" +
             (dash.empty() ? std::string() : " stroke-dasharray=\"" + std::string(dash) + "\"") +
             " stroke-linejoin=\"round\" points=\"" + points + "\"/>";
      points.clear();
    };
    for (std::size_t i = 0; i < n && i < s.values.size(); ++i) {
      if (!s.values[i]) {
        flush();
        continue;
      }
      if (!points.empty()) points += ' ';
      points += num(xs(i)) + "," + num(ys(*s.values[i]));
    }
    flush();
    for (std::size_t i = 0; i < n && i < s.values.size(); ++i) {
      if (!s.values[i]) continue;
      out +=
          svg::marker(si, xs(i), ys(*s.values[i]), s.emphasis ? 4.5 : 3.5, colour, *s.values[i],
                      s.name + ", " + chart.x_labels[i] + ": " + format_value(*s.values[i], text.decimals, text.unit));
    }
    out += "</g>";
  }
  // Legend: line style and symbol, so colour is not the only carrier.
  out += "<g class=\"legend\" aria-hidden=\"true\">";
  const double legend_left = legend_cols == 1 ? 8 : left;
  const double col_w = (width - legend_left - right) / static_cast<double>(legend_cols);
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const double x = legend_left + col_w * static_cast<double>(i % legend_cols);
    const double y = top + plot_h + 40 + 22.0 * static_cast<double>(i / legend_cols);
    const auto colour = series_colour(i);
    const auto dash = series_dash(i);
    out += "<line x1=\"" + num(x) + "\" x2=\"" + num(x + 28) + "\" y1=\"" + num(y - 4) + "\" y2=\"" + num(y - 4) +
           "\" stroke=\"" + std::string(colour) + "\" stroke-width=\"" + (chart.series[i].emphasis ? "3" : "2") + "\"" +
           (dash.empty() ? std::string() : " stroke-dasharray=\"" + std::string(dash) + "\"") + "/>";
    std::string m = svg::marker(i, x + 14, y - 4, 3.5, colour, 0, chart.series[i].name);
    // Legend symbols are not data marks.
    auto pos = m.find(" class=\"mark\"");
    if (pos != std::string::npos) m.replace(pos, 13, " class=\"legend-mark\"");
    out += m;
    out += svg::label(x + 36, y, chart.series[i].name, "start", chart.series[i].emphasis ? "strong" : "");
  }
  out += "</g></svg>";
  return out;
}

}  // namespace rf::charts
