// The portal's content store on both databases: drafts, publishing,
// scheduling, revisions and restore, search with umlauts, cache versions.
#include <gtest/gtest.h>

#include "support/database_params.hpp"
#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "portal/content_store.hpp"
#include "web/dates.hpp"
#include "portal/search.hpp"

namespace rf::portal {
namespace {

class ContentStoreTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    db_ = open_fresh();
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
    store_ = std::make_unique<ContentStore>(*db_);
    editor_id_ =
        web::create_user(*db_, "redaktion@example.org", "Erika Redakteurin", "ein-langes-passwort", {"editor"});
    actor_ = Actor{editor_id_, "127.0.0.1"};
    now_ = web::unix_now();
  }

  Item news(std::string title, std::string body = "Text") {
    Item item;
    item.kind = "news";
    item.title = std::move(title);
    item.slug = make_slug_for(item.title);
    item.summary = "Kurz";
    item.body = std::move(body);
    item.item_date = now_;
    return item;
  }
  static std::string make_slug_for(const std::string& title) {
    std::string s;
    for (char c : title) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        s += c;
      else if (c >= 'A' && c <= 'Z')
        s += static_cast<char>(c - 'A' + 'a');
      else if (!s.empty() && s.back() != '-')
        s += '-';
    }
    while (!s.empty() && s.back() == '-') s.pop_back();
    return s.empty() ? "x" : s;
  }
  std::vector<std::string> found(std::string_view query, std::int64_t at) {
    std::vector<std::string> titles;
    for (auto id : search(*db_, query, at, 20, 0).item_ids) titles.push_back(store_->get(id)->title);
    return titles;
  }
  std::int64_t visible_news(std::int64_t at) {
    ContentStore::Filter f;
    f.kind = "news";
    f.now = at;
    return store_->count(f);
  }

  std::unique_ptr<db::Database> db_;
  std::unique_ptr<ContentStore> store_;
  std::int64_t editor_id_ = 0;
  Actor actor_;
  std::int64_t now_ = 0;
};

TEST_P(ContentStoreTest, DraftIsInvisibleUntilPublished) {
  auto id = store_->create(news("Neue Kitaplätze in Herne", "Mehr Plätze für die Kleinsten."), actor_);
  auto item = store_->get(id);
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->status, "draft");
  EXPECT_FALSE(item->visible(now_ + 10));
  EXPECT_FALSE(store_->find_visible("news", item->slug, now_ + 10).has_value());
  EXPECT_EQ(visible_news(now_ + 10), 0);
  EXPECT_TRUE(found("Kitaplätze", now_ + 10).empty());

  store_->publish(id, now_, actor_);
  EXPECT_TRUE(store_->find_visible("news", item->slug, now_ + 10).has_value());
  EXPECT_EQ(visible_news(now_ + 10), 1);
  EXPECT_EQ(found("kitaplatze", now_ + 10), std::vector<std::string>{"Neue Kitaplätze in Herne"});

  store_->unpublish(id, actor_);
  EXPECT_FALSE(store_->find_visible("news", item->slug, now_ + 10).has_value());
  EXPECT_TRUE(found("Kitaplätze", now_ + 10).empty());
  // Editors still see it in their list.
  ContentStore::Filter all;
  all.kind = "news";
  all.visible_only = false;
  EXPECT_EQ(store_->count(all), 1);
}

TEST_P(ContentStoreTest, ScheduledItemAppearsAtItsTime) {
  auto id = store_->create(news("Fachtag Sprachbildung"), actor_);
  const std::int64_t at = now_ + 3600;
  store_->publish(id, at, actor_);
  auto item = store_->get(id);
  EXPECT_TRUE(item->scheduled(now_));
  EXPECT_FALSE(item->visible(now_));
  EXPECT_EQ(visible_news(now_), 0);
  EXPECT_TRUE(found("Sprachbildung", now_).empty());
  EXPECT_EQ(store_->next_visibility_change(now_), at);

  EXPECT_TRUE(item->visible(at));
  EXPECT_EQ(visible_news(at), 1);
  EXPECT_EQ(found("Sprachbildung", at).size(), 1u);
  EXPECT_FALSE(store_->next_visibility_change(at).has_value());
}

TEST_P(ContentStoreTest, JobPostingDisappearsAfterItsDeadline) {
  Item job;
  job.kind = "job";
  job.title = "Referentin Datenanalyse";
  job.slug = "referentin-datenanalyse";
  job.category = "vollzeit";
  job.summary = "Wir suchen Verstärkung.";
  job.body = "Aufgaben …";
  job.item_date = web::berlin_midnight(web::berlin_date(now_));  // deadline today
  auto id = store_->create(job, actor_);
  store_->publish(id, now_ - 10, actor_);
  ContentStore::Filter f;
  f.kind = "job";
  f.now = now_;
  EXPECT_EQ(store_->count(f), 1);
  f.now = *job.item_date + 86400;  // the day after the deadline
  EXPECT_EQ(store_->count(f), 0);
  EXPECT_EQ(store_->next_visibility_change(now_), *job.item_date + 86400);
}

TEST_P(ContentStoreTest, RevisionsRecordEveryChangeAndRestoreContent) {
  auto id = store_->create(news("Erste Fassung", "Alter Inhalt über Grundschulen."), actor_);
  auto item = *store_->get(id);
  item.title = "Zweite Fassung";
  item.body = "Neuer Inhalt über Gesamtschulen.";
  store_->update(item, actor_);
  store_->publish(id, now_, actor_);

  auto revisions = store_->revisions(id);
  ASSERT_EQ(revisions.size(), 3u);
  EXPECT_EQ(revisions[0].action, "publish");
  EXPECT_EQ(revisions[1].action, "update");
  EXPECT_EQ(revisions[2].action, "create");
  EXPECT_EQ(revisions[2].snapshot.title, "Erste Fassung");
  EXPECT_EQ(revisions[2].user_name, "Erika Redakteurin");

  store_->restore(id, revisions[2].id, actor_);
  auto restored = *store_->get(id);
  EXPECT_EQ(restored.title, "Erste Fassung");
  EXPECT_EQ(restored.body, "Alter Inhalt über Grundschulen.");
  EXPECT_EQ(restored.status, "published");  // publishing state is not rolled back
  EXPECT_EQ(store_->revisions(id).front().action, "restore");
  EXPECT_EQ(found("Grundschulen", now_ + 1).size(), 1u);
  EXPECT_TRUE(found("Gesamtschulen", now_ + 1).empty());

  auto audit_count = db_->query_one("SELECT COUNT(*) FROM audit_log WHERE object_id = ? AND action LIKE 'content.%'",
                                    {std::to_string(id)})
                         ->integer(0);
  EXPECT_EQ(audit_count, 4);
}

TEST_P(ContentStoreTest, SearchIgnoresCaseAndUmlauts) {
  auto a = store_->create(news("Übergänge gestalten", "Von der Kita in die Grundschule."), actor_);
  auto b = store_->create(news("Lehrkräftefortbildung", "Fortbildungsbedarfe an Schulen im Ruhrgebiet."), actor_);
  auto c = store_->create(news("Entwurf über Übergänge"), actor_);  // stays a draft
  store_->publish(a, now_, actor_);
  store_->publish(b, now_, actor_);
  (void)c;
  const auto at = now_ + 1;
  const std::vector<std::string> expected{"Übergänge gestalten"};
  EXPECT_EQ(found("Übergänge", at), expected);
  EXPECT_EQ(found("übergänge", at), expected);
  EXPECT_EQ(found("ÜBERGÄNGE", at), expected);
  EXPECT_EQ(found("ubergange", at), expected);
  EXPECT_EQ(found("uebergaenge", at), expected);
  EXPECT_EQ(found("Überg", at), expected);             // prefix
  EXPECT_EQ(found("kita grundschule", at), expected);  // every word must match
  EXPECT_TRUE(found("kita gymnasium", at).empty());
  EXPECT_EQ(found("LEHRKRAFTE", at), std::vector<std::string>{"Lehrkräftefortbildung"});
  EXPECT_EQ(found("ruhrgebiet", at), std::vector<std::string>{"Lehrkräftefortbildung"});
  EXPECT_TRUE(found("", at).empty());
  EXPECT_TRUE(found("\"*:() & | !", at).empty());  // query syntax characters are harmless
  EXPECT_EQ(search(*db_, "schule", at, 10, 0).total, 1);
}

TEST_P(ContentStoreTest, SearchRanksTitleMatchesFirst) {
  auto a = store_->create(news("Bildungsbericht Ruhr", "Zahlen und Analysen."), actor_);
  auto b = store_->create(news("Jahresrückblick", "Auch der Bildungsbericht war Thema."), actor_);
  store_->publish(a, now_, actor_);
  store_->publish(b, now_, actor_);
  auto titles = found("bildungsbericht", now_ + 1);
  ASSERT_EQ(titles.size(), 2u);
  EXPECT_EQ(titles[0], "Bildungsbericht Ruhr");
}

TEST_P(ContentStoreTest, SearchIndexMigrationAdoptsAndRefillsAnIndexMadeAtStartUp) {
  // A database from before migration 0250: the index objects already exist
  // (start-up made them) and SQLite's FTS table is out of step.
  auto id = store_->create(news("Hochschulzugang"), actor_);
  store_->publish(id, now_, actor_);
  if (db_->kind() == db::Kind::sqlite) db_->execute("DELETE FROM search_fts");
  db_->execute("DELETE FROM schema_migrations WHERE name LIKE '0250_%'");
  auto applied = db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0],
            db_->kind() == db::Kind::sqlite ? "0250_search_index.sqlite.sql" : "0250_search_index.postgresql.sql");
  EXPECT_EQ(found("hochschulzugang", now_ + 1).size(), 1u);
  if (db_->kind() == db::Kind::postgresql) {
    EXPECT_TRUE(db_->query_one("SELECT 1 FROM pg_indexes WHERE indexname = 'search_documents_fts'").has_value());
  }
}

TEST_P(ContentStoreTest, SlugsAreUniquePerKind) {
  auto item = news("Doppelt");
  store_->create(item, actor_);
  EXPECT_THROW(store_->create(item, actor_), SlugTaken);
  EXPECT_EQ(store_->check_references(item).count("slug"), 1u);
  Item page = item;
  page.kind = "page";
  EXPECT_NO_THROW(store_->create(page, actor_));
}

TEST_P(ContentStoreTest, FiltersByThemeCategoryAndDate) {
  Item theme;
  theme.kind = "theme";
  theme.title = "Frühe Bildung";
  theme.slug = "fruehe-bildung";
  theme.summary = "Kita";
  auto theme_id = store_->create(theme, actor_);
  store_->publish(theme_id, now_, actor_);
  int n = 0;
  for (int year : {2020, 2024, 2024}) {
    Item pub;
    pub.kind = "publication";
    pub.title = "Bericht " + std::to_string(year) + " Nr " + std::to_string(++n);
    pub.slug = make_slug_for(pub.title);
    pub.category = year == 2020 ? "studie" : "bildungsbericht";
    pub.summary = "Kurz";
    pub.item_date = web::berlin_midnight({year, 6, 1});
    if (year == 2024) pub.theme_id = theme_id;
    store_->publish(store_->create(pub, actor_), now_, actor_);
  }
  ContentStore::Filter f;
  f.kind = "publication";
  f.now = now_ + 1;
  EXPECT_EQ(store_->count(f), 3);
  f.theme_id = theme_id;
  EXPECT_EQ(store_->count(f), 2);
  f.theme_id.reset();
  f.category = "studie";
  EXPECT_EQ(store_->count(f), 1);
  f.category.clear();
  f.date_from = web::berlin_midnight({2024, 1, 1});
  f.date_to = web::berlin_midnight({2025, 1, 1});
  EXPECT_EQ(store_->count(f), 2);
  f.limit = 1;
  f.offset = 1;
  EXPECT_EQ(store_->list(f).size(), 1u);

  // Deleting the theme unlinks its publications.
  store_->remove(theme_id, actor_);
  EXPECT_FALSE(store_->get(theme_id).has_value());
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM content_items WHERE theme_id IS NOT NULL")->integer(0), 0);
}

TEST_P(ContentStoreTest, DeleteRemovesItemRevisionsAndSearchEntry) {
  auto id = store_->create(news("Gelöschte Meldung"), actor_);
  store_->publish(id, now_, actor_);
  store_->remove(id, actor_);
  EXPECT_FALSE(store_->get(id).has_value());
  EXPECT_TRUE(store_->revisions(id).empty());
  EXPECT_TRUE(found("geloschte", now_ + 1).empty());
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'content.delete'")->integer(0), 1);
}

TEST_P(ContentStoreTest, EveryChangeBumpsTheCacheVersion) {
  auto v0 = content_version(*db_);
  auto id = store_->create(news("Versioniert"), actor_);
  auto v1 = content_version(*db_);
  EXPECT_GT(v1, v0);
  store_->publish(id, now_, actor_);
  auto v2 = content_version(*db_);
  EXPECT_GT(v2, v1);
  store_->unpublish(id, actor_);
  EXPECT_GT(content_version(*db_), v2);
}

TEST_P(ContentStoreTest, ExtraFieldsRoundTrip) {
  Item member;
  member.kind = "team";
  member.title = "Dr. Mira Beispiel";
  member.slug = "mira-beispiel";
  member.extra = {{"position", "Leitung der Geschäftsstelle"}, {"email", "m.beispiel@ruhrfutur.example"}};
  auto id = store_->create(member, actor_);
  auto loaded = store_->get(id);
  EXPECT_EQ(loaded->get_extra("position"), "Leitung der Geschäftsstelle");
  EXPECT_EQ(loaded->get_extra("email"), "m.beispiel@ruhrfutur.example");
  EXPECT_EQ(public_url(*loaded), "/ueber-uns#team-mira-beispiel");
}

RF_BOTH_DATABASES(ContentStoreTest);

}  // namespace
}  // namespace rf::portal
