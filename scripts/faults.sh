#!/usr/bin/env bash
# The fault suite (`make faults`; `make test` runs its short form): kado against real
# parts only (a throwaway PostgreSQL that this script stops and starts, an SMTP server
# that records every Message-ID, an HTTP stand-in for the WhatsApp Cloud API), under
# kill -9, SIGTERM past the grace period, a database outage, the outbox table renamed
# away under the daemon, a broken tenant, an edited
# rule, a past date, a 429, an expired credential and hostile config files. Prints one
# line per check, the figures, and "N passed, N failed".
#
#   scripts/with-postgres.sh scripts/faults.sh            # the full suite
#   FAULTS_SHORT=1 scripts/with-postgres.sh scripts/faults.sh
set -uo pipefail
cd "$(dirname "$0")/.."
KADO=${KADO:-$PWD/.build/debug/kado}
: "${KADO_TEST_DATABASE_URL:?run me through scripts/with-postgres.sh}"
short=${FAULTS_SHORT:-0}
pass=0
fail=0
figures=()
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
figure() { figures+=("$1"); echo "     > $1"; }

work=$(mktemp -d)
pids=()
cleanup() { disown -a 2>/dev/null; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT

server=${KADO_TEST_DATABASE_URL%%\?*}
server=${server%/*}
q() { psql -tA "$DATABASE_URL" -c "$1"; }
pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$KADO_PG_BINDIR/pg_ctl" "$@"; else "$KADO_PG_BINDIR/pg_ctl" "$@"; fi; }

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

# Waits (at most $1 seconds) until the shell condition $2 holds.
wait_for() {
    local limit=$1; shift
    local deadline=$((SECONDS + limit))
    while [ $SECONDS -lt $deadline ]; do
        if eval "$1"; then return 0; fi
        sleep 0.2
    done
    return 1
}

# A fresh database: schema, and sayakaya users born on $2.
fresh() {
    # synchronous_commit on (the throwaway cluster runs with it off for speed): a database
    # stopped with -m immediate must keep what it committed, as a production one does.
    psql -q "$server/postgres" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
        -c "CREATE DATABASE $1" -c "ALTER DATABASE $1 SET synchronous_commit = on"
    export DATABASE_URL="$server/$1?sslmode=disable"
    "$KADO" migrate up >/dev/null
    "$KADO" demo-data --tenant sayakaya --users "$3" --birthday-today-every 1 --date "$2" >/dev/null
}

# Peak resident memory of a process, in MiB.
peak_mib() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

day=$(date -u -d '+20 days' +%F)
rm -rf "$work/rules" "$work/templates"
cp -r rules templates "$work/"
sed -i '/rate_limit:/d' "$work/rules/sayakaya/tenant.yaml" "$work/rules/lunaria/tenant.yaml"
# Birthday messages due when issued: the occurrences here are days ahead (shipped: 09:00 on each customer's clock).
sed -i '/^    send_at:/d; /^send_zone:/d' "$work/rules/sayakaya/birthday.yaml"
export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates KADO_LOG_FORMAT=text

start_fake smtp_port "$work/smtp.out" scripts/fakes/smtp_server.py --dir "$work/mail"
export SMTP_URL="smtp://127.0.0.1:$smtp_port" EMAIL_SENDER="SayaKaya <promo@sayakaya.id>"
cat >"$work/wa.json" <<'JSON'
[{"match": {"path_regex": "/messages$"}, "status": 200, "body": {"messaging_product": "whatsapp", "messages": [{"id": "wamid.F"}]}}]
JSON
start_fake wa_port "$work/wa.out" scripts/fakes/http_stub.py --log "$work/wa.log" --script "$work/wa.json"
export WHATSAPP_TOKEN=token WHATSAPP_PHONE_NUMBER_ID=PHONEID WHATSAPP_API_URL="http://127.0.0.1:$wa_port/v21.0"

# Message-IDs received by the SMTP server: all, and distinct.
received() { cat "$work"/mail/*.eml 2>/dev/null | grep -ai '^Message-ID:' | wc -l; }
distinct() { cat "$work"/mail/*.eml 2>/dev/null | grep -ai '^Message-ID:' | sort -u | wc -l; }
wa_requests() { grep -c '"path": "/v21.0/PHONEID/messages"' "$work/wa.log"; }

# ---- kill -9 during dispatch, round after round: nothing lost, duplicates within the bound ----
fault_kill() {
rounds=$([ "$short" = 1 ] && echo 3 || echo 20)
users=$([ "$short" = 1 ] && echo 1500 || echo 12000)
concurrency=16
fresh kado_faults_kill "$day" "$users"
"$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
emails=$(q "select count(*) from notifications where channel = 'email'")
q "update notifications set status = 'cancelled' where channel = 'whatsapp'" >/dev/null
rm -f "$work"/mail/*
survived=0
attempts=0
# Each round starts a dispatcher and kills it mid-send; a round whose dispatcher had
# already finished does not count. The rounds end early when no unclaimed row is left (a
# fast machine sends the short form's emails in a few rounds).
unclaimed() { q "select count(*) from notifications where channel = 'email' and status = 'pending'"; }
while [ $survived -lt "$rounds" ] && [ $attempts -lt $((rounds * 3)) ] && [ "$(unclaimed)" -gt 0 ]; do
    attempts=$((attempts + 1))
    "$KADO" dispatch --concurrency $concurrency --lease-seconds 5 >/dev/null 2>&1 &
    victim=$!
    sleep "0.$((RANDOM % 3 + 1))"
    if kill -9 $victim 2>/dev/null; then survived=$((survived + 1)); fi
    wait $victim 2>/dev/null
done
left=$(unclaimed)
check "kill -9: $survived of $rounds rounds killed a dispatcher mid-send ($left rows never claimed left)" \
    test "$survived" -ge 1 -a \( "$survived" -eq "$rounds" -o "$left" -eq 0 \)
sleep 5.5  # the killed dispatchers' leases run out
"$KADO" dispatch --concurrency $concurrency >/dev/null 2>&1
lost=$((emails - $(distinct)))
dups=$(( $(received) - $(distinct) ))
check "kill -9: every email arrived ($emails rows, $(distinct) distinct Message-IDs)" test "$lost" -eq 0
check "kill -9: every row ends sent" test "$(q "select count(*) from notifications where channel = 'email' and status = 'sent'")" -eq "$emails"
check "kill -9: duplicates within the bound ($dups <= $concurrency x $survived kills)" test "$dups" -le $((concurrency * survived))
figure "kill -9: $survived kills during dispatch of $emails emails (concurrency $concurrency): lost $lost, duplicates $dups (bound $((concurrency * survived)))"
}

# ---- SIGTERM past the grace period: in-flight sends abandoned, exit 0, nothing stuck ----
fault_term() {
fresh kado_faults_term "$day" 200
"$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
q "update notifications set status = 'cancelled' where channel = 'email'" >/dev/null
cat >"$work/slow.json" <<'JSON'
[{"match": {"path_regex": "/messages$"}, "status": 200, "delay_ms": 4000, "body": {"messages": [{"id": "wamid.SLOW"}]}}]
JSON
start_fake slow_port "$work/slow.out" scripts/fakes/http_stub.py --log "$work/slow.log" --script "$work/slow.json"
WHATSAPP_API_URL="http://127.0.0.1:$slow_port/v21.0" "$KADO" run --concurrency 4 --grace-seconds 1 >"$work/term.log" 2>&1 &
daemon=$!
wait_for 20 "grep -q '\"path\"' '$work/slow.log'"
started=$SECONDS
kill -TERM $daemon
wait $daemon; status=$?
took=$((SECONDS - started))
check "SIGTERM past the grace period: exit 0" test $status -eq 0
check "SIGTERM past the grace period: it says the grace period is over" grep -q "grace period over" "$work/term.log"
check "SIGTERM past the grace period: no row left claimed" test "$(q "select count(*) from notifications where status = 'sending'")" -eq 0
in_flight=$(q "select count(*) from notifications where status = 'failed'")
check "SIGTERM past the grace period: only the 4 in flight were attempted ($in_flight)" test "$in_flight" -le 4
check "SIGTERM past the grace period: every unstarted claim went back unsent" test "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'pending' and attempts = 0")" -eq "$(( $(q "select count(*) from notifications where channel = 'whatsapp'") - in_flight ))"
figure "SIGTERM with sends of 4 s and --grace-seconds 1: exit $status after about $took s; $(q "select count(*) from notifications where status = 'failed'") in-flight messages recorded as failed (outcome unknown), $(q "select count(*) from notifications where status = 'pending'") handed back"
}

# ---- two and four dispatchers under one rate limit ----
fault_rate() {
rate_users=$([ "$short" = 1 ] && echo 60 || echo 200)
for n in 2 4; do
    fresh "kado_faults_rate$n" "$day" "$rate_users"
    cp -r "$work/rules" "$work/rules-rate"
    sed -i 's/^  whatsapp:$/  whatsapp:\n    rate_limit: 20/' "$work/rules-rate/sayakaya/tenant.yaml"
    KADO_RULES=$work/rules-rate "$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
    q "update notifications set status = 'cancelled' where channel = 'email'" >/dev/null
    : >"$work/wa.log"
    runs=()
    for _ in $(seq 1 $n); do
        KADO_RULES=$work/rules-rate "$KADO" dispatch --concurrency 8 >/dev/null 2>&1 &
        runs+=($!)
    done
    wait "${runs[@]}"
    rm -rf "$work/rules-rate"
    read -r rate within <<<"$(python3 - "$work/wa.log" <<'PY'
import json, sys
times = sorted(json.loads(l)["time"] for l in open(sys.argv[1]) if l.strip())
span = times[-1] - times[0]
# The bucket holds a quarter second's worth (5 at 20/s): n messages need (n - 5) / 20 s.
# Times are when requests arrive, not when tokens were granted: a loaded machine may delay
# the first arrival, so a quarter second of arrival jitter is allowed.
print("%.1f %d" % ((len(times) - 1) / span, len(times) <= 20 * (span + 0.25) + 5 + 1))
PY
)"
    check "$n dispatchers under rate_limit 20: combined $rate msg/s, never above the rate plus the bucket's burst of 5" test "$within" = 1
    wa_rows=$(q "select count(*) from notifications where channel = 'whatsapp'")
    check "$n dispatchers: every WhatsApp message requested once" test "$(wa_requests)" -eq "$wa_rows"
    figure "$n dispatchers, rate_limit 20/s, $wa_rows WhatsApp messages: combined $rate msg/s"
done
}

# ---- PostgreSQL stopped and started under a running daemon ----
fault_outage() {
: "${FAULTS_KEEP_LOGS:=}"
fresh kado_faults_outage "$day" "$([ "$short" = 1 ] && echo 500 || echo 1500)"
"$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
q "update notifications set status = 'cancelled' where channel = 'email'" >/dev/null
rows=$(q "select count(*) from notifications where channel = 'whatsapp'")
cat >"$work/paced.json" <<'JSON'
[{"match": {"path_regex": "/messages$"}, "status": 200, "delay_ms": 20, "body": {"messages": [{"id": "wamid.P"}]}}]
JSON
start_fake paced_port "$work/paced.out" scripts/fakes/http_stub.py --log "$work/paced.log" --script "$work/paced.json"
WHATSAPP_API_URL="http://127.0.0.1:$paced_port/v21.0" "$KADO" run --concurrency 4 --poll-interval 1 >"$work/outage.log" 2>&1 &
daemon=$!
pids+=($daemon)
wait_for 30 "[ \$(grep -c '\"path\"' '$work/paced.log') -gt 100 ]"
pg -D "$KADO_PG_DATA" -m immediate stop >/dev/null
down_at=$SECONDS
sleep 3
check "outage: the daemon is still running with the database down" kill -0 $daemon
pg -D "$KADO_PG_DATA" -l "$KADO_PG_LOG" -w -o "$KADO_PG_OPTIONS" start >/dev/null
wait_for 90 "[ \$(psql -tA '$DATABASE_URL' -c \"select count(*) from notifications where channel = 'whatsapp' and status = 'sent'\" 2>/dev/null || echo 0) -eq $rows ]"
resumed=$((SECONDS - down_at))
check "outage: the daemon survived" kill -0 $daemon
check "outage: every message sent after the database came back ($rows)" test "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'sent'")" -eq "$rows"
check "outage: the loss is logged once" test "$(grep -c 'database connection lost' "$work/outage.log")" -eq 1
check "outage: the recovery is logged once" test "$(grep -c 'database connection restored' "$work/outage.log")" -eq 1
distinct_wa=$(grep -o '\\"to\\":\\"[0-9]*\\"' "$work/paced.log" | sort -u | wc -l)
wa_dups=$(( $(grep -c '"path"' "$work/paced.log") - distinct_wa ))
check "outage: nothing lost ($distinct_wa numbers messaged of $rows)" test "$distinct_wa" -eq "$rows"
check "outage: duplicates within the in-flight bound ($wa_dups <= 4)" test "$wa_dups" -le 4
[ -n "$FAULTS_KEEP_LOGS" ] && cp "$work/outage.log" "$FAULTS_KEEP_LOGS/outage.log"
figure "PostgreSQL stopped 3 s under a sending daemon ($rows messages): all sent ${resumed} s after the stop, lost 0, duplicates $wa_dups"
kill -TERM $daemon; wait $daemon 2>/dev/null
}

# ---- a tenant with a missing table beside a healthy one ----
fault_tenant() {
# At 12:00 UTC both tenants' trigger times have passed (19:00 in Jakarta, 13:00 in Amsterdam).
today=$(date -u +%F)
fresh kado_faults_tenant "$today" 300
cp -r "$work/rules" "$work/rules-broken"
sed -i 's/^  table: members/  table: members_gone/' "$work/rules-broken/lunaria/tenant.yaml"
KADO_RULES=$work/rules-broken "$KADO" run --once --now "${today}T12:00:00Z" >"$work/once.out" 2>"$work/once.err"; status=$?
check "missing table: run --once exits 4" test $status -eq 4
check "missing table: it names the failed rule" grep -q "lunaria/birthday-week" "$work/once.err"
check "missing table: the healthy tenant is issued" test "$(q "select count(*) from promos where tenant_id = 'sayakaya'")" -eq 1
lunaria_runs=$(q "select count(*) from kado_runs where tenant_id = 'lunaria'")
check "missing table: each of lunaria's due rules recorded as failed with the cause ($lunaria_runs)" test "$lunaria_runs" -ge 1 -a \
    "$(q "select count(*) from kado_runs where tenant_id = 'lunaria' and status = 'failed' and detail like '%42P01%members_gone%'")" -eq "$lunaria_runs"
check "missing table: kado status shows why" bash -c "KADO_RULES='$work/rules-broken' '$KADO' status | grep -q 'FAILED .*members_gone'"
rm -rf "$work/rules-broken"
}

# ---- a rule edited between issue and send ----
fault_edit() {
fresh kado_faults_edit "$day" 3
"$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
cp -r "$work/rules" "$work/rules-edited"
sed -i 's/amount: 10000/amount: 50000/; s/days: 1 /days: 30 /' "$work/rules-edited/sayakaya/birthday.yaml"
rm -f "$work"/mail/*
KADO_RULES=$work/rules-edited "$KADO" dispatch >/dev/null 2>&1
check "edited rule: the email shows the issued Rp10.000" bash -c "grep -l 'Rp10.000' '$work'/mail/*.eml >/dev/null && ! grep -q '50.000' '$work'/mail/*.eml"
rm -rf "$work/rules-edited"
}

# ---- a past date: evaluate refuses without --force; with it, nothing expired is sent ----
fault_past() {
fresh kado_faults_past "$(date -u -d '-3 days' +%F)" 5
past=$(date -u -d '-3 days' +%F)
"$KADO" evaluate --tenant sayakaya --date "$past" >/dev/null 2>"$work/past.err"; status=$?
check "past date: evaluate refuses (exit 1) and says why" bash -c "[ $status -eq 1 ] && grep -q 'has passed' '$work/past.err'"
"$KADO" evaluate --tenant sayakaya --date "$past" --force >/dev/null
rm -f "$work"/mail/*; : >"$work/wa.log"
"$KADO" dispatch --format json >"$work/past.json" 2>/dev/null
check "past date: every message is expired, none sent" bash -c "python3 -c \"import json; d=json.load(open('$work/past.json')); assert d['expired'] == 10 and d['sent'] == 0, d\" && [ \$(ls '$work/mail' 2>/dev/null | wc -l) -eq 0 ] && [ \$(grep -c path '$work/wa.log') -eq 0 ]"
}

# ---- a 429 with Retry-After: 5, resent no earlier than 5 s after the answer ----
fault_retry_after() {
fresh kado_faults_429 "$day" 3
"$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
q "update notifications set status = 'cancelled' where channel = 'email'" >/dev/null
cat >"$work/429.json" <<'JSON'
[{"match": {"path_regex": "/messages$"}, "status": 429, "headers": {"Retry-After": "5"}, "times": 1,
  "body": {"error": {"message": "too many", "code": 130429}}},
 {"match": {"path_regex": "/messages$"}, "status": 200, "body": {"messages": [{"id": "wamid.OK"}]}}]
JSON
start_fake r_port "$work/429.out" scripts/fakes/http_stub.py --log "$work/429.log" --script "$work/429.json"
WHATSAPP_API_URL="http://127.0.0.1:$r_port/v21.0" "$KADO" run --poll-interval 0.5 >"$work/429.daemon" 2>&1 &
daemon=$!
pids+=($daemon)
wait_for 30 "[ \$(psql -tA '$DATABASE_URL' -c \"select count(*) from notifications where channel = 'whatsapp' and status = 'sent'\") -eq 3 ]"
kill -TERM $daemon; wait $daemon 2>/dev/null
gap=$(python3 - "$work/429.log" <<'PY'
import json, sys
entries = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
first = entries[0]
to = json.loads(first["body"])["to"]
again = [e for e in entries[1:] if json.loads(e["body"])["to"] == to]
# Requests already on their way when the 429 came back (within a tenth of a second) do
# not count; after that the whole channel must wait the Retry-After.
later = [e for e in entries[1:] if e["time"] - first["time"] > 0.1]
print("%.2f %.2f" % (again[0]["time"] - first["time"], min(e["time"] for e in later) - first["time"]))
PY
)
check "429: the message is resent no earlier than 5 s after the answer (after $(echo $gap | cut -d' ' -f1) s)" python3 -c "import sys; sys.exit(0 if float('${gap% *}') >= 5 else 1)"
check "429: the whole channel waited too (its next request after $(echo $gap | cut -d' ' -f2) s)" python3 -c "import sys; sys.exit(0 if float('${gap#* }') >= 5 else 1)"
figure "429 with Retry-After 5: the message was resent after ${gap% *} s; the channel's next request (requests already in flight aside) after ${gap#* } s"
}

# ---- an expired credential, then fixed: nothing dead, everything sent after the fix ----
fault_token() {
fresh kado_faults_token "$day" 50
"$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
q "update notifications set status = 'cancelled' where channel = 'email'" >/dev/null
cat >"$work/token.json" <<'JSON'
[{"match": {"path_regex": "/messages$"}, "status": 401,
  "body": {"error": {"message": "Error validating access token: Session has expired", "type": "OAuthException", "code": 190}}}]
JSON
start_fake t_port "$work/token.out" scripts/fakes/http_stub.py --log "$work/token.log" --script "$work/token.json"
WHATSAPP_API_URL="http://127.0.0.1:$t_port/v21.0" "$KADO" run --poll-interval 0.5 >"$work/token.daemon" 2>&1 &
daemon=$!
pids+=($daemon)
wait_for 20 "grep -q 'channel paused' '$work/token.daemon' && grep -q 'ready: SIGHUP' '$work/token.daemon'"
wait_for 20 "[ \$(psql -tA '$DATABASE_URL' -c \"select count(*) from notifications where channel = 'whatsapp' and status = 'sending'\") -eq 0 ]"
check "expired token: the channel is paused, nothing dead" test "$(q "select count(*) from notifications where status = 'dead'")" -eq 0
wa_rows=$(q "select count(*) from notifications where channel = 'whatsapp'")
check "expired token: the messages wait, no attempt counted ($wa_rows)" test "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'pending' and attempts = 0")" -eq "$wa_rows"
check "expired token: kado status says the channel is paused and why" bash -c "'$KADO' status | grep -q 'PAUSED sayakaya channel whatsapp.*credentials rejected.*190'"
# The token is renewed at the provider; the operator reloads.
cp "$work/wa.json" "$work/token.json"
kill -HUP $daemon
wait_for 20 "[ \$(psql -tA '$DATABASE_URL' -c \"select count(*) from notifications where channel = 'whatsapp' and status = 'sent'\") -eq $wa_rows ]"
check "expired token: the pause is logged once" test "$(grep -c 'channel paused' "$work/token.daemon")" -eq 1
check "expired token: after the fix and a reload every message is sent" test "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'sent'")" -eq "$wa_rows"
kill -TERM $daemon; wait $daemon 2>/dev/null
}

# ---- an alias bomb and a 10,000-deep file sent to a running daemon by SIGHUP ----
fault_hostile() {
fresh kado_faults_hostile "$day" 10
"$KADO" run --poll-interval 1 >"$work/hostile.log" 2>&1 &
daemon=$!
pids+=($daemon)
wait_for 20 "grep -q 'ready: SIGHUP' '$work/hostile.log'"
before=$(peak_mib $daemon)
python3 - "$work/rules/sayakaya/bomb.yaml" "$work/rules/sayakaya/deep.yaml" <<'PY'
import sys
levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
for i, name in enumerate("bcdefg"):
    prev = "abcdefg"[i]
    levels.append("%s: &%s [%s]" % (name, name, ", ".join(["*" + prev] * 9)))
open(sys.argv[1], "w").write("\n".join(levels) + "\n")
open(sys.argv[2], "w").write("id: deep\nname: " + "[" * 10000 + "]" * 10000 + "\n")
PY
kill -HUP $daemon
wait_for 20 "grep -q 'reload failed' '$work/hostile.log'"
after=$(peak_mib $daemon)
check "hostile files on SIGHUP: the daemon keeps running" kill -0 $daemon
check "hostile files on SIGHUP: both are rejected with file:line:col" bash -c "grep -q 'reload rejected: .*bomb.yaml:[0-9]*:[0-9]*: error' '$work/hostile.log' && grep -q 'reload rejected: .*deep.yaml:[0-9]*:[0-9]*: error' '$work/hostile.log'"
check "hostile files on SIGHUP: memory stays flat (peak $before MiB before, $after MiB after)" python3 -c "import sys; sys.exit(0 if float('$after') - float('$before') < 32 else 1)"
figure "alias bomb and 10,000-deep file by SIGHUP: daemon alive, peak RSS $before MiB before and $after MiB after"
rm -f "$work/rules/sayakaya/bomb.yaml" "$work/rules/sayakaya/deep.yaml"
kill -TERM $daemon; wait $daemon 2>/dev/null
}

# ---- the outbox table renamed away under a running daemon (a botched migration) ----
fault_renamed() {
fresh kado_faults_renamed "$day" 100
"$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
q "update notifications set status = 'cancelled' where channel = 'email'" >/dev/null
rows=$(q "select count(*) from notifications where channel = 'whatsapp'")
: >"$work/wa.log"
q "alter table notifications rename to notifications_away" >/dev/null
"$KADO" run --concurrency 4 --poll-interval 1 >"$work/renamed.log" 2>&1 &
daemon=$!
pids+=($daemon)
wait_for 30 "grep -q 'dispatch pass failed' '$work/renamed.log'"
check "renamed outbox: the failed pass is logged with its SQLSTATE" grep -q "42P01.*dispatch pass failed; the daemon goes on\|dispatch pass failed; the daemon goes on.*42P01" "$work/renamed.log"
check "renamed outbox: the daemon is still running" kill -0 $daemon
q "alter table notifications_away rename to notifications" >/dev/null
back_at=$SECONDS
wait_for 90 "[ \$(q \"select count(*) from notifications where channel = 'whatsapp' and status = 'sent'\") -eq $rows ]"
resumed=$((SECONDS - back_at))
check "renamed outbox: every message sent once the table is back ($rows)" test "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'sent'")" -eq "$rows"
check "renamed outbox: each number messaged once" test "$(wa_requests)" -eq "$rows"
check "renamed outbox: the daemon survived" kill -0 $daemon
failures=$(grep -c 'dispatch pass failed' "$work/renamed.log")
figure "outbox table renamed away under the daemon: failed passes logged: $failures (42P01); all $rows messages sent ${resumed} s after it was back, each once"
kill -TERM $daemon; wait $daemon 2>/dev/null
}

# FAULTS_ONLY="kill outage" runs some of them.
for name in ${FAULTS_ONLY:-kill term rate outage renamed tenant edit past retry_after token hostile}; do
    echo "# $name"
    "fault_$name"
done

echo
echo "figures:"
for f in "${figures[@]}"; do echo "  $f"; done
echo "$pass passed, $fail failed"
test $fail -eq 0
