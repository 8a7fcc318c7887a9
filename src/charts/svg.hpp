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
// A safe id fragment from any text.
std::string id_part(std::string_view text);

}  // namespace rf::charts::svg
