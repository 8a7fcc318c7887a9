// A line chart of time series: one line per series over shared x labels
// (periods), a point mark (circle, square, triangle, diamond …) per value,
// gaps where a value is missing, a legend with line styles. Margins, label
// thinning and legend columns follow the measured label widths, so that no
// label leaves the chart or overlaps another.
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
  // The value axis covers the data. It starts at zero when the data are not
  // negative and zero is near (the lowest value at most half the highest);
  // otherwise it fits the data, so that close lines do not merge into one
  // band. y_min / y_max widen it (e.g. 0 and 100 when a figure asks for it).
  std::optional<double> y_min;
  std::optional<double> y_max;
  std::optional<double> target;  // an optional target line (goal)
  std::string target_label;
};

// The SVG; one mark (data-value) per present value.
std::string line_chart(const LineChart& chart);

}  // namespace rf::charts
