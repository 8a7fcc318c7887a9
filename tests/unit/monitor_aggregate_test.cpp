// Aggregates over many members read each series once for all members
// (Cube::find_from); the results must equal member-by-member evaluation.
#include <gtest/gtest.h>

#include <random>

#include "monitor/engine/aggregate.hpp"
#include "monitor/engine/cube.hpp"
#include "monitor/engine/engine.hpp"
#include "monitor/engine/expression.hpp"

using namespace rf::monitor;

namespace {

// Σ over members with evaluate() one by one: the reference.
MemberSum sum_one_by_one(const Cube& cube, const CompiledExpr& e, const std::vector<std::uint32_t>& members,
                         std::uint16_t period) {
  MemberSum out;
  for (auto m : members) out.add(m, evaluate(cube, e, m, period));
  return out;
}

}  // namespace

TEST(MonitorAggregate, ManyMembersGiveTheSameSumsAsOneByOne) {
  std::mt19937 random(20261123);
  CubeBuilder b;
  Cube::DatasetInfo counts;
  counts.code = "t";
  auto plain = b.dataset(counts);
  Cube::DatasetInfo schools;
  schools.code = "s";
  schools.absent_is_zero = true;
  auto listed = b.dataset(schools);
  std::vector<std::uint32_t> series;
  for (int i = 0; i < 8; ++i) {
    Cube::SeriesInfo info;
    info.key = "k" + std::to_string(i);
    series.push_back(b.series(i < 5 ? plain : listed, info));
  }
  std::vector<std::uint32_t> regions;
  for (int r = 0; r < 400; ++r) regions.push_back(b.region("05" + std::to_string(100000 + r)));
  std::vector<std::uint16_t> periods;
  for (int y = 2018; y <= 2023; ++y) periods.push_back(b.period(std::to_string(y)));
  const Status markers[] = {Status::secret, Status::zero, Status::provisional, Status::estimated, Status::limited};
  for (std::size_t k = 0; k < series.size(); ++k) {
    const auto s = series[k];
    // The school series are sparse (read cell by cell), the others dense
    // (read member by member with find_from): both ways are compared.
    const bool sparse = k >= 5;
    for (auto r : regions) {
      for (auto p : periods) {
        const int roll = static_cast<int>(random() % 100);
        if (roll < (sparse ? 85 : 6)) continue;  // no cell
        if (roll < 9) {
          b.add(s, r, p, std::nullopt, markers[random() % 2]);  // "." or "-"
        } else if (roll < 12) {
          b.add(s, r, p, static_cast<double>(random() % 1000), markers[2 + random() % 3]);
        } else {
          b.add(s, r, p, static_cast<double>(random() % 100000) / 7.0, Status::ok);
        }
      }
    }
  }
  Cube cube = b.build();
  // The school dataset covers the first 300 regions: absent cells there count as 0.
  std::vector<bool> covered(cube.region_count(), false);
  for (int r = 0; r < 300; ++r) covered[regions[r]] = true;
  const_cast<Cube::DatasetInfo&>(cube.datasets()[listed]).has_region = covered;

  const std::vector<std::string> texts = {"t[a]",
                                          "t[a] + t[b]",
                                          "t[a] - t[b] * 2",
                                          "100 * t[a] / t[b]",
                                          "(t[a] + t[b]) / (t[c] - 3)",
                                          "t[a] + t[b] + t[c]"};
  const std::vector<std::vector<std::vector<std::uint32_t>>> ref_series = {
      {{series[0], series[5], series[6]}, {series[1]}, {series[7], series[2]}},
      {{series[5], series[6], series[7]}, {series[0], series[3]}, {}},
      {{series[4]}, {series[5]}, {series[6], series[7]}},
  };
  int compared = 0, with_missing = 0;
  for (const auto& text : texts) {
    auto parsed = parse_expression(text);
    ASSERT_EQ(parsed.error, "") << text;
    for (const auto& refs : ref_series) {
      CompiledExpr e;
      e.expression = &parsed.expression;
      e.series.assign(refs.begin(), refs.begin() + static_cast<long>(parsed.expression.refs().size()));
      for (auto p : periods) {
        // Members in no particular order, as aggregates list them.
        std::vector<std::uint32_t> members(regions.begin() + 50, regions.begin() + 350);
        std::shuffle(members.begin(), members.end(), random);
        MemberSum fast = sum_members(cube, e, members, p);
        MemberSum slow = sum_one_by_one(cube, e, members, p);
        EXPECT_EQ(fast.sum, slow.sum) << text;
        EXPECT_EQ(fast.status, slow.status) << text;
        EXPECT_EQ(fast.all_zero, slow.all_zero) << text;
        EXPECT_EQ(fast.missing, slow.missing) << text;
        EXPECT_EQ(fast.missing_status, slow.missing_status) << text;
        ++compared;
        if (!slow.missing.empty() && slow.missing.size() < members.size()) ++with_missing;
      }
    }
  }
  EXPECT_EQ(compared, 6 * 3 * 6);
  EXPECT_GT(with_missing, 0);  // the data exercise the missing-member paths
}

TEST(MonitorAggregate, FindFromWalksForwardLikeFind) {
  CubeBuilder b;
  Cube::DatasetInfo d;
  d.code = "t";
  Cube::SeriesInfo info;
  info.key = "a";
  auto s = b.series(b.dataset(d), info);
  std::vector<std::uint32_t> regions;
  for (int r = 0; r < 1000; ++r) regions.push_back(b.region("r" + std::to_string(10000 + r)));
  auto p1 = b.period("2022"), p2 = b.period("2023");
  for (int r = 0; r < 1000; r += 3) {
    b.add(s, regions[r], p1, r, Status::ok);
    if (r % 2 == 0) b.add(s, regions[r], p2, r + 0.5, Status::ok);
  }
  Cube cube = b.build();
  for (auto p : {p1, p2}) {
    std::vector<std::uint32_t> ids(regions);
    std::sort(ids.begin(), ids.end());
    std::uint32_t cursor = 0;
    int found = 0;
    for (std::size_t i = 0; i < ids.size(); i += 1 + i % 7) {  // uneven gaps
      auto expected = cube.find(s, ids[i], p);
      auto got = cube.find_from(s, ids[i], p, cursor);
      ASSERT_EQ(expected.has_value(), got.has_value()) << i;
      if (expected) {
        EXPECT_EQ(expected->value, got->value);
        ++found;
      }
    }
    EXPECT_GT(found, 10);
  }
}
