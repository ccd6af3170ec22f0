#!/usr/bin/env bash
# Outbox retention benchmark: `kado outbox prune` deleting OLD (default 10,000,000) old
# finished rows while `kado dispatch` sends SEND (default 20,000) WhatsApp messages to a
# local nginx stand-in, against the same dispatch without a prune, in one run. Reports
# the dispatcher's throughput alone and during the prune, the prune's rate, and the
# longest lock wait any statement saw (PostgreSQL's log_lock_waits with a 10 ms
# deadlock_timeout: every wait longer than that is logged).
#
#   bench/retention/run.sh                 # OLD=10000000 SEND=20000
#   OLD=1000000 bench/retention/run.sh     # a quick look
#
# Runs on a throwaway PostgreSQL (scripts/with-postgres.sh); nginx on 127.0.0.1 only.
# Not part of the test suite. Needs nginx (apt-get install nginx-light).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
OLD=${OLD:-10000000}
SEND=${SEND:-20000}

if [ "${KADO_BENCH_INNER:-}" != 1 ]; then
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "run.sh: needs nginx (apt-get install nginx-light)" >&2; exit 2; }
    export OLD SEND
    # shellcheck source=bench/in-cluster.sh
    . "$here/../in-cluster.sh"
    bench_in_cluster "$0" "$@"
fi

KADO=$KADO_BIN
work=$(mktemp -d)
nginx_pid=
cleanup() { [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
server=${KADO_TEST_DATABASE_URL%%\?*}
server=${server%/*}
export DATABASE_URL="$server/kado_retention?sslmode=disable"
psql -q "$server/postgres" -c "CREATE DATABASE kado_retention" \
    -c "ALTER DATABASE kado_retention SET log_lock_waits = on" -c "ALTER DATABASE kado_retention SET deadlock_timeout = '10ms'"
q() { psql -tA "$DATABASE_URL" -c "$1"; }
"$KADO" migrate up >/dev/null

port=18090
while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
sed "s|@WORK@|$work|g; s|@PORT@|$port|g" bench/dispatch/nginx.conf.in >"$work/nginx.conf"
mkdir -p "$work/nginx-body"
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
for _ in $(seq 1 50); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done

cp -r rules templates "$work/"
sed -i '/rate_limit:/d' "$work/rules/sayakaya/tenant.yaml"
# Birthday messages due when issued: the occurrences here are days ahead (shipped: 09:00 on each customer's clock).
sed -i '/^    send_at:/d; /^send_zone:/d' "$work/rules/sayakaya/birthday.yaml"
export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates WHATSAPP_TOKEN=t WHATSAPP_PHONE_NUMBER_ID=P
export WHATSAPP_API_URL="http://127.0.0.1:$port/v21.0"

echo "== $OLD old finished rows" >&2
started=$(date +%s.%N)
psql -q "$DATABASE_URL" <<SQL
INSERT INTO promos (tenant_id, rule_id, occurrence_date, promo_code, name, amount, start_date, end_date, valid_from, valid_until)
VALUES ('sayakaya', 'birthday', '2025-01-01', 'OLD-PROMO', 'old', 10000, '2025-01-01', '2025-01-01', '2025-01-01', '2025-01-02');
INSERT INTO notifications (tenant_id, promo_id, user_id, channel, template, recipient, user_name, status, attempts, sent_at, updated_at, created_at)
SELECT 'sayakaya', 1, g, 'whatsapp', 'birthday', '+62812' || lpad(g::text, 8, '0'), 'Old', 'sent', 1,
       now() - interval '90 days', now() - interval '90 days', now() - interval '90 days'
  FROM generate_series(1, $OLD) g;
VACUUM ANALYZE notifications;
SQL
echo "   loaded in $(python3 -c "import time; print(round(time.time() - $started))") s" >&2

day=$(date -u -d '+10 days' +%F)
"$KADO" demo-data --tenant sayakaya --users $((SEND * 2)) --first-id 100000000 --birthday-today-every 1 --date "$day" >/dev/null
q "update users set phone_number = '+62813' || lpad(id::text, 9, '0'), email = null" >/dev/null
"$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
q "update notifications set status = 'cancelled' where promo_id <> 1 and id not in (select id from notifications where promo_id <> 1 order by id limit $SEND)" >/dev/null
sending=$(q "select count(*) from notifications where promo_id <> 1 and status = 'pending'")
requeue() { q "update notifications set status = 'pending', attempts = 0, next_attempt_at = now(), sent_at = null where promo_id <> 1 and status = 'sent'" >/dev/null; }

rate() { python3 -c "import json,sys; d=json.load(open('$1')); print(round(d['sent'] / d['seconds']))"; }
echo "== dispatch alone ($sending messages)" >&2
"$KADO" dispatch --concurrency 32 --format json >"$work/alone.json"
alone=$(rate "$work/alone.json")
requeue

echo "== dispatch during the prune" >&2
log_before=$(wc -l <"$KADO_PG_LOG")
"$KADO" outbox prune --older-than 30 >"$work/prune.out" &
pruner=$!
prune_started=$(date +%s.%N)
"$KADO" dispatch --concurrency 32 --format json >"$work/during.json"
during=$(rate "$work/during.json")
wait $pruner
prune_seconds=$(python3 -c "import time; print(round(time.time() - $prune_started, 1))")
pruned=$(grep -o 'pruned [0-9]*' "$work/prune.out" | cut -d' ' -f2)
waits=$(tail -n +"$log_before" "$KADO_PG_LOG" | grep -c 'still waiting for' || true)
longest=$(tail -n +"$log_before" "$KADO_PG_LOG" | grep -oE '(acquired|still waiting for) [A-Za-z]+Lock on .* after [0-9.]+ ms' | grep -oE '[0-9.]+ ms' | sort -n | tail -1 || true)
left=$(q "select count(*) from notifications where promo_id = 1")

cat <<EOF
| run | dispatch msgs/s | notes |
|---|---:|---|
| dispatch alone, $sending WhatsApp messages to nginx, concurrency 32 | $alone | |
| dispatch during \`kado outbox prune --older-than 30\` of $OLD rows | $during | $(python3 -c "print(round($during / $alone, 2))")x; prune deleted $pruned rows in $prune_seconds s ($(python3 -c "print(round($pruned / $prune_seconds))") rows/s), $left left |

Lock waits longer than 10 ms during the prune: $waits$( [ -n "$longest" ] && echo " (longest $longest)" || echo " (none: every lock was granted within 10 ms)")
EOF
