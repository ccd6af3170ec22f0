#!/usr/bin/env bash
# The whole test run, inside scripts/with-postgres.sh: builds, runs the CLI
# smoke checks, then `swift test` last so its own summary line closes the log.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
scripts/cli-smoke.sh
scripts/e2e.sh
swift test --skip-build
