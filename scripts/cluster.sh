#!/usr/bin/env bash
# A throwaway cluster on loopback: one PostgreSQL, N `ruhrfutur serve` instances sharing
# one var folder (uploads, generated files), and nginx in front with the retry rules of
# deploy/nginx/ruhrfutur.conf. Every port is a free one chosen by the OS.
#
#   scripts/cluster.sh                 start in a temp folder, print the addresses, stop on Ctrl-C
#   scripts/cluster.sh start DIR       start in DIR (created) and return; DIR/cluster.env has
#                                      RF_CLUSTER_NGINX, RF_CLUSTER_A, RF_CLUSTER_B, … and the pids
#   scripts/cluster.sh stop DIR        stop everything started in DIR and remove DIR
#   scripts/cluster.sh instance DIR X  (re)start instance X (A, B, …) after it was killed
#   scripts/cluster.sh pg-stop DIR | pg-start DIR    stop/start only PostgreSQL
#
# Environment: RF_BINARY (default build-asan/ruhrfutur, else build/ruhrfutur),
# RF_CLUSTER_INSTANCES (default 2), RF_CLUSTER_DEMO=1 to load the demo data,
# RF_CLUSTER_THREADS (server threads per instance, default 2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="${RF_BINARY:-}"
if [[ -z "$binary" ]]; then
  if [[ -x "$here/build-asan/ruhrfutur" ]]; then binary="$here/build-asan/ruhrfutur"; else binary="$here/build/ruhrfutur"; fi
fi
pg_bin=/usr/lib/postgresql/15/bin
letters=(A B C D E F G H)

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_http() {  # URL SECONDS
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ((SECONDS > deadline)); then echo "cluster: $1 did not answer within $2 s" >&2; return 1; fi
    sleep 0.2
  done
}

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local dir=$1
  # shellcheck disable=SC1091
  source "$dir/cluster.env"
  as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -t 60 \
    -o "-p $RF_CLUSTER_PG_PORT -k $dir/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
}

pg_stop() {
  as_postgres "$pg_bin/pg_ctl" -D "$1/pg" -m fast -w stop >/dev/null
}

start_instance() {  # DIR LETTER
  local dir=$1 letter=$2
  # shellcheck disable=SC1091
  source "$dir/cluster.env"
  local port_var="RF_CLUSTER_${letter}_PORT"
  local port=${!port_var}
  RF_CONFIG="$dir/ruhrfutur.yaml" RF_LISTEN="127.0.0.1:$port" RF_ROOT="${RF_ROOT:-$here}" \
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
    setsid "$binary" serve >>"$dir/instance-$letter.log" 2>&1 </dev/null &
  echo $! >"$dir/instance-$letter.pid"
  wait_http "http://127.0.0.1:$port/healthz" 120
}

start() {
  local dir=$1
  local instances=${RF_CLUSTER_INSTANCES:-2}
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [[ -x "$binary" ]] || { echo "cluster: no binary at $binary (build it first)" >&2; exit 1; }

  # PostgreSQL: initdb refuses root, so the cluster folder belongs to `postgres`.
  mkdir -p "$dir/pg"
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$dir/pg" "$dir"; chmod 0755 "$dir"; fi
  as_postgres "$pg_bin/initdb" -D "$dir/pg" -U postgres -A trust >"$dir/initdb.log" 2>&1
  local pg_port nginx_port
  pg_port=$(free_port)
  nginx_port=$(free_port)
  {
    echo "RF_CLUSTER_DIR=$dir"
    echo "RF_CLUSTER_PG_PORT=$pg_port"
    echo "RF_CLUSTER_DATABASE=postgresql://postgres@127.0.0.1:$pg_port/ruhrfutur"
    echo "RF_CLUSTER_NGINX=http://127.0.0.1:$nginx_port"
    echo "RF_CLUSTER_INSTANCES=$instances"
  } >"$dir/cluster.env"
  pg_start "$dir"
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres ruhrfutur

  # One configuration for all instances; the var folder is shared.
  mkdir -p "$dir/var"
  cat >"$dir/ruhrfutur.yaml" <<EOF
database: postgresql://postgres@127.0.0.1:$pg_port/ruhrfutur
var_dir: $dir/var
report_dir: $dir/var/bericht
smtp_url: file:$dir/var/mail
base_url: http://127.0.0.1:$nginx_port
threads: ${RF_CLUSTER_THREADS:-2}
access_log: false
EOF
  RF_CONFIG="$dir/ruhrfutur.yaml" RF_ROOT="${RF_ROOT:-$here}" ASAN_OPTIONS=detect_leaks=0 "$binary" migrate >/dev/null
  if [[ "${RF_CLUSTER_DEMO:-0}" == 1 ]]; then
    RF_CONFIG="$dir/ruhrfutur.yaml" RF_ROOT="${RF_ROOT:-$here}" ASAN_OPTIONS=detect_leaks=0 "$binary" demo >"$dir/demo.log" 2>&1
  fi

  local upstreams="" i letter port
  for ((i = 0; i < instances; i++)); do
    letter=${letters[$i]}
    port=$(free_port)
    echo "RF_CLUSTER_${letter}_PORT=$port" >>"$dir/cluster.env"
    echo "RF_CLUSTER_${letter}=http://127.0.0.1:$port" >>"$dir/cluster.env"
    upstreams+="    server 127.0.0.1:$port max_fails=0;"$'\n'
  done
  for ((i = 0; i < instances; i++)); do start_instance "$dir" "${letters[$i]}"; done

  # nginx: the retry rules and limits of the shipped site, without TLS.
  mkdir -p "$dir/nginx"
  cat >"$dir/nginx/nginx.conf" <<EOF
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
worker_processes 2;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  upstream ruhrfutur {
$upstreams    keepalive 64;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    client_max_body_size 50m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_connect_timeout 2s;
    proxy_read_timeout 120s;
    proxy_next_upstream error timeout http_502 http_504;
    proxy_next_upstream_tries 3;
    proxy_next_upstream_timeout 10s;
    location / { proxy_pass http://ruhrfutur; }
  }
}
EOF
  nginx -p "$dir/nginx" -e "$dir/nginx/error.log" -c "$dir/nginx/nginx.conf"
  wait_http "http://127.0.0.1:$nginx_port/healthz" 30
}

stop() {
  local dir=$1
  [[ -f "$dir/cluster.env" ]] || { rm -rf "$dir"; return 0; }
  if [[ -f "$dir/nginx/nginx.pid" ]]; then
    nginx -p "$dir/nginx" -e "$dir/nginx/error.log" -c "$dir/nginx/nginx.conf" -s stop 2>/dev/null || true
  fi
  local pidfile pid
  for pidfile in "$dir"/instance-*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pidfile in "$dir"/instance-*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile")
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ -f "$dir/pg/postmaster.pid" ]]; then pg_stop "$dir" || true; fi
  if [[ "${RF_CLUSTER_KEEP:-0}" != 1 ]]; then rm -rf "$dir"; fi
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  instance) start_instance "$2" "$3" ;;
  pg-stop) pg_stop "$2" ;;
  pg-start) pg_start "$2" ;;
  "")
    dir=$(mktemp -d /tmp/rf-cluster-XXXXXX)
    trap 'stop "$dir"' EXIT
    trap 'exit 0' INT TERM
    start "$dir"
    cat "$dir/cluster.env"
    echo "cluster: nginx on $(grep RF_CLUSTER_NGINX= "$dir/cluster.env" | cut -d= -f2); logs in $dir; Ctrl-C stops it"
    while true; do sleep 3600; done
    ;;
  *) echo "usage: $0 [start DIR | stop DIR | instance DIR X | pg-stop DIR | pg-start DIR]" >&2; exit 2 ;;
esac
