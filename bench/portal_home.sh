#!/usr/bin/env bash
# The portal's start page served by ruhrfutur (from its page cache) against the
# same HTML saved to a file and served by nginx.
#
#   bench/portal_home.sh [RUHRFUTUR_BINARY]
#
# RUHRFUTUR_BINARY defaults to ${RF_BUILD_DIR:-build}/ruhrfutur (a Release
# build: `make build`). Builds nothing. Loads the demo content into a fresh
# SQLite database, serves it with 2 threads, saves "/" with curl, serves that
# copy with nginx (2 workers, access_log off), runs `wrk -t2 -c64 --latency`
# (2 s warm-up, 8 s measured) against both and prints req/s, p50, p99 and the
# ratio ruhrfutur/nginx (target: at least 0.5).
# Environment: BENCH_DURATION (default 8s), BENCH_WARMUP (2s), BENCH_THREADS (2).
set -euo pipefail

root_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${RF_BUILD_DIR:-$root_dir/build}
binary=${1:-$build_dir/ruhrfutur}
duration=${BENCH_DURATION:-8s}
warmup=${BENCH_WARMUP:-2s}
threads=${BENCH_THREADS:-2}

for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "portal_home: $tool is not installed" >&2; exit 1; }
done
[[ -x "$binary" ]] || { echo "portal_home: $binary not found; run 'make build' first" >&2; exit 1; }

work=$(mktemp -d /tmp/rf-bench-portal.XXXXXX)
chmod 755 "$work"  # nginx workers run as an unprivileged user when started as root
server_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

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
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "portal_home: nothing listens on port $1" >&2
  return 1
}

export RF_ROOT=$root_dir RF_VAR_DIR=$work/var RF_THREADS=$threads
db="sqlite:$work/demo.db"
"$binary" demo --database "$db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }

our_port=$(free_port)
# Without the access log, as nginx runs with access_log off.
RF_ACCESS_LOG=false "$binary" serve --database "$db" --listen "127.0.0.1:$our_port" >/dev/null 2>"$work/server.log" &
server_pid=$!
wait_for_port "$our_port"
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$our_port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

# The page as a visitor gets it (this also fills the page cache).
mkdir -p "$work/www" "$work/nginx/tmp" "$work/nginx/logs"
curl -fsS "http://127.0.0.1:$our_port/" -o "$work/www/index.html"
grep -q "Bildungserfolg" "$work/www/index.html" || { echo "portal_home: the start page looks wrong" >&2; exit 1; }
size=$(stat -c %s "$work/www/index.html")

nginx_port=$(free_port)
while [[ "$nginx_port" == "$our_port" ]]; do nginx_port=$(free_port); done
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
  types { text/html html; }
  default_type text/html;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    index index.html;
  }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" &
nginx_pid=$!
wait_for_port "$nginx_port"

# Prints "req/s p50_ms p99_ms" from one wrk run.
measure() {
  local port=$1 out
  wrk -t"$threads" -c64 -d"$warmup" "http://127.0.0.1:$port/" >/dev/null
  out=$(wrk -t"$threads" -c64 -d"$duration" --latency "http://127.0.0.1:$port/")
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
    echo "portal_home: errors on port $port:" >&2
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

echo "portal_home: start page ($size bytes), wrk -t$threads -c64, ${duration} per run after ${warmup} warm-up, $(nproc) cores"
read -r nginx_rps nginx_p50 nginx_p99 < <(measure "$nginx_port")
read -r our_rps our_p50 our_p99 < <(measure "$our_port")
ratio=$(awk -v a="$our_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
printf '%-22s %12s %10s %10s\n' server "req/s" "p50 ms" "p99 ms"
printf '%-22s %12d %10.2f %10.2f\n' "nginx (saved copy)" "$nginx_rps" "$nginx_p50" "$nginx_p99"
printf '%-22s %12d %10.2f %10.2f\n' "ruhrfutur (cache)" "$our_rps" "$our_p50" "$our_p99"
echo "ratio ruhrfutur/nginx: $ratio (target >= 0.5)"
exit 0
