-- Reverses 000004.
DROP TABLE IF EXISTS members;
DROP INDEX IF EXISTS users_birthday_md_idx;
DROP FUNCTION IF EXISTS kado_month_day(date);
