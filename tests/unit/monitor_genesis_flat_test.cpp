#include <gtest/gtest.h>

#include "monitor/import/importer.hpp"

namespace {

using namespace rf::monitor;

const std::string kFlat = RF_TEST_DATA_DIR + "/ffcsv/";

ParsedTable parse(const std::string& name) {
  auto t = parse_file(kFlat + name);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().to_string());
  return t.ok() ? std::move(*t) : ParsedTable{};
}

TEST(GenesisFlat, OldLayoutWideWithQualityColumns) {
  auto t = parse("old_format/61111-0001_de_flat.csv");
  EXPECT_EQ(t.meta.format, Format::genesis_flat_old);
  EXPECT_EQ(t.meta.code, "61111-0001");
  EXPECT_EQ(t.meta.title, "Verbraucherpreisindex für Deutschland");
  EXPECT_EQ(t.meta.encoding, "utf-8");
  EXPECT_EQ(t.summary.periods.size(), 33u);
  EXPECT_EQ(t.summary.cells, 66u);
  const Cell* index1991 = t.find("DG", "1991", "PREIS1 [2020=100]");
  ASSERT_NE(index1991, nullptr);
  EXPECT_DOUBLE_EQ(index1991->value, 61.9);
  EXPECT_EQ(index1991->status, Status::ok);  // quality "e" = final
  // The change on the previous year has no value for 1991: ".".
  std::size_t secret = 0;
  for (const auto& c : t.cells) secret += c.status == Status::secret;
  EXPECT_EQ(secret, 1u);
}

TEST(GenesisFlat, OldLayoutWithBreakdownAndLimitedReliability) {
  auto t = parse("old_format/61111-0003_de_flat.csv");
  ASSERT_EQ(t.meta.dimensions.size(), 1u);
  EXPECT_EQ(t.meta.dimensions[0].key, "CC13A5");
  EXPECT_EQ(t.meta.dimensions[0].name, "Verwendungszwecke des Individualkonsums");
  EXPECT_EQ(t.summary.cells, 1925u);
  EXPECT_EQ(t.summary.markers[static_cast<int>(Status::limited)], 13u);
  const Cell* bread = t.find("DG", "2019", "PREIS1 [2020=100]|CC13A5=CC13-0111");
  ASSERT_NE(bread, nullptr);
  EXPECT_DOUBLE_EQ(bread->value, 99.2);
  const SeriesSpec& spec = t.series_specs[bread->series];
  ASSERT_EQ(spec.breakdown.size(), 1u);
  EXPECT_EQ(spec.breakdown[0].value, "Brot und Getreideerzeugnisse");
  EXPECT_EQ(spec.breakdown[0].value_code, "CC13-0111");
}

TEST(GenesisFlat, NewLayoutLongOneVariableInTwoUnits) {
  auto t = parse("new_format/61111-0001_de_flat.csv");
  EXPECT_EQ(t.meta.format, Format::genesis_flat_new);
  EXPECT_EQ(t.summary.cells, 66u);
  EXPECT_DOUBLE_EQ(t.find("DG", "2016", "PREIS1 [2020=100]")->value, 95.0);
  EXPECT_DOUBLE_EQ(t.find("DG", "2016", "PREIS1 [%]")->value, 0.5);
}

TEST(GenesisFlat, OldAndNewLayoutOfTheSameTableAgree) {
  auto old_layout = parse("old_format/21611-0002_de_flat.csv");
  auto new_layout = parse("new_format/21611-0002_de_flat.csv");
  EXPECT_EQ(old_layout.meta.code, new_layout.meta.code);
  EXPECT_EQ(old_layout.summary.cells, new_layout.summary.cells);
  // Cinemas (FILM02: Leinwände? no — both layouts name the variable by code).
  const Cell* a = old_layout.find("DG", "2004", "FILM02 [Anzahl]");
  const Cell* b = new_layout.find("DG", "2004", "FILM02 [Anzahl]");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->value, b->value);
  EXPECT_EQ(b->value, 4870);
}

TEST(GenesisFlat, KreisLevelExcerptWithHistoricKreise) {
  auto t = parse("21321-01-01-4_flat_EXCERPT_first27rows.csv");
  EXPECT_EQ(t.meta.code, "21321-01-01-4");
  EXPECT_EQ(t.meta.publisher, "Statistische Ämter des Bundes und der Länder");
  EXPECT_EQ(t.summary.cells, 27u);
  ASSERT_EQ(t.meta.dimensions.size(), 2u);
  EXPECT_EQ(t.meta.dimensions[1].key, "GESINS");
  const Cell* muenster = t.find("05515", "2023", "HS-W06 [Anzahl]|HS-FG2=HS-FG04|GESINS=INSGESAMT");
  ASSERT_NE(muenster, nullptr);
  EXPECT_EQ(muenster->value, 1910);
}

TEST(GenesisFlat, QualityFlags) {
  const char* text =
      "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;"
      "1_variable_attribute_code;1_variable_attribute_label;value;value_unit;value_variable_code;"
      "value_variable_label;value_q\n"
      "12345;Test;JAHR;Jahr;2020;DLAND;Bundesländer;05;Nordrhein-Westfalen;1,5;Anzahl;V1;Wert;p\n"
      "12345;Test;JAHR;Jahr;2021;DLAND;Bundesländer;05;Nordrhein-Westfalen;2,5;Anzahl;V1;Wert;s\n"
      "12345;Test;JAHR;Jahr;2022;DLAND;Bundesländer;05;Nordrhein-Westfalen;3;Anzahl;V1;Wert;r\n"
      "12345;Test;JAHR;Jahr;2023;DLAND;Bundesländer;05;Nordrhein-Westfalen;.;Anzahl;V1;Wert;\n";
  auto t = parse_text(text, "12345-0001_flat.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->meta.code, "12345-0001");
  EXPECT_EQ(t->find("05", "2020", "V1 [Anzahl]")->status, Status::provisional);
  EXPECT_EQ(t->find("05", "2021", "V1 [Anzahl]")->status, Status::estimated);
  EXPECT_EQ(t->find("05", "2022", "V1 [Anzahl]")->status, Status::revised);
  EXPECT_EQ(t->find("05", "2023", "V1 [Anzahl]")->status, Status::secret);
}

}  // namespace
