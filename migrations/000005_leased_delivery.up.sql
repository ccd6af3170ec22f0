-- Delivery operators can trust: leased claims, structured failures, dead letters,
-- expired promos, failed runs with retry, first-seen rules, shared rate limits.

-- The outbox: a claim is a short lease (status 'sending', claimed_by, next_attempt_at
-- is the lease expiry) instead of a transaction held open while a batch is sent.
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'expired', 'cancelled'));
ALTER TABLE notifications
    ADD COLUMN claimed_by text,
    ADD COLUMN claimed_at timestamptz,
    ADD COLUMN last_attempt_at timestamptz,
    ADD COLUMN last_error_code text;

-- Claimable rows: due pending or failed ones, and sending ones whose lease ran out.
DROP INDEX notifications_due_idx;
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at)
    WHERE status IN ('pending', 'failed', 'sending');
-- A dispatcher renewing or returning its own leases.
CREATE INDEX notifications_claimed_idx ON notifications (claimed_by) WHERE status = 'sending';

-- Runs: a failed evaluation is recorded with its reason and retried with backoff.
ALTER TABLE kado_runs DROP CONSTRAINT kado_runs_status_check;
ALTER TABLE kado_runs ADD CONSTRAINT kado_runs_status_check
    CHECK (status IN ('done', 'skipped', 'empty', 'failed'));
ALTER TABLE kado_runs
    ADD COLUMN attempts int NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at timestamptz;

-- When this database first saw each rule: catch-up never reaches before it.
CREATE TABLE kado_rules (
    tenant_id text NOT NULL,
    rule_id text NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, rule_id)
);
INSERT INTO kado_rules (tenant_id, rule_id, first_seen_at)
SELECT tenant_id, rule_id, min(started_at) FROM kado_runs GROUP BY tenant_id, rule_id;

-- Per tenant channel, shared by every dispatcher: a token bucket for the channel's
-- rate limit, and a pause (a provider's Retry-After, or rejected credentials).
CREATE TABLE kado_channels (
    tenant_id text NOT NULL,
    channel text NOT NULL,
    tokens double precision NOT NULL DEFAULT 0,
    refilled_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    paused_until timestamptz,
    paused_since timestamptz,
    pause_kind text CONSTRAINT kado_channels_pause_kind_check CHECK (pause_kind IN ('rate_limit', 'credentials')),
    pause_reason text,
    PRIMARY KEY (tenant_id, channel)
);

-- Takes up to p_want tokens from the channel's bucket (rate p_rate per second, at most
-- p_burst stored; no limit when p_rate is NULL). Returns how many were granted, how long
-- to wait when none were, and the pause in force, if any. One round trip, one row lock.
CREATE FUNCTION kado_take_tokens(p_tenant text, p_channel text, p_rate double precision,
                                 p_burst double precision, p_want int)
RETURNS TABLE (granted int, wait_seconds double precision, paused_until timestamptz, pause_reason text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    s kado_channels%ROWTYPE;
    t timestamptz := clock_timestamp();
    available double precision;
    g int;
BEGIN
    INSERT INTO kado_channels (tenant_id, channel, tokens, refilled_at)
    VALUES (p_tenant, p_channel, coalesce(p_burst, 0), t) ON CONFLICT DO NOTHING;
    SELECT * INTO s FROM kado_channels c WHERE c.tenant_id = p_tenant AND c.channel = p_channel FOR UPDATE;
    IF s.paused_until IS NOT NULL AND s.paused_until > t THEN
        RETURN QUERY SELECT 0, extract(epoch FROM s.paused_until - t)::double precision, s.paused_until, s.pause_reason;
        RETURN;
    END IF;
    IF p_rate IS NULL THEN
        RETURN QUERY SELECT p_want, 0::double precision, NULL::timestamptz, NULL::text;
        RETURN;
    END IF;
    available := least(p_burst, s.tokens + p_rate * extract(epoch FROM t - s.refilled_at));
    g := greatest(0, least(p_want, floor(available)::int));
    UPDATE kado_channels c SET tokens = available - g, refilled_at = t
     WHERE c.tenant_id = p_tenant AND c.channel = p_channel;
    RETURN QUERY SELECT g, CASE WHEN g = 0 THEN (1 - available) / p_rate ELSE 0 END, NULL::timestamptz, NULL::text;
END
$$;
