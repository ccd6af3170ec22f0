DROP FUNCTION IF EXISTS kado_take_tokens(text, text, double precision, double precision, int);
DROP TABLE IF EXISTS kado_channels;
DROP TABLE IF EXISTS kado_rules;

ALTER TABLE kado_runs DROP COLUMN next_attempt_at, DROP COLUMN attempts;
DELETE FROM kado_runs WHERE status = 'failed';
ALTER TABLE kado_runs DROP CONSTRAINT kado_runs_status_check;
ALTER TABLE kado_runs ADD CONSTRAINT kado_runs_status_check CHECK (status IN ('done', 'skipped', 'empty'));

DROP INDEX IF EXISTS notifications_claimed_idx;
DROP INDEX IF EXISTS notifications_due_idx;
UPDATE notifications SET status = CASE WHEN attempts = 0 THEN 'pending' ELSE 'failed' END
 WHERE status = 'sending';
UPDATE notifications SET status = 'dead' WHERE status IN ('expired', 'cancelled');
ALTER TABLE notifications
    DROP COLUMN last_error_code,
    DROP COLUMN last_attempt_at,
    DROP COLUMN claimed_at,
    DROP COLUMN claimed_by;
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('pending', 'sent', 'failed', 'dead'));
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status IN ('pending', 'failed');
