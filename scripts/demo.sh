#!/usr/bin/env bash
# `make demo` (after installing packages and building kado): starts a throwaway
# PostgreSQL and runs scripts/demo-flow.sh inside it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .build/debug/kado ]; then
    echo "demo: .build/debug/kado is missing; run \`make demo\` (it installs packages and builds)" >&2
    exit 2
fi
exec scripts/with-postgres.sh scripts/demo-flow.sh
