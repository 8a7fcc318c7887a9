// The indicator engine on real imported files, on SQLite and PostgreSQL.
// Expected numbers are computed here independently, straight from the CSV
// text of the shipped files (not through the importers).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "db/migrations.hpp"
#include "db/pool.hpp"
#include <thread>
#include "monitor/import/import_command.hpp"
#include "monitor/engine/indicator_state.hpp"
#include "monitor/indicators.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"
#include "text/files.hpp"

using namespace rf::monitor;

namespace {

// What a value says about itself, for failure messages.
std::string describe(const IndicatorValue& v) {
  std::string out = "status '" + std::string(status_marker(v.status)) + "'";
  for (const auto& n : v.notes) out += "; " + n;
  for (const auto& m : v.missing_members) out += "; missing " + m;
  return out;
}

const std::string kData = std::string(RF_SOURCE_DIR) + "/data/";
const std::vector<std::string> kRuhrKreise = {"05112", "05113", "05117", "05119", "05170", "05512", "05513", "05562",
                                              "05911", "05913", "05914", "05915", "05916", "05954", "05978"};

std::string read_file(const std::string& path) { return rf::text::read_file(path).value(); }

// Splits one CSV line; double quotes protect separators ("Essen, Stadt").
std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == sep && !quoted) {
      out.push_back(cell);
      cell.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  out.push_back(cell);
  return out;
}

// Rows of a GENESIS table (";", Latin-1 names do not matter: codes and
// numbers are ASCII) by period and region code.
std::map<std::string, std::vector<std::string>> genesis_rows(const std::string& file, const std::string& period) {
  std::map<std::string, std::vector<std::string>> out;
  std::istringstream in(read_file(kData + file));
  std::string line;
  while (std::getline(in, line)) {
    auto cells = split(line, ';');
    if (cells.size() > 3 && cells[0] == period) out[cells[1]] = cells;
  }
  return out;
}

// A table cell as a number; "-" (exactly nothing) is 0.
double number(const std::string& s) { return s == "-" ? 0.0 : std::stod(s); }

class MonitorIndicators : public rf::test::BothDatabases {
 protected:
  // A copy of a database with `files` imported: cases that import the same
  // files share the import (once per program and database kind).
  std::unique_ptr<rf::db::Database> prepared(const std::vector<std::string>& files) {
    std::string key = "import";
    for (const auto& f : files) key += " " + f;
    return rf::db::open(prepared_url(key, [&files](const std::string& url) {
      auto db = rf::db::open(url);
      rf::db::migrate(*db, std::string(RF_SOURCE_DIR) + "/migrations");
      ImportOptions options;
      for (const auto& f : files) options.files.push_back(f.starts_with("/") ? f : kData + f);
      options.data_dir = kData;
      options.progress = false;
      options.who = "test";
      std::ostringstream out, err;
      if (run_import_command(options, *db, out, err) != 0) throw std::runtime_error(err.str());
    }));
  }
  IndicatorView view(rf::db::Database& db) { return load_indicators(db, kData + "indicators.yaml"); }
};

TEST_P(MonitorIndicators, LeaversWithoutCertificateRuhr2023IsSumOverSumOfTheFifteenKreise) {
  auto db = prepared({"genesis/21111-02-06-4.csv"});
  auto v = view(*db);
  // Columns of 21111-02-06-4: 3 Insgesamt/Insgesamt, 4 Insgesamt/weiblich,
  // 5 ohne Hauptschulabschluss/Insgesamt, 6 ohne Hauptschulabschluss/weiblich.
  auto rows = genesis_rows("genesis/21111-02-06-4.csv", "2023");
  double without = 0, all = 0, without_w = 0, all_w = 0;
  for (const auto& k : kRuhrKreise) {
    ASSERT_TRUE(rows.count(k)) << k;
    all += number(rows[k][3]);
    all_w += number(rows[k][4]);
    without += number(rows[k][5]);
    without_w += number(rows[k][6]);
  }
  // By hand from the file: Σ without = 395 + 480 + 75 + 185 + 290 + 50 + 370 +
  // 395 + 225 + 560 + 155 + 140 + 125 + 180 + 275 = 3 900 and Σ all = 50 415,
  // so the Ruhr share is 7.7358 % (a mean of the 15 shares would be 7.66 %).
  EXPECT_EQ(without, 3900);
  EXPECT_EQ(all, 50415);
  auto ruhr = v.value("schulabgaenger_ohne_abschluss", "ruhr", "2023");
  ASSERT_TRUE(ruhr.value) << describe(ruhr);
  EXPECT_NEAR(*ruhr.value, 100.0 * without / all, 1e-9);
  EXPECT_EQ(ruhr.status, Status::ok);
  EXPECT_EQ(*ruhr.numerator, without);
  EXPECT_EQ(*ruhr.denominator, all);
  EXPECT_TRUE(ruhr.missing_members.empty());
  EXPECT_NE(ruhr.source.find("21111-02-06-4"), std::string::npos);

  // Breakdown by sex: women directly, men as total minus women.
  auto female = v.value("schulabgaenger_ohne_abschluss", "ruhr", "2023", {"sex", "female"});
  auto male = v.value("schulabgaenger_ohne_abschluss", "ruhr", "2023", {"sex", "male"});
  EXPECT_NEAR(*female.value, 100.0 * without_w / all_w, 1e-9);
  EXPECT_NEAR(*male.value, 100.0 * (without - without_w) / (all - all_w), 1e-9);
  auto g = gap(female, male);
  ASSERT_TRUE(g);
  EXPECT_LT(*g, 0);  // fewer girls leave without a certificate

  // NRW is published as a row of its own; a Kreis directly.
  auto nrw_row = rows["05"];
  auto nrw = v.value("schulabgaenger_ohne_abschluss", "nrw", "2023");
  EXPECT_NEAR(*nrw.value, 100.0 * number(nrw_row[5]) / number(nrw_row[3]), 1e-9);
  auto essen = v.value("schulabgaenger_ohne_abschluss", "05113", "2023");
  EXPECT_NEAR(*essen.value, 100.0 * 480 / 5790, 1e-9);

  // Rheinland ohne Ruhr: the Kreise of Düsseldorf and Köln not in the Ruhr.
  double rn = 0, rd = 0;
  for (const auto& [code, cells] : rows) {
    if (code.size() != 5 || !(code.starts_with("051") || code.starts_with("053"))) continue;
    if (std::find(kRuhrKreise.begin(), kRuhrKreise.end(), code) != kRuhrKreise.end()) continue;
    rn += number(cells[5]);
    rd += number(cells[3]);
  }
  auto rheinland = v.value("schulabgaenger_ohne_abschluss", "rheinland-ohne-ruhr", "2023");
  ASSERT_TRUE(rheinland.value);
  EXPECT_NEAR(*rheinland.value, 100.0 * rn / rd, 1e-9);

  // The ranking of the 15 Kreise, lowest share first (polarity down).
  auto ranking = v.ruhr_ranking("schulabgaenger_ohne_abschluss", "2023");
  ASSERT_EQ(ranking.size(), 15u);
  EXPECT_EQ(ranking.front().rank, 1);
  for (std::size_t i = 1; i < ranking.size(); ++i) {
    EXPECT_LE(*ranking[i - 1].value.value, *ranking[i].value.value);
  }
  EXPECT_EQ(v.latest_period("schulabgaenger_ohne_abschluss", "ruhr"), "2023");
}

TEST_P(MonitorIndicators, WeightedRateAggregateDiffersFromTheMeanOfRates) {
  auto db = prepared({"inkar/inkar2024_indikatoren_meta.csv", "inkar/inkar2024_kinderbetreuung_kreise_2006-2022.csv",
                      "genesis/12411-0018.csv"});
  auto v = view(*db);
  // INKAR rates 2020 of the 15 Kreise (kennziffer = Kreis + "000").
  std::map<std::string, double> rates;
  {
    std::istringstream in(read_file(kData + "inkar/inkar2024_kinderbetreuung_kreise_2006-2022.csv"));
    std::string line;
    std::getline(in, line);
    auto header = split(line, ',');
    auto col = std::find(header.begin(), header.end(), "a_betr0003_bev0003") - header.begin();
    while (std::getline(in, line)) {
      auto cells = split(line, ',');
      if (cells.size() <= static_cast<std::size_t>(col) || cells[3] != "2020") continue;
      for (const auto& k : kRuhrKreise) {
        if (cells[1] == k + "000") rates[k] = std::stod(cells[col]);
      }
    }
  }
  ASSERT_EQ(rates.size(), 15u);
  // Weights: children under 3 on 31.12.2020 (12411-0018: column 3 male, 20 female).
  auto pop = genesis_rows("genesis/12411-0018.csv", "31.12.2020");
  double weighted = 0, weights = 0, mean = 0;
  for (const auto& k : kRuhrKreise) {
    ASSERT_TRUE(pop.count(k)) << k;
    double w = number(pop[k][3]) + number(pop[k][20]);
    weighted += rates[k] * w;
    weights += w;
    mean += rates[k] / 15.0;
  }
  const double expected = weighted / weights;
  auto ruhr = v.value("kita_quote_u3", "ruhr", "2020");
  ASSERT_TRUE(ruhr.value) << describe(ruhr);
  EXPECT_NEAR(*ruhr.value, expected, 1e-9);
  EXPECT_GT(std::abs(*ruhr.value - mean), 0.05) << "weighted " << expected << " mean " << mean;
  EXPECT_EQ(ruhr.status, Status::estimated);
  EXPECT_NEAR(*ruhr.denominator, weights, 1e-6);
  // A Kreis gets its published rate, not an estimate.
  auto essen = v.value("kita_quote_u3", "05113", "2020");
  EXPECT_NEAR(*essen.value, rates["05113"], 1e-9);
  EXPECT_EQ(essen.status, Status::ok);
  // For 2010 no population of that year exists: the nearest (2015) is used and said so.
  auto early = v.value("kita_quote_u3", "ruhr", "2010");
  ASSERT_TRUE(early.value);
  EXPECT_EQ(early.status, Status::estimated);
  bool says = false;
  for (const auto& n : early.notes) says = says || n.find("31.12.2015") != std::string::npos;
  EXPECT_TRUE(says);
  // The time series runs 2006–2020.
  auto periods = v.periods("kita_quote_u3");
  ASSERT_FALSE(periods.empty());
  EXPECT_EQ(periods.front(), "2006");
}

TEST_P(MonitorIndicators, SecretMemberFlagsTheAggregate) {
  // 21111-02-06-4 with Bochum's "ohne Hauptschulabschluss / Insgesamt" made secret.
  rf::test::TempDir dir;
  std::string text = read_file(kData + "genesis/21111-02-06-4.csv");
  auto at = text.find("2023;05911;");
  ASSERT_NE(at, std::string::npos);
  auto end = text.find('\n', at);
  auto cells = split(text.substr(at, end - at), ';');
  cells[5] = ".";
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? ";" : "") + cells[i];
  text.replace(at, end - at, line + (text[end - 1] == '\r' ? "\r" : ""));
  const auto path = (dir.path() / "21111-02-06-4.csv").string();
  std::ofstream(path, std::ios::binary) << text;

  auto db = prepared({path});
  auto v = view(*db);
  auto ruhr = v.value("schulabgaenger_ohne_abschluss", "ruhr", "2023");
  EXPECT_FALSE(ruhr.value);
  EXPECT_EQ(ruhr.status, Status::secret);
  EXPECT_EQ(ruhr.missing_members, std::vector<std::string>{"05911"});
  ASSERT_FALSE(ruhr.notes.empty());
  auto bochum = v.value("schulabgaenger_ohne_abschluss", "05911", "2023");
  EXPECT_FALSE(bochum.value);
  EXPECT_EQ(bochum.status, Status::secret);
  // Other regions are not affected; the female share of Bochum still is known.
  EXPECT_TRUE(v.value("schulabgaenger_ohne_abschluss", "05913", "2023").value);
  EXPECT_TRUE(v.value("schulabgaenger_ohne_abschluss", "ruhr", "2023", {"sex", "female"}).value);
  // The ranking lists Bochum last, without a rank.
  auto ranking = v.ruhr_ranking("schulabgaenger_ohne_abschluss", "2023");
  EXPECT_EQ(ranking.back().region, "05911");
  EXPECT_EQ(ranking.back().rank, 0);
}

TEST_P(MonitorIndicators, SchoolsWithHighSozialindexFromTheSchoolList) {
  auto db = prepared({"schools/AS_BS_Verzeichnis_2024_25_mit_Sozialindex.csv"});
  auto v = view(*db);
  // Independently: count Grundschulen and Sek-I schools of Gelsenkirchen (05513000).
  std::istringstream in(read_file(kData + "schools/AS_BS_Verzeichnis_2024_25_mit_Sozialindex.csv"));
  std::string line;
  std::getline(in, line);
  const std::set<std::string> forms = {"Grundschule",    "Hauptschule", "Realschule",   "Gesamtschule",
                                       "Sekundarschule", "Gymnasium",   "PRIMUS-Schule"};
  int high = 0, with_index = 0, without = 0, pupils_high = 0, pupils_all = 0;
  while (std::getline(in, line)) {
    auto f = split(line, ',');  // …, Schulform (1), AGS (2), …, Anzahl, Sozialindex
    if (f.size() < 19 || f[2] != "05513000" || !forms.count(f[1])) continue;
    const std::string index = f.back();
    int pupils = std::stoi(f[f.size() - 2]);
    if (index.empty()) {
      ++without;
      continue;
    }
    ++with_index;
    pupils_all += pupils;
    if (std::stoi(index) >= 6) {
      ++high;
      pupils_high += pupils;
    }
  }
  ASSERT_GT(with_index, 0);
  auto schools = v.value("schulen_sozialindex_6plus", "05513000", "2024/25");
  ASSERT_TRUE(schools.value) << describe(schools);
  EXPECT_NEAR(*schools.value, 100.0 * high / with_index, 1e-9);
  EXPECT_EQ(*schools.excluded, without);
  auto pupils = v.value("schueler_sozialindex_6plus", "05513000", "2024/25");
  EXPECT_NEAR(*pupils.value, 100.0 * pupils_high / pupils_all, 1e-9);
  // The Kreis (kreisfreie Stadt) is the sum of its one Gemeinde; the Ruhr sums 53.
  auto kreis = v.value("schulen_sozialindex_6plus", "05513", "2024/25");
  EXPECT_NEAR(*kreis.value, *schools.value, 1e-9);
  auto ruhr = v.value("schulen_sozialindex_6plus", "ruhr", "2024/25");
  ASSERT_TRUE(ruhr.value);
  auto nrw = v.value("schulen_sozialindex_6plus", "nrw", "2024/25");
  ASSERT_TRUE(nrw.value);
  EXPECT_GT(*ruhr.value, *nrw.value);
  // By school form.
  auto primary = v.value("schulen_sozialindex_6plus", "ruhr", "2024/25", {"schulform", "grundschule"});
  EXPECT_TRUE(primary.value);
}

// Engine::values (a map's ~400 regions in one pass) gives every region what
// Engine::value gives it alone: counts (school list, a Kreis table) and
// published rates (INKAR), every period and breakdown group, for Gemeinden,
// current and retired Kreise, aggregates, aliases, a region asked twice and
// an unknown one.
TEST_P(MonitorIndicators, ValuesOfManyRegionsAreTheirValuesOneByOne) {
  auto db = prepared({"schools/AS_BS_Verzeichnis_2024_25_mit_Sozialindex.csv", "genesis/21111-02-06-4.csv",
                      "inkar/inkar2024_indikatoren_meta.csv", "inkar/inkar2024_kinderbetreuung_kreise_2006-2022.csv",
                      "genesis/12411-0018.csv"});
  auto v = view(*db);
  const Engine& engine = engine_of(v);
  std::vector<std::string> regions = {"ruhr", "nrw", "DG", "05913", "99999", "05913000"};
  for (const auto& r : engine.regions().regions()) {
    if (r.code.size() == 5 || (r.code.size() == 8 && r.code.starts_with("05"))) regions.push_back(r.code);
  }
  const auto same = [](const IndicatorValue& a, const IndicatorValue& b) {
    return a.value == b.value && a.status == b.status && a.missing_members == b.missing_members &&
           a.source == b.source && a.notes == b.notes && a.numerator == b.numerator && a.denominator == b.denominator &&
           a.excluded == b.excluded && a.excluded_label == b.excluded_label;
  };
  int compared = 0, gemeinden_with_value = 0, kreise_with_value = 0, rates = 0, excluded = 0, area_notes = 0;
  for (const auto& def : engine.catalogue().indicators) {
    std::vector<BreakdownGroup> groups = {{}};
    for (const auto& [dimension, list] : def.groups) {
      for (const auto& [group, label] : list) groups.push_back({dimension, group});
    }
    for (const auto& period : engine.periods(def)) {
      for (const auto& group : groups) {
        const auto all = engine.values(def, regions, period, group);
        ASSERT_EQ(all.size(), regions.size());
        for (std::size_t i = 0; i < regions.size(); ++i) {
          const auto one = engine.value(def, regions[i], period, group);
          ASSERT_TRUE(same(all[i], one)) << def.info.id << " " << regions[i] << " " << period << ": "
                                         << describe(all[i]) << " against " << describe(one);
          ++compared;
          if (!one.value) continue;
          if (regions[i].size() == 8) ++gemeinden_with_value;
          if (regions[i].size() == 5) ++kreise_with_value;
          if (!one.numerator) ++rates;
          if (one.excluded) ++excluded;
          for (const auto& n : one.notes) area_notes += n.starts_with("Gebietsänderung") ? 1 : 0;
        }
      }
    }
  }
  // The data reach every path: Gemeinden of the school list, Kreise of the
  // tables, INKAR rates, schools without a Sozialindex, retired Kreise.
  EXPECT_GT(compared, 10000);
  EXPECT_GT(gemeinden_with_value, 1000);
  EXPECT_GT(kreise_with_value, 1000);
  EXPECT_GT(rates, 100);
  EXPECT_GT(excluded, 100);
  EXPECT_GT(area_notes, 0);
}

TEST_P(MonitorIndicators, UnknownThingsAndLevelsWithoutData) {
  auto db = prepared({"genesis/21111-02-06-4.csv"});
  auto v = view(*db);
  auto unknown = v.value("gibt_es_nicht", "ruhr", "2023");
  EXPECT_FALSE(unknown.value);
  EXPECT_EQ(unknown.status, Status::not_applicable);
  auto region = v.value("schulabgaenger_ohne_abschluss", "99999", "2023");
  EXPECT_EQ(region.status, Status::not_applicable);
  // A Gemeinde has no data in a Kreis table.
  auto gemeinde = v.value("schulabgaenger_ohne_abschluss", "05513000", "2023");
  EXPECT_FALSE(gemeinde.value);
  EXPECT_EQ(gemeinde.status, Status::not_applicable);
  auto period = v.value("schulabgaenger_ohne_abschluss", "ruhr", "1990");
  EXPECT_FALSE(period.value);
  EXPECT_EQ(period.status, Status::secret);
  ASSERT_EQ(v.ruhr_kreise().size(), 15u);
  EXPECT_EQ(v.region("nrw")->code, "05");
  EXPECT_EQ(IndicatorView::period_label("2024-12-31"), "31.12.2024");
}

TEST_P(MonitorIndicators, ShippedCatalogueMatchesTheShippedDatasets) {
  auto db = prepared({"genesis/21111-02-06-4.csv", "genesis/12411-0018.csv"});
  auto v = view(*db);
  const auto& state = *v.state();
  EXPECT_TRUE(state.catalogue_errors.empty()) << state.catalogue_errors.front();
  EXPECT_FALSE(state.catalogue_warnings.empty());  // INKAR not imported here
}

TEST_P(MonitorIndicators, EveryInstanceRebuildsItsCubeAfterAnImport) {
  const auto url = fresh_url();
  {
    auto db = rf::db::open(url);
    rf::db::migrate(*db, std::string(RF_SOURCE_DIR) + "/migrations");
  }
  // Two instances: two pools on one database.
  rf::db::Pool a(url, 2), b(url, 2);
  EXPECT_FALSE(current_indicators(a, RF_SOURCE_DIR).value("schulabgaenger_ohne_abschluss", "ruhr", "2023").value);
  EXPECT_FALSE(current_indicators(b, RF_SOURCE_DIR).value("schulabgaenger_ohne_abschluss", "ruhr", "2023").value);
  {
    auto db = rf::db::open(url);
    ImportOptions options;
    options.files = {kData + "genesis/21111-02-06-4.csv"};
    options.data_dir = kData;
    options.progress = false;
    std::ostringstream out, err;
    ASSERT_EQ(run_import_command(options, *db, out, err), 0) << err.str();
  }
  // Within a second the old cube may still answer; after it, both see the import.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(current_indicators(a, RF_SOURCE_DIR).value("schulabgaenger_ohne_abschluss", "ruhr", "2023").value);
  EXPECT_TRUE(current_indicators(b, RF_SOURCE_DIR).value("schulabgaenger_ohne_abschluss", "ruhr", "2023").value);
  // bump_statistics_version alone (e.g. a catalogue upload) rebuilds too.
  auto before = current_indicators(a, RF_SOURCE_DIR);
  {
    auto db = rf::db::open(url);
    bump_statistics_version(*db);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto after = current_indicators(a, RF_SOURCE_DIR);
  EXPECT_NE(before.state(), after.state());
  EXPECT_EQ(engine_of(after).cube().version(), engine_of(before).cube().version() + 1);
}

RF_BOTH_DATABASES(MonitorIndicators);

}  // namespace
