#!/usr/bin/env bash
# The HTTP API against its own OpenAPI document: schemathesis (PyPI, in a venv under
# .build/) drives a real `kado serve` on 127.0.0.1 with a fresh database holding an
# issued promo, with a bounded number of examples per operation. Run inside
# scripts/with-postgres.sh (make test does). Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
KADO=${KADO:-$PWD/.build/debug/kado}
: "${KADO_TEST_DATABASE_URL:?run me through scripts/with-postgres.sh}"
examples=${KADO_API_EXAMPLES:-40}
venv=.build/schemathesis-venv
version=4.32.5

if [ ! -x "$venv/bin/st" ] || [ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" != "$version" ]; then
    echo "==> installing schemathesis $version into $venv"
    rm -rf "$venv"
    /usr/bin/python3 -m venv "$venv" || { echo "api-check: python3 -m venv failed (apt-get install python3-venv)" >&2; exit 2; }
    "$venv/bin/pip" install -q "schemathesis==$version" || { echo "api-check: pip install schemathesis failed" >&2; exit 2; }
fi

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

server=${KADO_TEST_DATABASE_URL%%\?*}
server=${server%/*}
psql -q "$server/postgres" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS kado_api_check" -c "CREATE DATABASE kado_api_check"
export DATABASE_URL="$server/kado_api_check?sslmode=disable"
export SAYAKAYA_API_KEY=api-check-sayakaya-0123456789 LUNARIA_API_KEY=api-check-lunaria-0123456789
export KADO_PUBLIC_URL=http://127.0.0.1 KADO_UNSUBSCRIBE_SECRET=api-check-unsubscribe-secret-0123456789
export KADO_OUTBOX=$work/outbox
"$KADO" migrate up >/dev/null
"$KADO" demo-data --tenant sayakaya --users 500 --birthday-today-every 5 >/dev/null
"$KADO" evaluate --tenant sayakaya >/dev/null

"$KADO" serve --listen 127.0.0.1:0 >"$work/serve.log" 2>&1 &
pid=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "api-check: kado serve did not start:"; cat "$work/serve.log"; exit 1; }

# The shipped tenant's path and an issued code, so that generated requests reach the
# handlers (and not only 401/404).
code=$(psql -tA "$DATABASE_URL" -c "select promo_code from promos limit 1")
cat >"$work/schemathesis.toml" <<TOML
[[operations]]
include-path-regex = "^/v1/tenants/"
parameters = { "path.tenant" = "sayakaya" }
TOML

# From the work directory: schemathesis keeps its cache (.schemathesis/) where it runs.
st=$PWD/$venv/bin/st
(cd "$work" && "$st" --config-file "$work/schemathesis.toml" run "http://127.0.0.1:$port/openapi.yaml" \
    --url "http://127.0.0.1:$port" -H "Authorization: Bearer $SAYAKAYA_API_KEY" \
    --max-examples "$examples" --seed 1 --checks all --exclude-checks positive_data_acceptance \
    --request-timeout 10 --no-color --warnings off >"$work/st.out" 2>&1)
status=$?
tail -n 40 "$work/st.out"
alive=0; kill -0 "$pid" 2>/dev/null && alive=1
errors=$(grep -c "request failed" "$work/serve.log")
pass=0; fail=0
if [ $status -eq 0 ]; then echo "ok   - schemathesis: the server conforms to openapi.yaml"; pass=$((pass + 1)); else echo "FAIL - schemathesis (exit $status)"; fail=$((fail + 1)); fi
if [ $alive -eq 1 ]; then echo "ok   - the server is still running"; pass=$((pass + 1)); else echo "FAIL - the server died"; fail=$((fail + 1)); fi
if [ "$errors" -eq 0 ]; then echo "ok   - no request ended in an internal error"; pass=$((pass + 1)); else echo "FAIL - $errors internal errors (see the log)"; grep "request failed" "$work/serve.log" | head -5; fail=$((fail + 1)); fi
echo "$pass passed, $fail failed"
test $fail -eq 0
