// The mail outbox against a real SMTP server (the aiosmtpd sink): enqueue in
// the caller's transaction, multipart delivery, placeholders, 550 -> failed
// and not retried, 451 -> delivered later, an unreachable server, a sender
// killed with SIGKILL midway, two instances sending at once (PostgreSQL).
#include <gtest/gtest.h>

// Mails are written with designated initializers naming only the fields a case needs.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <map>
#include <regex>
#include <set>
#include <thread>

#include "db/migrations.hpp"
#include "web/accounts.hpp"
#include "support/child_process.hpp"
#include "support/database_params.hpp"
#include "support/http_client.hpp"
#include "support/smtp_sink.hpp"
#include "support/temp_dir.hpp"
#include "web/mail_sender.hpp"
#include "web/outbox.hpp"

namespace rf::web {
namespace {

using test::SmtpSink;

class OutboxTest : public test::BothDatabases {
 protected:
  void SetUp() override {
    url_ = fresh_url();
    db_ = db::open(url_);
    db::migrate(*db_, RF_SOURCE_DIR + "/migrations");
  }
  SenderSettings settings(const std::string& smtp_url) {
    SenderSettings s;
    s.database_url = url_;
    s.smtp_url = smtp_url;
    s.mail_from = "RuhrFutur <newsletter@ruhrfutur.example>";
    s.retry_seconds = 1;
    return s;
  }
  std::string state_of(std::int64_t id) {
    return db_->query_one("SELECT state FROM mail_outbox WHERE id = ?", {id})->text(0);
  }
  std::int64_t count(std::string_view state) { return outbox_counts(*db_).at(std::string(state)); }

  std::string url_;
  std::unique_ptr<db::Database> db_;
};

TEST_P(OutboxTest, DeliversMultipartMailWithPersonalLinks) {
  SmtpSink sink;
  auto single = enqueue(*db_, {.to = "Leserin <leserin@example.org>",
                               .subject = "Grüße aus dem Ruhrgebiet",
                               .text = "Hallo,\nschön, dass Sie da sind.",
                               .html = "<p>Hallo,</p><p>schön, dass Sie da sind.</p>",
                               .headers = {{"X-RF-Test", "eins"}},
                               .category = "test.single"});
  std::vector<Recipient> many{{"a@example.org", {{"link", "https://x.example/ab?token=A&x=1"}}},
                              {"b@example.org", {{"link", "https://x.example/ab?token=B"}}}};
  enqueue_to_many(
      *db_,
      {.subject = "Ausgabe 1",
       .text = "Abmelden: {{link}}",
       .html = "<a href=\"{{link}}\">Abmelden</a>",
       .headers = {{"List-Unsubscribe", "<{{link}}>"}, {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}},
       .category = "test.many",
       .ref_id = 7},
      many);
  EXPECT_EQ(count("queued"), 3);

  MailSender sender(settings(sink.url()));
  EXPECT_EQ(sender.run_once(), 3u);
  EXPECT_EQ(count("sent"), 3);
  EXPECT_EQ(state_of(single), "sent");
  EXPECT_EQ(outbox_counts(*db_, "test.many", 7).at("sent"), 2);

  auto got = sink.deliveries();
  ASSERT_EQ(got.size(), 3u);
  std::map<std::string, test::SinkDelivery> by_address;
  for (auto& d : got) {
    ASSERT_EQ(d.to.size(), 1u);
    by_address[d.to[0]] = d;
    EXPECT_TRUE(d.multipart) << d.to[0];
  }
  EXPECT_EQ(by_address["leserin@example.org"].subject, "Grüße aus dem Ruhrgebiet");
  EXPECT_EQ(by_address["leserin@example.org"].text, "Hallo,\nschön, dass Sie da sind.");
  EXPECT_EQ(by_address["a@example.org"].text, "Abmelden: https://x.example/ab?token=A&x=1");
  EXPECT_EQ(by_address["a@example.org"].list_unsubscribe, "<https://x.example/ab?token=A&x=1>");
  EXPECT_EQ(by_address["b@example.org"].list_unsubscribe, "<https://x.example/ab?token=B>");
  EXPECT_EQ(by_address["b@example.org"].list_unsubscribe_post, "List-Unsubscribe=One-Click");
  EXPECT_NE(by_address["a@example.org"].message_id, by_address["b@example.org"].message_id);
  EXPECT_TRUE(by_address["a@example.org"].message_id.ends_with("@ruhrfutur.example>"));
  // Nothing left to do.
  EXPECT_EQ(sender.run_once(), 0u);
  EXPECT_EQ(sink.delivery_count(), 3u);
}

TEST_P(OutboxTest, MailIsStoredWithTheChangeOrNotAtAll) {
  {
    db::Transaction tx(*db_);
    enqueue(*db_, {.to = "a@example.org", .subject = "x", .text = "y"});
    // no commit: the change and its mail are rolled back together
  }
  EXPECT_EQ(count("queued"), 0);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM mail_bodies")->integer(0), 0);
  EXPECT_THROW(enqueue(*db_, {.to = "a@example.org\r\nBcc: b@example.org", .subject = "x", .text = "y"}), MailError);
  EXPECT_THROW(enqueue(*db_, {.to = "kein-at", .subject = "x", .text = "y"}), MailError);
  EXPECT_THROW(enqueue(*db_, {.to = "a@example.org", .subject = "x\r\nBcc: b@example.org", .text = "y"}), MailError);
  EXPECT_THROW(enqueue(*db_, {.to = "a@example.org", .subject = "x", .text = "y", .headers = {{"X-A", "1\nBcc: b"}}}),
               MailError);
  std::vector<Recipient> one_bad{{"a@example.org", {}}, {"b@@example.org", {}}};
  EXPECT_THROW(enqueue_to_many(*db_, {.subject = "x", .text = "y"}, one_bad), MailError);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM mail_outbox")->integer(0), 0);
}

TEST_P(OutboxTest, PermanentFailureIsRecordedAndNotRetried) {
  SmtpSink sink({.reject = {"weg@example.org"}});
  auto gone = enqueue(*db_, {.to = "weg@example.org", .subject = "x", .text = "y"});
  auto fine = enqueue(*db_, {.to = "da@example.org", .subject = "x", .text = "y"});
  MailSender sender(settings(sink.url()));
  EXPECT_EQ(sender.run_once(), 2u);
  EXPECT_EQ(state_of(gone), "failed");
  EXPECT_EQ(state_of(fine), "sent");
  auto failed = list_outbox(*db_, "failed", 10, 0);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].attempts, 1);
  EXPECT_NE(failed[0].last_error.find("550"), std::string::npos) << failed[0].last_error;
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(sender.run_once(), 0u);  // never claimed again
  EXPECT_EQ(sink.delivery_count(), 1u);
  // An editor may put it back by hand.
  EXPECT_TRUE(retry_mail(*db_, gone, web::unix_now()));
  EXPECT_FALSE(retry_mail(*db_, fine, web::unix_now()));
  EXPECT_EQ(state_of(gone), "queued");
}

TEST_P(OutboxTest, TemporaryFailureIsDeliveredLater) {
  SmtpSink sink;
  sink.set_tempfail(true);
  auto a = enqueue(*db_, {.to = "a@example.org", .subject = "x", .text = "y"});
  auto b = enqueue(*db_, {.to = "b@example.org", .subject = "x", .text = "y"});
  MailSender sender(settings(sink.url()));
  EXPECT_EQ(sender.run_once(), 2u);
  EXPECT_EQ(state_of(a), "queued");
  EXPECT_EQ(state_of(b), "queued");
  auto queued = list_outbox(*db_, "queued", 10, 0);
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_NE(queued[0].last_error.find("451"), std::string::npos) << queued[0].last_error;
  EXPECT_EQ(sender.run_once(), 0u);  // not due yet (retry after 1 s)
  sink.set_tempfail(false);
  ASSERT_TRUE(test::wait_until(
      [&] {
        sender.run_once();
        return count("sent") == 2;
      },
      10));
  EXPECT_EQ(sink.delivery_count(), 2u);
  EXPECT_EQ(db_->query_one("SELECT MIN(attempts) FROM mail_outbox")->integer(0), 2);
}

TEST_P(OutboxTest, UnreachableServerKeepsTheMailsQueued) {
  unsigned short closed_port;
  {
    SmtpSink sink;  // a port that was free a moment ago and is closed now
    closed_port = sink.port();
    sink.stop();
  }
  for (int i = 0; i < 5; ++i)
    enqueue(*db_, {.to = "a" + std::to_string(i) + "@example.org", .subject = "x", .text = "y"});
  MailSender sender(settings("smtp://127.0.0.1:" + std::to_string(closed_port)));
  EXPECT_EQ(sender.run_once(), 5u);
  EXPECT_EQ(count("queued"), 5);
  EXPECT_EQ(count("failed"), 0);
  // The first mail counts the attempt; the rest of the batch is handed back untried.
  EXPECT_EQ(db_->query_one("SELECT SUM(attempts) FROM mail_outbox")->integer(0), 1);
  EXPECT_NE(list_outbox(*db_, "queued", 10, 0).back().last_error, "");
}

TEST_P(OutboxTest, FileSinkWritesEmlFiles) {
  test::TempDir dir;
  enqueue(*db_, {.to = "a@example.org", .subject = "Datei", .text = "Inhalt", .html = "<p>Inhalt</p>"});
  MailSender sender(settings("file:" + (dir.path() / "mail").string()));
  EXPECT_EQ(sender.run_once(), 1u);
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "mail")) {
    files += entry.path().extension() == ".eml";
  }
  EXPECT_EQ(files, 1);
  EXPECT_EQ(count("sent"), 1);
}

// ---- Crash safety and several instances, with real `ruhrfutur serve` processes ----

// An issue's recipients. What the cases below assert (a sender killed midway
// loses nothing and repeats at most the mail in flight; two instances send each
// mail once) does not depend on the newsletter's real size (5,400, which
// bench/mail.sh sends): 1,200 mails are 24 batches of 50, so the first sender
// is killed with most of its work still to do (the test polls every 50 ms, the
// sender takes about 5 s for them in the ASan build), and two instances
// starting together share several seconds of work.
constexpr int kSubscribers = 1200;
constexpr std::size_t kKillAfter = kSubscribers / 4;  // deliveries before the first sender is killed

std::vector<Recipient> subscribers() {
  std::vector<Recipient> out;
  for (int i = 0; i < kSubscribers; ++i) {
    out.push_back({"leser" + std::to_string(i) + "@example.org", {{"token", "t" + std::to_string(i)}}});
  }
  return out;
}

std::unique_ptr<test::ChildProcess> start_instance(const std::string& db_url, const SmtpSink& sink,
                                                   const test::TempDir& dir, const std::string& name) {
  return std::make_unique<test::ChildProcess>(
      std::vector<std::string>{RF_BINARY, "serve", "--database", db_url, "--listen", "127.0.0.1:0"},
      std::vector<std::pair<std::string, std::string>>{{"RF_ROOT", RF_SOURCE_DIR},
                                                       {"RF_VAR_DIR", (dir.path() / name).string()},
                                                       {"RF_SMTP_URL", sink.url()},
                                                       {"RF_MAIL_FROM", "RuhrFutur <newsletter@ruhrfutur.example>"},
                                                       {"RF_MAIL_LEASE_SECONDS", "4"},
                                                       {"RF_ACCESS_LOG", "false"},
                                                       {"RF_THREADS", "1"},
                                                       {"ASAN_OPTIONS", "detect_leaks=0"}},
      dir.path() / (name + ".log"));
}

// The mails an instance says it handed to the mail server (its /metrics, on
// the port its log names), -1 if it cannot be asked.
long mails_sent_by(const test::ChildProcess& instance) {
  const std::string log = instance.log();
  std::smatch port;
  if (!std::regex_search(log, port, std::regex("serving on http://127\\.0\\.0\\.1:(\\d+)"))) return -1;
  const auto metrics = test::get(static_cast<unsigned short>(std::stoi(port[1])), "/metrics");
  std::smatch sent;
  if (!std::regex_search(metrics.body, sent, std::regex("\nrf_mail_sent_total (\\d+)"))) return -1;
  return std::stol(sent[1]);
}

// Every address at least once, at most one address twice.
void expect_each_once_but_one(const SmtpSink& sink) {
  std::map<std::string, int> received;
  for (const auto& d : sink.deliveries()) {
    for (const auto& to : d.to) ++received[to];
    EXPECT_NE(d.text.find("Abmelden: https://ruhrfutur.example/newsletter/abmelden?token=t"), std::string::npos);
  }
  EXPECT_EQ(received.size(), static_cast<std::size_t>(kSubscribers));
  int twice = 0;
  for (const auto& [to, n] : received) {
    EXPECT_LE(n, 2) << to;
    twice += n == 2;
  }
  EXPECT_LE(twice, 1);
}

void enqueue_issue(db::Database& db) {
  auto recipients = subscribers();
  enqueue_to_many(
      db,
      {.subject = "Newsletter",
       .text =
           "Liebe Leserin, lieber Leser,\n\nAbmelden: https://ruhrfutur.example/newsletter/abmelden?token={{token}}",
       .html = "<p>Abmelden: <a href=\"https://ruhrfutur.example/newsletter/abmelden?token={{token}}\">Link</a></p>",
       .category = "test.issue"},
      recipients);
}

TEST_P(OutboxTest, SenderKilledMidwayLosesNothing) {
  SmtpSink sink({.summary_only = true});
  test::TempDir dir;
  enqueue_issue(*db_);
  auto first = start_instance(url_, sink, dir, "erste");
  ASSERT_TRUE(test::wait_until([&] { return sink.delivery_count() >= kKillAfter || !first->running(); }, 120))
      << first->log();
  first->kill_hard();
  auto delivered_before = sink.delivery_count();
  EXPECT_LT(delivered_before, static_cast<std::size_t>(kSubscribers)) << "the sender was not stopped midway";
  auto second = start_instance(url_, sink, dir, "zweite");
  ASSERT_TRUE(test::wait_until([&] { return count("sent") == kSubscribers; }, 240)) << second->log();
  EXPECT_EQ(second->terminate(), 0) << second->log();
  expect_each_once_but_one(sink);
  EXPECT_EQ(count("failed"), 0);
}

TEST_P(OutboxTest, TwoInstancesSendEachMailOnce) {
  if (GetParam() != db::Kind::postgresql) GTEST_SKIP() << "several instances share a PostgreSQL database";
  SmtpSink sink({.summary_only = true});
  test::TempDir dir;
  enqueue_issue(*db_);
  auto a = start_instance(url_, sink, dir, "a");
  auto b = start_instance(url_, sink, dir, "b");
  ASSERT_TRUE(test::wait_until([&] { return count("sent") == kSubscribers; }, 240)) << a->log() << b->log();
  // Both took part, and between them sent each mail once.
  // (A sender counts a mail just after marking it sent.)
  long by_a = 0, by_b = 0;
  EXPECT_TRUE(test::wait_until(
      [&] {
        by_a = mails_sent_by(*a);
        by_b = mails_sent_by(*b);
        return by_a + by_b == kSubscribers;
      },
      10))
      << by_a << " + " << by_b;
  EXPECT_GT(by_a, 0) << a->log();
  EXPECT_GT(by_b, 0) << b->log();
  EXPECT_EQ(a->terminate(), 0) << a->log();
  EXPECT_EQ(b->terminate(), 0) << b->log();
  expect_each_once_but_one(sink);
  EXPECT_EQ(sink.delivery_count(), static_cast<std::size_t>(kSubscribers));
}

RF_BOTH_DATABASES(OutboxTest);

}  // namespace
}  // namespace rf::web
