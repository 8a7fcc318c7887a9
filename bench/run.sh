#!/usr/bin/env bash
# Runs every benchmark script in bench/ except this one and lib.sh, in name order, with
# the default build directory (set RF_BUILD_DIR to use another). Exits non-zero
# if any benchmark failed; the others still run.
set -uo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
status=0
for script in "$bench_dir"/*.sh; do
  name=$(basename "$script")
  [[ "$name" == "run.sh" || "$name" == "lib.sh" ]] && continue
  echo "== $name"
  bash "$script" || { echo "== $name failed" >&2; status=1; }
  echo
done
exit $status
