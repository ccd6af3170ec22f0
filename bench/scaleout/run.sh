#!/usr/bin/env bash
# Scale-out benchmark: 1, 2 and 4 `kado run` daemons on one database sending N (default
# 20,000) WhatsApp messages to a local nginx stand-in, connected directly and through
# PgBouncer (transaction pooling). Reports the combined messages/s, the connections each
# daemon held, and the duplicates counted at the sink (nginx logs every request body).
#
#   bench/scaleout/run.sh             # N=20000
#   N=5000 bench/scaleout/run.sh      # a quick look
#
# Runs on a throwaway PostgreSQL (scripts/with-postgres.sh); nginx and PgBouncer on
# 127.0.0.1 only. Not part of the test suite. Needs nginx-light and pgbouncer.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
N=${N:-20000}

if [ "${KADO_BENCH_INNER:-}" != 1 ]; then
    for tool in nginx pgbouncer; do
        command -v $tool >/dev/null || [ -x /usr/sbin/$tool ] || { echo "run.sh: needs $tool" >&2; exit 2; }
    done
    export N
    # shellcheck source=bench/in-cluster.sh
    . "$here/../in-cluster.sh"
    bench_in_cluster "$0" "$@"
fi

KADO=$KADO_BIN
work=$(mktemp -d)
chmod 755 "$work"
nginx_pid=
daemons=()
cleanup() {
    for p in "${daemons[@]}"; do kill "$p" 2>/dev/null; done
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
    [ -f "$work/pgbouncer.pid" ] && kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
server=${KADO_TEST_DATABASE_URL%%\?*}
server=${server%/*}
pg_port=${server##*:}
direct="$server/kado_scale?sslmode=disable"
psql -q "$server/postgres" -c "CREATE DATABASE kado_scale"
q() { psql -tA "$direct" -c "$1"; }
DATABASE_URL=$direct "$KADO" migrate up >/dev/null

# nginx: the front reads each body (so it can be logged) and proxies to a fixed 200.
port=18190
while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
back=$((port + 1))
mkdir -p "$work/nginx-body"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx.error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/nginx-body;
    client_body_buffer_size 16k;
    keepalive_requests 1000000;
    log_format body '\$request_body';
    upstream back { server 127.0.0.1:$back; keepalive 64; }
    server {
        listen 127.0.0.1:$port backlog=4096;
        location / {
            access_log $work/requests.log body buffer=256k flush=1s;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_pass http://back;
        }
    }
    server {
        listen 127.0.0.1:$back;
        location / {
            default_type application/json;
            return 200 '{"messaging_product":"whatsapp","messages":[{"id":"wamid.SCALE"}]}';
        }
    }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!

bouncer=6532
while (echo >/dev/tcp/127.0.0.1/$bouncer) 2>/dev/null; do bouncer=$((bouncer + 1)); done
cat >"$work/pgbouncer.ini" <<INI
[databases]
kado_scale = host=127.0.0.1 port=$pg_port dbname=kado_scale
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer
unix_socket_dir =
auth_type = trust
auth_file = $work/users.txt
pool_mode = transaction
default_pool_size = 8
max_client_conn = 400
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
INI
echo '"postgres" ""' >"$work/users.txt"
chown -R postgres "$work" 2>/dev/null || true
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- pgbouncer -d "$work/pgbouncer.ini"; else pgbouncer -d "$work/pgbouncer.ini"; fi
for _ in $(seq 1 50); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && (echo >/dev/tcp/127.0.0.1/$bouncer) 2>/dev/null && break; sleep 0.1; done
pooled="postgresql://postgres@127.0.0.1:$bouncer/kado_scale?sslmode=disable"

cp -r rules templates "$work/"
sed -i '/rate_limit:/d' "$work/rules/sayakaya/tenant.yaml"
# Birthday messages due when issued: the occurrences here are days ahead (shipped: 09:00 on each customer's clock).
sed -i '/^    send_at:/d; /^send_zone:/d' "$work/rules/sayakaya/birthday.yaml"
export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates WHATSAPP_TOKEN=t WHATSAPP_PHONE_NUMBER_ID=P
export WHATSAPP_API_URL="http://127.0.0.1:$port/v21.0"
day=$(date -u -d '+10 days' +%F)
DATABASE_URL=$direct "$KADO" demo-data --tenant sayakaya --users $((N * 2)) --birthday-today-every 1 --date "$day" >/dev/null
q "update users set phone_number = '+62813' || lpad(id::text, 9, '0'), email = null" >/dev/null
DATABASE_URL=$direct "$KADO" evaluate --tenant sayakaya --date "$day" >/dev/null
q "update notifications set status = 'cancelled' where id not in (select id from notifications order by id limit $N)" >/dev/null
rows=$(q "select count(*) from notifications where status = 'pending'")

echo "| daemons | connection | msgs/s combined | connections per daemon | requests at the sink | duplicates |"
echo "|---:|---|---:|---:|---:|---:|"
for mode in direct pgbouncer; do
    url=$([ $mode = direct ] && echo "$direct" || echo "$pooled")
    db_port=$([ $mode = direct ] && echo "$pg_port" || echo "$bouncer")
    for k in 1 2 4; do
        q "update notifications set status = 'pending', attempts = 0, next_attempt_at = now(), sent_at = null, claimed_by = null where status = 'sent'" >/dev/null
        : >"$work/requests.log"
        daemons=()
        started=$(date +%s.%N)
        for _ in $(seq 1 $k); do
            DATABASE_URL=$url "$KADO" run --concurrency 32 --poll-interval 1 >>"$work/daemons.log" 2>&1 &
            daemons+=($!)
        done
        most=0
        while [ "$(q "select count(*) from notifications where status = 'sent'")" -lt "$rows" ]; do
            for p in "${daemons[@]}"; do
                c=$(ss -tnp 2>/dev/null | grep "pid=$p," | grep -c ":$db_port " || true)
                [ "$c" -gt "$most" ] && most=$c
            done
            sleep 0.2
        done
        elapsed=$(python3 -c "import time; print(time.time() - $started)")
        for p in "${daemons[@]}"; do kill -TERM "$p"; wait "$p" 2>/dev/null || true; done
        daemons=()
        sleep 1.2  # nginx flushes its log buffer every second
        total=$(wc -l <"$work/requests.log")
        distinct=$(python3 -c "
import json, urllib.parse
seen = set()
for line in open('$work/requests.log'):
    body = line.strip().encode().decode('unicode_escape')
    if body and body != '-':
        seen.add(json.loads(body)['to'])
print(len(seen))")
        echo "| $k | $mode | $(python3 -c "print(round($rows / $elapsed))") | $most | $total | $((total - distinct)) |"
    done
done
echo
echo "$rows messages per run, concurrency 32 per daemon; msgs/s from the first daemon's start to the last message recorded as sent (daemon start-up included)."
