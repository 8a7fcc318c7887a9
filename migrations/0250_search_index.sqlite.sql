-- The full-text index of the portal search (portal/search.cpp) on SQLite: an
-- FTS5 table beside search_documents, kept in step by index_document() and
-- remove_document(). Databases from before this migration may already hold
-- the table (it was created at start-up): it is filled again from
-- search_documents, which is the record.
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, tokenize = 'unicode61');
DELETE FROM search_fts;
INSERT INTO search_fts (rowid, title, body) SELECT item_id, title, body FROM search_documents;
