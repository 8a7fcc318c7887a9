// A numbered figure or table of the report and the data behind it. Built
// once from its directive (figure_builder.hpp); the same numbers then feed
// the SVG chart, the HTML data table, the CSV and the XLSX export, so they
// can never disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "charts/chart.hpp"
#include "report/diagnostics.hpp"

namespace rf::report {

enum class FigureType {
  line,     // zeitreihe: periods × regions
  bar,      // balken: one value per region, in the given order
  ranking,  // rangfolge: one value per region, sorted, with reference lines
  map,      // karte: choropleth of Kreise or municipalities
  table,    // tabelle: regions × indicators or periods
};

struct FigureColumn {
  std::string label;  // heading, e.g. "Ruhrgebiet" or "2023"
  std::string unit;
  int decimals = 1;
};

struct FigureReference {
  std::string label;  // "Metropole Ruhr"
  double value = 0;
};

struct Figure {
  std::string id;  // anchor and file name, e.g. "abb-2-1" or the author's id=
  FigureType type = FigureType::line;
  std::string number;     // "2.1" in a chapter, "3" in a profile
  std::string code;       // five-digit web code
  std::string data_path;  // its CSV/XLSX without extension, e.g. "daten/abb-2-1"
  std::string title;
  std::string subtitle;  // "Anteil in %, 2010–2022"
  std::string unit;      // of the chart's values
  int decimals = 1;
  std::string row_header;             // "Jahr", "Region"
  std::vector<std::string> row_keys;  // period keys or region codes
  std::vector<std::string> row_labels;
  std::vector<FigureColumn> columns;
  std::vector<std::string> column_keys;               // region codes, period keys or indicator ids
  std::vector<std::vector<charts::DataPoint>> cells;  // [row][column]
  // Tables with one indicator per row: each row's unit and decimals (else the column's).
  std::vector<FigureColumn> row_formats;
  std::vector<std::string> sources;  // joined into "Quelle: …; eigene Berechnungen"
  // The ids of the indicators the figure reads, each once, in order (codes.json:
  // an import's update report names the figures a new edition changes).
  std::vector<std::string> indicators;
  std::vector<std::string> footnotes;
  std::vector<std::string> highlight;  // row keys drawn emphasised
  std::vector<FigureReference> references;
  // Time series: the value axis covers at least this range (achse=0-100);
  // else the chart fits the data.
  std::optional<double> axis_from, axis_to;
  std::string map_level;  // "kreise" or "gemeinden"
  bool map_nrw = false;   // map shows all of NRW
  SourceLocation where;

  bool is_table() const { return type == FigureType::table; }
  // "Abbildung 2.1" / "Tabelle 2.1"
  std::string label() const;
  // "Quelle: IT.NRW …; eigene Berechnungen"
  std::string source_line() const;
  // Unit and decimals of a cell.
  const FigureColumn& format_of(std::size_t row, std::size_t column) const {
    return row < row_formats.size() ? row_formats[row] : columns[column];
  }
  // Number of cells with a value.
  std::size_t value_count() const;
};

// The sources of a figure split at "; " into their parts, each once, in order.
std::vector<std::string> source_parts(const std::vector<std::string>& sources);

// Merges footnotes that differ only in numbers or dates ("… (31.12.2016) … von
// 15 Gebieten", "… (31.12.2017) … von 21 Gebieten") into one: varying numbers
// become a range ("15 bis 21"), varying dates "31.12.2016 bis 31.12.2017".
std::vector<std::string> merge_similar_notes(const std::vector<std::string>& notes);

// The German legend line for the markers used in the figure, e.g.
// "Zeichenerklärung: . = Zahlenwert unbekannt oder geheim zu halten"; "" when none.
std::string marker_legend(const Figure& figure);

}  // namespace rf::report
