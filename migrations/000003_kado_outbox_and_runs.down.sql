-- Reverses 000003.
DROP TABLE IF EXISTS kado_runs;
DROP TABLE IF EXISTS notifications;
