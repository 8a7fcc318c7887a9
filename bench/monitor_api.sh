#!/usr/bin/env bash
# The monitor: the indicator values API under load and one query in-process.
#
#   bench/monitor_api.sh [RUHRFUTUR_BINARY]
#
# RUHRFUTUR_BINARY defaults to ${RF_BUILD_DIR:-build}/ruhrfutur (Release, `make
# build`); the in-process benchmark is ${RF_BUILD_DIR:-build}/bench/rf_bench_monitor.
# Builds nothing. Loads the demo data (demo accounts, content and the shipped
# statistics) into a fresh SQLite database, serves it with 2 threads and runs
# `wrk -t2 -c64 --latency` (2 s warm-up, 8 s measured) against three value
# queries: a Kreis (counts), the Ruhr from counts (Σ over 15 Kreise) and the
# Ruhr from published rates weighted by population, each BENCH_RUNS (3) times;
# the median p99 is judged. Target: p99 ≤ 5 ms.
# Then the same with the national-scale synthetic table of the import
# benchmark (6.65 million cells) imported as well (target: p99 ≤ 20 ms), with
# the server's resident memory; BENCH_NATIONAL=0 skips this round.
# Then Google Benchmark: one query p50 ≤ 50 µs, cube ≤ 24 bytes per observation.
set -euo pipefail
root_dir=$(cd "$(dirname "$0")/.." && pwd)
source "$root_dir/bench/lib.sh"
build_dir=${RF_BUILD_DIR:-$root_dir/build}
binary=${1:-$build_dir/ruhrfutur}
bench_program=$build_dir/bench/rf_bench_monitor

runs=${BENCH_RUNS:-3}
bench_setup monitor_api
bench_require wrk curl python3
[[ -x "$binary" ]] || { echo "monitor_api: $binary not found; run 'make build' first" >&2; exit 1; }

export RF_ROOT=$root_dir RF_VAR_DIR=$work/var RF_THREADS=$bench_threads
db="sqlite:$work/demo.db"
"$binary" demo --database "$db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }

# Serves $db, checks the answers, measures every query; prints the server's
# resident memory. Sets $worst (the values API's worst p99 in ms).
measure_round() {
  local label=$1 port pid q url name rps p50 p99
  port=$(free_port)
  RF_ACCESS_LOG=false "$binary" serve --database "$db" --listen "127.0.0.1:$port" >/dev/null 2>"$work/server.log" &
  pid=$!
  bench_track "$pid"
  wait_for_port "$port"
  local base="http://127.0.0.1:$port/api/v1/indicators"
  local queries=(
    "reference: static file|http://127.0.0.1:$port/static/css/site.css"
    "Kreis, counts|$base/schulabgaenger_ohne_abschluss/values?region=05913&period=2023"
    "Ruhr, Σ over 15 Kreise|$base/schulabgaenger_ohne_abschluss/values?region=ruhr&period=2023"
    "Ruhr, weighted rates|$base/kita_quote_u3/values?region=ruhr&period=2020"
  )
  for q in "${queries[@]:1}"; do
    url=${q#*|}
    curl -fsS "$url" | grep -q '"status":"' || { echo "monitor_api: $url answers wrongly" >&2; exit 1; }
  done
  echo "monitor_api: values API, $label; wrk -t$bench_threads -c64, medians of $runs runs of ${bench_duration}" \
    "(each after ${bench_warmup} warm-up), $(nproc) cores"
  printf '%-26s %12s %10s %10s %16s\n' query "req/s" "p50 ms" "p99 ms" "p99 range"
  worst=0
  for q in "${queries[@]}"; do
    name=${q%%|*}
    url=${q#*|}
    read -r rps p50 p99 p99_min p99_max < <(wrk_measure_runs "$url" 64 "$runs")
    printf '%-26s %12d %10.2f %10.2f %16s\n' "$name" "$rps" "$p50" "$p99" "$p99_min-$p99_max"
    [[ "$name" == reference* ]] && continue
    worst=$(awk -v a="$worst" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')
  done
  awk '/^VmRSS|^VmHWM/ { printf "server %s %.0f MB\n", $1, $2 / 1024 }' "/proc/$pid/status"
  kill "$pid" && wait "$pid" 2>/dev/null || true
}

measure_round "demo data"
echo "worst median p99 of the values API: ${worst} ms (target <= 5 ms; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores)"

if [[ -x "$bench_program" ]]; then
  echo
  echo "monitor_api: in-process queries (Google Benchmark, median of 5 repetitions)"
  RF_ROOT=$root_dir "$bench_program" --database "$db" --benchmark_repetitions=5 \
    --benchmark_report_aggregates_only=true --benchmark_min_time=0.2 2>/dev/null |
    grep -E "^cube:|_median|^-|^Benchmark" || true
else
  echo "monitor_api: $bench_program not built (libbenchmark-dev missing?)" >&2
fi

if [[ "${BENCH_NATIONAL:-1}" == 1 ]]; then
  # The national-scale synthetic table of bench/import_national.sh (every
  # Gemeinde x 30 years x 20 columns, 6.65 million cells) joins the demo data.
  echo
  national="$work/99999-01-01-5.csv"
  python3 "$root_dir/bench/gen_genesis_national.py" "$root_dir/data/regions/GV100AD_300918.ASC" "$national" 2>/dev/null
  "$binary" import --database "$db" "$national" >"$work/import.log" 2>&1 || { cat "$work/import.log" >&2; exit 1; }
  measure_round "demo data + national-scale table ($(grep -o '[0-9]* cells' "$work/import.log" | tail -1))"
  echo "worst median p99 of the values API with the national table: ${worst} ms (target <= 20 ms; load average $(cut -d' ' -f1 /proc/loadavg))"
fi
