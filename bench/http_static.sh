#!/usr/bin/env bash
# Static-file throughput of `ruhrfutur serve` against nginx on the same machine.
#
#   bench/http_static.sh [RUHRFUTUR_BINARY]
#
# RUHRFUTUR_BINARY defaults to ${RF_BUILD_DIR:-build}/ruhrfutur (Release, `make build`).
# Builds nothing. Serves one deterministic 20 KB file from a temp dir with
# nginx (2 workers, access_log off) and with `ruhrfutur serve` (2 threads, the
# whole production wiring, access log off like nginx's), runs `wrk -t2 -c64`
# and `-c256` against each (2 s warm-up, 8 s measured) and prints req/s, p50,
# p99 and the ratio to nginx. Targets: >= 0.6 x nginx, p99 <= 20 ms at 256.
set -euo pipefail
root_dir=$(cd "$(dirname "$0")/.." && pwd)
source "$root_dir/bench/lib.sh"
server_bin=${1:-${RF_BUILD_DIR:-$root_dir/build}/ruhrfutur}

bench_setup http_static
bench_require nginx wrk curl
[[ -x "$server_bin" ]] || { echo "http_static: $server_bin not found; run make build" >&2; exit 1; }

# Deterministic 20 KB payload: 512 lines of exactly 40 bytes.
mkdir -p "$work/www/static"
for i in $(seq 0 511); do printf 'RuhrFutur static %05d 0123456789abcdef\n' "$i"; done >"$work/www/static/bench.txt"
[[ $(stat -c %s "$work/www/static/bench.txt") == 20480 ]] || { echo "http_static: payload is not 20480 bytes" >&2; exit 1; }
path=/static/bench.txt

nginx_port=$(free_port)
start_nginx "$nginx_port" "location /static/ { root $work/www; }"

# A program root whose static/ is the benchmark folder; templates, migrations and data
# (the indicator catalogue, the network workflow that `serve` needs) are the project's.
mkdir -p "$work/root"
ln -s "$root_dir/templates" "$work/root/templates"
ln -s "$root_dir/migrations" "$work/root/migrations"
ln -s "$root_dir/data" "$work/root/data"
ln -s "$work/www/static" "$work/root/static"
our_port=$(free_port)
while [[ "$our_port" == "$nginx_port" ]]; do our_port=$(free_port); done
RF_ROOT="$work/root" RF_THREADS="$bench_threads" RF_ACCESS_LOG=false \
  "$server_bin" serve --database "sqlite:$work/bench.db" --listen "127.0.0.1:$our_port" >"$work/server.log" 2>&1 &
bench_track $!
wait_for_port "$our_port" || { tail -3 "$work/server.log" >&2; exit 1; }

expected=$(sha256sum <"$work/www/static/bench.txt")
for port in "$nginx_port" "$our_port"; do
  got=$(curl -fsS "http://127.0.0.1:$port$path" | sha256sum)
  [[ "$got" == "$expected" ]] || { echo "http_static: port $port serves different bytes" >&2; exit 1; }
done

echo "http_static: 20 KB file, wrk -t$bench_threads, ${bench_duration} per run after ${bench_warmup} warm-up, $(nproc) cores"
printf '%-10s %6s %12s %10s %10s %9s\n' server conns "req/s" "p50 ms" "p99 ms" "x nginx"
for conns in 64 256; do
  read -r nginx_rps nginx_p50 nginx_p99 < <(wrk_measure "http://127.0.0.1:$nginx_port$path" "$conns")
  read -r our_rps our_p50 our_p99 < <(wrk_measure "http://127.0.0.1:$our_port$path" "$conns")
  printf '%-10s %6d %12d %10.2f %10.2f %9.2f\n' nginx "$conns" "$nginx_rps" "$nginx_p50" "$nginx_p99" 1
  printf '%-10s %6d %12d %10.2f %10.2f %9.2f\n' ruhrfutur "$conns" "$our_rps" "$our_p50" "$our_p99" \
    "$(ratio "$our_rps" "$nginx_rps")"
done
