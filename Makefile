# trailsql — common tasks. `make demo` and `make test` are README's two commands.
SWIFT ?= swift
PATTERN ?= { ($$.eventName = ConsoleLogin) && ($$.errorMessage = "Failed authentication") }
QUERY ?= SELECT eventsource, eventname, count(*) AS calls, count_if(errorcode IS NOT NULL) AS errors FROM cloudtrail_logs GROUP BY 1, 2 ORDER BY calls DESC LIMIT 10

.PHONY: deps build release demo test test-deps fuzz bench bench-smoke sample clean
VENV ?= .build-venv

# System libraries the package links: libdeflate (fast whole-buffer gzip), zlib (diagnosis of bad gzip),
# libcurl (S3 over HTTP) and libcrypto (SigV4's SHA-256/HMAC).
deps:
	@if ! pkg-config --exists libdeflate zlib libcurl libcrypto 2>/dev/null || ! [ -f /usr/include/libdeflate.h ]; then \
	  echo "installing libdeflate-dev zlib1g-dev libcurl4-openssl-dev libssl-dev pkg-config (apt-get)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libdeflate-dev zlib1g-dev libcurl4-openssl-dev libssl-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product trailsql

# Athena SQL over the bundled sample logs (the busiest API calls), then the failed-console-login alarm
# (CIS 3.6 / CloudWatch.6) as a CloudWatch Logs filter pattern.
demo: release
	.build/release/trailsql query "$(QUERY)"
	.build/release/trailsql filter '$(PATTERN)'

# Python for the S3 tests: moto (S3, IAM and STS on 127.0.0.1) with boto3, in the repository's venv.
test-deps:
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c 'import moto, sys; sys.exit(moto.__version__ != "5.2.5")' 2>/dev/null || \
	  $(VENV)/bin/pip install -q --disable-pip-version-check "moto[server]==5.2.5"

test: deps test-deps
	$(SWIFT) test

fuzz: deps
	Fuzz/run 60

bench: deps
	Benchmarks/filter-benchmark
	Benchmarks/query-benchmark
	Benchmarks/s3-benchmark

bench-smoke: deps
	Benchmarks/filter-benchmark --smoke
	Benchmarks/query-benchmark --smoke
	Benchmarks/s3-benchmark --smoke --skip-build --server moto

# Regenerates the bundled sample (deterministic).
sample: release
	rm -rf Samples/logs/AWSLogs
	.build/release/trailsql generate --out Samples/logs --events 3000 --days 2 --start 2026-11-01 --seed 7

clean:
	rm -rf .build .build-* Fuzz/*/.build-fuzz
