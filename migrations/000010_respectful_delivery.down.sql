DROP FUNCTION IF EXISTS kado_apply_caps(bigint[], text[], int, int);
DROP FUNCTION IF EXISTS kado_quiet_until(timestamptz, text, time, time);
DROP FUNCTION IF EXISTS kado_local_instant(date, time, text, text);
DROP FUNCTION IF EXISTS kado_zone_offset(timestamptz, text);
DROP FUNCTION IF EXISTS kado_zone(text, text);
DROP INDEX IF EXISTS notifications_user_channel_idx;
DROP INDEX IF EXISTS notifications_fallback_of_key;
DELETE FROM notifications WHERE status = 'capped';
ALTER TABLE notifications
    DROP COLUMN IF EXISTS cap_reserved_at,
    DROP COLUMN IF EXISTS fallback_of,
    DROP COLUMN IF EXISTS fallback_recipient,
    DROP COLUMN IF EXISTS fallback_channel,
    DROP COLUMN IF EXISTS trigger_at,
    DROP COLUMN IF EXISTS priority,
    DROP COLUMN IF EXISTS zone;
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'expired', 'cancelled', 'suppressed'));
