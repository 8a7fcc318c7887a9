// /monitor/indikatoren/{id}: time series (Ruhr, NRW, Deutschland and a chosen
// Kreis), ranking of the 15 Kreise, a map, the breakdown by groups,
// disparities, goals, definition and downloads.
#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>

#include "charts/bar_chart.hpp"
#include "charts/choropleth.hpp"
#include "charts/line_chart.hpp"
#include "charts/table.hpp"
#include "monitor/engine/disparity.hpp"
#include "monitor/store/goals.hpp"
#include "monitor/open_data/module.hpp"
#include "monitor/pages/pages.hpp"
#include "monitor/pages/page_views.hpp"
#include "monitor/engine/value_rows.hpp"
#include "text/html.hpp"
#include "text/number.hpp"

namespace rf::monitor {

namespace {

std::string polarity_text(Polarity p) {
  switch (p) {
    case Polarity::up_is_good: return "Ein höherer Wert ist günstiger.";
    case Polarity::down_is_good: return "Ein niedrigerer Wert ist günstiger.";
    default: return "Der Indikator beschreibt Rahmenbedingungen; höher oder niedriger ist nicht an sich günstiger.";
  }
}

std::vector<std::pair<std::string, std::string>> download_links(const std::string& id, const std::string& by) {
  const std::string base = "/api/v1/indicators/" + id + "/";
  const std::string q = by.empty() ? "" : "?by=" + by;
  // The German spreadsheet dialect first: a double click opens it in Excel.
  return {{"CSV für Excel (Semikolon, Dezimalkomma)", base + "excel.csv" + q},
          {"Excel (XLSX)", base + "daten.xlsx" + q},
          {"CSV maschinenlesbar (Komma, Dezimalpunkt)", base + "daten.csv" + q},
          {"Data Package", base + "datapackage.zip" + q},
          {"SDMX-CSV", base + "sdmx.csv" + q},
          {"JSON", base + "values" + q}};
}

// The notes of a value, without duplicates.
void add_notes(std::vector<std::string>& notes, const IndicatorValue& v) {
  for (const auto& n : v.notes) {
    if (std::find(notes.begin(), notes.end(), n) == notes.end()) notes.push_back(n);
  }
}

// Variants for phones: the same data drawn as wide as the narrow map.
std::string narrow_line(charts::LineChart chart) {
  chart.width = kNarrowMap.width;
  chart.height = 280 + 22 * static_cast<int>(chart.series.size());
  chart.text.id += "-schmal";
  return charts::line_chart(chart);
}

std::string narrow_bar(charts::BarChart chart) {
  chart.width = kNarrowMap.width;
  chart.text.id += "-schmal";
  return charts::bar_chart(chart);
}

// A bar chart as a figure: the chart, its phone-width version and the data
// table with the same numbers; footnotes and downloads are the caller's.
Figure bar_figure(const charts::BarChart& chart, const IndicatorInfo& info, const std::string& period, std::string id,
                  std::string title, std::string subtitle, const std::string& row_header = "") {
  Figure f;
  f.id = std::move(id);
  f.title = std::move(title);
  f.subtitle = std::move(subtitle);
  f.svg = charts::bar_chart(chart);
  f.svg_narrow = narrow_bar(chart);
  auto table = charts::table_of(chart);
  table.caption = f.title + ", " + period + " (" + info.unit + ")";
  if (!row_header.empty()) table.row_header = row_header;
  f.table_html = charts::data_table(table);
  f.source = info.source;
  return f;
}

// A line chart as a figure: the chart, its phone-width version and the data
// table with the same numbers; the subtitle names the regions and the periods
// shown. Footnotes and downloads are the caller's.
Figure line_figure(const charts::LineChart& chart, const IndicatorInfo& info, std::string id, std::string title,
                   const std::string& regions) {
  Figure f;
  f.id = std::move(id);
  f.title = std::move(title);
  f.subtitle = regions + ", " + chart.x_labels.front() + "–" + chart.x_labels.back();
  f.svg = charts::line_chart(chart);
  f.svg_narrow = narrow_line(chart);
  auto table = charts::table_of(chart);
  table.caption = f.title + " (" + info.unit + ")";
  f.table_html = charts::data_table(table);
  f.source = info.source;
  return f;
}

struct Page {
  const IndicatorDef* def = nullptr;
  const IndicatorInfo* info = nullptr;
  std::string kreis;  // chosen Kreis code or ""
  std::string kreis_name;
  std::string period;  // period of ranking and map
  std::vector<std::string> periods;
};

// The values a page asks for more than once, each computed once per render:
// the Ruhr's, NRW's and Germany's series feed the choice of the period, the
// key figures, the time series, the ranking's reference lines and the
// disparities.
class PageValues {
 public:
  PageValues(const IndicatorView& view, const Page& p) : engine_(engine_of(view)), def_(*p.def), periods_(p.periods) {}

  // What view.value(indicator, region, period, group) gives; region a code or alias.
  const IndicatorValue& value(std::string_view region, const std::string& period, const BreakdownGroup& group = {}) {
    auto code = engine_.resolve_region(region);
    Key key{code ? *code : std::string(region), period, group.dimension, group.group};
    auto it = values_.find(key);
    if (it == values_.end()) it = values_.emplace(std::move(key), engine_.value(def_, region, period, group)).first;
    return it->second;
  }
  // What view.series(indicator, region, group) gives.
  std::vector<SeriesPoint> series(std::string_view region, const BreakdownGroup& group = {}) {
    std::vector<SeriesPoint> out;
    for (const auto& period : periods_) out.push_back({period, value(region, period, group)});
    return out;
  }
  // What view.latest_period(indicator, region) gives.
  std::optional<std::string> latest_period(std::string_view region) {
    for (auto it = periods_.rbegin(); it != periods_.rend(); ++it) {
      if (value(region, *it).value) return *it;
    }
    return std::nullopt;
  }

 private:
  using Key = std::tuple<std::string, std::string, std::string, std::string>;  // region, period, dimension, group
  const Engine& engine_;
  const IndicatorDef& def_;
  const std::vector<std::string>& periods_;
  std::map<Key, IndicatorValue> values_;
};

// With one or two periods a line says nothing: compare the regions as bars.
std::string comparison_figure(PageValues& values, const Page& p,
                              const std::vector<std::pair<std::string, std::string>>& regions) {
  const auto& info = *p.info;
  charts::BarChart chart;
  std::vector<std::string> notes = info.footnotes;
  for (const auto& [code, name] : regions) {
    const auto& v = values.value(code, p.period);
    charts::Bar bar;
    bar.point = data_point(name, v);
    bar.highlight = code == "ruhr";
    chart.bars.push_back(bar);
    if (code == "ruhr") add_notes(notes, v);
  }
  const std::string period = IndicatorView::period_label(p.period);
  chart.text = {"vergleich", info.title + " im Vergleich, " + period,
                "Balkendiagramm: Ruhrgebiet, NRW, Deutschland" +
                    std::string(p.kreis.empty() ? "" : " und " + p.kreis_name) +
                    ". Für diesen Indikator liegt nur ein Zeitraum vor.",
                info.unit, info.decimals};
  Figure f = bar_figure(chart, info, period, "abb-verlauf", info.title + " im Vergleich",
                        period + "; eine Zeitreihe liegt noch nicht vor");
  f.footnotes = notes;
  f.downloads = download_links(info.id, "");
  return figure_html(f);
}

std::string series_figure(PageValues& values, const Page& p, const std::vector<Goal>& goals) {
  const auto& info = *p.info;
  charts::LineChart chart;
  std::vector<std::pair<std::string, std::string>> regions = {
      {"ruhr", "Ruhrgebiet"}, {"05", "Nordrhein-Westfalen"}, {"DG", "Deutschland"}};
  if (!p.kreis.empty()) regions.emplace_back(p.kreis, p.kreis_name);
  if (p.periods.size() < 3) return comparison_figure(values, p, regions);
  for (const auto& period : p.periods) chart.x_labels.push_back(IndicatorView::period_label(period));
  std::vector<std::string> notes = info.footnotes;
  for (const auto& [code, name] : regions) {
    charts::LineSeries s;
    s.name = name;
    s.emphasis = code == "ruhr";
    for (const auto& point : values.series(code)) {
      s.values.push_back(point.value.value);
      s.markers.push_back(point.value.status == Status::ok ? "" : std::string(status_marker(point.value.status)));
      if (code == "ruhr" && point.period == p.periods.back()) add_notes(notes, point.value);
    }
    chart.series.push_back(std::move(s));
  }
  for (const auto& g : goals) {
    if (g.region == "ruhr" && g.group.empty()) {
      chart.target = g.target_value;
      chart.target_label = "Ziel " + std::to_string(g.target_year) + ": " +
                           charts::format_value(g.target_value, info.decimals, info.unit);
      break;
    }
  }
  std::string names;
  for (std::size_t i = 0; i < regions.size(); ++i)
    names += (i ? (i + 1 == regions.size() ? " und " : ", ") : "") + regions[i].second;
  chart.text = {"verlauf", info.title + " im Zeitverlauf",
                "Liniendiagramm: " + info.title + " für " + names + ", " + chart.x_labels.front() + " bis " +
                    chart.x_labels.back() + ". Die Werte stehen auch in der Tabelle unter der Abbildung.",
                info.unit, info.decimals};
  Figure f = line_figure(chart, info, "abb-verlauf", info.title + " im Zeitverlauf", names);
  f.footnotes = notes;
  f.downloads = download_links(info.id, "");
  return figure_html(f);
}

std::string ranking_figure(const IndicatorView& view, PageValues& values, const Page& p) {
  const auto& info = *p.info;
  auto ranking = view.ruhr_ranking(info.id, p.period);
  charts::BarChart chart;
  std::vector<std::string> notes;
  for (const auto& e : ranking) {
    charts::Bar bar;
    bar.point = data_point((e.rank ? std::to_string(e.rank) + ". " : std::string()) + e.name, e.value);
    bar.highlight = e.region == p.kreis;
    chart.bars.push_back(bar);
  }
  const auto& ruhr = values.value("ruhr", p.period);
  const auto& nrw = values.value("nrw", p.period);
  if (ruhr.value) chart.references.push_back({"Ruhrgebiet " + value_text(ruhr, info), *ruhr.value});
  if (nrw.value) chart.references.push_back({"NRW " + value_text(nrw, info), *nrw.value});
  add_notes(notes, ruhr);
  const std::string order =
      info.polarity == Polarity::down_is_good ? "niedrigster Wert zuerst" : "höchster Wert zuerst";
  const std::string period = IndicatorView::period_label(p.period);
  chart.text = {"rangfolge", "Rangfolge der 15 Kreise und kreisfreien Städte, " + period,
                "Balkendiagramm, " + order + "; gestrichelte Linien: Ruhrgebiet und NRW.", info.unit, info.decimals};
  Figure f =
      bar_figure(chart, info, period, "abb-rangfolge", info.title + ": Kreise und kreisfreie Städte des Ruhrgebiets",
                 period + ", " + order, "Rang und Gebiet");
  f.footnotes = notes;
  const std::string query = "?period=" + text::escape_attribute(p.period);
  f.downloads = {{"CSV der Kreise für Excel", "/api/v1/indicators/" + info.id + "/excel.csv" + query},
                 {"maschinenlesbar", "/api/v1/indicators/" + info.id + "/daten.csv" + query}};
  return figure_html(f);
}

std::string map_figure(const ModulePtr& module, const IndicatorView& view, const Page& p) {
  const auto& info = *p.info;
  const auto& engine = engine_of(view);
  // Gemeinden when the indicator has Gemeinde data for the period (schools, child poverty).
  const bool municipal = view.value(info.id, "05913000", p.period).value.has_value();
  const MapShapes& shapes = municipal ? module->gemeinden_shapes() : module->kreise_shapes();
  const auto& features = shapes.features;
  if (features.empty()) return "";
  std::set<std::string> ruhr(engine.regions().members("ruhr").begin(), engine.regions().members("ruhr").end());
  charts::Choropleth map;
  charts::DataTable table;
  table.row_header = municipal ? "Gemeinde" : "Kreis / kreisfreie Stadt";
  table.columns = {"Wert"};
  table.unit = info.unit;
  table.decimals = info.decimals;
  std::vector<std::pair<std::string, std::size_t>> order;
  std::vector<std::string> codes;
  codes.reserve(features.size());
  for (const auto& feature : features) codes.push_back(feature.code);
  // Every area's value in one pass over the indicator's series.
  const std::vector<IndicatorValue> values = engine.values(*p.def, codes, p.period);
  for (std::size_t i = 0; i < features.size(); ++i) {
    const auto& feature = features[i];
    const IndicatorValue& v = values[i];
    charts::MapArea a;
    a.code = feature.code;
    const Region* r = engine.regions().find(feature.code);
    a.name = r ? r->name : feature.name;
    a.value = v.value;
    a.marker = v.status == Status::ok ? "" : std::string(status_marker(v.status));
    a.highlight = ruhr.count(feature.code) > 0;
    map.areas.push_back(a);
    order.emplace_back(a.name, map.areas.size() - 1);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [name, i] : order) {
    const auto& a = map.areas[i];
    table.row_labels.push_back(a.highlight ? name + " (Ruhrgebiet)" : name);
    table.cells.push_back({charts::DataPoint{name, a.value, a.marker}});
  }
  const std::string period = IndicatorView::period_label(p.period);
  const std::string level = municipal ? "Gemeinden" : "Kreise und kreisfreien Städte";
  map.text = {"karte", info.title + " in den " + level + " Nordrhein-Westfalens, " + period,
              "Karte der " + std::to_string(map.areas.size()) + " " + level +
                  " in NRW in fünf Klassen, je Klasse eigene Farbe und Schraffur; das Ruhrgebiet ist schwarz umrandet.",
              info.unit, info.decimals};
  map.higher_is_darker = true;
  // The outlines come precomputed in the features' order (no value labels, so no rings needed).
  map.width = kWideMap.width;
  map.height = kWideMap.height;
  map.outlines = &shapes.wide;
  Figure f;
  f.id = "abb-karte";
  f.title = info.title + " in NRW";
  f.subtitle = std::string(municipal ? "Gemeinden" : "Kreise und kreisfreie Städte") + ", " + period +
               "; dick umrandet: Mitglieder des Regionalverbands Ruhr";
  f.svg = charts::choropleth(map);
  // A phone-sized variant, for the Gemeinden too: scaled down, the wide map's
  // legend would be 5-6 px (at 320 px the paths drop more points, so the
  // narrow map of the Gemeinden adds well under the wide one's weight).
  map.width = kNarrowMap.width;
  map.height = kNarrowMap.height;
  map.outlines = &shapes.narrow;
  map.text.id += "-schmal";
  f.svg_narrow = charts::choropleth(map);
  table.caption = f.title + " nach " + level + ", " + period;
  f.table_html = charts::data_table(table);
  f.source = info.source + "; Geometrien: © GeoBasis-DE / BKG (Daten verändert)";
  f.footnotes = {"Klassen nach Quintilen der dargestellten Werte; Gebiete ohne Angabe schraffiert grau."};
  return figure_html(f);
}

// What every indicator page of one statistics snapshot shares, kept while the
// snapshot is current (a new one drops it all):
// - the map of an indicator and period, the same whichever Kreis a visitor
//   compares with (?kreis=…), and the larger half of a page's work (a value per
//   Gemeinde, two SVG maps, their table): the first page of an indicator draws
//   it, its variants reuse it; at most kMaxMaps (each 50–250 KB), oldest first out;
// - the NRW Kreise of the form (a walk over the whole register, ~12,000 regions).
class SnapshotMemo {
 public:
  std::shared_ptr<const std::string> map(const ModulePtr& module, const IndicatorView& view, const Page& p) {
    const std::pair<std::string, std::string> key{p.info->id, p.period};
    {
      std::lock_guard lock(mutex_);
      take(view);
      if (auto it = maps_.find(key); it != maps_.end()) return it->second;
    }
    auto html = std::make_shared<const std::string>(map_figure(module, view, p));
    std::lock_guard lock(mutex_);
    if (serial_ == view.serial() && maps_.emplace(key, html).second) {
      order_.push_back(key);
      if (order_.size() > kMaxMaps) {
        maps_.erase(order_.front());
        order_.pop_front();
      }
    }
    return html;
  }

  std::shared_ptr<const std::vector<std::string>> nrw_kreise(const IndicatorView& view) {
    std::lock_guard lock(mutex_);
    take(view);
    if (!kreise_) kreise_ = std::make_shared<const std::vector<std::string>>(nrw_regions(engine_of(view), false));
    return kreise_;
  }

 private:
  // With mutex_ held: start over for another snapshot.
  void take(const IndicatorView& view) {
    if (serial_ == view.serial()) return;
    serial_ = view.serial();
    maps_.clear();
    order_.clear();
    kreise_.reset();
  }

  static constexpr std::size_t kMaxMaps = 64;
  std::mutex mutex_;
  std::uint64_t serial_ = 0;  // of the snapshot the entries belong to
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const std::string>> maps_;
  std::deque<std::pair<std::string, std::string>> order_;
  std::shared_ptr<const std::vector<std::string>> kreise_;
};

SnapshotMemo& snapshot_memo() {
  static SnapshotMemo memo;
  return memo;
}

// One row of the disparities table: a against b.
mstch::map disparity_row(const std::string& label, const Comparison& c, const IndicatorInfo& info) {
  return mstch::map{{"label", label},
                    {"a", value_html(c.a, info)},
                    {"b", value_html(c.b, info)},
                    {"gap", gap_text(c.gap, info)},
                    {"ratio", c.ratio ? text::format_number(*c.ratio, 2) : std::string("–")}};
}

std::string breakdown_figures(PageValues& values, const Page& p, std::vector<mstch::map>& disparities) {
  const auto& info = *p.info;
  std::string out;
  for (const auto& [dimension, groups] : p.def->groups) {
    if (dimension == "sex" && p.periods.size() >= 3) {
      charts::LineChart chart;
      for (const auto& period : p.periods) chart.x_labels.push_back(IndicatorView::period_label(period));
      for (const auto& [code, name] :
           std::vector<std::pair<std::string, std::string>>{{"ruhr", "Ruhrgebiet"}, {"05", "NRW"}}) {
        for (const auto& [group, label] : groups) {
          charts::LineSeries s;
          s.name = name + ", " + label;
          s.emphasis = code == "ruhr";
          for (const auto& point : values.series(code, {dimension, group})) {
            s.values.push_back(point.value.value);
            s.markers.push_back(point.value.status == Status::ok ? "" : std::string(status_marker(point.value.status)));
          }
          chart.series.push_back(std::move(s));
        }
      }
      chart.text = {"geschlecht", info.title + " nach Geschlecht",
                    "Liniendiagramm nach Geschlecht für das Ruhrgebiet und NRW.", info.unit, info.decimals};
      Figure f = line_figure(chart, info, "abb-geschlecht", info.title + " nach Geschlecht", "Ruhrgebiet und NRW");
      f.footnotes = info.footnotes;
      f.downloads = download_links(info.id, dimension);
      out += figure_html(f);
    } else {
      charts::BarChart chart;
      std::vector<std::pair<std::string, std::string>> regions = {{"ruhr", "Ruhrgebiet"}, {"05", "NRW"}};
      if (!p.kreis.empty()) regions.emplace_back(p.kreis, p.kreis_name);
      for (const auto& [code, name] : regions) {
        for (const auto& [group, label] : groups) {
          charts::Bar bar;
          bar.point = data_point(name + " – " + label, values.value(code, p.period, {dimension, group}));
          bar.highlight = code == "ruhr";
          chart.bars.push_back(bar);
        }
      }
      const std::string period = IndicatorView::period_label(p.period);
      chart.text = {"gruppen-" + dimension, info.title + " nach Gruppen, " + period,
                    "Balkendiagramm der Gruppen für Ruhrgebiet, NRW und die gewählte Region.", info.unit,
                    info.decimals};
      Figure f = bar_figure(chart, info, period, "abb-gruppen-" + dimension, info.title + " nach Gruppen", period);
      f.footnotes = info.footnotes;
      f.downloads = download_links(info.id, dimension);
      out += figure_html(f);
    }
    if (groups.size() >= 2) {
      const BreakdownGroup a{dimension, groups[0].first}, b{dimension, groups[1].first};
      auto c = compare(values.value("ruhr", p.period, a), values.value("ruhr", p.period, b), p.def->group_label(a),
                       p.def->group_label(b));
      disparities.push_back(disparity_row(c.label_a + " gegenüber " + c.label_b + " (Ruhrgebiet)", c, info));
    }
  }
  return out;
}

// The Kreis (any NRW Kreis, from the GET form; unknown input is ignored) and
// the period (the Ruhr's latest unless one of the indicator's is asked for).
void choose_kreis_and_period(const http::Request& req, const IndicatorView& view, PageValues& values,
                             const std::vector<std::string>& kreise, Page& p) {
  if (auto k = req.query.get("kreis"); k && k->size() == 5 && std::binary_search(kreise.begin(), kreise.end(), *k)) {
    p.kreis = *k;
    p.kreis_name = view.region(*k)->name;
  }
  auto latest = values.latest_period("ruhr");
  p.period = latest ? *latest : p.periods.back();
  if (auto z = req.query.get("zeitraum")) {
    if (std::find(p.periods.begin(), p.periods.end(), *z) != p.periods.end()) p.period = *z;
  }
}

// The head of the page: definition and the key figures of the period.
mstch::map key_figures(const IndicatorView& view, PageValues& values, const Page& p) {
  const auto& info = *p.info;
  const auto& ruhr = values.value("ruhr", p.period);
  const auto& nrw = values.value("nrw", p.period);
  const auto& de = values.value("DG", p.period);
  auto trend = compute_trend(values.series("ruhr"), info.polarity, info.decimals);
  mstch::map context{
      {"id", info.id},
      {"title", info.title},
      {"definition", info.definition},
      {"stage", std::string(stage_label(info.stage))},
      {"stage_slug", std::string(stage_slug(info.stage))},
      {"unit", info.unit},
      {"polarity", polarity_text(info.polarity)},
      {"source", info.source},
      {"period_label", IndicatorView::period_label(p.period)},
      {"ruhr", value_html(ruhr, info)},
      {"nrw", value_html(nrw, info)},
      {"de", value_html(de, info)},
      {"gap_label", comparison_to_nrw(*p.def, ruhr, nrw).first},
      {"gap", comparison_to_nrw(*p.def, ruhr, nrw).second},
      {"trend", trend_html(trend)},
      {"streak", trend.streak > 1 ? std::to_string(trend.streak) + " Schritte in Folge günstig" : std::string()}};
  if (trend.change && trend.baseline_period) {
    context["trend_change"] =
        gap_text(trend.change, info) + " seit " + IndicatorView::period_label(*trend.baseline_period);
  }
  if (!ruhr.missing_members.empty()) {
    std::string names;
    for (const auto& m : ruhr.missing_members) {
      auto r = view.region(m);
      names += (names.empty() ? "" : ", ") + (r ? r->name : m);
    }
    context["missing"] = names;
  }
  return context;
}

// The GET form's choices: Ruhr Kreise, other NRW Kreise, periods (newest first).
void add_form_options(mstch::map& context, const IndicatorView& view, const std::vector<std::string>& kreise,
                      const Page& p) {
  mstch::array ruhr_options, other_options, period_options;
  std::set<std::string> ruhr_codes;
  for (const auto& r : view.ruhr_kreise()) {
    ruhr_codes.insert(r.code);
    ruhr_options.push_back(mstch::map{{"code", r.code}, {"name", r.name}, {"selected", r.code == p.kreis}});
  }
  for (const auto& code : kreise) {
    if (code.size() != 5 || ruhr_codes.count(code)) continue;
    auto r = view.region(code);
    other_options.push_back(mstch::map{{"code", code}, {"name", r ? r->name : code}, {"selected", code == p.kreis}});
  }
  for (auto it = p.periods.rbegin(); it != p.periods.rend(); ++it) {
    period_options.push_back(
        mstch::map{{"key", *it}, {"label", IndicatorView::period_label(*it)}, {"selected", *it == p.period}});
  }
  context["ruhr_options"] = ruhr_options;
  context["other_options"] = other_options;
  context["period_options"] = period_options;
  context["no_kreis"] = p.kreis.empty();
}

// Ruhr against NRW, and the chosen Kreis against the Ruhr.
std::vector<mstch::map> region_disparities(const IndicatorView& view, PageValues& values, const Page& p) {
  const auto& info = *p.info;
  auto name = [&view](const std::string& code) {
    auto r = view.region(code);
    return r ? r->name : code;
  };
  std::vector<mstch::map> out;
  out.push_back(disparity_row(
      "Ruhrgebiet gegenüber NRW",
      compare(values.value("ruhr", p.period), values.value("nrw", p.period), name("ruhr"), name("nrw")), info));
  if (!p.kreis.empty()) {
    out.push_back(disparity_row(
        p.kreis_name + " gegenüber Ruhrgebiet",
        compare(values.value(p.kreis, p.period), values.value("ruhr", p.period), p.kreis_name, name("ruhr")), info));
  }
  return out;
}

mstch::array goal_rows(const IndicatorView& view, const IndicatorInfo& info, const std::vector<Goal>& goals) {
  mstch::array out;
  for (const auto& g : goals) {
    auto a = assess_goal(g, view);
    auto r = view.region(g.region);
    out.push_back(mstch::map{
        {"title", g.title},
        {"region", r ? r->name : g.region},
        {"baseline", IndicatorView::period_label(g.baseline_period) + ": " +
                         (a.baseline_value ? charts::format_value(*a.baseline_value, info.decimals, info.unit) : "–")},
        {"target",
         charts::format_value(g.target_value, info.decimals, info.unit) + " bis " + std::to_string(g.target_year)},
        {"status", std::string(goal_status_label(a.status))},
        {"slug", std::string(goal_status_slug(a.status))},
        {"explanation", a.explanation}});
  }
  return out;
}

// How the indicator is computed, per source.
mstch::array source_rows(const IndicatorDef& def) {
  mstch::array sources;
  for (const auto& s : def.sources) {
    mstch::map src;
    if (s.kind == IndicatorSource::Kind::counts) {
      src["kind"] = std::string("Zählwerte: Summe der Zähler geteilt durch Summe der Nenner");
      src["numerator"] = s.total.numerator.text();
      src["denominator"] = s.total.denominator.empty() ? std::string() : s.total.denominator.text();
    } else {
      src["kind"] = "Veröffentlichte Quoten, für Zusammenfassungen gewichtet mit " +
                    (s.weight_label.empty() ? std::string("der Bezugsbevölkerung") : s.weight_label);
      src["rate"] = s.total.rate.text();
      std::string weights;
      for (const auto& w : s.total.weights) weights += (weights.empty() ? "" : "\n") + w.text();
      src["weights"] = weights;
    }
    sources.push_back(src);
  }
  return sources;
}

// Every download, and by the first breakdown when there is one.
mstch::array download_rows(const IndicatorDef& def) {
  mstch::array downloads;
  std::string by = def.groups.empty() ? "" : def.groups.front().first;
  for (const auto& [label, href] : download_links(def.info.id, "")) {
    downloads.push_back(mstch::map{{"label", label}, {"href", href}});
  }
  if (!by.empty()) {
    for (const auto& [label, href] : download_links(def.info.id, by)) {
      downloads.push_back(mstch::map{{"label", label + " nach Gruppen"}, {"href", href}});
    }
  }
  return downloads;
}

http::Response indicator_page(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  const auto& engine = engine_of(view);
  Page p;
  p.def = engine.catalogue().find(req.param("id"));
  if (!p.def) return monitor_not_found(req, module->services, "Diesen Indikator gibt es nicht im Katalog.");
  p.info = &p.def->info;
  const auto& info = *p.info;
  p.periods = view.periods(info.id);
  if (p.periods.empty()) {
    return monitor_page(req, module->services, info.title, "monitor/indikator_leer",
                        mstch::map{{"title", info.title}, {"definition", info.definition}});
  }
  const auto kreise_list = snapshot_memo().nrw_kreise(view);
  const auto& kreise = *kreise_list;
  PageValues values(view, p);
  choose_kreis_and_period(req, view, values, kreise, p);
  const std::vector<Goal> goals = list_goals(module->services.pool, info.id);
  mstch::map context = key_figures(view, values, p);
  add_form_options(context, view, kreise, p);
  context["series_heading"] = std::string(p.periods.size() < 3 ? "Vergleich" : "Zeitverlauf");
  LargeParts figures;
  context["series_figure"] = figures.hold(series_figure(values, p, goals));
  context["ranking_figure"] = figures.hold(ranking_figure(view, values, p));
  context["map_figure"] = figures.hold(snapshot_memo().map(module, view, p));
  std::vector<mstch::map> disparities = region_disparities(view, values, p);
  context["breakdown_figures"] = figures.hold(breakdown_figures(values, p, disparities));
  context["disparities"] = mstch::array(disparities.begin(), disparities.end());
  const mstch::array goal_views = goal_rows(view, info, goals);
  context["goals"] = goal_views;
  context["has_goals"] = !goal_views.empty();
  context["sources"] = source_rows(*p.def);
  mstch::array footnotes;
  for (const auto& n : info.footnotes) footnotes.push_back(n);
  context["footnotes"] = footnotes;
  context["downloads"] = download_rows(*p.def);
  return monitor_page(req, module->services, info.title, "monitor/indikator", std::move(context), figures);
}

}  // namespace

void register_indicator_pages(http::Router& router, const ModulePtr& module) {
  router.get("/monitor/indikatoren/{id}", cached(module, indicator_page));
}

}  // namespace rf::monitor
