-- The floor: the claim as a backend would hand-write it against the seed's table, one
-- conditional UPDATE per redemption (pgbench -M prepared; :pid and :n from -D).
\set uid random(1, :n)
UPDATE promo_eligibilities SET claimed_at = now()
 WHERE promo_id = :pid AND user_id = :uid AND claimed_at IS NULL;
