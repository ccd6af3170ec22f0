-- The HTTP API (`kado serve`): redemptions of issued codes, and suppressions (one-click
-- unsubscribe, or added by hand) that the evaluator and the dispatcher honour.

-- Every redemption and release of a code, successful or not: who, when, the order amount,
-- the result. promo_eligibilities.claimed_at stays the claim itself (the seed's column), so
-- a backend written against the seed still sees it.
CREATE TABLE kado_redemptions (
    id bigserial PRIMARY KEY,
    tenant_id text NOT NULL,
    promo_id int REFERENCES promos (id) ON DELETE CASCADE,
    user_id bigint NOT NULL,
    code text NOT NULL,
    action text NOT NULL CONSTRAINT kado_redemptions_action_check CHECK (action IN ('redeem', 'release')),
    result text NOT NULL CONSTRAINT kado_redemptions_result_check CHECK (result IN (
        'claimed', 'released', 'unknown_code', 'not_eligible', 'not_valid_now', 'already_claimed', 'not_claimed')),
    order_amount bigint,
    amount_off bigint,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX kado_redemptions_promo_idx ON kado_redemptions (tenant_id, promo_id, user_id);
CREATE INDEX kado_redemptions_time_idx ON kado_redemptions (tenant_id, created_at);

-- Redemptions look codes up by (tenant, code): shared codes in promos (promos_code_key),
-- per-user codes in promo_eligibilities (promo_eligibilities_code_key).

-- Who gets no more messages on a channel: one row per (tenant, channel, user).
CREATE TABLE kado_suppressions (
    tenant_id text NOT NULL,
    channel text NOT NULL,
    user_id bigint NOT NULL,
    source text NOT NULL CONSTRAINT kado_suppressions_source_check CHECK (source IN ('unsubscribe', 'manual')),
    detail text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, channel, user_id)
);

-- The outbox: a row whose recipient is suppressed when it would be sent is marked
-- 'suppressed' instead.
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'expired', 'cancelled', 'suppressed'));
