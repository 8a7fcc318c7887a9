#include "portal/newsletter.hpp"

#include <algorithm>

#include "web/accounts.hpp"
#include "web/audit.hpp"
#include "portal/content_store.hpp"
#include "text/csv.hpp"
#include "web/outbox.hpp"
#include "web/dates.hpp"
#include "text/strings.hpp"

namespace rf::portal {
namespace {

std::string trim(std::string_view s) { return std::string(text::trim_blanks(s)); }

}  // namespace

std::string check_subscriber_email(std::string_view raw) {
  std::string email = trim(raw);
  if (email.empty()) return "Bitte geben Sie Ihre E-Mail-Adresse an.";
  auto at = email.find('@');
  bool ok = email.size() <= 254 && at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos;
  if (ok) {
    auto domain = email.substr(at + 1);
    ok = domain.find('.') != std::string::npos && domain.front() != '.' && domain.back() != '.';
  }
  ok = ok && std::none_of(email.begin(), email.end(), [](char c) {
         return static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
                c == '\\' || c == '(' || c == ')';
       });
  return ok ? "" : "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de.";
}

std::int64_t confirmed_subscriber_count(db::Database& db) {
  return db.query_one("SELECT COUNT(*) FROM newsletter_subscribers WHERE status = 'confirmed'")->integer(0);
}

std::optional<SubscribeTokens> subscribe(db::Database& db, std::string_view raw_email, std::int64_t now,
                                         std::string_view site_url) {
  const std::string email = text::to_lower_ascii(trim(raw_email));
  db::Transaction tx(db);
  db.execute("DELETE FROM newsletter_subscribers WHERE status = 'pending' AND created_at < ?",
             {now - kConfirmTokenSeconds});
  SubscribeTokens tokens{web::random_token(), web::random_token()};
  auto existing = db.query_one(
      "SELECT id, status, confirm_sent_at, unsubscribe_token FROM newsletter_subscribers WHERE email = ?", {email});
  if (existing) {
    if (existing->text(1) == "confirmed") return std::nullopt;
    if (existing->integer(2) + kResendSeconds > now) return std::nullopt;
    tokens.unsubscribe = existing->text(3);
    db.execute("UPDATE newsletter_subscribers SET confirm_token_hash = ?, confirm_sent_at = ? WHERE id = ?",
               {web::sha256_hex(tokens.confirm), now, existing->integer(0)});
  } else {
    db.insert(
        "INSERT INTO newsletter_subscribers (email, status, confirm_token_hash, confirm_sent_at, "
        "unsubscribe_token, created_at) VALUES (?, 'pending', ?, ?, ?, ?)",
        {email, web::sha256_hex(tokens.confirm), now, tokens.unsubscribe, now});
  }
  std::string base(site_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string unsubscribe_url = base + "/newsletter/abmelden?token=" + tokens.unsubscribe;
  web::Mail mail;
  mail.to = email;
  mail.subject = "Bitte bestätigen Sie Ihre Anmeldung zum RuhrFutur-Newsletter";
  mail.text = confirmation_mail_text(base + "/newsletter/bestaetigen?token=" + tokens.confirm, unsubscribe_url);
  mail.headers = {{"List-Unsubscribe", "<" + unsubscribe_url + ">"}};
  mail.category = "newsletter.confirmation";
  web::enqueue(db, mail);
  web::audit(db, std::nullopt, "newsletter.subscribe", "newsletter_subscriber", "", "{}", "");
  tx.commit();
  return tokens;
}

bool confirm_token_valid(db::Database& db, std::string_view token, std::int64_t now) {
  if (token.empty() || token.size() > 100) return false;
  return db
      .query_one(
          "SELECT 1 FROM newsletter_subscribers WHERE confirm_token_hash = ? AND status = 'pending' "
          "AND confirm_sent_at > ?",
          {web::sha256_hex(token), now - kConfirmTokenSeconds})
      .has_value();
}

bool confirm_subscription(db::Database& db, std::string_view token, std::int64_t now) {
  if (!confirm_token_valid(db, token, now)) return false;
  db::Transaction tx(db);
  auto changed = db.execute(
      "UPDATE newsletter_subscribers SET status = 'confirmed', confirmed_at = ?, confirm_token_hash = NULL "
      "WHERE confirm_token_hash = ? AND status = 'pending'",
      {now, web::sha256_hex(token)});
  if (changed != 1) return false;
  web::audit(db, std::nullopt, "newsletter.confirm", "newsletter_subscriber", "", "{}", "");
  bump_content_version(db);  // the subscriber count on Über uns
  tx.commit();
  return true;
}

std::optional<std::string> unsubscribe_address(db::Database& db, std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto row = db.query_one("SELECT email FROM newsletter_subscribers WHERE unsubscribe_token = ?", {std::string(token)});
  if (!row) return std::nullopt;
  return row->text(0);
}

bool unsubscribe(db::Database& db, std::string_view token) {
  if (token.empty() || token.size() > 100) return false;
  db::Transaction tx(db);
  auto email =
      db.query_one("SELECT email FROM newsletter_subscribers WHERE unsubscribe_token = ?", {std::string(token)});
  if (!email) return false;
  db.execute("DELETE FROM newsletter_subscribers WHERE unsubscribe_token = ?", {std::string(token)});
  // Issues not yet delivered to this address do not go out any more.
  db.execute("DELETE FROM mail_outbox WHERE recipient = ? AND category = 'newsletter.issue' AND state = 'queued'",
             {email->text(0)});
  db.insert("INSERT INTO newsletter_unsubscribes (at) VALUES (?)", {web::unix_now()});
  web::audit(db, std::nullopt, "newsletter.unsubscribe", "newsletter_subscriber", "", "{}", "");
  bump_content_version(db);
  tx.commit();
  return true;
}

std::vector<Subscriber> list_subscribers(db::Database& db) {
  std::vector<Subscriber> out;
  for (const auto& row : db.query("SELECT id, email, status, created_at, confirmed_at FROM newsletter_subscribers "
                                  "ORDER BY status, email")) {
    out.push_back({row.integer(0), row.text(1), row.text(2), row.integer(3), row.opt_integer(4)});
  }
  return out;
}

bool delete_subscriber(db::Database& db, std::int64_t id) {
  db::Transaction tx(db);
  auto changed = db.execute("DELETE FROM newsletter_subscribers WHERE id = ?", {id});
  if (changed == 0) return false;
  bump_content_version(db);
  tx.commit();
  return true;
}

std::string subscribers_csv(db::Database& db) {
  std::string csv =
      "\xEF\xBB\xBF"
      "E-Mail;Angemeldet am;Bestätigt am\r\n";
  for (const auto& row : db.query("SELECT email, created_at, confirmed_at FROM newsletter_subscribers "
                                  "WHERE status = 'confirmed' ORDER BY email")) {
    csv += text::spreadsheet_csv_field(row.text(0), ';') + ";" + web::format_date_de(row.integer(1)) + ";" +
           (row.is_null(2) ? std::string() : web::format_date_de(row.integer(2))) + "\r\n";
  }
  return csv;
}

std::string confirmation_mail_text(std::string_view confirm_url, std::string_view unsubscribe_url) {
  std::string text;
  text += "Guten Tag,\n\n";
  text += "für diese E-Mail-Adresse wurde der Newsletter von RuhrFutur bestellt. ";
  text += "Bitte bestätigen Sie die Anmeldung über diesen Link (er gilt sieben Tage und nur einmal):\n\n";
  text += std::string(confirm_url) + "\n\n";
  text +=
      "Wenn Sie den Newsletter nicht bestellt haben, müssen Sie nichts tun: Ohne Bestätigung erhalten Sie "
      "keine weiteren E-Mails, und die Adresse wird nach sieben Tagen gelöscht.\n\n";
  text += "Viele Grüße\nIhr RuhrFutur-Team\n\n";
  text += "-- \n";
  text += "Abmelden und Adresse löschen: " + std::string(unsubscribe_url) + "\n";
  return text;
}

}  // namespace rf::portal
