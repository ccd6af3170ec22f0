-- Delivery that respects each customer: sent at their own clock, held during quiet hours,
-- capped per person and channel, and falling back to another channel.

-- The outbox row learns the recipient's zone (quiet hours are read in it), the rule's rank
-- (frequency caps keep the higher-ranked message), its fallback (captured at issuance) and
-- whether it counts against a cap.
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'expired', 'cancelled', 'suppressed',
                      'capped'));
ALTER TABLE notifications
    -- The recipient's IANA zone (theirs when known and valid, else the tenant's).
    ADD COLUMN zone text,
    -- The rule's exclusive-group priority (0 without a group): higher wins a frequency cap.
    ADD COLUMN priority int NOT NULL DEFAULT 0,
    -- When the rule fired: between equal priorities the earlier trigger wins.
    ADD COLUMN trigger_at timestamptz,
    -- Where this message goes when the recipient cannot get it on its channel, and the address
    -- there, both as they were at issuance.
    ADD COLUMN fallback_channel text,
    ADD COLUMN fallback_recipient text,
    -- The row this one is the fallback of (written when that one met an unreachable recipient).
    ADD COLUMN fallback_of bigint,
    -- When this message took a place under its tenant's frequency cap.
    ADD COLUMN cap_reserved_at timestamptz;

-- A row falls back once.
CREATE UNIQUE INDEX notifications_fallback_of_key ON notifications (tenant_id, fallback_of)
    WHERE fallback_of IS NOT NULL;
-- A person's messages on a channel, for frequency caps.
CREATE INDEX notifications_user_channel_idx ON notifications (tenant_id, user_id, channel);

-- `zone` when PostgreSQL knows it as a time zone, else `fallback` (NULL too).
CREATE FUNCTION kado_zone(zone text, fallback text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF zone IS NULL OR zone = fallback OR btrim(zone) = '' THEN
        RETURN fallback;
    END IF;
    BEGIN
        PERFORM timestamp '2000-01-01' AT TIME ZONE zone;
        RETURN zone;
    EXCEPTION WHEN invalid_parameter_value OR feature_not_supported THEN
        RETURN fallback;
    END;
END
$$;

-- The UTC offset of `zone` at instant `t`.
CREATE FUNCTION kado_zone_offset(t timestamptz, zone text) RETURNS interval
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (t AT TIME ZONE zone) - (t AT TIME ZONE 'UTC') $$;

-- The instant the wall clock of `zone` (unknown or NULL: `fallback_zone`) shows `t` on `d`,
-- resolved as the triggers resolve it (TenantClock): a local time that does not exist (the
-- spring gap) is the first instant after the gap, one that occurs twice (the autumn overlap)
-- the earlier of the two.
CREATE FUNCTION kado_local_instant(d date, t time, zone text, fallback_zone text) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    z text := kado_zone(zone, fallback_zone);
    naive timestamp := d + t;
    before_offset interval;
    after_offset interval;
    first_candidate timestamptz;
    second_candidate timestamptz;
    result timestamptz;
    lo timestamptz;
    hi timestamptz;
    mid timestamptz;
BEGIN
    IF z IS NULL THEN
        z := 'UTC';
    END IF;
    before_offset := kado_zone_offset((naive - interval '1 day') AT TIME ZONE 'UTC', z);
    after_offset := kado_zone_offset((naive + interval '1 day') AT TIME ZONE 'UTC', z);
    first_candidate := (naive - before_offset) AT TIME ZONE 'UTC';
    second_candidate := (naive - after_offset) AT TIME ZONE 'UTC';
    IF kado_zone_offset(first_candidate, z) = before_offset THEN
        result := first_candidate;
    END IF;
    IF kado_zone_offset(second_candidate, z) = after_offset
       AND (result IS NULL OR second_candidate < result) THEN
        result := second_candidate;
    END IF;
    IF result IS NOT NULL THEN
        RETURN result;
    END IF;
    -- In a gap: the clock jumps past this time; the instant of the jump itself.
    lo := least(first_candidate, second_candidate);
    hi := greatest(first_candidate, second_candidate);
    WHILE hi - lo > interval '1 second' LOOP
        mid := lo + (hi - lo) / 2;
        IF kado_zone_offset(mid, z) = kado_zone_offset(lo, z) THEN
            lo := mid;
        ELSE
            hi := mid;
        END IF;
    END LOOP;
    RETURN date_trunc('second', hi);
END
$$;

-- When a message that would go out at `now` may go, given quiet hours from `quiet_from` to
-- `quiet_to` on the wall clock of `zone`: NULL outside them, else the next `quiet_to`.
-- `quiet_from` after `quiet_to` spans midnight (21:00 to 08:00).
CREATE FUNCTION kado_quiet_until(now timestamptz, zone text, quiet_from time, quiet_to time)
RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    z text;
    local timestamp;
    clock time;
BEGIN
    IF quiet_from IS NULL OR quiet_to IS NULL OR quiet_from = quiet_to THEN
        RETURN NULL;
    END IF;
    z := coalesce(kado_zone(zone, NULL), 'UTC');
    local := now AT TIME ZONE z;
    clock := local::time;
    IF quiet_from < quiet_to THEN
        IF NOT (clock >= quiet_from AND clock < quiet_to) THEN
            RETURN NULL;
        END IF;
    ELSIF NOT (clock >= quiet_from OR clock < quiet_to) THEN
        RETURN NULL;
    END IF;
    RETURN kado_local_instant(CASE WHEN clock < quiet_to THEN local::date ELSE local::date + 1 END,
                              quiet_to, z, z);
END
$$;

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
