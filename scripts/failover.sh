#!/usr/bin/env bash
# kado across a PostgreSQL failover (run through scripts/with-failover.sh): a `kado run`
# daemon sends WhatsApp messages (to an HTTP stand-in on 127.0.0.1) while evaluations
# issue more promos, and `pg_autoctl perform failover` switches the primary twice.
# Checks that no occurrence gets a second promo or code, nothing is lost, duplicates
# stay within the in-flight bound, and measures how long sending stops at each switch.
set -uo pipefail
cd "$(dirname "$0")/.."
KADO=${KADO:-$PWD/.build/debug/kado}
: "${KADO_FAILOVER_URL:?run me through scripts/with-failover.sh}"
pass=0
fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

work=$(mktemp -d)
pids=()
cleanup() {
    disown -a 2>/dev/null
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
    if [ $fail -gt 0 ]; then
        for f in "$work"/daemon.log "$work"/evaluate.log "$work"/failover.*.log; do
            echo "---- $f (last lines)"; tail -n 15 "$f"
        done
    fi
    rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL=${KADO_FAILOVER_URL/\/postgres\?//kado_failover?}
psql -q "$KADO_FAILOVER_URL" -c "CREATE DATABASE kado_failover"
q() { psql -tA "$DATABASE_URL" -c "$1"; }
primary() { q "select inet_server_port()"; }
"$KADO" migrate up >/dev/null
days=8
users_per_day=${FAILOVER_USERS_PER_DAY:-600}
first=$(date -u -d '+20 days' +%F)
for i in $(seq 0 $((days - 1))); do
    "$KADO" demo-data --tenant sayakaya --users "$users_per_day" --first-id $((i * users_per_day + 1)) \
        --birthday-today-every 1 --date "$(date -u -d "$first + $i days" +%F)" >/dev/null
done

# One number per user (the demo data repeats some), so every request can be told apart.
q "update users set phone_number = '+62812' || lpad(id::text, 8, '0') where phone_number is not null" >/dev/null

cp -r rules templates "$work/"
sed -i 's/^  whatsapp:$/  whatsapp:/; s/^    rate_limit: 20$/    rate_limit: 150/' "$work/rules/sayakaya/tenant.yaml"
# Birthday messages due when issued: the occurrences here are days ahead (shipped: 09:00 on each customer's clock).
sed -i '/^    send_at:/d; /^send_zone:/d' "$work/rules/sayakaya/birthday.yaml"
export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates KADO_OUTBOX=$work/outbox
cat >"$work/wa.json" <<'JSON'
[{"match": {"path_regex": "/messages$"}, "status": 200, "body": {"messaging_product": "whatsapp", "messages": [{"id": "wamid.FO"}]}}]
JSON
python3 scripts/fakes/http_stub.py --log "$work/wa.log" --script "$work/wa.json" >"$work/wa.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q '^PORT ' "$work/wa.out" && break; sleep 0.1; done
export WHATSAPP_TOKEN=token WHATSAPP_PHONE_NUMBER_ID=PHONEID
export WHATSAPP_API_URL="http://127.0.0.1:$(sed -n 's/^PORT //p' "$work/wa.out")/v21.0"
requests() { local n; n=$(grep -c '"path"' "$work/wa.log" 2>/dev/null); echo "${n:-0}"; }

# The daemon's clock reads 01:00 in Jakarta on the first day: that day is due for it.
concurrency=8
"$KADO" run --now "${first}T01:00:00+07:00" --concurrency $concurrency --poll-interval 1 >"$work/daemon.log" 2>&1 &
daemon=$!
pids+=($daemon)
# Meanwhile the other days are issued by hand, each tried again until it gets through.
(
    for i in $(seq 1 $((days - 1))); do
        day=$(date -u -d "$first + $i days" +%F)
        # At most two minutes per day: a formation that never comes back fails the checks
        # below instead of hanging the run.
        tries=0
        until "$KADO" evaluate --tenant sayakaya --date "$day" >>"$work/evaluate.log" 2>&1; do
            tries=$((tries + 1))
            [ $tries -ge 240 ] && break
            sleep 0.5
        done
        sleep 1
    done
) &
issuer=$!
pids+=($issuer)

for _ in $(seq 1 120); do [ "$(requests)" -gt 300 ] && break; sleep 0.25; done
switches=()
took=()
for n in 1 2; do
    before=$(primary)
    started=$(date +%s.%N)
    $KADO_FAILOVER_CTL perform failover --pgdata "$KADO_FAILOVER_MONITOR" >"$work/failover.$n.log" 2>&1
    status=$?
    took+=("$(awk -v a="$(date +%s.%N)" -v b="$started" 'BEGIN { print a - b }')")
    after=$(primary)
    check "failover $n: pg_autoctl switched the primary ($before -> $after)" bash -c "[ $status -eq 0 ] && [ '$before' != '$after' ]"
    switches+=("$started")
    # Let sending go on for a while on the new primary.
    target=$(( $(requests) + 400 ))
    for _ in $(seq 1 240); do [ "$(requests)" -gt $target ] && break; sleep 0.25; done
done
wait $issuer
rows=0
for _ in $(seq 1 240); do
    rows=$(q "select count(*) from notifications where channel = 'whatsapp'")
    [ "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'sent'")" -eq "$rows" ] && break
    sleep 0.5
done
if kill -0 $daemon 2>/dev/null; then
    ok "the daemon survived both failovers"
else
    wait $daemon
    bad "the daemon survived both failovers (it ended with status $?; its warnings and errors:)"
    grep -E ' (warning|error|critical) |^Error|^kado: ' "$work/daemon.log" | tail -n 8 | sed 's/^/     > /'
fi
check "every occurrence has exactly one promo ($days days: $(q "select string_agg(occurrence_date || '=' || n, ' ' order by occurrence_date) from (select occurrence_date, count(*) n from promos group by 1) x"))" test "$(q "select count(*) from (select occurrence_date from promos group by 1 having count(*) = 1) x")" -eq $days
check "no user got a second eligibility for one promo" test "$(q "select count(*) - count(distinct (promo_id, user_id)) from promo_eligibilities")" -eq 0
check "every WhatsApp message was sent ($rows)" test "$(q "select count(*) from notifications where channel = 'whatsapp' and status = 'sent'")" -eq "$rows"
distinct=$(python3 -c "
import json
print(len({json.loads(json.loads(l)['body'])['to'] for l in open('$work/wa.log') if l.strip()}))")
duplicates=$(( $(requests) - distinct ))
check "nothing lost: every number messaged ($distinct of $rows)" test "$distinct" -eq "$rows"
check "duplicates within the in-flight bound ($duplicates <= 2 x $concurrency)" test "$duplicates" -le $((2 * concurrency))
gaps=$(python3 - "$work/wa.log" "${switches[@]}" <<'PY'
import json, sys
times = sorted(json.loads(l)["time"] for l in open(sys.argv[1]) if l.strip())
out = []
for start in map(float, sys.argv[2:]):
    after = [t for t in times if t >= start]
    before = [t for t in times if t < start]
    window = ([before[-1]] if before else []) + [t for t in after if t < start + 120]
    gap = max((b - a for a, b in zip(window, window[1:])), default=0)
    out.append("%.1f" % gap)
print(" ".join(out))
PY
)
echo "     > $rows WhatsApp messages across two failovers (sync standby): lost 0, duplicates $duplicates; longest pause in sending at each switch: ${gaps// / s and } s"
# What the daemon logged on getting the database back: how long it had been away for it.
downs=$(sed -n 's/.*database connection restored.*down_seconds=\([0-9.]*\).*/\1/p' "$work/daemon.log" |
    awk '{ printf "%s%.1f s", (n++ ? ", " : ""), $1 }')
echo "     > pg_autoctl perform failover took $(printf '%.1f s, ' "${took[@]}" | sed 's/, $//'); the daemon found the database back after: ${downs:-nothing logged}"
grep -c "database connection lost" "$work/daemon.log" | xargs -I{} echo "     > the daemon logged {} connection losses and $(grep -c 'database connection restored' "$work/daemon.log") recoveries"
kill -TERM $daemon 2>/dev/null; wait $daemon 2>/dev/null
echo "$pass passed, $fail failed"
test $fail -eq 0
