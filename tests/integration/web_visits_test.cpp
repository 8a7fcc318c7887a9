// Visits without tracking: counted in memory per path and day, flushed by
// each instance (sums add up across instances), bounded memory, only page
// views of visitors; the statistics queries behind /redaktion/besuche and Über uns.
#include <gtest/gtest.h>

#include "db/migrations.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "support/database_params.hpp"
#include "web/visits.hpp"

namespace rf::web {
namespace {

class VisitsTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    db_ = open_fresh();
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
  }
  std::unique_ptr<db::Database> db_;
};

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kMonday = 1764547200;  // 2025-12-01 00:00 UTC

TEST_P(VisitsTest, InstancesAddUpTheirCountsPerPathAndDay) {
  VisitCounter a, b;
  for (int i = 0; i < 3; ++i) a.record("/", kMonday + 100);
  b.record("/", kMonday + 200);
  b.record("/aktuelles", kMonday + kDay + 5);
  a.flush(*db_);
  b.flush(*db_);
  a.record("/", kMonday + 300);
  a.flush(*db_);
  a.flush(*db_);  // nothing new: adds nothing

  auto days = daily_views(*db_, "2025-11-30", "2025-12-03");
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(days[0].day, "2025-11-30");
  EXPECT_EQ(days[0].views, 0);
  EXPECT_EQ(days[1].views, 5);
  EXPECT_EQ(days[2].views, 1);
  EXPECT_EQ(days[3].views, 0);
  auto top = top_paths(*db_, "2025-12-01", "2025-12-02", 10);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].path, "/");
  EXPECT_EQ(top[0].views, 5);
  // Mean over complete days, from the first counted day on: (5 + 1 + 0) / 3.
  EXPECT_DOUBLE_EQ(average_daily_views(*db_, 30, kMonday + 3 * kDay + 10), 2.0);
  EXPECT_DOUBLE_EQ(average_daily_views(*db_, 30, kMonday - 10 * kDay), 0.0);
  // Nothing about visitors is stored: only day, path and a sum.
  EXPECT_EQ(db_->query("SELECT * FROM page_views")[0].size(), 3u);
}

TEST_P(VisitsTest, MemoryIsBoundedAgainstInventedPaths) {
  VisitCounter counter(100);
  for (int i = 0; i < 10000; ++i) counter.record("/x" + std::to_string(i), kMonday);
  counter.record("/" + std::string(5000, 'a'), kMonday);
  counter.flush(*db_);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM page_views")->integer(0), 101);
  EXPECT_EQ(db_->query_one("SELECT views FROM page_views WHERE path = ?", {std::string(VisitCounter::kOtherPages)})
                ->integer(0),
            10000 - 100 + 1);
}

TEST_P(VisitsTest, OnlyVisitorsPageViewsCount) {
  VisitCounter counter;
  auto middleware = visit_counting_middleware(counter);
  auto page = [](http::Request&) { return http::Response::html("<p>Seite</p>"); };
  auto missing = [](http::Request&) { return http::Response::error(404, "weg"); };
  auto json = [](http::Request&) { return http::Response::json("{}"); };
  auto run = [&](std::string method, std::string path, const http::Handler& h, std::string agent = "Mozilla/5.0") {
    http::Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.headers["User-Agent"] = std::move(agent);
    return middleware(req, h).status;
  };
  EXPECT_EQ(run("GET", "/", page), 200);
  run("GET", "/themen", page);
  run("GET", "/themen", page, "Googlebot/2.1");
  run("HEAD", "/themen", page);
  run("POST", "/newsletter", page);
  run("GET", "/gibt-es-nicht", missing);
  run("GET", "/healthz", json);
  run("GET", "/redaktion/post", page);
  run("GET", "/konto", page);
  counter.flush(*db_);
  auto rows = db_->query("SELECT path, views FROM page_views ORDER BY path");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].text(0), "/");
  EXPECT_EQ(rows[1].text(0), "/themen");
  EXPECT_EQ(rows[1].integer(1), 1);
}

RF_BOTH_DATABASES(VisitsTest);

}  // namespace
}  // namespace rf::web
