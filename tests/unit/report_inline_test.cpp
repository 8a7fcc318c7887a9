// Inline directives on fixed data: values, comparisons, ranks, counts,
// periods, terms, references; strict and lenient handling of missing data.
#include <gtest/gtest.h>

#include "report/format.hpp"
#include "report/inline_render.hpp"
#include "report_fake_data.hpp"

namespace rf::report {
namespace {

const std::string nb(kNbsp);

class ReportInline : public ::testing::Test {
 protected:
  ReportInline() {
    def_.name = "test";
    def_.title = "Test";
    def_.region_sets["vergleich"] = {"ruhr", "nrw"};
    def_.periods["basis"] = "2015";
    def_.sources.push_back({"bid", "Autorengruppe 2024", "Autorengruppe (2024): Bildung.", ""});
    glossary_.add({"sozialindex", "Schulsozialindex", "SI", "Ein Index der Belastung.", {}, {}});
    refs_["abb-betreuung"] = {"Abbildung 2.1", "kapitel/02-kita.html"};
    links_.to_root = "../";
    links_.figures = &refs_;
  }

  // Renders the first directive of `text` (strict or not) into `html`.
  std::string render(const std::string& text, bool strict = true, const ProfileRegion* profile = nullptr) {
    diag_ = std::make_unique<Diagnostics>(strict);
    auto parsed = parse_directives(text, "kapitel/02-kita.md", *diag_);
    if (parsed.directives.empty()) return "(keine Direktive)";
    Resolver resolver(def_, data_, *diag_, profile);
    return render_inline(parsed.directives[0], resolver, glossary_, links_);
  }
  std::string first_error() const {
    auto all = diag_->all();
    return all.empty() ? std::string() : all.front().text();
  }

  test::FakeData data_;
  ReportDefinition def_;
  Glossary glossary_;
  std::map<std::string, FigureRef> refs_;
  PageLinks links_;
  std::unique_ptr<Diagnostics> diag_;
};

TEST_F(ReportInline, ValueWithUnitAndExactData) {
  EXPECT_EQ(render("{{wert indikator=kita_quote_u3 region=ruhr periode=2020}}"),
            "<data class=\"wert\" value=\"25.84\">25,8" + nb + "%</data>");
  EXPECT_EQ(diag_->error_count(), 0u);
  EXPECT_EQ(render("{{wert indikator=kita_quote_u3}}"), render("{{wert indikator=kita_quote_u3 periode=neueste}}"));
  EXPECT_NE(render("{{wert indikator=kita_quote_u3 region=nrw periode=basis einheit=nein stellen=2}}").find(">23,50<"),
            std::string::npos);
  EXPECT_NE(render("{{wert indikator=bevoelkerung periode=31.12.2024}}").find("5.100.000" + nb + "Personen"),
            std::string::npos);
}

TEST_F(ReportInline, Comparisons) {
  EXPECT_EQ(render("{{vergleich indikator=kita_quote_u3 periode=2020}}"),
            "2,3" + nb + "Prozentpunkte unter dem Wert für Nordrhein-Westfalen");
  EXPECT_EQ(
      render("{{vergleich indikator=kita_quote_u3 region=05978 mit=ruhr periode=2020 bezug=\"dem Ruhrdurchschnitt\"}}"),
      "8,2" + nb + "Prozentpunkte über dem Ruhrdurchschnitt");
  EXPECT_EQ(render("{{vergleich indikator=einkommen art=verhaeltnis}}"), "0,9-mal so hoch wie in Nordrhein-Westfalen");
  EXPECT_EQ(render("{{entwicklung indikator=kita_quote_u3 von=basis}}"), "um 5,8" + nb + "Prozentpunkte gestiegen");
  EXPECT_EQ(render("{{entwicklung indikator=kita_quote_u3 von=basis einheit=nein}}"), "um 5,8 gestiegen");
  EXPECT_EQ(render("{{vergleich indikator=einkommen einheit=nein}}"), "1.600 unter dem Wert für Nordrhein-Westfalen");
  EXPECT_EQ(render("{{entwicklung indikator=kita_quote_u3 von=2015 bis=2020 form=lang}}"),
            "von 20,0" + nb + "% (2015) auf 25,8" + nb + "% (2020) gestiegen");
}

TEST_F(ReportInline, RanksCountsExtremesRanges) {
  EXPECT_EQ(render("{{rang indikator=kita_quote_u3 region=05978}}"), "Rang 1 von 15");
  EXPECT_EQ(render("{{rang indikator=kita_quote_u3 region=05112 form=zahl}}"), "15");
  EXPECT_EQ(render("{{anzahl regionen=kreise}}"), "15");
  // Kreise above the Ruhr value 25.8: 26.0 … 34.0 = 9.
  EXPECT_EQ(render("{{anzahl regionen=kreise indikator=kita_quote_u3 ueber=ruhr}}"), "9");
  EXPECT_EQ(render("{{anzahl regionen=kreise indikator=kita_quote_u3 unter=nrw}}"), "9");
  EXPECT_EQ(render("{{extrem indikator=kita_quote_u3 form=name}}"), "Kreis Unna");
  EXPECT_EQ(render("{{extrem indikator=kita_quote_u3 art=niedrigster form=name}}"), "Duisburg");
  auto range = render("{{spanne indikator=kita_quote_u3}}");
  EXPECT_NE(range.find("von <data"), std::string::npos);
  EXPECT_NE(range.find("(Duisburg) bis"), std::string::npos);
  EXPECT_NE(range.find("34,0" + nb + "%</data> (Kreis Unna)"), std::string::npos);
}

TEST_F(ReportInline, PeriodsRegionsTermsReferencesCitations) {
  EXPECT_EQ(render("{{periode indikator=kita_quote_u3}}"), "2020");
  EXPECT_EQ(render("{{periode indikator=kita_quote_u3 wahl=erste}}"), "2015");
  EXPECT_EQ(render("{{periode basis}}"), "2015");
  EXPECT_EQ(render("{{periode indikator=bevoelkerung}}"), "31.12.2024");
  EXPECT_EQ(render("{{region 05513}}"), "Gelsenkirchen");
  EXPECT_EQ(render("{{begriff sozialindex}}"),
            "<a class=\"begriff\" href=\"../glossar.html#begriff-sozialindex\" title=\"Ein Index der "
            "Belastung.\">Schulsozialindex</a>");
  EXPECT_NE(render("{{begriff sozialindex text=SI}}").find("<abbr title=\"Schulsozialindex\">SI</abbr>"),
            std::string::npos);
  EXPECT_EQ(render("{{verweis abb-betreuung}}"),
            "<a class=\"verweis\" href=\"../kapitel/02-kita.html#abb-betreuung\">Abbildung 2.1</a>");
  EXPECT_EQ(render("{{quelle bid}}"), "<a class=\"zitat\" href=\"../quellen.html#quelle-bid\">Autorengruppe 2024</a>");
}

TEST_F(ReportInline, ProfileVariables) {
  ProfileRegion p{
      {"05562004", "Dorsten", "municipality", "05562"}, {"05562", "Kreis Recklinghausen", "county", "05"}, false};
  EXPECT_EQ(render("{{region $region}}", true, &p), "Dorsten");
  EXPECT_EQ(render("{{region $kreis}}", true, &p), "Kreis Recklinghausen");
  EXPECT_EQ(render("{{anzahl regionen=$gemeinden}}", true, &p), "2");
  EXPECT_EQ(render("{{rang indikator=kita_quote_u3 region=$kreis}}", true, &p), "Rang 8 von 15");
  render("{{region $region}}");
  EXPECT_EQ(diag_->error_count(), 1u);
}

TEST_F(ReportInline, StrictMissingDataIsAnErrorWithFileAndLine) {
  auto html = render("Text\n\n{{wert indikator=gibtsnicht}}");
  EXPECT_NE(html.find("[Wert fehlt: wert indikator=gibtsnicht]"), std::string::npos);
  EXPECT_EQ(diag_->error_count(), 1u);
  EXPECT_EQ(first_error(), "kapitel/02-kita.md:3: Fehler: Indikator „gibtsnicht“ ist nicht im Katalog");

  render("{{wert indikator=kita_quote_u3 region=99999}}");
  EXPECT_EQ(first_error(), "kapitel/02-kita.md:1: Fehler: Region „99999“ ist unbekannt");
  render("{{wert indikator=kita_quote_u3 periode=1999}}");
  EXPECT_NE(first_error().find("keine Daten für die Periode „1999“"), std::string::npos);
  // A secret value is missing data, too, and names its marker.
  render("{{wert indikator=einkommen region=05513 periode=2021}}");
  EXPECT_NE(first_error().find("Kennzeichen „.“"), std::string::npos) << first_error();
}

TEST_F(ReportInline, LenientMissingDataIsAWarningWithAPlaceholder) {
  auto html = render("{{wert indikator=kita_quote_u3 region=rheinland-ohne-ruhr periode=2015}}", false);
  EXPECT_EQ(html,
            "<span class=\"fehlt\">[Wert fehlt: wert indikator=kita_quote_u3 region=rheinland-ohne-ruhr "
            "periode=2015]</span>");
  EXPECT_EQ(diag_->error_count(), 0u);
  EXPECT_EQ(diag_->warning_count(), 1u);
}

TEST_F(ReportInline, SyntaxProblemsAreErrorsEvenWhenLenient) {
  render("{{wert indikatr=kita_quote_u3}}", false);
  EXPECT_EQ(diag_->error_count(), 1u);
  EXPECT_NE(first_error().find("unbekanntes Argument „indikatr“"), std::string::npos);
  render("{{begriff gibtsnicht}}", false);
  EXPECT_EQ(diag_->error_count(), 1u);
  render("{{verweis abb-gibtsnicht}}", false);
  EXPECT_EQ(diag_->error_count(), 1u);
}

}  // namespace
}  // namespace rf::report
