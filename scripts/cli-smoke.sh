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

# validate: rule-language mistakes in a condition and a trigger, each with file:line:col.
mkdir -p "$work/lang" && cp -r rules templates "$work/lang/"
sed -i 's/{attribute: tier, in: \[gold, platinum\]}/{attribute: teir, in: [gold, platinum]}/' "$work/lang/rules/lunaria/birthday-gold.yaml"
sed -i 's/every_year: \["12-12"\]/every_year: ["02-30"]/' "$work/lang/rules/sayakaya/harbolnas.yaml"
out=$("$KADO" validate --rules "$work/lang/rules" --templates "$work/lang/templates" 2>&1); status=$?
check "validate: an unknown attribute at file:line:col with a suggestion" grep -q "rules/lunaria/birthday-gold.yaml:18:19: error: unknown attribute 'teir' (did you mean 'tier'?)" <<<"$out"
check "validate: an impossible every_year day at file:line:col" grep -q "rules/sayakaya/harbolnas.yaml:11:16: error: .*'02-30' is not a day of the year" <<<"$out"
check "validate: two mistakes, exit 1" test $status -eq 1

# validate: delivery mistakes (send_at, a fallback to the entry's own channel, empty quiet hours).
mkdir -p "$work/respect" && cp -r rules templates "$work/respect/"
sed -i '$ d' "$work/respect/rules/sayakaya/birthday.yaml" # the last entry's send_at: "09:00", written again below
rule_lines=$(wc -l <"$work/respect/rules/sayakaya/birthday.yaml")
tenant_lines=$(wc -l <"$work/respect/rules/sayakaya/tenant.yaml")
printf '    send_at: "9am"\n    fallback: whatsapp\n' >>"$work/respect/rules/sayakaya/birthday.yaml"
printf 'quiet_hours: {from: "21:00", to: "21:00"}\n' >>"$work/respect/rules/sayakaya/tenant.yaml"
out=$("$KADO" validate --rules "$work/respect/rules" --templates "$work/respect/templates" 2>&1); status=$?
check "validate: send_at not HH:MM at file:line:col" grep -q "rules/sayakaya/birthday.yaml:$((rule_lines + 1)):14: error: .*'9am' is not a time of day in HH:MM" <<<"$out"
check "validate: a fallback to the entry's own channel at file:line:col" grep -q "rules/sayakaya/birthday.yaml:$((rule_lines + 2)):15: error: 'fallback: whatsapp' is the entry's own channel" <<<"$out"
check "validate: quiet hours from == to at file:line:col" grep -q "rules/sayakaya/tenant.yaml:$((tenant_lines + 1)):34: error: quiet hours from 21:00 to 21:00 are empty" <<<"$out"
check "validate: delivery mistakes, exit 1" test $status -eq 1

# KADO_RULES / KADO_TEMPLATES are honoured.
KADO_RULES="$work/rules" KADO_TEMPLATES="$work/templates" "$KADO" validate >/dev/null 2>&1; status=$?
check "KADO_RULES selects the rules directory" test $status -eq 1

# validate --format json is valid JSON with diagnostics.
"$KADO" validate --rules "$work/rules" --templates "$work/templates" --format json >"$work/v.json" 2>/dev/null
check "validate --format json parses" python3 -c "import json,sys; d=json.load(open('$work/v.json')); sys.exit(0 if not d['valid'] and len(d['diagnostics'])==2 else 1)"

# schema: each kind is valid JSON and matches the checked-in copy.
for kind in tenant rule template samples; do
    "$KADO" schema --kind $kind >"$work/$kind.json"
    check "schema --kind $kind parses as JSON" python3 -c "import json; json.load(open('$work/$kind.json'))"
    check "schema/$kind.schema.json is up to date (make schema)" diff -q "$work/$kind.json" "schema/$kind.schema.json"
done

# --version: the version written in Sources/kado/KadoVersion.swift.
version=$(sed -n 's/.*number = "\(.*\)".*/\1/p' Sources/kado/KadoVersion.swift)
check "kado --version prints 'kado $version'" test "$("$KADO" --version)" = "kado $version"

# Help texts are paragraphs that the terminal's width wraps, not lines wrapped in the source.
for cmd in "" validate schema migrate demo-data doctor preview serve suppressions studio; do
    COLUMNS=1000 "$KADO" $cmd --help >"$work/help.txt" 2>&1
    check "kado $cmd --help: each paragraph is one line on a wide terminal" python3 - "$work/help.txt" <<'PY'
import sys
head = open(sys.argv[1]).read().split("\nUSAGE:")[0]  # the overview and the discussion
paragraphs = head.strip("\n").split("\n\n")
sys.exit(0 if len(paragraphs) > 1 and all("\n" not in p for p in paragraphs) else 1)
PY
done

# ---- database commands (need the throwaway cluster from scripts/with-postgres.sh) ----
if [ -n "${KADO_TEST_DATABASE_URL:-}" ]; then
    server=${KADO_TEST_DATABASE_URL%%\?*}
    server=${server%/*}
    db() { echo "$server/$1?sslmode=disable"; }

    # The occurrence the checks issue: in the future, so its promo is still valid.
    day=$(date -u -d '+30 days' +%F)
    next_day=$(date -u -d '+31 days' +%F)
    month_day=${day#*-}

    # A database the Go seed migrated (golang-migrate at version 1, with its demo rows) upgrades in place.
    psql -q "$(db postgres)" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS kado_smoke_seed" -c "CREATE DATABASE kado_smoke_seed"
    export DATABASE_URL=$(db kado_smoke_seed)
    psql -q "$DATABASE_URL" -v md="$month_day" <<'SQL'
CREATE TABLE users (id SERIAL PRIMARY KEY, name VARCHAR(255), email VARCHAR(255), phone_number VARCHAR(20), birthday DATE, verified_status BOOLEAN);
CREATE TABLE promos (id SERIAL PRIMARY KEY, promo_code VARCHAR(50), name VARCHAR(255), amount INT, start_date DATE, end_date DATE);
CREATE TABLE promo_eligibilities (promo_id INT REFERENCES promos(id), user_id INT REFERENCES users(id), claimed_at TIMESTAMPTZ, PRIMARY KEY (promo_id, user_id));
INSERT INTO users (name, email, phone_number, birthday, verified_status) VALUES
  ('John Doe', 'john@example.com', '+6281234567890', ('1990-' || :'md')::date, true),
  ('Jane Roe', 'jane@example.com', '+6281234567891', ('1992-' || :'md')::date, false);
INSERT INTO promos (promo_code, name, amount, start_date, end_date) VALUES ('OLDCODE', 'Old promo', 5000, '2024-01-01', '2024-01-01');
INSERT INTO promo_eligibilities (promo_id, user_id) VALUES (1, 1);
CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
INSERT INTO schema_migrations VALUES (1, false);
SQL
    out=$("$KADO" migrate up 2>&1); status=$?
    check "migrate up on the seed's database" test $status -eq 0
    check "migrate up applies only versions after the seed's" bash -c "! grep -q 000001 <<<'$out'"
    check "seed rows survive the upgrade" test "$(psql -tA "$DATABASE_URL" -c "select count(*) from users")|$(psql -tA "$DATABASE_URL" -c "select promo_code from promos")" = "2|OLDCODE"
    check "seed-column inserts still work" psql -q "$DATABASE_URL" -c "INSERT INTO users (name, email, phone_number, birthday, verified_status) VALUES ('New', 'n@example.com', '+6281299999999', '2000-03-15', true)"
    check "migrate status says up to date" bash -c "'$KADO' migrate status | grep -q 'up to date'"

    # Eight evaluate processes at once: one promo, the others say "already done".
    "$KADO" demo-data --tenant sayakaya --users 5000 --first-id 100 --birthday-today-every 40 --date "$day" >/dev/null
    for i in 1 2 3 4 5 6 7 8; do
        "$KADO" evaluate --tenant sayakaya --date "$day" >"$work/eval.$i" 2>&1 &
    done
    wait
    check "eight concurrent evaluates: exactly one issued" test "$(cat "$work"/eval.* | grep -c 'eligibilities, notifications')" -eq 1
    check "eight concurrent evaluates: seven already done" test "$(cat "$work"/eval.* | grep -c 'already done')" -eq 7
    check "one promo for the occurrence" test "$(psql -tA "$DATABASE_URL" -c "select count(*) from promos where rule_id = 'birthday'")" -eq 1
    check "no duplicate outbox rows" test "$(psql -tA "$DATABASE_URL" -c "select count(*) - count(distinct (user_id, channel)) from notifications")" -eq 0
    check "the seed's own user is in the audience" test "$(psql -tA "$DATABASE_URL" -c "select count(*) from promo_eligibilities e join promos p on p.id = e.promo_id where p.rule_id = 'birthday' and e.user_id = 1")" -eq 1

    # evaluate --dry-run --format json on another date writes nothing.
    before=$(psql -tA "$DATABASE_URL" -c "select count(*) from promos")
    "$KADO" evaluate --tenant sayakaya --date "$next_day" --dry-run --format json >"$work/dry.json"
    check "dry run prints JSON with an audience" python3 -c "import json; d=json.load(open('$work/dry.json')); assert d[0]['outcome']=='dry_run' and d[0]['audience']>0"
    check "dry run writes nothing" test "$(psql -tA "$DATABASE_URL" -c "select count(*) from promos")" -eq "$before"

    # status: last run, next run and outbox counts per rule.
    "$KADO" status --format json >"$work/status.json"
    check "status --format json shows the last run and pending messages" python3 - "$work/status.json" "$day" <<'PY'
import json, sys
rows = {(r["tenant"], r["rule"]): r for r in json.load(open(sys.argv[1]))["rules"]}
s = rows[("sayakaya", "birthday")]
assert s["last_run"]["date"] == sys.argv[2] and s["last_run"]["status"] == "done", s
assert s["outbox"]["pending"] > 0 and s["next_run_utc"].endswith("Z"), s
PY
    # The shipped birthday messages go at 09:00 on each customer's clock (demo-data's zones; the
    # seed's own users have none: the tenant's, WIB); the day is ahead, so they go now.
    check "the birthday messages are due at 09:00 on each customer's clock" test "$(psql -tA "$DATABASE_URL" -c "select string_agg(distinct coalesce(u.timezone, '-') || '=' || to_char(n.next_attempt_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), ' ' order by coalesce(u.timezone, '-') || '=' || to_char(n.next_attempt_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI')) from notifications n join users u on u.id = n.user_id")" = "-=$day 02:00 Asia/Jakarta=$day 02:00 Asia/Jayapura=$day 00:00 Asia/Makassar=$day 01:00"
    psql -q "$DATABASE_URL" -c "update notifications set next_attempt_at = now() where status = 'pending'"
    KADO_OUTBOX="$work/outbox" "$KADO" dispatch --format json >"$work/dispatch.json"
    check "dispatch --format json reports everything sent to the file outbox" python3 -c "import json; d=json.load(open('$work/dispatch.json')); assert d['sent'] == d['due'] > 0 and d['dead'] == 0, d"
    check "status shows nothing pending after dispatch" bash -c "'$KADO' status | grep -A3 '^sayakaya/birthday' | grep -q 'pending 0'"

    # outbox: list with filters, re-queue dead letters, cancel waiting ones.
    check "outbox list --format json shows sent messages with their fields" python3 -c "
import json, subprocess
d = json.loads(subprocess.check_output(['$KADO', 'outbox', 'list', '--status', 'sent', '--tenant', 'sayakaya', '--limit', '3', '--format', 'json']))
assert len(d) == 3 and all(e['status'] == 'sent' and e['rule'] == 'birthday' and e['sent_at'] for e in d), d"
    psql -q "$DATABASE_URL" -c "UPDATE notifications SET status = 'dead', last_error = 'HTTP 401', last_error_code = 'http 401' WHERE id IN (SELECT id FROM notifications WHERE channel = 'whatsapp' ORDER BY id LIMIT 4)"
    check "outbox list --status dead shows the error and its code" bash -c "'$KADO' outbox list --status dead | grep -c '\[http 401\]' | grep -qx 4"
    check "outbox retry re-queues the dead ones" bash -c "'$KADO' outbox retry --tenant sayakaya | grep -qx 're-queued 4 messages'"
    check "the re-queued messages are pending again with attempts from zero" test "$(psql -tA "$DATABASE_URL" -c "select count(*) from notifications where status = 'pending' and attempts = 0")" -eq 4
    check "outbox cancel needs a filter" bash -c "! '$KADO' outbox cancel 2>/dev/null"
    check "outbox cancel gives up on the waiting ones" bash -c "'$KADO' outbox cancel --channel whatsapp | grep -qx 'cancelled 4 messages'"

    # doctor: the shipped schema has the birthday index.
    check "doctor finds usable indexes" bash -c "'$KADO' doctor | grep -q '^ok .*sayakaya/birthday'"
    check "doctor: the attribute columns fit, the date trigger needs no index" bash -c "'$KADO' doctor >'$work/doctor.out' && grep -q '^ok .*lunaria attribute member_since: column member_since, timestamp with time zone' '$work/doctor.out' && grep -q '^ok .*sayakaya/harbolnas.*whole audience.*no index needed' '$work/doctor.out' && grep -q '^ok .*lunaria/anniversary.*members_member_since_md_idx' '$work/doctor.out'"

    # The migrations are built into the binary: a copy of it, run where there is no migrations/.
    psql -q "$(db postgres)" -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS kado_smoke_builtin" -c "CREATE DATABASE kado_smoke_builtin" \
        -c "DROP DATABASE IF EXISTS kado_smoke_dir" -c "CREATE DATABASE kado_smoke_dir"
    mkdir -p "$work/elsewhere/bin" "$work/first-only"
    cp "$KADO" "$work/elsewhere/bin/kado"
    out=$(cd "$work/elsewhere" && DATABASE_URL=$(db kado_smoke_builtin) KADO_MIGRATIONS= ./bin/kado migrate up 2>&1); status=$?
    check "migrate up with a copied binary in a directory without migrations/ exits 0" test $status -eq 0
    check "it applies every migration in migrations/ ($(ls migrations/*.up.sql | wc -l))" \
        test "$(grep -c '^applied 0' <<<"$out")" -eq "$(ls migrations/*.up.sql | wc -l)"
    check "the built-in migrations made kado's tables" \
        test "$(psql -tA "$(db kado_smoke_builtin)" -c "select to_regclass('notifications') is not null and to_regclass('kado_runs') is not null")" = t
    check "migrate status there says up to date" \
        bash -c "cd '$work/elsewhere' && DATABASE_URL='$(db kado_smoke_builtin)' ./bin/kado migrate status | grep -q 'up to date'"
    # --migrations DIR (or KADO_MIGRATIONS) uses the files in DIR instead.
    cp migrations/000001_* "$work/first-only/"
    out=$(cd "$work/elsewhere" && DATABASE_URL=$(db kado_smoke_dir) ./bin/kado migrate up --migrations "$work/first-only" 2>&1)
    check "migrate up --migrations DIR applies that directory's files" test "$out" = "applied 000001_seed_schema"
    out=$(cd "$work/elsewhere" && DATABASE_URL=$(db kado_smoke_dir) KADO_MIGRATIONS="$work/first-only" ./bin/kado migrate status 2>&1)
    check "KADO_MIGRATIONS selects the directory too" grep -q "up to date" <<<"$out"
    # A build that knows fewer migrations than the database has (a rolled-back deploy).
    newest=$(basename "$(ls migrations/*.up.sql | tail -1)" | cut -c1-6 | sed 's/^0*//')
    out=$(cd "$work/elsewhere" && DATABASE_URL=$(db kado_smoke_builtin) ./bin/kado migrate status --migrations "$work/first-only" 2>&1); status=$?
    check "migrate status on a database a newer build migrated exits 3" test $status -eq 3
    check "it names the database's version and the newest file, and does not say up to date" \
        bash -c "grep -q 'the database is at version $newest, newer than the newest migration in .*first-only (000001_seed_schema)' <<<'$out' && ! grep -q 'up to date' <<<'$out'"
    out=$(cd "$work/elsewhere" && DATABASE_URL=$(db kado_smoke_builtin) ./bin/kado migrate up --migrations "$work/first-only" 2>&1); status=$?
    check "migrate up there refuses (exit 3) instead of 'already up to date'" \
        bash -c "test $status -eq 3 && grep -q 'a newer build migrated it' <<<'$out'"
    check "doctor says the schema is up to date" bash -c "'$KADO' doctor | grep -q '^ok .*schema: version $newest, up to date'"
    DATABASE_URL=$(db kado_smoke_dir) "$KADO" migrate up >/dev/null && DATABASE_URL=$(db kado_smoke_dir) "$KADO" migrate down 1 >/dev/null
    out=$(DATABASE_URL=$(db kado_smoke_dir) "$KADO" doctor 2>&1); status=$?
    check "doctor on a database with a pending migration exits 1 and says to migrate" \
        bash -c "test $status -eq 1 && grep -q '^error .*schema: at version $((newest - 1)), pending $(basename "$(ls migrations/*.up.sql | tail -1)" .up.sql): run .kado migrate up.' <<<'$out'"

    # suppressions by hand: add, list, remove (issue 11).
    out=$("$KADO" suppressions add --tenant sayakaya --channel email --user 100 --reason "asked by phone" 2>&1)
    check "suppressions add" grep -q "suppressed user 100 on sayakaya/email" <<<"$out"
    out=$("$KADO" suppressions add --tenant sayakaya --channel email --user 100 2>&1)
    check "suppressions add twice says so" grep -q "already suppressed" <<<"$out"
    "$KADO" suppressions list --format json >"$work/supp.json"
    check "suppressions list --format json shows it with its source and reason" python3 -c "import json; d=json.load(open('$work/supp.json')); assert d[0]['user_id']==100 and d[0]['source']=='manual' and d[0]['detail']=='asked by phone', d"
    check "suppressions remove" bash -c "'$KADO' suppressions remove --tenant sayakaya --channel email --user 100 | grep -q 'gets sayakaya/email messages again'"
    "$KADO" suppressions remove --tenant sayakaya --channel email --user 100 >/dev/null 2>"$work/supp.err"; status=$?
    check "removing a suppression that is not there exits 1 with one line" bash -c "[ $status -eq 1 ] && [ \$(wc -l <'$work/supp.err') -eq 1 ]"
    "$KADO" suppressions add --tenant Saya --channel email --user 1 >/dev/null 2>&1; status=$?
    check "suppressions add with a bad tenant id is a usage error" test $status -ne 0
    "$KADO" serve --listen 127.0.0.1:99999 >/dev/null 2>"$work/serve.err"; status=$?
    check "serve --listen with a bad port is a usage error naming it" bash -c "[ $status -ne 0 ] && grep -q 'port must be a number from 0 to 65535' '$work/serve.err'"

    # An unreachable database: one line on stderr, non-zero exit, no crash.
    DATABASE_URL="postgresql://kado@127.0.0.1:1/none" "$KADO" evaluate >"$work/bad.out" 2>"$work/bad.err"; status=$?
    check "unreachable database exits 2" test $status -eq 2
    check "unreachable database gives one line" test "$(wc -l <"$work/bad.err")" -eq 1
    unset DATABASE_URL
fi

# ---- hardening: hostile and broken files (issue 8 point 0, issue 9 point 4) ----
# Each file is one clear error with exit status 1: no crash, no runaway memory (address space
# capped at 1 GiB, 30 s at most; the peak RSS is printed when /usr/bin/time is there).
hostile() { # NAME FILE-CONTENT-GENERATOR(python) EXPECTED-GREP
    local name=$1 gen=$2 expect=$3 dir="$work/hostile-$1"
    mkdir -p "$dir" && cp -r rules templates "$dir/"
    python3 -c "$gen" >"$dir/rules/sayakaya/$name.yaml"
    local timer=()
    [ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%M" -o "$dir/rss")
    (ulimit -v 1048576; timeout 30 "${timer[@]}" "$KADO" validate --rules "$dir/rules" --templates "$dir/templates") >"$dir/out" 2>&1
    local status=$?
    [ -s "$dir/rss" ] && echo "     $name: peak RSS $(tail -n 1 "$dir/rss") KiB"
    check "$name: exit 1 (not a crash or a kill)" test $status -eq 1
    check "$name: one error at file:line:col" grep -q "rules/sayakaya/$name.yaml:[0-9]*:[0-9]*: error: .*$expect" "$dir/out"
    check "$name: the only error" grep -q "^1 error in 1 file" "$dir/out"
}
hostile alias-bomb 'print("a: &a [x,x,x,x,x,x,x,x,x]"); [print(f"{n}: &{n} [" + ",".join(["*" + p] * 9) + "]") for p, n in zip("abcdefg", "bcdefgh")]' "expands YAML aliases into more than 100000 values"
hostile deep-lists 'print("x: " + "[" * 10000 + "]" * 10000)' "more than 64 levels deep"
hostile deep-maps 'print("x: " + "{a: " * 10000 + "1" + "}" * 10000)' "more than 64 levels deep"
hostile huge 'print("id: huge\nname: \"" + "x" * (2 << 20) + "\"")' "larger than 1 MiB"
hostile latin1 'import sys; sys.stdout.flush(); sys.stdout.buffer.write(b"id: caf\xe9\n")' "byte 0xE9"
check "latin1: at the byte's line and column" grep -q "latin1.yaml:1:8: error" "$work/hostile-latin1/out"
hostile two-docs 'print(open("rules/sayakaya/birthday.yaml").read().replace("id: birthday", "id: copy") + "---\nid: b")' "a file holds one document"

# A password holding '@' is an error that never shows the password; an encoded one is redacted.
out=$(SMTP_URL='smtp://user:p@ssw0rd@mail.example' "$KADO" validate 2>&1); status=$?
check "SMTP_URL with a raw '@' in the password exits 1" test $status -eq 1
check "SMTP_URL error says to write %40" grep -q "tenant.yaml:[0-9]*:[0-9]*: error: .*%40" <<<"$out"
check "SMTP_URL error does not show the password" bash -c "! grep -q ssw0rd <<<'$out'"
out=$(SMTP_URL='smtp://user:p%40ssw0rd@mail.example:587' "$KADO" validate 2>&1)
check "an encoded password is hidden in the summary" grep -q "SMTP smtp://\*\*\*@mail.example:587" <<<"$out"
check "the summary does not show the password" bash -c "! grep -q ssw0rd <<<'$out'"

# ---- preview locales and samples; studio options ----
out=$("$KADO" preview --tenant sayakaya --rule birthday --channel email --sample --locale fr-FR 2>&1); status=$?
check "preview --locale of a locale the template lacks exits 1" test $status -eq 1
check "... and lists the locales it has" grep -q "no email variant for locale 'fr-FR'; it has: en-US, id-ID" <<<"$out"
out=$("$KADO" preview --tenant lunaria --rule birthday-week --channel email --sample 2>/dev/null | sed -n 2p)
check "preview --sample uses the tenant's own sample (templates/lunaria/samples.yaml)" test "$out" = "To: Sanne de Vries <sanne.devries@example.com>"
out=$("$KADO" preview --tenant sayakaya --rule birthday --channel email --sample-name 'Emily Carter' 2>/dev/null | sed -n 3p)
check "preview --sample-name picks a built-in sample of another locale" grep -q "^Subject: Happy birthday, Emily!" <<<"$out"
out=$("$KADO" studio --listen localhost 2>&1); status=$?
check "studio --listen without a port is refused (exit 64)" test $status -eq 64
check "... saying how to write it" grep -q "'localhost' has no port; write HOST:PORT" <<<"$out"
# A port held by another program: the studio says it cannot listen (timeout: never hang the run).
python3 -c 'import socket,time; s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(60)' >"$work/port" &
holder=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
out=$(timeout 20 "$KADO" studio --listen "127.0.0.1:$(cat "$work/port")" 2>&1); status=$?
kill $holder 2>/dev/null; wait $holder 2>/dev/null
check "studio on a port in use exits 1" test $status -eq 1
check "... saying it cannot listen there" grep -q "^kado: cannot listen on 127.0.0.1:[0-9]*: .*" <<<"$out"

# ---- tenant tables: catalogs refused, the operator's allow-list enforced ----
cp -r rules "$work/rules-tables"
sed -i 's/^  table: users .*/  table: pg_catalog.pg_authid/' "$work/rules-tables/sayakaya/tenant.yaml"
"$KADO" validate --rules "$work/rules-tables" >"$work/tables.out" 2>&1; status=$?
check "an audience on a system catalog is refused (exit 1)" test $status -eq 1
check "... at the table's file:line:col" grep -q "rules-tables/sayakaya/tenant.yaml:[0-9]*:10: error: 'audience.table'\|rules-tables/sayakaya/tenant.yaml:[0-9]*:10: error: 'pg_catalog.pg_authid' is a PostgreSQL system catalog" "$work/tables.out"
printf 'sayakaya: [users]\nlunaria: [crm.members]\n' >"$work/tenant-tables.yaml"
KADO_TENANT_TABLES="$work/tenant-tables.yaml" "$KADO" validate >"$work/allow.out" 2>&1; status=$?
check "the operator's allow-list refuses a table it does not list (exit 1)" test $status -eq 1
check "... naming the tenant and the allowed tables" grep -q "rules/lunaria/tenant.yaml:[0-9]*:[0-9]*: error: table 'members' is not allowed for tenant 'lunaria'.*allowed: crm.members" "$work/allow.out"
rm -rf "$work/rules-tables"

echo "$pass passed, $fail failed"
test $fail -eq 0
