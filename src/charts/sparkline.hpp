// A small inline trend line for tables (region profiles): no axes, the last
// value marked; title and description still name what it shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "charts/chart.hpp"

namespace rf::charts {

struct Sparkline {
  ChartText text;
  std::vector<DataPoint> points;  // in time order
  int width = 120;
  int height = 28;
};

// The SVG; one mark (data-value) per present value.
std::string sparkline(const Sparkline& chart);

}  // namespace rf::charts
