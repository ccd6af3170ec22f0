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
"$KADO" run --once --now "${today}T12:00:00Z" >"$work/once.out" 2>&1; status=$?
check "through PgBouncer: kado run --once issues and sends today's occurrence" bash -c "[ $status -eq 0 ] && [ \$(psql -tA '$direct' -c \"select count(*) from notifications n join promos p on p.id = n.promo_id where p.occurrence_date = '$today' and n.status = 'sent'\") -gt 0 ]"

"$KADO" evaluate --tenant sayakaya --date "$(date -u -d '+16 days' +%F)" >/dev/null
"$KADO" run --poll-interval 0.5 >"$work/daemon.log" 2>&1 &
daemon=$!
pids+=($daemon)
for _ in $(seq 1 100); do
    [ "$(q "select count(*) from notifications where status <> 'sent'")" -eq 0 ] && break
    sleep 0.2
done
check "through PgBouncer: the daemon sends everything due" test "$(q "select count(*) from notifications where status <> 'sent'")" -eq 0
kill -TERM $daemon; wait $daemon; status=$?
check "through PgBouncer: the daemon stops cleanly" test $status -eq 0
check "through PgBouncer: no server errors in the pooler's log" bash -c "! grep -qiE 'prepared statement|server_reset|closing because: .*error' '$work/pgbouncer.log'"
echo "$pass passed, $fail failed"
test $fail -eq 0
