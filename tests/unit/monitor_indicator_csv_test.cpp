// The two CSV dialects of an indicator's values: the German spreadsheet
// dialect (the page's default download) and the machine dialect (API), with
// plain, estimated, secret and zero values.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monitor/open_data/downloads.hpp"
#include "text/csv.hpp"

namespace {

using namespace rf::monitor;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto end = text.find("\r\n", at);
    EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
    if (end == std::string::npos) break;
    out.push_back(text.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

struct Fixture {
  IndicatorDef def;
  std::vector<ValueRow> rows;
  Fixture() {
    def.info.id = "quote";
    def.info.title = "Quote; mit Semikolon";
    def.info.unit = "%";
    def.info.decimals = 1;
    auto row = [&](std::string region, std::optional<double> v, Status s, std::vector<std::string> missing = {}) {
      ValueRow r;
      r.region = region;
      r.region_name = region == "ruhr" ? "Ruhrgebiet" : "Essen";
      r.period = "2023";
      r.value.value = v;
      r.value.status = s;
      r.value.missing_members = std::move(missing);
      rows.push_back(std::move(r));
    };
    row("ruhr", 7.7357, Status::ok);
    row("05113", 1234.56, Status::estimated);
    row("ruhr", std::nullopt, Status::secret, {"05113", "05562"});
    row("05113", 0.0, Status::zero);
  }
};

}  // namespace

TEST(IndicatorCsv, GermanSpreadsheetDialectKeepsMarkersInTheirOwnColumn) {
  Fixture f;
  const std::string csv = indicator_excel_csv(f.def, f.rows, "");
  ASSERT_TRUE(csv.starts_with(rf::text::kUtf8Bom));
  auto lines = lines_of(csv.substr(3));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "Indikator;Regionalschlüssel;Region;Zeitraum;Wert;Status;Einheit;Fehlende Mitglieder");
  // Rounded as published, decimal comma, no thousands groups; the title with
  // a ';' is quoted.
  EXPECT_EQ(lines[1], "\"Quote; mit Semikolon\";ruhr;Ruhrgebiet;2023;7,7;;%;");
  EXPECT_EQ(lines[2], "\"Quote; mit Semikolon\";05113;Essen;2023;1234,6;e;%;");
  EXPECT_EQ(lines[3], "\"Quote; mit Semikolon\";ruhr;Ruhrgebiet;2023;;.;%;05113 05562");
  EXPECT_EQ(lines[4], "\"Quote; mit Semikolon\";05113;Essen;2023;0,0;-;%;");
}

TEST(IndicatorCsv, MachineDialectHasTheRoundedAndTheExactValue) {
  Fixture f;
  const std::string csv = to_csv(indicator_table(f.def, f.rows, ""));
  auto lines = lines_of(csv);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "indicator,region,region_name,period,value,value_exact,status,unit,missing_members");
  EXPECT_EQ(lines[1], "quote,ruhr,Ruhrgebiet,2023,7.7,7.7357,ok,%,");
  EXPECT_EQ(lines[2], "quote,05113,Essen,2023,1234.6,1234.56,e,%,");
  EXPECT_EQ(lines[3], "quote,ruhr,Ruhrgebiet,2023,,,.,%,05113 05562");
  EXPECT_EQ(lines[4], "quote,05113,Essen,2023,0.0,0,-,%,");
}
