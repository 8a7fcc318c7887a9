#include "charts/bar_chart.hpp"

#include <algorithm>
#include <cmath>

#include "charts/svg.hpp"
#include "text/number.hpp"

namespace rf::charts {

std::string bar_chart(const BarChart& chart) {
  using svg::num;
  const auto& text = chart.text;
  std::size_t longest = 4;
  for (const auto& b : chart.bars) longest = std::max(longest, b.point.label.size());
  // Narrow charts (phones) write each label above its bar.
  const bool above = chart.width < 520;
  const double label_w = above ? 8 : std::min(230.0, 7.2 * static_cast<double>(longest) + 12);
  const double value_w = 78;
  const double top = chart.references.empty() ? 10 : 14 + 16.0 * static_cast<double>(chart.references.size());
  const double label_h = above ? 16 : 0;
  const double row = chart.bar_height + 8 + label_h;
  const int height = static_cast<int>(top + row * static_cast<double>(chart.bars.size()) + 30);
  const int width = chart.width;
  const double left = label_w;
  const double plot_w = width - left - value_w;

  double lo = 0, hi = 0;
  for (const auto& b : chart.bars) {
    if (!b.point.value) continue;
    lo = std::min(lo, *b.point.value);
    hi = std::max(hi, *b.point.value);
  }
  for (const auto& r : chart.references) {
    lo = std::min(lo, r.value);
    hi = std::max(hi, r.value);
  }
  auto ticks = nice_ticks(lo, hi > lo ? hi : lo + 1, 5);
  const double x0 = ticks.front(), x1 = ticks.back();
  auto xs = [&](double v) { return left + (v - x0) / (x1 - x0) * plot_w; };

  std::string out = svg::open(text, width, height, "bar-chart");
  const double plot_bottom = top + row * static_cast<double>(chart.bars.size());
  out += "<g class=\"axis\" aria-hidden=\"true\">";
  for (double t : ticks) {
    out += "<line x1=\"" + num(xs(t)) + "\" x2=\"" + num(xs(t)) + "\" y1=\"" + num(top - 4) + "\" y2=\"" +
           num(plot_bottom) + "\" stroke=\"" + (t == 0 ? "#6b7280" : "#e1e4ea") + "\"/>";
    int d = std::abs(t - std::round(t)) > 1e-9 ? 1 : 0;
    out += svg::label(xs(t), plot_bottom + 16, text::format_number(t, d), "middle", "tick");
  }
  out += "</g>";
  // Reference lines with labels above the bars (dash patterns differ).
  for (std::size_t i = 0; i < chart.references.size(); ++i) {
    const auto& r = chart.references[i];
    const double x = xs(r.value);
    const char* dash = i == 0 ? "6 3" : i == 1 ? "2 3" : "8 3 2 3";
    out += "<g class=\"reference\"><line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(top - 4) +
           "\" y2=\"" + num(plot_bottom) + "\" stroke=\"#1b1b1f\" stroke-width=\"1.5\" stroke-dasharray=\"" + dash +
           "\"/>";
    const double ly = 12 + 16.0 * static_cast<double>(i);
    const bool right_side = x > left + plot_w * 0.6;
    out += svg::label(right_side ? x - 4 : x + 4, ly, r.label, right_side ? "end" : "start", "reference-label");
    out += "</g>";
  }
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const auto& bar = chart.bars[i];
    const double y = top + row * static_cast<double>(i) + label_h;
    const double cy = y + chart.bar_height / 2.0 + 4;
    out += "<g class=\"bar" + std::string(bar.highlight ? " highlight" : "") + "\">";
    if (above) {
      // A white halo keeps the label readable across reference lines.
      out += "<text x=\"" + num(left) + "\" y=\"" + num(y - 4) +
             "\" fill=\"#1b1b1f\" stroke=\"#fff\" "
             "stroke-width=\"3\" paint-order=\"stroke\"" +
             (bar.highlight ? " class=\"strong\"" : "") + ">" + svg::esc(bar.point.label) + "</text>";
    } else {
      out += svg::label(left - 8, cy, bar.point.label, "end", bar.highlight ? "strong" : "");
    }
    if (bar.point.value) {
      const double v = *bar.point.value;
      const double xa = xs(std::min(0.0, v)), xb = xs(std::max(0.0, v));
      out += "<rect x=\"" + num(xa) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(1.0, xb - xa)) +
             "\" height=\"" + std::to_string(chart.bar_height) + "\" fill=\"" +
             (bar.highlight ? "#073763" : "#5b8fc7") + "\" class=\"mark\" data-value=\"" + svg::exact(v) +
             "\"><title>" +
             svg::esc(bar.point.label + ": " + format_value(v, text.decimals, text.unit) +
                      (bar.point.marker.empty() ? "" : " (" + bar.point.marker + ")")) +
             "</title></rect>";
      std::string value_text = format_value(v, text.decimals, text.unit);
      if (!bar.point.marker.empty()) value_text += " " + bar.point.marker;
      out += svg::label(xb + 6, cy, value_text, "start", bar.highlight ? "strong value" : "value");
    } else {
      out += svg::label(xs(0) + 6, cy, missing_text(bar.point.marker), "start", "missing");
    }
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

}  // namespace rf::charts
