// Building blocks of the monitor's pages: formatted values with their markers,
// figures (chart + source line + footnotes + data table + downloads), and the
// page frame. Big tables are built here in C++; templates hold the frame.
#pragma once

#include <mstch/mstch.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "charts/chart.hpp"
#include "web/web.hpp"
#include "monitor/engine/indicator_state.hpp"
#include "monitor/indicators.hpp"
#include "monitor/engine/trend.hpp"
#include "monitor/store/catalogues.hpp"

namespace rf::monitor {

// "7,7 %" (de-DE, the indicator's decimals and short unit), "–" without value.
std::string value_text(const IndicatorValue& v, const IndicatorInfo& info);
// The same as HTML with the marker as <abbr> ("7,7 % e", "– ."), escaped.
std::string value_html(const IndicatorValue& v, const IndicatorInfo& info);
// A chart data point from a value (value only when it carries one, marker otherwise).
charts::DataPoint data_point(std::string label, const IndicatorValue& v);
// "Prozentpunkte" for "%", else the unit.
std::string gap_unit(const IndicatorInfo& info);
// "+1,3 Prozentpunkte" or "–".
std::string gap_text(std::optional<double> gap, const IndicatorInfo& info);

// Plain counts (a numerator without denominator in every source, e.g.
// "Personen"): a gap to NRW means nothing, the Ruhr's share of NRW does.
bool is_count(const IndicatorDef& def);
// "Abstand zu NRW" / "Anteil an NRW" and its value text.
std::pair<std::string, std::string> comparison_to_nrw(const IndicatorDef& def, const IndicatorValue& ruhr,
                                                      const IndicatorValue& nrw);

struct Figure {
  std::string id;        // unique on the page
  std::string title;     // figcaption
  std::string subtitle;  // regions and periods shown
  std::string svg;
  std::string svg_narrow;  // optional variant for phones (shown below 40rem)
  std::string table_html;
  std::string source;  // without "Quelle: "
  std::vector<std::string> footnotes;
  std::vector<std::pair<std::string, std::string>> downloads;  // label → href
  bool table_open = false;
};
// <figure> with caption, the chart, "Quelle: …; eigene Berechnungen",
// footnotes, the data table (in <details>) and download links.
std::string figure_html(const Figure& f);

// Trend arrow with its text alternative: <span class="trend better"
// aria-hidden>↑</span><span class="visually-hidden">…</span>.
std::string trend_html(const Trend& trend);

// Large HTML (figures of 10–400 KB) kept out of a page's template context.
// mstch copies values while it renders: the whole context when it starts (for
// the page and again for the layout, which also gets the page), a section's
// value when it enters it ({{#map_figure}}), every value it prints, and then
// the page into the layout; for an indicator page that copying was more than
// a quarter of a first render. The context holds a short placeholder instead
// (for a value printed unescaped, {{{name}}}), and fill() puts the HTML into
// the finished page: the same bytes, copied once.
class LargeParts {
 public:
  // A placeholder for `html`; "" stays "", so that {{#name}} still tests for it.
  std::string hold(std::string html);
  // The same for HTML shared with a memo (a map drawn once per snapshot), without copying it.
  std::string hold(std::shared_ptr<const std::string> html);
  // `body` with every placeholder replaced by its HTML.
  std::string fill(std::string_view body) const;

 private:
  std::vector<std::shared_ptr<const std::string>> parts_;
};

// Renders a monitor page: adds the stylesheet and the breadcrumb.
http::Response monitor_page(const http::Request& req, const web::Services& services, std::string_view title,
                            std::string_view template_name, mstch::map context, int status = 200);
// The same with the large parts held in `context` filled in.
http::Response monitor_page(const http::Request& req, const web::Services& services, std::string_view title,
                            std::string_view template_name, mstch::map context, const LargeParts& parts);
// A YAML file the steward pages offer for download (catalogue, code lists).
http::Response yaml_download(std::string text, std::string_view filename);
http::Response monitor_not_found(const http::Request& req, const web::Services& services, std::string_view message);

// The steward pages' small parts: a list of strings for a template and the
// history of the uploaded versions of the catalogue or the code lists (the
// newest 20: id, comment, German date, who).
mstch::array string_list(const std::vector<std::string>& items);
mstch::array version_history(const web::Services& services, VersionedText kind);

// Escaping shortcut.
std::string h(std::string_view text);

}  // namespace rf::monitor
