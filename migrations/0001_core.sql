-- Core tables of the platform: accounts, sessions, login throttling, audit log,
-- and a cache version counter that lets several instances invalidate caches.
-- Times are Unix seconds (BIGINT) so both databases store them the same way.

CREATE TABLE users (
  id @ID@,
  email TEXT NOT NULL UNIQUE,           -- stored lower-case
  name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,          -- libsodium argon2id string
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);

-- A user may hold several roles (e.g. editor and data_steward).
CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- Only a hash of the session token is stored: a leaked table does not log anyone in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins per key ("account:<email>" or "ip:<address>") for rate limiting.
CREATE TABLE login_failures (
  id @ID@,
  throttle_key TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(throttle_key, at);

CREATE TABLE audit_log (
  id @ID@,
  at BIGINT NOT NULL,
  user_id BIGINT,
  action TEXT NOT NULL,                 -- e.g. "user.login", "news.publish"
  object_type TEXT NOT NULL DEFAULT '',
  object_id TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',     -- JSON
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

-- Bumped on every content or data change; instances compare it to drop stale caches.
CREATE TABLE cache_versions (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO cache_versions (name, version) VALUES ('content', 1);
INSERT INTO cache_versions (name, version) VALUES ('statistics', 1);
