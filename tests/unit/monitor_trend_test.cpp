#include <gtest/gtest.h>

#include "monitor/open_data/export_table.hpp"
#include "monitor/engine/trend.hpp"
#include "monitor/open_data/zip_writer.hpp"

using namespace rf::monitor;

namespace {

std::vector<SeriesPoint> series(std::vector<std::pair<std::string, std::optional<double>>> points) {
  std::vector<SeriesPoint> out;
  for (auto& [period, value] : points) {
    SeriesPoint p;
    p.period = period;
    p.value.value = value;
    p.value.status = value ? Status::ok : Status::secret;
    out.push_back(p);
  }
  return out;
}

}  // namespace

TEST(MonitorTrend, ChangeSinceBaselineAndStreakByPolarity) {
  auto s = series({{"2015", 9.0}, {"2016", 9.4}, {"2017", 8.8}, {"2018", std::nullopt}, {"2019", 8.1}, {"2020", 7.7}});
  auto down = compute_trend(s, Polarity::down_is_good, 1);
  EXPECT_EQ(down.baseline_period, "2015");
  EXPECT_EQ(down.latest_period, "2020");
  EXPECT_NEAR(*down.change, -1.3, 1e-9);
  EXPECT_EQ(down.direction, -1);
  EXPECT_EQ(down.judgement, Judgement::better);
  // 2016→2017, 2017→2019 (the gap is skipped), 2019→2020 improved; 2015→2016 did not.
  EXPECT_EQ(down.streak, 3);
  auto up = compute_trend(s, Polarity::up_is_good, 1);
  EXPECT_EQ(up.judgement, Judgement::worse);
  EXPECT_EQ(up.streak, 0);
  EXPECT_EQ(compute_trend(s, Polarity::neutral, 1).judgement, Judgement::changed);
  // A baseline year picks the first value at or after it.
  auto since = compute_trend(s, Polarity::down_is_good, 1, 2018);
  EXPECT_EQ(since.baseline_period, "2019");
  EXPECT_NEAR(*since.change, -0.4, 1e-9);
  EXPECT_EQ(trend_arrow(down), "↓");
  EXPECT_NE(trend_text(down).find("günstige Entwicklung"), std::string::npos);
}

TEST(MonitorTrend, StableAndUnknown) {
  auto flat = compute_trend(series({{"2020", 5.01}, {"2021", 5.04}}), Polarity::up_is_good, 1);
  EXPECT_EQ(flat.judgement, Judgement::stable);
  EXPECT_EQ(flat.direction, 0);
  EXPECT_EQ(trend_arrow(flat), "→");
  auto one = compute_trend(series({{"2020", 5.0}}), Polarity::up_is_good, 1);
  EXPECT_EQ(one.judgement, Judgement::unknown);
  EXPECT_FALSE(one.change);
  EXPECT_EQ(compute_trend({}, Polarity::up_is_good, 1).judgement, Judgement::unknown);
}

TEST(MonitorExport, CsvQuotingZipAndCrc) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);  // the CRC-32 check value
  ExportTable t;
  t.fields = {{"a", "string", "A", ""}, {"value", "number", "Wert", "", true}};
  t.rows = {{"Mülheim an der Ruhr, Stadt", "7.5"}, {"sagt \"hallo\"", "."}};
  EXPECT_EQ(to_csv(t), "a,value\r\n\"Mülheim an der Ruhr, Stadt\",7.5\r\n\"sagt \"\"hallo\"\"\",.\r\n");
  ZipWriter zip;
  zip.add("a.txt", "hallo");
  std::string bytes = zip.finish();
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_NE(bytes.find("PK\x05\x06"), std::string::npos);
  EXPECT_NE(bytes.find("hallo"), std::string::npos);
  EXPECT_EQ(plain_number(7.735792918774174), "7.73579291877");
}
