#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include "charts/bar_chart.hpp"
#include "charts/choropleth.hpp"
#include "charts/geo.hpp"
#include "charts/line_chart.hpp"
#include "charts/sparkline.hpp"
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
  for (int y = 2015; y <= 2020; ++y) s.points.push_back({std::to_string(y), y == 2017 ? std::nullopt : std::optional<double>(y - 2000.0), ""});
  std::string svg = sparkline(s);
  EXPECT_EQ(count(svg, "class=\"mark\""), 5u);
  EXPECT_NE(svg.find("<title id=\"spark-1-title\">Verlauf</title>"), std::string::npos);
}

TEST(ChartsSvg, ChoroplethOfTheNrwKreise) {
  std::ifstream in(std::string(RF_SOURCE_DIR) + "/data/geo/nrw_kreise_sim200.geojson");
  std::ostringstream text;
  text << in.rdbuf();
  std::string error;
  auto features = parse_geojson(text.str(), "AGS", &error);
  ASSERT_TRUE(features) << error;
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
