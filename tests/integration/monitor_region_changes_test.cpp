// Regions with validity and successor (data/regions/region_changes.csv) on
// both databases: a Kreis code retired before 2018 (Kreis Aachen, 05354, in
// the StädteRegion Aachen since 21.10.2009) is historic, not provisional, also
// after importing a real table that lists it; aggregates use the members valid
// in the period, and a value across the reform is flagged.
//
// The period before the reform is built from the shipped 2023 leavers table
// (tests/data/genesis/21111-02-06-4.csv): its rows are repeated as 2005 with
// the StädteRegion's numbers moved to the Kreis Aachen row (as a table on the
// Gebietsstand of 2005 would list them) and the StädteRegion's row secret.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "db/migrations.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/import/region_files.hpp"
#include "monitor/indicators.hpp"
#include "monitor/store/statistics_store.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"
#include "text/files.hpp"

namespace rf::monitor {
namespace {

const std::string kData = RF_SOURCE_DIR + "/data/";
const std::string kLeavers = RF_TEST_DATA_DIR + "/genesis/21111-02-06-4.csv";
constexpr const char* kIndicator = "schulabgaenger_ohne_abschluss";

std::string read(const std::string& path) { return text::read_file(path).value(); }

class MonitorRegionChanges : public test::BothDatabases {
 protected:
  void SetUp() override {
    db_ = db::open(fresh_url());
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
  }

  int import(const std::string& file) {
    ImportOptions o;
    o.files = {file};
    o.data_dir = kData;
    o.progress = false;
    o.who = "test";
    std::ostringstream out, err;
    int rc = run_import_command(o, *db_, out, err);
    EXPECT_EQ(rc, 0) << err.str();
    return rc;
  }

  // The 2023 table plus its rows as 2005 on the Gebietsstand before the reform.
  std::string with_2005() {
    std::string bytes = read(kLeavers);
    const std::size_t first = bytes.find("\n2023;") + 1;
    const std::size_t footer = bytes.find("\n__________") + 1;
    std::string rows = bytes.substr(first, footer - first), old;
    std::string aachen_values;
    std::istringstream in(rows);
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("2023;05334;", 0) == 0) aachen_values = line.substr(line.find(";", line.find("Kreis;")) + 1);
    }
    EXPECT_EQ(aachen_values, "5265;2620;320;135;860;360;1865;915;235;110;-;-;2215;1210");
    std::istringstream again(rows);
    for (std::string line; std::getline(again, line);) {
      line.replace(0, 4, "2005");
      if (line.rfind("2005;05334;", 0) == 0)
        line = line.substr(0, line.find("Kreis;") + 6) + "-;-;-;-;-;-;-;-;-;-;-;-;-;-";
      if (line.rfind("2005;05354;", 0) == 0) line = line.substr(0, line.find("Kreis;") + 6) + aachen_values;
      old += line + "\n";
    }
    bytes.insert(footer, old);
    const std::string path = (dir_.path() / "21111-02-06-4.csv").string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  test::TempDir dir_;
  std::unique_ptr<db::Database> db_;
};

TEST_P(MonitorRegionChanges, RetiredKreisIsHistoricAndAggregatesFollowThePeriodsMembers) {
  auto loaded = load_region_files(kData);
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  store_region_register(*db_, *loaded);
  {
    auto regions = read_region_register(*db_);
    const Region* kreis = regions.find("05354");
    ASSERT_TRUE(kreis);
    EXPECT_TRUE(kreis->historic());
    EXPECT_FALSE(kreis->provisional);
    EXPECT_EQ(kreis->valid_to, "2009-10-20");
    EXPECT_EQ(kreis->successor, "05334");
    EXPECT_EQ(kreis->parent, "053");
    EXPECT_TRUE(kreis->valid_in(2008));
    EXPECT_FALSE(kreis->valid_in(2009));
    const Region* region = regions.find("05334");
    ASSERT_TRUE(region);
    EXPECT_FALSE(region->historic());
    EXPECT_EQ(region->valid_from, "2009-10-21");
    EXPECT_TRUE(region->valid_in(2009));
    EXPECT_FALSE(region->valid_in(2008));
    // Not a member of today's aggregates.
    const auto& rheinland = regions.members("rheinland-ohne-ruhr");
    EXPECT_EQ(std::count(rheinland.begin(), rheinland.end(), "05354"), 0);
    EXPECT_EQ(std::count(rheinland.begin(), rheinland.end(), "05334"), 1);
  }

  // The real table lists the Kreis with "-": it stays historic, not provisional.
  ASSERT_EQ(import(with_2005()), 0);
  auto row = db_->query_one("SELECT provisional, valid_to, successor FROM regions WHERE code = '05354'");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->integer(0), 0);
  EXPECT_EQ(row->text(1), "2009-10-20");
  EXPECT_EQ(row->text(2), "05334");

  auto view = load_indicators(*db_, kData + "indicators.yaml");
  auto has_note = [](const IndicatorValue& v, const std::string& text) {
    for (const auto& n : v.notes) {
      if (n.find(text) != std::string::npos) return true;
    }
    return false;
  };
  // "Rheinland ohne Ruhr" is summed from its Kreise: in 2005 with the Kreis
  // Aachen (valid then), in 2023 with the StädteRegion. The 2005 rows are the
  // 2023 ones with Aachen's numbers under the old Kreis: the same sums, so the
  // same value; 2005 is flagged as a break in the series.
  auto agg_2023 = view.value(kIndicator, "rheinland-ohne-ruhr", "2023");
  auto agg_2005 = view.value(kIndicator, "rheinland-ohne-ruhr", "2005");
  ASSERT_TRUE(agg_2023.value);
  ASSERT_TRUE(agg_2005.value) << (agg_2005.notes.empty() ? "" : agg_2005.notes.back());
  EXPECT_DOUBLE_EQ(*agg_2005.numerator, *agg_2023.numerator);
  EXPECT_DOUBLE_EQ(*agg_2005.value, *agg_2023.value);
  EXPECT_TRUE(has_note(agg_2005, "Gebietsstand 2005: mit Aachen, Kreis (05354)"));
  EXPECT_FALSE(has_note(agg_2023, "Gebietsstand"));
  // NRW has its own row in the table: read directly, its area did not change, no note.
  auto nrw_2005 = view.value(kIndicator, "05", "2005");
  ASSERT_TRUE(nrw_2005.value);
  EXPECT_FALSE(has_note(nrw_2005, "Gebietsstand"));
  // The StädteRegion's own series says since when it exists; the Kreis's until when.
  auto aachen = view.value(kIndicator, "05334", "2023");
  EXPECT_TRUE(has_note(aachen, "besteht seit dem 21.10.2009"));
  auto kreis = view.value(kIndicator, "05354", "2005");
  ASSERT_TRUE(kreis.value);
  EXPECT_NEAR(*kreis.value, 100.0 * 320 / 5265, 1e-9);
  EXPECT_TRUE(has_note(kreis, "bestand bis zum 20.10.2009"));
}

RF_BOTH_DATABASES(MonitorRegionChanges);

}  // namespace
}  // namespace rf::monitor
