// Small helpers shared by the chart functions (internal to src/charts/).
#pragma once

#include <string>
#include <string_view>

#include "charts/chart.hpp"

namespace rf::charts::svg {

// A coordinate with one decimal and a decimal point (SVG syntax, not de-DE).
std::string num(double v);
// <svg …> with role="img", aria-labelledby, <title> and <desc>.
std::string open(const ChartText& text, int width, int height, std::string_view css_class);
// Escaped text content / attribute value.
std::string esc(std::string_view text);
// A <text> element.
std::string label(double x, double y, std::string_view text, std::string_view anchor = "start",
                  std::string_view css_class = "");
// The symbol of series `index` (circle, square, triangle, diamond …) centred on x, y,
// with a <title> tooltip and data-value.
std::string marker(std::size_t index, double x, double y, double r, std::string_view colour, double value,
                   std::string_view tooltip);
// A value for data-value attributes: "%.12g", decimal point.
std::string exact(double v);
// A rectangle in SVG user units.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool overlaps(const Box& o, double gap = 0) const {
    return x0 < o.x1 + gap && o.x0 < x1 + gap && y0 < o.y1 + gap && o.y0 < y1 + gap;
  }
  bool inside(double width, double height) const { return x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height; }
};
// The box a browser gives a <text> at x, y (baseline) with this anchor.
Box text_box(double x, double y, std::string_view text, std::string_view anchor = "start", double font_size = 12,
             bool bold = false);
// `text`, shortened with "…" at a character boundary until it is at most `max_width` px wide.
std::string fit_text(std::string_view text, double max_width, double font_size = 12, bool bold = false);
// A <text> with a white halo, readable where it crosses lines.
std::string halo_label(double x, double y, std::string_view text, std::string_view anchor = "start",
                       std::string_view css_class = "");
// A safe id fragment from any text.
std::string id_part(std::string_view text);

}  // namespace rf::charts::svg
