// The GENESIS table importer against the real exports in tests/data/genesis
// (named cells, marker counts) and small hand-written variants.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <sstream>
#include <string>

#include "monitor/import/importer.hpp"

namespace {

using namespace rf::monitor;

const std::string kGenesis = RF_TEST_DATA_DIR + "/genesis/";

ParsedTable parse(const std::string& name) {
  auto t = parse_file(kGenesis + name);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().to_string());
  return t.ok() ? std::move(*t) : ParsedTable{};
}

const Cell& cell(const ParsedTable& t, const std::string& region, const std::string& period,
                 const std::vector<std::pair<std::string, std::string>>& breakdown) {
  const SeriesSpec* spec = t.find_series(breakdown);
  EXPECT_NE(spec, nullptr) << "no single series for the breakdown";
  static const Cell kNone{};
  if (!spec) return kNone;
  const Cell* c = t.find(region, period, spec->key);
  EXPECT_NE(c, nullptr) << region << " " << period << " " << spec->key;
  return c ? *c : kNone;
}

TEST(GenesisTable, SchoolLeaversGelsenkirchen) {
  auto t = parse("21111-02-06-4.csv");
  EXPECT_EQ(t.meta.code, "21111-02-06-4");
  EXPECT_EQ(t.meta.format, Format::genesis_table);
  EXPECT_EQ(t.meta.encoding, "windows-1252");
  EXPECT_EQ(t.meta.title,
            "Absolvierende/Abgehende allgemeinbildender Schulen nach Geschlecht und Abschlussarten "
            "- Schuljahr - regionale Tiefe: Kreise und krfr. Städte");
  EXPECT_EQ(t.meta.statistic, "Statistik der allgemeinbildenden Schulen");
  EXPECT_EQ(t.meta.publisher, "Statistische Ämter des Bundes und der Länder, Deutschland");
  EXPECT_EQ(t.meta.licence, "dl-de/by-2-0");
  EXPECT_EQ(t.meta.stand, "2025-03-13");
  EXPECT_NE(t.meta.footnotes.find("Nordrhein-Westfalen: ab 2019/20"), std::string::npos);

  const Cell& without = cell(t, "05513", "2023", {{"h2", "ohne Hauptschulabschluss"}, {"h3", "Insgesamt"}});
  EXPECT_TRUE(without.has_value);
  EXPECT_EQ(without.value, 370);
  EXPECT_EQ(without.status, Status::ok);
  const Cell& total = cell(t, "05513", "2023", {{"h2", "Insgesamt"}, {"h3", "Insgesamt"}});
  EXPECT_EQ(total.value, 2845);
  const Cell& female = cell(t, "05513", "2023", {{"h2", "ohne Hauptschulabschluss"}, {"h3", "weiblich"}});
  EXPECT_EQ(female.value, 135);
  EXPECT_EQ(t.series_specs[without.series].unit, "Anzahl");

  EXPECT_EQ(t.summary.cells, 538u * 14u);
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::zero)], 1955u);
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::secret)], 102u);
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::not_applicable)], 114u);
  EXPECT_EQ(t.summary.regions, 538u);
  EXPECT_EQ(t.summary.periods, std::vector<std::string>{"2023"});
}

TEST(GenesisTable, MarkersStayMarkers) {
  auto t = parse("21111-02-06-4.csv");
  // Schleswig-Holstein, 2023: "-" for the schulischer Teil der Fachhochschulreife.
  for (const auto& c : t.cells) {
    if (c.status != Status::ok) {
      EXPECT_FALSE(c.has_value);
    }
  }
  // Berlin-Mitte was not secret here, but Hessen-wide "." cells exist.
  std::size_t secret = 0;
  for (const auto& c : t.cells) secret += c.status == Status::secret;
  EXPECT_EQ(secret, 102u);
}

TEST(GenesisTable, RowLabelColumnAndThreeHeaderLevels) {
  auto t = parse("21111-01-03-4.csv");
  ASSERT_EQ(t.meta.dimensions.size(), 4u);
  EXPECT_EQ(t.meta.dimensions.back().key, "r1");
  const Cell& pupils = cell(
      t, "05513", "2023",
      {{"h1", "Schülerinnen und Schüler an allgemeinbildenden Schulen"}, {"h3", "Insgesamt"}, {"r1", "Grundschulen"}});
  EXPECT_EQ(pupils.value, 11725);
  const Cell& blocked =
      cell(t, "05513", "2023", {{"h3", "11. Jahrgangsstufe / Einführungsphase"}, {"r1", "Hauptschulen"}});
  EXPECT_EQ(blocked.status, Status::not_applicable);
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::zero)], 14288u);
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::secret)], 23u);
}

TEST(GenesisTable, StackedMultiYearExport) {
  auto t = parse("12411-0018.csv");
  EXPECT_EQ(t.meta.code, "12411-0018");
  EXPECT_EQ(t.summary.periods.size(), 6u);
  EXPECT_EQ(t.summary.periods.front(), "2015-12-31");
  EXPECT_EQ(t.summary.periods.back(), "2020-12-31");
  const Cell& c = cell(t, "01001", "2015-12-31", {{"h1", "männlich"}, {"h2", "unter 3 Jahre"}});
  EXPECT_EQ(c.value, 1143);
  const Cell& last = cell(t, "16077", "2020-12-31", {{"h1", "weiblich"}, {"h2", "75 Jahre und mehr"}});
  EXPECT_EQ(last.value, 8785);
  EXPECT_EQ(t.meta.dimensions[0].name, "Geschlecht");
  EXPECT_EQ(t.meta.publisher, "Statistisches Bundesamt (Destatis)");
  EXPECT_EQ(t.series_specs[0].unit, "Anzahl");  // from the title line "Bevölkerungsstand (Anzahl)"
}

TEST(GenesisTable, PeriodFromHeaderWhenThereIsNoPeriodColumn) {
  auto t = parse("22811-01i.csv");
  EXPECT_EQ(t.meta.code, "22811-01i");
  EXPECT_EQ(t.summary.periods, std::vector<std::string>{"2023"});
  ASSERT_EQ(t.series_specs.size(), 1u);
  EXPECT_EQ(t.series_specs[0].unit, "Prozent");
  const Cell* duisburg = t.find("05112", "2023", t.series_specs[0].key);
  ASSERT_NE(duisburg, nullptr);
  EXPECT_DOUBLE_EQ(duisburg->value, 17.0);
  const Cell* gelsenkirchen = t.find("05513", "2023", t.series_specs[0].key);
  ASSERT_NE(gelsenkirchen, nullptr);
  EXPECT_DOUBLE_EQ(gelsenkirchen->value, 22.0);
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::secret)], 2u);
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::not_applicable)], 1u);
}

TEST(GenesisTable, LandesdatenbankMunicipalities) {
  auto t = parse("12411-15i.csv");
  EXPECT_EQ(t.meta.publisher, "IT.NRW, Düsseldorf");
  ASSERT_EQ(t.series_specs.size(), 3u);
  EXPECT_EQ(t.series_specs[1].unit, "qkm");
  EXPECT_EQ(t.series_specs[2].unit, "EW pro qkm");
  const Cell* people = t.find("05513", "2024-12-31", t.series_specs[0].key);
  ASSERT_NE(people, nullptr);
  EXPECT_EQ(people->value, 267930);
  const Cell* area = t.find("05513", "2024-12-31", t.series_specs[1].key);
  ASSERT_NE(area, nullptr);
  EXPECT_DOUBLE_EQ(area->value, 104.94);
  // Indentation is not part of the name.
  for (const auto& r : t.region_list) EXPECT_NE(r.name.front(), ' ');
}

TEST(GenesisTable, UnemploymentWithRegierungsbezirkeAndSecretCells) {
  auto t = parse("13211-02-05-4.csv");
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::zero)], 1027u);
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::secret)], 218u);
  // The first column has no second-level label: its key is the first level alone.
  const Cell* de = t.find("DG", "2025", "h1=Arbeitslose");
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->value, 2948092);
  EXPECT_EQ(t.find("DG", "2025", "h1=Arbeitslose|h2=ausländisch")->value, 1081475);
  const Cell& rate = cell(t, "05513", "2025", {{"h1", "Arbeitslosenquote bez. abh. zivile Erwerbspers."}});
  EXPECT_DOUBLE_EQ(rate.value, 16.4);
}

TEST(GenesisTable, YouthOfficesAndAgeGroupRows) {
  auto t = parse("22517-02i.csv");
  bool youth_office = false;
  for (const auto& r : t.region_list) youth_office |= r.level == RegionLevel::youth_office;
  EXPECT_TRUE(youth_office);
  auto ages = parse("12411-02-03-4_NRW.csv");
  EXPECT_EQ(ages.meta.code, "12411-02-03-4");
  const Cell& nrw = cell(ages, "05", "2023-12-31", {{"h1", "männlich"}, {"r1", "6 bis unter 10 Jahre"}});
  EXPECT_EQ(nrw.value, 359878);
}

TEST(GenesisTable, EveryTableFileParses) {
  for (const char* name :
       {"12411-0018.csv", "12411-02-03-4_NRW.csv", "12411-09i.csv", "12411-15i.csv", "13211-02-05-4.csv",
        "21111-01-03-4.csv", "21111-02-06-4.csv", "22517-02i.csv", "22541-01-01-4.csv", "22542-01-02-4.csv",
        "22542-06i.csv", "22811-01i.csv", "82411-01-03-4.csv"}) {
    auto t = parse_file(kGenesis + name);
    ASSERT_TRUE(t.ok()) << t.error().to_string();
    EXPECT_GT(t->summary.cells, 0u) << name;
    EXPECT_FALSE(t->meta.stand.empty()) << name;
    EXPECT_FALSE(t->meta.publisher.empty()) << name;
    EXPECT_FALSE(t->meta.title.empty()) << name;
  }
}

// Marker counts of every table against a naive count over the raw text: the
// cells of data lines (before the "__________" footer) that are exactly a
// marker. Independent of the importer's header analysis.
TEST(GenesisTable, MarkerCountsOfEveryFileMatchANaiveCount) {
  for (const char* name :
       {"12411-0018.csv", "12411-02-03-4_NRW.csv", "12411-09i.csv", "12411-15i.csv", "13211-02-05-4.csv",
        "21111-01-03-4.csv", "21111-02-06-4.csv", "22517-02i.csv", "22541-01-01-4.csv", "22542-01-02-4.csv",
        "22542-06i.csv", "22811-01i.csv", "82411-01-03-4.csv"}) {
    std::ifstream in(kGenesis + name, std::ios::binary);
    std::string line;
    StatusCounts expected{};
    std::size_t values = 0;
    while (std::getline(in, line)) {
      if (line.starts_with("___")) break;
      bool data = !line.empty() && (std::isdigit(static_cast<unsigned char>(line[0])) || line.starts_with("DG;"));
      if (!data || line.find(';') == std::string::npos) continue;
      std::stringstream fields(line);
      std::string f;
      while (std::getline(fields, f, ';')) {
        if (f == "-")
          ++expected[static_cast<int>(Status::zero)];
        else if (f == ".")
          ++expected[static_cast<int>(Status::secret)];
        else if (f == "x")
          ++expected[static_cast<int>(Status::not_applicable)];
        else if (f == "...")
          ++expected[static_cast<int>(Status::not_yet)];
        else if (f == "/")
          ++expected[static_cast<int>(Status::unreliable)];
        else if (!f.empty() && std::isdigit(static_cast<unsigned char>(f[0])))
          ++values;
      }
    }
    auto t = parse_file(kGenesis + name);
    ASSERT_TRUE(t.ok()) << t.error().to_string();
    for (std::size_t k = 1; k < kStatusCount; ++k) {
      EXPECT_EQ(t->summary.markers[k], expected[k]) << name << " marker '" << status_marker(Status(k)) << "'";
    }
    EXPECT_GT(values, t->summary.markers[0]) << name;  // codes and periods count as digits too
  }
}

// --- hand-written variants -------------------------------------------------

const char* kSmall =
    "Tabelle: 99999-01i\n"
    "Eine Testtabelle;;;;\n"
    "Statistik der Tests;;;;\n"
    ";;;Insgesamt;weiblich\n"
    ";;;Anzahl;Anzahl\n"
    "2023;05;Nordrhein-Westfalen;100;-\n"
    "2023;05513;  Gelsenkirchen, krfr. Stadt;(12);.\n"
    "__________\n"
    "\"Fußnote mit \"\"Zitat\"\":\n"
    "01.01.2001;\"\n"
    "31.12.2023;05112;Duisburg;5;6\n"
    "© IT.NRW, Düsseldorf, 2026. Dieses Werk ist lizenziert unter der Datenlizenz Deutschland - Namensnennung - "
    "Version 2.0.\n"
    "Stand: 19.01.2026 / 13:58:12\n";

TEST(GenesisTable, FootnoteLinesThatLookLikeDataAreFootnotes) {
  auto t = parse_text(kSmall, "small.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->summary.cells, 4u);
  for (const auto& r : t->region_list) EXPECT_NE(r.code, "05112");
  EXPECT_EQ(t->summary.periods, std::vector<std::string>{"2023"});
  EXPECT_NE(t->meta.footnotes.find("31.12.2023;05112;Duisburg;5;6"), std::string::npos);
  EXPECT_NE(t->meta.footnotes.find("Fußnote mit \"Zitat\""), std::string::npos);
  EXPECT_EQ(t->meta.stand, "2026-01-19");
  EXPECT_EQ(t->meta.stand_text, "19.01.2026 / 13:58:12");
  const Cell* limited = t->find("05513", "2023", "h1=Insgesamt");
  ASSERT_NE(limited, nullptr);
  EXPECT_EQ(limited->status, Status::limited);
  EXPECT_EQ(limited->value, 12);
  const Cell* zero = t->find("05", "2023", "h1=weiblich");
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(zero->status, Status::zero);
  EXPECT_FALSE(zero->has_value);
}

TEST(GenesisTable, SchoolYearPeriodsAndYearColumns) {
  const char* text =
      "Tabelle: 99999-02i\n"
      "Schüler nach Schuljahren;;;\n"
      ";;Schuljahr;Schuljahr\n"
      ";;2022/23;2023/24\n"
      "05513;Gelsenkirchen;10;11\n"
      "__________\n"
      "Stand: 01.02.2025\n";
  auto t = parse_text(text, "years.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->summary.periods, (std::vector<std::string>{"2022/23", "2023/24"}));
  ASSERT_EQ(t->series_specs.size(), 1u);  // the period level is not a breakdown
  EXPECT_EQ(t->find("05513", "2023/24", t->series_specs[0].key)->value, 11);
}

TEST(GenesisTable, HeaderThatNamesTheRowLabelColumn) {
  const char* text =
      "Tabelle: 99999-04i\n"
      "Schulen nach Schulart;;;;;\n"
      ";;;Schulart;Schulen;Schüler\n"
      ";;;;Anzahl;Anzahl\n"
      "2023;05513;Gelsenkirchen;Grundschulen;40;11725\n"
      "2023;05513;Gelsenkirchen;Hauptschulen;4;1665\n"
      "__________\n"
      "Stand: 01.02.2025\n";
  auto t = parse_text(text, "rows.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  ASSERT_EQ(t->meta.dimensions.size(), 2u);
  EXPECT_EQ(t->meta.dimensions[1].key, "r1");
  EXPECT_EQ(t->meta.dimensions[1].name, "Schulart");
  EXPECT_EQ(t->summary.cells, 4u);
  EXPECT_EQ(t->find("05513", "2023", "h1=Schüler|r1=Hauptschulen")->value, 1665);
}

TEST(GenesisTable, PeriodFromTitle) {
  const char* text =
      "Tabelle: 99999-03i\n"
      "Quote 2021 nach Gemeinden;;\n"
      ";;Quote\n"
      ";;Prozent\n"
      "05513;Gelsenkirchen;1,5\n"
      "__________\n"
      "Stand: 01.02.2025\n";
  auto t = parse_text(text, "title.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->summary.periods, std::vector<std::string>{"2021"});
}

}  // namespace
