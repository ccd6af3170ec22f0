-- The demo tenant sayakaya's customers gain their own clock: an IANA zone per user
-- (Asia/Jakarta, Asia/Makassar, Asia/Jayapura), declared as audience.columns.timezone, so the
-- birthday message goes at 09:00 in each customer's zone. NULL: the tenant's (Asia/Jakarta).
-- IF NOT EXISTS: a backend that already has the column keeps it.
ALTER TABLE users ADD COLUMN IF NOT EXISTS timezone text;
