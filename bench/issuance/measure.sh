# Shared by run.sh and campaign.sh (sourced, not run): timing and CPU accounting for commands
# against the throwaway cluster. Needs $psql, $admin_url, $url (for q) and $work set.

log() { echo "$*" >&2; }
now_ns() { date +%s%N; }
ms_since() { echo "$1 $(now_ns)" | awk '{ printf "%.1f", ($2 - $1) / 1e6 }'; }
# Median of the numbers on stdin (lower middle for an even count); min; max.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'; }
minimum() { sort -g | head -1; }
maximum() { sort -g | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
q() { "$psql" -X -q -At -v ON_ERROR_STOP=1 "$url" -c "$1"; }

# --- CPU accounting -----------------------------------------------------------------------
# Wall time on a shared 2-core machine is noisy; CPU time much less so. Client CPU: the
# shell's children times (`times`, millisecond resolution). Server CPU: the postmaster's
# reaped-children times plus its live children (clock ticks), read once every client
# backend has exited and been reaped.
pm_pid=$(head -1 "$("$psql" -X -At "$admin_url" -c 'SHOW data_directory')/postmaster.pid")
tick_ms=$((1000 / $(getconf CLK_TCK)))

server_ticks() {
    local i c busy total
    for i in $(seq 1 150); do
        busy=0
        for c in $(pgrep -P "$pm_pid"); do
            if [ "$(awk '{ print $3 }' "/proc/$c/stat" 2>/dev/null)" = Z ] ||
                tr '\0' ' ' 2>/dev/null <"/proc/$c/cmdline" | grep -q '^postgres: \(postgres \|parallel worker\)'; then
                busy=1
            fi
        done
        [ "$busy" = 0 ] && break
        sleep 0.02
    done
    total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm_pid/stat")
    for c in $(pgrep -P "$pm_pid"); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$c/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

children_cpu_ms() { # the second line of `times` (children user, sys) in ms, from a file
    awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); s += p[1] * 60 + p[2] } printf "%.0f", s * 1000 }' "$1"
}

# measure NAME COMMAND...: runs COMMAND (stdout to $work/NAME.out), appends its wall ms to
# $work/NAME.wall and its CPU ms (client + server) to $work/NAME.cpu; returns its status.
measure() {
    local name=$1 s0 s1 t wall c rc=0
    shift
    s0=$(server_ticks)
    times >"$work/times0"
    t=$(now_ns)
    "$@" >"$work/$name.out" || rc=$?
    wall=$(ms_since "$t")
    times >"$work/times1"
    s1=$(server_ticks)
    echo "$wall" >>"$work/$name.wall"
    c=$(($(children_cpu_ms "$work/times1") - $(children_cpu_ms "$work/times0")))
    echo "$c" >>"$work/$name.ccpu"
    echo $(((s1 - s0) * tick_ms)) >>"$work/$name.scpu"
    echo $((c + (s1 - s0) * tick_ms)) >>"$work/$name.cpu"
    return $rc
}
