#!/usr/bin/env bash
# Issuance benchmark: one day's birthday evaluation for a tenant of N users, three ways
# (hand-written SQL floor, kado evaluate, the seed's approach). See README.md.
#
#   bench/issuance/run.sh                          # N = 1,000,000 and 10,000,000
#   SIZES="100000 1000000" bench/issuance/run.sh   # other sizes
#
# Environment: SIZES, REPS (runs per approach and size, default 3), DATE (default 2026-03-15),
# KADO_BIN (default: build .build-bench/release/kado), PYTHON (default python3),
# BENCH_NICE (default -10; 0 to run at normal priority).
# Runs on a throwaway PostgreSQL (scripts/with-postgres.sh), one fresh database per size, and
# writes bench/issuance/results.md. Not part of the test suite: nothing in Tests/, the
# Makefile's test target or scripts/run-tests.sh calls it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

SIZES=${SIZES:-"1000000 10000000"}
REPS=${REPS:-3}
DATE=${DATE:-2026-03-15}
PYTHON=${PYTHON:-python3}
TENANT=sayakaya
RULE=birthday

# Outside the throwaway cluster: build once, then run this script again inside it.
if [ "${KADO_BENCH_INNER:-}" != 1 ]; then
    [ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time missing (apt-get install -y time)" >&2; exit 2; }
    # shellcheck source=bench/in-cluster.sh
    . "$here/../in-cluster.sh"
    bench_in_cluster "$0" "$@"
fi

: "${KADO_TEST_DATABASE_URL:?run.sh: KADO_TEST_DATABASE_URL not set (run through scripts/with-postgres.sh)}"
admin_url=$KADO_TEST_DATABASE_URL
kado=$KADO_BIN
# The server's own psql: /usr/bin/psql on Debian is a Perl wrapper (pg_wrapper) that adds
# tens of milliseconds to every call, which the floor must not pay.
psql=${KADO_PG_BINDIR:+$KADO_PG_BINDIR/}psql
work=$(mktemp -d /tmp/kado-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

seed_mode=python
if ! "$PYTHON" -c 'import psycopg2' 2>/dev/null; then
    echo "== psycopg2 not importable by $PYTHON: the seed is emulated through psql instead" >&2
    seed_mode=psql
fi

# Timing, CPU accounting, medians: shared with campaign.sh.
# shellcheck source=bench/issuance/measure.sh
. "$here/measure.sh"

# --- the three approaches ------------------------------------------------------------------

# Deletes what any approach wrote, then checkpoints so that no run pays for the previous
# one's dirty buffers.
reset_state() {
    q "TRUNCATE notifications, promo_eligibilities, kado_runs, promos RESTART IDENTITY CASCADE" >/dev/null
    q "CHECKPOINT" >/dev/null
}
counts() { q "SELECT (SELECT count(*) FROM promos), (SELECT count(*) FROM promo_eligibilities), (SELECT count(*) FROM notifications)"; }

check() { # name expected actual
    if [ "$2" != "$3" ]; then
        log "run.sh: $1 wrote promos|eligibilities|notifications = $3, expected $2"
        exit 1
    fi
}

run_floor() {
    "$psql" -X -q -v ON_ERROR_STOP=1 -v tenant="$TENANT" -v rule="$RULE" -v date="$DATE" -v code=BDAY-FLOOR00001 \
        -f "$here/floor.sql" "$url"
}

run_kado() { # /usr/bin/time -v writes the peak RSS to $work/time.txt
    /usr/bin/time -v -o "$work/time.txt" "$kado" evaluate --database-url "$url" --tenant "$TENANT" --rule "$RULE" --force \
        --date "$DATE"
}

run_seed() { # mode; prints one line; exit 3 where the seed's code would fail
    local mode=$1
    if [ "$seed_mode" = python ]; then
        "$PYTHON" "$here/seed.py" --database-url "$url" --date "$DATE" --mode "$mode"
    else
        seed_psql "$mode"
    fi
}

# Fallback without psycopg2: the same statements through psql, one per round trip.
seed_psql() {
    local mode=$1 md=${DATE:5:5} f=$work/seed.sql ids=$work/seed.ids n
    "$psql" -X -q -At -F '|' -v ON_ERROR_STOP=1 "$url" \
        -c "SELECT * FROM \"users\" WHERE verified_status IS TRUE AND TO_CHAR(birthday, 'MM-DD') = '$md'" |
        cut -d'|' -f1 >"$ids"
    n=$(wc -l <"$ids")
    if [ "$mode" = gorm ] && [ $((3 * n)) -gt 65535 ]; then
        echo "gorm FAILED: extended protocol limited to 65535 parameters ($n users x 3)"
        return 3
    fi
    {
        echo 'BEGIN;'
        echo "INSERT INTO \"promos\" (\"name\",\"amount\",\"promo_code\",\"start_date\",\"end_date\") VALUES ('Birthday Promo', 10000, 'SEEDCODE0123456789', '$DATE', '$DATE') RETURNING \"id\" AS promo_id \\gset"
        if [ "$mode" = gorm ]; then
            awk 'BEGIN { printf "INSERT INTO \"promo_eligibilities\" (\"promo_id\",\"user_id\",\"claimed_at\") VALUES " }
                 { printf "%s(:promo_id, %s, '\''0001-01-01 00:00:00+00'\'')", (NR > 1 ? "," : ""), $1 }
                 END { print ";" }' "$ids"
        else
            awk '{ printf "INSERT INTO \"promo_eligibilities\" (\"promo_id\",\"user_id\",\"claimed_at\") VALUES (:promo_id, %s, '\''0001-01-01 00:00:00+00'\'');\n", $1 }' "$ids"
        fi
        echo 'COMMIT;'
    } >"$f"
    "$psql" -X -q -v ON_ERROR_STOP=1 -f "$f" "$url" >/dev/null
    echo "$mode audience $n eligibilities $n"
}

# --- where the time goes ------------------------------------------------------------------
# One extra, untimed floor run and kado run with auto_explain (ANALYZE, BUFFERS, triggers);
# writes $work/diag-$n.md, appended to results.md.
diagnose() {
    local log_file before setting
    log_file="$(dirname "$(q 'SHOW data_directory')")/server.log"
    [ -r "$log_file" ] || return 1
    for setting in "session_preload_libraries = 'auto_explain'" "auto_explain.log_min_duration = 0" \
        "auto_explain.log_analyze = on" "auto_explain.log_buffers = on" "auto_explain.log_triggers = on"; do
        q "ALTER DATABASE $db SET $setting" >/dev/null
    done
    reset_state
    before=$(wc -c <"$log_file")
    run_floor >/dev/null
    sleep 0.2
    tail -c +$((before + 1)) "$log_file" >"$work/floor.log"
    reset_state
    before=$(wc -c <"$log_file")
    "$kado" evaluate --database-url "$url" --tenant "$TENANT" --rule "$RULE" --date "$DATE" --force >/dev/null
    sleep 0.2
    tail -c +$((before + 1)) "$log_file" >"$work/kado.log"
    q "ALTER DATABASE $db RESET ALL" >/dev/null
    reset_state
    {
        echo
        echo "### $n users: statements (auto_explain with ANALYZE, one untimed run each)"
        echo
        echo "One instrumented run each: the split between statements and triggers is the point, the"
        echo "absolute times are noisier than the medians above."
        for who in floor kado; do
            echo
            echo "$who:"
            echo
            echo '```'
            # One line per statement: duration, first line of its text; then its FK trigger
            # time and JIT time, if any.
            awk '/LOG:  duration:/ { d = $0; sub(/.*duration: /, "", d); sub(/  plan:.*/, "", d) }
                 /Query Text:/ { t = $0; sub(/.*Query Text: */, "", t); skip = (t ~ /EXTRACT\(MONTH/); if (!skip) printf "%11s  %s\n", d, substr(t, 1, 72) }
                 /Trigger for constraint/ && !skip { x = $0; sub(/^[ \t]*/, "", x); if (!seen[x]++) printf "%11s    %s\n", "", x }
                 /Timing: Generation/ && !skip { x = $0; sub(/.*Total /, "", x); printf "%11s    JIT compilation: %s\n", "", x }' "$work/$who.log"
            echo '```'
        done
        echo
        echo "kado's issue statement (the WITH audience ... statement), its plan:"
        echo
        echo '```'
        awk '/^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { if (buf ~ /Result|Aggregate/ && keep) printf "%s", buf; buf = ""; grab = 0; plan = 0; keep = 0 }
             /LOG:  duration:/ { grab = 1 }
             grab && /Query Text: WITH audience/ { keep = 1 }
             grab && /\(cost=/ { plan = 1 }
             grab && plan { line = $0; sub(/^\t/, "", line); if (line ~ /^Trigger for constraint/ && seen[line]++) next; buf = buf line "\n" }
             END { if (keep) printf "%s", buf }' "$work/kado.log"
        echo '```'
    } >"$work/diag-$n.md"
}

# --- run ----------------------------------------------------------------------------------
machine="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
pg_version=$("$psql" -X -At "$admin_url" -c 'SHOW server_version')
pg_settings=$("$psql" -X -At "$admin_url" -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'fsync', 'synchronous_commit', 'full_page_writes', 'max_wal_size', 'work_mem', 'max_parallel_workers_per_gather', 'jit')")
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$root" status --porcelain -- Sources migrations 2>/dev/null)" ] && commit="$commit + uncommitted changes"

log "== $machine; niceness $(nice); PostgreSQL $pg_version; $pg_settings"
log "== sizes: $SIZES; $REPS runs each; date $DATE; seed emulated with $seed_mode"

# Fixed costs: starting the commands themselves.
for rep in $(seq 1 "$REPS"); do
    t=$(now_ns); "$psql" -X -q "$admin_url" -c 'SELECT 1' >/dev/null; ms_since "$t" >>"$work/noop"; echo >>"$work/noop"
    t=$(now_ns); "$kado" --help >/dev/null; ms_since "$t" >>"$work/help"; echo >>"$work/help"
    t=$(now_ns); "$kado" validate >/dev/null 2>&1 || true; ms_since "$t" >>"$work/validate"; echo >>"$work/validate"
done
psql_noop=$(median <"$work/noop")
kado_help=$(median <"$work/help")
kado_validate=$(median <"$work/validate")
log "== fixed costs: psql SELECT 1 $psql_noop ms, kado --help $kado_help ms, kado validate $kado_validate ms"

rows=()
spread=()
loads=()
loadavgs=()
gorm_failure=""
for n in $SIZES; do
    db=kado_bench_$n
    url=${admin_url/\/postgres\?//$db?}
    "$psql" -X -q -v ON_ERROR_STOP=1 "$admin_url" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null

    log "== N=$n: migrate, load, VACUUM ANALYZE"
    "$kado" migrate up --database-url "$url" >/dev/null
    t=$(now_ns)
    "$kado" demo-data --database-url "$url" --tenant "$TENANT" --users "$n" >/dev/null
    load_ms=$(ms_since "$t")
    t=$(now_ns)
    q "VACUUM ANALYZE" >/dev/null
    vacuum_ms=$(ms_since "$t")
    # The written tables are emptied before every run: keep autovacuum off them so that no
    # autoanalyze of the previous run's rows lands in the next one's measurement.
    for table in notifications promo_eligibilities kado_runs promos; do
        q "ALTER TABLE $table SET (autovacuum_enabled = off)" >/dev/null
    done
    size=$(q "SELECT pg_size_pretty(pg_total_relation_size('users'))")
    loads+=("| $n | $(awk -v m="$load_ms" 'BEGIN { printf "%.1f", m / 1000 }') s | $(awk -v m="$vacuum_ms" 'BEGIN { printf "%.1f", m / 1000 }') s | $size |")
    log "   loaded in $load_ms ms, VACUUM ANALYZE $vacuum_ms ms, users = $size"

    where="verified_status IS TRUE AND kado_month_day(birthday) = kado_month_day(date '$DATE')"
    audience=$(q "SELECT count(*) FROM users WHERE $where")
    expect_notes=$(q "SELECT count(NULLIF(btrim(email), '')) + count(NULLIF(btrim(phone_number), '')) FROM users WHERE $where")
    log "   audience on $DATE: $audience users, $expect_notes notifications"

    rm -f "$work"/{floor,kado,seedrow,seedgorm}.{wall,cpu,ccpu,scpu} "$work/kado.tx" "$work/kado.rss"
    gorm_note=""
    loadavgs+=("$n users: $(cut -d' ' -f1-3 /proc/loadavg)")
    for rep in $(seq 1 "$REPS"); do
        reset_state
        measure floor run_floor
        check floor "1|$audience|$expect_notes" "$(counts)"

        reset_state
        measure kado run_kado
        check kado "1|$audience|$expect_notes" "$(counts)"
        awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt" >>"$work/kado.rss"
        # kado's own figure for the evaluation transaction: "(123.4 ms)" ending its line.
        sed -n 's/.*(\([0-9.]*\) ms)$/\1/p' "$work/kado.out" >>"$work/kado.tx"

        reset_state
        measure seedrow run_seed rowwise
        check seed-rowwise "1|$audience|0" "$(counts)"

        reset_state
        rc=0
        measure seedgorm run_seed gorm || rc=$?
        if [ "$rc" = 0 ]; then
            check seed-gorm "1|$audience|0" "$(counts)"
        elif [ "$rc" = 3 ]; then
            check seed-gorm "0|0|0" "$(counts)"
            gorm_note=$(sed 's/^gorm FAILED: //' "$work/seedgorm.out")
        else
            log "run.sh: the seed emulation failed: $(cat "$work/seedgorm.out")"
            exit 1
        fi
        log "   run $rep: floor $(tail -1 "$work/floor.wall") ms (cpu $(tail -1 "$work/floor.cpu")), kado $(tail -1 "$work/kado.wall") ms (cpu $(tail -1 "$work/kado.cpu"), in-transaction $(tail -1 "$work/kado.tx"), RSS $(tail -1 "$work/kado.rss") KiB), seed row-by-row $(tail -1 "$work/seedrow.wall") ms, seed GORM $(tail -1 "$work/seedgorm.wall") ms${gorm_note:+ (fails)}"
    done
    diagnose || log "   (could not capture the plans)"

    floor=$(median <"$work/floor.wall")
    kms=$(median <"$work/kado.wall")
    srow=$(median <"$work/seedrow.wall")
    sgorm=$(median <"$work/seedgorm.wall")
    rss=$(maximum <"$work/kado.rss" | awk '{ printf "%.1f", $1 / 1024 }')
    if [ -n "$gorm_note" ]; then
        gorm_cell="fails (after $sgorm ms)"
        gorm_failure=$gorm_note
    else
        gorm_cell="$sgorm ($(ratio "$sgorm" "$kms")x kado)"
    fi
    rows+=("| $n | $audience | $floor | $kms | $srow | $(ratio "$kms" "$floor") | $(ratio "$srow" "$kms") | $rss | $gorm_cell |")
    fcpu=$(median <"$work/floor.cpu")
    kcpu=$(median <"$work/kado.cpu")
    cpu_cell() { echo "$(median <"$work/$1.cpu") ($(median <"$work/$1.ccpu") + $(median <"$work/$1.scpu"))"; }
    spread+=("| $n | $expect_notes | $(minimum <"$work/floor.wall")–$(maximum <"$work/floor.wall") | $(minimum <"$work/kado.wall")–$(maximum <"$work/kado.wall") | $(median <"$work/kado.tx") | $(cpu_cell floor) | $(cpu_cell kado) | $(ratio "$kcpu" "$fcpu") | $(cpu_cell seedrow) |")
    "$psql" -X -q "$admin_url" -c "DROP DATABASE $db"
done

{
    echo "# Issuance benchmark results"
    echo
    echo "Generated by \`bench/issuance/run.sh\` (SIZES=\"$SIZES\" REPS=$REPS DATE=$DATE) on $(date -u +%Y-%m-%dT%H:%MZ)."
    echo "Machine: $machine. PostgreSQL $pg_version (throwaway cluster: $pg_settings)."
    echo "kado $commit. Seed emulated with: $seed_mode. Load average when each size was timed: ${loadavgs[*]}."
    echo
    echo "Wall times: median of $REPS runs of the whole command (process start included), each from"
    echo "an empty promos/eligibilities/notifications/kado_runs state. Peak RSS: the largest of the runs."
    echo
    echo "| users | audience | floor ms | kado ms | seed ms (row by row) | kado/floor | seed/kado | kado peak RSS MiB | seed as written (GORM, one INSERT) ms |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "The seed columns write the promo and the eligibilities only: the seed had no outbox (it"
    echo "sent straight after commit), so they do less than floor and kado, which also write one"
    echo "notifications row per user and channel."
    [ -n "$gorm_failure" ] && echo "The seed as written fails: $gorm_failure; pgx refuses the statement, the transaction rolls back, nobody gets a promo."
    echo
    echo "Spread and CPU: wall min–max over the runs; kado tx is kado's own figure for its"
    echo "transaction (the rest of its wall time is process start, config load and connect); CPU is"
    echo "client + server CPU time (medians, so the parts need not add up exactly), which the load of"
    echo "a shared machine disturbs far less than wall time; server CPU is counted in 10 ms ticks."
    echo
    echo "| users | notifications | floor ms min–max | kado ms min–max | kado tx ms | floor CPU ms (client + server) | kado CPU ms (client + server) | kado/floor CPU | seed row-by-row CPU ms (client + server) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${spread[@]}"
    echo
    echo "| users | load (kado demo-data) | VACUUM ANALYZE | users table + indexes |"
    echo "|---:|---:|---:|---:|"
    printf '%s\n' "${loads[@]}"
    echo
    echo "## Where the time goes"
    echo
    echo "Fixed costs, medians of $REPS: \`psql -c 'SELECT 1'\` (start, connect, one query) $psql_noop ms;"
    echo "\`kado --help\` (process start only) $kado_help ms; \`kado validate\` (start + loading rules/ and"
    echo "templates/) $kado_validate ms."
    for n in $SIZES; do
        if [ -s "$work/diag-$n.md" ]; then cat "$work/diag-$n.md"; fi
    done
} >"$here/results.md"

echo
cat "$here/results.md"
