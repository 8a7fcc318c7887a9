#include "web/outbox.hpp"

#include <nlohmann/json.hpp>

#include "web/accounts.hpp"
#include "text/html.hpp"

namespace rf::web {
namespace {

// A bare, plausible address, or MailError.
std::string checked_address(std::string_view to) {
  std::string address = web::mail_address(to);
  if (address.empty() || to.find_first_of("\r\n") != std::string_view::npos) {
    throw MailError("invalid recipient address");
  }
  return address;
}

std::int64_t insert_body(db::Database& db, const Mail& mail, std::int64_t now) {
  web::check_header_safety(mail.subject, mail.headers);
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : mail.headers) headers.push_back({name, value});
  return db.insert(
      "INSERT INTO mail_bodies (subject, text_body, html_body, headers, created_at) VALUES (?, ?, ?, ?, ?)",
      {mail.subject, mail.text, mail.html, headers.dump(), now});
}

db::Value ref_value(const Mail& mail) { return mail.ref_id ? db::Value(*mail.ref_id) : db::Value(db::Null{}); }

std::map<std::string, std::int64_t> counts_of(std::vector<db::Row> rows) {
  std::map<std::string, std::int64_t> counts{{"queued", 0}, {"sending", 0}, {"sent", 0}, {"failed", 0}};
  for (const auto& row : rows) counts[row.text(0)] = row.integer(1);
  return counts;
}

}  // namespace

std::int64_t enqueue(db::Database& db, const Mail& mail) {
  std::string address = checked_address(mail.to);
  const auto now = web::unix_now();
  auto body_id = insert_body(db, mail, now);
  return db.insert(
      "INSERT INTO mail_outbox (recipient, body_id, message_id, category, ref_id, next_attempt_at, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {address, body_id, web::random_token(12), mail.category, ref_value(mail), std::max(now, mail.not_before), now});
}

void enqueue_to_many(db::Database& db, const Mail& mail, std::span<const Recipient> recipients) {
  std::vector<std::string> addresses;
  addresses.reserve(recipients.size());
  for (const auto& r : recipients) addresses.push_back(checked_address(r.to));
  if (recipients.empty()) return;
  const auto now = web::unix_now();
  auto body_id = insert_body(db, mail, now);
  // One random part per call; the row number keeps each Message-ID unique.
  const std::string id_stem = web::random_token(12) + ".";
  auto bulk = db.bulk_insert("mail_outbox", {"recipient", "body_id", "data", "message_id", "category", "ref_id",
                                             "state", "attempts", "next_attempt_at", "last_error", "created_at"});
  const db::Value ref = ref_value(mail);
  const std::int64_t due = std::max(now, mail.not_before);
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    std::string data = "{}";
    if (!recipients[i].values.empty()) data = nlohmann::json(recipients[i].values).dump();
    bulk->add({addresses[i], body_id, std::move(data), id_stem + std::to_string(i), mail.category, ref,
               std::string("queued"), std::int64_t{0}, due, std::string(), now});
  }
  bulk->finish();
}

std::vector<OutboxEntry> list_outbox(db::Database& db, std::string_view state, int limit, int offset) {
  std::string sql =
      "SELECT o.id, o.recipient, b.subject, o.category, o.state, o.attempts, o.next_attempt_at, o.last_error, "
      "o.created_at, o.sent_at FROM mail_outbox o JOIN mail_bodies b ON b.id = o.body_id";
  std::vector<db::Value> params;
  if (!state.empty()) {
    sql += " WHERE o.state = ?";
    params.emplace_back(std::string(state));
  }
  sql += " ORDER BY o.id DESC LIMIT ? OFFSET ?";
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  std::vector<OutboxEntry> out;
  for (const auto& row : db.query(sql, params)) {
    out.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), static_cast<int>(row.integer(5)),
                   row.integer(6), row.text(7), row.integer(8), row.opt_integer(9)});
  }
  return out;
}

std::map<std::string, std::int64_t> outbox_counts(db::Database& db) {
  return counts_of(db.query("SELECT state, COUNT(*) FROM mail_outbox GROUP BY state"));
}

std::map<std::string, std::int64_t> outbox_counts(db::Database& db, std::string_view category, std::int64_t ref_id) {
  return counts_of(db.query("SELECT state, COUNT(*) FROM mail_outbox WHERE category = ? AND ref_id = ? GROUP BY state",
                            {std::string(category), ref_id}));
}

bool retry_mail(db::Database& db, std::int64_t id, std::int64_t now) {
  return db.execute(
             "UPDATE mail_outbox SET state = 'queued', attempts = 0, next_attempt_at = ? "
             "WHERE id = ? AND state = 'failed'",
             {now, id}) == 1;
}

std::string fill_placeholders(std::string_view text, const std::map<std::string, std::string>& values,
                              bool escape_html) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    auto it = values.find(std::string(text.substr(open + 2, close - open - 2)));
    if (it == values.end()) {
      out.append(text.substr(open, close + 2 - open));
    } else if (escape_html) {
      text::append_escaped_html(out, it->second);
    } else {
      out.append(it->second);
    }
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace rf::web
