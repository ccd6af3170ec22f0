#!/usr/bin/env bash
# Installs what building, testing and the demo need on a Debian machine (run as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
for pkg in libpq-dev libcurl4-openssl-dev libyaml-dev pkg-config postgresql postgresql-contrib; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update
    apt-get install -y --no-install-recommends "${need[@]}"
fi
python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet aiosmtpd
