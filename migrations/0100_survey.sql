-- Surveys (module survey): questionnaires as XLSForm, frozen versions, waves,
-- invitations with single-use tokens, and responses in long form
-- (response, question, value) — no table per survey.
--
-- Anonymity: a response has a random id and keeps no reference to its
-- invitation once submitted (survey_invitations.draft_id is cleared at
-- submit); anonymous responses carry only the ISO week of submission, and on
-- SQLite the response tables keep no rowid, so neither ids nor physical
-- order follow the invitation list.

CREATE TABLE surveys (
  id @ID@,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'general',   -- 'tab': the TAB training-needs checklist
  anonymous INTEGER NOT NULL DEFAULT 1,   -- 0: identified (responses keep the e-mail)
  min_cell INTEGER NOT NULL DEFAULT 5,    -- k: smallest number of respondents a shown cell may have
  created_at BIGINT NOT NULL
);

-- A form version never changes once stored; a new form is a new version.
CREATE TABLE survey_versions (
  id @ID@,
  survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  form_version TEXT NOT NULL DEFAULT '',  -- settings.version of the XLSForm
  sheets TEXT NOT NULL,                   -- JSON {"survey": [[…]], "choices": …, "settings": …}
  created_at BIGINT NOT NULL,
  UNIQUE (survey_id, number)
);

CREATE TABLE survey_waves (
  id @ID@,
  survey_id BIGINT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  version_id BIGINT NOT NULL REFERENCES survey_versions(id),
  title TEXT NOT NULL,
  opens_on TEXT NOT NULL,                 -- ISO date (Europe/Berlin), first day
  closes_on TEXT NOT NULL,                -- ISO date, last day
  open_link_hash TEXT UNIQUE,             -- SHA-256 of the open link's token; NULL: invitations only
  institution_id BIGINT,                  -- a school's needs round (TAB)
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX survey_waves_survey ON survey_waves(survey_id);

-- One per invited person, or per person who started through the open link.
CREATE TABLE survey_invitations (
  id @ID@,
  wave_id BIGINT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,
  email TEXT NOT NULL DEFAULT '',
  staff_group TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,        -- SHA-256 of the token in the link
  draft_id TEXT,                          -- the response being filled in; NULL after submit
  answered_on TEXT,                       -- ISO date (identified) or ISO week (anonymous); NULL while open
  reminded_on TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX survey_invitations_wave ON survey_invitations(wave_id);

CREATE TABLE survey_responses (
  id TEXT PRIMARY KEY,                    -- random
  wave_id BIGINT NOT NULL,
  status TEXT NOT NULL,                   -- 'draft' | 'submitted'
  submitted_on TEXT,                      -- ISO week (anonymous) or date (identified)
  respondent TEXT NOT NULL DEFAULT '',    -- identified mode only: the invitation's e-mail
  staff_group TEXT NOT NULL DEFAULT '',   -- the group the person was invited as (TAB)
  page INTEGER NOT NULL DEFAULT 0         -- where a draft continues
) @WITHOUT_ROWID@;
CREATE INDEX survey_responses_wave ON survey_responses(wave_id, status);

CREATE TABLE survey_answers (
  response_id TEXT NOT NULL,
  question TEXT NOT NULL,
  instance INTEGER NOT NULL DEFAULT 0,    -- repeat instance, 0 outside repeats
  value TEXT NOT NULL,                    -- select_multiple: choice names separated by spaces
  PRIMARY KEY (response_id, question, instance)
) @WITHOUT_ROWID@;
