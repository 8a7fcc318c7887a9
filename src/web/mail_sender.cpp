#include "web/mail_sender.hpp"

#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <unordered_map>
#include <vector>

#include "web/accounts.hpp"
#include "web/mail.hpp"
#include "web/outbox.hpp"

namespace rf::web {
namespace {

// This process's delivery counters for /metrics.
std::atomic<std::uint64_t> g_sent{0}, g_retried{0}, g_failed{0};

enum class Outcome { sent, temporary, permanent };

struct Delivery {
  Outcome outcome = Outcome::sent;
  std::string error;                // the server's answer or the transport error
  bool server_unavailable = false;  // no connection or the server refuses service: pause
};

// One SMTP client whose connection libcurl keeps open between mails.
class SmtpSession {
 public:
  explicit SmtpSession(std::string url) : url_(std::move(url)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_ = curl_easy_init();
    if (!curl_) throw std::runtime_error("cannot initialise libcurl");
  }
  ~SmtpSession() { curl_easy_cleanup(curl_); }
  SmtpSession(const SmtpSession&) = delete;
  SmtpSession& operator=(const SmtpSession&) = delete;

  Delivery send(const std::string& from, const std::string& to, std::string_view message) {
    Upload upload{message, 0};
    std::string envelope_from = "<" + from + ">";
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl_, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl_, CURLOPT_MAIL_FROM, envelope_from.c_str());
    curl_easy_setopt(curl_, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl_, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl_, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl_, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl_, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error);
    CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(rcpt);
    curl_easy_setopt(curl_, CURLOPT_MAIL_RCPT, nullptr);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, nullptr);
    if (rc == CURLE_OK) return {};
    long code = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &code);
    Delivery d;
    d.error = *error ? error : curl_easy_strerror(rc);
    if (code >= 500 && code < 600) {
      d.outcome = Outcome::permanent;
    } else {
      d.outcome = Outcome::temporary;
      // 421: the server closes the session; no answer at all: it is down.
      d.server_unavailable = code == 421 || code == 0 || rc == CURLE_COULDNT_CONNECT ||
                             rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_OPERATION_TIMEDOUT;
    }
    return d;
  }

 private:
  struct Upload {
    std::string_view data;
    std::size_t pos;
  };
  static std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    std::size_t n = std::min(size * count, upload->data.size() - upload->pos);
    std::memcpy(buffer, upload->data.data() + upload->pos, n);
    upload->pos += n;
    return n;
  }

  std::string url_;
  CURL* curl_ = nullptr;
};

struct Body {
  std::string subject, text, html;
  MailHeaders headers;
};

struct Claimed {
  std::int64_t id = 0;
  std::string recipient;
  std::int64_t body_id = 0;
  std::string data;
  std::string message_id;
  int attempts = 0;
};

std::string domain_part(std::string_view address) {
  auto at = address.find('@');
  return at == std::string_view::npos ? "localhost" : std::string(address.substr(at + 1));
}

}  // namespace

class MailSender::Impl {
 public:
  explicit Impl(SenderSettings s) : settings(std::move(s)) {
    from_address = web::mail_address(settings.mail_from);
    if (from_address.empty()) throw std::runtime_error("mail_from is not a valid address: " + settings.mail_from);
    file_dir = settings.smtp_url.rfind("file:", 0) == 0 ? settings.smtp_url.substr(5) : std::string();
    settings.batch_size = std::max(1, settings.batch_size);
    settings.retry_seconds = std::max(1, settings.retry_seconds);
    settings.lease_seconds = std::max(2, settings.lease_seconds);
  }

  SenderSettings settings;
  std::string from_address;
  std::string file_dir;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<SmtpSession> smtp;
  std::unordered_map<std::int64_t, Body> bodies;
  std::chrono::steady_clock::time_point last_send{};
  std::chrono::steady_clock::time_point pause_until{};
  std::vector<std::function<void(db::Database&)>> tasks;
  std::chrono::steady_clock::time_point tasks_done{};

  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;

  bool stop_requested() {
    std::lock_guard lock(mutex);
    return stopping;
  }
  // Sleeps until `until` or stop(); false when stopping.
  bool sleep_until(std::chrono::steady_clock::time_point until) {
    std::unique_lock lock(mutex);
    return !wake.wait_until(lock, until, [this] { return stopping; });
  }

  db::Database& database() {
    if (!db) {
      db = db::open(settings.database_url);
      // The sender's own commits need not wait for the disk: a crash of the
      // database server (not of this process) could at worst send a mail twice.
      if (db->kind() == db::Kind::postgresql) db->exec_script("SET synchronous_commit = off");
    }
    return *db;
  }

  std::int64_t backoff(int attempts) const {
    double delay = settings.retry_seconds * std::pow(2.0, std::max(0, attempts - 1));
    return static_cast<std::int64_t>(std::min(delay, 6.0 * 3600));
  }

  // How many mails the rate limit leaves for the coming minute.
  int allowance(std::int64_t now) {
    if (settings.rate_per_minute <= 0) return settings.batch_size;
    auto sent = database().query_one("SELECT COUNT(*) FROM mail_outbox WHERE sent_at > ?", {now - 60})->integer(0);
    auto left = static_cast<std::int64_t>(settings.rate_per_minute) - sent;
    return static_cast<int>(std::clamp<std::int64_t>(left, 0, settings.batch_size));
  }

  std::vector<Claimed> claim(int limit, std::int64_t now) {
    std::string sql =
        "UPDATE mail_outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = ? "
        "WHERE id IN (SELECT id FROM mail_outbox WHERE state IN ('queued', 'sending') AND next_attempt_at <= ? "
        "ORDER BY next_attempt_at, id LIMIT ?";
    if (database().kind() == db::Kind::postgresql) sql += " FOR UPDATE SKIP LOCKED";
    sql += ") RETURNING id, recipient, body_id, data, message_id, attempts";
    std::vector<Claimed> out;
    for (const auto& row : database().query(sql, {now + settings.lease_seconds, now, std::int64_t{limit}})) {
      out.push_back(
          {row.integer(0), row.text(1), row.integer(2), row.text(3), row.text(4), static_cast<int>(row.integer(5))});
    }
    std::sort(out.begin(), out.end(), [](const Claimed& a, const Claimed& b) { return a.id < b.id; });
    return out;
  }

  // Hands claimed mails back untried: due now, the claim's attempt not counted.
  void release(std::span<const Claimed> mails, std::int64_t due) {
    if (mails.empty()) return;
    std::string sql =
        "UPDATE mail_outbox SET state = 'queued', attempts = attempts - 1, next_attempt_at = ? "
        "WHERE state = 'sending' AND id IN (";
    std::vector<db::Value> params{due};
    for (std::size_t i = 0; i < mails.size(); ++i) {
      sql += i ? ", ?" : "?";
      params.emplace_back(mails[i].id);
    }
    database().execute(sql + ")", params);
  }

  const Body& body(std::int64_t id) {
    if (auto it = bodies.find(id); it != bodies.end()) return it->second;
    if (bodies.size() > 256) bodies.clear();
    auto row =
        database().query_one("SELECT subject, text_body, html_body, headers FROM mail_bodies WHERE id = ?", {id});
    if (!row) throw std::runtime_error("mail body " + std::to_string(id) + " is missing");
    Body b{row->text(0), row->text(1), row->text(2), {}};
    for (const auto& pair : nlohmann::json::parse(row->text(3))) {
      b.headers.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    }
    return bodies.emplace(id, std::move(b)).first->second;
  }

  std::string message_for(const Claimed& mail) {
    const Body& b = body(mail.body_id);
    const std::string message_id = mail.message_id + "@" + domain_part(from_address);
    MessageParts parts{.from = settings.mail_from,
                       .to = mail.recipient,
                       .subject = b.subject,
                       .text = b.text,
                       .html = b.html,
                       .headers = &b.headers,
                       .message_id = message_id,
                       .unix_time = web::unix_now()};
    if (mail.data.empty() || mail.data == "{}") return web::build_message(parts);
    std::map<std::string, std::string> values =
        nlohmann::json::parse(mail.data).get<std::map<std::string, std::string>>();
    std::string subject = fill_placeholders(b.subject, values, false);
    std::string text = fill_placeholders(b.text, values, false);
    std::string html = fill_placeholders(b.html, values, true);
    MailHeaders headers;
    for (const auto& [name, value] : b.headers) headers.emplace_back(name, fill_placeholders(value, values, false));
    // A value with a line break must not become a header of its own.
    web::check_header_safety(subject, headers);
    parts.subject = subject;
    parts.text = text;
    parts.html = html;
    parts.headers = &headers;
    return web::build_message(parts);
  }

  Delivery deliver(const Claimed& mail) {
    std::string message;
    try {
      message = message_for(mail);
    } catch (const std::exception& e) {
      return {Outcome::permanent, std::string("cannot build the message: ") + e.what(), false};
    }
    if (!file_dir.empty()) {
      try {
        web::write_mail_file(file_dir, mail.recipient, message);
        return {};
      } catch (const std::exception& e) {
        return {Outcome::temporary, e.what(), true};
      }
    }
    if (!smtp) smtp = std::make_unique<SmtpSession>(settings.smtp_url);
    return smtp->send(from_address, mail.recipient, message);
  }

  void record(const Claimed& mail, const Delivery& d, std::int64_t now) {
    if (d.outcome == Outcome::sent) {
      database().execute("UPDATE mail_outbox SET state = 'sent', sent_at = ?, last_error = '' WHERE id = ?",
                         {now, mail.id});
      g_sent.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    bool give_up = d.outcome == Outcome::permanent || mail.attempts >= settings.max_attempts;
    std::string error = d.error.substr(0, 1000);
    if (give_up) {
      database().execute("UPDATE mail_outbox SET state = 'failed', last_error = ? WHERE id = ?", {error, mail.id});
      g_failed.fetch_add(1, std::memory_order_relaxed);
      spdlog::warn("mail {} to {} failed for good: {}", mail.id, mail.recipient, error);
    } else {
      database().execute("UPDATE mail_outbox SET state = 'queued', next_attempt_at = ?, last_error = ? WHERE id = ?",
                         {now + backoff(mail.attempts), error, mail.id});
      g_retried.fetch_add(1, std::memory_order_relaxed);
      spdlog::info("mail {} to {} will be retried: {}", mail.id, mail.recipient, error);
    }
  }

  // Waits for the rate limit's spacing between two mails; false when stopping.
  bool pace() {
    if (settings.rate_per_minute <= 0) return !stop_requested();
    auto gap = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(60.0 / settings.rate_per_minute));
    return sleep_until(last_send + gap);
  }

  std::size_t run_batch() {
    const auto now = web::unix_now();
    int limit = allowance(now);
    if (limit == 0) return 0;
    auto batch = claim(limit, now);
    const auto claimed_at = std::chrono::steady_clock::now();
    // Leave a claim well before it expires, so another sender never takes a mail this one may still send.
    const auto hand_back_at = claimed_at + std::chrono::seconds(settings.lease_seconds) * 3 / 4;
    int temporary_in_a_row = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (!pace() || std::chrono::steady_clock::now() > hand_back_at) {
        release(std::span(batch).subspan(i), web::unix_now());
        break;
      }
      last_send = std::chrono::steady_clock::now();
      Delivery d = deliver(batch[i]);
      record(batch[i], d, web::unix_now());
      temporary_in_a_row = d.outcome == Outcome::temporary ? temporary_in_a_row + 1 : 0;
      if (d.server_unavailable || temporary_in_a_row >= 3) {
        // The server is down or refuses everything: try the rest later and pause.
        const auto delay = std::min<std::int64_t>(backoff(1), 60);
        release(std::span(batch).subspan(i + 1), web::unix_now() + delay);
        pause_until = std::chrono::steady_clock::now() + std::chrono::seconds(delay);
        smtp.reset();  // a fresh connection next time
        spdlog::warn("mail server unavailable ({}); pausing {} s", d.error, delay);
        break;
      }
    }
    return batch.size();
  }

  void loop() {
    while (!stop_requested()) {
      if (std::chrono::steady_clock::now() < pause_until) {
        if (!sleep_until(pause_until)) break;
      }
      std::size_t n = 0;
      try {
        if (!tasks.empty() && std::chrono::steady_clock::now() >= tasks_done + settings.idle_wait) {
          tasks_done = std::chrono::steady_clock::now();
          for (const auto& task : tasks) {
            try {
              task(database());
            } catch (const std::exception& e) {
              spdlog::error("mail sender: task before the pass failed: {}", e.what());
            }
          }
        }
        n = run_batch();
      } catch (const std::exception& e) {
        spdlog::error("mail sender: {}", e.what());
        db.reset();  // reconnect next time
        smtp.reset();
      }
      if (n == 0 && !sleep_until(std::chrono::steady_clock::now() + settings.idle_wait)) break;
    }
  }
};

MailSender::MailSender(SenderSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}

MailSender::~MailSender() { stop(); }

void MailSender::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = false;
  }
  thread_ = std::thread([this] { impl_->loop(); });
}

void MailSender::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailSender::before_each_pass(std::function<void(db::Database&)> task) { impl_->tasks.push_back(std::move(task)); }

std::size_t MailSender::run_once() { return impl_->run_batch(); }

std::string mail_metrics_text(db::Database& db) {
  std::string out;
  out += "# HELP rf_mail_outbox Mails in the outbox by state (all instances).\n";
  out += "# TYPE rf_mail_outbox gauge\n";
  for (const auto& [state, count] : outbox_counts(db)) {
    out += "rf_mail_outbox{state=\"" + state + "\"} " + std::to_string(count) + "\n";
  }
  auto counter = [&out](const char* name, const char* help, std::uint64_t value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n";
    out += std::string(name) + " " + std::to_string(value) + "\n";
  };
  counter("rf_mail_sent_total", "Mails this instance handed to the mail server.", g_sent.load());
  counter("rf_mail_retries_total", "Temporary delivery failures of this instance (retried later).", g_retried.load());
  counter("rf_mail_failed_total", "Mails this instance gave up on.", g_failed.load());
  return out;
}

}  // namespace rf::web
