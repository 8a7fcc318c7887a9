#include "charts/line_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "charts/svg.hpp"
#include "text/number.hpp"

namespace rf::charts {

namespace {

// Decimals the tick values need (0, 1 or 2).
int tick_decimals(const std::vector<double>& ticks) {
  int decimals = 0;
  for (double t : ticks) {
    if (std::abs(t - std::round(t)) > 1e-9)
      decimals = std::max(decimals, std::abs(t * 10 - std::round(t * 10)) > 1e-9 ? 2 : 1);
  }
  return decimals;
}

}  // namespace

std::string line_chart(const LineChart& chart) {
  using svg::num;
  const auto& text = chart.text;
  const int width = chart.width;
  const int height = chart.height;
  const std::size_t n = chart.x_labels.size();

  // Value range: from the data (and the target), zero when it is near.
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
  if (lo > hi) lo = 0, hi = 1;
  if (lo >= 0 && lo <= hi * 0.5) lo = 0;
  if (chart.y_min) lo = std::min(lo, *chart.y_min);
  if (chart.y_max) hi = std::max(hi, *chart.y_max);
  const auto ticks = nice_ticks(lo, hi, 6);
  const int decimals = tick_decimals(ticks);
  std::vector<std::string> tick_texts;
  double tick_w = 0;
  for (double t : ticks) {
    tick_texts.push_back(text::format_number(t, decimals));
    tick_w = std::max(tick_w, text_width(tick_texts.back()));
  }

  // Legend columns: as many as fit the longest name (36 px for the line sample).
  double name_w = 0;
  for (const auto& s : chart.series) name_w = std::max(name_w, 36 + text_width(s.name, 12, s.emphasis) + 16);
  std::size_t legend_cols = chart.width < 520 ? 1 : chart.width < 760 ? 2 : 3;
  while (legend_cols > 1 && (width - 70.0) / static_cast<double>(legend_cols) < name_w) --legend_cols;
  const int legend_rows = static_cast<int>((chart.series.size() + legend_cols - 1) / legend_cols);

  // Margins: room for the tick labels, the unit above them, half the first
  // and the last x label.
  const double first_w = n ? text_width(chart.x_labels.front()) : 0;
  const double last_w = n ? text_width(chart.x_labels.back()) : 0;
  const double left = std::max({chart.width < 520 ? 36.0 : 50.0, tick_w + 14, first_w / 2 + 4});
  const double right = std::max(18.0, last_w / 2 + 4);
  const double top = text.unit.empty() ? 18 : 30;
  const double bottom = 36 + 22.0 * legend_rows;
  const double plot_w = width - left - right;
  const double plot_h = height - top - bottom;
  const double y0 = ticks.front(), y1 = ticks.back();
  auto ys = [&](double v) { return top + plot_h - (v - y0) / (y1 - y0) * plot_h; };
  auto xs = [&](std::size_t i) {
    return n <= 1 ? left + plot_w / 2 : left + plot_w * static_cast<double>(i) / static_cast<double>(n - 1);
  };

  std::string out = svg::open(text, width, height, "line-chart");
  // Grid and y axis; the unit stands above the tick labels, left-aligned.
  out += "<g class=\"axis y-axis\" aria-hidden=\"true\">";
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const double y = ys(ticks[i]);
    out += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) +
           "\" stroke=\"" + (ticks[i] == 0 ? "#6b7280" : "#d5d9e0") + "\" stroke-width=\"1\"/>";
    out += svg::label(left - 8, y + 4, tick_texts[i], "end", "tick");
  }
  if (!text.unit.empty()) out += svg::label(4, 14, svg::fit_text(text.unit, width - 8.0), "start", "unit");
  out += "</g>";
  // X labels, thinned so that they keep 8 px apart; the last one always shows.
  double label_w = 0;
  for (const auto& l : chart.x_labels) label_w = std::max(label_w, text_width(l));
  std::size_t every = 1;
  const double step = n > 1 ? plot_w / static_cast<double>(n - 1) : plot_w;
  while (every < n && step * static_cast<double>(every) < label_w + 8) ++every;
  out += "<g class=\"axis x-axis\" aria-hidden=\"true\">";
  for (std::size_t i = 0; i < n; ++i) {
    if (i % every != 0 && i != n - 1) continue;
    if (i != n - 1 && n - 1 - i < every && n > every) continue;  // keep the last label clear
    out += "<line x1=\"" + num(xs(i)) + "\" x2=\"" + num(xs(i)) + "\" y1=\"" + num(top + plot_h) + "\" y2=\"" +
           num(top + plot_h + 4) + "\" stroke=\"#6b7280\"/>";
    out += svg::label(xs(i), top + plot_h + 20, chart.x_labels[i], "middle", "tick");
  }
  out += "</g>";
  // Target line, labelled above it (below when it runs along the top).
  if (chart.target) {
    const double y = ys(*chart.target);
    const double label_y = y - 6 - kTextAscent * 12 < top - 4 ? y + 16 : y - 6;
    out += "<g class=\"target\"><line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" + num(y) +
           "\" y2=\"" + num(y) + "\" stroke=\"#1e6b34\" stroke-width=\"2\" stroke-dasharray=\"10 4\"/>";
    out += svg::halo_label(left + plot_w - 4, label_y,
                           svg::fit_text(chart.target_label.empty() ? "Ziel" : chart.target_label, plot_w - 8), "end",
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
  const double legend_left = legend_cols == 1 ? 8 : std::min(left, 40.0);
  const double col_w = (width - legend_left - 8) / static_cast<double>(legend_cols);
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const double x = legend_left + col_w * static_cast<double>(i % legend_cols);
    const double y = top + plot_h + 42 + 22.0 * static_cast<double>(i / legend_cols);
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
    out += svg::label(x + 36, y, svg::fit_text(chart.series[i].name, col_w - 44, 12, chart.series[i].emphasis), "start",
                      chart.series[i].emphasis ? "strong" : "");
  }
  out += "</g></svg>";
  return out;
}

}  // namespace rf::charts
