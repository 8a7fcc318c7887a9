-- Regions with validity and successor (data/regions/region_changes.csv): a
-- Kreis retired by a reform keeps its code as a historic region (valid_to and
-- the successor's code), a newly formed one has valid_from. ISO dates; '' for
-- open ends.
ALTER TABLE regions ADD COLUMN valid_from TEXT NOT NULL DEFAULT '';
ALTER TABLE regions ADD COLUMN valid_to TEXT NOT NULL DEFAULT '';
ALTER TABLE regions ADD COLUMN successor TEXT NOT NULL DEFAULT '';
