# Portal: the two quick-start commands are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
DATA_DIR ?= data
export PORTAL_DATABASE_URL ?= sqlite:$(DATA_DIR)/portal.sqlite

.PHONY: run test build deps test-deps clean

## Installs missing system packages, builds, migrates the SQLite database and serves on a local address.
run: deps
	$(SWIFT) build --product portal-cli
	$(SWIFT) build --product portal-http
	.build/debug/portal-cli migrate
	.build/debug/portal-http

## The whole suite: unit, conformance on SQLite and on a private PostgreSQL server the suite starts and stops, CLI and HTTP.
test: test-deps
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
