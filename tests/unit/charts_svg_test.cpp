#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "charts/bar_chart.hpp"
#include "charts/choropleth.hpp"
#include "charts/geo.hpp"
#include "charts/line_chart.hpp"
#include "charts/sparkline.hpp"
#include "charts/svg.hpp"
#include "charts/table.hpp"

using namespace rf::charts;

namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) ++n;
  return n;
}

std::vector<std::string> data_values(const std::string& html, const std::string& element_prefix) {
  std::vector<std::string> out;
  std::regex re(element_prefix + "[^>]*data-value=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

LineChart sample_line() {
  LineChart c;
  c.text = {"verlauf-test", "Schulabgänger/-innen ohne Abschluss", "Ruhrgebiet über NRW", "%", 1};
  c.x_labels = {"2019", "2020", "2021", "2022", "2023"};
  c.series.push_back({"Ruhrgebiet", {7.1, 7.4, std::nullopt, 8.0, 7.7357}, true, {"e", "e", ".", "e", ""}});
  c.series.push_back({"Nordrhein-Westfalen", {5.9, 6.1, 6.3, 6.6, 6.4}, false, {}});
  return c;
}

}  // namespace

TEST(ChartsSvg, LineChartHasOneMarkPerValueAndAccessibleText) {
  auto c = sample_line();
  std::string svg = line_chart(c);
  EXPECT_EQ(count(svg, "class=\"mark\""), 9u);  // 4 + 5 present values
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"verlauf-test-title verlauf-test-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"verlauf-test-title\">Schulabgänger/-innen ohne Abschluss</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"verlauf-test-desc\">"), std::string::npos);
  // de-DE numbers in tooltips, the gap splits the Ruhr line in two.
  EXPECT_NE(svg.find("Ruhrgebiet, 2023: 7,7\u00a0%"), std::string::npos);
  EXPECT_EQ(count(svg, "<polyline"), 3u);
  EXPECT_EQ(svg.find("style="), std::string::npos);  // CSP: no inline styles
}

TEST(ChartsSvg, DataTableEqualsTheChartData) {
  auto c = sample_line();
  std::string svg = line_chart(c);
  std::string table = data_table(table_of(c));
  // Chart marks are drawn series by series (emphasised last), the table row
  // by row: compare as multisets.
  auto chart_values = data_values(svg, "class=\"mark\"");
  auto table_values = data_values(table, "<td class=\"num\"");
  std::sort(chart_values.begin(), chart_values.end());
  std::sort(table_values.begin(), table_values.end());
  EXPECT_EQ(chart_values, table_values);
  EXPECT_NE(table.find("<caption>Schulabgänger/-innen ohne Abschluss</caption>"), std::string::npos);
  EXPECT_NE(table.find("<th scope=\"row\">2021</th>"), std::string::npos);
  EXPECT_NE(table.find("7,7\u00a0%"), std::string::npos);
  EXPECT_NE(table.find("title=\"keine Angabe (.)\">.</abbr>"), std::string::npos);
  EXPECT_NE(table.find(">e</abbr>"), std::string::npos);
}

TEST(ChartsSvg, BarChartRankingWithReferencesAndMissingValues) {
  BarChart c;
  c.text = {"rangfolge", "Rangfolge", "15 Kreise", "%", 1};
  c.bars = {{{"Bottrop", 4.7, ""}, false}, {{"Essen", 8.3, ""}, true}, {{"Bochum", std::nullopt, "."}, false}};
  c.references = {{"Ruhrgebiet 7,7 %", 7.7}, {"NRW 6,4 %", 6.4}};
  std::string svg = bar_chart(c);
  EXPECT_EQ(count(svg, "class=\"mark\""), 2u);
  EXPECT_NE(svg.find("keine Angabe (.)"), std::string::npos);
  EXPECT_NE(svg.find("Essen: 8,3\u00a0%"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"reference\""), 2u);
  auto table = data_table(table_of(c));
  EXPECT_EQ(count(table, "<tr>"), 4u);  // header + 3 rows
  EXPECT_EQ(data_values(table, "<td class=\"num\"").size(), 2u);
}

TEST(ChartsSvg, SparklineMarksEveryValue) {
  Sparkline s;
  s.text = {"spark-1", "Verlauf", "2015 bis 2020", "%", 1};
  for (int y = 2015; y <= 2020; ++y)
    s.points.push_back({std::to_string(y), y == 2017 ? std::nullopt : std::optional<double>(y - 2000.0), ""});
  std::string svg = sparkline(s);
  EXPECT_EQ(count(svg, "class=\"mark\""), 5u);
  EXPECT_NE(svg.find("<title id=\"spark-1-title\">Verlauf</title>"), std::string::npos);
}

TEST(ChartsSvg, ChoroplethOfTheNrwKreise) {
  std::ifstream in(std::string(RF_SOURCE_DIR) + "/data/geo/nrw_kreise_sim200.geojson");
  std::ostringstream text;
  text << in.rdbuf();
  auto features = parse_geojson(text.str(), "AGS");
  ASSERT_TRUE(features) << features.error().message;
  ASSERT_EQ(features->size(), 53u);
  Choropleth map;
  map.text = {"karte", "Karte", "Kreise in NRW", "%", 1};
  int with_value = 0;
  for (const auto& f : *features) {
    MapArea a{f.code, f.name, f.rings, std::nullopt, ".", false, false};
    if (f.code.rfind("059", 0) != 0) {
      a.value = std::stoi(f.code.substr(3, 2)) / 10.0;
      ++with_value;
    }
    a.highlight = f.code == "05913";
    map.areas.push_back(a);
  }
  std::string svg = choropleth(map);
  EXPECT_EQ(count(svg, "class=\"mark\""), static_cast<std::size_t>(with_value));
  EXPECT_EQ(count(svg, "<pattern"), 6u);  // 5 classes + "keine Angabe"
  EXPECT_NE(svg.find("keine Angabe"), std::string::npos);
  EXPECT_NE(svg.find("data-code=\"05913\""), std::string::npos);
}

TEST(ChartsSvg, PrecomputedOutlinesDrawTheSameMap) {
  std::ifstream in(std::string(RF_SOURCE_DIR) + "/data/geo/nrw_kreise_sim200.geojson");
  std::ostringstream text;
  text << in.rdbuf();
  auto features = parse_geojson(text.str(), "AGS");
  ASSERT_TRUE(features);
  Choropleth map;
  map.text = {"karte", "Karte", "Kreise in NRW", "%", 1};
  map.width = 320;
  map.height = 295;
  for (const auto& f : *features) {
    map.areas.push_back({f.code, f.name, f.rings, std::stoi(f.code.substr(2, 3)) / 10.0, "", f.code == "05913", false});
  }
  const std::string drawn = choropleth(map);
  const MapOutlines outlines = map_outlines(*features, map.width, map.height);
  ASSERT_EQ(outlines.paths.size(), features->size());
  // Given the outlines, the rings are not needed: the same map from the outlines alone.
  Choropleth from_outlines = map;
  for (auto& a : from_outlines.areas) a.rings.clear();
  from_outlines.outlines = &outlines;
  EXPECT_EQ(choropleth(from_outlines), drawn);
  EXPECT_NE(drawn.find("<path d=\"" + outlines.paths[0] + "\""), std::string::npos);
  // Outlines of other areas (a different count) are ignored: drawn from the rings.
  const MapOutlines fewer = map_outlines({features->begin(), features->begin() + 3}, map.width, map.height);
  map.outlines = &fewer;
  EXPECT_EQ(choropleth(map), drawn);
}

TEST(ChartsSvg, ClassesAndQuantiles) {
  auto breaks = quantile_breaks({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5);
  EXPECT_EQ(breaks, (std::vector<double>{2, 4, 6, 8, 10}));
  EXPECT_EQ(class_of(1, breaks), 0);
  EXPECT_EQ(class_of(2, breaks), 0);
  EXPECT_EQ(class_of(2.5, breaks), 1);
  EXPECT_EQ(class_of(10, breaks), 4);
  auto ticks = nice_ticks(0, 8.3, 6);
  EXPECT_EQ(ticks.front(), 0);
  EXPECT_GE(ticks.back(), 8.3);
  EXPECT_EQ(format_value(1234.5, 1, "%"), "1.234,5\u00a0%");
}

TEST(ChartsSvg, Utm32InverseAgainstKnownPoints) {
  // On the central meridian (9° E) the northing is k0 · M(φ); for φ = 50° the
  // GRS80 meridian arc is 5 540 847,042 m (series of Helmert), so
  // N = 0,9996 · 5 540 847,042 = 5 538 630,703 m.
  auto p = utm32_to_lonlat(500000, 5538630.703);
  EXPECT_NEAR(p.lon, 9.0, 1e-9);
  EXPECT_NEAR(p.lat, 50.0, 1e-6);
  // Dortmund city centre, 51,5136° N 7,4653° E; E/N from the forward series
  // (Snyder eqs. 8-9, 8-10) on GRS80: E 393 506,835, N 5 708 058,187.
  auto d = utm32_to_lonlat(393506.835, 5708058.187);
  EXPECT_NEAR(d.lat, 51.5136, 1e-6);
  EXPECT_NEAR(d.lon, 7.4653, 1e-6);
}

namespace {

// Every <text> of an SVG with the box the charts' text measure gives it;
// problems: a box outside the viewBox, two boxes that overlap.
struct TextBox {
  std::string text;
  double x0, y0, x1, y1;
};

std::string unescape(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
      s.replace(pos, from.size(), to);
    }
  }
  return s;
}

std::vector<TextBox> text_boxes(const std::string& svg) {
  std::vector<TextBox> out;
  std::regex re("<text([^>]*)>([^<]*)</text>");
  auto attr = [](const std::string& attrs, const std::string& name) -> std::string {
    std::smatch m;
    if (std::regex_search(attrs, m, std::regex(" " + name + "=\"([^\"]*)\""))) return m[1];
    return "";
  };
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) {
    const std::string attrs = (*it)[1];
    const std::string content = unescape((*it)[2]);
    const double size = attr(attrs, "font-size").empty() ? 12 : std::stod(attr(attrs, "font-size"));
    const bool bold = attr(attrs, "class").find("strong") != std::string::npos;
    const std::string anchor = attr(attrs, "text-anchor");
    const double x = std::stod(attr(attrs, "x")), y = std::stod(attr(attrs, "y"));
    const double w = text_width(content, size, bold);
    const double x0 = anchor == "middle" ? x - w / 2 : anchor == "end" ? x - w : x;
    out.push_back({content, x0, y - kTextAscent * size, x0 + w, y + kTextDescent * size});
  }
  return out;
}

std::vector<std::string> layout_problems(const std::string& svg) {
  std::smatch m;
  EXPECT_TRUE(std::regex_search(svg, m, std::regex("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"")));
  const double width = std::stod(m[1]), height = std::stod(m[2]);
  std::vector<std::string> problems;
  auto boxes = text_boxes(svg);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const auto& a = boxes[i];
    if (a.x0 < -0.01 || a.y0 < -0.01 || a.x1 > width + 0.01 || a.y1 > height + 0.01) {
      problems.push_back("„" + a.text + "“ leaves the viewBox");
    }
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      const auto& b = boxes[j];
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) {
        problems.push_back("„" + a.text + "“ overlaps „" + b.text + "“");
      }
    }
  }
  return problems;
}

// The value axis' tick labels of a line chart, as numbers.
std::vector<double> tick_values(const std::string& chart) {
  const auto from = chart.find("<g class=\"axis y-axis\"");
  const std::string svg = chart.substr(from, chart.find("</g>", from) - from);
  std::vector<double> out;
  std::regex re("class=\"tick\" fill=\"#1b1b1f\">([-0-9.,]+)</text>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) {
    std::string v = (*it)[1];
    v.erase(std::remove(v.begin(), v.end(), '.'), v.end());
    std::replace(v.begin(), v.end(), ',', '.');
    out.push_back(std::stod(v));
  }
  return out;
}

}  // namespace

TEST(ChartsLayout, TextWidthIsChromiumsForDejaVuSans) {
  // Chromium measured "Ruhrgebiet 7,9 %" in DejaVu Sans at 1000 px: 8657 px
  // (with kerning, which the estimate leaves out: it may only be a little wider).
  EXPECT_GE(text_width("Ruhrgebiet 7,9 %", 1000), 8657);
  EXPECT_LE(text_width("Ruhrgebiet 7,9 %", 1000), 8657 * 1.015);
  EXPECT_NEAR(text_width("Ärzte", 12), text_width("Arzte", 12), 1e-9);
  EXPECT_GT(text_width("Essen", 12, true), text_width("Essen", 12));
  EXPECT_EQ(text_width("", 12), 0);
}

TEST(ChartsLayout, LineChartAxisFollowsTheDataUnlessAsked) {
  LineChart c;
  c.text = {"quote", "Betreuungsquote", "vier Regionen", "%", 1};
  c.x_labels = {"2019", "2020", "2021", "2022", "2023"};
  c.series = {{"Ruhrgebiet", {91.2, 92.0, 92.4, 93.1, 93.5}, true, {}},
              {"Nordrhein-Westfalen", {92.5, 93.0, 93.6, 94.0, 94.4}, false, {}},
              {"Deutschland", {93.0, 93.4, 93.8, 94.1, 94.9}, false, {}},
              {"Essen", {89.9, 90.5, 91.7, 92.2, 92.8}, false, {}}};
  auto ticks = tick_values(line_chart(c));
  ASSERT_GE(ticks.size(), 3u);
  EXPECT_GT(ticks.front(), 80);  // not 0: the four lines would merge into one band
  EXPECT_LE(ticks.front(), 89.9);
  EXPECT_GE(ticks.back(), 94.9);
  c.y_min = 0;
  c.y_max = 100;
  ticks = tick_values(line_chart(c));
  EXPECT_EQ(ticks.front(), 0);
  EXPECT_EQ(ticks.back(), 100);
  // Rates far from zero relative to their spread start at zero.
  c.y_min.reset();
  c.y_max.reset();
  for (auto& s : c.series) s.values = {2.0, 3.0, 4.0, 5.0, 6.0};
  EXPECT_EQ(tick_values(line_chart(c)).front(), 0);
}

TEST(ChartsLayout, NoTextLeavesTheChartOrOverlapsAnother) {
  // School years as x labels (the last one was clipped), a long unit, a long
  // target label, long series names; wide and phone width.
  LineChart line;
  line.text = {"verlauf", "Schulabgänger", "Zeitreihe", "je 1.000 Einwohner im Alter von 15 bis 64 Jahren", 1};
  for (int y = 2008; y <= 2023; ++y) {
    line.x_labels.push_back(std::to_string(y) + "/" + std::to_string((y + 1) % 100));
  }
  for (const char* name : {"Ruhrgebiet", "Nordrhein-Westfalen", "Deutschland", "Ennepe-Ruhr-Kreis, weiblich",
                           "Recklinghausen, ausländische Staatsangehörige"}) {
    LineSeries s{name, {}, std::string(name) == "Ruhrgebiet", {}};
    for (std::size_t i = 0; i < line.x_labels.size(); ++i) s.values.push_back(1200.0 + 37.0 * static_cast<double>(i));
    line.series.push_back(s);
  }
  line.target = 1900;
  line.target_label = "Ziel 2030: 1.900,0 je 1.000 Einwohner im Alter von 15 bis 64 Jahren";
  for (int width : {960, 640, 360}) {
    line.width = width;
    line.height = width == 360 ? 300 + 22 * 5 : 380;
    EXPECT_EQ(layout_problems(line_chart(line)), std::vector<std::string>{}) << width;
  }
  // A ranking whose value labels sit where the reference lines run, long
  // names, a missing value, negative values.
  BarChart bars;
  bars.text = {"rangfolge", "Rangfolge", "15 Kreise", "EUR", 0};
  const char* names[] = {"1. Ennepe-Ruhr-Kreis", "2. Mülheim an der Ruhr", "3. Recklinghausen", "4. Gelsenkirchen",
                         "5. Bochum"};
  double values[] = {31240, 29870, 27950, 27100, -1200};
  for (int i = 0; i < 5; ++i) bars.bars.push_back({{names[i], values[i], i == 2 ? "p" : ""}, i == 1});
  bars.bars.push_back({{"6. Hagen", std::nullopt, "."}, false});
  bars.references = {{"Ruhrgebiet 27.950 EUR", 27950}, {"Nordrhein-Westfalen 31.240 EUR", 31240}};
  for (int width : {820, 360}) {
    bars.width = width;
    std::string svg = bar_chart(bars);
    EXPECT_EQ(layout_problems(svg), std::vector<std::string>{}) << width;
  }
  bars.bars.push_back(
      {{"Nordrhein-Westfalen ohne das Ruhrgebiet – Deutsche ohne Migrationshintergrund", 5.0, ""}, false});
  bars.width = 820;
  EXPECT_EQ(layout_problems(bar_chart(bars)), std::vector<std::string>{});
  // A map of the NRW Kreise with every value written in: small neighbours
  // (Herne, Bochum, Gelsenkirchen) would overlap.
  std::ifstream in(std::string(RF_SOURCE_DIR) + "/data/geo/nrw_kreise_sim200.geojson");
  std::ostringstream geo;
  geo << in.rdbuf();
  auto features = parse_geojson(geo.str(), "AGS");
  ASSERT_TRUE(features) << features.error().message;
  Choropleth map;
  map.text = {"karte", "Karte", "Kreise", "%", 1};
  for (const auto& f : *features) {
    map.areas.push_back({f.code, f.name, f.rings, 10.0 + std::stoi(f.code.substr(2, 3)) / 7.0, "", false, true});
  }
  for (int width : {640, 360}) {
    map.width = width;
    map.height = width == 360 ? 330 : 520;
    std::string svg = choropleth(map);
    EXPECT_EQ(layout_problems(svg), std::vector<std::string>{}) << width;
    EXPECT_GT(count(svg, "paint-order=\"stroke\">"), 15u) << "most areas keep their label";
  }
}

// The SVG numbers are written with std::to_chars; they must stay what
// printf's "%.1f" (coordinates, without a trailing ".0" and "-0") and
// "%.12g" (data-value) wrote, so that pages keep their bytes.
TEST(Svg, NumbersAreWrittenAsPrintfWroteThem) {
  std::vector<double> values = {0,         -0.0,   0.05,    0.15,     0.25,   -0.04,  -0.05,  1.0 / 3,
                                2.5,       123.45, -123.45, 1e-7,     1e15,   1e22,   -1e300, 7.7357,
                                0.1 + 0.2, 99.95,  640,     520.0001, 1e-320, 5e-324, 0.95,   1234567.891011121314};
  std::uint64_t state = 42;
  for (int i = 0; i < 20000; ++i) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    const double unit = static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
    values.push_back((unit - 0.3) * std::pow(10.0, i % 12 - 4));
    values.push_back(std::round(unit * 20000) / 20 - 300);  // many exact halves after rounding
  }
  for (double v : values) {
    char fixed[400], general[40];
    std::snprintf(fixed, sizeof fixed, "%.1f", v);
    std::string expected = fixed;
    if (expected.size() > 2 && expected.ends_with(".0")) expected.resize(expected.size() - 2);
    if (expected == "-0") expected = "0";
    ASSERT_EQ(svg::num(v), expected) << v;
    std::snprintf(general, sizeof general, "%.12g", v);
    ASSERT_EQ(svg::exact(v), general) << v;
  }
  EXPECT_EQ(svg::num(std::nan("")), "0");
  EXPECT_EQ(svg::num(-0.04), "0");
  EXPECT_EQ(svg::num(12.25), "12.2");  // as printf: the double nearest 12.25 is exact, halves go to even
  EXPECT_EQ(svg::exact(7.7357), "7.7357");
}
