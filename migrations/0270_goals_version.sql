-- Goal changes get a cache counter of their own: goals are not part of the
-- statistics cube, so saving one must not make every instance rebuild it.
INSERT INTO cache_versions (name, version) VALUES ('goals', 1);
