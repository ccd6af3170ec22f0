# kado: the two commands a newcomer needs are `make test` and `make demo`. Both install
# the Debian packages they need first (scripts/install-deps.sh; as root) and work with a
# plain PATH: swift is taken from PATH, else from /opt/swift.
ifeq ($(origin SWIFT),undefined)
SWIFT := $(or $(shell command -v swift 2>/dev/null),/opt/swift/usr/bin/swift)
endif
export SWIFT
# The toolchain's directory for the scripts, and Debian's own tools (its python3 has
# python3-aiosmtpd) ahead of a pyenv or virtualenv python3 that may come first in PATH.
export PATH := $(if $(findstring /,$(SWIFT)),$(patsubst %/,%,$(dir $(SWIFT))):)/usr/sbin:/usr/bin:/sbin:/bin:$(PATH)

# CI's flags, used by every build so that `make demo` after `make test` rebuilds nothing.
BUILD_FLAGS ?= -Xswiftc -warnings-as-errors
KADO := .build/debug/kado
LINT = $(SWIFT) format lint --strict -r Sources Tests Package.swift

.PHONY: build release test test-unit demo faults format lint schema migrations openapi clean deps

build:
	$(SWIFT) build --product kado $(BUILD_FLAGS)

release:
	$(SWIFT) build -c release --static-swift-stdlib --product kado $(BUILD_FLAGS)

# Every test: lint, then unit, PostgreSQL, SMTP/HTTP integration, CLI and end-to-end
# checks against a throwaway PostgreSQL cluster (scripts/with-postgres.sh).
test:
	scripts/install-deps.sh test
	$(LINT)
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	scripts/with-postgres.sh scripts/run-tests.sh

# The Swift tests that need neither PostgreSQL nor the local stand-ins (suites tagged
# .database or .fakes stay off): a quick loop while editing.
test-unit:
	scripts/install-deps.sh build
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	env -u KADO_TEST_DATABASE_URL KADO_TEST_NO_FAKES=1 $(SWIFT) test --skip-build

# The fault suite in full (kill -9 rounds, SIGTERM, outages, rate limits, hostile files),
# with its figures; `make test` runs a short form of it.
faults:
	scripts/install-deps.sh test
	$(SWIFT) build --product kado $(BUILD_FLAGS)
	scripts/with-postgres.sh scripts/faults.sh

# The whole flow on a throwaway PostgreSQL: validate, migrate, demo users, run, preview.
demo:
	scripts/install-deps.sh demo
	$(SWIFT) build --product kado $(BUILD_FLAGS)
	scripts/demo.sh

# Regenerates schema/*.schema.json from the model (editors read them via the modeline).
schema: build
	$(KADO) schema --out-dir schema

# Regenerates the migrations built into kado (Sources/KadoMigrations) from migrations/;
# run after adding or changing a migration (a test fails until then).
migrations:
	python3 scripts/embed-migrations.py

# Builds openapi.yaml into `kado serve` (Sources/KadoServer/OpenAPIDocument+Text.swift);
# run after changing openapi.yaml (a test fails until then).
openapi:
	python3 scripts/embed-openapi.py

# Tests/.swift-format relaxes the force-unwrap rules for tests only.
format:
	$(SWIFT) format -i -r Sources Tests Package.swift

lint:
	$(LINT)

deps:
	scripts/install-deps.sh test

clean:
	rm -rf .build
