// The update report on both databases: a shipped table imported, then a new
// edition of it (a copy with two values revised and a new year for one
// Kreis): the report lists the new period, the revised cells old → new with
// their share, the indicators that read the table and the goal whose status
// changed — in a dry run (nothing stored) and from `ruhrfutur import --report`.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "db/migrations.hpp"
#include "monitor/import/import_command.hpp"
#include "monitor/store/goals.hpp"
#include "monitor/store/update_report.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"

namespace rf::monitor {
namespace {

const std::string kData = RF_SOURCE_DIR + "/data/";
const std::string kLeavers = kData + "genesis/21111-02-06-4.csv";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string f; std::getline(in, f, ';');) out.push_back(f);
  return out;
}

std::string join(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? ";" : "") + fields[i];
  return out;
}

class MonitorUpdateReport : public test::BothDatabases {
 protected:
  void SetUp() override {
    db_ = db::open(fresh_url());
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
  }

  ImportOptions options(const std::string& file, bool dry_run) {
    ImportOptions o;
    o.files = {file};
    o.data_dir = kData;
    o.progress = false;
    o.dry_run = dry_run;
    o.report = true;
    o.who = "test";
    return o;
  }

  // The 2024 edition: Gelsenkirchen's 2023 total 2845 → 2846 and "ohne
  // Hauptschulabschluss" 370 → 371, and a 2024 row for Gelsenkirchen.
  std::string revised_edition() {
    std::string bytes = read(kLeavers);
    const std::string start = "2023;05513;";
    std::size_t at = bytes.find(start);
    std::size_t end = bytes.find('\n', at);
    auto fields = split(bytes.substr(at, end - at));
    EXPECT_EQ(fields[3], "2845");
    EXPECT_EQ(fields[5], "370");
    fields[3] = "2846";
    fields[5] = "371";
    bytes.replace(at, end - at, join(fields));
    auto next = fields;
    next[0] = "2024";
    next[5] = "300";
    std::size_t footer = bytes.find("\n__________");
    bytes.insert(footer + 1, join(next) + "\n");
    std::string path = (dir_.path() / "21111-02-06-4.csv").string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  test::TempDir dir_;
  std::unique_ptr<db::Database> db_;
};

TEST_P(MonitorUpdateReport, ListsNewPeriodsRevisedCellsIndicatorsAndGoals) {
  ImportRun first = import_files(options(kLeavers, false), *db_);
  ASSERT_EQ(first.exit_code, 0) << first.error;
  ASSERT_TRUE(first.report);
  ASSERT_EQ(first.report->editions.size(), 1u);
  EXPECT_TRUE(first.report->editions[0].first_edition);
  EXPECT_EQ(first.report->editions[0].cells, 7532);
  const std::int64_t cells = db_->query_one("SELECT COUNT(*) FROM observations")->integer(0);

  Goal goal;
  goal.indicator = "schulabgaenger_ohne_abschluss";
  goal.region = "05513";
  goal.baseline_period = "2023";
  goal.target_value = 10;
  goal.target_year = 2030;
  goal.title = "Weniger Abgänge ohne Abschluss in Gelsenkirchen";
  save_goal(*db_, goal, std::nullopt);

  // A dry run of the new edition: the report, and nothing stored.
  const std::string revised = revised_edition();
  ImportRun dry = import_files(options(revised, true), *db_);
  ASSERT_EQ(dry.exit_code, 0) << dry.error;
  ASSERT_TRUE(dry.report);
  ASSERT_EQ(dry.report->editions.size(), 1u);
  const EditionChanges& e = dry.report->editions[0];
  EXPECT_FALSE(e.first_edition);
  EXPECT_EQ(e.dataset, "21111-02-06-4");
  EXPECT_EQ(e.new_periods, std::vector<std::string>{"2024"});
  EXPECT_EQ(e.revised, 2);
  EXPECT_EQ(e.dropped, 0);
  EXPECT_EQ(e.published_before, cells);
  EXPECT_DOUBLE_EQ(e.revised_share(), 2.0 / static_cast<double>(cells));
  ASSERT_EQ(e.revised_cells.size(), 2u);
  std::set<std::string> shown;
  for (const auto& c : e.revised_cells) {
    EXPECT_EQ(c.region_code, "05513");
    EXPECT_EQ(c.period, "2023");
    EXPECT_FALSE(c.dropped);
    shown.insert(revised_cell_text(c));
  }
  // Region, period, the series' header path, old → new.
  const std::string prefix =
      "05513 Gelsenkirchen, krfr. Stadt, 2023, Absolvierende/Abgehende allgemeinbildender Schulen nach dem Abschluss "
      "| ";
  EXPECT_EQ(shown, (std::set<std::string>{prefix + "Insgesamt | Insgesamt: 2845 → 2846",
                                          prefix + "ohne Hauptschulabschluss | Insgesamt: 370 → 371"}));
  std::set<std::string> indicators;
  for (const auto& [id, title] : dry.report->indicators) indicators.insert(id);
  EXPECT_TRUE(indicators.count("schulabgaenger_ohne_abschluss"));
  EXPECT_FALSE(indicators.count("kita_quote_u3"));  // reads other tables
  ASSERT_EQ(dry.report->goals.size(), 1u);
  EXPECT_EQ(dry.report->goals[0].title, goal.title);
  EXPECT_EQ(dry.report->goals[0].before, "offen");  // one year: no trend yet
  EXPECT_NE(dry.report->goals[0].after, "offen");   // 2024 gives the trend
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM observations")->integer(0), cells);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM observation_history")->integer(0), 0);

  // The command prints the same, and the report can be read back later from
  // the stored import.
  std::ostringstream out, err;
  ASSERT_EQ(run_import_command(options(revised, false), *db_, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("Aktualisierungsbericht"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("21111-02-06-4: neue Zeiträume: 2024; revidiert: 2 von " + std::to_string(cells)),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find(": 370 → 371"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("schulabgaenger_ohne_abschluss"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("„" + goal.title + "“ (schulabgaenger_ohne_abschluss, 05513): offen → "), std::string::npos)
      << out.str();
  const std::int64_t last = db_->query_one("SELECT MAX(id) FROM imports")->integer(0);
  auto stored = edition_changes(*db_, last);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->revised, 2);
  EXPECT_EQ(stored->new_periods, std::vector<std::string>{"2024"});
}

RF_BOTH_DATABASES(MonitorUpdateReport);

}  // namespace
}  // namespace rf::monitor
