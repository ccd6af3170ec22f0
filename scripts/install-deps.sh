#!/usr/bin/env bash
# Installs the Debian packages that a make target needs, and only those missing:
#
#   scripts/install-deps.sh build   # compile kado: the C libraries' headers
#   scripts/install-deps.sh demo    # build + PostgreSQL + python3-aiosmtpd (make demo)
#   scripts/install-deps.sh test    # demo + Chromium, pg_auto_failover, PgBouncer, python3-venv (make test)
#
# Each package is checked with dpkg first, so a machine that has them all runs no apt
# at all; otherwise `apt-get update` once, then one `apt-get install`. Debian packages
# only (never pip into Debian's Python). As root it installs; as another user with
# something missing it prints the packages and the command, and exits 1.
# To add a package, add it to the target's list below.
set -euo pipefail

build=(libpq-dev libcurl4-openssl-dev libyaml-dev pkg-config)
# PostgreSQL for the throwaway cluster (scripts/with-postgres.sh); python3-aiosmtpd for
# the local SMTP server in scripts/fakes/ (point SMTP_URL at it to try real SMTP).
demo=("${build[@]}" postgresql postgresql-contrib python3-aiosmtpd)
# Chromium for the browser checks; pg_auto_failover for the failover test; PgBouncer for
# the pooled-connection test; python3-venv for schemathesis (scripts/api-check.sh).
test=("${demo[@]}" chromium postgresql-15-auto-failover pgbouncer python3-venv)

target=${1:-test}
case $target in
    build) wanted=("${build[@]}") ;;
    demo) wanted=("${demo[@]}") ;;
    test) wanted=("${test[@]}") ;;
    *)
        echo "install-deps: unknown target '$target' (build, demo or test)" >&2
        exit 2
        ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing Debian packages for '$target': ${missing[*]}" >&2
    echo "install-deps: install them as root, then run make again:  sudo sh -c '$command'" >&2
    exit 1
fi

echo "==> installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# postfix (smtp-sink) asks what kind of mail server to be; answer before it asks.
if [[ " ${missing[*]} " == *" postfix "* ]]; then
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
fi
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
