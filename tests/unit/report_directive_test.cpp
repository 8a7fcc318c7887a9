// The directive syntax: inline and block directives, arguments, continuation
// lines, escapes, code, conditions, tokens, and FILE:LINE for broken ones.
#include <gtest/gtest.h>

#include "report/directive.hpp"

namespace rf::report {
namespace {

TEST(ReportDirective, ParsesInlineDirectivesWithArguments) {
  Diagnostics diag;
  auto parsed = parse_directives(
      "Die Quote liegt bei {{wert indikator=kita_quote_u3 region=ruhr}} und "
      "{{begriff sozialindex text=\"Sozial­indizes \\\"neu\\\"\"}}.\n",
      "k.md", diag);
  ASSERT_EQ(diag.error_count(), 0u);
  ASSERT_EQ(parsed.directives.size(), 2u);
  const auto& a = parsed.directives[0];
  EXPECT_EQ(a.name, "wert");
  EXPECT_FALSE(a.block);
  EXPECT_EQ(a.get_or("indikator", ""), "kita_quote_u3");
  EXPECT_EQ(a.get_or("region", ""), "ruhr");
  EXPECT_EQ(a.where.line, 1);
  const auto& b = parsed.directives[1];
  EXPECT_EQ(b.positional(), std::vector<std::string>{"sozialindex"});
  EXPECT_EQ(b.get_or("text", ""), "Sozial\u00adindizes \"neu\"");
  EXPECT_EQ(parsed.markdown, "Die Quote liegt bei " + directive_token(0) + " und " + directive_token(1) + ".\n");
}

TEST(ReportDirective, BlockDirectiveWithContinuationLines) {
  Diagnostics diag;
  auto parsed = parse_directives(
      "# Titel\n\nText.\n\n::: abbildung typ=zeitreihe \\\n    indikator=kita_quote_u3 "
      "\\\n    titel=\"Betreuung, Ruhr und NRW\"\n\nMehr Text {{wert indikator=x}}.\n",
      "k.md", diag);
  ASSERT_EQ(diag.error_count(), 0u) << diag.all().front().text();
  ASSERT_EQ(parsed.directives.size(), 2u);
  const auto& fig = parsed.directives[0];
  EXPECT_TRUE(fig.block);
  EXPECT_EQ(fig.name, "abbildung");
  EXPECT_EQ(fig.where.line, 5);
  EXPECT_EQ(fig.get_or("typ", ""), "zeitreihe");
  EXPECT_EQ(fig.get_or("indikator", ""), "kita_quote_u3");
  EXPECT_EQ(fig.get_or("titel", ""), "Betreuung, Ruhr und NRW");
  // The line after the continuation keeps its own number.
  EXPECT_EQ(parsed.directives[1].where.line, 9);
}

TEST(ReportDirective, RepeatedKeysKeepTheirOrder) {
  Diagnostics diag;
  auto parsed = parse_directives("::: tabelle indikator=a fussnote=\"eins\" fussnote=\"zwei\"\n", "k.md", diag);
  ASSERT_EQ(parsed.directives.size(), 1u);
  EXPECT_EQ(parsed.directives[0].all("fussnote"), (std::vector<std::string>{"eins", "zwei"}));
}

TEST(ReportDirective, NothingInsideCodeIsADirective) {
  Diagnostics diag;
  auto parsed = parse_directives(
      "```\n{{wert indikator=a}}\n::: abbildung typ=karte\n```\n"
      "Im Text: `{{wert indikator=b}}` und \\{{ bleibt.\n",
      "k.md", diag);
  EXPECT_EQ(diag.error_count(), 0u);
  EXPECT_TRUE(parsed.directives.empty());
  EXPECT_NE(parsed.markdown.find("{{wert indikator=a}}"), std::string::npos);
  EXPECT_NE(parsed.markdown.find("`{{wert indikator=b}}`"), std::string::npos);
}

TEST(ReportDirective, BrokenDirectivesReportFileAndLine) {
  Diagnostics diag;
  parse_directives("Zeile eins\nZeile zwei {{wert indikator=a\n", "kapitel/02.md", diag);
  parse_directives("a\nb\n{{wert titel=\"offen}}\n", "kapitel/03.md", diag);
  parse_directives("::: \n", "kapitel/04.md", diag);
  parse_directives("{{wert x=\"a\"b}}\n", "kapitel/05.md", diag);
  auto all = diag.all();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].where.file, "kapitel/02.md");
  EXPECT_EQ(all[0].where.line, 2);
  EXPECT_EQ(all[0].text().rfind("kapitel/02.md:2: Fehler: Direktive nicht geschlossen", 0), 0u) << all[0].text();
  EXPECT_EQ(all[1].where.line, 3);
  EXPECT_EQ(all[2].where.file, "kapitel/04.md");
  EXPECT_EQ(all[2].where.line, 1);
  EXPECT_EQ(all[3].where.file, "kapitel/05.md");
}

TEST(ReportDirective, ConditionsSelectLines) {
  Diagnostics diag;
  ParseOptions options;
  options.condition = [](const Directive& d) { return d.get_or("ebene", "") == "kreis"; };
  auto parsed = parse_directives(
      "A\n::: wenn ebene=kreis\nK {{wert indikator=k}}\n::: sonst\nG {{wert indikator=g}}\n"
      "::: ende\n::: wenn ebene=gemeinde\nnie\n::: ende\nZ\n",
      "profil.md", diag, options);
  EXPECT_EQ(diag.error_count(), 0u);
  ASSERT_EQ(parsed.directives.size(), 1u);
  EXPECT_EQ(parsed.directives[0].get_or("indikator", ""), "k");
  EXPECT_NE(parsed.markdown.find("K "), std::string::npos);
  EXPECT_EQ(parsed.markdown.find("G "), std::string::npos);
  EXPECT_EQ(parsed.markdown.find("nie"), std::string::npos);
  EXPECT_NE(parsed.markdown.find("Z"), std::string::npos);
}

TEST(ReportDirective, UnclosedConditionAndStrayEndAreErrors) {
  Diagnostics diag;
  ParseOptions options;
  options.condition = [](const Directive&) { return true; };
  parse_directives("::: wenn ebene=kreis\nx\n", "p.md", diag, options);
  parse_directives("::: ende\n", "q.md", diag, options);
  parse_directives("::: wenn ebene=kreis\n::: ende\n", "r.md", diag);  // no condition callback
  EXPECT_EQ(diag.error_count(), 3u);
}

TEST(ReportDirective, TokensAreReplacedAndBlockParagraphsDropped) {
  std::string html = "<p>Wert " + directive_token(0) + " Prozent.</p>\n<p>" + directive_token(1) + "</p>\n<p>Ende</p>";
  auto out = replace_tokens(
      html, [](std::size_t i) { return i == 0 ? std::string("<b>7,9</b>") : std::string("<figure></figure>"); });
  EXPECT_EQ(out, "<p>Wert <b>7,9</b> Prozent.</p>\n<figure></figure>\n<p>Ende</p>");
}

TEST(ReportDirective, TextRoundTrips) {
  auto args = parse_arguments("indikator=a titel=\"x y\" bare");
  ASSERT_TRUE(args) << args.error().message;
  Directive d{"abbildung", *args, true, {}};
  EXPECT_EQ(d.text(), "abbildung indikator=a titel=\"x y\" bare");
}

}  // namespace
}  // namespace rf::report
