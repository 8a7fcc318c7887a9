#!/usr/bin/env bash
# The shipped units pass `systemd-analyze verify` and `systemd-analyze security` rates
# ruhrfutur.service's exposure at most 2.0 ("OK"), checked offline in a throwaway root
# (the machine's unit files, the units under test, a stand-in /usr/bin/ruhrfutur).
# Usage: systemd_units_test.sh SOURCE_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/usr/bin" "$tmp/lib/systemd/system" "$tmp/etc/systemd/system"
cp -r /lib/systemd/system/. "$tmp/lib/systemd/system/"
cp "$src"/deploy/systemd/*.service "$tmp/lib/systemd/system/"
printf '#!/bin/sh\n' >"$tmp/usr/bin/ruhrfutur"
chmod +x "$tmp/usr/bin/ruhrfutur"
out=$(systemd-analyze verify --root="$tmp" ruhrfutur.service ruhrfutur@8081.service 2>&1)
if [[ -n "$out" ]]; then echo "$out"; echo "FAIL: systemd-analyze verify" >&2; exit 1; fi
for unit in ruhrfutur.service ruhrfutur@8081.service; do
  level=$(systemd-analyze security --offline=yes --root="$tmp" "$unit" 2>&1 | grep -oE 'Overall exposure level for [^:]+: [0-9.]+' | grep -oE '[0-9.]+$')
  echo "$unit: exposure $level"
  awk -v l="$level" 'BEGIN { exit !(l != "" && l <= 2.0) }' || { echo "FAIL: $unit exposure $level > 2.0" >&2; exit 1; }
done
echo PASS
