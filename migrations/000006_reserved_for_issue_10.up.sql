-- Placeholder, on the `serve` branch only: version 6 belongs to issue 10 (the rules
-- engine), which is developed in parallel; migration versions must be consecutive, so
-- 000007 needs a 000006. Delete this file when merging with the branch that brings the
-- real 000006 (the migrator reports two files for version 6 until then).
SELECT 1;
