#!/usr/bin/env bash
# Idle daemon: what `kado run` costs while it has nothing to send. Counts the statements it
# sends to PostgreSQL (log_statement = all, lines of its database in the server log) and
# its CPU (utime + stime from /proc) over IDLE_SECONDS, after a warm-up in which it does
# what is due at start (today's catch-up), then extrapolates to a minute and an hour.
#
#   bench/dispatch/idle.sh                       # IDLE_SECONDS=60, MODES="listen poll"
#   IDLE_SECONDS=120 MODES=poll bench/dispatch/idle.sh
#
# Environment:
#   IDLE_SECONDS  measured interval (default 60)
#   WARMUP        seconds between start and the measurement (default 8)
#   MODES         listen (the default daemon: woken by NOTIFY kado_outbox) and/or poll
#                 (KADO_LISTEN=0: polls every --poll-interval)
#   KADO_BIN      a built kado (default: build .build-bench/release/kado)
#
# Runs on a throwaway PostgreSQL (scripts/with-postgres.sh); prints a markdown table.
# Not part of the test suite.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
IDLE_SECONDS=${IDLE_SECONDS:-60}
WARMUP=${WARMUP:-8}
MODES=${MODES:-"listen poll"}

if [ "${KADO_BENCH_INNER:-}" != 1 ]; then
    # shellcheck source=bench/in-cluster.sh
    . "$here/../in-cluster.sh"
    bench_in_cluster "$0" "$@"
fi

kado=$KADO_BIN
psql=${KADO_PG_BINDIR:+$KADO_PG_BINDIR/}psql
server=${KADO_TEST_DATABASE_URL%%\?*}
server=${server%/*}
export PGOPTIONS="-c client_min_messages=warning"
work=$(mktemp -d /tmp/kado-bench-idle.XXXXXX)
daemon=
cleanup() {
    if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
q() { "$psql" -X -tA "$1" -c "$2"; }
log() { echo "== $*" >&2; }
clk=$(getconf CLK_TCK)
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

log_file="$(dirname "$(q "$KADO_TEST_DATABASE_URL" 'SHOW data_directory')")/server.log"
[ -r "$log_file" ] || { echo "idle.sh: cannot read the server log $log_file" >&2; exit 1; }
q "$KADO_TEST_DATABASE_URL" "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
q "$KADO_TEST_DATABASE_URL" "ALTER SYSTEM SET log_line_prefix = '%m [%p] db=%d '" >/dev/null
q "$KADO_TEST_DATABASE_URL" "SELECT pg_reload_conf()" >/dev/null

cp -r rules templates "$work/"
export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates KADO_OUTBOX=$work/outbox
export EMAIL_SENDER="SayaKaya <promo@sayakaya.id>"
unset SMTP_URL WHATSAPP_TOKEN WHATSAPP_PHONE_NUMBER_ID WHATSAPP_API_URL MAILTRAP_API_TOKEN

echo "| daemon | seconds measured | statements | statements/min | CPU s | CPU s/hour (extrapolated) |"
echo "|---|---:|---:|---:|---:|---:|"
n=0
for mode in $MODES; do
    n=$((n + 1))
    db=idle_$n
    "$psql" -X -q "$server/postgres" -c "CREATE DATABASE $db"
    export DATABASE_URL="$server/$db?sslmode=disable"
    "$kado" migrate up >/dev/null
    "$kado" demo-data --tenant sayakaya --users 2000 --birthday-today-every 50 >/dev/null
    listen=1
    [ "$mode" = poll ] && listen=0
    KADO_LISTEN=$listen "$kado" run >"$work/run-$mode.log" 2>&1 &
    daemon=$!
    sleep "$WARMUP"
    before=$(grep -c "db=$db " "$log_file" || true)
    t0=$(ticks "$daemon")
    sleep "$IDLE_SECONDS"
    t1=$(ticks "$daemon")
    after=$(grep -c "db=$db " "$log_file" || true)
    # Only statement lines: log_statement writes "statement:" (simple protocol) or
    # "execute <name>:" (extended protocol) once per statement.
    statements=$(tail -n +1 "$log_file" | grep "db=$db " | sed -n "$((before + 1)),${after}p" |
        grep -cE 'LOG:  (statement|execute [^:]*):' || true)
    kill "$daemon"
    wait "$daemon" 2>/dev/null || true
    daemon=
    cpu=$(awk -v a="$t0" -v b="$t1" -v k="$clk" 'BEGIN{printf "%.2f", (b-a)/k}')
    echo "| $mode ($([ "$mode" = poll ] && echo 'KADO_LISTEN=0, --poll-interval 5' || echo 'LISTEN kado_outbox')) | $IDLE_SECONDS | $statements" \
        "| $(awk -v s="$statements" -v t="$IDLE_SECONDS" 'BEGIN{printf "%.1f", s*60/t}')" \
        "| $cpu | $(awk -v c="$cpu" -v t="$IDLE_SECONDS" 'BEGIN{printf "%.1f", c*3600/t}') |"
done
