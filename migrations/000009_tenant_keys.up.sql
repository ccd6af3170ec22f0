-- Citus-ready keys: every primary and unique key of kado's tables leads with tenant_id, and
-- the foreign keys between them match on it, so that the tables can be distributed by tenant
-- (README: "Sharding by tenant"). In place, on an existing database: the seed's columns stay
-- as they are and promos.id still numbers every promo from its sequence, so a backend
-- written against the seed (SELECT ... FROM promos WHERE id = $1) keeps working.
--
-- The new keys are built while the tables are locked (a table of 10M notifications takes
-- some seconds); kado's own tables only, never a tenant's audience table.

ALTER TABLE promo_eligibilities DROP CONSTRAINT IF EXISTS promo_eligibilities_promo_id_fkey;
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_promo_id_fkey;
ALTER TABLE kado_redemptions DROP CONSTRAINT IF EXISTS kado_redemptions_promo_id_fkey;

ALTER TABLE promos DROP CONSTRAINT promos_pkey;
ALTER TABLE promos ADD CONSTRAINT promos_pkey PRIMARY KEY (tenant_id, id);

ALTER TABLE promo_eligibilities DROP CONSTRAINT promo_eligibilities_pkey;
ALTER TABLE promo_eligibilities ADD CONSTRAINT promo_eligibilities_pkey PRIMARY KEY (tenant_id, promo_id, user_id);
ALTER TABLE promo_eligibilities ADD CONSTRAINT promo_eligibilities_promo_fkey
    FOREIGN KEY (tenant_id, promo_id) REFERENCES promos (tenant_id, id);

ALTER TABLE notifications DROP CONSTRAINT notifications_pkey;
ALTER TABLE notifications ADD CONSTRAINT notifications_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE notifications ADD CONSTRAINT notifications_promo_fkey
    FOREIGN KEY (tenant_id, promo_id) REFERENCES promos (tenant_id, id) ON DELETE CASCADE;

ALTER TABLE kado_redemptions DROP CONSTRAINT kado_redemptions_pkey;
ALTER TABLE kado_redemptions ADD CONSTRAINT kado_redemptions_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE kado_redemptions ADD CONSTRAINT kado_redemptions_promo_fkey
    FOREIGN KEY (tenant_id, promo_id) REFERENCES promos (tenant_id, id) ON DELETE CASCADE;

-- Lookups by id alone (an operator's `kado outbox` filters, the seed's backend) still find
-- their row through an index, now a plain one.
CREATE INDEX IF NOT EXISTS promos_id_idx ON promos (id);
CREATE INDEX IF NOT EXISTS notifications_id_idx ON notifications (id);
