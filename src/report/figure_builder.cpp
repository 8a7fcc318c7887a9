#include "report/figure_builder.hpp"

#include <algorithm>
#include <set>

#include "monitor/indicators.hpp"
#include "report/format.hpp"
#include "text/number.hpp"

namespace rf::report {
namespace {

// Collects sources and footnotes of the values that go into a figure.
class Notes {
 public:
  explicit Notes(Figure& figure) : figure_(figure) {}

  void indicator(const monitor::IndicatorInfo& info) {
    if (std::find(figure_.indicators.begin(), figure_.indicators.end(), info.id) == figure_.indicators.end()) {
      figure_.indicators.push_back(info.id);
    }
    add_source(info.source);
    for (const auto& f : info.footnotes) add_footnote(f);
  }
  void value(const monitor::IndicatorValue& v, const std::string& region_name) {
    add_source(v.source);
    for (const auto& n : v.notes) add_footnote(n);
    if (!v.missing_members.empty()) {
      std::string text = region_name + ": kein Wert, da Angaben fehlen für ";
      for (std::size_t i = 0; i < v.missing_members.size(); ++i) {
        if (i) text += ", ";
        text += v.missing_members[i];
      }
      text += ".";
      add_footnote(text);
    }
  }
  void add_source(const std::string& s) {
    if (!s.empty() && std::find(figure_.sources.begin(), figure_.sources.end(), s) == figure_.sources.end()) {
      figure_.sources.push_back(s);
    }
  }
  void add_footnote(const std::string& f) {
    if (!f.empty() && std::find(figure_.footnotes.begin(), figure_.footnotes.end(), f) == figure_.footnotes.end()) {
      figure_.footnotes.push_back(f);
    }
  }

 private:
  Figure& figure_;
};

std::string default_regions(const Resolver& r) {
  return r.definition().region_sets.count("vergleich") ? "vergleich" : "ruhr,nrw";
}

std::string title_of(const monitor::IndicatorInfo& ind, const monitor::BreakdownGroup& b) {
  if (b.empty()) return ind.title;
  return ind.title + " (" + group_label(b) + ")";
}

void common(const Directive& d, Figure& f) {
  if (auto t = d.get("titel")) f.title = *t;
  if (auto t = d.get("untertitel")) f.subtitle = *t;
  f.where = d.where;
}

void finish_notes(const Directive& d, Figure& f) {
  f.footnotes = merge_similar_notes(f.footnotes);
  Notes notes(f);
  for (const auto& extra : d.all("fussnote")) notes.add_footnote(extra);
  for (const auto& extra : d.all("quelle")) notes.add_source(extra);
}

bool check_values(const Directive& d, const Figure& f, const Resolver& r) {
  if (f.value_count() == 0) {
    r.diagnostics().missing(d.where, "„" + f.title + "“: keine Werte für diese Auswahl");
    return false;
  }
  return true;
}

std::optional<Figure> line_figure(const Directive& d, const Resolver& r) {
  const auto* ind = r.indicator(d);
  if (!ind) return std::nullopt;
  auto breakdown = r.breakdown(d, *ind);
  if (!breakdown) return std::nullopt;
  auto regions = r.regions(d, d.get_or("regionen", default_regions(r)));
  if (regions.empty()) return std::nullopt;
  auto periods = r.period_range(d, *ind, d.get_or("von", ""), d.get_or("bis", ""));
  if (periods.empty()) return std::nullopt;

  Figure f;
  f.type = FigureType::line;
  f.title = title_of(*ind, *breakdown);
  f.unit = ind->unit;
  f.decimals = ind->decimals;
  f.row_header = "Jahr";
  f.subtitle = unit_phrase(ind->unit) + ", " + r.data().period_label(periods.front()) + " bis " +
               r.data().period_label(periods.back());
  // Reference dates at the end of each year read better as years ("2015"),
  // with the date in the subtitle.
  bool year_ends = std::all_of(periods.begin(), periods.end(),
                               [](const std::string& p) { return p.size() == 10 && p.substr(4) == "-12-31"; });
  for (const auto& p : periods) {
    f.row_keys.push_back(p);
    f.row_labels.push_back(year_ends ? p.substr(0, 4) : r.data().period_label(p));
  }
  if (year_ends) {
    f.subtitle =
        unit_phrase(ind->unit) + ", jeweils am 31.12., " + f.row_labels.front() + " bis " + f.row_labels.back();
  }
  f.cells.assign(periods.size(), {});
  Notes notes(f);
  notes.indicator(*ind);
  for (const auto& region : regions) {
    f.columns.push_back({r.region_name(region), ind->unit, ind->decimals});
    f.column_keys.push_back(region.code);
    auto series = r.data().series(ind->id, region.code, *breakdown);
    for (std::size_t i = 0; i < periods.size(); ++i) {
      auto it = std::find_if(series.begin(), series.end(),
                             [&](const monitor::SeriesPoint& p) { return p.period == periods[i]; });
      monitor::IndicatorValue v;
      if (it != series.end()) {
        v = it->value;
        notes.value(v, r.region_name(region));
      }
      f.cells[i].push_back(data_point(f.row_labels[i], v));
    }
  }
  if (regions.size() == 1) f.highlight.push_back(regions.front().code);
  // The lines to emphasise (a profile: its own region); else the Ruhr (figure_html.cpp).
  if (auto h = d.get("hervorheben")) {
    for (const auto& region : r.regions(d, *h)) f.highlight.push_back(region.code);
  }
  if (auto axis = d.get("achse")) {
    // "0-100", "-5-5" or "0,5-1,5": two de-DE numbers joined by '-'.
    const auto dash = axis->find('-', 1);
    auto from =
        dash == std::string::npos ? std::nullopt : text::parse_number(axis->substr(0, dash), text::NumberStyle::german);
    auto to = dash == std::string::npos ? std::nullopt
                                        : text::parse_number(axis->substr(dash + 1), text::NumberStyle::german);
    if (!from || !to || !(*from < *to)) {
      r.diagnostics().error(d.where,
                            "„achse“ erwartet VON-BIS mit VON < BIS, z. B. achse=0-100, nicht „" + *axis + "“");
      return std::nullopt;
    }
    f.axis_from = from;
    f.axis_to = to;
  }
  common(d, f);
  finish_notes(d, f);
  if (!check_values(d, f, r)) return std::nullopt;
  return f;
}

// One value per region (bar, ranking, map).
std::optional<Figure> region_figure(const Directive& d, const Resolver& r, FigureType type,
                                    const std::string& default_set) {
  const auto* ind = r.indicator(d);
  if (!ind) return std::nullopt;
  auto breakdown = r.breakdown(d, *ind);
  if (!breakdown) return std::nullopt;
  std::string set = d.get_or("regionen", default_set);
  if (type == FigureType::map) {
    std::string level = d.get_or("ebene", "kreise");
    std::string area = d.get_or("gebiet", "ruhr");
    if (level != "kreise" && level != "gemeinden") {
      r.diagnostics().error(d.where, "„ebene“ ist kreise oder gemeinden, nicht „" + level + "“");
      return std::nullopt;
    }
    if (area != "ruhr" && area != "nrw") {
      r.diagnostics().error(d.where, "„gebiet“ ist ruhr oder nrw, nicht „" + area + "“");
      return std::nullopt;
    }
    if (area == "nrw" && level == "gemeinden") {
      r.diagnostics().error(d.where, "Karten der Gemeinden gibt es nur für gebiet=ruhr");
      return std::nullopt;
    }
    set = area == "nrw" ? "nrw-kreise" : level;
  }
  auto regions = r.regions(d, set);
  if (regions.empty()) return std::nullopt;
  auto period = r.period(d, *ind, d.get_or("periode", "neueste"), "ruhr");
  if (!period) return std::nullopt;

  Figure f;
  f.type = type;
  f.title = title_of(*ind, *breakdown);
  f.unit = ind->unit;
  f.decimals = ind->decimals;
  f.row_header = "Region";
  f.subtitle = unit_phrase(ind->unit) + ", " + r.data().period_label(*period);
  f.columns.push_back({r.data().period_label(*period), ind->unit, ind->decimals});
  f.column_keys.push_back(*period);
  Notes notes(f);
  notes.indicator(*ind);
  struct Row {
    std::string key, label;
    monitor::IndicatorValue value;
  };
  std::vector<Row> rows;
  for (const auto& region : regions) {
    auto v = r.data().value(ind->id, region.code, *period, *breakdown);
    notes.value(v, r.region_name(region));
    rows.push_back({region.code, r.region_name(region), std::move(v)});
  }
  if (type == FigureType::ranking) {
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      if (a.value.value.has_value() != b.value.value.has_value()) return a.value.value.has_value();
      return a.value.value.value_or(0) > b.value.value.value_or(0);
    });
  }
  for (auto& row : rows) {
    f.row_keys.push_back(row.key);
    f.row_labels.push_back(row.label);
    f.cells.push_back({data_point(row.label, row.value)});
  }
  std::string refs = d.get_or("referenz", type == FigureType::ranking ? "ruhr,nrw" : "");
  for (const auto& region : refs.empty() ? std::vector<monitor::RegionInfo>{} : r.regions(d, refs)) {
    auto v = r.data().value(ind->id, region.code, *period, *breakdown);
    notes.value(v, r.region_name(region));
    if (v.value) {
      f.references.push_back({r.region_name(region), *v.value});
    } else {
      r.diagnostics().missing(d.where, "Referenzwert für „" + region.code + "“ fehlt");
    }
  }
  if (auto h = d.get("hervorheben")) {
    for (const auto& region : r.regions(d, *h)) f.highlight.push_back(region.code);
  }
  if (type == FigureType::map) {
    f.map_level = d.get_or("ebene", "kreise");
    f.map_nrw = d.get_or("gebiet", "ruhr") == "nrw";
  }
  common(d, f);
  finish_notes(d, f);
  if (!check_values(d, f, r)) return std::nullopt;
  return f;
}

std::optional<Figure> table_figure(const Directive& d, const Resolver& r) {
  Figure f;
  f.type = FigureType::table;
  f.row_header = "Region";
  auto regions = r.regions(d, d.get_or("regionen", default_regions(r)));
  if (regions.empty()) return std::nullopt;
  Notes notes(f);
  for (const auto& region : regions) {
    f.row_keys.push_back(region.code);
    f.row_labels.push_back(r.region_name(region));
  }
  f.cells.assign(regions.size(), {});

  if (auto list = d.get("indikatoren")) {
    std::vector<const monitor::IndicatorInfo*> indicators;
    for (const auto& id : split_list(*list)) {
      const auto* ind = r.indicator(d, id);
      if (!ind) return std::nullopt;
      indicators.push_back(ind);
    }
    if (indicators.empty()) {
      r.diagnostics().error(d.where, "„indikatoren“ ist leer");
      return std::nullopt;
    }
    std::string orientation = d.get_or("ausrichtung", "regionen");
    if (orientation != "regionen" && orientation != "indikatoren") {
      r.diagnostics().error(d.where, "„ausrichtung“ ist regionen (eine Zeile je Region) oder indikatoren");
      return std::nullopt;
    }
    std::string period_spec = d.get_or("periode", "neueste");
    std::set<std::string> labels;
    // values[i][k]: indicator i, region k.
    std::vector<std::vector<charts::DataPoint>> values;
    std::vector<std::string> headings;
    for (const auto* ind : indicators) {
      auto period = r.period(d, *ind, period_spec, "ruhr");
      if (!period) return std::nullopt;
      labels.insert(r.data().period_label(*period));
      headings.push_back(ind->title + " (" + unit_phrase(ind->unit) + ", " + r.data().period_label(*period) + ")");
      notes.indicator(*ind);
      values.emplace_back();
      for (std::size_t k = 0; k < regions.size(); ++k) {
        std::string period_for_region = *period;
        // A profile table compares like with like: each region at the period chosen for the Ruhr.
        auto v = r.data().value(ind->id, regions[k].code, period_for_region, {});
        notes.value(v, r.region_name(regions[k]));
        values.back().push_back(data_point(r.region_name(regions[k]), v));
      }
    }
    if (orientation == "regionen") {
      for (std::size_t i = 0; i < indicators.size(); ++i) {
        f.columns.push_back({headings[i], indicators[i]->unit, indicators[i]->decimals});
        f.column_keys.push_back(indicators[i]->id);
        for (std::size_t k = 0; k < regions.size(); ++k) f.cells[k].push_back(values[i][k]);
      }
    } else {
      f.row_header = "Kennzahl";
      f.row_keys.clear();
      f.row_labels.clear();
      f.cells.clear();
      for (const auto& region : regions) {
        f.columns.push_back({r.region_name(region), "", 1});
        f.column_keys.push_back(region.code);
      }
      for (std::size_t i = 0; i < indicators.size(); ++i) {
        f.row_keys.push_back(indicators[i]->id);
        f.row_labels.push_back(headings[i]);
        f.row_formats.push_back({headings[i], indicators[i]->unit, indicators[i]->decimals});
        f.cells.push_back(values[i]);
      }
    }
    f.title = "Kennzahlen im Vergleich";
    f.unit = indicators.front()->unit;
    f.decimals = indicators.front()->decimals;
    if (labels.size() == 1) f.subtitle = *labels.begin();
  } else {
    const auto* ind = r.indicator(d);
    if (!ind) return std::nullopt;
    auto breakdown = r.breakdown(d, *ind);
    if (!breakdown) return std::nullopt;
    auto specs = split_list(d.get_or("perioden", "neueste"));
    notes.indicator(*ind);
    for (const auto& spec : specs) {
      auto period = r.period(d, *ind, spec, "ruhr");
      if (!period) return std::nullopt;
      f.columns.push_back({r.data().period_label(*period), ind->unit, ind->decimals});
      f.column_keys.push_back(*period);
      for (std::size_t i = 0; i < regions.size(); ++i) {
        auto v = r.data().value(ind->id, regions[i].code, *period, *breakdown);
        notes.value(v, f.row_labels[i]);
        f.cells[i].push_back(data_point(f.row_labels[i], v));
      }
    }
    f.title = title_of(*ind, *breakdown);
    f.unit = ind->unit;
    f.decimals = ind->decimals;
    f.subtitle = unit_phrase(ind->unit);
  }
  common(d, f);
  finish_notes(d, f);
  if (!check_values(d, f, r)) return std::nullopt;
  return f;
}

}  // namespace

bool is_figure_directive(const Directive& d) { return d.name == "abbildung" || d.name == "tabelle"; }

bool check_arguments(const Directive& d, std::initializer_list<std::string_view> allowed, Diagnostics& diagnostics) {
  bool ok = true;
  for (const auto& [key, value] : d.args) {
    if (key.empty()) {
      if (std::find(allowed.begin(), allowed.end(), std::string_view("")) == allowed.end()) {
        diagnostics.error(d.where, "„" + d.name + "“: unerwartetes Argument „" + value + "“");
        ok = false;
      }
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string known;
      for (auto a : allowed) {
        if (a.empty()) continue;
        if (!known.empty()) known += ", ";
        known += a;
      }
      diagnostics.error(d.where, "„" + d.name + "“: unbekanntes Argument „" + key + "“ (bekannt: " + known + ")");
      ok = false;
    }
  }
  return ok;
}

std::string unit_phrase(std::string_view unit) {
  if (unit.empty()) return "Anzahl";
  if (unit.substr(0, 3) == "je " || unit.substr(0, 4) == "pro ") return std::string(unit);
  return "in " + display_unit(unit);
}

charts::DataPoint data_point(std::string label, const monitor::IndicatorValue& value) {
  charts::DataPoint p;
  p.label = std::move(label);
  if (value.value && monitor::status_has_value(value.status)) p.value = value.value;
  if (value.status != monitor::Status::ok) p.marker = std::string(monitor::status_marker(value.status));
  return p;
}

std::optional<Figure> build_figure(const Directive& d, const Resolver& r) {
  auto allowed = [&](std::initializer_list<std::string_view> extra) {
    std::vector<std::string_view> all = {"id", "titel", "untertitel", "fussnote", "quelle"};
    all.insert(all.end(), extra);
    return all;
  };
  auto check = [&](const std::vector<std::string_view>& keys) {
    bool ok = true;
    for (const auto& [key, value] : d.args) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        std::string known;
        for (auto k : keys) known += (known.empty() ? "" : ", ") + std::string(k);
        r.diagnostics().error(d.where, "„" + d.name + "“: unbekanntes Argument „" + (key.empty() ? value : key) +
                                           "“ (bekannt: " + known + ")");
        ok = false;
      }
    }
    return ok;
  };
  if (d.name == "tabelle") {
    if (!check(allowed({"indikatoren", "indikator", "regionen", "periode", "perioden", "gruppe", "ausrichtung"}))) {
      return std::nullopt;
    }
    return table_figure(d, r);
  }
  std::string type = d.get_or("typ", "");
  if (type == "zeitreihe") {
    if (!check(allowed({"typ", "indikator", "regionen", "von", "bis", "gruppe", "achse", "hervorheben"}))) {
      return std::nullopt;
    }
    return line_figure(d, r);
  }
  if (type == "balken") {
    if (!check(allowed({"typ", "indikator", "regionen", "periode", "referenz", "gruppe", "hervorheben"}))) {
      return std::nullopt;
    }
    return region_figure(d, r, FigureType::bar, default_regions(r));
  }
  if (type == "rangfolge") {
    if (!check(allowed({"typ", "indikator", "regionen", "periode", "referenz", "gruppe", "hervorheben"}))) {
      return std::nullopt;
    }
    return region_figure(d, r, FigureType::ranking, "kreise");
  }
  if (type == "karte") {
    if (!check(allowed({"typ", "indikator", "periode", "ebene", "gebiet", "gruppe", "hervorheben"}))) {
      return std::nullopt;
    }
    return region_figure(d, r, FigureType::map, "kreise");
  }
  r.diagnostics().error(
      d.where, type.empty() ? "„abbildung“: Argument „typ“ fehlt "
                              "(zeitreihe, balken, rangfolge, karte)"
                            : "„abbildung“: unbekannter typ „" + type + "“ (zeitreihe, balken, rangfolge, karte)");
  return std::nullopt;
}

}  // namespace rf::report
