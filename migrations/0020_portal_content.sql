-- Portal content: every editable kind of item (pages, news, publications, job
-- postings, themes, team members, partners, bodies) shares one table, so that
-- drafts, publishing, scheduling, revisions and search work the same way for
-- all of them. Kind-specific fields without a column of their own live in
-- `extra` (a JSON object of strings).
CREATE TABLE content_items (
  id @ID@,
  kind TEXT NOT NULL,                  -- page, news, publication, job, theme, team, partner, body
  slug TEXT NOT NULL,                  -- URL segment, unique per kind
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',    -- teaser, meta description
  body TEXT NOT NULL DEFAULT '',       -- Markdown
  category TEXT NOT NULL DEFAULT '',   -- publication type, partner group, body level, …
  theme_id BIGINT,                     -- a theme item (news, publications)
  item_date BIGINT,                    -- news date, publication date, application deadline
  sort_order INTEGER NOT NULL DEFAULT 0,
  image TEXT NOT NULL DEFAULT '',      -- SHA-256 of an upload (cover, photo, logo)
  file TEXT NOT NULL DEFAULT '',       -- SHA-256 of an uploaded PDF
  extra TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'draft',  -- draft | published
  publish_at BIGINT,                   -- visible from then on when published
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_by BIGINT,
  UNIQUE (kind, slug)
);
CREATE INDEX content_items_listing ON content_items(kind, status, publish_at);
CREATE INDEX content_items_theme ON content_items(theme_id);

-- One snapshot (JSON) of an item after each change, for history and restore.
CREATE TABLE content_revisions (
  id @ID@,
  item_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  user_id BIGINT,
  action TEXT NOT NULL,                -- create, update, publish, unpublish, restore
  snapshot TEXT NOT NULL
);
CREATE INDEX content_revisions_item ON content_revisions(item_id, id);

-- Uploaded images and PDFs, stored under var_dir/uploads by content hash.
CREATE TABLE uploads (
  sha256 TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,            -- image/png, image/jpeg, image/webp, application/pdf
  size BIGINT NOT NULL,
  original_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT
);

-- Folded text (lower case, umlauts and accents removed) of each item for the
-- full-text search. SQLite adds an FTS5 table and PostgreSQL a GIN index over
-- it at start (portal/search.cpp), since their syntax differs.
CREATE TABLE search_documents (
  item_id BIGINT PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL
);

-- Newsletter with double opt-in: a subscription is pending until the link in
-- the confirmation mail is followed. Only a hash of that token is stored; the
-- unsubscribe token is kept as it is, since every mail must carry it.
CREATE TABLE newsletter_subscribers (
  id @ID@,
  email TEXT NOT NULL UNIQUE,          -- lower-case
  status TEXT NOT NULL DEFAULT 'pending',  -- pending | confirmed
  confirm_token_hash TEXT,
  confirm_sent_at BIGINT,
  unsubscribe_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  confirmed_at BIGINT
);
CREATE INDEX newsletter_subscribers_status ON newsletter_subscribers(status);
