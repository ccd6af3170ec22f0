#!/usr/bin/env bash
# What following the SMTP dialogue costs: N messages through one CurlClient to a local
# Postfix smtp-sink, with KadoCurl as shipped (CURLOPT_VERBOSE + CURLOPT_DEBUGFUNCTION
# on every SMTP transfer) and built without it (-DKADO_BENCH_NO_SMTP_DIALOGUE),
# REPS runs of each, alternating. See README.md.
#
#   bench/smtp-dialogue/run.sh                 # N=20000, CONCURRENCY=32, REPS=15
#
# BENCH_NICE (default -10; 0 = normal priority) is the nice value of the sink and the
# runs, against the noise of whatever else the machine does.
#
# Prints one line per run and, per variant, the medians of the process's CPU time per
# message (user + system, every thread), its user part, and the engine thread's CPU
# time; then the median and mean of the paired differences (with, minus without).
# smtp-sink listens on 127.0.0.1 only and is stopped on exit. Not part of the tests.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
N=${N:-20000}
CONCURRENCY=${CONCURRENCY:-32}
REPS=${REPS:-15}
BENCH_NICE=${BENCH_NICE:--10}
build=${BUILD_DIR:-"$here/../../.build-bench/smtp-dialogue"}
sink=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)
[ -x "$sink" ] || { echo "smtp-sink not found (apt-get install postfix)" >&2; exit 2; }

cd "$here"
swift build -c release --scratch-path "$build/with" >&2
swift build -c release --scratch-path "$build/without" -Xswiftc -DKADO_BENCH_NO_SMTP_DIALOGUE >&2

port=25250
while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
work=$(mktemp -d /tmp/kado-smtp-dialogue.XXXXXX)
nice -n "$BENCH_NICE" "$sink" -u nobody "127.0.0.1:$port" 1024 >"$work/sink.log" 2>&1 &
sink_pid=$!
trap 'kill "$sink_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done

for rep in $(seq "$REPS"); do
    for variant in with without; do
        line=$(nice -n "$BENCH_NICE" "$build/$variant/release/smtp-dialogue-bench" "$N" "$CONCURRENCY" "smtp://127.0.0.1:$port")
        echo "$variant $line" | tee -a "$work/runs.txt"
    done
done

python3 - "$work/runs.txt" <<'PY'
import re, statistics as st, sys
runs = {"with": [], "without": []}
for line in open(sys.argv[1]):
    variant = line.split()[0]
    values = dict(re.findall(r"(\w+)=([\d.]+)", line))
    if values["failures"] != "0":
        sys.exit("a run had failures: " + line)
    runs[variant].append(values)
print()
print("| per message (µs) | with | without | with − without: median | mean ± s.e. |")
print("|---|---:|---:|---:|---:|")
for key, label in (("cpu_per_message_us", "process CPU"), ("user_per_message_us", "process user CPU"),
                   ("engine_thread_us", "engine thread CPU")):
    a = [float(v[key]) for v in runs["with"]]
    b = [float(v[key]) for v in runs["without"]]
    d = [x - y for x, y in zip(a, b)]
    se = st.stdev(d) / len(d) ** 0.5 if len(d) > 1 else float("nan")
    print("| %s | %.2f | %.2f | %+.2f | %+.2f ± %.2f |" % (label, st.median(a), st.median(b), st.median(d), st.mean(d), se))
PY
