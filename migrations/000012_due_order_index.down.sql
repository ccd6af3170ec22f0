CREATE INDEX notifications_due_idx ON notifications (next_attempt_at)
    WHERE status IN ('pending', 'failed', 'sending');
DROP INDEX notifications_due_order_idx;
