// A line chart of time series: one line per series over shared x labels
// (periods), a point mark (circle, square, triangle, diamond …) per value,
// gaps where a value is missing, a legend with line styles.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "charts/chart.hpp"

namespace rf::charts {

struct LineSeries {
  std::string name;                           // legend, e.g. "Ruhrgebiet"
  std::vector<std::optional<double>> values;  // one per x label
  bool emphasis = false;                      // drawn thicker, on top
  std::vector<std::string> markers;           // optional: marker per x label ("e", ".")
};

struct LineChart {
  ChartText text;
  std::vector<std::string> x_labels;  // e.g. {"2015", "2016", …}
  std::vector<LineSeries> series;
  int width = 960;
  int height = 380;
  std::optional<double> y_min;   // default: 0 for non-negative data
  std::optional<double> target;  // an optional target line (goal)
  std::string target_label;
};

// The SVG; one mark (data-value) per present value.
std::string line_chart(const LineChart& chart);

}  // namespace rf::charts
