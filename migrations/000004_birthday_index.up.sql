-- Month and day of a date as one integer (Feb 28 -> 228), so "whose birthday is today" is
-- one indexed equality or IN lookup instead of a scan.
CREATE OR REPLACE FUNCTION kado_month_day(d date) RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (EXTRACT(MONTH FROM d) * 100 + EXTRACT(DAY FROM d))::int $$;

CREATE INDEX IF NOT EXISTS users_birthday_md_idx ON users (kado_month_day(birthday)) INCLUDE (id)
    WHERE verified_status IS TRUE;

-- The demo tenant lunaria's audience: a backend table with its own column names.
CREATE TABLE IF NOT EXISTS members (
    member_id SERIAL PRIMARY KEY,
    full_name text,
    email_address text,
    mobile text,
    date_of_birth date,
    is_verified boolean,
    preferred_locale text
);

CREATE INDEX IF NOT EXISTS members_birthday_md_idx ON members (kado_month_day(date_of_birth))
    WHERE is_verified IS TRUE;
