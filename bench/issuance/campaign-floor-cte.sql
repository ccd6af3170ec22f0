-- campaign-floor.sql's rows in one statement: the audience read once and materialised, the
-- promo, eligibilities and notifications written from it (kado's shape, without its code
-- retry, row numbers and counts). See campaign-floor.sql.
\set ON_ERROR_STOP 1
BEGIN;
SET LOCAL jit = off;

WITH audience AS MATERIALIZED (
    SELECT u.id, u.name::text AS name, NULLIF(btrim(u.email::text), '') AS email
      FROM users u
     WHERE u.verified_status IS TRUE AND NULLIF(btrim(u.email::text), '') IS NOT NULL
),
promo AS (
    INSERT INTO promos (tenant_id, rule_id, occurrence_date, promo_code, name, amount, start_date, end_date,
                        discount_type, currency, percent, cap, code_style, valid_from, valid_until)
    SELECT 'sayakaya', 'harbolnas', :'date'::date, 'HRBNS-FLOOR00001', 'Harbolnas 12.12', NULL, :'date'::date,
           :'date'::date, 'percent', 'IDR', 12, 50000, 'shared',
           (:'date'::date)::timestamp AT TIME ZONE 'Asia/Jakarta',
           (:'date'::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta'
     WHERE EXISTS (SELECT 1 FROM audience)
    RETURNING id
),
elig AS (
    INSERT INTO promo_eligibilities (promo_id, user_id, tenant_id, promo_code)
    SELECT p.id, a.id, 'sayakaya', NULL FROM promo p CROSS JOIN audience a
),
notes AS (
    INSERT INTO notifications (tenant_id, promo_id, user_id, channel, template, recipient, user_name, locale,
                               promo_code, attributes)
    SELECT 'sayakaya', p.id, a.id, 'email', 'harbolnas', a.email, a.name, NULL, NULL, NULL
      FROM promo p CROSS JOIN audience a
)
INSERT INTO kado_runs (tenant_id, rule_id, occurrence_date, status, promo_id, audience, notifications, finished_at)
SELECT 'sayakaya', 'harbolnas', :'date'::date, 'done', p.id, n.n, n.n, clock_timestamp()
  FROM promo p, (SELECT count(*) AS n FROM audience) n;

COMMIT;
