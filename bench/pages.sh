#!/usr/bin/env bash
# Every public page type served by ruhrfutur against nginx serving the same
# bytes in the same run, then /healthz while four slow downloads are in flight.
#
#   bench/pages.sh [RUHRFUTUR_BINARY]
#
# RUHRFUTUR_BINARY defaults to ${RF_BUILD_DIR:-build}/ruhrfutur (Release, `make build`).
# Builds nothing. Loads the demo data into a fresh SQLite database, builds the
# demo report (HTML only), serves both with 2 threads, saves each page below
# with curl (which also fills ruhrfutur's page cache) and serves the saved
# copies with nginx (2 workers, access_log off). For each page type it runs
# `wrk -t2 -c64 --latency` against both and prints req/s, p99 and the ratio
# (goal: at least 0.5 everywhere).
#
# Mixed run: a national-scale table (every Gemeinde x BENCH_YEARS years x 20
# series, bench/gen_genesis_national.py) is imported, four clients download
# its XLSX with a different filter each time (so every download is built,
# not served from the download cache), and wrk measures /healthz meanwhile
# (goal: p99 at most 50 ms).
#
# Environment: BENCH_DURATION (default here 3s), BENCH_WARMUP (1s),
# BENCH_THREADS (2), BENCH_YEARS (3).
set -euo pipefail
root_dir=$(cd "$(dirname "$0")/.." && pwd)
export BENCH_DURATION=${BENCH_DURATION:-3s} BENCH_WARMUP=${BENCH_WARMUP:-1s}
source "$root_dir/bench/lib.sh"
binary=${1:-${RF_BUILD_DIR:-$root_dir/build}/ruhrfutur}
years=${BENCH_YEARS:-3}

bench_setup pages
bench_require nginx wrk curl python3
[[ -x "$binary" ]] || { echo "pages: $binary not found; run 'make build' first" >&2; exit 1; }

export RF_ROOT=$root_dir RF_VAR_DIR=$work/var RF_THREADS=$bench_threads RF_REPORT_DIR=$work/bericht
db="sqlite:$work/demo.db"
"$binary" demo --database "$db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }
(cd "$root_dir" && "$binary" report build reports/bildungsmonitoring-ruhr --out "$work/bericht" --database "$db" \
  >"$work/report.log" 2>&1) || { tail -5 "$work/report.log" >&2; exit 1; }

# The national-scale table for the slow downloads of the mixed run.
python3 "$root_dir/bench/gen_genesis_national.py" "$root_dir/data/regions/GV100AD_300918.ASC" \
  "$work/99999-01-01-5.csv" "" "$years" >"$work/gen.log" 2>&1
"$binary" import --database "$db" --max-size 1000000000 "$work/99999-01-01-5.csv" >"$work/import.log" 2>&1 ||
  { tail -5 "$work/import.log" >&2; exit 1; }

our_port=$(free_port)
RF_ACCESS_LOG=false "$binary" serve --database "$db" --listen "127.0.0.1:$our_port" >/dev/null 2>"$work/server.log" &
our_pid=$!
bench_track $our_pid
wait_for_port "$our_port"

indicators=$(curl -fsS "http://127.0.0.1:$our_port/api/v1/indicators" |
  python3 -c 'import json, sys; d = json.load(sys.stdin); d = d.get("indicators", d) if isinstance(d, dict) else d
print("\n".join(i["id"] for i in d))')
indicator=$(head -1 <<<"$indicators")

# First (uncached) renders: every indicator page once, after one warm-up page
# (which builds the statistics view): curl's time_total, and the server's CPU
# time (the sum over its threads of /proc/PID/task/*/schedstat), which waiting
# for a CPU on a loaded machine does not inflate.
cpu_ns() { cat /proc/"$our_pid"/task/*/schedstat | awk '{ s += $1 } END { printf "%.0f", s }'; }
# "median max" of a column of numbers.
median_max() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f %.2f\n", v[int((NR + 1) / 2)], v[NR] }'; }
# render_cpu QUERY: "wall_ms cpu_ms" per indicator page (QUERY appended to its address).
render_cpu() {
  local id before wall
  for id in $indicators; do
    before=$(cpu_ns)
    wall=$(curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$our_port/monitor/indikatoren/$id$1")
    sleep 0.02  # the answer is sent before the handler's thread is done
    awk -v w="$wall" -v a="$before" -v b="$(cpu_ns)" 'BEGIN { printf "%.2f %.2f\n", w * 1000, (b - a) / 1e6 }'
  done
}
curl -fsS -o /dev/null "http://127.0.0.1:$our_port/monitor"
# Start-up work on threads of its own (the map shapes after the cube is built)
# is not a page's render: wait until the server has been idle for 0.2 s (its
# CPU time grew by less than 1 ms), at most 30 s.
for _ in $(seq 1 150); do
  idle_before=$(cpu_ns)
  sleep 0.2
  (($(cpu_ns) - idle_before < 1000000)) && break
done
first=$(render_cpu "")
read -r wall_median wall_max < <(cut -d' ' -f1 <<<"$first" | median_max)
read -r cpu_median cpu_max < <(cut -d' ' -f2 <<<"$first" | median_max)
echo "pages: first render of $(wc -l <<<"$first") indicator pages: median $wall_median ms, max $wall_max ms;" \
  "server CPU median $cpu_median ms, max $cpu_max ms (goal: <= 5 ms)"
# Each page again with a chosen Kreis (?kreis=05913, not yet cached).
read -r cpu_median cpu_max < <(render_cpu "?kreis=05913" | cut -d' ' -f2 | median_max)
echo "pages: server CPU per uncached indicator page render (?kreis=05913): median $cpu_median ms," \
  "max $cpu_max ms (goal: <= 5 ms)"
declare -A pages=(
  [portal]="/"
  [monitor]="/monitor"
  [region]="/monitor/regionen/05913"
  [indicator]="/monitor/indikatoren/$indicator"
  [schools]="/monitor/regionen/05913/schulen"
  [datasets]="/daten/datensaetze"
  [report]="/bericht/"
  [search]="/suche?q=Schule"
)
order=(portal monitor region indicator schools datasets report search)

# Each page as a visitor gets it, saved for nginx under its own name.
mkdir -p "$work/www"
for name in "${order[@]}"; do
  curl -fsS "http://127.0.0.1:$our_port${pages[$name]}" -o "$work/www/$name.html" ||
    { echo "pages: ${pages[$name]} failed" >&2; exit 1; }
done

nginx_port=$(free_port)
while [[ "$nginx_port" == "$our_port" ]]; do nginx_port=$(free_port); done
start_nginx "$nginx_port" "root $work/www; default_type text/html;"

echo "pages: wrk -t$bench_threads -c64, ${BENCH_DURATION} per run after ${BENCH_WARMUP} warm-up, $(nproc) cores," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-40s %9s %12s %10s %12s %10s %7s\n' page path bytes "req/s" "p99 ms" "nginx req/s" "p99 ms" ratio
worst=""
for name in "${order[@]}"; do
  read -r nginx_rps _ nginx_p99 < <(wrk_measure "http://127.0.0.1:$nginx_port/$name.html" 64)
  read -r our_rps _ our_p99 < <(wrk_measure "http://127.0.0.1:$our_port${pages[$name]}" 64)
  r=$(ratio "$our_rps" "$nginx_rps")
  printf '%-10s %-40s %9d %12d %10.2f %12d %10.2f %7s\n' "$name" "${pages[$name]}" \
    "$(stat -c %s "$work/www/$name.html")" "$our_rps" "$our_p99" "$nginx_rps" "$nginx_p99" "$r"
  if [[ -z "$worst" ]] || awk -v a="$r" -v b="$worst" 'BEGIN { exit !(a < b) }'; then worst=$r; fi
done
echo "lowest ratio ruhrfutur/nginx: $worst (goal >= 0.5)"

# Mixed run: four downloads built on demand while /healthz is measured.
series=$(curl -fsS "http://127.0.0.1:$our_port/daten/datensaetze/99999-01-01-5" |
  python3 -c 'import re, sys; block = sys.stdin.read().split("name=\"reihe\"", 1)[-1].split("</select>", 1)[0]
print("\n".join(re.findall(r"<option value=\"(\d+)\"", block)[:20]))')
[[ -n "$series" ]] || { echo "pages: no series of the national table found" >&2; exit 1; }
first=$(head -1 <<<"$series") second=$(sed -n 2p <<<"$series")
download_loop() {
  local client=$1 a b n=0
  for a in $series; do
    for b in $series; do
      [[ $a -lt $b ]] || continue
      n=$((n + 1))
      [[ $((n % 4)) -eq $client ]] || continue
      curl -fsS -o /dev/null "http://127.0.0.1:$our_port/daten/datensaetze/99999-01-01-5.xlsx?reihe=$a&reihe=$b" || true
      [[ -e "$work/stop" ]] && return
    done
  done
}
start_ns=$(date +%s%N)
curl -fsS -o /dev/null "http://127.0.0.1:$our_port/daten/datensaetze/99999-01-01-5.xlsx?reihe=$first&reihe=$second"
one_download_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
for client in 0 1 2 3; do
  download_loop "$client" &
  bench_track $!
done
sleep 0.5
read -r health_rps _ health_p99 < <(wrk_measure "http://127.0.0.1:$our_port/healthz" 16)
touch "$work/stop"
echo "mixed: four XLSX downloads in flight (one alone took ${one_download_ms} ms), /healthz with wrk -c16:" \
  "$health_rps req/s, p99 $health_p99 ms (goal <= 50 ms)"
