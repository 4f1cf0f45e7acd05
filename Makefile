# Portal: the two quick-start commands are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: run test bench build deps test-deps bench-deps clean

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

## Release binaries measured on SQLite and a private PostgreSQL server: one table, and JSON under .bench/.
## Takes about 15 minutes on 2 cores after the release build; never part of `make test`. BENCH_ARGS="--quick" checks the benchmark itself.
bench: bench-deps
	$(SWIFT) build -c release --static-swift-stdlib
	.build/release/portal-bench --binaries .build/release --output .bench $(BENCH_ARGS)

build: deps
	$(SWIFT) build

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

bench-deps:
	@scripts/install-deps.sh bench

clean:
	rm -rf .build
