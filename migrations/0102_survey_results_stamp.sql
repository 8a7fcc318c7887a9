-- Results of a survey are computed once per change and kept in memory
-- (src/survey/result_pages.cpp). Every submitted response sets a new random
-- stamp in the submit's transaction; a results request reads this one row
-- instead of counting the survey's responses, and recomputes only when the
-- stamp differs from the one its tables were computed at. Random rather
-- than a counter: two databases (tests, a restored backup) never share a
-- stamp for different responses.
ALTER TABLE surveys ADD COLUMN results_stamp TEXT NOT NULL DEFAULT '';
