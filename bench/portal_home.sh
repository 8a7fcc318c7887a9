#!/usr/bin/env bash
# The portal's start page served by ruhrfutur (from its page cache) against the
# same HTML saved to a file and served by nginx.
#
#   bench/portal_home.sh [RUHRFUTUR_BINARY]
#
# RUHRFUTUR_BINARY defaults to ${RF_BUILD_DIR:-build}/ruhrfutur (Release, `make build`).
# Builds nothing. Loads the demo content into a fresh SQLite database, serves it
# with 2 threads, saves "/" with curl, serves that copy with nginx (2 workers,
# access_log off), runs `wrk -t2 -c64 --latency` (2 s warm-up, 8 s measured)
# against both and prints req/s, p50, p99 and the ratio (target: at least 0.5).
set -euo pipefail
root_dir=$(cd "$(dirname "$0")/.." && pwd)
source "$root_dir/bench/lib.sh"
binary=${1:-${RF_BUILD_DIR:-$root_dir/build}/ruhrfutur}

bench_setup portal_home
bench_require nginx wrk curl
[[ -x "$binary" ]] || { echo "portal_home: $binary not found; run 'make build' first" >&2; exit 1; }

export RF_ROOT=$root_dir RF_VAR_DIR=$work/var RF_THREADS=$bench_threads
db="sqlite:$work/demo.db"
"$binary" demo --database "$db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }

our_port=$(free_port)
# Without the access log, as nginx runs with access_log off.
RF_ACCESS_LOG=false "$binary" serve --database "$db" --listen "127.0.0.1:$our_port" >/dev/null 2>"$work/server.log" &
bench_track $!
wait_for_port "$our_port"

# The page as a visitor gets it (this also fills the page cache).
mkdir -p "$work/www"
curl -fsS "http://127.0.0.1:$our_port/" -o "$work/www/index.html"
grep -q "Bildungserfolg" "$work/www/index.html" || { echo "portal_home: the start page looks wrong" >&2; exit 1; }
size=$(stat -c %s "$work/www/index.html")

nginx_port=$(free_port)
while [[ "$nginx_port" == "$our_port" ]]; do nginx_port=$(free_port); done
start_nginx "$nginx_port" "root $work/www; index index.html;"

echo "portal_home: start page ($size bytes), wrk -t$bench_threads -c64, ${bench_duration} per run after ${bench_warmup} warm-up, $(nproc) cores"
read -r nginx_rps nginx_p50 nginx_p99 < <(wrk_measure "http://127.0.0.1:$nginx_port/" 64)
read -r our_rps our_p50 our_p99 < <(wrk_measure "http://127.0.0.1:$our_port/" 64)
printf '%-22s %12s %10s %10s\n' server "req/s" "p50 ms" "p99 ms"
printf '%-22s %12d %10.2f %10.2f\n' "nginx (saved copy)" "$nginx_rps" "$nginx_p50" "$nginx_p99"
printf '%-22s %12d %10.2f %10.2f\n' "ruhrfutur (cache)" "$our_rps" "$our_p50" "$our_p99"
echo "ratio ruhrfutur/nginx: $(ratio "$our_rps" "$nginx_rps") (target >= 0.5)"
