#include "portal/newsletter_issues.hpp"

#include "web/accounts.hpp"
#include "portal/content_store.hpp"
#include "portal/portal.hpp"
#include "portal/views.hpp"
#include "text/html.hpp"
#include "web/outbox.hpp"

namespace rf::portal {
namespace {

constexpr const char* kIssueCategory = "newsletter.issue";
constexpr const char* kColumns = "id, subject, body, picked_items, status, send_at, recipients, created_at, updated_at";

std::string join_ids(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<std::int64_t> split_ids(std::string_view text) {
  std::vector<std::int64_t> out;
  std::int64_t v = 0;
  bool any = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      any = true;
    } else if (c == ',') {
      if (any) out.push_back(v);
      v = 0;
      any = false;
    }
  }
  if (any) out.push_back(v);
  return out;
}

Issue issue_of(const db::Row& row) {
  return {row.integer(0),     row.text(1),    row.text(2),    split_ids(row.text(3)), row.text(4),
          row.opt_integer(5), row.integer(6), row.integer(7), row.integer(8)};
}

std::string trimmed_site(std::string_view site_url) {
  std::string base(site_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// Same-site links and image sources of rendered Markdown made absolute, as a
// mail is read away from the site.
std::string absolute_links(std::string html, const std::string& base) {
  for (const char* attr : {"href=\"/", "src=\"/"}) {
    std::string from = attr;
    std::string to = from.substr(0, from.size() - 1) + base + "/";
    for (std::size_t pos = html.find(from); pos != std::string::npos; pos = html.find(from, pos + to.size())) {
      html.replace(pos, from.size(), to);
    }
  }
  return html;
}

// The picked items that are (still) published, in the editor's order.
std::vector<Item> picked_items(db::Database& db, const Issue& issue) {
  ContentStore store(db);
  std::vector<Item> out;
  const auto now = web::unix_now();
  for (auto id : issue.picked) {
    if (auto item = store.get(id); item && item->visible(now)) out.push_back(std::move(*item));
  }
  return out;
}

}  // namespace

std::vector<Issue> list_issues(db::Database& db, bool sent_only) {
  std::vector<Issue> out;
  std::string sql = std::string("SELECT ") + kColumns + " FROM newsletter_issues" +
                    (sent_only ? " WHERE status = 'sent' ORDER BY send_at DESC, id DESC" : " ORDER BY id DESC");
  for (const auto& row : db.query(sql)) out.push_back(issue_of(row));
  return out;
}

std::optional<Issue> find_issue(db::Database& db, std::int64_t id) {
  auto row = db.query_one(std::string("SELECT ") + kColumns + " FROM newsletter_issues WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return issue_of(*row);
}

std::int64_t save_issue(db::Database& db, const Issue& issue, std::optional<std::int64_t> user_id) {
  const auto now = web::unix_now();
  const db::Value user = user_id ? db::Value(*user_id) : db::Value(db::Null{});
  if (issue.id == 0) {
    return db.insert(
        "INSERT INTO newsletter_issues (subject, body, picked_items, created_at, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {issue.subject, issue.body, join_ids(issue.picked), now, now, user});
  }
  auto changed = db.execute(
      "UPDATE newsletter_issues SET subject = ?, body = ?, picked_items = ?, updated_at = ?, "
      "updated_by = ? WHERE id = ? AND status <> 'sent'",
      {issue.subject, issue.body, join_ids(issue.picked), now, user, issue.id});
  return changed == 1 ? issue.id : 0;
}

IssueMail render_issue_mail(db::Database& db, const Issue& issue, std::string_view site_url) {
  const std::string base = trimmed_site(site_url);
  const std::string archive = base + "/newsletter/archiv/" + std::to_string(issue.id);
  const auto items = picked_items(db, issue);
  IssueMail mail;
  mail.subject = issue.subject;

  // Text part: Markdown reads well as it is; only site links become absolute.
  std::string body_text = issue.body;
  for (std::size_t pos = body_text.find("](/"); pos != std::string::npos; pos = body_text.find("](/", pos + 2)) {
    body_text.insert(pos + 2, base);
  }
  mail.text = issue.subject + "\n" + std::string(std::min<std::size_t>(issue.subject.size(), 72), '=') + "\n\n" +
              body_text + "\n";
  if (!items.empty()) {
    mail.text += "\nAus dem Portal\n--------------\n";
    for (const auto& item : items) {
      mail.text += "\n* " + item.title + "\n";
      if (!item.summary.empty()) mail.text += "  " + item.summary + "\n";
      mail.text += "  " + base + public_url(item) + "\n";
    }
  }
  mail.text += "\n-- \nIm Browser lesen: " + archive +
               "\nSie erhalten diesen Newsletter, weil Sie ihn bei RuhrFutur bestellt und bestätigt haben.\n"
               "Abmelden: {{unsubscribe_url}}\n";

  // HTML part: one column, inline styles (mail programs ignore style sheets), no images from elsewhere, no pixels.
  std::string& h = mail.html;
  h += "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>";
  text::append_escaped_html(h, issue.subject);
  h += "</title></head><body style=\"margin:0;padding:0;background:#f3f4f6\">"
       "<div style=\"max-width:640px;margin:0 auto;padding:16px 20px;background:#ffffff;color:#1d2530;"
       "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5\">"
       "<p style=\"font-size:14px;color:#4b5563\">RuhrFutur-Newsletter · <a href=\"";
  text::append_escaped_attribute(h, archive);
  h += "\" style=\"color:#0b5394\">Im Browser lesen</a></p><h1 style=\"font-size:24px;line-height:1.25\">";
  text::append_escaped_html(h, issue.subject);
  h += "</h1>";
  h += absolute_links(render_markdown(issue.body), base);
  if (!items.empty()) {
    h += "<h2 style=\"font-size:20px;margin-top:28px\">Aus dem Portal</h2>";
    for (const auto& item : items) {
      h += "<h3 style=\"font-size:17px;margin:16px 0 4px\"><a style=\"color:#0b5394\" href=\"";
      text::append_escaped_attribute(h, base + public_url(item));
      h += "\">";
      text::append_escaped_html(h, item.title);
      h += "</a></h3>";
      if (!item.summary.empty()) {
        h += "<p style=\"margin:0 0 8px\">";
        text::append_escaped_html(h, item.summary);
        h += "</p>";
      }
    }
  }
  h += "<hr style=\"border:0;border-top:1px solid #d1d5db;margin:28px 0 12px\">"
       "<p style=\"font-size:13px;color:#4b5563\">Sie erhalten diesen Newsletter, weil Sie ihn bei RuhrFutur bestellt "
       "und bestätigt haben. <a href=\"{{unsubscribe_url}}\" style=\"color:#0b5394\">Newsletter abbestellen</a></p>"
       "</div></body></html>";
  return mail;
}

std::string issue_archive_html(db::Database& db, const Issue& issue) {
  std::string h = render_markdown(issue.body);
  const auto items = picked_items(db, issue);
  if (!items.empty()) {
    h += "<h2>Aus dem Portal</h2><ul class=\"issue-items\">";
    for (const auto& item : items) {
      h += "<li><a href=\"";
      text::append_escaped_attribute(h, public_url(item));
      h += "\">";
      text::append_escaped_html(h, item.title);
      h += "</a>";
      if (!item.summary.empty()) {
        h += "<br>";
        text::append_escaped_html(h, item.summary);
      }
      h += "</li>";
    }
    h += "</ul>";
  }
  return h;
}

namespace {

web::Mail issue_outbox_mail(const IssueMail& m, const Issue& issue, const std::string& category) {
  web::Mail mail;
  mail.subject = m.subject;
  mail.text = m.text;
  mail.html = m.html;
  // RFC 2369 and RFC 8058: mail programs offer "unsubscribe" and may do it with one POST.
  mail.headers = {{"List-Unsubscribe", "<{{unsubscribe_url}}>"},
                  {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"},
                  {"List-Id", "RuhrFutur-Newsletter <newsletter.ruhrfutur>"},
                  {"Precedence", "bulk"}};
  mail.category = category;
  mail.ref_id = issue.id;
  return mail;
}

}  // namespace

void send_issue_test(db::Database& db, const Issue& issue, std::string_view to, std::string_view site_url) {
  auto m = render_issue_mail(db, issue, site_url);
  m.subject = "[Test] " + m.subject;
  std::vector<web::Recipient> one{{std::string(to), {{"unsubscribe_url", trimmed_site(site_url) + "/newsletter"}}}};
  db::Transaction tx(db);
  web::enqueue_to_many(db, issue_outbox_mail(m, issue, "newsletter.test"), one);
  tx.commit();
}

std::optional<std::int64_t> send_issue(db::Database& db, std::int64_t id, std::string_view site_url, std::int64_t now) {
  db::Transaction tx(db);
  // Claiming the issue first: of two editors (or instances) only one sends it.
  if (db.execute("UPDATE newsletter_issues SET status = 'sent', send_at = ? WHERE id = ? AND status <> 'sent'",
                 {now, id}) != 1) {
    return std::nullopt;
  }
  auto issue = find_issue(db, id);
  const std::string base = trimmed_site(site_url);
  std::vector<web::Recipient> recipients;
  for (const auto& row : db.query("SELECT email, unsubscribe_token FROM newsletter_subscribers "
                                  "WHERE status = 'confirmed' ORDER BY id")) {
    recipients.push_back({row.text(0), {{"unsubscribe_url", base + "/newsletter/abmelden?token=" + row.text(1)}}});
  }
  web::enqueue_to_many(db, issue_outbox_mail(render_issue_mail(db, *issue, site_url), *issue, kIssueCategory),
                       recipients);
  db.execute("UPDATE newsletter_issues SET recipients = ? WHERE id = ?",
             {static_cast<std::int64_t>(recipients.size()), id});
  web::audit(db, std::nullopt, "newsletter.issue.send", "newsletter_issue", std::to_string(id),
             "{\"recipients\":" + std::to_string(recipients.size()) + "}", "");
  tx.commit();
  return static_cast<std::int64_t>(recipients.size());
}

bool schedule_issue(db::Database& db, std::int64_t id, std::int64_t at) {
  return db.execute("UPDATE newsletter_issues SET status = 'scheduled', send_at = ? WHERE id = ? AND status <> 'sent'",
                    {at, id}) == 1;
}

bool unschedule_issue(db::Database& db, std::int64_t id) {
  return db.execute(
             "UPDATE newsletter_issues SET status = 'draft', send_at = NULL WHERE id = ? AND status = 'scheduled'",
             {id}) == 1;
}

int send_due_issues(db::Database& db, std::string_view site_url, std::int64_t now) {
  int sent = 0;
  for (const auto& row :
       db.query("SELECT id FROM newsletter_issues WHERE status = 'scheduled' AND send_at <= ?", {now})) {
    sent += send_issue(db, row.integer(0), site_url, now).has_value();
  }
  return sent;
}

IssueStats issue_stats(db::Database& db, const Issue& issue) {
  IssueStats stats;
  if (issue.status != "sent" || !issue.send_at) return stats;
  auto counts = web::outbox_counts(db, kIssueCategory, issue.id);
  stats.sent = counts["sent"];
  stats.failed = counts["failed"];
  stats.pending = counts["queued"] + counts["sending"];
  stats.unsubscribed_since =
      db.query_one("SELECT COUNT(*) FROM newsletter_unsubscribes WHERE at >= ?", {*issue.send_at})->integer(0);
  return stats;
}

}  // namespace rf::portal
