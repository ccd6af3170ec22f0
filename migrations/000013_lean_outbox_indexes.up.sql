-- Fewer index entries per message: every claim and every outcome is an update that writes an
-- entry in each index of notifications (the status changes, so none is a HOT update). A claim
-- wrote 6, an outcome 5; now 4 and (a message sent on a channel without a cap) 3.
--
-- notifications_id_idx goes: kado finds its rows by (tenant_id, id), the primary key. An
-- operator's `kado outbox list` reads each tenant's newest rows through the primary key.
DROP INDEX IF EXISTS notifications_id_idx;

-- notifications_claimed_idx goes too: a dispatcher renews its leases on the rows it knows it
-- holds, by their keys, and hands rows back the same way.
DROP INDEX IF EXISTS notifications_claimed_idx;

-- Frequency caps count a person's places taken (cap_reserved_at) and their open messages; a
-- row sent on a channel without a cap is neither, and now leaves the index when it is sent.
-- The index is rebuilt while the table is locked (some seconds for 10M rows).
DROP INDEX IF EXISTS notifications_user_channel_idx;
CREATE INDEX notifications_user_channel_idx ON notifications (tenant_id, user_id, channel)
    WHERE cap_reserved_at IS NOT NULL OR status IN ('pending', 'failed', 'sending');

-- kado_apply_caps takes its tenant, so that its rows are found by the primary key.
DROP FUNCTION IF EXISTS kado_apply_caps(bigint[], text[], int, int);

-- Frequency caps: of the tenant's rows `p_ids` (held as 'sending'), those on a capped channel
-- that have no place yet take one, or end 'capped' when the person already has `p_messages`
-- messages on the channel within `p_days` days: sent or taken places, and open messages of a
-- higher-ranked rule (higher priority, else earlier trigger, else older row) due within the
-- window. One advisory lock per (tenant, channel, user), taken in a fixed order, serialises
-- dispatchers; every count runs after its lock, on a fresh snapshot. Returns the rows capped.
CREATE FUNCTION kado_apply_caps(p_tenant text, p_ids bigint[], p_channels text[], p_messages int, p_days int)
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
         WHERE n.tenant_id = p_tenant AND n.id = ANY (p_ids) AND n.channel = ANY (p_channels)
           AND n.status = 'sending' AND n.cap_reserved_at IS NULL
         ORDER BY n.channel, n.user_id, n.id
    LOOP
        PERFORM pg_advisory_xact_lock(hashtext('kado_cap/' || r.tenant_id || '/' || r.channel), r.user_id);
        SELECT count(*) INTO used
          FROM notifications o
         WHERE o.tenant_id = r.tenant_id AND o.user_id = r.user_id AND o.channel = r.channel AND o.id <> r.id
           AND (o.cap_reserved_at IS NOT NULL OR o.status IN ('pending', 'failed', 'sending'))
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
             WHERE tenant_id = r.tenant_id AND id = r.id;
            RETURN NEXT r.id;
        ELSE
            UPDATE notifications SET cap_reserved_at = clock_timestamp()
             WHERE tenant_id = r.tenant_id AND id = r.id;
        END IF;
    END LOOP;
END
$$;
