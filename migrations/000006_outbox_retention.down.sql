DROP INDEX IF EXISTS notifications_finished_idx;
