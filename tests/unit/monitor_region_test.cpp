#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "monitor/import/region_files.hpp"

namespace {

using namespace rf::monitor;

const RegionRegister& regions() {
  static RegionRegister r = [] {
    auto loaded = load_region_files(RF_SOURCE_DIR + "/data");
    EXPECT_TRUE(loaded.ok()) << loaded.error().to_string();
    return loaded.ok() ? std::move(*loaded) : RegionRegister{};
  }();
  return r;
}

// Regions of the Gebietsstand (not those retired by a reform before it).
std::size_t count(RegionLevel level, std::string_view prefix = {}) {
  std::size_t n = 0;
  for (const auto& r : regions().regions()) n += r.level == level && r.code.starts_with(prefix) && !r.historic();
  return n;
}

TEST(RegionCodes, LevelsFromShape) {
  EXPECT_EQ(level_of_code("DG"), RegionLevel::country);
  EXPECT_EQ(level_of_code("05"), RegionLevel::state);
  EXPECT_EQ(level_of_code("051"), RegionLevel::district);
  EXPECT_EQ(level_of_code("05513"), RegionLevel::county);
  EXPECT_EQ(level_of_code("05513000"), RegionLevel::municipality);
  EXPECT_EQ(level_of_code("JH05154008"), RegionLevel::youth_office);
  for (const char* bad : {"", "5", "0551", "055130", "ABCDE", "05 13", "JH0515", "ruhr"}) {
    EXPECT_EQ(level_of_code(bad), std::nullopt) << bad;
  }
}

TEST(RegionRegister, GermanyLaenderKreiseGemeinden) {
  EXPECT_EQ(count(RegionLevel::state), 16u);
  EXPECT_EQ(count(RegionLevel::county), 401u);  // Gebietsstand 30.09.2018
  EXPECT_GT(count(RegionLevel::municipality), 11000u);
  EXPECT_EQ(count(RegionLevel::district, "05"), 5u);
  EXPECT_EQ(count(RegionLevel::county, "05"), 53u);
  EXPECT_EQ(count(RegionLevel::municipality, "05"), 396u);
  // Beside them the Kreise that reforms retired (data/regions/region_changes.csv).
  std::vector<std::string> historic;
  for (const auto& r : regions().regions()) {
    if (r.historic()) historic.push_back(r.code);
  }
  std::sort(historic.begin(), historic.end());
  EXPECT_EQ(historic, (std::vector<std::string>{"03152", "03156", "03201", "03253", "05313", "05354"}));
  const Region* de = regions().find("DG");
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->level, RegionLevel::country);
  EXPECT_GT(*de->population, 80'000'000);
}

TEST(RegionRegister, NrwNamesAndPopulationFrom12411_15i) {
  const Region* ge = regions().find("05513");
  ASSERT_NE(ge, nullptr);
  EXPECT_EQ(ge->name, "Gelsenkirchen, krfr. Stadt");
  EXPECT_EQ(ge->population, 267930);
  EXPECT_EQ(ge->population_date, "2024-12-31");
  EXPECT_DOUBLE_EQ(*ge->area_km2, 104.94);
  EXPECT_EQ(ge->parent, "055");
  EXPECT_EQ(ge->kind, "Kreisfreie Stadt");
  const Region* nrw = regions().find("05");
  ASSERT_NE(nrw, nullptr);
  EXPECT_EQ(nrw->name, "Nordrhein-Westfalen");
  EXPECT_EQ(nrw->population, 18034454);
  EXPECT_EQ(regions().find("nrw"), nrw);
  const Region* marl = regions().find("05562024");
  ASSERT_NE(marl, nullptr);
  EXPECT_EQ(marl->parent, "05562");
  EXPECT_EQ(marl->level, RegionLevel::municipality);
  // Outside NRW: the Gemeindeverzeichnis.
  const Region* flensburg = regions().find("01001000");
  ASSERT_NE(flensburg, nullptr);
  EXPECT_EQ(flensburg->name, "Flensburg, Stadt");
  EXPECT_EQ(flensburg->population_date, "2017-12-31");
  EXPECT_EQ(regions().find("01001")->parent, "01");  // no Regierungsbezirke in Schleswig-Holstein
}

TEST(RegionRegister, RuhrHas53MunicipalitiesIn15Kreise) {
  const auto& members = regions().members("ruhr");
  std::size_t municipalities = 0, counties = 0;
  for (const auto& code : members) {
    const Region* r = regions().find(code);
    ASSERT_NE(r, nullptr) << code;
    municipalities += r->level == RegionLevel::municipality;
    counties += r->level == RegionLevel::county;
  }
  EXPECT_EQ(municipalities, 53u);
  EXPECT_EQ(counties, 15u);
  const Region* ruhr = regions().find("ruhr");
  ASSERT_NE(ruhr, nullptr);
  EXPECT_EQ(ruhr->name, "Metropole Ruhr");
  EXPECT_EQ(ruhr->level, RegionLevel::aggregate);
  EXPECT_GT(*ruhr->population, 5'000'000);
  EXPECT_LT(*ruhr->population, 5'300'000);
}

TEST(RegionRegister, RheinlandAndWestfalenWithoutRuhrPartitionNrw) {
  std::set<std::string> ruhr(regions().members("ruhr").begin(), regions().members("ruhr").end());
  std::set<std::string> rheinland(regions().members("rheinland-ohne-ruhr").begin(),
                                  regions().members("rheinland-ohne-ruhr").end());
  std::set<std::string> westfalen(regions().members("westfalen-ohne-ruhr").begin(),
                                  regions().members("westfalen-ohne-ruhr").end());
  // Every NRW Kreis and Gemeinde is in exactly one of the three.
  std::size_t nrw = 0;
  for (const auto& r : regions().regions()) {
    if (r.provisional || r.historic() || !r.code.starts_with("05")) continue;
    if (r.level != RegionLevel::county && r.level != RegionLevel::municipality) continue;
    ++nrw;
    int in = ruhr.count(r.code) + rheinland.count(r.code) + westfalen.count(r.code);
    EXPECT_EQ(in, 1) << r.code;
  }
  EXPECT_EQ(nrw, 53u + 396u);
  EXPECT_TRUE(rheinland.count("05111"));   // Düsseldorf
  EXPECT_FALSE(rheinland.count("05112"));  // Duisburg is Ruhr
  EXPECT_TRUE(westfalen.count("05515"));   // Münster
  EXPECT_FALSE(westfalen.count("05513"));  // Gelsenkirchen is Ruhr
  std::int64_t sum = *regions().find("ruhr")->population + *regions().find("rheinland-ohne-ruhr")->population +
                     *regions().find("westfalen-ohne-ruhr")->population;
  EXPECT_EQ(sum, *regions().find("05")->population);
}

TEST(RegionRegister, NearestAncestor) {
  EXPECT_EQ(regions().nearest_ancestor("05513000")->code, "05513");
  EXPECT_EQ(regions().nearest_ancestor("05513")->code, "055");
  EXPECT_EQ(regions().nearest_ancestor("JH05154008")->code, "05154");
  EXPECT_EQ(regions().nearest_ancestor("11001001")->code, "11");  // Berlin district
  EXPECT_EQ(regions().nearest_ancestor("05")->code, "DG");
  EXPECT_EQ(regions().nearest_ancestor("99999"), nullptr);
}

TEST(RegionNames, NormalisedForMatching) {
  EXPECT_EQ(normalize_region_name("Kreis Mettmann"), normalize_region_name("Mettmann, Kreis"));
  EXPECT_EQ(normalize_region_name("Märkischen Kreis"), normalize_region_name("Märkischer Kreis"));
  EXPECT_EQ(normalize_region_name("Stadt Mülheim a.d.Ruhr"), normalize_region_name("Mülheim an der Ruhr, krfr. Stadt"));
  EXPECT_EQ(normalize_region_name("Städteregion Aachen"),
            normalize_region_name("Städteregion Aachen (einschl. Stadt Aachen)"));
  EXPECT_NE(normalize_region_name("Rhein-Kreis Neuss"), normalize_region_name("Neuss"));
}

TEST(RegionNames, FindByName) {
  const Region* kreis = regions().find_by_name("Kreis Mettmann", RegionLevel::county, "05");
  ASSERT_NE(kreis, nullptr);
  EXPECT_EQ(kreis->code, "05158");
  const Region* town = regions().find_by_name("Mettmann", RegionLevel::municipality, "05158");
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(town->code, "05158024");
  EXPECT_EQ(regions().find_by_name("Oberbergischen Kreis", RegionLevel::county, "05")->code, "05374");
  EXPECT_EQ(regions().find_by_name("Nirgendwo", RegionLevel::county, "05"), nullptr);
}

TEST(RegionRegister, MissingFilesAreErrors) {
  auto r = load_region_files("/nonexistent");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().to_string().find("GV100AD"), std::string::npos);
}

}  // namespace
