# Shared pieces of the benchmark scripts (sourced, not run):
#   bench_setup NAME     work dir in $work, cleanup of started processes at exit
#   bench_track PID      stop PID at exit
#   free_port / wait_for_port PORT
#   start_nginx PORT SERVER_BLOCK_BODY   nginx with 2 workers (BENCH_THREADS), access_log off
#   wrk_measure URL CONNS [WRK_ARG…]     prints "req/s p50_ms p99_ms" after a warm-up; fails on errors
#   wrk_measure_runs URL CONNS RUNS [WRK_ARG…]  the same as medians of RUNS runs, and p99's range
# Environment: BENCH_DURATION (default 8s), BENCH_WARMUP (2s), BENCH_THREADS (2).

bench_duration=${BENCH_DURATION:-8s}
bench_warmup=${BENCH_WARMUP:-2s}
bench_threads=${BENCH_THREADS:-2}
bench_pids=()

bench_setup() {
  bench_name=$1
  work=$(mktemp -d "/tmp/rf-bench-$bench_name.XXXXXX")
  chmod 755 "$work"  # nginx workers run as an unprivileged user when started as root
  trap bench_cleanup EXIT
}

bench_track() { bench_pids+=("$1"); }

bench_cleanup() {
  local pid
  for pid in "${bench_pids[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  rm -rf "$work"
}

bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$bench_name: $tool is not installed (make deps)" >&2; exit 1; }
  done
}

# A port no socket uses: the kernel's choice for a bind to port 0 (python3),
# else a random one nobody listens on (bash's /dev/tcp; it may be in use by
# an outgoing connection, which a bind then fails on).
free_port() {
  local port
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
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
  echo "$bench_name: nothing listens on port $1" >&2
  return 1
}

# start_nginx PORT 'location / { root …; }' — the reference server of every ratio.
start_nginx() {
  local port=$1 body=$2
  mkdir -p "$work/nginx/tmp" "$work/nginx/logs"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes $bench_threads;
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
  types { text/plain txt; text/html html; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port;
    $body
  }
}
EOF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" &
  bench_track $!
  wait_for_port "$port"
}

# wrk_measure URL CONNS [WRK_ARG…]: prints "req/s p50_ms p99_ms". The
# WRK_ARGs go to both wrk runs (e.g. -H "Cookie: rf_session=…"). Non-2xx/3xx
# answers and socket errors are reported on stderr and make it return 1 (the
# figures are still printed; `read … < <(wrk_measure …)` ignores the status).
wrk_measure() {
  local url=$1 conns=$2 out
  shift 2
  wrk -t"$bench_threads" -c"$conns" -d"$bench_warmup" "$@" "$url" >/dev/null
  out=$(wrk -t"$bench_threads" -c"$conns" -d"$bench_duration" --latency "$@" "$url")
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
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
    echo "$bench_name: errors from $url with $conns connections:" >&2
    grep "Non-2xx\|Socket errors" <<<"$out" >&2
    return 1
  fi
}

# wrk_measure_runs URL CONNS RUNS [WRK_ARG…]: the warm-up and RUNS measured
# runs of wrk_measure; prints "req/s p50_ms p99_ms p99_min p99_max", the
# first three the medians over the runs, and returns 1 when a run had errors.
# A p99 from one 8 s run on a shared 2-core machine swings by a factor of
# two; the median of three is what to judge.
wrk_measure_runs() {
  local url=$1 conns=$2 runs=$3 i line failed=0
  shift 3
  local rps=() p50=() p99=() r a b
  for ((i = 0; i < runs; i++)); do
    line=$(wrk_measure "$url" "$conns" "$@") || failed=1
    read -r r a b <<<"$line"
    rps+=("$r") p50+=("$a") p99+=("$b")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
  printf '%.0f %.2f %.2f %.2f %.2f\n' "$(median "${rps[@]}")" "$(median "${p50[@]}")" "$(median "${p99[@]}")" \
    "$(printf '%s\n' "${p99[@]}" | sort -g | head -1)" "$(printf '%s\n' "${p99[@]}" | sort -g | tail -1)"
  return $failed
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
