-- Visits without tracking: page views per path and day (UTC), counted in the
-- memory of each `serve` instance and added here every minute. No cookie, no
-- IP address, no user agent is stored; only these sums.
CREATE TABLE page_views (
  day TEXT NOT NULL,                 -- YYYY-MM-DD (UTC)
  path TEXT NOT NULL,                -- without the query string
  views BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, path)
);
