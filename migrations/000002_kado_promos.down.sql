-- Reverses 000002. Restoring the foreign key to users fails if eligibilities point at
-- users that are not in the users table (e.g. another tenant's audience).
ALTER TABLE promo_eligibilities
    ADD CONSTRAINT promo_eligibilities_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);

DROP INDEX IF EXISTS promo_eligibilities_code_key;
ALTER TABLE promo_eligibilities
    DROP COLUMN IF EXISTS promo_code,
    DROP COLUMN IF EXISTS tenant_id;

DROP INDEX IF EXISTS promos_code_key;
DROP INDEX IF EXISTS promos_occurrence_key;
ALTER TABLE promos
    ALTER COLUMN amount TYPE int,
    DROP COLUMN IF EXISTS created_at,
    DROP COLUMN IF EXISTS valid_until,
    DROP COLUMN IF EXISTS valid_from,
    DROP COLUMN IF EXISTS code_style,
    DROP COLUMN IF EXISTS cap,
    DROP COLUMN IF EXISTS percent,
    DROP COLUMN IF EXISTS currency,
    DROP COLUMN IF EXISTS discount_type,
    DROP COLUMN IF EXISTS occurrence_date,
    DROP COLUMN IF EXISTS rule_id,
    DROP COLUMN IF EXISTS tenant_id;
