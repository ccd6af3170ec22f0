-- The floor for a whole-audience campaign: the writes `kado evaluate` performs for sayakaya's
-- harbolnas with the condition {attribute: email, is_set: true} (every verified user with an
-- email address, email only), written by hand in one transaction, with nothing in between.
--
--   psql -X -q -v ON_ERROR_STOP=1 -v date=2026-12-12 -f bench/issuance/campaign-floor.sql "$DATABASE_URL"
--
-- Same rows as kado: one kado_runs record, one promos row with a shared code (12%, at most
-- Rp50.000, that day only), one promo_eligibilities row and one email notifications row per
-- user, attributes NULL (the harbolnas template shows none). Same predicate, same indexes
-- (none serve it: the whole table is read). JIT off, as kado sets it.
--
-- Two INSERT ... SELECT, each reading the users table: at this share of the table (85%), two
-- sequential scans of a cached table cost less than holding the audience between the writes.
-- campaign-floor-cte.sql is the other way, one statement over a materialised audience.
\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL jit = off;

INSERT INTO promos (tenant_id, rule_id, occurrence_date, promo_code, name, amount, start_date, end_date,
                    discount_type, currency, percent, cap, code_style, valid_from, valid_until)
VALUES ('sayakaya', 'harbolnas', :'date'::date, 'HRBNS-FLOOR00001', 'Harbolnas 12.12', NULL, :'date'::date,
        :'date'::date, 'percent', 'IDR', 12, 50000, 'shared',
        (:'date'::date)::timestamp AT TIME ZONE 'Asia/Jakarta',
        (:'date'::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')
RETURNING id AS promo_id \gset

INSERT INTO promo_eligibilities (promo_id, user_id, tenant_id, promo_code)
SELECT :promo_id, u.id, 'sayakaya', NULL
  FROM users u
 WHERE u.verified_status IS TRUE AND NULLIF(btrim(u.email::text), '') IS NOT NULL;
\set audience :ROW_COUNT

INSERT INTO notifications (tenant_id, promo_id, user_id, channel, template, recipient, user_name, locale,
                           promo_code, attributes)
SELECT 'sayakaya', :promo_id, u.id, 'email', 'harbolnas', NULLIF(btrim(u.email::text), ''), u.name::text, NULL,
       NULL, NULL
  FROM users u
 WHERE u.verified_status IS TRUE AND NULLIF(btrim(u.email::text), '') IS NOT NULL;
\set notifications :ROW_COUNT

INSERT INTO kado_runs (tenant_id, rule_id, occurrence_date, status, promo_id, audience, notifications, finished_at)
VALUES ('sayakaya', 'harbolnas', :'date'::date, 'done', :promo_id, :audience, :notifications, clock_timestamp());

COMMIT;
