// A horizontal bar chart for rankings and comparisons: one bar per category,
// value labels at the bars, missing values shown as their marker, optional
// reference lines (e.g. the Ruhr and NRW values).
#pragma once

#include <string>
#include <vector>

#include "charts/chart.hpp"

namespace rf::charts {

struct Bar {
  DataPoint point;
  bool highlight = false;  // e.g. the chosen Kreis
};

struct ReferenceLine {
  std::string label;  // "Ruhrgebiet 7,9 %"
  double value = 0;
};

struct BarChart {
  ChartText text;
  std::vector<Bar> bars;  // drawn top to bottom in this order
  std::vector<ReferenceLine> references;
  int width = 820;
  int bar_height = 22;
};

// The SVG; one mark (data-value) per bar with a value.
std::string bar_chart(const BarChart& chart);

}  // namespace rf::charts
