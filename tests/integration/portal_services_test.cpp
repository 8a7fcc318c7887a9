// The portal's page cache across instances, uploads, newsletter subscriptions
// and the demo content, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "web/accounts.hpp"
#include "portal/content_store.hpp"
#include "portal/newsletter.hpp"
#include "web/page_cache.hpp"
#include "portal/portal.hpp"
#include "portal/search.hpp"
#include "portal/uploads.hpp"
#include "portal/png_writer.hpp"
#include "support/database_params.hpp"
#include "support/temp_dir.hpp"
#include "web/outbox.hpp"

namespace rf::portal {
namespace {

constexpr std::string_view kSite = "https://ruhrfutur.example/";

class PortalServicesTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    url_ = fresh_url();
    db_ = db::open(url_);
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
  }
  std::string url_;
  std::unique_ptr<db::Database> db_;
};

http::Request get(std::string target) {
  http::Request req;
  req.method = "GET";
  req.path = target.substr(0, target.find('?'));
  req.target = std::move(target);
  return req;
}

void wait_past_check_interval() { std::this_thread::sleep_for(std::chrono::milliseconds(1100)); }

TEST_P(PortalServicesTest, PageCacheFollowsTheSharedVersionAcrossInstances) {
  db::Pool pool(url_, 2);
  auto no_schedule = [](db::Database&, std::int64_t) { return std::optional<std::int64_t>(); };
  web::PageCache a(pool, "", content_version, no_schedule), b(pool, "", content_version, no_schedule);
  int calls = 0;
  auto handler = [&calls](http::Request&) { return http::Response::html("Seite " + std::to_string(++calls)); };
  auto on_a = a.wrap(handler);
  auto on_b = b.wrap(handler);

  auto req = get("/aktuelles");
  EXPECT_EQ(on_a(req).body, "Seite 1");
  EXPECT_EQ(on_a(req).body, "Seite 1");  // from the cache
  EXPECT_EQ(on_b(req).body, "Seite 2");  // the other instance has its own cache
  EXPECT_EQ(a.hits(), 1u);

  // Instance B changes content: both see it within a second.
  bump_content_version(*db_);
  wait_past_check_interval();
  EXPECT_EQ(on_a(req).body, "Seite 3");
  EXPECT_EQ(on_b(req).body, "Seite 4");
  EXPECT_EQ(on_a(req).body, "Seite 3");

  // The instance that made a change drops its cache at once.
  a.invalidate();
  EXPECT_EQ(on_a(req).body, "Seite 5");

  // Query strings are part of the key; POSTs and errors are never cached.
  auto page2 = get("/aktuelles?seite=2");
  EXPECT_EQ(on_a(page2).body, "Seite 6");
  auto post = get("/aktuelles");
  post.method = "POST";
  EXPECT_EQ(on_a(post).body, "Seite 7");
  auto failing = a.wrap([](http::Request&) { return http::Response::error(500, "kaputt"); });
  auto broken = get("/kaputt");
  failing(broken);
  EXPECT_EQ(a.size(), 2u);
}

TEST_P(PortalServicesTest, PageCacheDropsTheOldestPagesBeyondItsBounds) {
  db::Pool pool(url_, 2);
  // Room for three pages or 3,500 bytes; the key is the path alone.
  web::PageCache cache(pool, "", content_version, {}, {3, 3500}, [](const http::Request& req) { return req.path; });
  int calls = 0;
  auto handler = cache.wrap([&calls](http::Request& req) {
    ++calls;
    return http::Response::html(std::string(req.path == "/gross" ? 1500 : 1000, 'x'));
  });
  auto req = [](const std::string& target) { return get(target); };
  for (const std::string path : {"/a", "/b", "/c"}) {
    auto r = req(path);
    handler(r);
  }
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_GE(cache.bytes(), 3000u);
  EXPECT_LE(cache.bytes(), 3500u);
  // The key function decides: a query string does not make another page.
  auto b_again = req("/b?x=1");
  handler(b_again);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(calls, 3);
  // A fourth page pushes out the oldest (/a), not everything.
  auto d = req("/d");
  handler(d);
  EXPECT_EQ(cache.size(), 3u);
  auto c = req("/c");
  handler(c);
  EXPECT_EQ(cache.hits(), 2u);
  auto a = req("/a");
  handler(a);  // rendered again, and now /b is the oldest and goes
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(cache.size(), 3u);
  // The byte bound: a larger page pushes out two smaller ones.
  auto big = req("/gross");
  handler(big);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_LE(cache.bytes(), 3500u);
  // A page larger than the whole bound is served but not kept.
  auto huge_handler = cache.wrap([](http::Request&) { return http::Response::html(std::string(4000, 'y')); });
  auto huge = req("/riesig");
  EXPECT_EQ(huge_handler(huge).body.size(), 4000u);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_LE(cache.bytes(), 3500u);
}

TEST_P(PortalServicesTest, PageCacheExpiresWhenScheduledContentGoesLive) {
  db::Pool pool(url_, 2);
  std::int64_t go_live = web::unix_now() + 1;
  web::PageCache cache(pool, "", content_version, [&](db::Database&, std::int64_t now) {
    return now < go_live ? std::optional<std::int64_t>(go_live) : std::nullopt;
  });
  int calls = 0;
  auto handler = cache.wrap([&calls](http::Request&) { return http::Response::html(std::to_string(++calls)); });
  auto req = get("/");
  EXPECT_EQ(handler(req).body, "1");
  EXPECT_EQ(handler(req).body, "1");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(handler(req).body, "2");
  EXPECT_EQ(handler(req).body, "2");
}

TEST_P(PortalServicesTest, UploadsAreCheckedByContentAndStoredOnce) {
  test::TempDir var;
  Actor actor{std::nullopt, "127.0.0.1"};
  auto png = cover_png({1, 2, 3}, {4, 5, 6}, 1);
  auto first = store_upload(*db_, var.path(), png, "../../etc/titel.png", UploadKind::image, actor);
  ASSERT_TRUE(first.upload.has_value()) << first.error;
  EXPECT_EQ(first.upload->media_type, "image/png");
  EXPECT_EQ(first.upload->original_name, "titel.png");
  EXPECT_EQ(first.upload->sha256, web::sha256_hex(png));
  EXPECT_TRUE(std::filesystem::exists(upload_path(var.path(), first.upload->sha256)));
  auto again = store_upload(*db_, var.path(), png, "kopie.png", UploadKind::image, actor);
  ASSERT_TRUE(again.upload.has_value());
  EXPECT_EQ(again.upload->sha256, first.upload->sha256);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM uploads")->integer(0), 1);
  EXPECT_EQ(list_uploads(*db_, 10).size(), 1u);

  // A PDF is not an image, HTML is nothing, and size limits hold.
  EXPECT_FALSE(store_upload(*db_, var.path(), "%PDF-1.4 ...", "x.png", UploadKind::image, actor).upload);
  auto html = store_upload(*db_, var.path(), "<html><script>alert(1)</script>", "x.pdf", UploadKind::pdf, actor);
  EXPECT_FALSE(html.upload);
  EXPECT_EQ(html.error, "Bitte laden Sie eine PDF-Datei hoch.");
  std::string huge = png + std::string(kMaxImageBytes, 'x');
  EXPECT_FALSE(store_upload(*db_, var.path(), huge, "gross.png", UploadKind::image, actor).upload);
  EXPECT_FALSE(find_upload(*db_, "../etc/passwd").has_value());
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'upload.create'")->integer(0), 1);
}

TEST_P(PortalServicesTest, NewsletterDoubleOptIn) {
  const std::int64_t now = web::unix_now();
  auto tokens = subscribe(*db_, " Leserin@Example.org ", now, kSite);
  ASSERT_TRUE(tokens.has_value());
  EXPECT_EQ(confirmed_subscriber_count(*db_), 0);
  // The confirmation mail waits in the outbox, stored with the subscription.
  auto queued = web::list_outbox(*db_, "queued", 10, 0);
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].recipient, "leserin@example.org");
  EXPECT_EQ(queued[0].category, "newsletter.confirmation");
  auto body = db_->query_one("SELECT b.text_body, b.headers FROM mail_outbox o JOIN mail_bodies b ON b.id = o.body_id");
  EXPECT_NE(body->text(0).find("https://ruhrfutur.example/newsletter/bestaetigen?token=" + tokens->confirm),
            std::string::npos);
  EXPECT_NE(body->text(1).find("List-Unsubscribe"), std::string::npos);
  // No second mail within the resend interval, whatever the spelling.
  EXPECT_FALSE(subscribe(*db_, "leserin@example.org", now + 10, kSite).has_value());
  EXPECT_TRUE(confirm_token_valid(*db_, tokens->confirm, now + 10));
  EXPECT_FALSE(confirm_token_valid(*db_, tokens->unsubscribe, now + 10));

  auto version = content_version(*db_);
  EXPECT_TRUE(confirm_subscription(*db_, tokens->confirm, now + 20));
  EXPECT_GT(content_version(*db_), version);  // Über uns shows the count
  EXPECT_EQ(confirmed_subscriber_count(*db_), 1);
  EXPECT_FALSE(confirm_subscription(*db_, tokens->confirm, now + 30));                  // single use
  EXPECT_FALSE(subscribe(*db_, "leserin@example.org", now + 1000, kSite).has_value());  // already subscribed

  auto csv = subscribers_csv(*db_);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF"
                      "E-Mail;Angemeldet am;Bestätigt am\r\nleserin@example.org;",
                      0),
            0u)
      << csv;

  EXPECT_EQ(unsubscribe_address(*db_, tokens->unsubscribe), "leserin@example.org");
  EXPECT_TRUE(unsubscribe(*db_, tokens->unsubscribe));
  EXPECT_FALSE(unsubscribe(*db_, tokens->unsubscribe));
  EXPECT_EQ(confirmed_subscriber_count(*db_), 0);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM newsletter_subscribers")->integer(0), 0);
}

TEST_P(PortalServicesTest, NewsletterTokensExpireAndStalePendingEntriesGo) {
  const std::int64_t now = web::unix_now();
  auto old = subscribe(*db_, "alt@example.org", now - kConfirmTokenSeconds - 10, kSite);
  ASSERT_TRUE(old.has_value());
  EXPECT_FALSE(confirm_token_valid(*db_, old->confirm, now));
  EXPECT_FALSE(confirm_subscription(*db_, old->confirm, now));
  // A later subscription by anyone clears expired pending entries.
  auto fresh = subscribe(*db_, "=HYPERLINK@example.org", now, kSite);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM newsletter_subscribers")->integer(0), 1);
  ASSERT_TRUE(confirm_subscription(*db_, fresh->confirm, now));
  // A formula-like address is defused for spreadsheets.
  EXPECT_NE(subscribers_csv(*db_).find("'=hyperlink@example.org"), std::string::npos) << subscribers_csv(*db_);
  auto id = db_->query_one("SELECT id FROM newsletter_subscribers")->integer(0);
  EXPECT_TRUE(delete_subscriber(*db_, id));
  EXPECT_FALSE(delete_subscriber(*db_, id));
}

TEST_P(PortalServicesTest, DemoContentIsCompleteAndIdempotent) {
  test::TempDir var;
  web::Settings config;
  config.var_dir = var.path();
  int added = load_demo_content(*db_, config);
  EXPECT_GT(added, 50);
  EXPECT_EQ(load_demo_content(*db_, config), 0);

  ContentStore store(*db_);
  const auto now = web::unix_now();
  auto visible = [&](const char* kind) {
    ContentStore::Filter f;
    f.kind = kind;
    f.now = now;
    return store.count(f);
  };
  EXPECT_GE(visible("news"), 8);
  EXPECT_EQ(visible("publication"), 6);
  EXPECT_EQ(visible("job"), 2);
  EXPECT_GE(visible("partner"), 10);
  EXPECT_EQ(visible("committee"), 4);
  EXPECT_GE(visible("team"), 4);
  EXPECT_GE(visible("theme"), 5);
  for (const char* slug : {"ueber-uns", "kontakt", "impressum", "datenschutz"}) {
    EXPECT_TRUE(store.find_visible("page", slug, now).has_value()) << slug;
  }
  ContentStore::Filter pubs;
  pubs.kind = "publication";
  pubs.now = now;
  for (const auto& p : store.list(pubs)) {
    EXPECT_FALSE(p.file.empty()) << p.title;
    EXPECT_FALSE(p.image.empty()) << p.title;
    EXPECT_TRUE(std::filesystem::exists(upload_path(var.path(), p.file))) << p.title;
  }
  // One scheduled and one draft news item stay invisible.
  ContentStore::Filter all_news;
  all_news.kind = "news";
  all_news.visible_only = false;
  EXPECT_EQ(store.count(all_news), visible("news") + 2);
  EXPECT_GE(search(*db_, "übergänge", now, 50, 0).total, 3);
}

RF_BOTH_DATABASES(PortalServicesTest);

}  // namespace
}  // namespace rf::portal
