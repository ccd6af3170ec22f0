-- Back to keys without tenant_id (000008's shape).
DROP INDEX IF EXISTS notifications_id_idx;
DROP INDEX IF EXISTS promos_id_idx;

ALTER TABLE kado_redemptions DROP CONSTRAINT kado_redemptions_promo_fkey;
ALTER TABLE kado_redemptions DROP CONSTRAINT kado_redemptions_pkey;
ALTER TABLE kado_redemptions ADD CONSTRAINT kado_redemptions_pkey PRIMARY KEY (id);

ALTER TABLE notifications DROP CONSTRAINT notifications_promo_fkey;
ALTER TABLE notifications DROP CONSTRAINT notifications_pkey;
ALTER TABLE notifications ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);

ALTER TABLE promo_eligibilities DROP CONSTRAINT promo_eligibilities_promo_fkey;
ALTER TABLE promo_eligibilities DROP CONSTRAINT promo_eligibilities_pkey;
ALTER TABLE promo_eligibilities ADD CONSTRAINT promo_eligibilities_pkey PRIMARY KEY (promo_id, user_id);

ALTER TABLE promos DROP CONSTRAINT promos_pkey;
ALTER TABLE promos ADD CONSTRAINT promos_pkey PRIMARY KEY (id);

ALTER TABLE promo_eligibilities ADD CONSTRAINT promo_eligibilities_promo_id_fkey
    FOREIGN KEY (promo_id) REFERENCES promos (id);
ALTER TABLE notifications ADD CONSTRAINT notifications_promo_id_fkey
    FOREIGN KEY (promo_id) REFERENCES promos (id) ON DELETE CASCADE;
ALTER TABLE kado_redemptions ADD CONSTRAINT kado_redemptions_promo_id_fkey
    FOREIGN KEY (promo_id) REFERENCES promos (id) ON DELETE CASCADE;
