#!/usr/bin/env bash
# The demo itself, run by scripts/demo.sh inside a throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
KADO=.build/debug/kado
export DATABASE_URL=$KADO_TEST_DATABASE_URL
export KADO_OUTBOX=${KADO_OUTBOX:-$PWD/outbox}
rm -rf "$KADO_OUTBOX"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "kado validate: the shipped rules and templates"
$KADO validate

step "kado migrate up: the seed's schema plus kado's tables"
$KADO migrate up

step "kado demo-data: users of both tenants, some with a birthday today in their own zone"
$KADO demo-data --tenant sayakaya --users 20000 --birthday-today-every 250
$KADO demo-data --tenant lunaria --users 5000 --birthday-today-every 100

step "kado run --once: evaluate every rule whose trigger time has passed today (in its tenant's zone), then dispatch"
$KADO run --once

step "kado evaluate: a rule whose trigger time is still ahead today is fired by hand for the demo (done ones say so)"
$KADO evaluate
$KADO dispatch

step "kado status"
$KADO status

step "sayakaya birthday: one customer in each Indonesian zone; the messages go at 09:00 on the customer's own clock"
# users.timezone (demo-data: mostly WIB, some WITA and WIT, a few without: the tenant's, WIB).
# Due: when a waiting row goes (next_attempt_at); a sent one shows when it went. A row issued
# after 09:00 in its zone was due at once.
psql -tA "$DATABASE_URL" -c "SELECT 'now: ' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC, ' || to_char(now() AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD HH24:MI') || ' WIB, ' || to_char(now() AT TIME ZONE 'Asia/Makassar', 'HH24:MI') || ' WITA, ' || to_char(now() AT TIME ZONE 'Asia/Jayapura', 'HH24:MI') || ' WIT'"
psql -q "$DATABASE_URL" <<'SQL'
WITH birthday AS (
    SELECT n.*, u.timezone AS customer_zone,
           kado_local_instant(p.occurrence_date, '09:00', n.zone, 'Asia/Jakarta') AS nine
      FROM notifications n
      JOIN promos p ON p.tenant_id = n.tenant_id AND p.id = n.promo_id
      JOIN users u ON u.id = n.user_id
     WHERE n.tenant_id = 'sayakaya' AND p.rule_id = 'birthday'
), picked AS (
    SELECT DISTINCT ON (customer_zone) customer_zone, user_id FROM birthday ORDER BY customer_zone, user_id
)
SELECT b.user_id AS "user", coalesce(b.customer_zone, '(none)') AS "users.timezone",
       b.zone || ' (' || tz.abbrev || ')' AS "clock", b.channel, b.status,
       CASE WHEN b.status = 'sent' THEN 'sent ' ELSE 'due ' END
           || to_char(coalesce(b.sent_at, b.next_attempt_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'
           AS "due / sent (UTC)",
       to_char(coalesce(b.sent_at, b.next_attempt_at) AT TIME ZONE b.zone, 'YYYY-MM-DD HH24:MI') || ' ' || tz.abbrev
           AS "on their clock",
       CASE WHEN b.created_at >= b.nine THEN '09:00 there had passed when issued: at once'
            WHEN b.status = 'sent' THEN 'sent once 09:00 there came'
            ELSE 'waits for 09:00 there' END AS "why"
  FROM birthday b JOIN picked USING (user_id)
  LEFT JOIN pg_timezone_names tz ON tz.name = b.zone
 ORDER BY b.customer_zone IS NULL, tz.utc_offset, b.user_id, b.channel
SQL

step "exclusive group 'birthday' (lunaria): members born today get birthday-gold if gold or platinum, else birthday-week, never both"
psql -q "$DATABASE_URL" -c "SELECT coalesce(m.tier, '(none)') AS tier, p.rule_id, count(*) AS members FROM members m JOIN promo_eligibilities e ON e.user_id = m.member_id JOIN promos p ON p.id = e.promo_id AND p.tenant_id = 'lunaria' AND p.rule_id LIKE 'birthday%' GROUP BY 1, 2 ORDER BY 2, 1"
read -r gold_member gold_date <<<"$(psql -tA -F ' ' "$DATABASE_URL" -c "SELECT e.user_id, p.occurrence_date FROM promo_eligibilities e JOIN promos p ON p.id = e.promo_id JOIN members m ON m.member_id = e.user_id WHERE p.tenant_id = 'lunaria' AND p.rule_id = 'birthday-gold' AND m.tier = 'gold' ORDER BY 1 LIMIT 1")"
read -r regular_member regular_date <<<"$(psql -tA -F ' ' "$DATABASE_URL" -c "SELECT e.user_id, p.occurrence_date FROM promo_eligibilities e JOIN promos p ON p.id = e.promo_id JOIN members m ON m.member_id = e.user_id WHERE p.tenant_id = 'lunaria' AND p.rule_id = 'birthday-week' AND m.tier = 'regular' ORDER BY 1 LIMIT 1")"
psql -q "$DATABASE_URL" -c "SELECT m.member_id, m.tier, p.rule_id, p.percent, p.cap, e.promo_code FROM members m JOIN promo_eligibilities e ON e.user_id = m.member_id JOIN promos p ON p.id = e.promo_id AND p.tenant_id = 'lunaria' WHERE m.member_id IN (${gold_member:-0}, ${regular_member:-0}) ORDER BY 1, 3"
if [ -n "${gold_member:-}" ]; then
    step "kado preview --tenant lunaria --rule birthday-gold --channel email --user $gold_member --date $gold_date (a gold member: {{user.tier}} and {{user.points}} as issued)"
    $KADO preview --tenant lunaria --rule birthday-gold --channel email --user "$gold_member" --date "$gold_date" --format text
fi

step "sayakaya harbolnas: a date trigger, every 12-12; what it would issue on the next one (dry run), and its email"
harbolnas=$(date -u +%Y)-12-12
[ "$(date -u +%m-%d)" \> "12-12" ] && harbolnas=$(($(date -u +%Y) + 1))-12-12
$KADO evaluate --tenant sayakaya --rule harbolnas --date "$harbolnas" --dry-run
$KADO preview --tenant sayakaya --rule harbolnas --channel email --sample --date "$harbolnas" --format text

step "the promos in PostgreSQL"
psql -q "$DATABASE_URL" -c "SELECT id, tenant_id, rule_id, occurrence_date, coalesce(promo_code, '(per user)') AS code, discount_type, amount, percent, cap, currency, start_date, end_date FROM promos ORDER BY id"
psql -q "$DATABASE_URL" -c "SELECT tenant_id, channel, status, count(*) FROM notifications GROUP BY 1, 2, 3 ORDER BY 1, 2"

if [ -z "${SMTP_URL:-}" ] && [ -z "${MAILTRAP_API_TOKEN:-}" ]; then
    step "the file outbox ($KADO_OUTBOX): no SMTP_URL or MAILTRAP_API_TOKEN, so messages were written as files"
    find "$KADO_OUTBOX" -type f | sort | sed -n 1,8p
    echo "... $(find "$KADO_OUTBOX" -type f | wc -l) files"
    # sayakaya's birthday messages wait for 09:00 on each customer's clock: before that
    # (00:00 UTC in Jayapura) none is sent yet, and lunaria's email stands in.
    first_file() { if [ -d "$1" ]; then find "$1" -name "$2" | sort | sed -n 1p; fi; }
    eml=$(first_file "$KADO_OUTBOX/sayakaya/email" '*.eml')
    [ -n "$eml" ] || eml=$(first_file "$KADO_OUTBOX/lunaria/email" '*.eml')
    if [ -n "$eml" ]; then
        step "one email as sent ($eml), headers"
        sed -n '1,/^$/p' "$eml"
    fi
    wa=$(first_file "$KADO_OUTBOX/sayakaya/whatsapp" '*.json')
    if [ -n "$wa" ]; then
        step "one WhatsApp Cloud API request body ($wa)"
        cat "$wa"; echo
    else
        step "no WhatsApp message sent yet: sayakaya's go at 09:00 on each customer's clock, the first at $(psql -tA "$DATABASE_URL" -c "SELECT to_char(min(next_attempt_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' FROM notifications WHERE tenant_id = 'sayakaya' AND channel = 'whatsapp' AND status IN ('pending', 'failed')")"
    fi
    sms=$(first_file "$KADO_OUTBOX/lunaria/sms" '*.txt')
    if [ -n "$sms" ]; then
        step "one SMS ($sms): lunaria members without an email address get the birthday-week SMS instead (fallback: sms)"
        cat "$sms"; echo
    fi
else
    step "messages went to the configured provider (SMTP_URL or MAILTRAP_API_TOKEN)"
fi

user=$(psql -tA "$DATABASE_URL" -c "SELECT e.user_id FROM promo_eligibilities e JOIN promos p ON p.id = e.promo_id WHERE p.tenant_id = 'sayakaya' AND p.rule_id = 'birthday' ORDER BY 1 LIMIT 1")
read -r lunaria_user lunaria_date <<<"$(psql -tA -F ' ' "$DATABASE_URL" -c "SELECT e.user_id, p.occurrence_date FROM promo_eligibilities e JOIN promos p ON p.id = e.promo_id JOIN members m ON m.member_id = e.user_id WHERE p.tenant_id = 'lunaria' AND p.rule_id = 'birthday-week' AND m.preferred_locale = 'en-US' ORDER BY p.occurrence_date DESC, 1 LIMIT 1")"
step "kado preview --tenant sayakaya --rule birthday --channel email --user $user (the message user $user gets)"
$KADO preview --tenant sayakaya --rule birthday --channel email --user "$user" --format text
step "kado preview --tenant lunaria --rule birthday-week --channel email --user $lunaria_user --date $lunaria_date (a member who prefers English)"
$KADO preview --tenant lunaria --rule birthday-week --channel email --user "$lunaria_user" --date "$lunaria_date" --format text
step "done: the PostgreSQL cluster is thrown away; the outbox stays in $KADO_OUTBOX"
