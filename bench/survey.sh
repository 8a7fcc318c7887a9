#!/usr/bin/env bash
# Surveys: submitting TAB checklists against the database's own limit, and
# the results page with 100,000 responses.
#
#   bench/survey.sh [BUILD_DIR]
#
# BUILD_DIR defaults to ${RF_BUILD_DIR:-build} (Release, `make build`) and must
# hold ruhrfutur and bench/rf_bench_survey. Builds nothing. SQLite file.
#  1. BENCH_SURVEY_RESPONSES (10,000) invitations to a wave of the shipped TAB
#     checklist, made by the survey store (rf_bench_survey setup); wrk -t2 -c64
#     with bench/survey_submit.lua answers each of them as the answering
#     script (static/js/befragung.js) does: the whole response in one POST
#     (seite=alle; the script pages in the browser), CSRF double-submit
#     cookie; served by `ruhrfutur serve` with 2 threads. Prints requests,
#     errors (must be 0), the responses stored (counted in the database
#     afterwards) and their rate.
#  2. The database's own limit in the same run: rf_bench_survey loop writes the
#     rows a submit writes (the invitation used up, the response row, its
#     answer rows in long form, the results stamp) with one transaction per
#     response into a SQLite file, with SQLite's own checkpoints as a single
#     connection has them (the server's writer connection leaves its
#     checkpoints to a thread of the pool and groups concurrent submits into
#     one commit, db::Pool::write); ratio = wrk rate / loop rate (goal >= 0.5).
#     Printed beside it, not checked: the same rows written as the server
#     writes them (rf_bench_survey loop ... grouped: all queued at once on
#     db::Pool::write_async), and the ratio against that -- the web stack's
#     own share of the cost.
#     For comparison, not checked: as many invitations answered without
#     JavaScript, page by page (three POSTs per response, each saving the
#     draft), and their ratio.
#  3. The checklist filled up to BENCH_SURVEY_RESULTS (100,000) submitted
#     responses in one transaction (rf_bench_survey fill), then
#     `wrk -t2 -c64 --latency` on /umfragen/tab-checkliste/ergebnisse logged in
#     as a data steward (session cookie from a curl login), median of 3 runs
#     (goal: p99 <= 200 ms).
set -euo pipefail
root_dir=$(cd "$(dirname "$0")/.." && pwd)
source "$root_dir/bench/lib.sh"
build_dir=${1:-${RF_BUILD_DIR:-$root_dir/build}}
binary=$build_dir/ruhrfutur
bench_bin=$build_dir/bench/rf_bench_survey
responses=${BENCH_SURVEY_RESPONSES:-10000}
results_total=${BENCH_SURVEY_RESULTS:-100000}

bench_setup survey
bench_require wrk curl
[[ -x "$binary" && -x "$bench_bin" ]] || { echo "survey: $binary or $bench_bin not found; run 'make bench' first" >&2; exit 1; }

export RF_ROOT=$root_dir RF_VAR_DIR=$work/var RF_THREADS=$bench_threads
db_url="sqlite:$work/survey.db"
"$bench_bin" setup "$db_url" "$root_dir" "$responses" "$work/tokens.txt" >"$work/setup.log"
"$bench_bin" setup "$db_url" "$root_dir" "$responses" "$work/tokens_paged.txt" >"$work/setup_paged.log"

port=$(free_port)
RF_ACCESS_LOG=false "$binary" serve --database "$db_url" --listen "127.0.0.1:$port" >/dev/null 2>"$work/server.log" &
bench_track $!
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
base="http://127.0.0.1:$port"

echo "survey: $(nproc) cores, server with $bench_threads threads, SQLite file"
status=0

# submit MODE TOKENS: answers every invitation of TOKENS with wrk (MODE ganz:
# one POST per response, seiten: page by page); prints what it saw and sets
# wrk_rate (responses stored per second); fails on any error or lost response.
submit() {
  local mode=$1 tokens=$2 before out requests seconds non2xx socket lua stored after
  before=$("$bench_bin" count "$db_url" | sed -n 's/^responses=//p')
  : >"$work/done"
  out=$(wrk -t"$bench_threads" -c64 -d600s -s "$root_dir/bench/survey_submit.lua" "$base" -- \
    "$tokens" "$bench_threads" "$work/done" "$mode" 2>"$work/wrk.err")
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  seconds=$(awk '/requests in/ { v = $4; sub(/,$/, "", v); if (v ~ /ms$/) print substr(v, 1, length(v) - 2) / 1000; else if (v ~ /m$/) print substr(v, 1, length(v) - 1) * 60; else print substr(v, 1, length(v) - 1) + 0 }' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx/ { print $NF }' <<<"$out")
  socket=$(awk '/Socket errors/ { sub(/.*Socket errors: /, ""); print }' <<<"$out")
  lua=$(grep '^lua:' <<<"$out" || true)
  stored=$("$bench_bin" count "$db_url")
  after=$(sed -n 's/^responses=//p' <<<"$stored")
  wrk_rate=$(awk -v n="$((after - before))" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  echo "   requests ${requests:-?} in ${seconds:-?} s; non-2xx/3xx: ${non2xx:-0}; socket errors: ${socket:-none}"
  echo "   ${lua#lua: }"
  echo "   stored: $((after - before)) submitted responses; rate $wrk_rate responses/s"
  [[ -s "$work/wrk.err" ]] && sed 's/^/   wrk: /' "$work/wrk.err" | head -5
  # wrk counts answers slower than its 2 s timeout as "timeout" although they
  # arrive; lost chains show as failed= and in the count of stored responses.
  if [[ -n "${non2xx:-}" ]] || grep -Eq "(connect|read|write) [1-9]" <<<"${socket:-}" ||
    [[ "$((after - before))" != "$responses" ]] || ! grep -q "failed=0 " <<<"$lua"; then
    echo "survey: errors while submitting, or not every invitation stored its response" >&2
    return 1
  fi
}

# 1. Submitting as the answering script does.
echo "1. wrk -t$bench_threads -c64, bench/survey_submit.lua, $responses invitations, one POST per response (the answering script)"
submit ganz "$work/tokens.txt" || status=1
script_rate=$wrk_rate
echo "   answer rows of all responses so far: $("$bench_bin" count "$db_url" | sed -n 's/^answer_rows=//p')"

# 2. The database's own limit: the same rows, one transaction per response.
loop=$("$bench_bin" loop "sqlite:$work/loop.db" "$root_dir" "$responses")
loop_seconds=$(sed -n 's/^seconds=//p' <<<"$loop")
loop_rate=$(awk -v n="$responses" -v s="$loop_seconds" 'BEGIN { printf "%.0f", n / s }')
r=$(ratio "$script_rate" "$loop_rate")
echo "2. C++ loop, one transaction per response ($(sed -n 's/^answer_rows=//p' <<<"$loop") answer rows): $loop_rate responses/s"
echo "   ratio wrk / loop: $r (goal >= 0.5)"
awk -v r="$r" 'BEGIN { exit !(r >= 0.5) }' || { echo "survey: submit rate below half the database's limit" >&2; status=1; }
grouped=$("$bench_bin" loop "sqlite:$work/loop_grouped.db" "$root_dir" "$responses" grouped)
grouped_rate=$(awk -v n="$responses" -v s="$(sed -n 's/^seconds=//p' <<<"$grouped")" 'BEGIN { printf "%.0f", n / s }')
echo "   for comparison, not checked: the same rows through db::Pool::write_async (group commit and"
echo "   checkpoints on the pool's thread, as the server writes its submits): $grouped_rate responses/s;" \
  "ratio wrk / that: $(ratio "$script_rate" "$grouped_rate")"
echo "   for comparison, without JavaScript (page by page, three POSTs per response, $responses invitations):"
submit seiten "$work/tokens_paged.txt" || status=1
echo "   ratio wrk / loop without JavaScript: $(ratio "$wrk_rate" "$loop_rate") (not checked)"

# 3. The results page with $results_total responses.
"$bench_bin" fill "$db_url" "$results_total" >"$work/fill.log"
echo "bench-steward-password" | RF_DATABASE=$db_url "$binary" user add --email steward@bench.example \
  --name "Bench Datenverantwortung" --role data_steward >/dev/null
csrf=benchmark-csrf-token-0123456789abcdefghijk
session=$(curl -sS -o /dev/null -D - -b "rf_csrf=$csrf" \
  --data-urlencode "_csrf=$csrf" --data-urlencode "email=steward@bench.example" \
  --data-urlencode "password=bench-steward-password" "$base/anmelden" |
  sed -n 's/^[Ss]et-[Cc]ookie: rf_session=\([^;]*\).*/\1/p')
[[ -n "$session" ]] || { echo "survey: the login failed" >&2; exit 1; }
page="$base/umfragen/tab-checkliste/ergebnisse"
first=$(curl -sS -o "$work/results.html" -w '%{http_code} %{time_total}' -b "rf_session=$session" "$page")
grep -q "Antworten" "$work/results.html" || { echo "survey: the results page looks wrong ($first)" >&2; exit 1; }
echo "3. results page, $(sed -n 's/^responses=//p' "$work/fill.log") responses; first request (computes): ${first#* } s"
# Errors (non-2xx, socket errors) are reported by wrk_measure and fail the run.
line=$(wrk_measure_runs "$page" 64 3 -H "Cookie: rf_session=$session") || status=1
read -r rps p50 p99 p99_min p99_max <<<"$line"
echo "   wrk -t$bench_threads -c64 --latency, median of 3 runs of $bench_duration: $rps req/s," \
  "p50 $p50 ms, p99 $p99 ms (runs: $p99_min–$p99_max; goal <= 200 ms)"
awk -v p="$p99" 'BEGIN { exit !(p <= 200) }' || { echo "survey: p99 of the results page above 200 ms" >&2; status=1; }
exit $status
