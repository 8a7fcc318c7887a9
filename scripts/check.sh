#!/usr/bin/env bash
# `make check T=PATTERN [F=GTEST_FILTER]`: builds only what the tests matching
# PATTERN (a ctest -R regular expression over names such as
# unit.monitor_period_test) need, then runs them. With F, runs the matching
# GoogleTest programs directly with --gtest_filter=F (one case or a few).
set -euo pipefail
pattern="${1:?usage: make check T=PATTERN [F=GTEST_FILTER]}"
filter="${2:-}"
build_dir="${BUILD_DIR:-build-asan}"
jobs="${JOBS:-$(nproc)}"
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
cd "$source_dir/$build_dir"

mapfile -t names < <(ctest -N -R "$pattern" | sed -n 's/^ *Test *#[0-9]*: *//p')
if [[ ${#names[@]} -eq 0 ]]; then
  echo "No test matches '$pattern'. Tests:" >&2
  ctest -N | sed -n 's/^ *Test *#[0-9]*: */  /p' >&2
  exit 1
fi

targets=()
programs=()
for name in "${names[@]}"; do
  kind="${name%%.*}"
  case "$kind" in
    unit | integration)
      program="${name#*.}"
      program="${program%%.*}"  # a split program's part: integration.monitor_import_test.sqlite
      targets+=("${kind}_${program}")
      programs+=("tests/${kind}_${program}")
      # Tests that run the program itself need it built too.
      if grep -q RF_BINARY "$source_dir/tests/$kind/${program}.cpp" 2>/dev/null; then targets+=(ruhrfutur); fi
      ;;
    e2e)
      # A file that loads no helper beside it (support.js, …) starts no server (tests/CMakeLists.txt).
      file="${name#e2e.}"
      file="$source_dir/tests/e2e/${file%%.*}.test.js"
      if [[ ! -f "$file" ]] || grep -q "require('./" "$file"; then targets+=(ruhrfutur); fi
      ;;
    *) ;;  # check.*: scripts over the source tree, nothing to build
  esac
done
if [[ ${#targets[@]} -gt 0 ]]; then
  mapfile -t targets < <(printf '%s\n' "${targets[@]}" | sort -u)
  cmake --build . -j "$jobs" --target "${targets[@]}"
fi

if [[ -n "$filter" ]]; then
  mapfile -t programs < <(printf '%s\n' "${programs[@]}" | sed '/^$/d' | sort -u)
  if [[ ${#programs[@]} -eq 0 ]]; then
    echo "F= selects GoogleTest cases; '$pattern' matches no unit or integration program" >&2
    exit 1
  fi
  status=0
  for program in "${programs[@]}"; do
    echo "== $program --gtest_filter=$filter"
    ASAN_OPTIONS=detect_leaks=1 "./$program" --gtest_brief=1 "--gtest_filter=$filter" || status=1
  done
  exit $status
fi
exec ctest -R "$pattern" --output-on-failure -j "$jobs"
