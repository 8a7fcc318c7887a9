#include <gtest/gtest.h>

#include "monitor/engine/cube.hpp"

using namespace rf::monitor;

TEST(MonitorCube, FindsCellsBySeriesRegionAndPeriod) {
  CubeBuilder b;
  Cube::DatasetInfo d;
  d.code = "t";
  auto ds = b.dataset(d);
  Cube::SeriesInfo s1;
  s1.key = "a";
  Cube::SeriesInfo s2;
  s2.key = "b";
  auto a = b.series(ds, s1);
  auto c = b.series(ds, s2);
  auto r1 = b.region("05112");
  auto r2 = b.region("05113");
  // Added out of order, periods too.
  b.add(c, r2, b.period("2021"), 7.0, Status::ok);
  b.add(a, r2, b.period("2020"), 2.0, Status::provisional);
  b.add(a, r1, b.period("2021"), std::nullopt, Status::secret);
  b.add(a, r1, b.period("2019"), 1.0, Status::ok);
  Cube cube = b.build();
  EXPECT_EQ(cube.observations(), 4u);
  auto p2020 = *cube.period_id("2020");
  auto cell = cube.find(a, r2, p2020);
  ASSERT_TRUE(cell);
  EXPECT_EQ(cell->value, 2.0);
  EXPECT_EQ(cell->status, Status::provisional);
  EXPECT_EQ(cube.find(a, r1, *cube.period_id("2021"))->status, Status::secret);
  EXPECT_FALSE(cube.find(c, r1, *cube.period_id("2021")));
  EXPECT_FALSE(cube.find(a, r1, p2020));
  // Period ids follow time.
  EXPECT_LT(*cube.period_id("2019"), *cube.period_id("2020"));
  EXPECT_LT(*cube.period_id("2020"), *cube.period_id("2021"));
  EXPECT_EQ(cube.period(*cube.period_id("2021")).year, 2021);
  auto cells = cube.cells(a, r1);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cube.period_key(cells[0].first), "2019");
  EXPECT_TRUE(cube.has(a, r2));
  EXPECT_FALSE(cube.has(c, r1));
  const auto* info = cube.dataset("t");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->periods.size(), 3u);
  EXPECT_TRUE(info->has_region[r1]);
}

TEST(MonitorCube, AtMost24BytesPerObservation) {
  CubeBuilder b;
  Cube::DatasetInfo d;
  d.code = "big";
  auto ds = b.dataset(d);
  std::vector<std::uint32_t> series;
  for (int s = 0; s < 20; ++s) {
    Cube::SeriesInfo info;
    info.key = "s" + std::to_string(s);
    series.push_back(b.series(ds, info));
  }
  for (int r = 0; r < 400; ++r) {
    auto region = b.region("R" + std::to_string(r));
    for (int y = 1995; y < 2025; ++y) {
      auto period = b.period(std::to_string(y));
      for (auto s : series) b.add(s, region, period, r + y, Status::ok);
    }
  }
  Cube cube = b.build();
  ASSERT_EQ(cube.observations(), 20u * 400u * 30u);
  double per = static_cast<double>(cube.column_bytes()) / static_cast<double>(cube.observations());
  EXPECT_LE(per, 24.0);
  EXPECT_LE(per, 16.0);  // 4 + 2 + 1 + 8 and the series offsets
  double total = static_cast<double>(cube.total_bytes()) / static_cast<double>(cube.observations());
  EXPECT_LE(total, 24.0);
}

TEST(MonitorCube, RejectsBadPeriodKeys) {
  CubeBuilder b;
  EXPECT_THROW(b.period("letztes Jahr"), std::invalid_argument);
}
