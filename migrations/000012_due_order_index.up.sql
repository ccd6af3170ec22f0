-- Claims read due rows in (next_attempt_at, id) order and stop at their limit: with the id
-- in the index the scan returns them in that order, so a claim reads as many index entries
-- as it claims, not every due row (rows issued together share one next_attempt_at).
CREATE INDEX notifications_due_order_idx ON notifications (next_attempt_at, id)
    WHERE status IN ('pending', 'failed', 'sending');
DROP INDEX notifications_due_idx;
