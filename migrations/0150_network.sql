-- Network and governance (src/network/): partner organisations, people and
-- their consent, bodies with members, meetings and numbered decisions, and
-- measures that go from proposal through the Fachbeirat to a decision and on
-- to implementation. The workflow itself (states, transitions, roles) is the
-- file data/network/workflow.yaml, not a table. Times are Unix seconds; dates
-- that a person types (terms, due dates) are ISO text "2026-03-31".

CREATE TABLE net_organisations (
  id @ID@,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,                    -- foundation, land, regional_association, city, kreis, university, school, kita_provider, civil_society
  region_code TEXT NOT NULL DEFAULT '',  -- official code of the municipality or Kreis it belongs to
  website TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);

-- A contact person. `user_id` links a login; consent is what the person
-- agreed to and when. Deleting a person (GDPR) blanks the personal fields and
-- sets `deleted_at`: the row stays so that minutes and decisions keep a
-- stable reference, shown as "gelöschte Person".
CREATE TABLE net_people (
  id @ID@,
  name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  function_title TEXT NOT NULL DEFAULT '',
  organisation_id BIGINT REFERENCES net_organisations(id),
  user_id BIGINT,
  consent_text TEXT NOT NULL DEFAULT '',
  consent_at BIGINT,
  calendar_token TEXT NOT NULL DEFAULT '',  -- secret part of the person's .ics feed address
  created_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX net_people_user ON net_people(user_id);
CREATE INDEX net_people_organisation ON net_people(organisation_id);

CREATE TABLE net_bodies (
  id @ID@,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,             -- prefix of decision numbers: "SG" in "SG 2026/07"
  level TEXT NOT NULL,                   -- leitung, steuerung, arbeit, beirat
  description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE net_memberships (
  id @ID@,
  body_id BIGINT NOT NULL REFERENCES net_bodies(id),
  person_id BIGINT NOT NULL REFERENCES net_people(id),
  role TEXT NOT NULL DEFAULT 'member',   -- chair, deputy, member, guest
  term_start TEXT NOT NULL DEFAULT '',
  term_end TEXT NOT NULL DEFAULT ''
);
CREATE INDEX net_memberships_body ON net_memberships(body_id);
CREATE INDEX net_memberships_person ON net_memberships(person_id);

CREATE TABLE net_meetings (
  id @ID@,
  body_id BIGINT NOT NULL REFERENCES net_bodies(id),
  title TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  video_url TEXT NOT NULL DEFAULT '',
  is_public INTEGER NOT NULL DEFAULT 0,
  minutes TEXT NOT NULL DEFAULT '',      -- Markdown
  minutes_public INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX net_meetings_body ON net_meetings(body_id, starts_at);

CREATE TABLE net_agenda_items (
  id @ID@,
  meeting_id BIGINT NOT NULL REFERENCES net_meetings(id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  is_public INTEGER NOT NULL DEFAULT 1,
  measure_id BIGINT
);
CREATE INDEX net_agenda_items_meeting ON net_agenda_items(meeting_id, position);

-- Meeting documents: PDF, ODF or OOXML only, checked by content; the bytes
-- live under var_dir/network/ named by their SHA-256.
CREATE TABLE net_documents (
  id @ID@,
  meeting_id BIGINT NOT NULL REFERENCES net_meetings(id),
  title TEXT NOT NULL,
  filename TEXT NOT NULL,
  media_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  is_public INTEGER NOT NULL DEFAULT 0,
  uploaded_by BIGINT,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX net_documents_meeting ON net_documents(meeting_id);

-- Decisions numbered per body and year; `publish_at` keeps an answer private
-- until the body's meeting is over.
CREATE TABLE net_decisions (
  id @ID@,
  body_id BIGINT NOT NULL REFERENCES net_bodies(id),
  meeting_id BIGINT REFERENCES net_meetings(id),
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',      -- approved, approved_with_conditions, rejected, noted
  reasons TEXT NOT NULL DEFAULT '',
  measure_id BIGINT,
  is_public INTEGER NOT NULL DEFAULT 1,
  publish_at BIGINT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (body_id, year, number)
);
CREATE INDEX net_decisions_measure ON net_decisions(measure_id);

-- A measure: its proposal, where it stands in the workflow (`state`,
-- `version` for optimistic concurrency) and its progress.
CREATE TABLE net_measures (
  id @ID@,
  title TEXT NOT NULL,
  aims TEXT NOT NULL DEFAULT '',
  target_group TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT '',        -- education stage slug of the monitor ("fruehe-bildung")
  theme TEXT NOT NULL DEFAULT '',
  budget_eur @DOUBLE@ NOT NULL DEFAULT 0,
  duration_months INTEGER NOT NULL DEFAULT 0,
  organisation_id BIGINT NOT NULL REFERENCES net_organisations(id),  -- lead partner
  proposed_by BIGINT,                    -- user
  state TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  state_since BIGINT NOT NULL,
  due_at BIGINT,                         -- deadline of the current step
  reminded_at BIGINT,
  remarks TEXT NOT NULL DEFAULT '',      -- the office's remarks when returned
  joint_recommendation TEXT NOT NULL DEFAULT '',  -- approve, conditions, reject
  joint_reasons TEXT NOT NULL DEFAULT '',
  progress_percent @DOUBLE@ NOT NULL DEFAULT 0,
  progress_status TEXT NOT NULL DEFAULT '',  -- on_track, delayed, at_risk, done
  evaluation TEXT NOT NULL DEFAULT '',
  public_summary TEXT NOT NULL DEFAULT '',   -- the good-practice page, when released
  released INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX net_measures_state ON net_measures(state);
CREATE INDEX net_measures_organisation ON net_measures(organisation_id);

CREATE TABLE net_measure_municipalities (
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  region_code TEXT NOT NULL,
  PRIMARY KEY (measure_id, region_code)
);
CREATE INDEX net_measure_municipalities_region ON net_measure_municipalities(region_code);

CREATE TABLE net_measure_goals (
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  goal_id BIGINT NOT NULL,               -- monitor_goals.id
  PRIMARY KEY (measure_id, goal_id)
);
CREATE INDEX net_measure_goals_goal ON net_measure_goals(goal_id);

CREATE TABLE net_measure_indicators (
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  indicator TEXT NOT NULL,
  PRIMARY KEY (measure_id, indicator)
);

-- Partners involved besides the lead (the network map; conflicts of interest).
CREATE TABLE net_measure_partners (
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  organisation_id BIGINT NOT NULL REFERENCES net_organisations(id),
  PRIMARY KEY (measure_id, organisation_id)
);

-- The measure's own results-based measures: how much did we do (how_much),
-- how well (how_well), is anyone better off (better_off).
CREATE TABLE net_results_measures (
  id @ID@,
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  target @DOUBLE@
);
CREATE INDEX net_results_measures_measure ON net_results_measures(measure_id);

-- A Fachbeirat member's recommendation; one per member and measure.
CREATE TABLE net_recommendations (
  id @ID@,
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  person_id BIGINT NOT NULL REFERENCES net_people(id),
  verdict TEXT NOT NULL,                 -- approve, conditions, reject
  reasons TEXT NOT NULL DEFAULT '',
  conditions TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (measure_id, person_id)
);

CREATE TABLE net_milestones (
  id @ID@,
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  code TEXT NOT NULL,                    -- stable key for the CSV bulk update, e.g. "M1"
  title TEXT NOT NULL,
  due_date TEXT NOT NULL DEFAULT '',
  weight @DOUBLE@ NOT NULL DEFAULT 1,
  percent @DOUBLE@ NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open',   -- open, on_track, delayed, done
  UNIQUE (measure_id, code)
);

CREATE TABLE net_reports (
  id @ID@,
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  period TEXT NOT NULL,                  -- "2026-H1", "2026"
  text TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX net_reports_measure ON net_reports(measure_id);

CREATE TABLE net_report_values (
  report_id BIGINT NOT NULL REFERENCES net_reports(id),
  results_measure_id BIGINT NOT NULL REFERENCES net_results_measures(id),
  value @DOUBLE@ NOT NULL,
  PRIMARY KEY (report_id, results_measure_id)
);

CREATE TABLE net_followers (
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  user_id BIGINT NOT NULL,
  PRIMARY KEY (measure_id, user_id)
);

-- Every transition of a measure (the audit log has them too, with the IP).
CREATE TABLE net_transitions (
  id @ID@,
  measure_id BIGINT NOT NULL REFERENCES net_measures(id),
  transition TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  user_id BIGINT,
  note TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX net_transitions_measure ON net_transitions(measure_id, id);

INSERT INTO cache_versions (name, version) VALUES ('network', 1);
