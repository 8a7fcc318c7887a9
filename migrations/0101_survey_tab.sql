-- The TAB training-needs workflow (module survey): which school a
-- coordinator (role school) works for, which Kreise a training institution
-- (role training_institution) serves, the schools' bundles of needs, and
-- the institutions' offers.

CREATE TABLE survey_user_schools (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  institution_id BIGINT NOT NULL,         -- the school in the monitor's register
  PRIMARY KEY (user_id, institution_id)
);

CREATE TABLE survey_user_kreise (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kreis_code TEXT NOT NULL,               -- 5-digit Kreis code
  PRIMARY KEY (user_id, kreis_code)
);

-- One bundle per needs round (wave). School attributes are copied at
-- submission so the demand tables stay as they were reported.
CREATE TABLE tab_bundles (
  id @ID@,
  wave_id BIGINT NOT NULL UNIQUE REFERENCES survey_waves(id) ON DELETE CASCADE,
  institution_id BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',   -- 'draft' | 'submitted'
  school_name TEXT NOT NULL DEFAULT '',
  kreis_code TEXT NOT NULL DEFAULT '',
  school_form TEXT NOT NULL DEFAULT '',
  sozialindex INTEGER,
  submitted_on TEXT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX tab_bundles_kreis ON tab_bundles(kreis_code, status);

CREATE TABLE tab_bundle_rows (
  bundle_id BIGINT NOT NULL REFERENCES tab_bundles(id) ON DELETE CASCADE,
  topic TEXT NOT NULL,                    -- choice name of the list `thema`
  staff_group TEXT NOT NULL,              -- choice name of the list `personalgruppe`
  priority TEXT NOT NULL,                 -- 'hoch' | 'mittel'
  format TEXT NOT NULL DEFAULT '',        -- choice name of the list `format`
  people INTEGER NOT NULL,
  person_days @DOUBLE@ NOT NULL,
  PRIMARY KEY (bundle_id, topic, staff_group)
);

CREATE TABLE tab_offers (
  id @ID@,
  created_by BIGINT NOT NULL,
  kreis_code TEXT NOT NULL,
  topic TEXT NOT NULL,
  staff_group TEXT NOT NULL DEFAULT '',   -- '' for every group
  title TEXT NOT NULL,
  format TEXT NOT NULL,
  dates TEXT NOT NULL,                    -- free text, e.g. "12.03. und 19.03.2026, 14–17 Uhr"
  places INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX tab_offers_kreis ON tab_offers(kreis_code);
