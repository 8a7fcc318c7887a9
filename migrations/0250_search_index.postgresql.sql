-- The full-text index of the portal search (portal/search.cpp) on PostgreSQL:
-- search() matches this very expression. Databases from before this migration
-- may already have it (it was created at start-up), hence IF NOT EXISTS; the
-- migrations' advisory lock keeps two starting instances from racing on it.
CREATE INDEX IF NOT EXISTS search_documents_fts ON search_documents
  USING GIN (to_tsvector('simple', title || ' ' || body));
