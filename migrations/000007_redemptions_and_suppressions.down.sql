UPDATE notifications SET status = 'cancelled' WHERE status = 'suppressed';
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'expired', 'cancelled'));
DROP TABLE IF EXISTS kado_suppressions;
DROP TABLE IF EXISTS kado_redemptions;
