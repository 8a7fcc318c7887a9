#include "charts/sparkline.hpp"

#include <algorithm>
#include <limits>

#include "charts/svg.hpp"

namespace rf::charts {

std::string sparkline(const Sparkline& chart) {
  using svg::num;
  const double pad = 3;
  double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
  std::size_t last = chart.points.size();
  for (std::size_t i = 0; i < chart.points.size(); ++i) {
    if (!chart.points[i].value) continue;
    lo = std::min(lo, *chart.points[i].value);
    hi = std::max(hi, *chart.points[i].value);
    last = i;
  }
  if (lo > hi) lo = 0, hi = 1;
  if (hi - lo < 1e-12) {
    lo -= 1;
    hi += 1;
  }
  const std::size_t n = chart.points.size();
  auto xs = [&](std::size_t i) {
    return n <= 1 ? chart.width / 2.0
                  : pad + (chart.width - 2 * pad - 4) * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  auto ys = [&](double v) { return pad + (chart.height - 2 * pad) * (1 - (v - lo) / (hi - lo)); };
  std::string out = svg::open(chart.text, chart.width, chart.height, "sparkline");
  std::string points;
  auto flush = [&] {
    if (points.empty()) return;
    out += "<polyline fill=\"none\" stroke=\"#0b5394\" stroke-width=\"1.5\" points=\"" + points + "\"/>";
    points.clear();
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!chart.points[i].value) {
      flush();
      continue;
    }
    if (!points.empty()) points += ' ';
    points += num(xs(i)) + "," + num(ys(*chart.points[i].value));
  }
  flush();
  for (std::size_t i = 0; i < n; ++i) {
    if (!chart.points[i].value) continue;
    const double v = *chart.points[i].value;
    out += "<circle cx=\"" + num(xs(i)) + "\" cy=\"" + num(ys(v)) + "\" r=\"" + (i == last ? "2.6" : "1.2") +
           "\" fill=\"" + (i == last ? "#073763" : "#0b5394") + "\" class=\"mark\" data-value=\"" + svg::exact(v) +
           "\"><title>" +
           svg::esc(chart.points[i].label + ": " + format_value(v, chart.text.decimals, chart.text.unit)) +
           "</title></circle>";
  }
  out += "</svg>";
  return out;
}

}  // namespace rf::charts
