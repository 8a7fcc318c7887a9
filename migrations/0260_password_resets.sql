-- Password reset links: a single-use token mailed to the account's address,
-- valid for one hour (web/accounts.hpp). Only a SHA-256 of the token is
-- stored, as for sessions: a leaked table resets nobody's password.
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT                        -- set when the link was used (or another link of the user was)
);
CREATE INDEX password_resets_user ON password_resets(user_id);
