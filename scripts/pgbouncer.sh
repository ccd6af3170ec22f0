#!/usr/bin/env bash
# kado through PgBouncer in transaction pooling mode (inside scripts/with-postgres.sh):
# concurrent evaluations, `kado run --once`, the daemon sending, and `kado dispatch`,
# all through the pooler. kado keeps no session state across transactions and uses
# unnamed statements only, so transaction pooling is safe. (`kado migrate` takes a
# session advisory lock: run it against PostgreSQL directly, as here.)
set -uo pipefail
cd "$(dirname "$0")/.."
KADO=${KADO:-$PWD/.build/debug/kado}
: "${KADO_TEST_DATABASE_URL:?run me through scripts/with-postgres.sh}"
command -v pgbouncer >/dev/null || { echo "pgbouncer.sh: pgbouncer not installed (apt-get install pgbouncer)" >&2; exit 2; }
pass=0
fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
    [ -f "$work/pgbouncer.pid" ] && kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || kill "$p" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

server=${KADO_TEST_DATABASE_URL%%\?*}
server=${server%/*}
pg_port=${server##*:}
direct="$server/kado_pooled?sslmode=disable"
psql -q "$server/postgres" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS kado_pooled WITH (FORCE)" -c "CREATE DATABASE kado_pooled"
DATABASE_URL=$direct "$KADO" migrate up >/dev/null

port=6432
while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
cat >"$work/pgbouncer.ini" <<INI
[databases]
kado_pooled = host=127.0.0.1 port=$pg_port dbname=kado_pooled
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $work/users.txt
pool_mode = transaction
default_pool_size = 10
max_client_conn = 200
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
INI
echo '"postgres" ""' >"$work/users.txt"
[ "$(id -u)" = 0 ] && chown -R postgres "$work"
if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- pgbouncer --quiet "$work/pgbouncer.ini" &
else
    pgbouncer --quiet "$work/pgbouncer.ini" &
fi
pids+=($!)
for _ in $(seq 1 50); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
export DATABASE_URL="postgresql://postgres@127.0.0.1:$port/kado_pooled?sslmode=disable"
q() { psql -tA "$direct" -c "$1"; }

day=$(date -u -d '+15 days' +%F)
"$KADO" demo-data --tenant sayakaya --users 3000 --birthday-today-every 20 --date "$day" >/dev/null
cp -r rules templates "$work/"
sed -i '/rate_limit:/d' "$work/rules/sayakaya/tenant.yaml" "$work/rules/lunaria/tenant.yaml"
# Birthday messages due when issued: the occurrences here are days ahead (shipped: 09:00 on each customer's clock).
sed -i '/^    send_at:/d; /^send_zone:/d' "$work/rules/sayakaya/birthday.yaml"
export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates KADO_OUTBOX=$work/outbox

evals=()
for i in 1 2 3 4 5 6 7 8; do
    "$KADO" evaluate --tenant sayakaya --date "$day" >"$work/eval.$i" 2>&1 &
    evals+=($!)
done
wait "${evals[@]}"
check "through PgBouncer: eight concurrent evaluations issue one promo" test "$(q "select count(*) from promos")" -eq 1
check "through PgBouncer: seven of them say already done" test "$(cat "$work"/eval.* | grep -c 'already done')" -eq 7
"$KADO" dispatch --format json >"$work/dispatch.json" 2>"$work/dispatch.err"
check "through PgBouncer: kado dispatch sends every message" python3 -c "import json; d=json.load(open('$work/dispatch.json')); assert d['sent'] == d['due'] > 0 and d['dead'] == 0, d"

today=$(date -u +%F)
"$KADO" demo-data --tenant sayakaya --users 500 --first-id 5000 --birthday-today-every 5 --date "$today" >/dev/null
"$KADO" demo-data --tenant lunaria --users 100 --birthday-today-every 5 --date "$today" >/dev/null
"$KADO" run --once --now "${today}T12:00:00Z" >"$work/once.out" 2>&1; status=$?
check "through PgBouncer: kado run --once issues and sends today's occurrence" bash -c "[ $status -eq 0 ] && [ \$(psql -tA '$direct' -c \"select count(*) from notifications n join promos p on p.id = n.promo_id where p.occurrence_date = '$today' and n.status = 'sent'\") -gt 0 ]"

ahead=$(date -u -d '+16 days' +%F)
"$KADO" evaluate --tenant sayakaya --date "$ahead" >/dev/null
# Transaction pooling delivers no notifications: the daemon polls (README: poolers).
"$KADO" run --poll-only --poll-interval 0.5 >"$work/daemon.log" 2>&1 &
daemon=$!
pids+=($daemon)
# Everything left is the daemon's: nothing may stay open. A message of run --once's
# occurrence whose promo ended since (SayaKaya's day ends at 17:00 UTC) is expired, not
# sent; the occurrence 16 days ahead must be sent in full.
open_rows="select count(*) from notifications where status not in ('sent', 'expired')"
ahead_unsent="select count(*) from notifications n join promos p on p.id = n.promo_id where p.occurrence_date = '$ahead' and n.status <> 'sent'"
for _ in $(seq 1 100); do
    [ "$(q "$open_rows")" -eq 0 ] && break
    sleep 0.2
done
check "through PgBouncer: the daemon sends everything due" bash -c "[ \$(psql -tA '$direct' -c \"$open_rows\") -eq 0 ] && [ \$(psql -tA '$direct' -c \"$ahead_unsent\") -eq 0 ] && [ \$(psql -tA '$direct' -c \"select count(*) from notifications n join promos p on p.id = n.promo_id where p.occurrence_date = '$ahead'\") -gt 0 ]"
kill -TERM $daemon; wait $daemon; status=$?
check "through PgBouncer: the daemon stops cleanly" test $status -eq 0
check "through PgBouncer: no server errors in the pooler's log" bash -c "! grep -qiE 'prepared statement|server_reset|closing because: .*error' '$work/pgbouncer.log'"
# kado serve through the pooler: ready, and a redemption of today's code claims it once.
export SAYAKAYA_API_KEY=pgbouncer-sayakaya-0123456789 LUNARIA_API_KEY=pgbouncer-lunaria-0123456789
sport=18380
while (echo >/dev/tcp/127.0.0.1/$sport) 2>/dev/null; do sport=$((sport + 1)); done
# Named prepared statements do not survive transaction pooling (PgBouncer 1.18): off.
KADO_PREPARED_STATEMENTS=0 "$KADO" serve --listen "127.0.0.1:$sport" >"$work/serve.log" 2>&1 &
server=$!
pids+=($server)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$sport/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
check "through PgBouncer: kado serve is ready" test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$sport/readyz")" = 200
# lunaria's week-long birthday promo (issued by run --once above) is valid now whatever the
# hour; sayakaya's lasts a day.
read -r code user <<<"$(psql -tA -F ' ' "$direct" -c "select e.promo_code, e.user_id from promos p join promo_eligibilities e on e.tenant_id = p.tenant_id and e.promo_id = p.id where p.tenant_id = 'lunaria' and p.rule_id = 'birthday-week' and p.occurrence_date = '$today' order by e.user_id limit 1")"
redeem() {
    curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$sport/v1/tenants/lunaria/redemptions" \
        -H "Authorization: Bearer $LUNARIA_API_KEY" -H 'Content-Type: application/json' \
        -d "{\"code\": \"$code\", \"user_id\": $user}"
}
first=$(redeem)
second=$(redeem)
check "through PgBouncer: a redemption claims today's code ($code for user $user: $first), a second one is refused ($second)" \
    test "$first" = 201 -a "$second" = 409
check "through PgBouncer: the claim is stored" test "$(q "select count(*) from promo_eligibilities where tenant_id = 'lunaria' and user_id = $user and claimed_at is not null")" -eq 1
kill -TERM $server; wait $server; status=$?
check "through PgBouncer: kado serve stops cleanly" test $status -eq 0
echo "$pass passed, $fail failed"
test $fail -eq 0
