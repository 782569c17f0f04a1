# claimex — build, test and run. Every target that needs the C libraries installs them first.
SWIFT        ?= swift
PREFIX       ?= /usr/local
CONFIG       ?= release
BIN          := .build/$(CONFIG)/claimex
SAMPLE       := golden/seed-article/seed-article.txt
DEB_PACKAGES := libxml2-dev libpcre2-dev zlib1g-dev pkg-config
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test unit rules-test golden run install bench fuzz fuzz-build test-asan test-tsan clean

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
test: deps unit rules-test golden

unit: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

rules-test: build
	$(BIN) rules lint
	$(BIN) rules test

golden: build
	$(BIN) golden

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

TSAN_FILTER ?= RunnerTests|NothingLostTests|HostileInputTests|CommandLineTests
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
	rm -rf .build
