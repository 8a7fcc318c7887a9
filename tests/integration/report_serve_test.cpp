// The built report behind the real server: /bericht/… with content types and
// validators, /code/NNNNN redirects, nothing outside the report folder.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <thread>

#include "http/server.hpp"
#include "report/definition.hpp"
#include "report/report.hpp"
#include "support/http_client.hpp"
#include "support/running_server.hpp"
#include "support/temp_dir.hpp"
#include "unit/report_fake_data.hpp"
#include "text/files.hpp"

namespace rf::report {
namespace {

class ReportServe : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new rf::test::TempDir();
    test::write_fixture_report(dir_->path() / "bericht");
    ReportBuildOptions options;
    options.report_dir = dir_->path() / "bericht";
    options.out_dir = dir_->path() / "out";
    options.strict = true;
    options.root = RF_SOURCE_DIR;
    options.progress = false;
    test::FakeData data;
    std::ostringstream out, err;
    ASSERT_EQ(build_report(options, data, out, err), 0) << err.str();
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override {
    register_routes(router_, dir_->path() / "out");
    server_ = std::make_unique<rf::test::RunningServer>(router_);
  }
  unsigned short port() const { return server_->port(); }

  static rf::test::TempDir* dir_;
  http::Router router_;
  std::unique_ptr<rf::test::RunningServer> server_;
};

rf::test::TempDir* ReportServe::dir_ = nullptr;

TEST_F(ReportServe, ServesPagesAndAssetsWithTheirTypes) {
  auto index = rf::test::get(port(), "/bericht/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(index.body.find("Testbericht"), std::string::npos);
  EXPECT_EQ(rf::test::get(port(), "/bericht").status, 301);
  auto chapter = rf::test::get(port(), "/bericht/kapitel/01-kita.html");
  EXPECT_EQ(chapter.status, 200);
  EXPECT_NE(chapter.body.find("Abbildung 1.1"), std::string::npos);
  auto css = rf::test::get(port(), "/bericht/assets/bericht.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.header("Content-Type").find("text/css"), std::string::npos);
  auto csv = rf::test::get(port(), "/bericht/daten/abb-verlauf.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("Content-Type").find("text/csv"), std::string::npos);
  auto font = rf::test::get(port(), "/bericht/assets/fonts/Lato-Regular.ttf");
  if (font.status == 200) EXPECT_EQ(font.header("Content-Type"), "font/ttf");  // when fonts-lato is installed
  auto etag = chapter.header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(rf::test::get(port(), "/bericht/kapitel/01-kita.html", {{"If-None-Match", etag}}).status, 304);
}

TEST_F(ReportServe, NothingOutsideTheReport) {
  EXPECT_EQ(rf::test::get(port(), "/bericht/../report.yaml").status, 404);
  EXPECT_EQ(rf::test::get(port(), "/bericht/%2e%2e/bericht/report.yaml").status, 404);
  EXPECT_EQ(rf::test::get(port(), "/bericht/gibtsnicht.html").status, 404);
}

TEST_F(ReportServe, WebCodesRedirectToTheFigure) {
  auto codes = nlohmann::json::parse(rf::text::read_file(dir_->path() / "out/codes.json").value());
  std::string code, target;
  for (const auto& [c, t] : codes["codes"].items()) {
    if (t.get<std::string>().find("#abb-verlauf") != std::string::npos) code = c, target = t.get<std::string>();
  }
  ASSERT_FALSE(code.empty());
  auto r = rf::test::get(port(), "/code/" + code);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/bericht/" + target);
  EXPECT_EQ(rf::test::get(port(), "/code/00000").status, 404);
  EXPECT_EQ(rf::test::get(port(), "/code/abc").status, 404);
  std::string unknown = code == "99999" ? "99998" : "99999";
  if (!codes["codes"].contains(unknown)) EXPECT_EQ(rf::test::get(port(), "/code/" + unknown).status, 404);
}

TEST(ReportServeMissing, AnswersWhenNoReportIsBuilt) {
  rf::test::TempDir dir;
  http::Router router;
  register_routes(router, dir.path() / "fehlt");
  http::Request req;
  req.method = "GET";
  req.target = req.path = "/bericht/";
  EXPECT_EQ(router.dispatch(req).status, 404);
  req.target = req.path = "/code/12345";
  EXPECT_EQ(router.dispatch(req).status, 404);
}

}  // namespace
}  // namespace rf::report
