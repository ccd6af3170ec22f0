#!/usr/bin/env bash
# End-to-end delivery and daemon checks with real parts: a throwaway PostgreSQL
# (from scripts/with-postgres.sh), an SMTP server (aiosmtpd) and a WhatsApp Cloud
# API stand-in (scripts/fakes/http_stub.py), all on 127.0.0.1. Prints one line per
# check and "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
KADO=${KADO:-$PWD/.build/debug/kado}
pass=0
fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
: "${KADO_TEST_DATABASE_URL:?run me through scripts/with-postgres.sh}"

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT

server=${KADO_TEST_DATABASE_URL%%\?*}
server=${server%/*}
q() { psql -tA "$DATABASE_URL" -c "$1"; }

# Starts a fake from this shell (fakes exit with their parent), waits for its
# "PORT n" line and stores n in the variable named by $1.
start_fake() {
    local var=$1 out=$2; shift 2
    python3 "$@" >"$out" 2>"$out.err" &
    pids+=($!)
    for _ in $(seq 1 100); do
        if grep -q '^PORT ' "$out" 2>/dev/null; then
            printf -v "$var" '%s' "$(sed -n 's/^PORT //p' "$out" | head -n 1)"
            return
        fi
        sleep 0.1
    done
    echo "fake did not start: $* ($(cat "$out.err"))" >&2
    exit 1
}

# A fresh database with the schema and demo users; rules without rate limits.
fresh() {
    psql -q "$server/postgres" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
    export DATABASE_URL="$server/$1?sslmode=disable"
    "$KADO" migrate up >/dev/null
    "$KADO" demo-data --tenant sayakaya --users 20000 --birthday-today-every 100 --date "$2" >/dev/null
}

# Occurrence dates in the future, so the promos are still valid when they are sent.
day1=$(date -u -d '+40 days' +%F)
day2=$(date -u -d '+41 days' +%F)
day3=$(date -u -d '+42 days' +%F)

rm -rf "$work/rules" "$work/templates"
cp -r rules templates "$work/"
sed -i '/rate_limit:/d' "$work/rules/sayakaya/tenant.yaml" "$work/rules/lunaria/tenant.yaml"
# Birthday messages due when issued: the occurrences here are days ahead (shipped: 09:00 on each customer's clock).
sed -i '/^    send_at:/d; /^send_zone:/d' "$work/rules/sayakaya/birthday.yaml"
export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates

start_fake smtp_port "$work/smtp.out" scripts/fakes/smtp_server.py --dir "$work/mail"
export SMTP_URL="smtp://127.0.0.1:$smtp_port" EMAIL_SENDER="SayaKaya <promo@sayakaya.id>"

# ---- two dispatchers at once: every message sent exactly once ----
fresh kado_e2e_two $day1
# A hostile name: markup, a CRLF and a Bcc header attempt.
hostile_name=$'<script>document.title="pwned"</script> Mal\r\nBcc: evil@example.com'
psql -q "$DATABASE_URL" -v name="$hostile_name" -v day="$day1" <<'SQL'
INSERT INTO users (id, name, email, phone_number, birthday, verified_status)
VALUES (999999, :'name', 'mal@example.com', NULL, (:'day'::date - interval '36 years')::date, true);
SQL
"$KADO" evaluate --tenant sayakaya --date $day1 >/dev/null
# Two real recipients get provider errors: one undeliverable, one rate-limited once.
dead_phone=$(q "select recipient from notifications where channel = 'whatsapp' order by id limit 1")
retry_phone=$(q "select recipient from notifications where channel = 'whatsapp' order by id offset 1 limit 1")
cat >"$work/wa.json" <<JSON
[
  {"match": {"body_contains": "\"to\":\"${dead_phone#+}\""}, "status": 400,
   "body": {"error": {"message": "Message undeliverable", "type": "OAuthException", "code": 131026}}},
  {"match": {"body_contains": "\"to\":\"${retry_phone#+}\""}, "status": 429, "headers": {"Retry-After": "4"},
   "body": {"error": {"message": "rate limited", "code": 130429}}, "times": 1},
  {"match": {"path_regex": "/v21.0/PHONEID/messages$", "header": {"Authorization": "Bearer test-token"}},
   "status": 200, "body": {"messaging_product": "whatsapp", "messages": [{"id": "wamid.TEST"}]}}
]
JSON
start_fake wa_port "$work/wa.out" scripts/fakes/http_stub.py --log "$work/wa.log" --script "$work/wa.json"
export WHATSAPP_TOKEN=test-token WHATSAPP_PHONE_NUMBER_ID=PHONEID WHATSAPP_API_URL="http://127.0.0.1:$wa_port/v21.0"
emails=$(q "select count(*) from notifications where channel = 'email'")
phones=$(q "select count(*) from notifications where channel = 'whatsapp'")
"$KADO" dispatch --concurrency 8 --batch-size 25 >"$work/d1.out" 2>&1 &
d1=$!
"$KADO" dispatch --concurrency 8 --batch-size 25 >"$work/d2.out" 2>&1 &
d2=$!
wait $d1; s1=$?
wait $d2; s2=$?
check "two dispatchers exit 0" test "$s1$s2" = "00"
check "both dispatchers did part of the work" bash -c "grep -q 'sent [1-9]' '$work/d1.out' && grep -q 'sent [1-9]' '$work/d2.out'"
check "429 is retried no earlier than its Retry-After (4 s after the answer)" bash -c "[ \"\$(psql -tA '$DATABASE_URL' -c \"select status || ' ' || (next_attempt_at >= last_attempt_at + interval '4 s') from notifications where recipient = '$retry_phone'\")\" = 'failed true' ]"
check "the 429 paused WhatsApp for both dispatchers: the rest waits, no attempt counted" test "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'pending' and attempts = 0")" -gt 0
check "email went on while WhatsApp was paused" test "$(q "select count(*) from notifications where channel = 'email' and status <> 'sent'")" -eq 0
check "undeliverable number (131026) is dead with the reason and its code" bash -c "[ \"\$(psql -tA '$DATABASE_URL' -c \"select status || ' ' || (last_error like '%131026%') || ' ' || last_error_code from notifications where recipient = '$dead_phone'\")\" = 'dead true graph 131026' ]"
sleep 4.5
"$KADO" dispatch >/dev/null 2>&1
check "after Retry-After the retried message is sent" test "$(q "select status from notifications where recipient = '$retry_phone'")" = "sent"
wa_requests=$(grep -c '"path": "/v21.0/PHONEID/messages"' "$work/wa.log")
wa_distinct=$(grep -o '\\"to\\":\\"[0-9]*\\"' "$work/wa.log" | sort -u | wc -l)
check "WhatsApp: one request per outbox row, plus the one answered 429 ($phones rows, $wa_requests requests)" test "$wa_requests" -eq "$((phones + 1))"
check "WhatsApp: every number messaged" test "$wa_distinct" -eq "$phones"
check "SMTP: one message per email row ($emails)" test "$(ls "$work/mail"/*.eml | wc -l)" -eq "$emails"
hostile_eml=$(grep -l '"mal@example.com"' "$work/mail"/*.json | sed 's/\.json$/.eml/')
check "hostile name: no Bcc header reaches the SMTP server" test "$(sed '/^\r$/q' "$hostile_eml" | grep -ci '^bcc:')" -eq 0
check "hostile name: the To display name arrives intact as text" python3 - "$hostile_eml" <<'PY'
import email, email.header, sys
msg = email.message_from_binary_file(open(sys.argv[1], "rb"))
assert msg.get_all("Bcc") is None, msg.get_all("Bcc")
to = str(email.header.make_header(email.header.decode_header(msg["To"])))
assert "<script>" in to and "mal@example.com" in to, to
html = [p for p in msg.walk() if p.get_content_type() == "text/html"][0].get_payload(decode=True).decode()
assert "<script>" not in html and "&lt;script&gt;" in html, "HTML body must escape the name"
PY
check "sent rows carry the provider's message id" test "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'sent' and provider_message_id = 'wamid.TEST'")" -eq "$((phones - 1))"
check "nothing left pending" test "$(q "select count(*) from notifications where status in ('pending', 'failed', 'sending')")" -eq 0

# ---- a dispatcher killed with SIGKILL mid-run, then restarted: nothing lost ----
fresh kado_e2e_kill $day2
"$KADO" evaluate --tenant sayakaya --date $day2 >/dev/null
total=$(q "select count(*) from notifications")
: >"$work/wa.log"
"$KADO" dispatch --concurrency 4 --batch-size 20 --lease-seconds 5 >/dev/null 2>&1 &
victim=$!
for _ in $(seq 1 100); do [ "$(q "select count(*) from notifications where status = 'sent'")" -ge 40 ] && break; sleep 0.05; done
kill -9 $victim; wait $victim 2>/dev/null
sent_before=$(q "select count(*) from notifications where status = 'sent'")
check "killed mid-run (had sent $sent_before of $total)" test "$sent_before" -lt "$total"
sleep 5.5  # the killed dispatcher's leases run out
"$KADO" dispatch >/dev/null 2>&1
check "after restart every row is sent or dead" test "$(q "select count(*) from notifications where status in ('sent', 'dead')")" -eq "$total"
resent=$(( $(grep -c '"path": "/v21.0/PHONEID/messages"' "$work/wa.log") - $(q "select count(*) from notifications where channel = 'whatsapp'") ))
check "at most the messages in flight were resent ($resent WhatsApp resends, concurrency 4)" test "$resent" -le 4

# ---- three `kado run --once` at once: one promo, one send per row ----
fresh kado_e2e_three "$(TZ=Asia/Jakarta date +%F)"
: >"$work/wa.log"
runs=()
for i in 1 2 3; do
    "$KADO" run --once --log-format json >"$work/run.$i.log" 2>&1 &
    runs+=($!)
done
wait "${runs[@]}"
check "three instances: one promo for today's occurrence" test "$(q "select count(*) from promos where tenant_id = 'sayakaya'")" -eq 1
check "three instances: every message sent once" test "$(grep -c '"path": "/v21.0/PHONEID/messages"' "$work/wa.log")" -eq "$(q "select count(*) from notifications where channel = 'whatsapp'")"
check "JSON logs carry tenant, rule and counts" bash -c "cat '$work'/run.*.log | python3 -c 'import json,sys; ev=[json.loads(l) for l in sys.stdin if l.strip()]; assert any(e[\"message\"]==\"evaluated\" and e[\"tenant\"]==\"sayakaya\" and \"audience\" in e for e in ev)'"

# ---- SIGHUP with a broken config keeps the running one; a good one is loaded ----
fresh kado_e2e_hup $day3
"$KADO" run --poll-interval 0.5 >"$work/daemon.log" 2>&1 &
daemon=$!
pids+=($daemon)
# Waits (at most 20 s) until the daemon's log has $1 lines matching $2.
log_has() { for _ in $(seq 1 200); do [ "$(grep -c "$2" "$work/daemon.log")" -ge "$1" ] && return 0; sleep 0.1; done; return 1; }
log_has 1 "ready: SIGHUP reloads"
cp "$work/rules/sayakaya/birthday.yaml" "$work/birthday.good"
sed -i 's/at: "00:01"/at: "25:99"/' "$work/rules/sayakaya/birthday.yaml"
kill -HUP $daemon; log_has 1 "reload failed"
check "broken config on SIGHUP is reported with file:line:col" grep -q "reload rejected: .*rules/sayakaya/birthday.yaml:[0-9]*:[0-9]*: error" "$work/daemon.log"
check "the daemon keeps running on the old config" kill -0 $daemon
cp "$work/birthday.good" "$work/rules/sayakaya/birthday.yaml"
kill -HUP $daemon; log_has 1 "configuration reloaded"
check "a fixed config is reloaded on SIGHUP" grep -q "configuration reloaded" "$work/daemon.log"

# ---- SIGTERM during dispatch: in-flight sends finish, exit 0, nothing lost ----
kill $daemon 2>/dev/null; wait $daemon 2>/dev/null
"$KADO" evaluate --tenant sayakaya --date $day3 >/dev/null
cat >"$work/slow.json" <<'JSON'
[{"match": {"path_regex": "/messages$"}, "status": 200, "delay_ms": 150, "body": {"messages": [{"id": "wamid.SLOW"}]}}]
JSON
start_fake slow_port "$work/slow.out" scripts/fakes/http_stub.py --log "$work/slow.log" --script "$work/slow.json"
WHATSAPP_API_URL="http://127.0.0.1:$slow_port/v21.0" "$KADO" run --concurrency 2 --batch-size 20 --grace-seconds 20 >"$work/term.log" 2>&1 &
daemon=$!
for _ in $(seq 1 100); do grep -q '"path"' "$work/slow.log" 2>/dev/null && break; sleep 0.05; done
kill -TERM $daemon
wait $daemon; status=$?
check "SIGTERM during dispatch exits 0" test $status -eq 0
check "SIGTERM logs the stop" grep -q "stopping" "$work/term.log"
check "after SIGTERM no row is stuck: sent ones are recorded, the rest still due" test "$(q "select count(*) from notifications n join promos p on p.id = n.promo_id where p.occurrence_date = '$day3' and n.status not in ('sent', 'pending')")" -eq 0
check "the in-flight batch was finished and recorded" test "$(q "select count(*) from notifications where provider_message_id = 'wamid.SLOW'")" -gt 0
check "no new batch was claimed after SIGTERM (some WhatsApp rows still pending)" test "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'pending'")" -gt 0
"$KADO" dispatch >/dev/null 2>&1
check "a later dispatch sends what the stopped daemon left" test "$(q "select count(*) from notifications n join promos p on p.id = n.promo_id where p.occurrence_date = '$day3' and n.status <> 'sent'")" -eq 0

# ---- kado run --listen: the HTTP API inside the daemon (issue 11) ----
fresh kado_e2e_api $day1
api_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SAYAKAYA_API_KEY=e2e-sayakaya-key-0123456789 KADO_UNSUBSCRIBE_SECRET=e2e-unsubscribe-secret-0123456789
export KADO_PUBLIC_URL="http://127.0.0.1:$api_port"
start_fake smtp2_port "$work/smtp2.out" scripts/fakes/smtp_server.py --dir "$work/mail2"
# The daemon's clock reads 08:00 in Jakarta on day1: its scheduler issues the birthday
# promo itself, and the promo is valid for the API.
SMTP_URL="smtp://127.0.0.1:$smtp2_port" "$KADO" run --listen "127.0.0.1:$api_port" --poll-interval 0.5 \
    --now "${day1}T08:00:00+07:00" >"$work/api.log" 2>&1 &
daemon=$!
pids+=($daemon)
for _ in $(seq 1 100); do curl -sf "$KADO_PUBLIC_URL/readyz" >/dev/null && break; sleep 0.1; done
check "run --listen: /readyz answers 200" curl -sf -o /dev/null "$KADO_PUBLIC_URL/readyz"
for _ in $(seq 1 100); do [ "$(q "select count(*) from kado_runs where tenant_id = 'sayakaya'")" -gt 0 ] && break; sleep 0.1; done
emails=$(q "select count(*) from notifications where channel = 'email'")
for _ in $(seq 1 200); do [ "$(q "select count(*) from notifications where status in ('pending', 'sending', 'failed')")" -eq 0 ] && break; sleep 0.1; done
check "the daemon's scheduler issued day1 ($emails emails)" test "$emails" -gt 0
check "the daemon sent every email through SMTP ($emails)" test "$(ls "$work/mail2"/*.eml 2>/dev/null | wc -l)" -eq "$emails"
first_eml=$(ls "$work/mail2"/*.eml | head -n 1)
link=$(python3 -c "import email,sys; m=email.message_from_binary_file(open(sys.argv[1],'rb')); print(m['List-Unsubscribe'].strip()[1:-1]); assert m['List-Unsubscribe-Post'] == 'List-Unsubscribe=One-Click'" "$first_eml")
check "the SMTP email carries List-Unsubscribe <$KADO_PUBLIC_URL/u/...> and List-Unsubscribe-Post" grep -q "^$KADO_PUBLIC_URL/u/v1\.sayakaya\.email\." <<<"$link"
unsub_user=$(cut -d. -f4 <<<"${link##*/u/}")
check "GET of the link shows a button and unsubscribes nobody" bash -c "curl -sf '$link' | grep -q 'method=\"post\"' && [ \$(psql -tA '$DATABASE_URL' -c 'select count(*) from kado_suppressions') -eq 0 ]"
check "one-click POST (RFC 8058) answers 200" curl -sf -X POST -d "List-Unsubscribe=One-Click" "$link" -o /dev/null
check "kado suppressions list shows the user" bash -c "'$KADO' suppressions list | grep -q 'sayakaya email user $unsub_user: unsubscribe'"
code=$(q "select promo_code from promos where occurrence_date = '$day1'")
cuser=$(q "select user_id from promo_eligibilities limit 1")
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $SAYAKAYA_API_KEY" -H 'Content-Type: application/json' \
    -d "{\"code\": \"$code\", \"user_id\": $cuser}" "$KADO_PUBLIC_URL/v1/tenants/sayakaya/redemptions")
check "a redemption through the daemon's API: 201" test "$status" = 201
curl -s "$KADO_PUBLIC_URL/metrics" >"$work/metrics.txt"
check "metrics: the daemon's sends are counted" grep -q 'kado_messages_total{tenant="sayakaya",channel="email",status="sent"} [1-9]' "$work/metrics.txt"
check "metrics: the redemption is counted" grep -q 'kado_redemptions_total{tenant="sayakaya",result="claimed"} 1' "$work/metrics.txt"
check "metrics: the daemon's evaluation is counted" grep -q 'kado_evaluations_total{tenant="sayakaya",rule="birthday",outcome="issued"} 1' "$work/metrics.txt"
check "metrics: send seconds histogram" grep -q 'kado_send_seconds_count{tenant="sayakaya",channel="email"} [1-9]' "$work/metrics.txt"
kill -TERM $daemon; wait $daemon; status=$?
check "run --listen: SIGTERM stops the daemon and its server, exit 0" test $status -eq 0
unset SAYAKAYA_API_KEY KADO_UNSUBSCRIBE_SECRET KADO_PUBLIC_URL

# ---- the HTML preview in a real browser (headless Chromium) ----
if command -v chromium >/dev/null 2>&1; then
    export DATABASE_URL="$server/kado_e2e_two?sslmode=disable"
    "$KADO" preview --tenant sayakaya --rule birthday --channel email --user 999999 --date $day1 --format html --out "$work/preview.html"
    code=$(q "select promo_code from promos where occurrence_date = '$day1'")
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir="$work/chromium" \
        --dump-dom "file://$work/preview.html" >"$work/dom.html" 2>/dev/null
    check "browser: the user's name is visible text" grep -q "Mal" "$work/dom.html"
    check "browser: the promo code is visible text" grep -q "$code" "$work/dom.html"
    check "browser: the name's markup stays text (no script element)" bash -c "! grep -q '<script>document' '$work/dom.html' && grep -q '&lt;script&gt;' '$work/dom.html'"
else
    echo "skip - chromium not installed: HTML preview browser check"
fi

echo "$pass passed, $fail failed"
test $fail -eq 0
