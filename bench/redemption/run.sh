#!/usr/bin/env bash
# Redemptions per second: `kado serve` (POST /v1/tenants/sayakaya/redemptions over HTTP,
# wrk, every request a different user of one shared code) against the floor, the same
# claim as one hand-written SQL UPDATE driven by pgbench, in the same run, on the same
# throwaway PostgreSQL. See README.md.
#
#   bench/redemption/run.sh                     # N=300000 eligible users, 10 s per run, 32 connections
#   N=100000 SECONDS_PER_RUN=5 CONNECTIONS=16 bench/redemption/run.sh
#
# Needs wrk (apt-get install -y wrk) and PostgreSQL's pgbench (postgresql). Builds kado in
# release mode into .build-bench (or KADO_BIN). Writes bench/redemption/results.md. Not
# part of the test suite.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
N=${N:-300000}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
REPS=${REPS:-3}

if [ "${KADO_BENCH_INNER:-}" != 1 ]; then
    command -v wrk >/dev/null || { echo "run.sh: wrk missing (apt-get install -y wrk)" >&2; exit 2; }
    # shellcheck source=bench/in-cluster.sh
    . "$here/../in-cluster.sh"
    bench_in_cluster "$0" "$@"
fi

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
pgbench=$KADO_PG_BINDIR/pgbench
export SAYAKAYA_API_KEY=bench-sayakaya-key-0123456789 KADO_OUTBOX=$work/outbox
q() { psql -qtA "$DATABASE_URL" -c "$1"; }

echo "== $N eligible users of one shared code" >&2
"$KADO_BIN" migrate up >/dev/null
"$KADO_BIN" demo-data --tenant sayakaya --users "$N" --birthday-today-every 1 >/dev/null
"$KADO_BIN" evaluate --tenant sayakaya >/dev/null
code=$(q "select promo_code from promos where tenant_id = 'sayakaya'")
promo=$(q "select id from promos where tenant_id = 'sayakaya'")
eligible=$(q "select count(*) from promo_eligibilities where promo_id = $promo")
q "VACUUM ANALYZE promo_eligibilities" >/dev/null
reset() { q "UPDATE promo_eligibilities SET claimed_at = NULL WHERE claimed_at IS NOT NULL; TRUNCATE kado_redemptions" >/dev/null; q "VACUUM promo_eligibilities" >/dev/null; }

"$KADO_BIN" serve --listen 127.0.0.1:0 --database-connections "${DB_CONNECTIONS:-4}" >"$work/serve.log" 2>&1 &
pid=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; exit 1; }

out="$here/results.md"
{
    echo "# bench/redemption results"
    echo
    echo "$(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); N=$N eligible users ($eligible), $CONNECTIONS connections, $THREADS client threads, ${SECONDS_PER_RUN} s per run; kado serve with ${DB_CONNECTIONS:-4} PostgreSQL connections."
    echo
    echo "| run | kado serve (HTTP) redemptions/s | 201 | other | p50 ms | p99 ms | floor: SQL UPDATE (pgbench) tx/s | kado / floor |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$out"
for rep in $(seq 1 "$REPS"); do
    reset
    line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$here/redeem.lua" "http://127.0.0.1:$port" -- "$THREADS" "$code" "$SAYAKAYA_API_KEY" | grep '^RESULT')
    requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")
    seconds=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$line")
    created=$(sed 's/.*created=\([0-9]*\).*/\1/' <<<"$line")
    other=$(sed 's/.*other=\([0-9]*\).*/\1/' <<<"$line")
    p50=$(sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<<"$line")
    p99=$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<<"$line")
    claimed=$(q "select count(*) from promo_eligibilities where claimed_at is not null")
    recorded=$(q "select count(*) from kado_redemptions")
    [ "$claimed" = "$created" ] || echo "warning: $created answered 201 but $claimed claims in the table" >&2
    [ "$recorded" = "$requests" ] || echo "note: $requests requests, $recorded recorded (requests cut off at the end are not answered)" >&2
    reset
    tps=$("$pgbench" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" -D pid="$promo" -D n="$N" \
        -f "$here/update.sql" "$DATABASE_URL" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
    rate=$(python3 -c "print(round($requests / $seconds))")
    ratio=$(python3 -c "print(f'{$rate / $tps:.2f}')")
    echo "| $rep | $rate | $created | $other | $p50 | $p99 | $(python3 -c "print(round($tps))") | $ratio |" | tee -a "$out"
done
{
    echo
    echo "kado's peak RSS: $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}')."
} >>"$out"
cat "$out"
