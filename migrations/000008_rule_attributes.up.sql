-- The rules engine: typed audience attributes, captured with the outbox; date attributes read
-- as the tenant-local date; the demo members table's attribute columns.

-- What a message shows of the user and of the trigger ({{user.tier}}, {{trigger.years}}), as it
-- was when the promo was issued: a JSON object from variable to value, NULL when the rule's
-- templates show none. Written by the issuing statement, read by the dispatcher and preview.
ALTER TABLE notifications ADD COLUMN attributes jsonb;

-- A date attribute as the tenant-local date: a date column as it is, a timestamptz column in the
-- tenant's zone, a timestamp column's date. PostgreSQL picks the overload by the column's type
-- (any other type is an error naming it); the functions are inlined, so an index on a date
-- column, or on the expression for a timestamptz one, serves conditions and triggers.
CREATE FUNCTION kado_local_date(d date, zone text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT d $$;
CREATE FUNCTION kado_local_date(t timestamptz, zone text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (t AT TIME ZONE zone)::date $$;
CREATE FUNCTION kado_local_date(t timestamp, zone text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT t::date $$;

-- The demo tenant lunaria's members gain a tier, when they joined and last ordered (instants:
-- read as Amsterdam dates) and loyalty points, for its shipped rules (birthday-gold,
-- anniversary, winback).
ALTER TABLE members
    ADD COLUMN IF NOT EXISTS tier text,
    ADD COLUMN IF NOT EXISTS member_since timestamptz,
    ADD COLUMN IF NOT EXISTS last_order_at timestamptz,
    ADD COLUMN IF NOT EXISTS loyalty_points int;

-- The indexes `kado doctor` asks for: the anniversary trigger's month and day of member_since,
-- the relative trigger's date of the last order (both in lunaria's zone).
CREATE INDEX IF NOT EXISTS members_member_since_md_idx
    ON members (kado_month_day(kado_local_date(member_since, 'Europe/Amsterdam')))
    WHERE is_verified IS TRUE;
CREATE INDEX IF NOT EXISTS members_last_order_idx
    ON members (kado_local_date(last_order_at, 'Europe/Amsterdam'))
    WHERE is_verified IS TRUE;
