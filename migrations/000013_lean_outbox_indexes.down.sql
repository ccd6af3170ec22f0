-- Reverses 000013: the indexes by id alone and by claimant, the unfiltered caps index, and
-- kado_apply_caps by id.
CREATE INDEX IF NOT EXISTS notifications_id_idx ON notifications (id);
CREATE INDEX IF NOT EXISTS notifications_claimed_idx ON notifications (claimed_by) WHERE status = 'sending';
DROP INDEX IF EXISTS notifications_user_channel_idx;
CREATE INDEX notifications_user_channel_idx ON notifications (tenant_id, user_id, channel);
DROP FUNCTION IF EXISTS kado_apply_caps(text, bigint[], text[], int, int);

-- Frequency caps: of the rows `p_ids` (held as 'sending'), those on a capped channel that have
-- no place yet take one, or end 'capped' when the person already has `p_messages` messages on
-- the channel within `p_days` days: sent or taken places, and open messages of a higher-ranked
-- rule (higher priority, else earlier trigger, else older row) due within the window. One
-- advisory lock per (tenant, channel, user), taken in a fixed order, serialises dispatchers;
-- every count runs after its lock, on a fresh snapshot. Returns the rows capped.
CREATE FUNCTION kado_apply_caps(p_ids bigint[], p_channels text[], p_messages int, p_days int)
RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    r record;
    used int;
    window_length interval := make_interval(days => p_days);
BEGIN
    FOR r IN
        SELECT n.id, n.tenant_id, n.user_id, n.channel, n.priority,
               coalesce(n.trigger_at, n.created_at) AS ranked_at
          FROM notifications n
         WHERE n.id = ANY (p_ids) AND n.channel = ANY (p_channels) AND n.status = 'sending'
           AND n.cap_reserved_at IS NULL
         ORDER BY n.tenant_id, n.channel, n.user_id, n.id
    LOOP
        PERFORM pg_advisory_xact_lock(hashtext('kado_cap/' || r.tenant_id || '/' || r.channel), r.user_id);
        SELECT count(*) INTO used
          FROM notifications o
         WHERE o.tenant_id = r.tenant_id AND o.user_id = r.user_id AND o.channel = r.channel AND o.id <> r.id
           AND ((o.cap_reserved_at > clock_timestamp() - window_length
                 AND o.status IN ('pending', 'failed', 'sending', 'sent'))
             OR (o.cap_reserved_at IS NULL AND o.status IN ('pending', 'failed', 'sending')
                 AND o.next_attempt_at < clock_timestamp() + window_length
                 AND (o.priority, r.ranked_at, r.id) > (r.priority, coalesce(o.trigger_at, o.created_at), o.id)));
        IF used >= p_messages THEN
            UPDATE notifications
               SET status = 'capped', claimed_by = NULL, updated_at = clock_timestamp(),
                   last_error = 'not sent: the frequency cap of ' || p_messages || ' message'
                       || CASE WHEN p_messages = 1 THEN '' ELSE 's' END || ' per ' || p_days || ' day'
                       || CASE WHEN p_days = 1 THEN '' ELSE 's' END || ' on ' || r.channel || ' was reached'
             WHERE id = r.id;
            RETURN NEXT r.id;
        ELSE
            UPDATE notifications SET cap_reserved_at = clock_timestamp() WHERE id = r.id;
        END IF;
    END LOOP;
END
$$;
