-- Newsletter issues: written by editors in Markdown with picked news and
-- publications, sent to every confirmed subscriber through the mail outbox
-- (one mail body, one outbox row per subscriber), then shown in the public
-- archive at /newsletter/archiv/{id}.
CREATE TABLE newsletter_issues (
  id @ID@,
  subject TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',          -- Markdown
  picked_items TEXT NOT NULL DEFAULT '',  -- content item ids (news, publications), comma-separated, in order
  status TEXT NOT NULL DEFAULT 'draft',   -- draft | scheduled | sent
  send_at BIGINT,                         -- scheduled: when it goes out; sent: when it was queued
  recipients BIGINT NOT NULL DEFAULT 0,   -- confirmed subscribers when it was queued
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX newsletter_issues_status ON newsletter_issues(status, send_at);

-- When someone unsubscribed (the address itself is deleted), for "abgemeldet
-- seit" per issue.
CREATE TABLE newsletter_unsubscribes (
  id @ID@,
  at BIGINT NOT NULL
);
CREATE INDEX newsletter_unsubscribes_at ON newsletter_unsubscribes(at);
