# kado: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
KADO := .build/debug/kado

.PHONY: build release test test-unit demo format lint schema bench clean deps

build:
	$(SWIFT) build --product kado

release:
	$(SWIFT) build -c release --product kado

# Every test, against a throwaway PostgreSQL cluster (scripts/with-postgres.sh).
test: lint
	scripts/with-postgres.sh scripts/run-tests.sh

demo: build
	scripts/demo.sh

# Regenerates schema/*.schema.json from the model (editors read them via the modeline).
schema: build
	$(KADO) schema --out-dir schema

# Tests/.swift-format relaxes the force-unwrap rules for tests only.
format:
	$(SWIFT) format -i -r Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

deps:
	scripts/install-deps.sh

clean:
	rm -rf .build
