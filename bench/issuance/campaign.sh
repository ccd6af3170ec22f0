#!/usr/bin/env bash
# Whole-audience campaign benchmark: sayakaya's harbolnas (a date trigger, every verified user)
# with one condition, {attribute: email, is_set: true}, for tenants of N users: kado evaluate
# against the best hand-written SQL that writes the same rows. See README.md.
#
#   bench/issuance/campaign.sh                            # N = 10,000, 1,000,000 and 10,000,000
#   SIZES="10000 1000000" REPS=5 bench/issuance/campaign.sh
#
# Environment: SIZES, REPS (runs per approach and size, default 3), DATE (default 2026-12-12),
# KADO_BIN (default: build .build-bench/release/kado), BENCH_NICE (default -10; 0: normal).
# Runs on a throwaway PostgreSQL (scripts/with-postgres.sh), one fresh database per size, and
# writes bench/issuance/campaign-results.md. Not part of the test suite.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

SIZES=${SIZES:-"10000 1000000 10000000"}
REPS=${REPS:-3}
DATE=${DATE:-2026-12-12}

if [ "${KADO_BENCH_INNER:-}" != 1 ]; then
    [ -x /usr/bin/time ] || { echo "campaign.sh: /usr/bin/time missing (apt-get install -y time)" >&2; exit 2; }
    # shellcheck source=bench/in-cluster.sh
    . "$here/../in-cluster.sh"
    bench_in_cluster "$0" "$@"
fi

: "${KADO_TEST_DATABASE_URL:?campaign.sh: KADO_TEST_DATABASE_URL not set (run through scripts/with-postgres.sh)}"
admin_url=$KADO_TEST_DATABASE_URL
kado=$KADO_BIN
psql=${KADO_PG_BINDIR:+$KADO_PG_BINDIR/}psql
work=$(mktemp -d /tmp/kado-campaign.XXXXXX)
trap 'rm -rf "$work"' EXIT
url=$admin_url

# shellcheck source=bench/issuance/measure.sh
. "$here/measure.sh"

# The shipped configuration, harbolnas with its one condition.
cp -r rules templates "$work/"
python3 - "$work/rules/sayakaya/harbolnas.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
old = "audience:\n  verified_only: true\n"
assert old in text, "harbolnas.yaml changed: update campaign.sh"
open(path, "w").write(text.replace(old, old + "  where:\n    - {attribute: email, is_set: true}\n"))
PY
export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates

reset_state() {
    q "TRUNCATE notifications, promo_eligibilities, kado_runs, promos RESTART IDENTITY CASCADE" >/dev/null
    q "CHECKPOINT" >/dev/null
}
counts() { q "SELECT (SELECT count(*) FROM promos), (SELECT count(*) FROM promo_eligibilities), (SELECT count(*) FROM notifications), (SELECT count(*) FROM notifications WHERE channel = 'email' AND attributes IS NULL)"; }
check() { # name expected actual
    if [ "$2" != "$3" ]; then
        log "campaign.sh: $1 wrote promos|eligibilities|notifications|email rows = $3, expected $2"
        exit 1
    fi
}
temp_bytes() { q "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()"; }

run_floor() { "$psql" -X -q -v ON_ERROR_STOP=1 -v date="$DATE" -f "$here/campaign-floor.sql" "$url"; }
run_floorcte() { "$psql" -X -q -v ON_ERROR_STOP=1 -v date="$DATE" -f "$here/campaign-floor-cte.sql" "$url"; }
run_kado() {
    /usr/bin/time -v -o "$work/time.txt" "$kado" evaluate --database-url "$url" --tenant sayakaya \
        --rule harbolnas --date "$DATE" --force
}

machine="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
pg_version=$("$psql" -X -At "$admin_url" -c 'SHOW server_version')
pg_settings=$("$psql" -X -At "$admin_url" -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'fsync', 'synchronous_commit', 'full_page_writes', 'max_wal_size', 'work_mem')")
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$root" status --porcelain -- Sources migrations 2>/dev/null)" ] && commit="$commit + uncommitted changes"
log "== $machine; PostgreSQL $pg_version; $pg_settings"
log "== sizes: $SIZES; $REPS runs each; date $DATE"

rows=()
cpus=()
for n in $SIZES; do
    db=kado_campaign_$n
    url=${admin_url/\/postgres\?//$db?}
    "$psql" -X -q -v ON_ERROR_STOP=1 "$admin_url" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
    log "== N=$n: migrate, load, VACUUM ANALYZE"
    "$kado" migrate up --database-url "$url" >/dev/null
    "$kado" demo-data --database-url "$url" --tenant sayakaya --users "$n" >/dev/null
    q "VACUUM ANALYZE" >/dev/null
    for table in notifications promo_eligibilities kado_runs promos; do
        q "ALTER TABLE $table SET (autovacuum_enabled = off)" >/dev/null
    done
    audience=$(q "SELECT count(*) FROM users WHERE verified_status IS TRUE AND NULLIF(btrim(email), '') IS NOT NULL")
    expected="1|$audience|$audience|$audience"
    log "   audience on $DATE: $audience of $n users"
    rm -f "$work"/{floor,floorcte,kado}.{wall,cpu,ccpu,scpu,temp} "$work/kado.rss" "$work/kado.tx"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    for rep in $(seq 1 "$REPS"); do
        for who in floor floorcte kado; do
            reset_state
            before=$(temp_bytes)
            measure "$who" "run_$who"
            echo $((($(temp_bytes) - before) / 1048576)) >>"$work/$who.temp"
            check "$who" "$expected" "$(counts)"
        done
        awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt" >>"$work/kado.rss"
        sed -n 's/.*(\([0-9.]*\) ms)$/\1/p' "$work/kado.out" >>"$work/kado.tx"
        log "   run $rep: floor $(tail -1 "$work/floor.wall") ms, floor (one statement) $(tail -1 "$work/floorcte.wall") ms, kado $(tail -1 "$work/kado.wall") ms (RSS $(tail -1 "$work/kado.rss") KiB)"
    done
    f=$(median <"$work/floor.wall")
    fc=$(median <"$work/floorcte.wall")
    k=$(median <"$work/kado.wall")
    best=$(printf '%s\n%s\n' "$f" "$fc" | minimum)
    rss=$(maximum <"$work/kado.rss" | awk '{ printf "%.1f", $1 / 1024 }')
    rows+=("| $n | $audience | $f | $fc | $k | $(ratio "$k" "$best") | $rss |")
    cpu_cell() { echo "$(median <"$work/$1.cpu") ($(median <"$work/$1.ccpu") + $(median <"$work/$1.scpu"))"; }
    fcpu=$(printf '%s\n%s\n' "$(median <"$work/floor.cpu")" "$(median <"$work/floorcte.cpu")" | minimum)
    cpus+=("| $n | $(minimum <"$work/floor.wall")–$(maximum <"$work/floor.wall") | $(minimum <"$work/floorcte.wall")–$(maximum <"$work/floorcte.wall") | $(minimum <"$work/kado.wall")–$(maximum <"$work/kado.wall") | $(median <"$work/kado.tx") | $(cpu_cell floor) | $(cpu_cell floorcte) | $(cpu_cell kado) | $(ratio "$(median <"$work/kado.cpu")" "$fcpu") | $(median <"$work/floor.temp") / $(median <"$work/floorcte.temp") / $(median <"$work/kado.temp") | $load |")
    "$psql" -X -q "$admin_url" -c "DROP DATABASE $db"
done

{
    echo "# Whole-audience campaign benchmark results"
    echo
    echo "Generated by \`bench/issuance/campaign.sh\` (SIZES=\"$SIZES\" REPS=$REPS DATE=$DATE) on $(date -u +%Y-%m-%dT%H:%MZ)."
    echo "Machine: $machine. PostgreSQL $pg_version (throwaway cluster: $pg_settings). kado $commit."
    echo
    echo "sayakaya's harbolnas (date trigger) with {attribute: email, is_set: true}: one promo, and an"
    echo "eligibility and an email outbox row per verified user with an email address. Wall times:"
    echo "median of $REPS runs of the whole command, each from an empty state; kado/floor against the"
    echo "faster floor. Peak RSS: the largest of kado's runs."
    echo
    echo "| users | audience | floor ms (two INSERT ... SELECT) | floor ms (one statement) | kado ms | kado/floor | kado peak RSS MiB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Spread, CPU (client + server, medians) and temporary files written by the server (MiB,"
    echo "median: floor / one statement / kado); kado tx is kado's own figure for its transaction."
    echo
    echo "| users | floor ms min–max | one statement ms min–max | kado ms min–max | kado tx ms | floor CPU ms | one statement CPU ms | kado CPU ms | kado/floor CPU | temp MiB | load average |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${cpus[@]}"
} >"$here/campaign-results.md"

echo
cat "$here/campaign-results.md"
