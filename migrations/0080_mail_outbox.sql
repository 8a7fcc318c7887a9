-- The mail outbox: modules never talk to the mail server themselves; they
-- write a row here in the same transaction as the change that causes the
-- mail (a subscription is stored with its confirmation mail or not at all).
-- A sender thread in every `serve` instance claims due rows and delivers them
-- (web/mail_sender.hpp).

-- What a mail says, stored once however many recipients it has: a newsletter
-- issue to 5,400 subscribers is one body and 5,400 small outbox rows. The
-- texts and header values may hold {{key}} placeholders that are filled from
-- each outbox row's `data` (personal links such as the unsubscribe link).
CREATE TABLE mail_bodies (
  id @ID@,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,               -- the text/plain part
  html_body TEXT NOT NULL DEFAULT '',    -- the text/html part ('' for text-only mails)
  headers TEXT NOT NULL DEFAULT '[]',    -- JSON [[name, value], …] added as given
  created_at BIGINT NOT NULL
);

CREATE TABLE mail_outbox (
  id @ID@,
  recipient TEXT NOT NULL,               -- a bare address
  body_id BIGINT NOT NULL REFERENCES mail_bodies(id),
  data TEXT NOT NULL DEFAULT '{}',       -- JSON object of strings for the body's placeholders
  message_id TEXT NOT NULL,              -- local part of the Message-ID (the sender adds @domain), the same on every attempt
  category TEXT NOT NULL DEFAULT '',     -- what caused it: newsletter.confirmation, newsletter.issue, …
  ref_id BIGINT,                         -- what it is about, e.g. the newsletter issue
  state TEXT NOT NULL DEFAULT 'queued',  -- queued | sending | sent | failed
  attempts INTEGER NOT NULL DEFAULT 0,   -- counted when a sender claims the row, before sending
  next_attempt_at BIGINT NOT NULL,       -- queued: due from then on; sending: the claim expires then
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
-- Only rows a sender may still claim, so the index stays small as sent mail piles up.
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX mail_outbox_state ON mail_outbox(state, id);
CREATE INDEX mail_outbox_reference ON mail_outbox(category, ref_id);
CREATE INDEX mail_outbox_sent ON mail_outbox(sent_at);
CREATE INDEX mail_outbox_recipient ON mail_outbox(recipient);
