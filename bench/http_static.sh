#!/usr/bin/env bash
# Static-file throughput of our HTTP server against nginx on the same machine.
#
#   bench/http_static.sh [RUHRFUTUR_BINARY]
#
# RUHRFUTUR_BINARY defaults to ${RF_BUILD_DIR:-build}/ruhrfutur (Release, `make build`).
# Builds nothing. Serves one deterministic 20 KB file from a temp dir with
# nginx (2 workers, access_log off) and with `ruhrfutur serve` (2 threads, the
# whole production wiring, access log off like nginx's), runs
# `wrk -t2 -c64` and `-c256` against each (2 s warm-up, 8 s measured) and
# prints req/s, p50, p99 and the ratio to nginx.
# Environment: BENCH_DURATION (default 8s), BENCH_WARMUP (2s), BENCH_THREADS (2).
set -euo pipefail

root_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${RF_BUILD_DIR:-$root_dir/build}
server_bin=${1:-$build_dir/ruhrfutur}
duration=${BENCH_DURATION:-8s}
warmup=${BENCH_WARMUP:-2s}
threads=${BENCH_THREADS:-2}

for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "http_static: $tool is not installed" >&2; exit 1; }
done
[[ -x "$server_bin" ]] || { echo "http_static: $server_bin not found; run make build" >&2; exit 1; }

work=$(mktemp -d /tmp/rf-bench-static.XXXXXX)
chmod 755 "$work"  # nginx workers run as an unprivileged user when started as root
server_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A port nobody listens on (checked with bash's /dev/tcp).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

wait_for_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "http_static: nothing listens on port $1" >&2
  return 1
}

# Deterministic 20 KB payload: the same bytes on every run and machine.
mkdir -p "$work/www/static" "$work/nginx/tmp" "$work/nginx/logs"
# 512 lines of exactly 40 bytes = 20480 bytes.
for i in $(seq 0 511); do printf 'RuhrFutur static %05d 0123456789abcdef\n' "$i"; done >"$work/www/static/bench.txt"
[[ $(stat -c %s "$work/www/static/bench.txt") == 20480 ]] || { echo "http_static: payload is not 20480 bytes" >&2; exit 1; }
path=/static/bench.txt

nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes $threads;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  types { text/plain txt; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$nginx_port;
    location /static/ { root $work/www; }
  }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" &
nginx_pid=$!

our_port=$(free_port)
while [[ "$our_port" == "$nginx_port" ]]; do our_port=$(free_port); done
# A program root whose static/ is the benchmark folder; templates and migrations are the project's.
mkdir -p "$work/root"
ln -s "$root_dir/templates" "$work/root/templates"
ln -s "$root_dir/migrations" "$work/root/migrations"
ln -s "$work/www/static" "$work/root/static"
RF_ROOT="$work/root" RF_THREADS="$threads" RF_ACCESS_LOG=false \
  "$server_bin" serve --database "sqlite:$work/bench.db" --listen "127.0.0.1:$our_port" >"$work/server.log" 2>&1 &
server_pid=$!

wait_for_port "$nginx_port"
wait_for_port "$our_port"
expected=$(sha256sum <"$work/www/static/bench.txt")
for port in "$nginx_port" "$our_port"; do
  got=$(curl -fsS "http://127.0.0.1:$port$path" | sha256sum)
  [[ "$got" == "$expected" ]] || { echo "http_static: port $port serves different bytes" >&2; exit 1; }
done

# Prints "req/s p50_ms p99_ms" from one wrk run.
measure() {
  local port=$1 conns=$2 out
  wrk -t"$threads" -c"$conns" -d"$warmup" "http://127.0.0.1:$port$path" >/dev/null
  out=$(wrk -t"$threads" -c"$conns" -d"$duration" --latency "http://127.0.0.1:$port$path")
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
    echo "http_static: errors on port $port with $conns connections:" >&2
    grep "Non-2xx\|Socket errors" <<<"$out" >&2
  fi
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }
  ' <<<"$out"
}

echo "http_static: 20 KB file, wrk -t$threads, ${duration} per run after ${warmup} warm-up, $(nproc) cores"
printf '%-10s %6s %12s %10s %10s %9s\n' server conns "req/s" "p50 ms" "p99 ms" "x nginx"
for conns in 64 256; do
  read -r nginx_rps nginx_p50 nginx_p99 < <(measure "$nginx_port" "$conns")
  read -r our_rps our_p50 our_p99 < <(measure "$our_port" "$conns")
  printf '%-10s %6d %12d %10.2f %10.2f %9.2f\n' nginx "$conns" "$nginx_rps" "$nginx_p50" "$nginx_p99" 1
  printf '%-10s %6d %12d %10.2f %10.2f %9.2f\n' ruhrfutur "$conns" "$our_rps" "$our_p50" "$our_p99" \
    "$(awk -v a="$our_rps" -v b="$nginx_rps" 'BEGIN { print (b > 0 ? a / b : 0) }')"
done
exit 0
