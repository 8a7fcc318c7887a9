// The accessible alternative to every chart: an HTML table with a caption,
// row headers, de-DE numbers and markers, built from the same data the chart
// got (so the table always equals the chart).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "charts/chart.hpp"

namespace rf::charts {

struct DataTable {
  std::string caption;
  std::string row_header;            // heading of the first column, e.g. "Jahr"
  std::vector<std::string> columns;  // value columns, e.g. series names
  std::vector<std::string> row_labels;
  std::vector<std::vector<DataPoint>> cells;  // [row][column]
  std::string unit;
  int decimals = 1;
  std::string id;  // optional id attribute
};

std::string data_table(const DataTable& table);

struct LineChart;
struct BarChart;
// Tables from chart inputs: rows = x labels, columns = series (line chart);
// rows = bars (bar chart).
DataTable table_of(const LineChart& chart);
DataTable table_of(const BarChart& chart);

}  // namespace rf::charts
