// Mail throughput for bench/mail.sh.
//
//   rf_bench_mail reference SMTP_URL N        N messages over one libcurl connection in a plain loop
//   rf_bench_mail outbox DB_URL SMTP_URL N    enqueue one issue to N recipients, then deliver it
//                                             with the outbox sender
//
// Both send the same messages (the outbox's multipart builder, the same
// subject, parts and personal link) to the same local SMTP sink and print
// "seconds=S" lines; the outbox mode also prints "enqueue_seconds=S".
#include <curl/curl.h>

#include <chrono>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "db/migrations.hpp"
#include "web/mail.hpp"
#include "web/mail_sender.hpp"
#include "web/outbox.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kFrom = "RuhrFutur <newsletter@ruhrfutur.example>";
constexpr const char* kSubject = "RuhrFutur-Newsletter Nr. 1";
const std::string kText =
    std::string(2000, 'x') + "\nAbmelden: https://ruhrfutur.example/newsletter/abmelden?token={{token}}\n";
const std::string kHtml =
    "<p>" + std::string(4000, 'y') +
    "</p><p><a href=\"https://ruhrfutur.example/newsletter/abmelden?token={{token}}\">Abmelden</a></p>";

std::string address(int i) { return "leser" + std::to_string(i) + "@example.org"; }
std::string token(int i) { return "t" + std::to_string(i); }

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Upload {
  const std::string* data;
  std::size_t pos;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data->size() - upload->pos);
  std::memcpy(buffer, upload->data->data() + upload->pos, n);
  upload->pos += n;
  return n;
}

int reference(const std::string& smtp_url, int n) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL* curl = curl_easy_init();
  rf::web::MailHeaders headers;
  int failures = 0;
  auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    // The same work per mail as the outbox: fill the personal link, build the message.
    std::map<std::string, std::string> values{{"token", token(i)}};
    std::string text = rf::web::fill_placeholders(kText, values, false);
    std::string html = rf::web::fill_placeholders(kHtml, values, true);
    std::string to = address(i);
    std::string message = rf::web::build_message({.from = kFrom,
                                                  .to = to,
                                                  .subject = kSubject,
                                                  .text = text,
                                                  .html = html,
                                                  .headers = &headers,
                                                  .message_id = {},
                                                  .unix_time = 0});
    Upload upload{&message, 0};
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, smtp_url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, "<newsletter@ruhrfutur.example>");
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    failures += curl_easy_perform(curl) != CURLE_OK;
    curl_slist_free_all(rcpt);
  }
  std::cout << "seconds=" << seconds_since(start) << "\nfailures=" << failures << "\n";
  curl_easy_cleanup(curl);
  return failures ? 1 : 0;
}

int outbox(const std::string& db_url, const std::string& smtp_url, int n, const std::string& migrations) {
  auto db = rf::db::open(db_url);
  rf::db::migrate(*db, migrations);
  std::vector<rf::web::Recipient> recipients;
  for (int i = 0; i < n; ++i) recipients.push_back({address(i), {{"token", token(i)}}});
  rf::web::Mail mail;
  mail.subject = kSubject;
  mail.text = kText;
  mail.html = kHtml;
  mail.category = "bench";
  auto start = Clock::now();
  {
    rf::db::Transaction tx(*db);
    rf::web::enqueue_to_many(*db, mail, recipients);
    tx.commit();
  }
  std::cout << "enqueue_seconds=" << seconds_since(start) << "\n";
  rf::web::SenderSettings settings;
  settings.database_url = db_url;
  settings.smtp_url = smtp_url;
  settings.mail_from = kFrom;
  rf::web::MailSender sender(settings);
  start = Clock::now();
  while (sender.run_once() > 0) {
  }
  std::cout << "seconds=" << seconds_since(start) << "\n";
  auto counts = rf::web::outbox_counts(*db);
  std::cout << "sent=" << counts["sent"] << "\n";
  return counts["sent"] == n ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "reference") return reference(args[1], std::stoi(args[2]));
  if (args.size() == 5 && args[0] == "outbox") return outbox(args[1], args[2], std::stoi(args[3]), args[4]);
  std::cerr << "usage: rf_bench_mail reference SMTP_URL N | outbox DB_URL SMTP_URL N MIGRATIONS_DIR\n";
  return 2;
}
