// report.yaml and glossary.yaml: what is read, and errors with FILE:LINE.
#include <gtest/gtest.h>

#include <fstream>

#include "report/definition.hpp"
#include "report/glossary.hpp"
#include "support/temp_dir.hpp"

namespace rf::report {
namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

TEST(ReportDefinition, ReadsEveryPart) {
  rf::test::TempDir dir;
  auto report = dir / "mein-bericht";
  write(report / "kapitel/01-rahmen.md", "# Rahmen\n");
  write(report / "kapitel/02-kita.md", "# Kita\n");
  write(report / "glossary.yaml", "- {id: a, term: A, definition: Ein A.}\n");
  write(report / "profil.md", "# {{region $region}}\n");
  write(report / "report.yaml", R"(title: Bildungsbericht Test
subtitle: Untertitel
edition: "2025"
publisher: RuhrFutur
authors: [Eine Autorin, Ein Autor]
base_url: https://example.org/bericht/
regions:
  vergleich: [ruhr, nrw]
periods:
  basis: "2015"
chapters:
  - kapitel/01-rahmen.md
  - {file: kapitel/02-kita.md}
glossary: glossary.yaml
sources:
  - {id: bid, cite: "Autorengruppe 2024", text: "Autorengruppe (2024): Bildung in Deutschland.", url: "https://example.org"}
profiles: {template: profil.md, gemeinden: false}
)");
  Diagnostics diag;
  auto def = load_definition(report, diag);
  ASSERT_TRUE(def) << (diag.all().empty() ? "" : diag.all().front().text());
  EXPECT_EQ(def->name, "mein-bericht");
  EXPECT_EQ(def->title, "Bildungsbericht Test");
  EXPECT_EQ(def->edition, "2025");
  EXPECT_EQ(def->base_url, "https://example.org/bericht");
  EXPECT_EQ(def->authors.size(), 2u);
  EXPECT_EQ(def->region_sets.at("vergleich"), (std::vector<std::string>{"ruhr", "nrw"}));
  EXPECT_EQ(def->periods.at("basis"), "2015");
  ASSERT_EQ(def->chapters.size(), 2u);
  EXPECT_EQ(def->chapters[1].slug, "02-kita");
  EXPECT_EQ(def->chapters[1].number, 2);
  ASSERT_TRUE(def->find_source("bid"));
  EXPECT_EQ(def->find_source("bid")->cite, "Autorengruppe 2024");
  EXPECT_TRUE(def->profiles.enabled);
  EXPECT_TRUE(def->profiles.kreise);
  EXPECT_FALSE(def->profiles.gemeinden);
}

TEST(ReportDefinition, UnknownKeysAndMissingFilesNameTheLine) {
  rf::test::TempDir dir;
  write(dir / "r/kapitel/01.md", "# Eins\n");
  write(dir / "r/report.yaml", "title: T\nchapters:\n  - kapitel/01.md\n  - kapitel/fehlt.md\nchapterz: 1\n");
  Diagnostics diag;
  EXPECT_FALSE(load_definition(dir / "r", diag));
  auto all = diag.all();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].where.line, 4);
  EXPECT_NE(all[0].message.find("fehlt.md"), std::string::npos);
  EXPECT_EQ(all[1].where.line, 5);
  EXPECT_NE(all[1].message.find("chapterz"), std::string::npos);
  EXPECT_NE(all[1].text().find("report.yaml:5: Fehler:"), std::string::npos);
}

TEST(ReportDefinition, YamlSyntaxErrorsHaveALine) {
  rf::test::TempDir dir;
  write(dir / "r/report.yaml", "title: T\nchapters: [a\n  b: c\n");
  Diagnostics diag;
  EXPECT_FALSE(load_definition(dir / "r", diag));
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_GT(diag.all()[0].where.line, 1);
}

TEST(ReportGlossary, SortedGermanAndCrossReferencesChecked) {
  rf::test::TempDir dir;
  write(dir / "g.yaml", R"(- id: uebergang
  term: Übergangsquote
  definition: Anteil …
- id: abschluss
  term: Abschluss
  abbreviation: AB
  definition: "*Ein* Abschluss."
  see: [uebergang, gibtsnicht]
- id: sozialindex
  term: Schulsozialindex
  definition: Index.
)");
  Diagnostics diag;
  auto g = load_glossary((dir / "g.yaml").string(), diag);
  ASSERT_EQ(g.size(), 3u);
  auto sorted = g.sorted();
  EXPECT_EQ(sorted[0]->id, "abschluss");
  EXPECT_EQ(sorted[1]->id, "sozialindex");
  EXPECT_EQ(sorted[2]->id, "uebergang");
  ASSERT_EQ(diag.error_count(), 1u);
  EXPECT_EQ(diag.all()[0].where.line, 4);
  EXPECT_NE(diag.all()[0].message.find("gibtsnicht"), std::string::npos);
}

}  // namespace
}  // namespace rf::report
