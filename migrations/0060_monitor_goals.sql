-- Monitor (second part): goals of the common agenda and uploaded versions of
-- the indicator catalogue. Times are Unix seconds.

-- A goal: indicator + region (+ breakdown group) + baseline + target value and
-- year. Its status (on track / off track / reached) is computed from the
-- statistics, never stored.
CREATE TABLE monitor_goals (
  id @ID@,
  indicator TEXT NOT NULL,
  region TEXT NOT NULL,              -- region code or aggregate slug ("ruhr")
  breakdown TEXT NOT NULL DEFAULT '',  -- "" or "sex=female"
  baseline_period TEXT NOT NULL,     -- period key, e.g. "2015"
  target_value @DOUBLE@ NOT NULL,
  target_year INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',    -- German wording of the goal
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX monitor_goals_indicator ON monitor_goals(indicator);

-- Catalogue versions uploaded by data stewards; the newest one is in force,
-- data/indicators.yaml applies while there is none.
CREATE TABLE indicator_catalogues (
  id @ID@,
  yaml TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  uploaded_by BIGINT,
  uploaded_at BIGINT NOT NULL
);
