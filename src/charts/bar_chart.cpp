#include "charts/bar_chart.hpp"

#include <algorithm>
#include <cmath>

#include "charts/svg.hpp"
#include "text/number.hpp"

namespace rf::charts {

namespace {

std::string value_text(const Bar& bar, const ChartText& text) {
  if (!bar.point.value) return missing_text(bar.point.marker);
  std::string out = format_value(*bar.point.value, text.decimals, text.unit);
  if (!bar.point.marker.empty()) out += " " + bar.point.marker;
  return out;
}

}  // namespace

std::string bar_chart(const BarChart& chart) {
  using svg::num;
  const auto& text = chart.text;
  const int width = chart.width;
  // Category labels stand left of the bars when they take at most 42 % of
  // the width; on phones and for long labels each stands above its bar.
  double longest = 0, value_w = 40;
  for (const auto& b : chart.bars) {
    longest = std::max(longest, text_width(b.point.label, 12, b.highlight));
    if (b.point.value) value_w = std::max(value_w, text_width(value_text(b, text), 12, b.highlight) + 12);
  }
  const bool above = width < 520 || longest + 14 > width * 0.42;
  const double top = chart.references.empty() ? 10 : 14 + 16.0 * static_cast<double>(chart.references.size());
  const double label_h = above ? 16 : 0;
  const double row = chart.bar_height + 8 + label_h;
  const int height = static_cast<int>(top + row * static_cast<double>(chart.bars.size()) + 30);

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
  const auto ticks = nice_ticks(lo, hi > lo ? hi : lo + 1, 5);
  std::vector<std::string> tick_texts;
  double tick_w = 0;
  for (double t : ticks) {
    tick_texts.push_back(text::format_number(t, std::abs(t - std::round(t)) > 1e-9 ? 1 : 0));
    tick_w = std::max(tick_w, text_width(tick_texts.back()));
  }
  // Room for half a tick label at either end of the axis.
  const double left = std::max(above ? 8.0 : longest + 14, text_width(tick_texts.front()) / 2 + 2);
  value_w = std::max(value_w, text_width(tick_texts.back()) / 2 + 4);
  const double plot_w = width - left - value_w;
  const double x0 = ticks.front(), x1 = ticks.back();
  auto xs = [&](double v) { return left + (v - x0) / (x1 - x0) * plot_w; };
  // Tick labels keep 6 px apart: every second one when they would not.
  const std::size_t tick_every =
      ticks.size() > 1 && plot_w / static_cast<double>(ticks.size() - 1) < tick_w + 6 ? 2 : 1;

  std::string out = svg::open(text, width, height, "bar-chart");
  const double plot_bottom = top + row * static_cast<double>(chart.bars.size());
  out += "<g class=\"axis\" aria-hidden=\"true\">";
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const double t = ticks[i];
    out += "<line x1=\"" + num(xs(t)) + "\" x2=\"" + num(xs(t)) + "\" y1=\"" + num(top - 4) + "\" y2=\"" +
           num(plot_bottom) + "\" stroke=\"" + (t == 0 ? "#6b7280" : "#e1e4ea") + "\"/>";
    if (i % tick_every == 0) out += svg::label(xs(t), plot_bottom + 16, tick_texts[i], "middle", "tick");
  }
  out += "</g>";
  // Reference lines, each labelled on a row of its own above the bars:
  // right of the line when the label fits there, else left of it.
  std::vector<double> reference_xs;
  for (std::size_t i = 0; i < chart.references.size(); ++i) {
    const auto& r = chart.references[i];
    const double x = xs(r.value);
    reference_xs.push_back(x);
    const char* dash = i == 0 ? "6 3" : i == 1 ? "2 3" : "8 3 2 3";
    out += "<g class=\"reference\"><line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(top - 4) +
           "\" y2=\"" + num(plot_bottom) + "\" stroke=\"#1b1b1f\" stroke-width=\"1.5\" stroke-dasharray=\"" + dash +
           "\"/>";
    const std::string shown = svg::fit_text(r.label, width - 4.0);
    const double w = text_width(shown);
    double lx = x + 4;
    if (lx + w > width - 2) lx = x - 4 - w >= 2 ? x - 4 - w : std::max(2.0, width - 2 - w);
    out += svg::label(lx, 12 + 16.0 * static_cast<double>(i), shown, "start", "reference-label");
    out += "</g>";
  }
  std::sort(reference_xs.begin(), reference_xs.end());
  // A value label that a reference line would cross moves right past it.
  auto clear_of_references = [&](double x, double w) {
    for (double rx : reference_xs) {
      if (rx > x - 3 && rx < x + w + 3) x = rx + 5;
    }
    return x;
  };
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const auto& bar = chart.bars[i];
    const double y = top + row * static_cast<double>(i) + label_h;
    const double cy = y + chart.bar_height / 2.0 + 4;
    out += "<g class=\"bar" + std::string(bar.highlight ? " highlight" : "") + "\">";
    if (above) {
      out += svg::halo_label(left, y - 4, svg::fit_text(bar.point.label, width - left - 4, 12, bar.highlight), "start",
                             bar.highlight ? "strong" : "");
    } else {
      out += svg::label(left - 8, cy, bar.point.label, "end", bar.highlight ? "strong" : "");
    }
    const std::string shown = value_text(bar, text);
    const double w = text_width(shown, 12, bar.highlight);
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
      out +=
          svg::halo_label(clear_of_references(xb + 6, w), cy, shown, "start", bar.highlight ? "strong value" : "value");
    } else {
      out += svg::halo_label(std::min(clear_of_references(xs(0) + 6, w), width - 2 - w), cy, shown, "start", "missing");
    }
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

}  // namespace rf::charts
