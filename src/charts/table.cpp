#include "charts/table.hpp"

#include "charts/bar_chart.hpp"
#include "charts/line_chart.hpp"
#include "charts/svg.hpp"
#include "text/html.hpp"

namespace rf::charts {

namespace {

std::string cell_text(const DataPoint& p, int decimals, const std::string& unit) {
  if (p.value) {
    std::string out = text::escape_html(format_value(*p.value, decimals, unit));
    if (!p.marker.empty()) {
      out += " <abbr title=\"" + text::escape_attribute(missing_text(p.marker)) + "\">" + text::escape_html(p.marker) +
             "</abbr>";
    }
    return out;
  }
  const std::string marker = p.marker.empty() ? "." : p.marker;
  return "<abbr title=\"" + text::escape_attribute(missing_text(marker)) + "\">" + text::escape_html(marker) +
         "</abbr>";
}

// A table with a chart's title, unit and decimals, and rows named by `row_header`.
DataTable empty_table(const ChartText& text, std::string row_header) {
  DataTable t;
  t.caption = text.title;
  t.row_header = std::move(row_header);
  t.unit = text.unit;
  t.decimals = text.decimals;
  return t;
}

}  // namespace

std::string data_table(const DataTable& table) {
  std::string out = "<table class=\"data-table\"";
  if (!table.id.empty()) out += " id=\"" + text::escape_attribute(table.id) + "\"";
  out += "><caption>" + text::escape_html(table.caption) + "</caption><thead><tr><th scope=\"col\">" +
         text::escape_html(table.row_header) + "</th>";
  for (const auto& c : table.columns) out += "<th scope=\"col\" class=\"num\">" + text::escape_html(c) + "</th>";
  out += "</tr></thead><tbody>";
  for (std::size_t r = 0; r < table.row_labels.size(); ++r) {
    out += "<tr><th scope=\"row\">" + text::escape_html(table.row_labels[r]) + "</th>";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const DataPoint empty;
      const DataPoint& p = r < table.cells.size() && c < table.cells[r].size() ? table.cells[r][c] : empty;
      out += "<td class=\"num\"";
      if (p.value) out += " data-value=\"" + svg::exact(*p.value) + "\"";
      out += ">" + cell_text(p, table.decimals, table.unit) + "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
  return out;
}

DataTable table_of(const LineChart& chart) {
  DataTable t = empty_table(chart.text, "Zeitraum");
  for (const auto& s : chart.series) t.columns.push_back(s.name);
  for (std::size_t i = 0; i < chart.x_labels.size(); ++i) {
    t.row_labels.push_back(chart.x_labels[i]);
    std::vector<DataPoint> row;
    for (const auto& s : chart.series) {
      DataPoint p;
      p.label = chart.x_labels[i];
      if (i < s.values.size()) p.value = s.values[i];
      if (i < s.markers.size()) p.marker = s.markers[i];
      row.push_back(p);
    }
    t.cells.push_back(std::move(row));
  }
  return t;
}

DataTable table_of(const BarChart& chart) {
  DataTable t = empty_table(chart.text, "Gebiet");
  t.columns.push_back("Wert");
  for (const auto& b : chart.bars) {
    t.row_labels.push_back(b.point.label);
    t.cells.push_back({b.point});
  }
  return t;
}

}  // namespace rf::charts
