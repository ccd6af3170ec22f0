-- Reverses 000006.
DROP INDEX IF EXISTS members_last_order_idx;
DROP INDEX IF EXISTS members_member_since_md_idx;
ALTER TABLE members
    DROP COLUMN IF EXISTS loyalty_points,
    DROP COLUMN IF EXISTS last_order_at,
    DROP COLUMN IF EXISTS member_since,
    DROP COLUMN IF EXISTS tier;
DROP FUNCTION IF EXISTS kado_local_date(timestamp, text);
DROP FUNCTION IF EXISTS kado_local_date(timestamptz, text);
DROP FUNCTION IF EXISTS kado_local_date(date, text);
ALTER TABLE notifications DROP COLUMN IF EXISTS attributes;
