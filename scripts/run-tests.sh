#!/usr/bin/env bash
# The whole test run, inside scripts/with-postgres.sh, on the build `make test` made
# (swift build --build-tests): the CLI smoke checks, the end-to-end checks, the HTTP API
# against openapi.yaml (schemathesis), the fault suite's short form (`make faults` runs it
# in full), PgBouncer, kado across two PostgreSQL failovers (its own pg_auto_failover
# formation), the studio in headless Chromium, then `swift test` last so that its own
# summary line closes the log.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null 2>&1 || export PATH=$PATH:/opt/swift/usr/bin
scripts/cli-smoke.sh
scripts/e2e.sh
scripts/api-check.sh
FAULTS_SHORT=1 scripts/faults.sh
scripts/pgbouncer.sh
scripts/with-failover.sh scripts/failover.sh
scripts/studio-browser.sh
"${SWIFT:-swift}" test --skip-build
