#!/usr/bin/env bash
# Mail: the outbox sender against a minimal reference sender, the cost of
# enqueueing an issue, and whether a page that enqueues a mail depends on the
# mail server.
#
#   bench/mail.sh [BUILD_DIR]
#
# BUILD_DIR defaults to ${RF_BUILD_DIR:-build} (Release, `make build`) and must
# hold ruhrfutur and bench/rf_bench_mail. Builds nothing. Uses the local SMTP
# sink of the tests (tests/e2e/smtp_sink.py, Debian's python3-aiosmtpd).
#  1. 10,000 multipart mails (2 KB text, 4 KB HTML, a personal link) to the
#     sink: a plain libcurl loop over one connection, then the outbox (SQLite)
#     delivering the same messages; ratio of their rates (goal >= 0.8).
#  2. Enqueueing that issue for 10,000 recipients in one transaction (goal <= 1 s).
#  3. 200 newsletter sign-ups (each enqueues its confirmation mail) against
#     `ruhrfutur serve`, mean latency with the sink running and with it stopped
#     (goal: the same within noise).
set -euo pipefail
root_dir=$(cd "$(dirname "$0")/.." && pwd)
source "$root_dir/bench/lib.sh"
build_dir=${1:-${RF_BUILD_DIR:-$root_dir/build}}
binary=$build_dir/ruhrfutur
bench_bin=$build_dir/bench/rf_bench_mail
mails=${BENCH_MAILS:-10000}
signups=${BENCH_SIGNUPS:-200}

bench_setup mail
bench_require curl /usr/bin/python3
[[ -x "$binary" && -x "$bench_bin" ]] || { echo "mail: $binary or $bench_bin not found; run 'make build' first" >&2; exit 1; }

# start_sink DIR: the SMTP sink on a port it binds itself (its "READY PORT"
# line); sets sink_pid and sink_port, or stops the script. A port picked
# beforehand can be taken meanwhile (the sink then fails to bind, and a client
# connecting to an unbound local port can end up connected to itself).
start_sink() {
  /usr/bin/python3 "$root_dir/tests/e2e/smtp_sink.py" --dir "$1" --summary-only >"$1.log" 2>&1 &
  sink_pid=$!
  bench_track $sink_pid
  sink_port=""
  for _ in $(seq 1 400); do
    sink_port=$(sed -n 's/^READY \([0-9]*\)$/\1/p' "$1.log")
    [[ -n "$sink_port" ]] && return 0
    kill -0 "$sink_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "mail: the SMTP sink did not start:" >&2
  cat "$1.log" >&2
  exit 1
}
delivered() { wc -l <"$1/deliveries.jsonl"; }

# The sink shares the CPU with the senders, and the load of a shared machine
# drifts: the two senders take turns as reference, outbox, outbox, reference,
# and the ratio is of their total times.
# run_reference N / run_outbox N: seconds for the run's mails (the outbox run
# also sets enqueue_s), after checking that the sink got every one.
run_reference() {
  start_sink "$work/sink-ref$1"
  local out
  out=$("$bench_bin" reference "smtp://127.0.0.1:$sink_port" "$mails")
  [[ $(delivered "$work/sink-ref$1") == "$mails" ]] || { echo "mail: the reference lost mails" >&2; exit 1; }
  kill "$sink_pid"; wait "$sink_pid" 2>/dev/null || true
  sed -n 's/^seconds=//p' <<<"$out"
}
run_outbox() {
  start_sink "$work/sink-outbox$1"
  local out
  out=$("$bench_bin" outbox "sqlite:$work/outbox$1.db" "smtp://127.0.0.1:$sink_port" "$mails" "$root_dir/migrations")
  [[ $(delivered "$work/sink-outbox$1") == "$mails" ]] || { echo "mail: the outbox lost mails" >&2; exit 1; }
  kill "$sink_pid"; wait "$sink_pid" 2>/dev/null || true
  sed -n 's/^enqueue_seconds=//p' <<<"$out" >"$work/enqueue$1"
  sed -n 's/^seconds=//p' <<<"$out"
}
echo "mail: $mails mails to the local aiosmtpd sink per run, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
ref1=$(run_reference 1)
out1=$(run_outbox 1)
out2=$(run_outbox 2)
ref2=$(run_reference 2)
ref_s=$(awk -v a="$ref1" -v b="$ref2" 'BEGIN{print a+b}')
out_s=$(awk -v a="$out1" -v b="$out2" 'BEGIN{print a+b}')
enqueue_s=$(sort -g "$work/enqueue1" "$work/enqueue2" | tail -1)
rate() { awk -v s="$1" -v n="$mails" 'BEGIN{printf "%.0f", n/s}'; }
printf '%-34s %10s %10s %12s\n' sender "run 1 s" "run 2 s" "mails/s"
printf '%-34s %10.2f %10.2f %12s\n' "reference (libcurl loop)" "$ref1" "$ref2" "$(rate "$(awk -v s="$ref_s" 'BEGIN{print s/2}')")"
printf '%-34s %10.2f %10.2f %12s\n' "outbox sender (SQLite)" "$out1" "$out2" "$(rate "$(awk -v s="$out_s" 'BEGIN{print s/2}')")"
echo "ratio outbox/reference: $(ratio "$ref_s" "$out_s") (goal >= 0.8; order reference, outbox, outbox, reference)"
echo "enqueue an issue for $mails recipients: $(printf '%.3f' "$enqueue_s") s, the slower of two (goal <= 1 s)"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"

# 3. Sign-ups with the mail server up and down.
export RF_ROOT=$root_dir RF_VAR_DIR=$work/var RF_THREADS=$bench_threads RF_ACCESS_LOG=false
db="sqlite:$work/site.db"
"$binary" demo --database "$db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }
# signup_ms PREFIX: mean milliseconds of $signups sign-ups.
signup_ms() {
  local prefix=$1 jar=$work/cookies-$1 csrf total=0 i t
  curl -fsS -c "$jar" "http://127.0.0.1:$app_port/newsletter" -o "$work/form.html"
  csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$work/form.html" | head -1)
  for ((i = 0; i < signups; i++)); do
    # Each sign-up from an address of its own (127.0.x.y): the sign-up form
    # allows only a few mails per client address (issue 11).
    t=$(curl -sS -o /dev/null -b "$jar" -w '%{http_code} %{time_total}' \
      --interface "127.$(( i / 200 + 1 )).$(( i % 200 + 2 )).$(( ${#prefix} + 1 ))" \
      --data-urlencode "email=$prefix$i@example.org" --data "consent=1" --data-urlencode "_csrf=$csrf" \
      "http://127.0.0.1:$app_port/newsletter")
    [[ ${t%% *} == 200 ]] || { echo "mail: sign-up answered ${t%% *}" >&2; exit 1; }
    total=$(awk -v a="$total" -v b="${t#* }" 'BEGIN{print a+b}')
  done
  awk -v t="$total" -v n="$signups" 'BEGIN{printf "%.2f", t/n*1000}'
}
start_sink "$work/sink-app"
app_port=$(free_port)
RF_SMTP_URL="smtp://127.0.0.1:$sink_port" "$binary" serve --database "$db" --listen "127.0.0.1:$app_port" \
  >/dev/null 2>"$work/server.log" &
bench_track $!
wait_for_port "$app_port"
signup_ms warmup >/dev/null
up_ms=$(signup_ms up)
kill "$sink_pid"; wait "$sink_pid" 2>/dev/null || true
down_ms=$(signup_ms down)
echo "sign-up (enqueues a mail), mean of $signups: sink running $up_ms ms, sink stopped $down_ms ms" \
  "(ratio $(ratio "$down_ms" "$up_ms"), goal ~1)"
