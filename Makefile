# Makefile — builds ajar, its tests, and installs it. `make help` lists targets.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
SHAREDIR  ?= $(PREFIX)/share/ajar
MANDIR    ?= $(PREFIX)/share/man
DESTDIR   ?=
VERSION   := 0.1.0

CC        ?= cc
BUILD     ?= build
PKG_CONFIG ?= pkg-config

# Debian packages the project needs to build, test and run its terminal tests.
DEB_PACKAGES := gcc make pkg-config libncurses-dev libcjson-dev check tmux \
                python3 python3-icalendar clang libclang-rt-14-dev valgrind
# ... and, on top of those, what `make bench` needs (not CI: the benchmark is not part of check).
BENCH_PACKAGES := valgrind dialog whiptail time

WARNINGS  := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Werror
OPT       ?= -O2 -g
SANITIZE  ?=

# Flags from pkg-config are expanded lazily (=, not :=) so that `make deps run`
# can install the libraries before anything asks pkg-config about them.
CJSON_CFLAGS   = $(shell $(PKG_CONFIG) --cflags libcjson)
CJSON_LIBS     = $(shell $(PKG_CONFIG) --libs libcjson)
CURSES_CFLAGS  = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags ncursesw))
CURSES_LIBS    = $(shell $(PKG_CONFIG) --libs ncursesw)
CHECK_CFLAGS   = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS     = $(shell $(PKG_CONFIG) --libs check)

CPPFLAGS  += -Iinclude -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
             -DAJAR_VERSION='"$(VERSION)"' -DAJAR_SHARE_DIR='"$(SHAREDIR)"'
ALL_CFLAGS = $(WARNINGS) $(OPT) $(SANITIZE) $(CFLAGS)
ALL_LDFLAGS = $(SANITIZE) $(LDFLAGS)

CORE_SRC  := $(sort $(wildcard src/core/*.c))
TUI_SRC   := $(sort $(wildcard src/tui/*.c))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ   := $(TUI_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/src/main.o
UNIT_OBJ  := $(UNIT_SRC:%.c=$(BUILD)/%.o) $(BUILD)/tests/unit/main.o
SHIM_SO   := $(BUILD)/tests/failio.so

.PHONY: all run check unit cli e2e asan fuzz fuzz-build valgrind deps install uninstall clean help
all: ajar

help:
	@echo "make            build ./ajar"
	@echo "make run        build and start ajar"
	@echo "make check      build and run every test (unit, cli, e2e)"
	@echo "make e2e        the wizard's end-to-end tests: key scripts, then tmux"
	@echo "make asan       run the tests under AddressSanitizer + UBSan"
	@echo "make fuzz       run each libFuzzer target FUZZ_SECONDS (60) seconds (clang)"
	@echo "make valgrind   run ajar on every example and fixture under valgrind"
	@echo "make bench      the performance benchmarks (minutes; make bench-deps first)"
	@echo "make deps       install missing Debian packages ($(DEB_PACKAGES))"
	@echo "make install    install to \$$(DESTDIR)\$$(PREFIX) (PREFIX=$(PREFIX))"
	@echo "make clean      remove build output"

# ---- build ------------------------------------------------------------------

ajar: $(BUILD)/ajar
	cp $< $@

$(BUILD)/ajar: $(CORE_OBJ) $(TUI_OBJ) $(CLI_OBJ) $(MAIN_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CURSES_LIBS) $(CJSON_LIBS)

$(BUILD)/src/core/%.o: src/core/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CJSON_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/src/tui/%.o: src/tui/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CJSON_CFLAGS) $(CURSES_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/src/cli/%.o: src/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CJSON_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/src/main.o: src/main.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Isrc $(CJSON_CFLAGS) $(CURSES_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The unit test runner knows its suites from the file names test_NAME.c,
# each of which defines `Suite *NAME_suite(void)`.
$(BUILD)/tests/unit/suites.h: $(UNIT_SRC)
	@mkdir -p $(@D)
	@for f in $(UNIT_SRC); do n=$${f##*/test_}; echo "AJAR_SUITE($${n%.c})"; done > $@.tmp
	@cmp -s $@.tmp $@ 2>/dev/null && rm -f $@.tmp || mv $@.tmp $@

$(BUILD)/tests/unit/main.o: tests/unit/main.c $(BUILD)/tests/unit/suites.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -I$(BUILD)/tests/unit $(CJSON_CFLAGS) $(CHECK_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(CJSON_CFLAGS) $(CHECK_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/unit-tests: $(UNIT_OBJ) $(CORE_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CJSON_LIBS) $(CHECK_LIBS)

# A preloadable library that makes write/fsync/rename fail on demand, for the
# storage fault tests (see tests/failio.c).
$(SHIM_SO): tests/failio.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -D_GNU_SOURCE -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -o $@ $< -ldl

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- run and test -------------------------------------------------------------

# `make run` starts the wizard (its start screen: saved drafts, or a new letter).
run: ajar
	./ajar

# Unit tests run from the top folder so fixtures are found by relative path.
unit: $(BUILD)/unit-tests $(BUILD)/ajar $(SHIM_SO)
	AJAR_BIN=$(CURDIR)/$(BUILD)/ajar AJAR_FAILIO=$(CURDIR)/$(SHIM_SO) AJAR_DATA_DIR=$(CURDIR) \
	    $(BUILD)/unit-tests

cli: $(BUILD)/ajar $(SHIM_SO)
	AJAR_REPO=$(CURDIR) AJAR_BIN=$(CURDIR)/$(BUILD)/ajar AJAR_FAILIO=$(CURDIR)/$(SHIM_SO) AJAR_DATA_DIR=$(CURDIR) \
	    tests/run-cli.sh tests/cli/*.sh

# The wizard driven by key scripts (screens and drafts compared with tests/e2e/*/), then in a
# real terminal through tmux (skipped, saying so, without tmux). Neither needs a terminal.
e2e: $(BUILD)/ajar
	AJAR_BIN=$(CURDIR)/$(BUILD)/ajar tests/e2e/run.sh
	AJAR_BIN=$(CURDIR)/$(BUILD)/ajar tests/e2e/tmux.sh

# valgrind cannot run a sanitised build, so `make asan` (SANITIZE set) skips it.
check: unit cli e2e $(if $(SANITIZE),,valgrind)

# ajar under valgrind (memory errors, definite leaks) on the commands of
# tests/valgrind/commands.txt and any VALGRIND_LISTS files, then the wizard's
# end-to-end key scripts (VALGRIND_RUN: a command that takes ajar from $$AJAR_BIN).
VALGRIND_LISTS ?=
VALGRIND_RUN   ?= tests/e2e/run.sh
valgrind: $(BUILD)/ajar
	AJAR_BIN=$(CURDIR)/$(BUILD)/ajar AJAR_DATA_DIR=$(CURDIR) \
	    tests/valgrind/run.sh tests/valgrind/commands.txt $(VALGRIND_LISTS)
	$(if $(VALGRIND_RUN),AJAR_BIN=$(CURDIR)/$(BUILD)/ajar AJAR_DATA_DIR=$(CURDIR) \
	    AJAR_REPO=$(CURDIR) AJAR_FAILIO=$(CURDIR)/$(SHIM_SO) tests/valgrind/run.sh -- $(VALGRIND_RUN))

# The whole suite again (unit, cli and e2e), built separately with AddressSanitizer + UBSan,
# in ASAN_BUILD (another folder for another worktree or branch: make asan ASAN_BUILD=build-x-asan).
ASAN_BUILD ?= build-asan
asan:
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:verify_asan_link_order=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(MAKE) BUILD=$(ASAN_BUILD) OPT='-O1 -g -fno-omit-frame-pointer' \
	    SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=all' check

# ---- fuzzing -------------------------------------------------------------------

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang, ASan and UBSan in
# their own folder; `make fuzz` runs each for FUZZ_SECONDS seconds from the
# corpus in tests/fuzz/corpus/TARGET (new inputs go to FUZZ_BUILD/corpus, not
# to the repository). A crash, leak, timeout or broken invariant leaves its
# input in tests/fuzz/crashes/ and fails (see tests/fuzz/README.md).
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build-fuzzer
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

fuzz:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT='-O1 -g -fno-omit-frame-pointer' \
	    SANITIZE='-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all' fuzz-build
	AJAR_DATA_DIR=$(CURDIR) tests/fuzz/run.sh $(FUZZ_BUILD)/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BIN)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_common.h $(CORE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DAJAR_FUZZ_REPO='"$(CURDIR)"' $(CJSON_CFLAGS) $(ALL_CFLAGS) \
	    -fsanitize=fuzzer -o $@ $< $(CORE_OBJ) $(CJSON_LIBS) -lm
# ---- benchmark ----------------------------------------------------------------------

# The performance benchmarks of docs/performance.md: a table of measured values, targets and
# PASS/FAIL, printed and written to $(BUILD)/bench.txt. Slow (callgrind): not part of check.
.PHONY: bench bench-deps
BENCH_DIR := $(BUILD)/bench

# The start-up benchmark's yardstick: a bare ncurses program, built like ajar.
$(BENCH_DIR)/bare: tests/bench/bare.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CURSES_CFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CURSES_LIBS)

bench: $(BUILD)/ajar $(BENCH_DIR)/bare
	AJAR_BIN=$(CURDIR)/$(BUILD)/ajar BENCH_BARE=$(CURDIR)/$(BENCH_DIR)/bare \
	BENCH_DIR=$(CURDIR)/$(BENCH_DIR) BENCH_OUT=$(CURDIR)/$(BUILD)/bench.txt tests/bench/run.sh

bench-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(DEB_PACKAGES) $(BENCH_PACKAGES)"

# ---- set-up -------------------------------------------------------------------

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q '^install ok installed$$' \
	        || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all packages present"; exit 0; fi; \
	sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	echo "deps: installing$$missing"; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing

install: $(BUILD)/ajar
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)
	install -m 0755 $(BUILD)/ajar $(DESTDIR)$(BINDIR)/ajar
	cp -R prompts data $(DESTDIR)$(SHAREDIR)/
	@if [ -f docs/ajar.1 ]; then \
	    install -d $(DESTDIR)$(MANDIR)/man1 && install -m 0644 docs/ajar.1 $(DESTDIR)$(MANDIR)/man1/ajar.1; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ajar $(DESTDIR)$(MANDIR)/man1/ajar.1
	rm -rf $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf build $(ASAN_BUILD) $(FUZZ_BUILD) ajar
