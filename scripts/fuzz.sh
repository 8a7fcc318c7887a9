#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of tests/fuzz with clang + ASan/UBSan in
# build-fuzz/, seeds each corpus from the real files (data/, reports/, hand-written
# requests), runs every target for FUZZ_SECONDS (default 600) and prints per target the
# runs, libFuzzer's final coverage (cov: edges) and corpus (units/bytes), and the
# crashes. Findings land in build-fuzz/artifacts/<target>/; each one
# belongs in a regression test.
#
#   FUZZ_SECONDS=120 make fuzz          shorter runs
#   FUZZ_TARGETS="csv forms" make fuzz  only some targets
#   FUZZ_NO_BUILD=1                     run what build-fuzz/ holds without building
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${RF_FUZZ_BUILD:-$here/build-fuzz}"
seconds="${FUZZ_SECONDS:-600}"
targets="${FUZZ_TARGETS:-http_request forms multipart csv statistics expression report_markdown}"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

if [[ ! -f "$build/build.ninja" ]]; then
  CXX=clang++ CC=clang cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRF_FUZZ=ON \
    "${launcher[@]}" >/dev/null
fi
build_targets=()
for t in $targets; do build_targets+=("fuzz_$t"); done
if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
  cmake --build "$build" -j "${JOBS:-$(nproc)}" --target "${build_targets[@]}"
fi

# ---- seed corpora from the real files ----
corpus="$build/corpus"
seed() {  # TARGET NAME PREFIX-BYTE-OCTAL FILE [BYTES]
  local dir="$corpus/$1"
  mkdir -p "$dir"
  if [[ -n "$3" ]]; then printf "\\$3" >"$dir/$2"; else : >"$dir/$2"; fi
  head -c "${5:-16384}" "$4" >>"$dir/$2"
}
seed_text() {  # TARGET NAME TEXT
  mkdir -p "$corpus/$1"
  printf '%b' "$3" >"$corpus/$1/$2"
}
rm -rf "$corpus"
i=0
# The test fixtures (tests/data) too: more layouts, encodings and line ends than data/.
for f in "$here"/tests/data/genesis/*.csv; do
  prefix=000; [[ $f == *regioDB_tables* ]] && prefix=007
  seed statistics "t-genesis-$i" $prefix "$f"; seed csv "t-genesis-$i" 000 "$f"; i=$((i + 1))
done
for f in "$here"/tests/data/ffcsv/*.csv; do seed statistics "t-flat-$i" 004 "$f"; seed csv "t-flat-$i" 001 "$f"; i=$((i + 1)); done
for f in "$here"/tests/data/inkar/*.csv; do
  prefix=001; [[ $f == *meta* ]] && prefix=006
  seed statistics "t-inkar-$i" $prefix "$f"; seed csv "t-inkar-$i" 000 "$f"; i=$((i + 1))
done
for f in "$here"/tests/data/schools/*.csv; do seed statistics "t-schools-$i" 002 "$f"; seed csv "t-schools-$i" 000 "$f"; i=$((i + 1)); done
for f in "$here"/data/genesis/*.csv; do seed statistics "genesis-$i" 000 "$f"; seed csv "genesis-$i" 000 "$f"; i=$((i + 1)); done
for f in "$here"/data/inkar/*.csv; do seed statistics "inkar-$i" 001 "$f"; seed csv "inkar-$i" 000 "$f"; i=$((i + 1)); done
for f in "$here"/data/schools/*.csv; do seed statistics "schools-$i" 002 "$f"; seed csv "schools-$i" 000 "$f"; i=$((i + 1)); done
for f in "$here"/data/regions/*.csv; do seed statistics "regions-$i" 005 "$f"; seed csv "regions-$i" 001 "$f"; i=$((i + 1)); done
for f in "$here"/reports/*/kapitel/*.md "$here"/reports/*/profil.md; do
  seed report_markdown "$(basename "$f")" "" "$f" 32768
done
seed report_markdown README.md "" "$here/README.md" 32768
n=0
grep -oE "(numerator|denominator): '[^']+'" "$here/data/indicators.yaml" | sed -E "s/^[a-z]+: '//; s/'$//" | sort -u |
  while IFS= read -r expr; do
    mkdir -p "$corpus/expression"
    printf '%s' "$expr" >"$corpus/expression/expr-$n"
    n=$((n + 1))
  done
seed_text forms query '\x01weiter=%2Fkonto&email=a%40b.de&password=x+y&zeitraum=2023&kreis=05913&region=ruhr&region=nrw'
seed_text forms utf8 '\x01titel=%C3%84rger+%E2%80%93+%22x%22&a=%ZZ&&=&b'
seed_text forms cookie '\x00rf_session=abc123; rf_csrf=Zm9v; theme=dark'
seed_text forms cookie-quoted '\x00a="x y"; rf_session=; rf_session=zwei;;'
mp='multipart/form-data; boundary=XyZ\n--XyZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\ntoken\r\n--XyZ\r\nContent-Disposition: form-data; name="dateien"; filename="a b.csv"\r\nContent-Type: text/csv\r\n\r\nx;y\r\n1;2\r\n--XyZ--\r\n'
seed_text multipart simple "$mp"
seed_text multipart quoted 'multipart/form-data; boundary="a b"\n--a b\r\nContent-Disposition: form-data; name="f"; filename=""\r\n\r\n\r\n--a b--'
seed_text http_request get 'GET /?a=1&b=%C3%A4 HTTP/1.1\r\nHost: x\r\nCookie: rf_session=abc\r\nX-Test: 1\r\n\r\n'
seed_text http_request post 'POST /a/7 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\nq=1&r=%20s'
seed_text http_request chunked 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n3\r\na=1\r\n0\r\n\r\n'
seed_text http_request pipelined 'GET / HTTP/1.1\r\nHost: x\r\n\r\nHEAD /a/1 HTTP/1.0\r\n\r\n'
printf 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: %d\r\n\r\n' \
  "$(printf '%b' "${mp#*\\n}" | wc -c)" >"$corpus/http_request/multipart"
printf '%b' "${mp#*\\n}" >>"$corpus/http_request/multipart"

# ---- run ----
printf '%-16s %8s %10s %8s %-16s %8s\n' target seconds runs cov corpus crashes
status=0
for t in $targets; do
  mkdir -p "$build/artifacts/$t" "$build/work/$t"
  log="$build/work/$t/fuzz.log"
  max_len=65536
  [[ $t == http_request || $t == forms || $t == expression || $t == csv ]] && max_len=16384
  started=$SECONDS
  set +e
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=$max_len \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" "$build/work/$t" "$corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  elapsed=$((SECONDS - started))  # less than FUZZ_SECONDS when a finding stopped the run
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
  crashes=$(find "$build/artifacts/$t" -type f | wc -l)
  # libFuzzer's last status line: "#N DONE cov: C ft: F corp: UNITS/SIZE ..."
  last=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -n 1 || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([^ ]+).*/\1/p' <<<"$last")
  printf '%-16s %8s %10s %8s %-16s %8s\n' "$t" "$elapsed" "${runs:-0}" "${cov:--}" "${corp:--}" "$crashes"
  if ((rc != 0 || crashes > 0)); then
    status=1
    echo "  $t: exit $rc; log $log; artifacts in $build/artifacts/$t/" >&2
  fi
done
exit $status
