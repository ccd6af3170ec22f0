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

step "the promos in PostgreSQL"
psql -q "$DATABASE_URL" -c "SELECT id, tenant_id, rule_id, occurrence_date, coalesce(promo_code, '(per user)') AS code, discount_type, amount, percent, cap, currency, start_date, end_date FROM promos ORDER BY id"
psql -q "$DATABASE_URL" -c "SELECT tenant_id, channel, status, count(*) FROM notifications GROUP BY 1, 2, 3 ORDER BY 1, 2"

if [ -z "${SMTP_URL:-}" ] && [ -z "${MAILTRAP_API_TOKEN:-}" ]; then
    step "the file outbox ($KADO_OUTBOX): no SMTP_URL or MAILTRAP_API_TOKEN, so messages were written as files"
    find "$KADO_OUTBOX" -type f | sort | sed -n 1,8p
    echo "... $(find "$KADO_OUTBOX" -type f | wc -l) files"
    eml=$(find "$KADO_OUTBOX/sayakaya/email" -name '*.eml' | sort | sed -n 1p)
    step "one email as sent ($eml), headers"
    sed -n '1,/^$/p' "$eml"
    wa=$(find "$KADO_OUTBOX/sayakaya/whatsapp" -name '*.json' | sort | sed -n 1p)
    step "one WhatsApp Cloud API request body ($wa)"
    cat "$wa"; echo
else
    step "messages went to the configured provider (SMTP_URL or MAILTRAP_API_TOKEN)"
fi

user=$(psql -tA "$DATABASE_URL" -c "SELECT e.user_id FROM promo_eligibilities e JOIN promos p ON p.id = e.promo_id WHERE p.tenant_id = 'sayakaya' ORDER BY 1 LIMIT 1")
read -r lunaria_user lunaria_date <<<"$(psql -tA -F ' ' "$DATABASE_URL" -c "SELECT e.user_id, p.occurrence_date FROM promo_eligibilities e JOIN promos p ON p.id = e.promo_id JOIN members m ON m.member_id = e.user_id WHERE p.tenant_id = 'lunaria' AND m.preferred_locale = 'en-US' ORDER BY p.occurrence_date DESC, 1 LIMIT 1")"
step "kado preview --tenant sayakaya --rule birthday --channel email --user $user (what user $user got)"
$KADO preview --tenant sayakaya --rule birthday --channel email --user "$user" --format text
step "kado preview --tenant lunaria --rule birthday-week --channel email --user $lunaria_user --date $lunaria_date (a member who prefers English)"
$KADO preview --tenant lunaria --rule birthday-week --channel email --user "$lunaria_user" --date "$lunaria_date" --format text
step "done: the PostgreSQL cluster is thrown away; the outbox stays in $KADO_OUTBOX"
