-- Official statistics (monitor module): the region register, datasets with
-- their series, imports with provenance, observations with history, and
-- institutions (schools) below municipalities. Times are Unix seconds.
--
-- Breakdowns. A dataset (a source table such as 21111-02-06-4) has
-- dimensions (dataset_dimensions: "h1".."h4" for GENESIS header levels, "r1"
-- for row labels, variable codes such as "GES" for flat files). A *series* is
-- one combination of breakdown values — e.g. "ohne Hauptschulabschluss ·
-- weiblich" — identified within its dataset by a key text; its values are
-- plain rows of series_breakdown (dimension, value, value_code) that queries
-- filter on. An observation then only needs (series, region, period): the
-- largest table stays narrow (two integers, a short period text, a double and
-- a marker), and any number of dimensions fits without schema changes.

CREATE TABLE regions (
  id @ID@,
  code TEXT NOT NULL UNIQUE,         -- DG, 05, 051, 05513, 05513000, JH…, or a slug for aggregates
  name TEXT NOT NULL,
  level TEXT NOT NULL,               -- country, state, district, county, municipality, youth_office, aggregate
  parent_code TEXT,                  -- NULL for Germany
  kind TEXT NOT NULL DEFAULT '',     -- e.g. "Kreisfreie Stadt" (GV100AD text key)
  population BIGINT,
  population_date TEXT,              -- ISO date the population refers to
  area_km2 @DOUBLE@,
  provisional INTEGER NOT NULL DEFAULT 0,  -- 1: taken from a statistics file, not the register
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX regions_parent ON regions(parent_code);

-- Other names for regions ("nrw" → "05").
CREATE TABLE region_aliases (
  alias TEXT PRIMARY KEY,
  code TEXT NOT NULL
);

-- Members of aggregate regions (Kreise and Gemeinden, both listed).
CREATE TABLE region_members (
  aggregate_code TEXT NOT NULL,
  member_code TEXT NOT NULL,
  PRIMARY KEY (aggregate_code, member_code)
);

CREATE TABLE datasets (
  id @ID@,
  code TEXT NOT NULL UNIQUE,         -- table code, e.g. 21111-02-06-4
  title TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL DEFAULT '',
  statistic TEXT NOT NULL DEFAULT '',
  publisher TEXT NOT NULL DEFAULT '',
  licence TEXT NOT NULL DEFAULT '',
  copyright TEXT NOT NULL DEFAULT '',
  stand TEXT NOT NULL DEFAULT '',    -- ISO date of the file's "Stand"
  footnotes TEXT NOT NULL DEFAULT '',
  title_lines TEXT NOT NULL DEFAULT '',
  current_import_id BIGINT,
  updated_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE dataset_dimensions (
  dataset_id BIGINT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  dimension TEXT NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, dimension)
);

CREATE TABLE series (
  id @ID@,
  dataset_id BIGINT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  series_key TEXT NOT NULL,          -- e.g. "h2=ohne Hauptschulabschluss|h3=weiblich"
  label TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (dataset_id, series_key)
);

CREATE TABLE series_breakdown (
  series_id BIGINT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  dimension TEXT NOT NULL,
  value TEXT NOT NULL,
  value_code TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (series_id, dimension)
);
CREATE INDEX series_breakdown_value ON series_breakdown(dimension, value);

-- One row per imported file with its provenance. A dry run rolls back, so
-- every row here is an import that happened.
CREATE TABLE imports (
  id @ID@,
  dataset_id BIGINT REFERENCES datasets(id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes BIGINT NOT NULL DEFAULT 0,
  format TEXT NOT NULL DEFAULT '',
  encoding TEXT NOT NULL DEFAULT '',
  table_code TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  publisher TEXT NOT NULL DEFAULT '',
  licence TEXT NOT NULL DEFAULT '',
  stand TEXT NOT NULL DEFAULT '',
  imported_at BIGINT NOT NULL,
  imported_by TEXT NOT NULL DEFAULT '',
  cells BIGINT NOT NULL DEFAULT 0,
  markers TEXT NOT NULL DEFAULT '',  -- JSON object marker → count, e.g. {"-": 1955, ".": 102}
  warnings TEXT NOT NULL DEFAULT ''  -- one per line
);
CREATE INDEX imports_dataset ON imports(dataset_id);

-- The current value of every cell. status: NULL for a plain value, else the
-- marker ("-", ".", "x", "...", "/", "()", "p", "r", "e"); a marker without a
-- number has value NULL, never 0.
CREATE TABLE observations (
  series_id BIGINT NOT NULL,
  region_id BIGINT NOT NULL,
  period TEXT NOT NULL,              -- "2023", "2023/24", "2024-12-31", "2023/24-WS"
  value @DOUBLE@,
  status TEXT,
  import_id BIGINT NOT NULL,
  PRIMARY KEY (series_id, region_id, period)
);

-- Values a re-import changed or removed, with the import that replaced them.
CREATE TABLE observation_history (
  id @ID@,
  series_id BIGINT NOT NULL,
  region_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  value @DOUBLE@,
  status TEXT,
  import_id BIGINT NOT NULL,         -- the import that had delivered the old value
  replaced_by BIGINT NOT NULL        -- the import that replaced (or dropped) it
);
CREATE INDEX observation_history_cell ON observation_history(series_id, region_id, period);
CREATE INDEX observation_history_replaced ON observation_history(replaced_by);

-- Indicator definitions shipped with a source (INKAR metadata); a code
-- defined twice keeps both texts as variants 1 and 2.
CREATE TABLE indicator_definitions (
  source TEXT NOT NULL,
  code TEXT NOT NULL,
  variant INTEGER NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  short_name TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  algorithm TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL DEFAULT '',
  import_id BIGINT,
  PRIMARY KEY (source, code, variant)
);

-- Publishers' table catalogues (code → title, time span) as dataset metadata.
CREATE TABLE dataset_catalogue (
  source TEXT NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  time_span TEXT NOT NULL DEFAULT '',
  import_id BIGINT,
  PRIMARY KEY (source, code)
);

-- Schools (and later other institutions) below their municipality. Lists
-- complement each other: a re-import overwrites what the new list says and
-- keeps the rest.
CREATE TABLE institutions (
  id @ID@,
  kind TEXT NOT NULL,                -- "school"
  code TEXT NOT NULL,                -- school number
  name TEXT NOT NULL DEFAULT '',
  region_code TEXT,                  -- municipality (AGS), or the Kreis when only that is known
  school_form TEXT NOT NULL DEFAULT '',
  school_form_code TEXT NOT NULL DEFAULT '',
  is_public INTEGER,                 -- 1 public, 0 private, NULL unknown
  pupils BIGINT,
  pupils_period TEXT NOT NULL DEFAULT '',
  sozialindex INTEGER,               -- stage 1..9
  sozialindex_none INTEGER NOT NULL DEFAULT 0,  -- listed as "without index"
  sozialindex_period TEXT NOT NULL DEFAULT '',
  x @DOUBLE@,
  y @DOUBLE@,
  crs TEXT NOT NULL DEFAULT '',      -- "EPSG:25832"
  street TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  import_id BIGINT,
  UNIQUE (kind, code)
);
CREATE INDEX institutions_region ON institutions(region_code);
