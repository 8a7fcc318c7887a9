#include <gtest/gtest.h>

#include "monitor/import/importer.hpp"
#include "monitor/import/region_files.hpp"

namespace {

using namespace rf::monitor;

const std::string kSchools = RF_TEST_DATA_DIR + "/schools/";

RegionRegister& regions() {
  static RegionRegister r = [] {
    auto loaded = load_region_files(RF_SOURCE_DIR + "/data");
    EXPECT_TRUE(loaded.ok()) << loaded.error().to_string();
    return loaded.ok() ? std::move(*loaded) : RegionRegister{};
  }();
  return r;
}

const Institution* school(const ParsedTable& t, const std::string& number) {
  for (const auto& i : t.institutions) {
    if (i.code == number) return &i;
  }
  return nullptr;
}

TEST(SchoolList, ItNrwDirectoryWithPupilsAndSozialindex) {
  auto t = parse_file(kSchools + "AS_BS_Verzeichnis_2024_25_mit_Sozialindex.csv", {}, &regions());
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->meta.format, Format::school_list);
  EXPECT_EQ(t->institutions.size(), 5407u);
  const Institution* s = school(*t, "100020");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->region, "05111000");
  EXPECT_EQ(s->school_form, "Grundschule");
  EXPECT_EQ(s->pupils, 220);
  EXPECT_EQ(s->pupils_period, "2024/25");
  EXPECT_EQ(s->sozialindex, 5);
  EXPECT_EQ(s->is_public, true);
  EXPECT_EQ(s->name, "Städt. Kath. Grundschule Kartause-Hain-Schule");
  std::size_t ruhr = 0;
  const auto& members = regions().members("ruhr");
  for (const auto& i : t->institutions) {
    if (std::find(members.begin(), members.end(), i.region) != members.end()) ++ruhr;
  }
  EXPECT_EQ(ruhr, 1432u);  // as the data README says
}

TEST(SchoolList, MsbSchoolDataWithCoordinates) {
  auto t = parse_file(kSchools + "schuldaten.csv", {}, &regions());
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->institutions.size(), 5507u);
  const Institution* s = school(*t, "100010");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->region, "05315000");
  EXPECT_EQ(s->school_form_code, "20");
  EXPECT_EQ(s->school_form, "Gymnasium");
  EXPECT_EQ(s->is_public, false);
  EXPECT_EQ(s->crs, "EPSG:25832");
  EXPECT_DOUBLE_EQ(*s->x, 352258);
  EXPECT_DOUBLE_EQ(*s->y, 5645500);
  EXPECT_EQ(t->summary.warnings.size(), 1u);  // the one school without EPSG code
}

TEST(SchoolList, SozialindexListPlacedByKreisName) {
  auto t = parse_file(kSchools + "sozialindex_schulliste_schuljahr_2025-26.csv", {}, &regions());
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->institutions.size(), 4125u);
  const Institution* witten = school(*t, "131210");
  ASSERT_NE(witten, nullptr);
  EXPECT_EQ(witten->sozialindex, 6);
  EXPECT_EQ(witten->sozialindex_period, "2025/26");
  EXPECT_EQ(witten->region, "05954");  // only the Kreis is known from this list
  EXPECT_FALSE(witten->region_is_municipality);
}

TEST(SchoolList, Cp850OpenDataExcerptWithSchoolsWithoutIndex) {
  auto t = parse_file(kSchools + "official_msb_excerpt/schulliste_sj_25_26_open_data_EXCERPT_first137rows.csv", {},
                      &regions());
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  EXPECT_EQ(t->meta.encoding, "cp850");
  EXPECT_EQ(t->institutions.size(), 137u);
  const Institution* haan = school(*t, "100011");
  ASSERT_NE(haan, nullptr);
  EXPECT_EQ(haan->name, "Haan, GE Walder Straße");
  EXPECT_EQ(haan->region, "05158008");
  EXPECT_EQ(haan->sozialindex, 4);
  std::size_t without = 0;
  for (const auto& i : t->institutions) without += i.sozialindex_none;
  EXPECT_GT(without, 0u);
}

}  // namespace
