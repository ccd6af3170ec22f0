-- The floor: the writes `kado evaluate` performs for one (tenant, rule, date), written by
-- hand as plain SQL, in one transaction, with nothing in between (no config, no code
-- generator, no claim-then-update of the run record, no retry loop).
--
--   psql -X -q -v ON_ERROR_STOP=1 -v tenant=sayakaya -v rule=birthday -v date=2026-03-15 \
--        -v code=BDAY-FLOOR00001 -f bench/issuance/floor.sql "$DATABASE_URL"
--
-- Same rows as kado: one kado_runs record, one promos row with a shared code, one
-- promo_eligibilities row per verified user born on that month/day, one notifications row
-- per user and channel (email where the email is not null/blank, whatsapp where the phone
-- is not null/blank). Same audience predicate as kado, so the same partial index
-- (users_birthday_md_idx on kado_month_day(birthday) WHERE verified_status IS TRUE).
-- The audience is read twice (once per INSERT ... SELECT): two index scans of ~0.25% of
-- the table are cheaper than materialising it.
\set ON_ERROR_STOP 1
BEGIN;

INSERT INTO promos (tenant_id, rule_id, occurrence_date, promo_code, name, amount, start_date, end_date,
                    discount_type, currency, percent, cap, code_style, valid_from, valid_until)
VALUES (:'tenant', :'rule', :'date'::date, :'code', 'Birthday Special Promo', 10000, :'date'::date, :'date'::date,
        'fixed', 'IDR', NULL, NULL, 'shared',
        (:'date'::date)::timestamp AT TIME ZONE 'Asia/Jakarta',
        (:'date'::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')
RETURNING id AS promo_id \gset

INSERT INTO promo_eligibilities (promo_id, user_id, tenant_id, promo_code)
SELECT :promo_id, u.id, :'tenant', NULL
  FROM users u
 WHERE u.verified_status IS TRUE
   AND kado_month_day(u.birthday) = ANY (ARRAY[kado_month_day(:'date'::date)]);
\set audience :ROW_COUNT

INSERT INTO notifications (tenant_id, promo_id, user_id, channel, template, recipient, user_name, locale, promo_code)
SELECT :'tenant', :promo_id, a.id, ch.channel, 'birthday', ch.recipient, a.name, NULL, NULL
  FROM (SELECT u.id, u.name::text AS name,
               NULLIF(btrim(u.email::text), '') AS email, NULLIF(btrim(u.phone_number::text), '') AS phone
          FROM users u
         WHERE u.verified_status IS TRUE
           AND kado_month_day(u.birthday) = ANY (ARRAY[kado_month_day(:'date'::date)])) a
 CROSS JOIN LATERAL (VALUES ('email', a.email), ('whatsapp', a.phone)) AS ch(channel, recipient)
 WHERE ch.recipient IS NOT NULL;
\set notifications :ROW_COUNT

INSERT INTO kado_runs (tenant_id, rule_id, occurrence_date, status, promo_id, audience, notifications, finished_at)
VALUES (:'tenant', :'rule', :'date'::date, 'done', :promo_id, :audience, :notifications, clock_timestamp());

COMMIT;
