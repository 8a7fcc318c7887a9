# The platform's commands. `make run` and `make test` work on a fresh Debian 12.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: deps build build-asan run test check bench clean package cluster soak fuzz

deps:
	@bash scripts/install-deps.sh

build/build.ninja:
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: deps build/build.ninja
	cmake --build build -j $(JOBS) --target ruhrfutur

build-asan/build.ninja:
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DRF_SANITIZE=ON $(CMAKE_FLAGS)

build-asan: deps build-asan/build.ninja
	cmake --build build-asan -j $(JOBS)

# Install, build, prepare the database with the demo data, serve on http://127.0.0.1:8080.
run: build
	@mkdir -p var
	./build/ruhrfutur demo --database sqlite:var/ruhrfutur.db
	./build/ruhrfutur report build reports/bildungsmonitoring-ruhr --out var/bericht --pdf --database sqlite:var/ruhrfutur.db
	./build/ruhrfutur serve --database sqlite:var/ruhrfutur.db --listen 127.0.0.1:8080

# Every test (unit, integration on SQLite and PostgreSQL, browser) under ASan/UBSan.
test: build-asan
	cd build-asan && ctest --output-on-failure -j $(JOBS) --timeout 1800

# One test program or a few, quickly: builds only what they need and runs them.
#   make check T=monitor_period                        every test whose name matches (ctest -R)
#   make check T=monitor_period F='Period.School*'     only these GoogleTest cases
check: build-asan/build.ninja
	@JOBS=$(JOBS) bash scripts/check.sh '$(T)' '$(F)'

bench: build
	cmake --build build -j $(JOBS)
	bash bench/run.sh

clean:
	rm -rf build build-asan

# Debian package of the Release build: build/package/ruhrfutur_VERSION_ARCH.deb (deploy/package.cmake).
package: build
	cd build && cpack -G DEB -B package
	@ls -1 build/package/*.deb

# A throwaway PostgreSQL, two `serve` instances and nginx on loopback (scripts/cluster.sh); Ctrl-C stops it.
cluster: deps build-asan/build.ninja
	cmake --build build-asan -j $(JOBS) --target ruhrfutur
	bash scripts/cluster.sh

# Long reliability runs on the cluster: wrk through nginx, memory before/after (scripts/soak.sh).
soak: build
	RF_BINARY=$(CURDIR)/build/ruhrfutur bash scripts/soak.sh

# libFuzzer targets with clang + ASan/UBSan, FUZZ_SECONDS per target (scripts/fuzz.sh).
fuzz: deps
	bash scripts/fuzz.sh
