// A figure as HTML: <figure> with its number and title, the SVG chart, the
// data table (the accessible alternative, collapsed on screen), the source
// line, footnotes, the legend of markers, the web code and links to the
// figure's CSV and XLSX. Tables (Tabelle x.y) show the table itself.
#pragma once

#include <string>

#include "report/figure.hpp"
#include "report/geo_data.hpp"
#include "report/links.hpp"

namespace rf::report {

struct FigureHtmlOptions {
  PageLinks links;
  const GeoData* geo = nullptr;
  bool downloads = true;  // links to daten/<id>.csv and .xlsx
  std::string base_url;   // printed with the web code ("online: …/code/12345")
};

std::string figure_html(const Figure& figure, const FigureHtmlOptions& options);

// The SVG of a figure's chart ("" for tables); `narrow`: the phone drawing.
std::string figure_svg(const Figure& figure, const GeoData* geo, bool narrow = false);

// The data table of a figure (numbers in de-DE format, markers kept).
std::string figure_table_html(const Figure& figure, bool caption);

// What a screen reader hears about the chart.
std::string figure_description(const Figure& figure);

// A cell as printed: "7,9", "7,9 e", "." for a secret value.
std::string cell_text(const charts::DataPoint& point, int decimals);

}  // namespace rf::report
