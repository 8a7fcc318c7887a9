// Text folding for search and slugs, German dates, and editor form validation.
#include <gtest/gtest.h>

#include "portal/content.hpp"
#include "web/dates.hpp"
#include "portal/folding.hpp"

namespace rf::portal {
namespace {

TEST(Folding, SearchWordsIgnoreCaseAccentsAndPunctuation) {
  EXPECT_EQ(search_words("Übergänge, Schule!"), (std::vector<std::string>{"ubergange", "schule"}));
  EXPECT_EQ(search_words("STRASSE Straße"), (std::vector<std::string>{"strasse", "strasse"}));
  EXPECT_EQ(search_words("Café Łódź Şahin"), (std::vector<std::string>{"cafe", "lodz", "sahin"}));
  EXPECT_EQ(search_words("„Zitat“ – 2024/25"), (std::vector<std::string>{"zitat", "2024", "25"}));
  EXPECT_EQ(search_words("Мир"), (std::vector<std::string>{"Мир"}));  // other scripts kept as they are
  EXPECT_TRUE(search_words("  ... ").empty());
  EXPECT_EQ(search_words(std::string("ab\xff"
                                     "cd")),
            (std::vector<std::string>{"ab", "cd"}));
}

TEST(Folding, IndexHoldsBothUmlautSpellings) {
  EXPECT_EQ(fold_for_index("Übergänge gestalten"), "ubergange uebergaenge gestalten");
  EXPECT_EQ(fold_for_index("Kita"), "kita");
}

TEST(Folding, Slugs) {
  EXPECT_EQ(make_slug("Übergänge gestalten!"), "uebergaenge-gestalten");
  EXPECT_EQ(make_slug("  Bildungsbericht Ruhr 2024 – Kurzfassung "), "bildungsbericht-ruhr-2024-kurzfassung");
  EXPECT_EQ(make_slug("Größe & Maß"), "groesse-mass");
  EXPECT_EQ(make_slug("!!!"), "");
  EXPECT_LE(make_slug(std::string(300, 'a') + " b").size(), 80u);
  EXPECT_TRUE(is_valid_slug("fruehe-bildung-2"));
  EXPECT_FALSE(is_valid_slug("Frühe"));
  EXPECT_FALSE(is_valid_slug("-a"));
  EXPECT_FALSE(is_valid_slug("a--b"));
  EXPECT_FALSE(is_valid_slug("a/b"));
  EXPECT_FALSE(is_valid_slug(""));
}

TEST(Dates, GermanCivilTimeFollowsSummerTime) {
  // 2024-03-31 01:00 UTC: summer time starts; 2024-10-27 01:00 UTC: it ends.
  EXPECT_EQ(web::berlin_offset(1711846800 - 1), 3600);
  EXPECT_EQ(web::berlin_offset(1711846800), 7200);
  EXPECT_EQ(web::berlin_offset(1729990800 - 1), 7200);
  EXPECT_EQ(web::berlin_offset(1729990800), 3600);
  // 2024-12-31 23:30 UTC is already 2025 in Germany.
  EXPECT_EQ(web::format_date_de(1735687800), "01.01.2025");
  EXPECT_EQ(web::berlin_year(1735687800), 2025);
  EXPECT_EQ(web::format_date_long_de(1720000000), "3. Juli 2024");
  EXPECT_EQ(web::format_datetime_de(1720000000), "03.07.2024, 11:46 Uhr");
  EXPECT_EQ(web::rfc3339_utc(1720000000), "2024-07-03T09:46:40Z");
}

TEST(Dates, ParsesFormInput) {
  auto midnight = web::parse_iso_date("2024-07-03");
  ASSERT_TRUE(midnight.has_value());
  EXPECT_EQ(*midnight, 1719957600);  // 2024-07-02 22:00 UTC
  EXPECT_EQ(web::iso_date(*midnight), "2024-07-03");
  EXPECT_FALSE(web::parse_iso_date("2024-02-30").has_value());
  EXPECT_FALSE(web::parse_iso_date("03.07.2024").has_value());
  EXPECT_FALSE(web::parse_iso_date("2024-7-3").has_value());
  auto t = web::parse_datetime_local("2025-01-15T09:30");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(web::datetime_local(*t), "2025-01-15T09:30");
  EXPECT_EQ(*web::parse_datetime_local("2025-01-15T09:30:00"), *t);
  EXPECT_FALSE(web::parse_datetime_local("2025-01-15 09:30").has_value());
  EXPECT_FALSE(web::parse_datetime_local("2025-01-15T24:00").has_value());
}

TEST(Forms, KeepsTypedValuesAndReportsFieldErrors) {
  const KindInfo* news = find_kind("news");
  ASSERT_NE(news, nullptr);
  Item item;
  auto errors = apply_form_values(*news,
                                  {{"title", "  Neue Kitaplätze "},
                                   {"item_date", "31.12.2024"},
                                   {"body", "Zeile 1\r\nZeile 2"},
                                   {"image", "../etc/passwd"}},
                                  item);
  EXPECT_EQ(item.title, "Neue Kitaplätze");
  EXPECT_EQ(item.slug, "neue-kitaplaetze");
  EXPECT_EQ(item.body, "Zeile 1\nZeile 2");
  EXPECT_EQ(item.image, "");
  EXPECT_EQ(errors.count("item_date"), 1u);
  EXPECT_EQ(errors.count("summary"), 1u);  // required
  EXPECT_EQ(errors.count("image"), 1u);
  EXPECT_EQ(errors.count("title"), 0u);

  Item ok;
  errors = apply_form_values(*news,
                             {{"title", "Titel"},
                              {"item_date", "2024-12-31"},
                              {"summary", "Kurz"},
                              {"body", "Text"},
                              {"image_alt", "Kinder beim Spielen"},
                              {"theme", "3"}},
                             ok);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(ok.get_extra("image_alt"), "Kinder beim Spielen");
  EXPECT_EQ(ok.theme_id, 3);
  EXPECT_EQ(to_form_values(ok).at("item_date"), "2024-12-31");
}

TEST(Forms, ValidatesSelectsUrlsEmailsAndSlugs) {
  Item partner;
  auto errors = apply_form_values(
      *find_kind("partner"),
      {{"title", "Stadt Essen"}, {"category", "dorf"}, {"url", "javascript:alert(1)"}, {"slug", "Essen!"}}, partner);
  EXPECT_EQ(errors.count("category"), 1u);
  EXPECT_EQ(errors.count("url"), 1u);
  EXPECT_EQ(errors.count("slug"), 1u);
  Item member;
  errors = apply_form_values(*find_kind("team"), {{"title", "A"}, {"position", "B"}, {"email", "kein@"}}, member);
  EXPECT_EQ(errors.count("email"), 1u);
  Item long_title;
  errors = apply_form_values(*find_kind("page"), {{"title", std::string(201, 'x')}, {"body", "x"}}, long_title);
  EXPECT_EQ(errors.count("title"), 1u);
}

TEST(Content, PublicUrlsAndVisibility) {
  Item page;
  page.kind = "page";
  page.slug = "impressum";
  EXPECT_EQ(public_url(page), "/impressum");
  page.slug = "barrierefreiheit";
  EXPECT_EQ(public_url(page), "/seiten/barrierefreiheit");
  Item news;
  news.kind = "news";
  news.slug = "x";
  EXPECT_EQ(public_url(news), "/aktuelles/x");
  EXPECT_FALSE(news.visible(100));
  news.status = "published";
  news.publish_at = 50;
  EXPECT_TRUE(news.visible(100));
  EXPECT_FALSE(news.visible(49));
  EXPECT_TRUE(news.scheduled(49));
  EXPECT_EQ(category_label("partner", "kreis"), "Kreise");
  EXPECT_NE(find_kind_by_segment("meldungen"), nullptr);
}

}  // namespace
}  // namespace rf::portal
