// The whole build on fixed data: pages, figures with source lines and data
// tables, exports, codes.json, profiles, strict and lenient failures.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <sstream>

#include "report/definition.hpp"
#include "report/figure.hpp"
#include "report/report.hpp"
#include "report/toc_pages.hpp"
#include "report_fake_data.hpp"
#include "support/temp_dir.hpp"
#include "text/files.hpp"

namespace rf::report {
namespace {

namespace fs = std::filesystem;

class ReportBuild : public ::testing::Test {
 protected:
  void SetUp() override { test::write_fixture_report(dir_ / "bericht"); }

  int build(bool strict = true) {
    ReportBuildOptions options;
    options.report_dir = dir_ / "bericht";
    options.out_dir = dir_ / "out";
    options.strict = strict;
    options.root = RF_SOURCE_DIR;
    options.threads = 2;
    options.progress = false;
    out_.str("");
    err_.str("");
    return build_report(options, data_, out_, err_);
  }
  std::string read(const std::string& rel) { return rf::text::read_file(dir_ / "out" / rel).value_or(""); }

  rf::test::TempDir dir_;
  test::FakeData data_;
  std::ostringstream out_, err_;
};

std::vector<std::string> figures_of(const std::string& html) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = html.find("<figure class=\"abbildung", at)) != std::string::npos) {
    std::size_t end = html.find("</figure>", at);
    out.push_back(html.substr(at, end - at));
    at = end;
  }
  return out;
}

TEST_F(ReportBuild, WritesEveryPage) {
  ASSERT_EQ(build(), 0) << err_.str();
  EXPECT_NE(out_.str().find("2 Kapitel, 15 Profile"), std::string::npos) << out_.str();
  for (const char* page : {"index.html", "kapitel/01-kita.html", "kapitel/02-schluss.html", "glossar.html",
                           "quellen.html", "daten/index.html", "profile/index.html", "profile/05513.html",
                           "druck/bericht.html", "codes.json", "assets/bericht.css", "daten/bericht-daten.xlsx"}) {
    EXPECT_TRUE(fs::exists(dir_ / "out" / page)) << page;
  }
  std::string index = read("index.html");
  EXPECT_NE(index.find("<html lang=\"de\">"), std::string::npos);
  EXPECT_NE(index.find("href=\"kapitel/01-kita.html#abschnitt-1-1\""), std::string::npos);
  EXPECT_EQ(index.find("href=\"/"), std::string::npos) << "links must be relative";
  // Nothing of the staging folder is left behind.
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".out.neu"), std::string::npos);
  }
}

TEST_F(ReportBuild, EveryFigureHasNumberSourceTableAndCode) {
  ASSERT_EQ(build(), 0) << err_.str();
  std::string html = read("kapitel/01-kita.html");
  auto figures = figures_of(html);
  ASSERT_EQ(figures.size(), 5u);
  std::regex code(R"(Webcode <strong>([1-9][0-9]{4})</strong>)");
  for (const auto& f : figures) {
    EXPECT_NE(f.find("Quelle: "), std::string::npos) << f.substr(0, 200);
    EXPECT_NE(f.find("eigene Berechnungen"), std::string::npos);
    EXPECT_NE(f.find("<table class=\"daten\""), std::string::npos);
    EXPECT_TRUE(std::regex_search(f, code)) << f.substr(0, 200);
  }
  EXPECT_NE(figures[0].find("Abbildung 1.1"), std::string::npos);
  EXPECT_NE(figures[0].find("<svg"), std::string::npos);
  EXPECT_NE(figures[3].find("Abbildung 1.4"), std::string::npos);
  EXPECT_NE(figures[3].find("Eine eigene Fußnote."), std::string::npos);
  EXPECT_NE(figures[4].find("Tabelle 1.1"), std::string::npos);
  // The inline text: value, comparison, cross reference, glossary, citation.
  EXPECT_NE(html.find("25,8\u00a0%</data>"), std::string::npos);
  EXPECT_NE(html.find("2,3\u00a0Prozentpunkte unter dem Wert für Nordrhein-Westfalen"), std::string::npos);
  EXPECT_NE(html.find("href=\"../kapitel/01-kita.html#abb-verlauf\">Abbildung 1.1</a>"), std::string::npos);
  EXPECT_NE(html.find("href=\"../glossar.html#begriff-betreuungsquote\""), std::string::npos);
  EXPECT_NE(html.find("href=\"../quellen.html#quelle-bid\""), std::string::npos);
  // The second chapter refers back to the first.
  EXPECT_NE(read("kapitel/02-schluss.html").find("href=\"../kapitel/01-kita.html#abb-verlauf\">Abbildung 1.1</a>"),
            std::string::npos);
  // In the print document the same links stay inside the document.
  std::string print = read("druck/bericht.html");
  EXPECT_NE(print.find("href=\"#abb-verlauf\">Abbildung 1.1</a>"), std::string::npos);
  EXPECT_NE(print.find("href=\"#begriff-betreuungsquote\""), std::string::npos);
}

TEST_F(ReportBuild, CodesPointAtFiguresThatExist) {
  ASSERT_EQ(build(), 0) << err_.str();
  auto codes = nlohmann::json::parse(read("codes.json"));
  EXPECT_EQ(codes["report"], "bericht");
  ASSERT_EQ(codes["codes"].size(), 6u + 15u);
  for (const auto& [code, target] : codes["codes"].items()) {
    std::string url = target.get<std::string>();
    auto hash = url.find('#');
    ASSERT_NE(hash, std::string::npos);
    std::string page = read(url.substr(0, hash));
    EXPECT_NE(page.find("id=\"" + url.substr(hash + 1) + "\" data-webcode=\"" + code + "\""), std::string::npos)
        << code << " → " << url;
  }
  // Stable: a second build gives the same codes.
  ASSERT_EQ(build(), 0);
  EXPECT_EQ(nlohmann::json::parse(read("codes.json")), codes);
}

// An import's update report names the figures that read an indicator it
// changed: codes.json lists each figure's indicators, and
// read_published_report gives them back.
TEST_F(ReportBuild, CodesJsonListsTheIndicatorsOfEveryFigure) {
  ASSERT_EQ(build(), 0) << err_.str();
  auto codes = nlohmann::json::parse(read("codes.json"));
  ASSERT_EQ(codes["figures"].size(), 6u + 15u);
  std::map<std::string, std::vector<std::string>> by_place_title;
  for (const auto& f : codes["figures"]) {
    ASSERT_TRUE(f.contains("indicators")) << f.dump();
    by_place_title[f["place"].get<std::string>() + " | " + f["title"].get<std::string>()] =
        f["indicators"].get<std::vector<std::string>>();
  }
  const std::vector<std::string> kita{"kita_quote_u3"};
  EXPECT_EQ(by_place_title["Kapitel 1 Frühe Bildung | Betreuungsquote im Verlauf"], kita);
  EXPECT_EQ(by_place_title["Kapitel 1 Frühe Bildung | Betreuungsquote auf der Karte"], kita);
  // A table of two indicators names both, in the directive's order.
  EXPECT_EQ(by_place_title["Kapitel 2 Schluss | Überblick"], (std::vector<std::string>{"kita_quote_u3", "einkommen"}));
  EXPECT_EQ(by_place_title["Profil Gelsenkirchen | Verlauf"], kita);

  auto published = read_published_report(dir_ / "out");
  ASSERT_TRUE(published);
  ASSERT_EQ(published->figures.size(), 6u + 15u);
  std::size_t two = 0;
  for (const auto& f : published->figures) {
    EXPECT_FALSE(f.indicators.empty()) << f.code;
    if (f.indicators.size() == 2) {
      ++two;
      EXPECT_EQ(f.title, "Überblick");
      EXPECT_EQ(f.indicators[1], "einkommen");
    }
  }
  EXPECT_EQ(two, 1u);
}

TEST_F(ReportBuild, ExportsEveryFigure) {
  ASSERT_EQ(build(), 0) << err_.str();
  std::string csv = read("daten/abb-verlauf.csv");
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF"
                      "Abbildung;Zeile;",
                      0),
            0u);
  EXPECT_NE(csv.find("Abbildung 1.1: Betreuungsquote im Verlauf;2020;2020;Metropole Ruhr;ruhr;25,84;;%;\"Quelle: "),
            std::string::npos)
      << csv.substr(0, 400);
  std::string xlsx = read("daten/abb-verlauf.xlsx");
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
  EXPECT_EQ(read("daten/profile/05513.xlsx").substr(0, 2), "PK");
  EXPECT_TRUE(fs::exists(dir_ / "out/daten/tab-2-1.csv"));
  // The table with one indicator per row keeps each row's unit.
  std::string overview = read("daten/tab-2-1.csv");
  EXPECT_NE(overview.find(";22500;;€;"), std::string::npos) << overview;
}

TEST_F(ReportBuild, ProfilesUseTheirRegion) {
  ASSERT_EQ(build(), 0) << err_.str();
  std::string p = read("profile/05978.html");
  EXPECT_NE(p.find("<h1>Kreis Unna</h1>"), std::string::npos);
  EXPECT_NE(p.find("34,0\u00a0%"), std::string::npos);
  EXPECT_NE(p.find("Rang 1 von 15"), std::string::npos);
  EXPECT_NE(p.find("id=\"05978-abb-1\""), std::string::npos);
  EXPECT_NE(read("profile/index.html").find("href=\"05978.html\""), std::string::npos);
}

TEST_F(ReportBuild, StrictBuildFailsWithFileAndLine) {
  test::write_file(dir_ / "bericht/kapitel/02-schluss.md",
                   "# Schluss\n\nText.\n\nDer Wert {{wert indikator=gibtsnicht}}.\n\n::: abbildung typ=zeitreihe "
                   "indikator=kita_quote_u3 regionen=99999\n");
  EXPECT_EQ(build(true), 1);
  std::string err = err_.str();
  std::string file = (dir_ / "bericht/kapitel/02-schluss.md").lexically_normal().string();
  EXPECT_NE(err.find(file + ":5: Fehler: Indikator „gibtsnicht“ ist nicht im Katalog"), std::string::npos) << err;
  EXPECT_NE(err.find(file + ":7: Fehler: Region „99999“ ist unbekannt"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(dir_ / "out/index.html")) << "a failed build leaves no output";
}

TEST_F(ReportBuild, LenientBuildShowsPlaceholdersAndWarns) {
  test::write_file(dir_ / "bericht/kapitel/02-schluss.md", "# Schluss\n\nDer Wert {{wert indikator=gibtsnicht}}.\n");
  EXPECT_EQ(build(false), 0) << err_.str();
  EXPECT_NE(err_.str().find("02-schluss.md:3: Warnung: Indikator „gibtsnicht“"), std::string::npos) << err_.str();
  EXPECT_NE(read("kapitel/02-schluss.html").find("[Wert fehlt: wert indikator=gibtsnicht]"), std::string::npos);
}

TEST_F(ReportBuild, TimeSeriesAxisFitsTheDataUnlessTheFigureAsks) {
  test::write_file(dir_ / "bericht/kapitel/02-schluss.md",
                   "# Schluss\n\n::: abbildung typ=zeitreihe indikator=kita_quote_u3 id=frei\n\n"
                   "::: abbildung typ=zeitreihe indikator=kita_quote_u3 id=fest achse=0-100\n");
  ASSERT_EQ(build(), 0) << err_.str();
  const auto figures = figures_of(read("kapitel/02-schluss.html"));
  ASSERT_EQ(figures.size(), 2u);
  // The highest tick label of the value axis (the wide drawing comes first).
  auto top_tick = [](const std::string& figure) {
    const auto axis = figure.find("<g class=\"axis y-axis\"");
    const auto end = figure.find("</g>", axis);
    const std::string part = figure.substr(axis, end - axis);
    const std::regex tick("class=\"tick\" fill=\"#1b1b1f\">([0-9.,]+)<");
    std::string last;
    for (std::sregex_iterator it(part.begin(), part.end(), tick); it != std::sregex_iterator(); ++it) {
      last = (*it)[1];
    }
    return last;
  };
  EXPECT_EQ(top_tick(figures[1]), "100");
  EXPECT_NE(top_tick(figures[0]), "100");
  test::write_file(dir_ / "bericht/kapitel/02-schluss.md",
                   "# Schluss\n\n::: abbildung typ=zeitreihe indikator=kita_quote_u3 achse=100-0\n");
  EXPECT_EQ(build(), 1);
  EXPECT_NE(err_.str().find("02-schluss.md:3: Fehler: „achse“ erwartet VON-BIS"), std::string::npos) << err_.str();
}

TEST_F(ReportBuild, BrokenSyntaxFailsEvenWhenLenient) {
  test::write_file(dir_ / "bericht/kapitel/02-schluss.md", "# Schluss\n\nText\n{{wert indikator=kita_quote_u3\n");
  EXPECT_EQ(build(false), 1);
  EXPECT_NE(err_.str().find("02-schluss.md:4: Fehler: Direktive nicht geschlossen"), std::string::npos) << err_.str();
}

TEST_F(ReportBuild, PdfWithoutChromiumIsOneClearError) {
  ReportBuildOptions options;
  options.report_dir = dir_ / "bericht";
  options.out_dir = dir_ / "out";
  options.root = RF_SOURCE_DIR;
  options.pdf = true;
  options.profiles = false;
  options.chromium = "/gibt/es/nicht/chromium";
  options.progress = false;
  std::ostringstream out, err;
  EXPECT_EQ(build_report(options, data_, out, err), 1);
  EXPECT_NE(err.str().find("/gibt/es/nicht/chromium: Fehler: Chromium nicht gefunden"), std::string::npos) << err.str();
  EXPECT_EQ(err.str().find("PDF nicht erstellt"), std::string::npos);
}

TEST_F(ReportBuild, RefusesToOverwriteAForeignFolder) {
  test::write_file(dir_ / "out/wichtig.txt", "nicht löschen");
  EXPECT_EQ(build(), 2);
  EXPECT_EQ(read("wichtig.txt"), "nicht löschen");
  // A previous build is replaced.
  fs::remove(dir_ / "out/wichtig.txt");
  ASSERT_EQ(build(), 0);
  test::write_file(dir_ / "out/kapitel/alt.html", "alt");
  ASSERT_EQ(build(), 0);
  EXPECT_FALSE(fs::exists(dir_ / "out/kapitel/alt.html"));
}

TEST(ReportToc, FindsTheFirstPageOfEveryHeading) {
  std::vector<Document> chapters(2);
  chapters[0].number = "1";
  chapters[0].sections = {{"1.1", "Kinder und Jugendliche im Schulalter", "abschnitt-1-1"},
                          {"1.2", "Soziale Lage", "abschnitt-1-2"}};
  chapters[1].number = "2";
  chapters[1].sections = {{"2.1", "Kinder unter drei Jahren", "abschnitt-2-1"}};
  std::vector<std::string> pages = {
      "Titel",
      "Inhalt\n1 Rahmen\n1.1 Kinder und Jugendliche im Schulalter\n1.2 Soziale Lage\n2 Frühe Bildung\nGlossar",
      "KAPITEL 1\n1 Rahmen\nText",
      "Text\n1.1 Kinder und Jugendliche\n   im Schulalter\nText",
      "1.2\u00a0Soziale Lage",
      "KAPITEL 2\n2 Frühe Bildung\n2.1 Kinder unter drei Jahren",
      "Glossar\nBegriffe",
      "Quellen und Literatur"};
  auto found = find_heading_pages(pages, chapters);
  EXPECT_EQ(found["kapitel-1"], 3);
  EXPECT_EQ(found["abschnitt-1-1"], 4);  // wrapped over two lines
  EXPECT_EQ(found["abschnitt-1-2"], 5);  // no-break space
  EXPECT_EQ(found["kapitel-2"], 6);
  EXPECT_EQ(found["abschnitt-2-1"], 6);
  EXPECT_EQ(found["glossar"], 7);
  EXPECT_EQ(found["quellen"], 8);
}

TEST(ReportNotes, SimilarNotesAreMerged) {
  auto merged = merge_similar_notes(
      {"Geschätzt: Bevölkerung (31.12.2016), 15 Gebiete.", "Geschätzt: Bevölkerung (31.12.2018), 15 Gebiete.",
       "Geschätzt: Bevölkerung (31.12.2017), 15 Gebiete.", "Geschätzt: Bevölkerung (31.12.2017), 21 Gebiete.",
       "Eine andere Fußnote.", "Stand 2019 und 2021.", "Stand 2020 und 2022."});
  ASSERT_EQ(merged.size(), 4u);
  EXPECT_EQ(merged[0], "Geschätzt: Bevölkerung (31.12.2016 bis 31.12.2018), 15 Gebiete.");
  // Other numbers than dates and years are never merged: these notes are about other regions.
  EXPECT_EQ(merged[1], "Geschätzt: Bevölkerung (31.12.2017), 21 Gebiete.");
  EXPECT_EQ(merged[2], "Eine andere Fußnote.");
  EXPECT_EQ(merged[3], "Stand 2019 bis 2020 und 2021 bis 2022.");
  // Different age groups in the same words stay apart.
  EXPECT_EQ(merge_similar_notes({"von 3 bis unter 6 Jahren", "von 15 bis unter 25 Jahren"}).size(), 2u);
}

}  // namespace
}  // namespace rf::report
