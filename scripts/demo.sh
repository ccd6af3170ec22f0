#!/usr/bin/env bash
# `make demo`: the whole flow on a fresh machine, with nothing running before.
# Installs the system packages (as root), builds kado, starts a throwaway
# PostgreSQL, and runs scripts/demo-flow.sh inside it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
    scripts/install-deps.sh
else
    echo "demo: not root, so system packages are not installed (see scripts/install-deps.sh)"
fi
export PATH=/opt/swift/usr/bin:$PATH
echo "==> building kado"
swift build --product kado 2>&1 | tail -n 1
scripts/with-postgres.sh scripts/demo-flow.sh
