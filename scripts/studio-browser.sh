#!/usr/bin/env bash
# `kado studio` in a real browser: starts the studio on 127.0.0.1 (a free port) over a
# copy of rules/ and templates/, and runs scripts/browser/studio_checks.py, which drives
# headless Chromium over the DevTools protocol. Inside scripts/with-postgres.sh it also
# makes a database with real users, issues and sends (to the file outbox) one
# occurrence, and checks real users on the page: issued code, the sent Message-ID and
# .eml, "not in this rule's audience, because ...", and that the studio wrote nothing.
#
# Screenshots of the index and a rule page are written to $KADO_STUDIO_SHOTS (default:
# a temporary folder, removed afterwards unless KADO_STUDIO_SHOTS is set). Prints one line
# per check and "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
KADO=${KADO:-$PWD/.build/debug/kado}
export PYTHONDONTWRITEBYTECODE=1
if ! command -v chromium >/dev/null 2>&1; then
    echo "skip - chromium not installed: studio browser checks (scripts/install-deps.sh test installs it)"
    exit 0
fi

work=$(mktemp -d)
studio=
cleanup() {
    if [ -n "$studio" ]; then kill "$studio" 2>/dev/null; wait "$studio" 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT
shots=${KADO_STUDIO_SHOTS:-$work/shots}
mkdir -p "$shots"
pass=0
fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }

# The studio follows a copy, which the checks edit; nothing is sent anywhere.
cp -r rules templates "$work/"
unset SMTP_URL LUNARIA_SMTP_URL MAILTRAP_API_TOKEN WHATSAPP_TOKEN WHATSAPP_PHONE_NUMBER_ID
export KADO_OUTBOX=$work/outbox
cat >"$work/templates/sayakaya/samples.yaml" <<'YAML'
samples:
  - name: Ayu Lestari
    locale: id-ID
  - name: Emily Carter
    locale: en-US
  - name: "<img src=x onerror=alert(1)>"
    locale: en-US
    email: img@example.com
YAML
day=$(date -u -d '+40 days' +%F)
args=(--kado "$KADO" --rules "$work/rules" --templates "$work/templates" --shots "$shots" --date "$day")

q() { psql -tA "$DATABASE_URL" -c "$1"; }
# Everything kado keeps, as one checksum: unchanged means nothing was written.
state() {
    q "SELECT md5(concat_ws('|',
         (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM promos t),
         (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM notifications t),
         (SELECT string_agg(t::text, ',' ORDER BY t.tenant_id, t.rule_id, t.occurrence_date) FROM kado_runs t),
         (SELECT string_agg(t::text, ',' ORDER BY t.tenant_id, t.rule_id) FROM kado_rules t),
         (SELECT string_agg(t::text, ',' ORDER BY t.tenant_id, t.channel) FROM kado_channels t),
         (SELECT count(*) FROM promo_eligibilities), (SELECT count(*) FROM users)))"
}

if [ -n "${KADO_TEST_DATABASE_URL:-}" ]; then
    server=${KADO_TEST_DATABASE_URL%%\?*}
    server=${server%/*}
    psql -q "$server/postgres" -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS kado_studio" -c "CREATE DATABASE kado_studio"
    export DATABASE_URL="$server/kado_studio?sslmode=disable"
    "$KADO" migrate up >/dev/null
    "$KADO" demo-data --tenant sayakaya --users 2000 --birthday-today-every 40 --date "$day" >/dev/null
    psql -q "$DATABASE_URL" -v day="$day" <<'SQL'
INSERT INTO users (id, name, email, phone_number, birthday, verified_status) VALUES
  (900001, 'Budi Santoso', 'budi.santoso@example.com', '0812-3456-7890', (:'day'::date - interval '30 years')::date, true),
  (900002, 'Citra Lestari', 'citra@example.com', NULL, (:'day'::date - interval '25 years')::date, false),
  (900003, 'Dewi Anggraini', 'dewi@example.com', NULL, (:'day'::date + 3 - interval '28 years')::date, true),
  (900004, '<img src=x onerror=alert(1)>', 'img.user@example.com', NULL, (:'day'::date - interval '33 years')::date, true);
SQL
    export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates
    "$KADO" evaluate --tenant sayakaya --rule birthday --date "$day" >/dev/null
    # The day is weeks ahead: its messages (due at 09:00 on each customer's clock) go now.
    q "UPDATE notifications SET next_attempt_at = now() WHERE status = 'pending'" >/dev/null
    "$KADO" dispatch --tenant sayakaya >/dev/null 2>&1
    unset KADO_RULES KADO_TEMPLATES
    row=$(q "SELECT id FROM notifications WHERE user_id = 900001 AND channel = 'email'")
    sent_eml=$(ls "$work/outbox/sayakaya/email/$row"-*.eml 2>/dev/null | head -n 1)
    if [ -n "$row" ] && [ -f "$sent_eml" ]; then
        ok "database: an occurrence issued and its email sent to the file outbox (row $row)"
    else
        bad "database: an occurrence issued and its email sent to the file outbox"
    fi
    sent_id=$(sed -n 's/^Message-ID: \([^[:space:]]*\).*/\1/p' "$sent_eml" | head -n 1)
    code=$(q "SELECT promo_code FROM promos WHERE rule_id = 'birthday' AND occurrence_date = '$day'")
    cli_id=$("$KADO" preview --rules "$work/rules" --templates "$work/templates" --tenant sayakaya --rule birthday \
        --channel email --user 900001 --date "$day" --format eml 2>/dev/null | sed -n 's/^Message-ID: \([^[:space:]]*\).*/\1/p')
    if [ -n "$sent_id" ] && [ "$cli_id" = "$sent_id" ]; then
        ok "kado preview --user shows the Message-ID the dispatcher sent ($sent_id)"
    else
        bad "kado preview --user shows the Message-ID the dispatcher sent ('$cli_id' vs '$sent_id')"
    fi
    out=$("$KADO" preview --rules "$work/rules" --templates "$work/templates" --tenant sayakaya --rule birthday \
        --channel email --user 900002 --date "$day" 2>&1)
    status=$?
    if [ $status -eq 1 ] && [[ $out == *"not in the audience"*"not verified (users.verified_status is false)"* ]]; then
        ok "kado preview --user of an unverified user: exit 1, says why"
    else
        bad "kado preview --user of an unverified user: exit 1, says why (status $status: $out)"
    fi
    before=$(state)
    args+=(--database "$DATABASE_URL" --hostile-user 900004 --unverified-user 900002 --other-day-user 900003
        --issued-user 900001 --issued-code "$code" --sent-message-id "$sent_id" --sent-eml "$sent_eml")
else
    echo "skip - no database (run through scripts/with-postgres.sh): real-user checks"
fi

: >"$work/studio.out"
"$KADO" studio --rules "$work/rules" --templates "$work/templates" --listen 127.0.0.1:0 \
    >"$work/studio.out" 2>"$work/studio.err" &
studio=$!
url=
for _ in $(seq 1 200); do
    url=$(sed -n 's/^kado studio: \(http:[^ ]*\).*/\1/p' "$work/studio.out" | head -n 1)
    [ -n "$url" ] && break
    kill -0 "$studio" 2>/dev/null || break
    sleep 0.05
done
if [ -z "$url" ]; then
    bad "kado studio starts and prints its address ($(cat "$work/studio.err"))"
    echo "$pass passed, $fail failed"
    exit 1
fi
ok "kado studio listens at $url"

python3 scripts/browser/studio_checks.py --url "$url" "${args[@]}"
browser=$?

kill -TERM "$studio"
wait "$studio"
status=$?
studio=
if [ $status -eq 0 ]; then ok "kado studio stops on SIGTERM with status 0"; else bad "kado studio stops on SIGTERM (status $status)"; fi
if [ -n "${before:-}" ]; then
    if [ "$(state)" = "$before" ]; then
        ok "database: the studio wrote nothing (promos, outbox, runs, rules, channels unchanged)"
    else
        bad "database: the studio wrote nothing"
    fi
fi
[ -n "${KADO_STUDIO_SHOTS:-}" ] && echo "#    screenshots in $shots: $(cd "$shots" && ls ./*.png | tr '\n' ' ')"
echo "$pass passed, $fail failed (and the browser checks above)"
[ $fail -eq 0 ] && [ $browser -eq 0 ]
