// /suche from the page cache of anonymous pages, on SQLite and PostgreSQL:
// repeated searches are answered from memory, a new news item, imported
// statistics and a new report build reach the results, distinct queries keep
// the cache within its bound, and logged-in users get their own page.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "http/router.hpp"
#include "monitor/monitor.hpp"
#include "portal/content_store.hpp"
#include "portal/site.hpp"
#include "support/database_params.hpp"
#include "support/http_client.hpp"
#include "support/running_server.hpp"
#include "support/temp_dir.hpp"
#include "web/accounts.hpp"
#include "web/chain.hpp"
#include "web/web.hpp"

namespace rf::portal {
namespace {

using test::HttpResponse;

const test::HeaderList& kVisitor = test::kFixedVisitor;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// The cache looks at the shared versions at most once a second (and the
// statistics view at most every 250 ms).
void wait_for_the_version_check() { std::this_thread::sleep_for(std::chrono::milliseconds(1500)); }

class SearchCacheTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    url_ = fresh_url();
    {
      auto db = db::open(url_);
      db::migrate(*db, RF_SOURCE_DIR + "/migrations");
      editor_id_ =
          web::create_user(*db, "redaktion@example.org", "Erika Redakteurin", "ein-langes-passwort", {"editor"});
    }
    settings_.root = RF_SOURCE_DIR;
    settings_.var_dir = var_.path();
    settings_.report_dir = report_.path();
    pool_ = std::make_unique<db::Pool>(url_, 6);
    templates_ = std::make_unique<web::Templates>(settings_.root / "templates");
    services_ = std::make_unique<web::Services>(web::Services{settings_, *pool_, *templates_});
    web::use_standard_chain(router_, *services_);
    web::register_account_routes(router_, *services_);
    site_ = std::make_shared<Site>(*services_);
    register_search_pages(router_, site_);
    server_ = std::make_unique<test::RunningServer>(router_);
  }

  HttpResponse search(const std::string& target, const test::HeaderList& headers = kVisitor) {
    auto r = test::get(server_->port(), target, headers);
    EXPECT_EQ(r.status, 200) << target;
    return r;
  }

  std::int64_t publish_news(const std::string& title) {
    auto db = pool_->acquire();
    ContentStore store(*db);
    Item item;
    item.kind = "news";
    item.title = title;
    item.slug = "meldung-" + std::to_string(++news_count_);
    item.summary = "Kurz gemeldet.";
    item.body = "Text der Meldung.";
    item.item_date = web::unix_now();
    Actor actor{editor_id_, "127.0.0.1"};
    auto id = store.create(item, actor);
    store.publish(id, web::unix_now() - 1, actor);
    return id;
  }

  // What a report build writes for the portal (report::read_published_report).
  void write_report_build(const std::string& chapter_title) {
    const auto file = report_.path() / "codes.json";
    const auto before =
        std::filesystem::exists(file) ? std::filesystem::last_write_time(file) : std::filesystem::file_time_type{};
    std::ofstream(file) << R"({"report": "test", "title": "Bildungsbericht Ruhr", "edition": "2025", "codes": {},
"chapters": [{"number": "3", "title": ")"
                        << chapter_title << R"(", "url": "kapitel/03.html"}], "figures": []})";
    // A new build is a new file time, even where the file system counts coarsely.
    if (std::filesystem::last_write_time(file) <= before) {
      std::filesystem::last_write_time(file, before + std::chrono::seconds(1));
    }
  }

  std::string url_;
  std::int64_t editor_id_ = 0;
  int news_count_ = 0;
  test::TempDir var_, report_;
  web::Settings settings_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<web::Templates> templates_;
  std::unique_ptr<web::Services> services_;
  http::Router router_;
  SitePtr site_;
  std::unique_ptr<test::RunningServer> server_;
};

TEST_P(SearchCacheTest, ARepeatedSearchIsServedFromTheCache) {
  publish_news("Ausbildungsmesse in Bochum");
  auto first = search("/suche?q=Ausbildungsmesse");
  EXPECT_TRUE(contains(first.body, "Ausbildungsmesse in Bochum"));
  EXPECT_TRUE(contains(first.body, "<title>Suche: Ausbildungsmesse"));
  EXPECT_EQ(site_->search_cache.hits(), 0u);
  EXPECT_EQ(site_->search_cache.size(), 1u);

  // The same words, however the address spells them, are one page.
  for (const std::string target :
       {"/suche?q=Ausbildungsmesse", "/suche?q=+Ausbildungsmesse++", "/suche?q=Ausbildungsmesse&utm_source=newsletter",
        "/suche?seite=1&q=Ausbildungsmesse"}) {
    EXPECT_EQ(search(target).body, first.body) << target;
  }
  EXPECT_EQ(site_->search_cache.hits(), 4u);
  EXPECT_EQ(site_->search_cache.size(), 1u);

  // A change behind the cache's back (no version bump) is not seen: the page comes from memory.
  {
    auto db = pool_->acquire();
    db->execute("UPDATE content_items SET title = 'Ausbildungsmesse in Herne'");
  }
  EXPECT_EQ(search("/suche?q=Ausbildungsmesse").body, first.body);
  EXPECT_EQ(site_->search_cache.hits(), 5u);

  // Another page of results and the empty form are pages of their own.
  search("/suche?q=Ausbildungsmesse&seite=2");
  search("/suche");
  search("/suche?q=++&seite=3");  // no words: the empty form again
  EXPECT_EQ(site_->search_cache.size(), 3u);
  EXPECT_EQ(site_->search_cache.hits(), 6u);
}

TEST_P(SearchCacheTest, ANewsItemPublishedElsewhereOrHereIsFound) {
  auto before = search("/suche?q=Ferienakademie");
  EXPECT_TRUE(contains(before.body, "Keine Seiten, Meldungen oder Publikationen gefunden."));
  EXPECT_EQ(search("/suche?q=Ferienakademie").body, before.body);
  EXPECT_EQ(site_->search_cache.hits(), 1u);

  // Published by another instance: the shared content version reaches this one within a second.
  publish_news("Ferienakademie für Lehrkräfte");
  wait_for_the_version_check();
  auto after = search("/suche?q=Ferienakademie");
  EXPECT_TRUE(contains(after.body, "Ferienakademie für Lehrkräfte"));
  EXPECT_FALSE(contains(after.body, "Keine Seiten, Meldungen oder Publikationen gefunden."));

  // Published through this instance (the editor calls content_changed): at once.
  publish_news("Ferienakademie im Sommer");
  site_->content_changed();
  EXPECT_TRUE(contains(search("/suche?q=Ferienakademie").body, "Ferienakademie im Sommer"));
}

TEST_P(SearchCacheTest, ImportedStatisticsAreFound) {
  // mstch writes "/" in values as "&#x2F;".
  const std::string dataset_link = "href=\"&#x2F;daten&#x2F;datensaetze&#x2F;12411-0018\"";
  auto before = search("/suche?q=Altersgruppen");
  EXPECT_FALSE(contains(before.body, dataset_link));
  EXPECT_EQ(search("/suche?q=Altersgruppen").body, before.body);
  EXPECT_EQ(site_->search_cache.hits(), 1u);

  monitor::ImportCommandLine import;
  import.files = {RF_TEST_DATA_DIR + "/genesis/12411-0018.csv"};
  ASSERT_EQ(monitor::run_import_command(import, url_, RF_SOURCE_DIR), 0);
  wait_for_the_version_check();
  auto after = search("/suche?q=Altersgruppen");
  EXPECT_TRUE(contains(after.body, dataset_link));
  EXPECT_TRUE(contains(after.body, "id=\"treffer-datensaetze\""));
}

TEST_P(SearchCacheTest, ANewReportBuildIsFound) {
  auto none = search("/suche?q=Berufsorientierung");
  EXPECT_FALSE(contains(none.body, "id=\"treffer-kapitel\""));

  write_report_build("Berufsorientierung");
  wait_for_the_version_check();
  auto first = search("/suche?q=Berufsorientierung");
  EXPECT_TRUE(contains(first.body, "3 Berufsorientierung"));
  EXPECT_TRUE(contains(first.body, "href=\"&#x2F;bericht&#x2F;kapitel&#x2F;03.html\""));
  EXPECT_EQ(search("/suche?q=Berufsorientierung").body, first.body);

  // The next build renames the chapter.
  write_report_build("Berufsorientierung und Studienwahl");
  wait_for_the_version_check();
  EXPECT_TRUE(contains(search("/suche?q=Berufsorientierung").body, "3 Berufsorientierung und Studienwahl"));
}

TEST_P(SearchCacheTest, DistinctQueriesKeepTheCacheWithinItsBound) {
  const std::size_t bound = kSearchCacheLimits.max_entries;
  const std::size_t queries = bound + 44;
  for (std::size_t i = 0; i < queries; ++i) search("/suche?q=wort" + std::to_string(i));
  EXPECT_EQ(site_->search_cache.size(), bound);
  EXPECT_LE(site_->search_cache.bytes(), kSearchCacheLimits.max_bytes);
  const auto page = search("/suche?q=wort" + std::to_string(queries - 1)).body.size();
  EXPECT_GE(site_->search_cache.bytes(), bound * page);  // every page is counted
  // The newest stay (the last one was a hit just now), the oldest were dropped.
  const auto hits = site_->search_cache.hits();
  EXPECT_GE(hits, 1u);
  search("/suche?q=wort" + std::to_string(queries - 2));
  EXPECT_EQ(site_->search_cache.hits(), hits + 1);
  search("/suche?q=wort0");
  EXPECT_EQ(site_->search_cache.hits(), hits + 1);
  EXPECT_EQ(site_->search_cache.size(), bound);
}

TEST_P(SearchCacheTest, LoggedInUsersGetTheirOwnPage) {
  publish_news("Elternabend in Essen");
  // A visitor's search fills the cache.
  auto visitor = search("/suche?q=Elternabend");
  EXPECT_FALSE(contains(visitor.body, "Erika Redakteurin"));

  auto form = test::get(server_->port(), "/anmelden");
  const std::string anonymous = test::cookie_value(form, "rf_csrf");
  auto login = test::post_form(server_->port(), "/anmelden",
                               {{"_csrf", test::hidden_csrf(form.body)},
                                {"email", "redaktion@example.org"},
                                {"password", "ein-langes-passwort"}},
                               {{"Cookie", "rf_csrf=" + anonymous}});
  const std::string session = test::cookie_value(login, "rf_session");
  ASSERT_FALSE(session.empty());

  const auto hits = site_->search_cache.hits();
  auto editor = search("/suche?q=Elternabend", {{"Cookie", "rf_session=" + session}});
  EXPECT_TRUE(contains(editor.body, "Elternabend in Essen"));
  EXPECT_TRUE(contains(editor.body, "Erika Redakteurin"));
  EXPECT_EQ(site_->search_cache.hits(), hits);  // rendered for her, not taken from the cache…
  EXPECT_EQ(site_->search_cache.size(), 1u);    // …nor put into it
  // The next visitor still gets the anonymous page.
  auto next = search("/suche?q=Elternabend");
  EXPECT_EQ(next.body, visitor.body);
  EXPECT_FALSE(contains(next.body, "Erika Redakteurin"));
  EXPECT_EQ(site_->search_cache.hits(), hits + 1);
}

RF_BOTH_DATABASES(SearchCacheTest);

}  // namespace
}  // namespace rf::portal
