#!/usr/bin/env bash
# The whole test run, inside scripts/with-postgres.sh, on the build `make test` made
# (swift build --build-tests): the CLI smoke checks, the end-to-end checks, the HTTP API
# against openapi.yaml (schemathesis), then `swift test` last so that its own summary
# line closes the log.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null 2>&1 || export PATH=$PATH:/opt/swift/usr/bin
scripts/cli-smoke.sh
scripts/e2e.sh
scripts/api-check.sh
"${SWIFT:-swift}" test --skip-build
