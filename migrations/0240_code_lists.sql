-- Versions of the code lists (data/codelists.yaml) uploaded or extended by
-- data stewards; the newest one is in force, the shipped file when there is none.
CREATE TABLE code_lists (
  id @ID@,
  yaml TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  uploaded_by BIGINT,
  uploaded_at BIGINT NOT NULL
);
