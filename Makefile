# claimex — build, test and run. Every target that needs the C libraries installs them first.
SWIFT        ?= swift
PREFIX       ?= /usr/local
CONFIG       ?= release
BIN          := .build/$(CONFIG)/claimex
SAMPLE       := golden/seed-article/seed-article.txt
DEB_PACKAGES := libxml2-dev libpcre2-dev zlib1g-dev pkg-config
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test unit rules-test golden run install bench fuzz clean

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

# Filled in by the performance and fuzzing issues.
bench:
	@echo "make bench: no benchmarks yet (see the performance issue)"; exit 2

fuzz:
	@echo "make fuzz: no fuzz harnesses yet (see the reliability issue)"; exit 2

clean:
	rm -rf .build
