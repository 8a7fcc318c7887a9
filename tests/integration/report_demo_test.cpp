// The demo report on the shipped statistics, built strictly: every figure
// has a source line and a data table, the PDF has page numbers and shows the
// same values the monitor computes, and the real binary names FILE:LINE of
// a broken directive.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "db/migrations.hpp"
#include "monitor/monitor.hpp"
#include "monitor/import/import_command.hpp"
#include "report/definition.hpp"
#include "report/format.hpp"
#include "report/geo_data.hpp"
#include "report/monitor_data.hpp"
#include "report/report.hpp"
#include "support/shipped_statistics.hpp"
#include "support/temp_dir.hpp"
#include "text/number.hpp"
#include "text/files.hpp"

namespace rf::report {
namespace {

namespace fs = std::filesystem;

// Runs a shell command; returns its exit status and standard output (and error, if asked).
int run(const std::string& command, std::string* output) {
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 65536> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output->append(buffer.data(), n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class ReportDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new rf::test::TempDir();
    ASSERT_NO_FATAL_FAILURE(rf::test::shipped_statistics_database(dir_->path(), &db_url_));
    auto db = db::open(db_url_);
    view_ = new monitor::IndicatorView(monitor::load_indicators(*db, RF_SOURCE_DIR + "/data/indicators.yaml"));
    auto geo = load_geo_data(RF_SOURCE_DIR);
    std::vector<std::string> kreise;
    for (const auto& [code, f] : geo.kreise) kreise.push_back(code);
    data_ = new MonitorData(*view_, RF_SOURCE_DIR + "/data/regions/rvr_municipalities.csv", kreise);
  }
  static void TearDownTestSuite() {
    delete data_;
    delete view_;
    delete dir_;
  }

  static int build(const fs::path& out, bool pdf, bool profiles, std::string* err_text) {
    ReportBuildOptions options;
    options.report_dir = RF_SOURCE_DIR + "/reports/bildungsmonitoring-ruhr";
    options.out_dir = out;
    options.strict = true;
    options.pdf = pdf;
    options.profiles = profiles;
    options.root = RF_SOURCE_DIR;
    options.progress = false;
    std::ostringstream o, e;
    int rc = build_report(options, *data_, o, e);
    *err_text = e.str() + o.str();
    return rc;
  }

  static rf::test::TempDir* dir_;
  static std::string db_url_;
  static monitor::IndicatorView* view_;
  static MonitorData* data_;
};

rf::test::TempDir* ReportDemo::dir_ = nullptr;
std::string ReportDemo::db_url_;
monitor::IndicatorView* ReportDemo::view_ = nullptr;
MonitorData* ReportDemo::data_ = nullptr;

TEST_F(ReportDemo, BuildsStrictlyWithEveryFigureSourcedAndTabulated) {
  fs::path out = dir_->path() / "html";
  std::string messages;
  ASSERT_EQ(build(out, false, true, &messages), 0) << messages;
  EXPECT_EQ(messages.find("Warnung"), std::string::npos) << messages;
  auto def_diag = Diagnostics();
  auto def = load_definition(RF_SOURCE_DIR + "/reports/bildungsmonitoring-ruhr", def_diag);
  ASSERT_TRUE(def);
  ASSERT_GE(def->chapters.size(), 5u);
  std::size_t figures = 0;
  std::vector<fs::path> pages;
  for (const auto& c : def->chapters) pages.push_back(out / ("kapitel/" + c.slug + ".html"));
  for (const auto& entry : fs::directory_iterator(out / "profile")) pages.push_back(entry.path());
  EXPECT_EQ(pages.size(), def->chapters.size() + 1 + 15 + 53);
  for (const auto& page : pages) {
    std::string html = rf::text::read_file(page).value_or("");
    ASSERT_FALSE(html.empty()) << page;
    EXPECT_EQ(html.find("[Wert fehlt"), std::string::npos) << page;
    std::size_t at = 0;
    while ((at = html.find("<figure class=\"abbildung", at)) != std::string::npos) {
      std::size_t end = html.find("</figure>", at);
      std::string f = html.substr(at, end - at);
      EXPECT_NE(f.find("<p class=\"quelle\">Quelle: "), std::string::npos) << page << "\n" << f.substr(0, 300);
      EXPECT_NE(f.find("<table class=\"daten\""), std::string::npos) << page;
      EXPECT_NE(f.find("Webcode <strong>"), std::string::npos) << page;
      ++figures;
      at = end;
    }
  }
  EXPECT_GT(figures, 100u);
}

TEST_F(ReportDemo, ChapterTextsHaveNoNumbersTypedByHand) {
  // Every number in the chapters comes from a directive: outside {{…}} and
  // ::: lines no digit may appear.
  auto def_diag = Diagnostics();
  auto def = load_definition(RF_SOURCE_DIR + "/reports/bildungsmonitoring-ruhr", def_diag);
  ASSERT_TRUE(def);
  std::vector<std::string> files;
  for (const auto& c : def->chapters) files.push_back(def->path_of(c.file));
  files.push_back(def->path_of(def->profiles.template_file));
  for (const auto& file : files) {
    std::string text = rf::text::read_file(file).value_or("");
    int line = 1;
    bool in_block = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        in_block = false;
        continue;
      }
      if ((i == 0 || text[i - 1] == '\n') && (text.compare(i, 3, ":::") == 0 || text.compare(i, 4, "    ") == 0)) {
        in_block = true;  // a block directive or its continuation line
      }
      if (text.compare(i, 2, "{{") == 0) {
        i = text.find("}}", i);
        continue;
      }
      if (!in_block && text[i] >= '0' && text[i] <= '9') {
        ADD_FAILURE() << file << ":" << line << ": Zahl ohne Direktive";
        break;
      }
    }
  }
}

TEST_F(ReportDemo, PdfHasPageNumbersAndTheComputedValues) {
  if (!fs::exists("/usr/bin/chromium") || !fs::exists("/usr/bin/pdftotext"))
    GTEST_SKIP() << "chromium/pdftotext fehlen";
  fs::path out = dir_->path() / "pdf";
  std::string messages;
  ASSERT_EQ(build(out, true, false, &messages), 0) << messages;
  fs::path pdf = out / "pdf/bericht.pdf";
  ASSERT_TRUE(fs::exists(pdf));
  EXPECT_TRUE(fs::exists(out / "pdf/kapitel/01-rahmenbedingungen.pdf"));
  std::string text;
  ASSERT_EQ(run("pdftotext -layout " + pdf.string() + " - 2>/dev/null", &text), 0);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(text, m, std::regex("Seite 1 von ([0-9]+)"))) << text.substr(0, 2000);
  int pages = std::stoi(m[1]);
  EXPECT_GT(pages, 10);
  EXPECT_NE(text.find("Seite " + std::to_string(pages) + " von " + std::to_string(pages)), std::string::npos);
  // Key figures of the report as the monitor computes them, formatted de-DE.
  for (const char* id : {"kinderarmut_u15", "kita_quote_u3", "schulabgaenger_ohne_abschluss"}) {
    const auto* info = view_->find(id);
    ASSERT_TRUE(info) << id;
    auto period = view_->latest_period(id, "ruhr");
    ASSERT_TRUE(period) << id;
    auto value = view_->value(id, "ruhr", *period);
    ASSERT_TRUE(value.value) << id;
    std::string shown = text::format_number(*value.value, info->decimals);
    // pdftotext writes the no-break space between number and unit as a space.
    bool found = text.find(shown + " %") != std::string::npos || text.find(shown + "\u00a0%") != std::string::npos;
    EXPECT_TRUE(found) << id << " " << shown;
  }
}

TEST_F(ReportDemo, TheBinaryNamesTheLineOfABrokenDirective) {
  fs::path copy = dir_->path() / "kaputt";
  fs::copy(RF_SOURCE_DIR + "/reports/bildungsmonitoring-ruhr", copy, fs::copy_options::recursive);
  std::string chapter = (copy / "kapitel/02-fruehe-bildung.md").string();
  std::string text = rf::text::read_file(chapter).value();
  int line = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  std::ofstream(chapter, std::ios::app) << "Ein kaputter Wert: {{wert indikator=kita_quote_u3 region=gibtsnicht}}\n";
  std::string output;
  int rc = run(std::string(RF_BINARY) + " report build " + copy.string() + " --out " +
                   (dir_->path() / "kaputt-out").string() + " --strict --no-profiles --database " + db_url_ + " 2>&1",
               &output);
  EXPECT_EQ(rc, 1) << output;
  EXPECT_NE(output.find(chapter + ":" + std::to_string(line) + ": Fehler: Region „gibtsnicht“ ist unbekannt"),
            std::string::npos)
      << output;
  EXPECT_FALSE(fs::exists(dir_->path() / "kaputt-out"));
}

}  // namespace
}  // namespace rf::report
