#!/usr/bin/env bash
# Dispatch benchmark: `kado dispatch` sending N outbox rows through its SMTP provider
# to a local smtp-sink (against smtp-source, the floor) and through its WhatsApp Cloud
# provider to local HTTP stand-ins (against their own ceiling, measured with wrk).
# See README.md.
#
#   bench/dispatch/run.sh                                   # N=20000, concurrency 8 32 64
#   N=5000 CONCURRENCY="32" REPS=1 bench/dispatch/run.sh    # a quick look
#
# Environment:
#   N            messages per run (default 20000)
#   CONCURRENCY  kado --concurrency / smtp-source -s / wrk -c values (default "8 32 64")
#   REPS         runs per point; the tables show the median (default 3)
#   MEM_SIZES    extra message counts for the memory check, at MEM_CONCURRENCY (default "5000")
#   MEM_CONCURRENCY  (default 32)
#   PARTS        any of: email whatsapp memory dispatchers profile statements system (default "email
#                whatsapp memory dispatchers profile"); dispatchers: DISPATCHERS processes on one
#                email outbox; statements: PostgreSQL's time per statement of one email run
#                (pg_stat_statements, preloaded for that part only); system: perf record -a of
#                one email run (every process and the kernel)
#   DISPATCHERS  dispatcher process counts for the dispatchers part (default "1 2 4"), each at
#                MEM_CONCURRENCY
#   WA_STANDINS  nginx and/or python (default "nginx python"); python = scripts/fakes/http_stub.py
#   PY_N, PY_CONCURRENCY  messages and concurrency values for the python stand-in, which
#                is slow (default 2000 and "8 64")
#   KADO_BIN     a built kado (default: build .build-bench/release/kado)
#   KADO_BASE_BIN  another kado (e.g. built from main) run after KADO_BIN in every email and
#                WhatsApp round, on the same data: "before" beside "after", interleaved (on
#                a copy rolled back to its own schema when KADO_BIN adds migrations)
#   PERF_FREQ    perf record sampling frequency for the profile part (default 200)
#   BENCH_NICE   nice value for everything started here (default -10; 0 = normal priority)
#   KEEP=1       keep the work directory (logs, perf data) and print its path
#   INSTALL=1    apt-get install the tools when missing (postfix for smtp-sink/smtp-source,
#                nginx-light, wrk, time, linux-perf); postfix and nginx daemons are stopped
#
# Runs on a throwaway PostgreSQL (scripts/with-postgres.sh). Every server it starts listens
# on 127.0.0.1 only and is stopped on exit. Prints the tables (markdown) on stdout; the
# per-run rows are in $work/runs.tsv. Not part of the test suite.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

N=${N:-20000}
CONCURRENCY=${CONCURRENCY:-"8 32 64"}
REPS=${REPS:-3}
MEM_SIZES=${MEM_SIZES:-5000}
MEM_CONCURRENCY=${MEM_CONCURRENCY:-32}
PARTS=${PARTS:-"email whatsapp memory dispatchers profile"}
PERF_FREQ=${PERF_FREQ:-200}
DISPATCHERS=${DISPATCHERS:-"1 2 4"}
WA_STANDINS=${WA_STANDINS:-"nginx python"}
PY_N=${PY_N:-2000}
PY_CONCURRENCY=${PY_CONCURRENCY:-"8 64"}
# A date ahead, so the promos are still valid when the messages are sent.
DATE=${DATE:-$(date -u -d "+10 days" +%F)}
TENANT=sayakaya
RULE=birthday

need_tools() {
    local missing=()
    for t in smtp-sink smtp-source nginx wrk; do
        command -v "$t" >/dev/null || [ -x "/usr/sbin/$t" ] || missing+=("$t")
    done
    [ -x /usr/bin/time ] || missing+=(time)
    case " $PARTS " in *" profile "* | *" system "*) command -v perf >/dev/null || missing+=(perf) ;; esac
    echo "${missing[@]:-}"
}

# Outside the throwaway cluster: tools, build, then run this script again inside it.
if [ "${KADO_BENCH_INNER:-}" != 1 ]; then
    case " $PARTS " in *" statements "*)
        export KADO_PG_EXTRA_OPTIONS="${KADO_PG_EXTRA_OPTIONS:-} -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on"
        ;;
    esac
    missing=$(need_tools)
    if [ -n "$missing" ]; then
        if [ "${INSTALL:-}" = 1 ]; then
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix nginx-light wrk time linux-perf >&2
            # Only the tools are wanted: never leave the daemons the packages may start.
            postfix stop >/dev/null 2>&1 || true
            service postfix stop >/dev/null 2>&1 || true
            service nginx stop >/dev/null 2>&1 || true
        else
            echo "run.sh: missing: $missing" >&2
            echo "  apt-get install -y postfix nginx-light wrk time linux-perf   (then: postfix stop; service nginx stop)" >&2
            echo "  or run with INSTALL=1" >&2
            exit 2
        fi
    fi
    # shellcheck source=bench/in-cluster.sh
    . "$here/../in-cluster.sh"
    bench_in_cluster "$0" "$@"
fi

: "${KADO_TEST_DATABASE_URL:?run.sh: KADO_TEST_DATABASE_URL not set (run through scripts/with-postgres.sh)}"
kado=$KADO_BIN
psql=${KADO_PG_BINDIR:+$KADO_PG_BINDIR/}psql
server=${KADO_TEST_DATABASE_URL%%\?*}
server=${server%/*}
PATH=$PATH:/usr/sbin
export PGOPTIONS="-c client_min_messages=warning"

work=$(mktemp -d /tmp/kado-bench-dispatch.XXXXXX)
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    if [ "${KEEP:-}" = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $*" >&2; }
q() { "$psql" -X -tA "$1" -c "$2"; }
free_port() {
    local p=$1
    while (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null; do p=$((p + 1)); done
    echo "$p"
}
wait_port() {
    for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.05; done
    echo "run.sh: nothing listens on 127.0.0.1:$1" >&2
    return 1
}

# CPU seconds (user+sys) of a process and its live children; with "reaped", also of
# the children it has waited for (the postmaster's exited backends).
clk=$(getconf CLK_TCK)
cpu_of() {
    local pid=$1 mode=${2:-} total=0 c
    total=$(sed 's/.*) //' "/proc/$pid/stat" | awk -v m="$mode" '{t=$12+$13; if (m=="reaped") t+=$14+$15; print t}')
    for c in $(pgrep -P "$pid" || true); do
        total=$((total + $(sed 's/.*) //' "/proc/$c/stat" 2>/dev/null | awk '{print $12+$13}' || echo 0)))
    done
    awk -v t="$total" -v k="$clk" 'BEGIN{printf "%.2f", t/k}'
}
pg_datadir=$(q "$KADO_TEST_DATABASE_URL" "show data_directory")
postmaster=$(head -n 1 "$pg_datadir/postmaster.pid")
pg_cpu() { cpu_of "$postmaster" reaped; }
load1() { cut -d' ' -f1 /proc/loadavg; }
# "total idle" jiffies of all cores (user through steal; idle and iowait count as idle).
cpu_ticks() { awk '/^cpu /{t=0; for (i=2; i<=9; i++) t+=$i; print t, $5+$6; exit}' /proc/stat; }
# machine_busy "T0 I0" "T1 I1": the share of the machine's CPU time in use between the two.
machine_busy() {
    awk -v a="$1" -v b="$2" 'BEGIN{split(a,x," "); split(b,y," "); t=y[1]-x[1]; printf "%.0f", (t > 0 ? 100 * (t - (y[2] - x[2])) / t : 0)}'
}

# ---------------------------------------------------------------- data set
# Rules as shipped, without rate limits (as scripts/e2e.sh does): the benchmark
# measures how fast kado can send, not the configured pace.
cp -r rules templates "$work/"
sed -i '/rate_limit:/d' "$work"/rules/*/tenant.yaml
# Birthday messages due when issued: the occurrences here are days ahead (shipped: 09:00 on each customer's clock).
sed -i '/^    send_at:/d; /^send_zone:/d' "$work/rules/sayakaya/birthday.yaml"
export KADO_RULES=$work/rules KADO_TEMPLATES=$work/templates
export EMAIL_SENDER="SayaKaya <promo@sayakaya.id>"
unset SMTP_URL WHATSAPP_TOKEN WHATSAPP_PHONE_NUMBER_ID WHATSAPP_API_URL MAILTRAP_API_TOKEN

max_n=$N
for m in $MEM_SIZES; do [ "$m" -gt "$max_n" ] && max_n=$m; done
# demo-data: every 10th user has a birthday on $DATE; about 84% of the day's verified
# audience has an email and 76% a phone, so 16 users per message leave a margin.
users=$((max_n * 16))
log "data set: $users demo users, birthday every 10th, evaluate $DATE"
"$psql" -X -q "$server/postgres" -c "CREATE DATABASE bench_base"
export DATABASE_URL="$server/bench_base?sslmode=disable"
"$kado" migrate up >/dev/null
# How many of KADO_BIN's migrations KADO_BASE_BIN does not know (see base_template).
known_migrations() { "$1" migrate status | grep -c '^  \(applied\|pending\) '; }
base_steps=0
if [ -n "${KADO_BASE_BIN:-}" ]; then
    base_steps=$(($(known_migrations "$kado") - $(known_migrations "$KADO_BASE_BIN")))
fi
case " $PARTS " in *" statements "*) q "$DATABASE_URL" "CREATE EXTENSION pg_stat_statements" >/dev/null ;; esac
"$kado" demo-data --tenant $TENANT --users "$users" --birthday-today-every 10 --date $DATE >&2
"$kado" evaluate --tenant $TENANT --date $DATE >&2

# make_template NAME CHANNEL COUNT: a database holding exactly COUNT pending rows of CHANNEL.
make_template() {
    local name=$1 channel=$2 count=$3 have
    "$psql" -X -q "$server/postgres" -c "CREATE DATABASE $name TEMPLATE bench_base"
    "$psql" -X -q "$server/$name" \
        -c "DELETE FROM notifications WHERE channel <> '$channel'
              OR id NOT IN (SELECT id FROM notifications WHERE channel = '$channel' ORDER BY id LIMIT $count)" \
        -c "VACUUM ANALYZE"
    have=$(q "$server/$name" "SELECT count(*) FROM notifications WHERE status = 'pending'")
    if [ "$have" != "$count" ]; then
        echo "run.sh: $name has $have $channel rows, wanted $count" >&2
        exit 1
    fi
}
# base_template NAME: NAME as KADO_BASE_BIN knows the schema. When KADO_BIN has migrations the
# other does not (base_steps of them: a change that adds one), a copy of NAME rolled back by
# KADO_BIN to the last migration both know; else NAME itself. Each build then runs on the
# schema it was written for.
base_template() {
    local name=$1
    if [ "$base_steps" -le 0 ]; then echo "$name"; return; fi
    if ! db_exists "${name}_base"; then
        "$psql" -X -q "$server/postgres" -c "CREATE DATABASE ${name}_base TEMPLATE $name"
        DATABASE_URL="$server/${name}_base?sslmode=disable" "$kado" migrate down "$base_steps" >&2
        "$psql" -X -q "$server/${name}_base" -c "VACUUM ANALYZE"
    fi
    echo "${name}_base"
}
# fresh TEMPLATE: a new copy for one run; sets DATABASE_URL.
run_db=0
fresh() {
    run_db=$((run_db + 1))
    "$psql" -X -q "$server/postgres" -c "DROP DATABASE IF EXISTS bench_run_$((run_db - 1))" \
        -c "CREATE DATABASE bench_run_$run_db TEMPLATE $1"
    export DATABASE_URL="$server/bench_run_$run_db?sslmode=disable"
}
db_exists() { [ "$(q "$server/postgres" "SELECT count(*) FROM pg_database WHERE datname = '$1'")" = 1 ]; }
status_counts() { q "$DATABASE_URL" "SELECT string_agg(status || '=' || n, ',' ORDER BY status) FROM (SELECT status, count(*) AS n FROM notifications GROUP BY 1) s"; }

# One row per measured run.
printf 'part\ttarget\tconcurrency\trep\tmessages\twall_s\tmsgs_per_s\tinternal_per_s\tuser_s\tsys_s\tmax_rss_mb\tpg_cpu_s\tserver_cpu_s\tload1\tcheck\tmachine_busy_pct\n' >"$work/runs.tsv"
row() { local IFS=$'\t'; echo "$*" >>"$work/runs.tsv"; }

# timed_kado PART TARGET C REP MESSAGES SERVER_PID VERIFY_FN: one `kado dispatch`, measured.
timed_kado() {
    local part=$1 target=$2 c=$3 rep=$4 n=$5 spid=$6 verify=$7 bin=${8:-$kado}
    local load pg0 pg1 s0 s1 wall user sys rss internal check ticks0 busy
    load=$(load1)
    pg0=$(pg_cpu)
    s0=$(cpu_of "$spid")
    ticks0=$(cpu_ticks)
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" \
        "$bin" dispatch --concurrency "$c" --format json >"$work/dispatch.json" 2>"$work/dispatch.err" || {
        echo "run.sh: kado dispatch failed:" >&2
        cat "$work/dispatch.err" >&2
        exit 1
    }
    busy=$(machine_busy "$ticks0" "$(cpu_ticks)")
    s1=$(cpu_of "$spid")
    pg1=$(pg_cpu)
    read -r wall user sys rss <"$work/time.txt"
    internal=$(python3 -c 'import json,sys; print("%.0f" % json.load(open(sys.argv[1]))["per_second"])' "$work/dispatch.json")
    check=$($verify "$n")
    row "$part" "$target" "$c" "$rep" "$n" "$wall" "$(awk -v n="$n" -v w="$wall" 'BEGIN{printf "%.0f", n/w}')" \
        "$internal" "$user" "$sys" "$(awk -v k="$rss" 'BEGIN{printf "%.1f", k/1024}')" \
        "$(awk -v a="$pg0" -v b="$pg1" 'BEGIN{printf "%.2f", b-a}')" \
        "$(awk -v a="$s0" -v b="$s1" 'BEGIN{printf "%.2f", b-a}')" "$load" "$check" "$busy"
    log "$part $target c=$c rep=$rep: $n in ${wall}s ($(awk -v n="$n" -v w="$wall" 'BEGIN{printf "%.0f", n/w}')/s), cpu ${user}u+${sys}s, rss $((rss / 1024)) MB, machine busy ${busy}%, $check"
}

# ---------------------------------------------------------------- smtp-sink
sink_pid=
sink_port=
sink_count() { tr '\r' '\n' <"$work/sink.out" | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -n 1; }
start_sink() {
    sink_port=$(free_port 25300)
    # -c: counters (sessions, QUITs, messages) on stdout; -u: drop root after bind; the
    # last argument is the listen backlog. It answers at once and keeps nothing.
    smtp-sink -c -u nobody "127.0.0.1:$sink_port" 1024 >"$work/sink.out" 2>"$work/sink.err" &
    sink_pid=$!
    pids+=("$sink_pid")
    wait_port "$sink_port"
}
# The counter line is rewritten when a session ends, QUIT arrives or "." is accepted.
sink_messages_since() {
    local before=$1 now
    sleep 0.3
    now=$(sink_count)
    echo $((${now:-0} - before))
}

verify_email() {
    local n=$1 statuses got
    statuses=$(status_counts)
    got=$(sink_messages_since "$sink_before")
    if [ "$statuses" = "sent=$n" ] && [ "$got" = "$n" ]; then echo "ok: sent=$n, sink +$got"; else echo "MISMATCH: $statuses, sink +$got"; fi
}

floor_rows() {
    local c=$1 rep=$2 mode=$3 flag load s0 s1 wall user sys rss before got check ticks0 busy
    flag=()
    [ "$mode" = reuse ] && flag=(-d)
    before=$(sink_count)
    load=$(load1)
    s0=$(cpu_of "$sink_pid")
    ticks0=$(cpu_ticks)
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" \
        smtp-source "${flag[@]}" -s "$c" -m "$N" -F "$work/message.eml" \
        -f promo@sayakaya.id -t bench@sayakaya.example "127.0.0.1:$sink_port" >/dev/null
    busy=$(machine_busy "$ticks0" "$(cpu_ticks)")
    s1=$(cpu_of "$sink_pid")
    read -r wall user sys rss <"$work/time.txt"
    got=$(sink_messages_since "${before:-0}")
    if [ "$got" = "$N" ]; then check="ok: sink +$got"; else check="MISMATCH: sink +$got"; fi
    row email "smtp-source ($mode)" "$c" "$rep" "$N" "$wall" "$(awk -v n="$N" -v w="$wall" 'BEGIN{printf "%.0f", n/w}')" \
        - "$user" "$sys" "$(awk -v k="$rss" 'BEGIN{printf "%.1f", k/1024}')" - \
        "$(awk -v a="$s0" -v b="$s1" 'BEGIN{printf "%.2f", b-a}')" "$load" "$check" "$busy"
    log "email smtp-source ($mode) s=$c rep=$rep: $N in ${wall}s, machine busy ${busy}%, $check"
}

email_part() {
    log "email: $N rows, smtp-sink, concurrency $CONCURRENCY, $REPS runs each"
    db_exists bench_email || make_template bench_email email "$N"
    [ -n "$sink_pid" ] || start_sink
    export SMTP_URL="smtp://127.0.0.1:$sink_port"
    # The floor sends exactly the bytes kado sends: one of the rendered messages.
    local user
    user=$(q "$server/bench_email" "SELECT user_id FROM notifications ORDER BY id LIMIT 1")
    DATABASE_URL="$server/bench_email" "$kado" preview --tenant $TENANT --rule $RULE --channel email \
        --user "$user" --date $DATE --format eml 2>/dev/null | tr -d '\r' >"$work/message.eml"
    echo "email_bytes=$(wc -c <"$work/message.eml") (LF; on the wire with CRLF: $(($(wc -c <"$work/message.eml") + $(wc -l <"$work/message.eml"))))" >"$work/facts.txt"
    local c rep
    for c in $CONCURRENCY; do
        for rep in $(seq 1 "$REPS"); do
            floor_rows "$c" "$rep" reuse
            floor_rows "$c" "$rep" new
            fresh bench_email
            sink_before=$(sink_count)
            timed_kado email "kado dispatch" "$c" "$rep" "$N" "$sink_pid" verify_email
            if [ -n "${KADO_BASE_BIN:-}" ]; then
                fresh "$(base_template bench_email)"
                sink_before=$(sink_count)
                timed_kado email "kado dispatch (before)" "$c" "$rep" "$N" "$sink_pid" verify_email "$KADO_BASE_BIN"
            fi
        done
    done
}

# ---------------------------------------------------------------- WhatsApp stand-ins
standin_pid=
standin_url=
start_standin() {
    local kind=$1 port
    port=$(free_port 18300)
    case $kind in
    nginx)
        sed -e "s|@WORK@|$work|g" -e "s|@PORT@|$port|g" "$here/nginx.conf.in" >"$work/nginx.conf"
        mkdir -p "$work/nginx-body"
        : >"$work/nginx.access.log"
        nginx -c "$work/nginx.conf" -p "$work" >"$work/nginx.out" 2>&1 &
        ;;
    python)
        cat >"$work/stub.json" <<'JSON'
[{"match": {"method": "POST", "path_regex": "/messages$"}, "status": 200,
  "body": {"messaging_product": "whatsapp", "contacts": [{"input": "0", "wa_id": "0"}], "messages": [{"id": "wamid.BENCH"}]}}]
JSON
        python3 scripts/fakes/http_stub.py --port "$port" --script "$work/stub.json" >"$work/stub.out" 2>/dev/null &
        ;;
    esac
    standin_pid=$!
    pids+=("$standin_pid")
    wait_port "$port"
    standin_url="http://127.0.0.1:$port/v21.0"
}
stop_standin() {
    kill "$standin_pid" 2>/dev/null || true
    wait "$standin_pid" 2>/dev/null || true
    local p keep=()
    for p in "${pids[@]}"; do [ "$p" = "$standin_pid" ] || keep+=("$p"); done
    pids=("${keep[@]}")
}
nginx_requests() { sleep 1.2; wc -l <"$work/nginx.access.log"; }

verify_whatsapp() {
    local n=$1 statuses ids extra=""
    statuses=$(status_counts)
    ids=$(q "$DATABASE_URL" "SELECT count(*) FROM notifications WHERE provider_message_id = 'wamid.BENCH'")
    if [ "$standin_kind" = nginx ]; then
        local got=$(($(nginx_requests) - requests_before))
        extra=", $got requests"
        [ "$got" = "$n" ] || { echo "MISMATCH: $statuses, wamid $ids$extra"; return; }
    fi
    if [ "$statuses" = "sent=$n" ] && [ "$ids" = "$n" ]; then echo "ok: sent=$n, wamid $ids$extra"; else echo "MISMATCH: $statuses, wamid $ids$extra"; fi
}

ceiling_rows() {
    local kind=$1 c=$2 rep=$3 load s0 s1 out rate
    load=$(load1)
    s0=$(cpu_of "$standin_pid")
    # One wrk thread (two cores, shared with the stand-in), c connections, 5 seconds.
    WA_BODY=$(cat "$work/wa_body.json") wrk -t1 -c "$c" -d 5s -s "$here/wa_post.lua" \
        "$standin_url/PHONEID/messages" >"$work/wrk.out" 2>&1
    s1=$(cpu_of "$standin_pid")
    rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/wrk.out")
    out="ok: $(grep -E 'requests in' "$work/wrk.out" | sed 's/^ *//')"
    grep -q 'Non-2xx\|Socket errors' "$work/wrk.out" && out="ERRORS: $(grep -E 'Non-2xx|Socket errors' "$work/wrk.out" | tr '\n' ' ')"
    row whatsapp "$kind: wrk ceiling" "$c" "$rep" - 5 "$(printf '%.0f' "$rate")" - - - - - \
        "$(awk -v a="$s0" -v b="$s1" 'BEGIN{printf "%.2f", b-a}')" "$load" "$out"
    log "whatsapp $kind wrk c=$c rep=$rep: $rate req/s ($out)"
}

whatsapp_part() {
    log "whatsapp: $N rows, stand-ins $WA_STANDINS, concurrency $CONCURRENCY, $REPS runs each"
    db_exists bench_wa || make_template bench_wa whatsapp "$N"
    DATABASE_URL="$server/bench_wa" "$kado" preview --tenant $TENANT --rule $RULE --channel whatsapp \
        --user "$(q "$server/bench_wa" "SELECT user_id FROM notifications ORDER BY id LIMIT 1")" \
        --date $DATE --format json 2>/dev/null >"$work/wa_body.json"
    echo "whatsapp_body_bytes=$(wc -c <"$work/wa_body.json")" >>"$work/facts.txt"
    export WHATSAPP_TOKEN=bench-token WHATSAPP_PHONE_NUMBER_ID=PHONEID
    local kind c rep tpl n cs
    for kind in $WA_STANDINS; do
        standin_kind=$kind
        tpl=bench_wa n=$N cs=$CONCURRENCY
        if [ "$kind" = python ]; then
            tpl=bench_wa_py n=$PY_N cs=$PY_CONCURRENCY
            make_template "$tpl" whatsapp "$n"
        fi
        start_standin "$kind"
        export WHATSAPP_API_URL=$standin_url
        for c in $cs; do
            for rep in $(seq 1 "$REPS"); do
                ceiling_rows "$kind" "$c" "$rep"
                fresh "$tpl"
                [ "$kind" = nginx ] && requests_before=$(nginx_requests)
                timed_kado whatsapp "kado dispatch -> $kind" "$c" "$rep" "$n" "$standin_pid" verify_whatsapp
                if [ -n "${KADO_BASE_BIN:-}" ]; then
                    fresh "$(base_template "$tpl")"
                    [ "$kind" = nginx ] && requests_before=$(nginx_requests)
                    timed_kado whatsapp "kado dispatch (before) -> $kind" "$c" "$rep" "$n" "$standin_pid" \
                        verify_whatsapp "$KADO_BASE_BIN"
                fi
            done
        done
        stop_standin
    done
}

# ---------------------------------------------------------------- memory
memory_part() {
    log "memory: peak RSS for $MEM_SIZES and $N emails at concurrency $MEM_CONCURRENCY"
    [ -n "$sink_pid" ] || start_sink
    export SMTP_URL="smtp://127.0.0.1:$sink_port"
    local m rep tpl
    for m in $MEM_SIZES $N; do
        tpl=bench_email_$m
        [ "$m" = "$N" ] && tpl=bench_email
        db_exists "$tpl" || make_template "$tpl" email "$m"
        for rep in $(seq 1 "$REPS"); do
            fresh "$tpl"
            sink_before=$(sink_count)
            timed_kado memory "kado dispatch" "$MEM_CONCURRENCY" "$rep" "$m" "$sink_pid" verify_email
        done
    done
}

# ---------------------------------------------------------------- several dispatchers
# DISPATCHERS `kado dispatch` processes started together on one outbox of N emails: their
# combined rate (N / wall time until the last one exits), their summed CPU, and at the sink
# exactly N messages (nothing sent twice, nothing lost).
dispatchers_part() {
    local c=$MEM_CONCURRENCY d rep i load pg0 pg1 s0 s1 start end wall user sys rss check t0 maxrss
    log "dispatchers: $DISPATCHERS processes on one outbox of $N emails, concurrency $c each"
    [ -n "$sink_pid" ] || start_sink
    export SMTP_URL="smtp://127.0.0.1:$sink_port"
    db_exists bench_email || make_template bench_email email "$N"
    for rep in $(seq 1 "$REPS"); do
        for d in $DISPATCHERS; do
            fresh bench_email
            sink_before=$(sink_count)
            load=$(load1)
            pg0=$(pg_cpu)
            s0=$(cpu_of "$sink_pid")
            start=$(date +%s.%N)
            local running=()
            for i in $(seq 1 "$d"); do
                /usr/bin/time -f '%e %U %S %M' -o "$work/time.$i.txt" \
                    "$kado" dispatch --concurrency "$c" --format json >"$work/dispatch.$i.json" 2>"$work/dispatch.$i.err" &
                running+=($!)
            done
            for i in "${running[@]}"; do wait "$i" || { echo "run.sh: a kado dispatch failed" >&2; cat "$work"/dispatch.*.err >&2; exit 1; }; done
            end=$(date +%s.%N)
            s1=$(cpu_of "$sink_pid")
            pg1=$(pg_cpu)
            wall=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.2f", b-a}')
            user=0 sys=0 maxrss=0
            for i in $(seq 1 "$d"); do
                read -r t0 u s rss <"$work/time.$i.txt"
                user=$(awk -v a="$user" -v b="$u" 'BEGIN{print a+b}')
                sys=$(awk -v a="$sys" -v b="$s" 'BEGIN{print a+b}')
                [ "$rss" -gt "$maxrss" ] && maxrss=$rss
            done
            check=$(verify_email "$N")
            row dispatchers "$d dispatchers" "$c" "$rep" "$N" "$wall" "$(awk -v n="$N" -v w="$wall" 'BEGIN{printf "%.0f", n/w}')" \
                - "$user" "$sys" "$(awk -v k="$maxrss" 'BEGIN{printf "%.1f", k/1024}')" \
                "$(awk -v a="$pg0" -v b="$pg1" 'BEGIN{printf "%.2f", b-a}')" \
                "$(awk -v a="$s0" -v b="$s1" 'BEGIN{printf "%.2f", b-a}')" "$load" "$check"
            log "dispatchers d=$d rep=$rep: $N in ${wall}s, cpu ${user}u+${sys}s, $check"
        done
    done
}

# ---------------------------------------------------------------- profile
# The sink running and a fresh copy of the email data set, for the parts that look at one
# email run (profile, system, statements).
ready_email_run() {
    [ -n "$sink_pid" ] || start_sink
    export SMTP_URL="smtp://127.0.0.1:$sink_port"
    db_exists bench_email || make_template bench_email email "$N"
    fresh bench_email
}

# perf record of one run per channel at MEM_CONCURRENCY: samples per thread and the
# inclusive share of the main steps (summarised by profile.py).
profile_part() {
    local c=$MEM_CONCURRENCY
    log "profile: perf record, one email run and one WhatsApp (nginx) run at concurrency $c"
    ready_email_run
    perf record -F "$PERF_FREQ" --call-graph dwarf,16384 -o "$work/perf-email.data" -- "$kado" dispatch --concurrency "$c" >/dev/null 2>"$work/perf-email.err"
    echo "### email, concurrency $c, perf record -F $PERF_FREQ --call-graph dwarf" >"$work/profile.md"
    perf script -i "$work/perf-email.data" 2>/dev/null | python3 "$here/profile.py" >>"$work/profile.md"
    echo "outcome: $(status_counts)" >>"$work/profile.md"
    if db_exists bench_wa; then
        standin_kind=nginx
        start_standin nginx
        export WHATSAPP_TOKEN=bench-token WHATSAPP_PHONE_NUMBER_ID=PHONEID WHATSAPP_API_URL=$standin_url
        fresh bench_wa
        perf record -F "$PERF_FREQ" --call-graph dwarf,16384 -o "$work/perf-wa.data" -- "$kado" dispatch --concurrency "$c" >/dev/null 2>"$work/perf-wa.err"
        echo "### WhatsApp to nginx, concurrency $c, perf record -F $PERF_FREQ --call-graph dwarf" >>"$work/profile.md"
        perf script -i "$work/perf-wa.data" 2>/dev/null | python3 "$here/profile.py" >>"$work/profile.md"
        echo "outcome: $(status_counts)" >>"$work/profile.md"
        stop_standin
    fi
}

# system: perf record of the whole machine (all processes, kernel included) during one
# email run: where the cores go while kado sends (kado, PostgreSQL, the sink, the kernel).
system_part() {
    local c=$MEM_CONCURRENCY
    log "system: perf record -a, one email run at concurrency $c"
    ready_email_run
    sink_before=$(sink_count)
    perf record -a -g -F "$PERF_FREQ" -o "$work/perf-system.data" -- "$kado" dispatch --concurrency "$c" \
        >/dev/null 2>"$work/perf-system.err"
    # shares MIN ARGS...: perf report's lines at or above MIN %, as a list.
    shares() {
        local min=$1
        shift
        perf report -i "$work/perf-system.data" -g none --stdio "$@" 2>/dev/null |
            awk -v m="$min" '/^ *[0-9.]+%/ && $1+0 >= m {$1 = $1; print "- " $0}'
    }
    {
        echo "### the whole machine during one email run, concurrency $c, perf record -a -g -F $PERF_FREQ"
        echo
        echo "$(verify_email "$N"). Samples by process name (swapper: idle; kado's threads show as"
        echo "oot.default-qos and -qos.overcommit):"
        echo
        shares 0.5 --no-children --sort comm | head -12
        echo
        echo "By process name and by kernel or user code:"
        echo
        shares 0.5 --no-children --sort comm,dso | head -25
        echo
        echo "PostgreSQL's processes by function (self time, share of their samples, at least 1 %):"
        echo
        shares 1 --no-children --comms postgres --percentage relative --sort sym | head -30
        echo
        echo "PostgreSQL's processes, inclusive shares of some steps:"
        echo
        shares 0 --children --comms postgres --percentage relative --sort sym |
            awk '$5 ~ /^(PostgresMain|standard_ExecutorRun|ExecInsertIndexTuples|heap_update|heap_lock_tuple|index_getnext_slot|XLogInsertRecord|WalWriterMain|CommitTransactionCommand|exec_bind_message|pq_getbyte|secure_read|secure_write|__libc_write|AutoVacWorkerMain|do_autovacuum)$/ {printf "- %s %s\n", $2, $5}'
        echo
    } >>"$work/profile.md"
}

# statements: one email run with pg_stat_statements reset before it; PostgreSQL's time per
# statement (execution and planning) and per row it wrote or returned.
statements_part() {
    local c=${CONCURRENCY%% *} check
    log "statements: one email run at concurrency $c, pg_stat_statements"
    ready_email_run
    q "$DATABASE_URL" "SELECT pg_stat_statements_reset()" >/dev/null
    sink_before=$(sink_count)
    "$kado" dispatch --concurrency "$c" >/dev/null 2>"$work/dispatch.err" || { cat "$work/dispatch.err" >&2; exit 1; }
    check=$(verify_email "$N")
    {
        echo "### PostgreSQL's statements in one email run (pg_stat_statements), concurrency $c"
        echo
        echo "$check. Statements called at least 3 times, by execution time:"
        echo
        echo "| statement | calls | rows | rows per call | execution ms | planning ms | µs per row |"
        echo "|---|---:|---:|---:|---:|---:|---:|"
        "$psql" -X -tA -F $'\t' "$DATABASE_URL" -c "
            SELECT regexp_replace(left(regexp_replace(query, '\s+', ' ', 'g'), 70), '\|', '\\|', 'g'), calls, rows,
                   round(rows::numeric / calls, 1), round(total_exec_time::numeric, 1),
                   round(total_plan_time::numeric, 1),
                   round((1000 * (total_exec_time + total_plan_time) / greatest(rows, 1))::numeric, 1)
              FROM pg_stat_statements
             WHERE calls >= 3 AND query !~ 'pg_stat_statements'
             ORDER BY total_exec_time DESC LIMIT 8" |
            awk -F'\t' '{printf "| `%s…` | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7}'
        echo
    } >>"$work/profile.md"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >"$work/machine.txt"
: >"$work/facts.txt"
for part in $PARTS; do
    case $part in
    email) email_part ;;
    whatsapp) whatsapp_part ;;
    memory) memory_part ;;
    dispatchers) dispatchers_part ;;
    profile) profile_part ;;
    statements) statements_part ;;
    system) system_part ;;
    *) echo "run.sh: unknown part '$part'" >&2; exit 2 ;;
    esac
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/machine.txt"

python3 "$here/summarize.py" "$work/runs.tsv" "$work/machine.txt" "$work/facts.txt" \
    "$([ -f "$work/profile.md" ] && echo "$work/profile.md" || echo /dev/null)"
grep -q MISMATCH "$work/runs.tsv" && { echo "run.sh: some runs did not verify (see MISMATCH above)" >&2; exit 1; }
exit 0
