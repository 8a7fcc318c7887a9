// Markdown rendering and sanitising (cmark-gfm with table, strikethrough, autolink).
#include <gtest/gtest.h>

#include "text/markdown.hpp"

namespace rf::text {
namespace {

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(Markdown, RendersBasicsAndShiftsHeadings) {
  auto html = markdown_to_html("# Übergänge\n\nText mit **fett** und _kursiv_.\n\n- eins\n- zwei\n");
  EXPECT_TRUE(contains(html, "<h2>Übergänge</h2>")) << html;
  EXPECT_TRUE(contains(html, "<strong>fett</strong>")) << html;
  EXPECT_TRUE(contains(html, "<em>kursiv</em>")) << html;
  EXPECT_TRUE(contains(html, "<li>zwei</li>")) << html;
  EXPECT_TRUE(contains(markdown_to_html("# a\n## b\n### c\n#### d\n##### e\n###### tief"), "<h6>tief</h6>"));
  EXPECT_TRUE(contains(markdown_to_html("# eins\n## zwei", {.heading_offset = 0}), "<h2>zwei</h2>"));
}

TEST(Markdown, HeadingsDescendWithoutJumps) {
  // "##" right under the page's h1 is an h2; a skipped level is closed up.
  EXPECT_EQ(markdown_to_html("## Abschnitt\n\n#### Detail\n\n## Weiter\n"),
            "<h2>Abschnitt</h2>\n<h3>Detail</h3>\n<h2>Weiter</h2>\n");
  // A report chapter owns its h1 (offset 0): "##" stays h2, "####" after it becomes h3.
  EXPECT_EQ(markdown_to_html("# Kapitel\n\n## Teil\n\n#### Tief\n", {.heading_offset = 0}),
            "<h1>Kapitel</h1>\n<h2>Teil</h2>\n<h3>Tief</h3>\n");
}

TEST(Markdown, TableAlignmentBecomesAClassTheStylesheetsHonour) {
  auto html = markdown_to_html("| Stadt | Anteil | Mitte |\n|:--|--:|:-:|\n| Essen | 12,5 | x |\n");
  EXPECT_TRUE(contains(html, "<th class=\"align-right\">Anteil</th>")) << html;
  EXPECT_TRUE(contains(html, "<td class=\"align-right\">12,5</td>")) << html;
  EXPECT_TRUE(contains(html, "<td class=\"align-center\">x</td>")) << html;
  EXPECT_TRUE(contains(html, "<td class=\"align-left\">Essen</td>")) << html;
  EXPECT_FALSE(contains(html, "align=")) << html;
  // Text that looks like the attribute stays text.
  EXPECT_TRUE(contains(markdown_to_html("a align=\"right\" b"), "align=&quot;right&quot;"));
}

TEST(Markdown, SupportsGfmExtensions) {
  auto html = markdown_to_html("| Stadt | Kitas |\n|---|--:|\n| Essen | 12 |\n\n~~alt~~ und www.ruhrfutur.de\n");
  EXPECT_TRUE(contains(html, "<table>")) << html;
  EXPECT_TRUE(contains(html, "<td class=\"align-right\">12</td>")) << html;
  EXPECT_TRUE(contains(html, "<del>alt</del>")) << html;
  EXPECT_TRUE(contains(html, "<a href=\"http://www.ruhrfutur.de\">www.ruhrfutur.de</a>")) << html;
}

TEST(Markdown, DropsRawHtml) {
  auto html = markdown_to_html(
      "Hallo <script>alert(1)</script> Welt\n\n<script>\nalert(2)\n</script>\n\n"
      "<img src=x onerror=alert(3)>\n\n<iframe src=\"https://evil.example\"></iframe>\n");
  EXPECT_FALSE(contains(html, "<script")) << html;
  EXPECT_FALSE(contains(html, "<img")) << html;
  EXPECT_FALSE(contains(html, "<iframe")) << html;
  EXPECT_FALSE(contains(html, "onerror")) << html;
  EXPECT_FALSE(contains(html, "raw HTML")) << html;
  EXPECT_TRUE(contains(html, "Hallo")) << html;
  EXPECT_TRUE(contains(html, "Welt")) << html;
}

TEST(Markdown, EscapesTextThatLooksLikeHtml) {
  auto html = markdown_to_html("Ein `<b>`-Tag und 3 < 4 & \"Zitat\"");
  EXPECT_TRUE(contains(html, "<code>&lt;b&gt;</code>")) << html;
  EXPECT_TRUE(contains(html, "3 &lt; 4 &amp; &quot;Zitat&quot;")) << html;
}

TEST(Markdown, RemovesDangerousLinksButKeepsTheirText) {
  for (const char* md :
       {"[klick](javascript:alert(1))", "[klick](JaVaScRiPt:alert(1))", "[klick](java\tscript:alert(1))",
        "[klick](vbscript:msgbox)", "[klick](data:text/html;base64,PHNjcmlwdD4=)", "[klick](//evil.example/x)",
        "<javascript:alert(1)>", "[klick]( javascript:alert(1))"}) {
    auto html = markdown_to_html(md);
    EXPECT_FALSE(contains(html, "href")) << md << " -> " << html;
    EXPECT_FALSE(contains(html, "<a")) << md << " -> " << html;
  }
  EXPECT_TRUE(contains(markdown_to_html("[klick](javascript:x)"), "klick"));
}

TEST(Markdown, KeepsSafeLinks) {
  EXPECT_TRUE(contains(markdown_to_html("[a](https://www.ruhr.de/x?y=1)"), "href=\"https://www.ruhr.de/x?y=1\""));
  EXPECT_TRUE(contains(markdown_to_html("[a](/publikationen/bericht)"), "href=\"/publikationen/bericht\""));
  EXPECT_TRUE(contains(markdown_to_html("[a](#abschnitt)"), "href=\"#abschnitt\""));
  EXPECT_TRUE(
      contains(markdown_to_html("[a](mailto:info@ruhrfutur.example)"), "href=\"mailto:info@ruhrfutur.example\""));
  // A quote cannot end the attribute early.
  EXPECT_TRUE(contains(markdown_to_html("[a](\"onmouseover=alert(1))"), "href=\"%22onmouseover=alert(1)\""));
}

TEST(Markdown, AllowsOnlySameSiteImages) {
  auto ok = markdown_to_html("![Kita in Essen](/dateien/abc.png)");
  EXPECT_TRUE(contains(ok, "<img src=\"/dateien/abc.png\" alt=\"Kita in Essen\"")) << ok;
  for (const char* md : {"![Bild](https://tracker.example/p.png)", "![Bild](javascript:alert(1))",
                         "![Bild](data:image/svg+xml;base64,PHN2Zz4=)", "![Bild](//x.example/a.png)"}) {
    auto html = markdown_to_html(md);
    EXPECT_FALSE(contains(html, "<img")) << md << " -> " << html;
    EXPECT_TRUE(contains(html, "Bild")) << md << " -> " << html;
  }
}

TEST(Markdown, UrlChecks) {
  EXPECT_TRUE(is_safe_link_url("relativ/pfad"));
  EXPECT_TRUE(is_safe_link_url("?seite=2"));
  EXPECT_TRUE(is_safe_link_url("tel:+49201123"));
  EXPECT_FALSE(is_safe_link_url(""));
  EXPECT_FALSE(is_safe_link_url("\x01javascript:alert(1)"));
  EXPECT_FALSE(is_safe_link_url("file:///etc/passwd"));
  EXPECT_FALSE(is_safe_link_url("\\\\evil.example"));
  EXPECT_TRUE(is_safe_image_url("/dateien/a.png"));
  EXPECT_FALSE(is_safe_image_url("/\\evil.example/a.png"));
  EXPECT_FALSE(is_safe_image_url("a.png"));
}

TEST(Markdown, InvalidUtf8IsReplaced) {
  auto html = markdown_to_html(std::string("kaputt \xff\xfe ende"));
  EXPECT_EQ(html.find('\xff'), std::string::npos);
  EXPECT_TRUE(contains(html, "ende"));
}

TEST(Markdown, PlainTextForSearchAndFeeds) {
  auto text = markdown_to_text("## Übergänge gestalten\n\nMit **Daten** und [Partnern](/partner).<script>x</script>");
  EXPECT_TRUE(contains(text, "Übergänge gestalten")) << text;
  EXPECT_TRUE(contains(text, "Mit Daten und Partnern.")) << text;
  EXPECT_FALSE(contains(text, "<")) << text;
  EXPECT_FALSE(contains(text, "**")) << text;
  EXPECT_EQ(markdown_to_text(""), "");
}

}  // namespace
}  // namespace rf::text
