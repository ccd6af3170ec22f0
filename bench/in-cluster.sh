# Sourced by the benchmarks: `bench_in_cluster "$0" "$@"` runs the calling script again
# inside a throwaway PostgreSQL cluster (scripts/with-postgres.sh), and returns at once
# when it already runs there (KADO_BENCH_INNER=1).
#
# Before that it builds kado (release, static Swift runtime, .build-bench) unless KADO_BIN
# names one, picks a PostgreSQL port away from the ones test runs use (54320 up) so that
# concurrent runs do not race for it, and raises the priority of everything the script
# starts (BENCH_NICE, default -10; 0 = normal priority) when allowed: the machine may be
# shared with builds and tests.
bench_in_cluster() {
    [ "${KADO_BENCH_INNER:-}" = 1 ] && return 0
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    if [ -z "${KADO_BIN:-}" ]; then
        echo "== building kado (release, --scratch-path .build-bench)" >&2
        (cd "$root" && swift build -c release --static-swift-stdlib --scratch-path .build-bench --product kado >&2)
    fi
    export KADO_BIN=${KADO_BIN:-$root/.build-bench/release/kado} KADO_BENCH_INNER=1
    local nice=(env)
    if [ "${BENCH_NICE:--10}" != 0 ] && nice -n "${BENCH_NICE:--10}" true 2>/dev/null; then
        nice=(nice -n "${BENCH_NICE:--10}")
    fi
    if [ -z "${KADO_PG_PORT:-}" ]; then
        local port=$((55400 + $$ % 500))
        while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
        export KADO_PG_PORT=$port
    fi
    exec "${nice[@]}" "$root/scripts/with-postgres.sh" "$@"
}
