# Portal: the two quick-start commands are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: run test build deps test-deps clean

# `make run` switches on the PDF renderer (invoice downloads) and the bank-transfer gateway
# unless PORTAL_PLUGINS_ENABLED says otherwise.
RUN_PLUGINS = PORTAL_PLUGINS_ENABLED="$${PORTAL_PLUGINS_ENABLED-pdf,manual}"

## Installs missing system packages, builds, migrates the SQLite database and serves on a local address.
run: deps
	$(SWIFT) build
	.build/debug/portal-cli migrate
	$(RUN_PLUGINS) .build/debug/portal-cli demo --if-empty
	$(RUN_PLUGINS) .build/debug/portal-http

## The whole suite: unit, conformance on SQLite and on a private PostgreSQL server the suite starts and stops, CLI and HTTP.
test: test-deps
	@scripts/stop-orphaned-test-postgres.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build: deps
	$(SWIFT) build

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

clean:
	rm -rf .build
