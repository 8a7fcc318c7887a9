// The mail outbox: how every module sends mail. A module only enqueues: the
// mail becomes rows in the outbox, written with the caller's connection inside
// the caller's transaction, so a change and the mail it causes are stored
// together or not at all. The sender thread of every `serve` instance
// delivers them later (web/mail_sender.hpp), so a slow or failing mail server
// never slows or fails a page.
//
//   db::Transaction tx(db);
//   … store the change …
//   web::enqueue(db, {.to = address, .subject = "…", .text = "…", .category = "survey.invitation"});
//   tx.commit();
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "web/mail.hpp"

namespace rf::web {

// enqueue() throws MailError (web/mail.hpp) for a mail that cannot be sent as
// asked: invalid recipient, a line break in the subject or a header (header
// injection). Callers check user input before enqueueing.

struct Mail {
  std::string to;                      // "a@b" or "Name <a@b>"; stored as the bare address
  std::string subject;                 // UTF-8, one line
  std::string text;                    // the text/plain part (always sent)
  std::string html;                    // the text/html part; "" sends a text-only mail
  MailHeaders headers;                 // added as given, e.g. List-Unsubscribe
  std::string category;                // what caused it, e.g. "newsletter.issue" (lists, counts)
  std::optional<std::int64_t> ref_id;  // what it is about, e.g. the id
  std::int64_t not_before = 0;         // Unix time before which it is not sent (0: now)
};

// Stores one mail in the outbox; returns its id. Throws MailError (see above).
std::int64_t enqueue(db::Database& db, const Mail& mail);

// One mail to many recipients, its body stored once. The subject, both parts
// and the header values may hold {{key}} placeholders, filled per recipient
// from `values` (HTML-escaped in the HTML part); `mail.to` is not used.
// Invalid addresses throw MailError before anything is written.
struct Recipient {
  std::string to;
  std::map<std::string, std::string> values;
};
void enqueue_to_many(db::Database& db, const Mail& mail, std::span<const Recipient> recipients);

// ---- For the editors' page /redaktion/post and /metrics ----

struct OutboxEntry {
  std::int64_t id = 0;
  std::string recipient;
  std::string subject;  // as stored (placeholders not filled)
  std::string category;
  std::string state;  // queued | sending | sent | failed
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
};
// Newest first; `state` "" for all.
std::vector<OutboxEntry> list_outbox(db::Database& db, std::string_view state, int limit, int offset);
// Number of rows per state ("queued", "sending", "sent", "failed"; absent states are 0).
std::map<std::string, std::int64_t> outbox_counts(db::Database& db);
// The same for the mails of one category and ref_id (e.g. one newsletter issue).
std::map<std::string, std::int64_t> outbox_counts(db::Database& db, std::string_view category, std::int64_t ref_id);
// Puts a failed mail back in the queue, due now, with a fresh attempt count.
// False when it is not (or no longer) failed.
bool retry_mail(db::Database& db, std::int64_t id, std::int64_t now);

// Replaces {{key}} in `text` by values[key] (unknown keys are left as they are).
std::string fill_placeholders(std::string_view text, const std::map<std::string, std::string>& values,
                              bool escape_html);

}  // namespace rf::web
