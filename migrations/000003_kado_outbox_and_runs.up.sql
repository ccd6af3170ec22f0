-- The notification outbox: one row per (promo, user, channel), written in the same
-- transaction as the promo and sent after commit by the dispatcher.
CREATE TABLE notifications (
    id bigserial PRIMARY KEY,
    tenant_id text NOT NULL,
    promo_id int NOT NULL REFERENCES promos (id) ON DELETE CASCADE,
    user_id int NOT NULL,
    channel text NOT NULL,
    template text NOT NULL,
    recipient text NOT NULL,
    user_name text,
    locale text,
    promo_code text,
    status text NOT NULL DEFAULT 'pending'
        CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'failed', 'dead')),
    attempts int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    provider_message_id text,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    UNIQUE (tenant_id, promo_id, user_id, channel)
);

-- What the dispatcher claims: due rows that still need sending.
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at)
    WHERE status IN ('pending', 'failed');

-- One record per evaluated (tenant, rule, tenant-local date), for catch-up and audit.
CREATE TABLE kado_runs (
    tenant_id text NOT NULL,
    rule_id text NOT NULL,
    occurrence_date date NOT NULL,
    status text NOT NULL CONSTRAINT kado_runs_status_check CHECK (status IN ('done', 'skipped', 'empty')),
    promo_id int,
    audience bigint NOT NULL DEFAULT 0,
    notifications bigint NOT NULL DEFAULT 0,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    detail text,
    PRIMARY KEY (tenant_id, rule_id, occurrence_date)
);
