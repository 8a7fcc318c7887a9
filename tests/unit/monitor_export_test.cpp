// Export → import round trip: every GENESIS table written back as a
// GENESIS-style CSV and read again gives identical cells.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "monitor/import/export.hpp"
#include "monitor/import/importer.hpp"

namespace {

using namespace rf::monitor;

using CellKey = std::tuple<std::string, std::string, std::string>;  // region, period, series key
struct CellValueSeen {
  bool has_value;
  double value;
  Status status;
  bool operator==(const CellValueSeen&) const = default;
};

std::map<CellKey, CellValueSeen> cells_of(const ParsedTable& t) {
  std::map<CellKey, CellValueSeen> out;
  for (const auto& c : t.cells) {
    out[{t.region_list[c.region].code, t.period_list[c.period].key(), t.series_specs[c.series].key}] = {
        c.has_value, c.has_value ? c.value : 0.0, c.status};
  }
  return out;
}

class RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, ExportThenImportGivesIdenticalCells) {
  auto original = parse_file(RF_TEST_DATA_DIR + "/genesis/" + GetParam());
  ASSERT_TRUE(original.ok()) << original.error().to_string();
  auto written = write_genesis_csv(*original);
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  auto again = parse_text(*written, GetParam());
  ASSERT_TRUE(again.ok()) << again.error().to_string() << "\n" << written->substr(0, 2000);
  EXPECT_EQ(again->meta.code, original->meta.code);
  EXPECT_EQ(again->meta.stand, original->meta.stand);
  EXPECT_EQ(again->meta.publisher, original->meta.publisher);
  EXPECT_EQ(again->meta.licence, original->meta.licence);
  EXPECT_EQ(again->summary.cells, original->summary.cells);
  EXPECT_EQ(again->summary.markers, original->summary.markers);
  EXPECT_TRUE(cells_of(*again) == cells_of(*original));
  // Units survive too.
  for (std::size_t i = 0; i < original->series_specs.size(); ++i) {
    const auto& spec = original->series_specs[i];
    bool found = false;
    for (const auto& s : again->series_specs) {
      if (s.key == spec.key) {
        found = true;
        EXPECT_EQ(s.unit, spec.unit) << spec.key;
      }
    }
    EXPECT_TRUE(found) << spec.key;
  }
}

INSTANTIATE_TEST_SUITE_P(GenesisFiles, RoundTrip,
                         ::testing::Values("12411-0018.csv", "12411-02-03-4_NRW.csv", "12411-09i.csv", "12411-15i.csv",
                                           "13211-02-05-4.csv", "21111-01-03-4.csv", "21111-02-06-4.csv",
                                           "22517-02i.csv", "22541-01-01-4.csv", "22542-01-02-4.csv", "22542-06i.csv",
                                           "22811-01i.csv", "82411-01-03-4.csv"),
                         [](const auto& info) {
                           std::string name = info.param.substr(0, info.param.find('.'));
                           for (auto& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(Export, QualifiedValuesAndMarkers) {
  Cell c;
  c.has_value = true;
  c.value = 1234.5;
  EXPECT_EQ(format_cell(c), "1234,5");
  c.status = Status::limited;
  EXPECT_EQ(format_cell(c), "(1234,5)");
  c.status = Status::provisional;
  EXPECT_EQ(format_cell(c), "1234,5p");
  c.has_value = false;
  c.status = Status::not_yet;
  EXPECT_EQ(format_cell(c), "...");
}

TEST(Export, SparseTablesCannotBeWritten) {
  auto t = parse_file(RF_TEST_DATA_DIR + "/inkar/inkar2024_kinderbetreuung_kreise_2006-2022.csv");
  ASSERT_TRUE(t.ok());
  auto written = write_genesis_csv(*t);
  EXPECT_FALSE(written.ok());
}

TEST(Export, FlatFileRoundTripKeepsValues) {
  auto t = parse_file(RF_TEST_DATA_DIR + "/ffcsv/old_format/61111-0003_de_flat.csv");
  ASSERT_TRUE(t.ok());
  auto written = write_genesis_csv(*t);
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  auto again = parse_text(*written, "61111-0003.csv");
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(again->summary.cells, t->summary.cells);
  EXPECT_EQ(again->summary.markers, t->summary.markers);
}

}  // namespace
