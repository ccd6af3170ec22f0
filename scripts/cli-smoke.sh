#!/usr/bin/env bash
# End-to-end checks of the kado binary as a user runs it. Prints one line per
# check and "N passed, N failed" at the end; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
KADO=${KADO:-.build/debug/kado}
pass=0
fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# validate: the shipped config is valid.
out=$("$KADO" validate 2>&1); status=$?
check "validate shipped config exits 0" test $status -eq 0
check "validate prints next fire in zone and UTC" grep -q "next fire: .*(Asia/Jakarta) (.*Z)" <<<"$out"

# validate: two mistakes in two files, both reported with file:line:col, exit 1.
cp -r rules templates "$work/"
sed -i 's/at: "00:01"/at: "0:61"/' "$work/rules/sayakaya/birthday.yaml"
sed -i 's/timezone: Europe\/Amsterdam/timezone: Europe\/Amsterdm/' "$work/rules/lunaria/tenant.yaml"
out=$("$KADO" validate --rules "$work/rules" --templates "$work/templates" 2>&1); status=$?
check "validate with mistakes exits 1" test $status -eq 1
check "reports the bad time with file:line:col" grep -q "rules/sayakaya/birthday.yaml:[0-9]*:[0-9]*: error: .*HH:MM" <<<"$out"
check "reports the bad zone with file:line:col" grep -q "rules/lunaria/tenant.yaml:[0-9]*:[0-9]*: error: .*unknown time zone" <<<"$out"

# KADO_RULES / KADO_TEMPLATES are honoured.
KADO_RULES="$work/rules" KADO_TEMPLATES="$work/templates" "$KADO" validate >/dev/null 2>&1; status=$?
check "KADO_RULES selects the rules directory" test $status -eq 1

# validate --format json is valid JSON with diagnostics.
"$KADO" validate --rules "$work/rules" --templates "$work/templates" --format json >"$work/v.json" 2>/dev/null
check "validate --format json parses" python3 -c "import json,sys; d=json.load(open('$work/v.json')); sys.exit(0 if not d['valid'] and len(d['diagnostics'])==2 else 1)"

# schema: each kind is valid JSON and matches the checked-in copy.
for kind in tenant rule template; do
    "$KADO" schema --kind $kind >"$work/$kind.json"
    check "schema --kind $kind parses as JSON" python3 -c "import json; json.load(open('$work/$kind.json'))"
    check "schema/$kind.schema.json is up to date (make schema)" diff -q "$work/$kind.json" "schema/$kind.schema.json"
done

echo "$pass passed, $fail failed"
test $fail -eq 0
