# recon: `make demo` runs the main job on the embedded default, `make test` runs the tests.
# Every target that needs PostgreSQL starts the throwaway cluster of this checkout
# (scripts/pg.sh) unless DATABASE_URL is set.

SHELL := /bin/bash
SQLC_VERSION := v1.31.1
# -timeout only catches a hung test: cmd/recon, the slowest package, took 4 min on 2 cores at a load
# average around 10, and 11 min at 26 (docs/reliability.md, section 7).
GO_TEST_FLAGS ?= -count=1 -timeout 40m
WITH_DB = scripts/pg.sh start && source <(scripts/pg.sh env) &&

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_\/-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: demo
demo: ## Run `recon run --date 2025-03-06` against the stand-in Elexon server (synthetic day) and a local PostgreSQL.
	@scripts/demo.sh

# -buildvcs=auto stamps the commit into bin/recon (`recon --version`) even where GOFLAGS turns stamping off.
.PHONY: build
build: ## Build bin/recon (its --version names the commit) and bin/elexon-fake.
	go build -buildvcs=auto -o bin/recon ./cmd/recon
	go build -o bin/elexon-fake ./cmd/elexon-fake

.PHONY: test
test: ## Run every test against a real (throwaway) PostgreSQL, installing it first if needed (~4 min on 2 quiet cores).
	@scripts/test.sh $(GO_TEST_FLAGS)

.PHONY: test/race
test/race: ## The tests with the race detector (several times slower).
	@scripts/test.sh $(GO_TEST_FLAGS) -race

RUNS ?= 5
BUSY ?= 2
.PHONY: test/load
test/load: ## `make test` RUNS times (5) on a clean clone of HEAD, BUSY (2) processes keeping the CPUs busy; stops at the first failure.
	@RUNS=$(RUNS) BUSY=$(BUSY) scripts/test-load.sh

.PHONY: fuzz
fuzz: ## A short run (~30 s) of each fuzz target; the committed corpora under testdata/fuzz also run in `make test`.
# Budgets are counts of inputs, not durations: with a duration, Go 1.26's fuzzing coordinator can report
# "context deadline exceeded" when the time runs out while a worker is busy (golang/go#75804, fixed in
# Go 1.27), which a busy machine makes likely. A count has no deadline to race; -timeout is a hang guard.
	go test -run '^$$' -fuzz '^FuzzDecodeStack$$' -fuzztime 100000x -timeout 10m ./internal/elexon/
	go test -run '^$$' -fuzz '^FuzzParseRange$$' -fuzztime 150000x -timeout 10m ./internal/settlement/
	go test -run '^$$' -fuzz '^FuzzParseDate$$' -fuzztime 150000x -timeout 10m ./internal/settlement/

.PHONY: bench
bench: build ## Benchmarks: one day against the floor (a bare fetch and COPY), 31 and 365 days; writes docs/benchmarks.md.
	$(WITH_DB) scripts/bench.sh

.PHONY: bench-scale
bench-scale: build ## A decade (2016-2025) on one PostgreSQL: size, a day's run, reads, EXPLAIN, VACUUM (~30-40 min, ~15 GB); writes docs/scaling.md.
	$(WITH_DB) scripts/bench-scale.sh

bin/sqlc:
	GOBIN=$(CURDIR)/bin go install github.com/sqlc-dev/sqlc/cmd/sqlc@$(SQLC_VERSION)

.PHONY: generate
generate: bin/sqlc ## Regenerate db/ from sql/ with sqlc.
	bin/sqlc generate

.PHONY: verify
verify: bin/sqlc ## Fail on drift (db/ vs sql/, go.mod), formatting, vet and staticcheck findings.
	@tmp=$$(mktemp -d) && cp -r db "$$tmp/db.before" && bin/sqlc generate && \
	  if ! diff -r "$$tmp/db.before" db >/dev/null; then \
	    diff -r "$$tmp/db.before" db; echo "verify: db/ was out of date with sql/ (now regenerated): commit it"; exit 1; fi
	@git diff --exit-code -- db/ >/dev/null || { echo "verify: db/ differs from what is committed"; exit 1; }
	@go mod tidy -diff >/dev/null || { go mod tidy -diff; echo "verify: go.mod/go.sum are not tidy: run go mod tidy and commit"; exit 1; }
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "verify: run gofmt -w"; exit 1; }
	@cd sql/schema && sha256sum --check --strict --quiet migrations.sha256 || { \
	  echo "verify: a migration listed in sql/schema/migrations.sha256 changed (above): a released migration is never edited; write a new one"; exit 1; }
	@for f in sql/schema/[0-9]*.sql; do grep -q "  $${f##*/}$$" sql/schema/migrations.sha256 || { \
	  echo "verify: $$f is not in sql/schema/migrations.sha256: run make schema/sum and commit the list"; exit 1; }; done
	go vet ./...
	go tool staticcheck ./...
	@echo "verify: ok"

# sql/schema/migrations.sha256 lists every migration with its checksum, and `make verify` fails when a
# listed file changes or a migration is missing from it: a migration on main is released and never edited
# again (schema changes are new migrations). A new migration is added to the list by `make schema/sum`,
# in the commit that adds it; while it is not yet on main it may still change: delete its line and run
# `make schema/sum` again.
.PHONY: schema/sum
schema/sum: ## Add the checksum of each migration not yet in sql/schema/migrations.sha256 (never rewrites a listed one).
	@cd sql/schema && for f in [0-9]*.sql; do grep -q "  $$f$$" migrations.sha256 || { sha256sum "$$f" >>migrations.sha256; echo "schema/sum: added $$f"; }; done

.PHONY: db/start
db/start: ## Start the throwaway PostgreSQL of this checkout (harmless when running).
	scripts/pg.sh start && scripts/pg.sh env

.PHONY: db/stop
db/stop: ## Stop it.
	scripts/pg.sh stop

.PHONY: db/destroy
db/destroy: ## Stop it and delete its data.
	scripts/pg.sh destroy
