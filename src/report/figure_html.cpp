#include "report/figure_html.hpp"

#include <algorithm>

#include "charts/bar_chart.hpp"
#include "charts/choropleth.hpp"
#include "charts/line_chart.hpp"
#include "report/format.hpp"
#include "text/html.hpp"
#include "text/number.hpp"

namespace rf::report {
namespace {

using text::escape_attribute;
using text::escape_html;

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

charts::ChartText chart_text(const Figure& f) {
  charts::ChartText t;
  t.id = "grafik-" + f.id;
  t.title = f.label() + ": " + f.title;
  t.description = figure_description(f);
  t.unit = display_unit(f.unit);
  t.decimals = f.decimals;
  return t;
}

// Phones get their own drawing, 320 px wide: drawn at 1:1 on a 360 px
// screen, its 12 px text stays 12 px instead of shrinking to a third.
constexpr int kNarrowWidth = 320;

charts::ChartText chart_text(const Figure& f, bool narrow) {
  auto t = chart_text(f);
  if (narrow) t.id += "-schmal";
  return t;
}

std::string line_svg(const Figure& f, bool narrow) {
  charts::LineChart chart;
  chart.text = chart_text(f, narrow);
  chart.y_min = f.axis_from;
  chart.y_max = f.axis_to;
  if (narrow) {
    chart.width = kNarrowWidth;
    chart.height = 280 + 22 * static_cast<int>(f.columns.size());
  }
  chart.x_labels = f.row_labels;
  for (std::size_t c = 0; c < f.columns.size(); ++c) {
    charts::LineSeries s;
    s.name = f.columns[c].label;
    const std::string& key = c < f.column_keys.size() ? f.column_keys[c] : std::string();
    // The Ruhr unless the author chose what to emphasise (a profile: its own region).
    s.emphasis = f.highlight.empty() ? key == "ruhr" : contains(f.highlight, key);
    for (const auto& row : f.cells) {
      s.values.push_back(row[c].value);
      s.markers.push_back(row[c].marker);
    }
    chart.series.push_back(std::move(s));
  }
  return charts::line_chart(chart);
}

std::string bar_svg(const Figure& f, bool narrow) {
  charts::BarChart chart;
  chart.text = chart_text(f, narrow);
  if (narrow) chart.width = kNarrowWidth;
  for (std::size_t r = 0; r < f.cells.size(); ++r) {
    charts::Bar bar;
    bar.point = f.cells[r][0];
    bar.point.label = f.row_labels[r];
    // Bars of regions emphasise the Ruhr unless the author chose what to emphasise.
    bar.highlight = contains(f.highlight, f.row_keys[r]) ||
                    (f.type == FigureType::bar && f.highlight.empty() && f.row_keys[r] == "ruhr");
    chart.bars.push_back(std::move(bar));
  }
  for (const auto& ref : f.references) {
    chart.references.push_back({ref.label + " " + format_with_unit(ref.value, f.decimals, f.unit), ref.value});
  }
  return charts::bar_chart(chart);
}

std::string map_svg(const Figure& f, const GeoData* geo, bool narrow) {
  if (!geo) return {};
  const auto& features = f.map_level == "gemeinden" ? geo->municipalities : geo->kreise;
  charts::Choropleth chart;
  chart.text = chart_text(f, narrow);
  std::vector<std::string> ruhr_members;
  for (std::size_t r = 0; r < f.cells.size(); ++r) {
    auto it = features.find(f.row_keys[r]);
    if (it == features.end()) continue;
    charts::MapArea area;
    area.code = f.row_keys[r];
    area.name = f.row_labels[r];
    area.rings = it->second.rings;
    area.value = f.cells[r][0].value;
    area.marker = f.cells[r][0].marker;
    area.highlight = contains(f.highlight, f.row_keys[r]);
    area.show_label = !f.map_nrw && f.map_level == "kreise";
    chart.areas.push_back(std::move(area));
  }
  if (f.map_nrw) {
    chart.width = 640;
    chart.height = 600;
  }
  if (narrow) {
    chart.height = chart.height * kNarrowWidth / chart.width;
    chart.width = kNarrowWidth;
  }
  return charts::choropleth(chart);
}

}  // namespace

std::string cell_text(const charts::DataPoint& p, int decimals) {
  if (!p.value) return p.marker.empty() ? std::string("–") : p.marker;
  std::string out = text::format_number(*p.value, decimals);
  if (!p.marker.empty()) out += " " + p.marker;
  return out;
}

std::string figure_description(const Figure& f) {
  std::string out;
  auto range_text = [&]() {
    // The highest and lowest value, for bar charts and maps.
    const charts::DataPoint* hi = nullptr;
    const charts::DataPoint* lo = nullptr;
    std::size_t hi_row = 0, lo_row = 0;
    for (std::size_t r = 0; r < f.cells.size(); ++r) {
      const auto& p = f.cells[r][0];
      if (!p.value) continue;
      if (!hi || *p.value > *hi->value) hi = &p, hi_row = r;
      if (!lo || *p.value < *lo->value) lo = &p, lo_row = r;
    }
    if (!hi) return std::string();
    return " Höchster Wert: " + f.row_labels[hi_row] + " mit " + format_with_unit(*hi->value, f.decimals, f.unit) +
           "; niedrigster Wert: " + f.row_labels[lo_row] + " mit " + format_with_unit(*lo->value, f.decimals, f.unit) +
           ".";
  };
  switch (f.type) {
    case FigureType::line: {
      out = "Liniendiagramm: " + f.title + " (" + f.subtitle + ") für ";
      for (std::size_t c = 0; c < f.columns.size(); ++c) {
        if (c) out += c + 1 == f.columns.size() ? " und " : ", ";
        out += f.columns[c].label;
      }
      out += ".";
      break;
    }
    case FigureType::bar:
    case FigureType::ranking: out = "Balkendiagramm: " + f.title + " (" + f.subtitle + ")." + range_text(); break;
    case FigureType::map:
      out = "Karte: " + f.title + " (" + f.subtitle + ") nach " +
            (f.map_level == "gemeinden" ? "Gemeinden." : "Kreisen und kreisfreien Städten.") + range_text();
      break;
    case FigureType::table: out = "Tabelle: " + f.title + "."; break;
  }
  out += " Alle Werte stehen in der Datentabelle zur Abbildung.";
  return out;
}

std::string figure_svg(const Figure& f, const GeoData* geo, bool narrow) {
  switch (f.type) {
    case FigureType::line: return line_svg(f, narrow);
    case FigureType::bar:
    case FigureType::ranking: return bar_svg(f, narrow);
    case FigureType::map: return map_svg(f, geo, narrow);
    case FigureType::table: break;
  }
  return {};
}

std::string figure_table_html(const Figure& f, bool caption) {
  std::string out;
  out.reserve(256 + f.cells.size() * f.columns.size() * 48);
  // A table wider than a phone scrolls in its box: the box is reachable by
  // keyboard and named after its table (unique on the page).
  out += "<div class=\"tabelle-rahmen\" role=\"region\" tabindex=\"0\" aria-label=\"" +
         escape_attribute("Daten zu " + f.label() + " (seitlich verschiebbar)") + "\"><table class=\"daten\"";
  if (!caption) out += " aria-label=\"" + escape_attribute("Daten zu " + f.label()) + "\"";
  out += ">";
  if (caption) {
    out += "<caption>Daten zu " + escape_html(f.label()) + " (" + escape_html(f.subtitle) + ")</caption>";
  }
  out += "<thead><tr><th scope=\"col\">" + escape_html(f.row_header) + "</th>";
  for (const auto& c : f.columns) out += "<th scope=\"col\" class=\"num\">" + escape_html(c.label) + "</th>";
  out += "</tr></thead><tbody>";
  for (std::size_t r = 0; r < f.cells.size(); ++r) {
    bool emphasis = contains(f.highlight, f.row_keys[r]);
    out += emphasis ? "<tr class=\"hervorgehoben\">" : "<tr>";
    out += "<th scope=\"row\">" + escape_html(f.row_labels[r]) + "</th>";
    for (std::size_t c = 0; c < f.cells[r].size(); ++c) {
      const auto& p = f.cells[r][c];
      out += "<td class=\"num\"";
      if (p.value) out += " data-value=\"" + machine_number(*p.value) + "\"";
      out += ">" + escape_html(cell_text(p, f.format_of(r, c).decimals)) + "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table></div>";
  return out;
}

std::string figure_html(const Figure& f, const FigureHtmlOptions& options) {
  std::string out;
  out.reserve(16384);
  out += "<figure class=\"abbildung abbildung-" + std::string(f.is_table() ? "tabelle" : "grafik") + "\" id=\"" +
         escape_attribute(f.id) + "\" data-webcode=\"" + escape_attribute(f.code) + "\">\n";
  out += "<figcaption><span class=\"abb-nummer\">" + escape_html(f.label()) + "</span> <span class=\"abb-titel\">" +
         escape_html(f.title) + "</span>";
  if (!f.subtitle.empty()) out += "<span class=\"abb-untertitel\">" + escape_html(f.subtitle) + "</span>";
  out += "</figcaption>\n";
  if (f.is_table()) {
    out += figure_table_html(f, false);
  } else {
    // The wide drawing for screens and print, the narrow one for phones (CSS picks).
    out += "<div class=\"abb-grafik\"><div class=\"abb-breit\">" + figure_svg(f, options.geo, false) +
           "</div><div class=\"abb-schmal\">" + figure_svg(f, options.geo, true) + "</div></div>\n";
    out += "<details class=\"abb-daten\"><summary>Daten zur Abbildung</summary>" + figure_table_html(f, true) +
           "</details>\n";
  }
  out += "<div class=\"abb-fuss\">";
  out += "<p class=\"quelle\">" + escape_html(f.source_line()) + "</p>";
  std::string legend = marker_legend(f);
  if (!f.footnotes.empty() || !legend.empty()) {
    out += "<ol class=\"fussnoten\">";
    for (const auto& note : f.footnotes) out += "<li>" + escape_html(note) + "</li>";
    if (!legend.empty()) out += "<li class=\"zeichen\">" + escape_html(legend) + "</li>";
    out += "</ol>";
  }
  out += "<p class=\"abb-links\"><span class=\"webcode\">Webcode <strong>" + escape_html(f.code) + "</strong>";
  if (!options.base_url.empty()) {
    out += "<span class=\"webcode-url\"> – " + escape_html(options.base_url + "/code/" + f.code) + "</span>";
  }
  out += "</span>";
  if (options.downloads) {
    out += "<span class=\"downloads\"> Daten: <a href=\"" +
           escape_attribute(options.links.to_root + f.data_path + ".csv") + "\" download>CSV</a> · <a href=\"" +
           escape_attribute(options.links.to_root + f.data_path + ".xlsx") + "\" download>XLSX</a></span>";
  }
  out += "</p></div>\n</figure>\n";
  return out;
}

}  // namespace rf::report
