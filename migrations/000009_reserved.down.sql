-- Placeholder: version 000009 belongs to the parallel Citus-ready keys work (its own
-- 000009 files replace this pair when both are merged). Versions must be consecutive, so
-- this branch carries an empty one to stand alone.
SELECT 1;
