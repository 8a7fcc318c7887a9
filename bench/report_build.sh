#!/usr/bin/env bash
# The full build of the demo report: the report, the 15 Kreis profiles and the
# 53 municipal profiles as HTML and PDF, and the same without PDF.
#
#   bench/report_build.sh [RUHRFUTUR_BINARY]
#
# RUHRFUTUR_BINARY defaults to ${RF_BUILD_DIR:-build}/ruhrfutur (a Release
# build: `make build`). Builds nothing. Loads the shipped statistics into a
# fresh SQLite database (`ruhrfutur demo`, not timed), then times
#   report build reports/bildungsmonitoring-ruhr --out … --strict          (HTML only, BENCH_RUNS times)
#   report build reports/bildungsmonitoring-ruhr --out … --strict --pdf    (once)
# and prints the wall-clock seconds (best and median of the HTML runs).
# Target: HTML only ≤ 5 s on 2 cores. Environment: BENCH_RUNS (default 3),
# BENCH_THREADS (default: the number of cores).
set -euo pipefail

root_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${RF_BUILD_DIR:-$root_dir/build}
binary=${1:-$build_dir/ruhrfutur}
runs=${BENCH_RUNS:-3}
threads=${BENCH_THREADS:-$(nproc)}

[[ -x "$binary" ]] || { echo "report_build: $binary not found; run 'make build' first" >&2; exit 1; }

work=$(mktemp -d /tmp/rf-bench-report.XXXXXX)
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/bench.db"

cd "$root_dir"
"$binary" demo --database "$db" >/dev/null 2>&1

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

html_times=()
for ((i = 1; i <= runs; i++)); do
  start=$(now)
  "$binary" report build reports/bildungsmonitoring-ruhr --out "$work/html" --strict --threads "$threads" \
    --database "$db" >"$work/html.log" 2>&1 || { cat "$work/html.log" >&2; exit 1; }
  html_times+=("$(elapsed "$start" "$(now)")")
done
sorted=$(printf '%s\n' "${html_times[@]}" | sort -n)
best=$(echo "$sorted" | head -1)
median=$(echo "$sorted" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')

start=$(now)
"$binary" report build reports/bildungsmonitoring-ruhr --out "$work/full" --strict --pdf --threads "$threads" \
  --database "$db" >"$work/full.log" 2>&1 || { cat "$work/full.log" >&2; exit 1; }
full=$(elapsed "$start" "$(now)")
pdfs=$(find "$work/full/pdf" -name '*.pdf' | wc -l)

echo "report_build: $(tail -1 "$work/html.log")"
echo "report_build: threads=$threads, cores=$(nproc)"
printf 'report_build: HTML only (report + 15 Kreis + 53 municipal profiles): best %s s, median %s s over %d runs (target ≤ 5 s on 2 cores)\n' \
  "$best" "$median" "$runs"
printf 'report_build: full build with PDF (%d PDFs): %s s\n' "$pdfs" "$full"
awk -v t="$best" 'BEGIN { exit !(t <= 5.0) }' || echo "report_build: HTML-only build slower than the 5 s target" >&2
