#!/usr/bin/env bash
# Runs a command with a throwaway pg_auto_failover formation on 127.0.0.1: a monitor,
# a primary and a synchronous standby (Debian's postgresql-15-auto-failover), as the
# `postgres` user in a temporary directory. The command gets
#   KADO_FAILOVER_URL   the libpq multi-host URL (target_session_attrs=read-write)
#   KADO_FAILOVER_DIR   the formation's directory (monitor/, node1/, node2/)
#   KADO_FAILOVER_CTL   a command prefix running pg_autoctl as postgres with the monitor's pgdata
# The formation is stopped and removed when the command ends, whatever its status.
#
#   scripts/with-failover.sh scripts/failover.sh
set -euo pipefail

bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if ! command -v pg_autoctl >/dev/null 2>&1; then
    echo "with-failover: pg_autoctl not found (apt-get install postgresql-15-auto-failover)" >&2
    exit 2
fi
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- env PATH="$bindir:/usr/bin:/bin" "$@"; else env PATH="$bindir:$PATH" "$@"; fi
}

dir=$(mktemp -d /tmp/kado-failover.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
free_port() {
    local port=$1
    while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
    echo $port
}
monitor_port=$(free_port 56100)
node1_port=$(free_port $((monitor_port + 1)))
node2_port=$(free_port $((node1_port + 1)))
pids=()
cleanup() {
    local status=$?
    set +e
    for node in node2 node1 monitor; do
        [ -d "$dir/$node" ] && as_postgres pg_autoctl stop --pgdata "$dir/$node" --immediate >/dev/null 2>&1
    done
    for _ in $(seq 1 40); do
        pgrep -f "$dir" >/dev/null || break
        sleep 0.25
    done
    pkill -9 -f "$dir" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$dir"
    exit $status
}
trap cleanup EXIT

monitor="postgres://autoctl_node@127.0.0.1:$monitor_port/pg_auto_failover?sslmode=disable"
as_postgres pg_autoctl create monitor --pgdata "$dir/monitor" --pgport "$monitor_port" --auth trust --no-ssl \
    --hostname 127.0.0.1 --run >"$dir/monitor.log" 2>&1 &
pids+=($!)
ctl() { as_postgres pg_autoctl "$@"; }
wait_until() {
    local limit=$1; shift
    for _ in $(seq 1 $((limit * 2))); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    echo "with-failover: timed out waiting for: $*" >&2
    tail -n 20 "$dir"/*.log >&2
    exit 2
}
wait_until 60 as_postgres env PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$monitor_port" -d pg_auto_failover -U autoctl_node -tAc "select 1"
for node in 1 2; do
    port_var="node${node}_port"
    as_postgres pg_autoctl create postgres --pgdata "$dir/node$node" --pgport "${!port_var}" --monitor "$monitor" \
        --auth trust --no-ssl --hostname 127.0.0.1 --run >"$dir/node$node.log" 2>&1 &
    pids+=($!)
    want=$([ $node = 1 ] && echo "single" || echo "secondary")
    wait_until 120 bash -c "$(declare -f as_postgres); bindir='$bindir'; as_postgres pg_autoctl show state --pgdata '$dir/monitor' 2>/dev/null | grep -q '| *$want *| *$want *\$'"
done
# Both nodes up: the primary's state is "primary" once the standby is in sync.
wait_until 60 bash -c "$(declare -f as_postgres); bindir='$bindir'; as_postgres pg_autoctl show state --pgdata '$dir/monitor' 2>/dev/null | grep -q '| *primary *| *primary *\$'"

export KADO_FAILOVER_DIR="$dir"
export KADO_FAILOVER_URL="postgresql://postgres@127.0.0.1:$node1_port,127.0.0.1:$node2_port/postgres?target_session_attrs=read-write&sslmode=disable&connect_timeout=5"
if [ "$(id -u)" = 0 ]; then
    export KADO_FAILOVER_CTL="runuser -u postgres -- env PATH=$bindir:/usr/bin:/bin pg_autoctl"
else
    export KADO_FAILOVER_CTL="env PATH=$bindir:$PATH pg_autoctl"
fi
export KADO_FAILOVER_MONITOR="$dir/monitor"
"$@"
