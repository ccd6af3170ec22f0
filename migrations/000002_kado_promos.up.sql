-- kado's columns on the seed's promo tables. Seed columns keep their names, so a backend
-- written against the seed keeps working.
ALTER TABLE promos
    ADD COLUMN tenant_id text NOT NULL DEFAULT '',
    ADD COLUMN rule_id text,
    ADD COLUMN occurrence_date date,
    ADD COLUMN discount_type text NOT NULL DEFAULT 'fixed'
        CONSTRAINT promos_discount_type_check CHECK (discount_type IN ('fixed', 'percent')),
    ADD COLUMN currency text,
    ADD COLUMN percent numeric(5, 2),
    ADD COLUMN cap bigint,
    ADD COLUMN code_style text NOT NULL DEFAULT 'shared'
        CONSTRAINT promos_code_style_check CHECK (code_style IN ('shared', 'per_user')),
    ADD COLUMN valid_from timestamptz,
    ADD COLUMN valid_until timestamptz,
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ALTER COLUMN amount TYPE bigint;

-- One promo per (tenant, rule, tenant-local date): evaluating twice cannot create two.
CREATE UNIQUE INDEX promos_occurrence_key ON promos (tenant_id, rule_id, occurrence_date)
    WHERE rule_id IS NOT NULL;
CREATE UNIQUE INDEX promos_code_key ON promos (tenant_id, promo_code)
    WHERE rule_id IS NOT NULL AND promo_code IS NOT NULL;

ALTER TABLE promo_eligibilities
    ADD COLUMN tenant_id text NOT NULL DEFAULT '',
    ADD COLUMN promo_code text;

-- Per-user codes are unique within a tenant.
CREATE UNIQUE INDEX promo_eligibilities_code_key ON promo_eligibilities (tenant_id, promo_code)
    WHERE promo_code IS NOT NULL;

-- Audience sources are configured per tenant and need not be the users table, so drop the
-- foreign key from promo_eligibilities.user_id to users, whatever it is named (the seed's is
-- promo_eligibilities_user_id_fkey).
DO $$
DECLARE
    fk record;
BEGIN
    FOR fk IN
        SELECT c.conname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f'
          AND c.conrelid = 'promo_eligibilities'::regclass
          AND c.confrelid = 'users'::regclass
          AND a.attname = 'user_id'
    LOOP
        EXECUTE format('ALTER TABLE promo_eligibilities DROP CONSTRAINT IF EXISTS %I', fk.conname);
    END LOOP;
END
$$;
