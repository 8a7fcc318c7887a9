#!/usr/bin/env bash
# The common agenda's public pages with a large network: a goal page and a
# municipality page with 1,000 measures and 200 organisations, served by
# ruhrfutur (anonymous answers come from the module's cache), against the same
# HTML saved to a file and served by nginx in the same run.
#
#   bench/network_pages.sh [RUHRFUTUR_BINARY]
#
# RUHRFUTUR_BINARY defaults to ${RF_BUILD_DIR:-build}/ruhrfutur (Release, `make build`).
# Loads the demo data into a fresh SQLite database, adds organisations up to
# 200 and 1,000 decided measures spread over the demo goals and the 15 Kreise
# (python3's sqlite3 module), serves with 2 threads and runs
# `wrk -t2 -c64 --latency` (2 s warm-up, 8 s measured, median of 3 runs) against
# each page and its nginx copy. Target: p99 <= 10 ms at 64 connections.
set -euo pipefail
root_dir=$(cd "$(dirname "$0")/.." && pwd)
source "$root_dir/bench/lib.sh"
binary=${1:-${RF_BUILD_DIR:-$root_dir/build}/ruhrfutur}

bench_setup network_pages
bench_require nginx wrk curl python3
[[ -x "$binary" ]] || { echo "network_pages: $binary not found; run 'make build' first" >&2; exit 1; }

export RF_ROOT=$root_dir RF_VAR_DIR=$work/var RF_THREADS=$bench_threads
db_file="$work/demo.db"
"$binary" demo --database "sqlite:$db_file" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }

python3 - "$db_file" <<'PY'
import random, sqlite3, sys, time
random.seed(16)
db = sqlite3.connect(sys.argv[1])
now = int(time.time())
kinds = ["school", "kita_provider", "civil_society"]
count = db.execute("SELECT COUNT(*) FROM net_organisations").fetchone()[0]
for i in range(200 - count):
    db.execute("INSERT INTO net_organisations (slug, name, kind, updated_at) VALUES (?, ?, ?, ?)",
               (f"bench-org-{i}", f"Bench-Organisation {i}", kinds[i % 3], now))
orgs = [r[0] for r in db.execute("SELECT id FROM net_organisations")]
goals = [r[0] for r in db.execute("SELECT id FROM monitor_goals")]
kreise = ["05112", "05113", "05117", "05119", "05170", "05512", "05513", "05562",
          "05911", "05913", "05914", "05915", "05916", "05954", "05978"]
states = ["approved", "implementation", "evaluation", "completed", "released"]
for i in range(1000):
    state = states[i % len(states)]
    cur = db.execute(
        "INSERT INTO net_measures (title, aims, target_group, stage, theme, budget_eur, duration_months, "
        "organisation_id, state, version, state_since, progress_percent, released, created_at, updated_at) "
        "VALUES (?, 'Bench', 'Bench', 'allgemeinbildende-schule', 'Ganztag', 1000, 12, ?, ?, 1, ?, ?, ?, ?, ?)",
        (f"Bench-Maßnahme {i}", random.choice(orgs), state, now, random.randint(0, 100),
         1 if state == "released" else 0, now, now - i))
    mid = cur.lastrowid
    for o in random.sample(orgs, 2):
        db.execute("INSERT OR IGNORE INTO net_measure_partners VALUES (?, ?)", (mid, o))
    db.execute("INSERT INTO net_measure_goals VALUES (?, ?)", (mid, random.choice(goals)))
    for k in random.sample(kreise, 2):
        db.execute("INSERT INTO net_measure_municipalities VALUES (?, ?)", (mid, k))
db.execute("UPDATE cache_versions SET version = version + 1 WHERE name = 'network'")
db.commit()
print("network_pages:", db.execute("SELECT COUNT(*) FROM net_organisations").fetchone()[0], "organisations,",
      db.execute("SELECT COUNT(*) FROM net_measures").fetchone()[0], "measures")
PY

our_port=$(free_port)
RF_ACCESS_LOG=false "$binary" serve --database "sqlite:$db_file" --listen "127.0.0.1:$our_port" >/dev/null 2>"$work/server.log" &
bench_track $!
# The statistics cube is built before the server listens: wait for /healthz,
# not only for the port (a build with sanitizers takes a minute).
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$our_port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

goal=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT MIN(goal_id) FROM net_measure_goals').fetchone()[0])" "$db_file")
pages=("/netzwerk/agenda/ziele/$goal" "/netzwerk/agenda/kommunen/05113")
mkdir -p "$work/www"
for i in "${!pages[@]}"; do
  curl -fsS "http://127.0.0.1:$our_port${pages[$i]}" -o "$work/www/page$i.html"
  grep -q "Maßnahmen" "$work/www/page$i.html" || { echo "network_pages: ${pages[$i]} looks wrong" >&2; exit 1; }
done

nginx_port=$(free_port)
while [[ "$nginx_port" == "$our_port" ]]; do nginx_port=$(free_port); done
start_nginx "$nginx_port" "root $work/www;"

echo "network_pages: wrk -t$bench_threads -c64, median of 3 runs of ${bench_duration} after ${bench_warmup} warm-up, $(nproc) cores"
printf '%-44s %10s %8s %8s %14s\n' page "req/s" "p50 ms" "p99 ms" "p99 range"
status=0
for i in "${!pages[@]}"; do
  size=$(stat -c %s "$work/www/page$i.html")
  read -r n_rps n_p50 n_p99 n_lo n_hi < <(wrk_measure_runs "http://127.0.0.1:$nginx_port/page$i.html" 64 3)
  read -r o_rps o_p50 o_p99 o_lo o_hi < <(wrk_measure_runs "http://127.0.0.1:$our_port${pages[$i]}" 64 3)
  printf '%-44s %10d %8.2f %8.2f %6.2f–%-6.2f\n' "nginx, static copy ($size bytes)" "$n_rps" "$n_p50" "$n_p99" "$n_lo" "$n_hi"
  printf '%-44s %10d %8.2f %8.2f %6.2f–%-6.2f\n' "ruhrfutur ${pages[$i]}" "$o_rps" "$o_p50" "$o_p99" "$o_lo" "$o_hi"
  awk -v p="$o_p99" 'BEGIN { exit !(p <= 10) }' || { echo "network_pages: p99 of ${pages[$i]} above 10 ms" >&2; status=1; }
done
exit $status
