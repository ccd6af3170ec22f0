#!/usr/bin/env bash
# Times `kado validate` on 200 rule files: copies of rules/sayakaya/birthday.yaml
# with distinct ids, beside the shipped sayakaya tenant and templates.
#
#   bench/validate/run.sh            # 200 rules, 10 timed runs
#   RULES=1000 RUNS=20 bench/validate/run.sh
#
# Uses hyperfine when installed (apt-get install -y hyperfine), else (or with
# NO_HYPERFINE=1) a bash loop.
set -euo pipefail

RULES=${RULES:-200}
RUNS=${RUNS:-10}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kado-bench-validate.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 1. The config: one tenant, its templates, $RULES rules.
mkdir -p "$WORK/rules/sayakaya" "$WORK/templates"
cp "$ROOT/rules/sayakaya/tenant.yaml" "$WORK/rules/sayakaya/"
cp -R "$ROOT/templates/sayakaya" "$WORK/templates/"
for i in $(seq -w 1 "$RULES"); do
    sed "s/^id: birthday$/id: birthday-$i/" "$ROOT/rules/sayakaya/birthday.yaml" >"$WORK/rules/sayakaya/birthday-$i.yaml"
done
grep -q "^id: birthday-" "$WORK/rules/sayakaya/birthday-$(seq -w 1 "$RULES" | head -1).yaml" || {
    echo "run.sh: could not give the copies distinct ids (rules/sayakaya/birthday.yaml changed?)" >&2
    exit 1
}

# 2. A release build.
cd "$ROOT"
swift build -c release --scratch-path .build-cfg --product kado >&2
KADO="$(swift build -c release --scratch-path .build-cfg --show-bin-path)/kado"
COMMAND=("$KADO" validate --rules "$WORK/rules" --templates "$WORK/templates")

# The config must be valid, with every rule loaded, or the timing means nothing.
# (Run with a clean environment so a developer's SMTP_URL etc. do not matter.)
output=$(env -i PATH="$PATH" "${COMMAND[@]}")
summary=${output%%$'\n'*}
echo "$summary"
[[ "$summary" =~ ^valid:.*\ $RULES\ rules ]] || {
    echo "run.sh: expected 'valid: ... $RULES rules ...'" >&2
    exit 1
}

# 3. Time it.
if [[ -z "${NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null; then
    hyperfine --warmup 2 --runs "$RUNS" --export-json "$WORK/times.json" \
        "env -i PATH=$PATH ${COMMAND[*]}" >&2
    mean=$(python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000))' "$WORK/times.json")
else
    env -i PATH="$PATH" "${COMMAND[@]}" >/dev/null  # warm up
    total=0
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        env -i PATH="$PATH" "${COMMAND[@]}" >/dev/null
        end=$(date +%s%N)
        total=$((total + end - start))
    done
    mean=$(awk -v ns="$total" -v n="$RUNS" 'BEGIN { printf "%.1f", ns / n / 1e6 }')
fi
echo "kado validate, $RULES rules: mean ${mean} ms over $RUNS runs"
