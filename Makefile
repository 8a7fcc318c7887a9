# The platform's commands. `make run` and `make test` work on a fresh Debian 12.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: deps build build-asan run test test-unit bench clean

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
	./build/ruhrfutur report build reports/bildungsmonitoring-ruhr --out var/bericht --database sqlite:var/ruhrfutur.db
	./build/ruhrfutur serve --database sqlite:var/ruhrfutur.db --listen 127.0.0.1:8080

# Every test (unit, integration on SQLite and PostgreSQL, browser) under ASan/UBSan.
test: build-asan
	cd build-asan && ctest --output-on-failure -j $(JOBS) --timeout 1800

bench: build
	cmake --build build -j $(JOBS)
	bash bench/run.sh

clean:
	rm -rf build build-asan
