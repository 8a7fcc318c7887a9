#include <gtest/gtest.h>

#include "monitor/import/importer.hpp"
#include "monitor/import/inkar.hpp"

namespace {

using namespace rf::monitor;

const std::string kInkar = RF_TEST_DATA_DIR + "/inkar/";

TEST(Inkar, DataFileLabelledByTheMetadataBesideIt) {
  auto t = parse_file(kInkar + "inkar2024_kinderbetreuung_kreise_2006-2022.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->meta.code, "inkar2024_kinderbetreuung_kreise");
  EXPECT_EQ(t->meta.title, "INKAR 2024: Kinderbetreuung (Kreise)");
  EXPECT_EQ(t->meta.licence, "dl-de/by-2-0");
  EXPECT_TRUE(t->summary.warnings.empty()) << t->summary.warnings.front();
  // Kreis codes come as AGS + "000"; stored as the 5-digit Kreis code.
  const Cell* c = t->find("05513", "2006", "a_betr0003_bev0003");
  ASSERT_NE(c, nullptr);
  EXPECT_DOUBLE_EQ(c->value, 4.33);
  const SeriesSpec& spec = t->series_specs[c->series];
  EXPECT_EQ(spec.label,
            "Anteil der Kinder unter 3 Jahren in Kindertageseinrichtungen an den Kinder der "
            "entsprechenden Altersgruppe");
  EXPECT_EQ(spec.unit, "Prozent");
  // An empty cell is no value, not a cell.
  EXPECT_EQ(t->find("05513", "2006", "a_gbetr0003_bev0003"), nullptr);
  EXPECT_GT(t->summary.empty_cells, 0u);
  EXPECT_EQ(t->find("DG", "2006", "a_betr0003_bev0003")->value, 13.82);
}

TEST(Inkar, MunicipalitiesAndBund) {
  auto t = parse_file(kInkar + "inkar2024_sozialleistungen_gemeinden_2021-2022.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  const Cell* c = t->find("05513000", "2022", "q_newfBGu15_bev");
  ASSERT_NE(c, nullptr);
  EXPECT_DOUBLE_EQ(c->value, 37.1);
  EXPECT_EQ(t->series_specs[c->series].unit, "je 100 Einwohner unter 15 Jahren");
}

TEST(Inkar, MetadataKeepsBothDefinitionsOfACode) {
  auto t = parse_file(kInkar + "inkar2024_indikatoren_meta.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->meta.format, Format::inkar_meta);
  int variants = 0;
  for (const auto& d : t->definitions) {
    if (d.code == "q_newfBGu15_bev") ++variants;
    EXPECT_EQ(d.source, "inkar2024");
  }
  EXPECT_EQ(variants, 2);
  EXPECT_EQ(t->summary.definitions, t->definitions.size());
}

TEST(Inkar, RegionList) {
  auto t = parse_file(kInkar + "inkar2024_regionen_kreise.csv");
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->meta.format, Format::inkar_regions);
  EXPECT_EQ(t->summary.regions, 417u);
}

TEST(Inkar, Units) {
  EXPECT_EQ(inkar_unit("Anteil der Schulabgänger ohne Hauptschulabschluss an den Schulabgängern in %"), "Prozent");
  EXPECT_EQ(inkar_unit("Studierende an Fachhochschulen je 1.000 Einwohner"), "je 1.000 Einwohner");
  EXPECT_EQ(inkar_unit("Durchschnittliche monatliche Höhe von SGBII-Leistungen in € je Bedarfsgemeinschaft"),
            "EUR je Bedarfsgemeinschaft");
  EXPECT_EQ(inkar_unit("Anteil der Haushalte, die Wohngeld empfangen je 1.000 Haushalte"), "je 1.000 Haushalte");
  EXPECT_EQ(inkar_dataset_code("inkar2024_bildung_kreise_1995-2022.csv"), "inkar2024_bildung_kreise");
}

TEST(Inkar, BadKennziffer) {
  const char* text =
      "raumbezug,kennziffer,name,zeitbezug,x1\n"
      "Kreise,551,Gelsenkirchen,2020,1.5\n";
  auto t = parse_text(text, "inkar_test_kreise.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 2u);
}

}  // namespace
