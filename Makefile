# claimex — build, test and run. Every target that needs the C libraries installs them first.
SWIFT        ?= swift
PREFIX       ?= /usr/local
CONFIG       ?= release
BIN          := .build/$(CONFIG)/claimex
SAMPLE       := golden/seed-article/seed-article.txt
DEB_PACKAGES := libxml2-dev libpcre2-dev zlib1g-dev pkg-config
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VENV         := .venv
PYTHON       ?= python3
WARC_FIXTURES := Tests/ClaimExTests/Fixtures/warc

.PHONY: all deps build test unit rules-test golden schema-test parallel-test parallel-deps venv spark-demo dist run install bench fuzz fuzz-build test-asan test-tsan clean

all: build

# Installs the system libraries with apt-get when pkg-config cannot find them. A fresh
# machine has no package lists, hence the update first.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libxml-2.0 libpcre2-8 zlib; then \
	  echo "make deps: installing $(DEB_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEB_PACKAGES) >/dev/null; \
	fi
	@pkg-config --exists libxml-2.0 libpcre2-8 zlib || { echo "make deps: libxml2, PCRE2 or zlib still missing"; exit 2; }

build: deps
	$(SWIFT) build -c $(CONFIG) --product claimex

# The main job on the bundled sample article: quotes and claims as JSON Lines on stdout.
run: build
	$(BIN) extract $(SAMPLE)

# Unit tests, every rule's examples, and the golden cases.
test: deps unit rules-test golden schema-test parallel-test

unit: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

rules-test: build
	$(BIN) rules lint
	$(BIN) rules test

golden: build
	$(BIN) golden

# A virtualenv with jsonschema (schema-test) and warcio (to remake the WARC fixtures).
# Debian's python3 needs python3-venv for `-m venv`; it is installed when missing.
$(VENV)/bin/python:
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  echo "make venv: installing python3-venv"; $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q jsonschema warcio

venv: $(VENV)/bin/python

# Every record type against schema/claimex.schema.json: the golden outputs, and fresh runs
# over the WARC fixtures (extract, --group article, clean, sentences, inputs, classify).
schema-test: build $(VENV)/bin/python
	@rm -rf .build/schema-test && mkdir -p .build/schema-test
	@$(BIN) extract --error-records --progress never $(WARC_FIXTURES)/news.warc.gz $(WARC_FIXTURES)/truncated.warc.gz > .build/schema-test/extract.jsonl 2>/dev/null || [ $$? = 1 ]
	@$(BIN) extract --group article --error-records --progress never $(WARC_FIXTURES)/news.warc > .build/schema-test/group.jsonl 2>/dev/null || [ $$? = 1 ]
	@$(BIN) clean --progress never $(SAMPLE) $(WARC_FIXTURES)/news.warc.gz > .build/schema-test/clean.jsonl 2>/dev/null || [ $$? = 1 ]
	@$(BIN) sentences --progress never $(SAMPLE) > .build/schema-test/sentences.jsonl 2>/dev/null
	@$(BIN) inputs --error-records --progress never $(WARC_FIXTURES)/news.warc > .build/schema-test/inputs.jsonl 2>/dev/null || [ $$? = 1 ]
	@printf '%s\n' '{"id":"s1","text":"Prices rose 4% in May."}' | $(BIN) classify --progress never - > .build/schema-test/classify.jsonl 2>/dev/null
	@$(VENV)/bin/python schema/validate.py golden/*/expected.jsonl .build/schema-test/*.jsonl

# GNU parallel (Debian package `parallel`), installed when missing.
parallel-deps:
	@command -v parallel >/dev/null 2>&1 || { echo "make parallel-deps: installing parallel"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq parallel >/dev/null; }

# claimex as a streaming mapper: `parallel --pipepart ... -k -j2` equals the single run.
parallel-test: build parallel-deps
	Tests/integration/parallel.sh $(BIN)

# Apache Spark (pyspark from PyPI, local mode, Java 17): rdd.pipe through claimex, compared
# with the single-process run. Not part of `make test` (pyspark is a 300 MB download).
spark-demo: build
	@[ -x .venv-spark/bin/python ] || { $(PYTHON) -m venv .venv-spark && .venv-spark/bin/pip install -q pyspark; }
	.venv-spark/bin/python docs/spark_pipe.py $(BIN)

# A binary to ship to cluster nodes: Swift's runtime linked in (only glibc, libxml2,
# PCRE2 and zlib are needed there), with the rules beside it in share/claimex/rules.
# Its own scratch path, so that it does not rebuild (and invalidate) .build/release.
dist: deps
	$(SWIFT) build -c release --product claimex --static-swift-stdlib --scratch-path .build/dist
	rm -rf dist/claimex && install -d dist/claimex/bin dist/claimex/share/claimex
	install -m 755 .build/dist/release/claimex dist/claimex/bin/claimex
	cp -R rules dist/claimex/share/claimex/rules
	tar -C dist -czf dist/claimex-linux-$$(uname -m).tar.gz claimex
	@ldd dist/claimex/bin/claimex | sed 's/^/  /'
	@echo "dist/claimex-linux-$$(uname -m).tar.gz"

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/claimex
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/claimex
	rm -rf $(DESTDIR)$(PREFIX)/share/claimex/rules
	cp -R rules $(DESTDIR)$(PREFIX)/share/claimex/rules

# Per-stage and end-to-end throughput against libxml2's bare parse (see bench/RESULTS.md).
# Uses ../shared/data and /tmp/claimex-eval when present, the bundled golden pages otherwise.
bench: deps
	$(SWIFT) build -c release --product claimex-bench
	.build/release/claimex-bench $(BENCH_ARGS)

# The unit tests under AddressSanitizer + UndefinedBehaviorSanitizer, and the parallel runner's
# tests under ThreadSanitizer, each in its own build path (not part of `make test`: slow).
SANITIZER_JOBS ?= 1
# swiftc has no -sanitize=undefined on Linux (Swift code traps on overflow and bad indices by
# itself), so UBSan instruments the C compiled into the package (Yams' libyaml) via -Xcc; the
# ASan runtime carries the UBSan handlers.
ASAN_FLAGS := --sanitize=address -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
test-asan: deps
	$(SWIFT) build --build-tests -j $(SANITIZER_JOBS) --build-path .build/asan $(ASAN_FLAGS)
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(SWIFT) test --skip-build --build-path .build/asan $(ASAN_FLAGS)

TSAN_FILTER ?= RunnerTests|NothingLostTests|HostileInputTests|CommandLineTests|TemporaryFileCleanupTests
test-tsan: deps
	$(SWIFT) build --build-tests -j $(SANITIZER_JOBS) --build-path .build/tsan --sanitize=thread
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --build-path .build/tsan --sanitize=thread --filter '$(TSAN_FILTER)'

# libFuzzer harnesses (fuzz/*.swift, see fuzz/README.md). The package modules are compiled
# with -sanitize=fuzzer,address (coverage + ASan, no linking) into their own build path, then
# each harness is linked against their object files by swiftc, which brings libFuzzer's main.
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= .build/fuzz
FUZZ_TARGETS ?= html text sentences attribution jsonl warc
FUZZ_B       := $(FUZZ_BUILD)/release
FUZZ_OBJECTS  = $(FUZZ_B)/ClaimEx.build/*.o $(FUZZ_B)/Patterns.build/*.o $(FUZZ_B)/HTMLText.build/*.o \
                $(FUZZ_B)/Yams.build/*.o $(FUZZ_B)/CYaml.build/src/*.o
FUZZ_INCLUDES = -I $(FUZZ_B)/Modules -I Sources/CZlib -I Sources/CLibXML2 -I Sources/CPCRE2 \
                -I $(FUZZ_BUILD)/checkouts/Yams/Sources/CYaml/include $$(pkg-config --cflags-only-I libxml-2.0 | sed 's/-I/-Xcc -I/g')

fuzz-build: deps
	$(SWIFT) build -c release -j 1 --build-path $(FUZZ_BUILD) --target ClaimEx \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing
	mkdir -p $(FUZZ_B)/fuzzers
	for t in $(FUZZ_TARGETS); do \
	  echo "linking fuzz-$$t"; \
	  $(SWIFT)c -sanitize=fuzzer,address -parse-as-library -O $(FUZZ_INCLUDES) fuzz/Support.swift fuzz/$$t.swift \
	    $(FUZZ_OBJECTS) $$(pkg-config --libs libxml-2.0 libpcre2-8 zlib) -o $(FUZZ_B)/fuzzers/fuzz-$$t 2>&1 \
	    | grep -v "Cannot export local symbol '__asan" || true; \
	  test -x $(FUZZ_B)/fuzzers/fuzz-$$t || exit 2; \
	done

# make fuzz FUZZ_SECONDS=N: each harness N seconds, one after the other, niced, one process.
fuzz: fuzz-build
	@status=0; for t in $(FUZZ_TARGETS); do FUZZ_BUILD=$(FUZZ_BUILD) fuzz/run.sh $$t $(FUZZ_SECONDS) || status=1; done; exit $$status

clean:
	rm -rf .build dist
