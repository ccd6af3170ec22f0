#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb in a temporary
# directory as the `postgres` user, pg_ctl start on a private port and socket
# directory, then the command with KADO_TEST_DATABASE_URL / DATABASE_URL set.
# The cluster is stopped and removed when the command ends, whatever its status.
#
#   scripts/with-postgres.sh swift test
#
# KADO_PG_PORT chooses the port (default: a free one from 54320 up); KADO_PG_EXTRA_OPTIONS
# adds server options (e.g. "-c shared_preload_libraries=pg_stat_statements" for a profile).
set -euo pipefail

bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 2
fi

run_as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

dir=$(mktemp -d /tmp/kado-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"

# A free port: KADO_PG_PORT, else one from 54320 up, starting at a random offset so that
# clusters started at the same moment (parallel runs) rarely pick the same one; a start
# that loses the race anyway is tried again on another port.
pick_port() {
    port=$((54320 + RANDOM % 600))
    while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
}
port=${KADO_PG_PORT:-}
[ -n "$port" ] || pick_port

cleanup() {
    run_as_postgres "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT

run_as_postgres "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 2; }
for attempt in 1 2 3 4 5; do
    options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB ${KADO_PG_EXTRA_OPTIONS:-}"
    if run_as_postgres "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$options" start >/dev/null; then
        break
    fi
    if [ -n "${KADO_PG_PORT:-}" ] || [ $attempt -eq 5 ] || ! grep -q "Address already in use" "$dir/server.log"; then
        cat "$dir/server.log" >&2
        exit 2
    fi
    pick_port
done

export KADO_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres?sslmode=disable"
export DATABASE_URL=${DATABASE_URL:-$KADO_TEST_DATABASE_URL}
export KADO_PG_BINDIR="$bindir"
# For fault tests that stop and start the server under a running kado.
export KADO_PG_DATA="$dir/data" KADO_PG_OPTIONS="$options" KADO_PG_LOG="$dir/server.log"
"$@"
