# Thin wrapper over Meson and Ninja: every rule here only calls them.
#   make        build build/tcplens (release)
#   make run    install what is missing, build, analyze the bundled capture
#   make test   install what is missing, build with ASan+UBSan, run all tests
#   make bench  throughput and peak memory against tcpdump (not part of test)
BUILD ?= build
ASAN ?= build-asan

.PHONY: all run test bench deps clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=release

$(ASAN)/build.ninja:
	meson setup $(ASAN) --buildtype=debug -Db_sanitize=address,undefined

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

clean:
	rm -rf $(BUILD) $(ASAN)
