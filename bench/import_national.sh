#!/usr/bin/env bash
# `ruhrfutur import` of a national-scale GENESIS table against the databases'
# own bulk loaders.
#
#   bench/import_national.sh [RUHRFUTUR_BINARY]
#
# RUHRFUTUR_BINARY defaults to ${RF_BUILD_DIR:-build}/ruhrfutur (a Release
# build: `make build`). Builds nothing. Generates deterministically (with
# bench/gen_genesis_national.py) a table of every Gemeinde of
# data/regions/GV100AD (about 11,000 eight-digit AGS) x 30 years x 20 value
# columns = about 6.6 million cells, Latin-1, ';', the layout of the real
# Regionaldatenbank files, and the same cells in long form
# (series;region;period;value;status). Then measures, side by side:
#   - ruhrfutur import into SQLite (first import; the same file again: a
#     re-import that compares every cell and writes nothing; a revised edition
#     with 1 % of the rows dropped and 0.1 % of the values changed)
#   - the sqlite3 CLI's .import of the long form into a table with the same
#     primary key (series, region, period)
#   - PostgreSQL COPY of the long form into such a table, on a throwaway
#     cluster started here (stopped at exit)
#   - ruhrfutur import into that PostgreSQL, and the same file again
#   - the same table written as XLSX (bench/rf_bench_table_to_xlsx, what a
#     spreadsheet program would save) imported into a fresh SQLite database
# and prints seconds, MB/s, cells/s, peak RSS (/usr/bin/time -v) and peak RSS
# relative to the file size. Targets: at least the sqlite3 CLI's rate; peak
# memory at most 2x the file size; the XLSX import at least 0.5x the CSV
# import's rate (cells/s, issue 13).
# Environment: BENCH_YEARS (default 30), BENCH_KEEP=1 keeps the work folder.
set -euo pipefail

root_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${RF_BUILD_DIR:-$root_dir/build}
binary=${1:-$build_dir/ruhrfutur}
years=${BENCH_YEARS:-30}
pg_bin=/usr/lib/postgresql/15/bin

for tool in python3 sqlite3 psql /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "import_national: $tool is not installed (scripts/install-deps.sh)" >&2; exit 1; }
done
[[ -x "$binary" ]] || { echo "import_national: $binary not found; run 'make build' first" >&2; exit 1; }
xlsx_writer=$build_dir/bench/rf_bench_table_to_xlsx
[[ -x "$xlsx_writer" ]] || { echo "import_national: $xlsx_writer not found; run 'cmake --build build' first" >&2; exit 1; }
[[ -x "$pg_bin/initdb" ]] || { echo "import_national: PostgreSQL 15 server binaries not found" >&2; exit 1; }

work=$(mktemp -d /tmp/rf-bench-import.XXXXXX)
chmod 755 "$work"
pg_dir="$work/pg"
pg_started=""
cleanup() {
  if [[ -n "$pg_started" ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir" -m fast stop >/dev/null 2>&1 || true
  fi
  [[ "${BENCH_KEEP:-0}" == 1 ]] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

table="$work/99999-01-01-5.csv"
long="$work/long.csv"
revised="$work/revised/99999-01-01-5.csv"
mkdir -p "$work/revised"
echo "generating $years years of every Gemeinde …"
python3 "$root_dir/bench/gen_genesis_national.py" "$root_dir/data/regions/GV100AD_300918.ASC" "$table" "$long" "$years" "$revised" 2>"$work/gen.log"
cat "$work/gen.log"
# Every dropped and every changed cell of the revised edition goes to the history.
expected_history=$(awk '/^revised edition/ { print $3 + $6 }' "$work/gen.log")
bytes=$(stat -c %s "$table")
cells=$(wc -l < "$long")
printf 'table file: %s bytes (%.1f MB), %s cells; long form: %s bytes\n' \
  "$bytes" "$(echo "$bytes / 1000000" | bc -l)" "$cells" "$(stat -c %s "$long")"

# Runs a command under /usr/bin/time; sets $secs and $rss_kb.
measure() {
  local log="$work/time.log"
  /usr/bin/time -v -o "$log" "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log" "$log" >&2; return 1; }
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$log")
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
}

results=()
report() {  # name secs rss_kb(or -) [file bytes, default: the CSV table's]
  local name=$1 s=$2 rss=$3 bytes=${4:-$bytes}
  local mbs cps mem ratio
  mbs=$(echo "$bytes / 1000000 / $s" | bc -l)
  cps=$(echo "$cells / $s" | bc -l)
  if [[ "$rss" == "-" ]]; then mem="-"; ratio="-"; else
    mem=$(printf '%.0f MB' "$(echo "$rss / 1024" | bc -l)")
    ratio=$(printf '%.2f' "$(echo "$rss * 1024 / $bytes" | bc -l)")
  fi
  results+=("$(printf '%-44s %8.1f s %8.2f MB/s %10.0f cells/s %10s %8s' "$name" "$s" "$mbs" "$cps" "$mem" "$ratio")")
  echo "done: $name" >&2
}

# --- ruhrfutur into SQLite ---------------------------------------------------
ours_db="sqlite:$work/ours.db"
# The region register is loaded once beforehand (with a small real table), so
# the figures are the big file's alone.
"$binary" import --database "$ours_db" "$root_dir/data/genesis/21111-02-06-4.csv" >/dev/null
measure "$binary" import --database "$ours_db" "$table"
report "ruhrfutur import (SQLite)" "$secs" "$rss_kb"
ours_secs=$secs
ours_rss=$rss_kb
# What the first import stored (count, values, their sum, markers), to compare the XLSX import with.
count_cells() { sqlite3 "$1" "SELECT COUNT(*), COUNT(value), TOTAL(value), COUNT(status) FROM observations"; }
csv_cells=$(count_cells "$work/ours.db")
measure "$binary" import --database "$ours_db" "$table"
report "ruhrfutur re-import, unchanged (SQLite)" "$secs" "$rss_kb"
measure "$binary" import --database "$ours_db" "$revised"
report "ruhrfutur re-import, revised (SQLite)" "$secs" "$rss_kb"
history=$(grep -o 'ersetzte Werte in der Historie behalten: [0-9]*' "$work/out.log" || echo "no history line")

# --- the same table as XLSX into a fresh SQLite database -------------------------
mkdir -p "$work/xlsx"
xlsx="$work/xlsx/99999-01-01-5.xlsx"
measure "$xlsx_writer" "$table" "$xlsx"
echo "XLSX written in $secs s: $(cat "$work/out.log")"
xlsx_bytes=$(stat -c %s "$xlsx")
xlsx_db="sqlite:$work/ours-xlsx.db"
"$binary" import --database "$xlsx_db" "$root_dir/data/genesis/21111-02-06-4.csv" >/dev/null
measure "$binary" import --database "$xlsx_db" "$xlsx"
report "ruhrfutur import, XLSX (SQLite)" "$secs" "$rss_kb" "$xlsx_bytes"
xlsx_secs=$secs
xlsx_rss=$rss_kb
xlsx_cells=$(count_cells "$work/ours-xlsx.db")
[[ "$xlsx_cells" == "$csv_cells" ]] ||
  { echo "import_national: the XLSX import stored other cells ($xlsx_cells) than the CSV import ($csv_cells)" >&2; exit 1; }

# --- sqlite3 CLI ---------------------------------------------------------------
schema="CREATE TABLE cells (series INTEGER NOT NULL, region TEXT NOT NULL, period TEXT NOT NULL,
  value REAL, status TEXT, PRIMARY KEY (series, region, period));"
sqlite3 "$work/cli.db" "PRAGMA journal_mode=WAL; $schema" >/dev/null
measure sqlite3 "$work/cli.db" -cmd ".mode csv" -cmd ".separator ;" -cmd ".import $long cells"
report "sqlite3 CLI .import (long form)" "$secs" "$rss_kb"
cli_secs=$secs

# --- PostgreSQL ----------------------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$pg_dir" && chown postgres "$pg_dir" "$work"
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir" -U postgres -A trust >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir" -w -l "$pg_dir/log" \
  -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null
pg_started=1
psql_base=(psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q)
"${psql_base[@]}" -c "CREATE DATABASE copytest" -c "CREATE DATABASE ours"
"${psql_base[@]}" -d copytest -c "$schema"
chmod 644 "$long"
measure "${psql_base[@]}" -d copytest -c "\\copy cells FROM '$long' WITH (FORMAT csv, DELIMITER ';')"
report "PostgreSQL COPY (long form, psql \\copy)" "$secs" "-"
copy_secs=$secs

pg_url="postgresql://postgres@127.0.0.1:$port/ours"
"$binary" import --database "$pg_url" "$root_dir/data/genesis/21111-02-06-4.csv" >/dev/null
measure "$binary" import --database "$pg_url" "$table"
report "ruhrfutur import (PostgreSQL)" "$secs" "$rss_kb"
pg_secs=$secs
measure "$binary" import --database "$pg_url" "$table"
report "ruhrfutur re-import, unchanged (PostgreSQL)" "$secs" "$rss_kb"

echo
echo "== import_national: $cells cells, $(printf '%.1f' "$(echo "$bytes / 1000000" | bc -l)") MB"
printf '%-44s %10s %13s %18s %10s %8s\n' run time rate "" "peak RSS" "RSS/file"
printf '%s\n' "${results[@]}"
echo "revised edition: $history (expected: $expected_history = dropped + changed cells)"
[[ "$history" == *": $expected_history" ]] || { echo "import_national: the revised edition's history is wrong" >&2; exit 1; }
printf 'ratio ruhrfutur/sqlite3 CLI (time): %.2f (target <= 1)\n' "$(echo "$ours_secs / $cli_secs" | bc -l)"
printf 'ratio ruhrfutur PostgreSQL/COPY (time): %.2f\n' "$(echo "$pg_secs / $copy_secs" | bc -l)"
printf 'peak memory / file size: %.2f (target <= 2)\n' "$(echo "$ours_rss * 1024 / $bytes" | bc -l)"
printf 'XLSX (%.1f MB) against CSV import, same cells (%s): rate ratio %.2f (goal >= 0.5), peak RSS %.0f MB against %.0f MB\n' \
  "$(echo "$xlsx_bytes / 1000000" | bc -l)" "$xlsx_cells" "$(echo "$ours_secs / $xlsx_secs" | bc -l)" \
  "$(echo "$xlsx_rss / 1024" | bc -l)" "$(echo "$ours_rss / 1024" | bc -l)"
