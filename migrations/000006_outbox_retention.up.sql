-- Outbox retention: finished rows (sent, dead, expired, cancelled, and any later final
-- status) are pruned by age; this index finds the old ones without a scan.
CREATE INDEX notifications_finished_idx ON notifications (updated_at)
    WHERE status NOT IN ('pending', 'failed', 'sending');
