// Newsletter issues: an editor writes one in Markdown and picks news and
// publications; it goes to every confirmed subscriber through the mail outbox
// (web/outbox.hpp) as a multipart mail with a personal unsubscribe link and
// RFC 8058 one-click unsubscribe, without tracking of any kind; once sent it
// is public at /newsletter/archiv/{id}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace rf::portal {

struct Issue {
  std::int64_t id = 0;
  std::string subject;
  std::string body;                  // Markdown
  std::vector<std::int64_t> picked;  // content item ids (news, publications), in order
  std::string status = "draft";      // draft | scheduled | sent
  std::optional<std::int64_t> send_at;
  std::int64_t recipients = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

std::vector<Issue> list_issues(db::Database& db, bool sent_only);
std::optional<Issue> find_issue(db::Database& db, std::int64_t id);
// Creates a draft, or saves subject, body and picks of a draft or scheduled
// issue (a sent issue stays as it went out). Returns the id; 0 when it was sent.
std::int64_t save_issue(db::Database& db, const Issue& issue, std::optional<std::int64_t> user_id);

// The mail as every subscriber gets it, the unsubscribe link left as the
// placeholder {{unsubscribe_url}}. Links and images point to `site_url`.
struct IssueMail {
  std::string subject;
  std::string text;
  std::string html;
};
IssueMail render_issue_mail(db::Database& db, const Issue& issue, std::string_view site_url);
// The content part of the archive page (same-site links).
std::string issue_archive_html(db::Database& db, const Issue& issue);

// A copy to one address (an editor's own), marked as a test.
void send_issue_test(db::Database& db, const Issue& issue, std::string_view to, std::string_view site_url);
// Queues the issue for every confirmed subscriber in one transaction and marks
// it sent. Returns the number of recipients; nullopt when it was sent already.
std::optional<std::int64_t> send_issue(db::Database& db, std::int64_t id, std::string_view site_url, std::int64_t now);
// Marks a draft to go out at `at`; false when it was sent already.
bool schedule_issue(db::Database& db, std::int64_t id, std::int64_t at);
bool unschedule_issue(db::Database& db, std::int64_t id);
// send_due_issues() is in portal/portal.hpp (the app runs it).

struct IssueStats {
  std::int64_t sent = 0;
  std::int64_t failed = 0;
  std::int64_t pending = 0;  // queued or being sent
  std::int64_t unsubscribed_since = 0;
};
IssueStats issue_stats(db::Database& db, const Issue& issue);

}  // namespace rf::portal
