# Thin wrapper over Meson and Ninja: every rule here only calls them.
#   make        build build/tcplens (release)
#   make run    install what is missing, build, analyze the bundled capture
#   make test   install what is missing, build with ASan+UBSan, run all tests
#   make bench  speed and peak memory against tcpdump, tshark, tcptrace, tcpflow
#               and the floors of a bare read loop (not part of test)
#   make fuzz   the libFuzzer target for FUZZ_SECONDS (default 60) with clang
BUILD ?= build
ASAN ?= build-asan
FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1

.PHONY: all run test bench fuzz deps clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=release -Db_lto=true

$(ASAN)/build.ninja:
	meson setup $(ASAN) --buildtype=debug -Db_sanitize=address,undefined

$(FUZZ)/build.ninja:
	CC=clang meson setup $(FUZZ) --buildtype=debugoptimized -Dfuzz=true -Dtests=false \
		-Db_sanitize=address,undefined -Db_lundef=false

deps:
	@scripts/deps.sh

run: deps all
	./$(BUILD)/tcplens --states -r data/handshake.pcap
	./$(BUILD)/tcplens conns -r data/handshake.pcap

test: deps $(ASAN)/build.ninja
	ninja -C $(ASAN)
	meson test -C $(ASAN) --print-errorlogs

bench: all
	@scripts/deps.sh bench
	bench/run.sh $(BUILD)

fuzz:
	@scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZ)/build.ninja
	ninja -C $(FUZZ) tests/fuzz/tcplens_fuzz
	tests/fuzz/run.sh $(FUZZ) $(FUZZ_SECONDS) $(FUZZ_JOBS)

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ)
