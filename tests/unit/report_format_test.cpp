// de-DE numbers with units, comparison phrases, web codes and slugs.
#include <gtest/gtest.h>

#include <set>

#include "report/format.hpp"
#include "report/links.hpp"
#include "report/web_code.hpp"

namespace rf::report {
namespace {

const std::string nb(kNbsp);

TEST(ReportFormat, ValuesWithUnits) {
  EXPECT_EQ(format_with_unit(7.94, 1, "%"), "7,9" + nb + "%");
  EXPECT_EQ(format_with_unit(5123456, 0, "Personen"), "5.123.456" + nb + "Personen");
  EXPECT_EQ(format_with_unit(23456.4, 0, "EUR"), "23.456" + nb + "€");
  EXPECT_EQ(format_with_unit(12.25, 1, "je 1.000 Einwohner"), "12,3" + nb + "je 1.000 Einwohner");
  EXPECT_EQ(format_with_unit(3, 0, ""), "3");
}

TEST(ReportFormat, ComparisonPhrasesUsePercentagePoints) {
  EXPECT_EQ(comparison_phrase(25.84, 28.1, 1, "%", "Nordrhein-Westfalen"),
            "2,3" + nb + "Prozentpunkte unter dem Wert für Nordrhein-Westfalen");
  EXPECT_EQ(comparison_phrase(30.0, 29.0, 1, "%", "NRW", "dem Landesdurchschnitt"),
            "1,0" + nb + "Prozentpunkte über dem Landesdurchschnitt");
  EXPECT_EQ(comparison_phrase(30.0, 29.0, 0, "%", "NRW"), "1" + nb + "Prozentpunkt über dem Wert für NRW");
  // Equal after rounding to the printed decimals.
  EXPECT_EQ(comparison_phrase(28.04, 27.96, 1, "%", "NRW"), "gleichauf mit dem Wert für NRW");
  EXPECT_EQ(comparison_phrase(22500, 24100, 0, "EUR", "NRW"), "1.600" + nb + "€ unter dem Wert für NRW");
}

TEST(ReportFormat, ChangeAndRatio) {
  EXPECT_EQ(change_phrase(20.0, 25.84, 1, "%"), "um 5,8" + nb + "Prozentpunkte gestiegen");
  EXPECT_EQ(change_phrase(120, 100, 0, "Personen"), "um 20" + nb + "Personen gesunken");
  EXPECT_EQ(change_phrase(1.01, 1.04, 1, "%"), "unverändert geblieben");
  EXPECT_EQ(ratio_phrase(30, 20, 1, "NRW"), "1,5-mal so hoch wie in NRW");
}

TEST(ReportWebCode, StableFiveDigitCodes) {
  EXPECT_EQ(web_code_candidate("bildungsmonitoring-ruhr", "kapitel/02.html#abb-2-1"),
            web_code_candidate("bildungsmonitoring-ruhr", "kapitel/02.html#abb-2-1"));
  EXPECT_NE(web_code_candidate("a", "x"), web_code_candidate("b", "x"));
  for (int i = 0; i < 200; ++i) {
    auto code = web_code_candidate("r", "id" + std::to_string(i));
    EXPECT_TRUE(is_web_code(code)) << code;
  }
  EXPECT_FALSE(is_web_code("01234"));
  EXPECT_FALSE(is_web_code("1234"));
  EXPECT_FALSE(is_web_code("12a45"));
}

TEST(ReportWebCode, CollisionsAreResolvedDeterministically) {
  // 2,000 ids over 90,000 codes collide many times; every code stays unique.
  std::vector<std::string> ids;
  for (int i = 0; i < 2000; ++i) ids.push_back("profile/" + std::to_string(i) + ".html#abb-1");
  auto codes = assign_web_codes("r", ids);
  ASSERT_EQ(codes.size(), ids.size());
  std::set<std::string> distinct;
  for (const auto& [id, code] : codes) distinct.insert(code);
  EXPECT_EQ(distinct.size(), ids.size());
  // The same input order or not: the same codes.
  std::reverse(ids.begin(), ids.end());
  EXPECT_EQ(assign_web_codes("r", ids), codes);
  // An id keeps its first candidate unless an id that sorts earlier took it.
  EXPECT_EQ(codes["profile/0.html#abb-1"], web_code_candidate("r", "profile/0.html#abb-1"));
}

TEST(ReportLinks, SlugsAndHrefs) {
  EXPECT_EQ(slugify("Frühe Bildung – Überblick"), "fruehe-bildung-ueberblick");
  EXPECT_EQ(slugify("2.1"), "2-1");
  PageLinks links{"../", false, nullptr};
  EXPECT_EQ(links.href(kGlossaryPage, "begriff-x"), "../glossar.html#begriff-x");
  links.single_document = true;
  EXPECT_EQ(links.href(kGlossaryPage, "begriff-x"), "#begriff-x");
  EXPECT_EQ(links.href("daten/abb-1.csv"), "../daten/abb-1.csv");
}

}  // namespace
}  // namespace rf::report
