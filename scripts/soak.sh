#!/usr/bin/env bash
# `make soak`: the long reliability run on a throwaway cluster (scripts/cluster.sh,
# demo data loaded): wrk through nginx for SOAK_SECONDS (default 60) at SOAK_CONNECTIONS
# (default 256) on public pages, the values API, logins and edits (scripts/soak/mix.lua).
# Prints requests, unexpected answers (anything but 200/303), p50/p99, and the resident
# memory of each instance before and after; fails on an unexpected answer or an instance
# that grew by more than 10 %.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RF_BINARY="${RF_BINARY:-$here/build/ruhrfutur}"
seconds="${SOAK_SECONDS:-60}"
connections="${SOAK_CONNECTIONS:-256}"
dir=$(mktemp -d /tmp/rf-soak-XXXXXX)
trap 'bash "$here/scripts/cluster.sh" stop "$dir"' EXIT

RF_CLUSTER_DEMO=1 RF_CLUSTER_THREADS="${SOAK_THREADS:-2}" bash "$here/scripts/cluster.sh" start "$dir"
# shellcheck disable=SC1091
source "$dir/cluster.env"
export SOAK_EMAIL=soak@cluster.example SOAK_PASSWORD=soak-passwort-123
echo "$SOAK_PASSWORD" | RF_CONFIG="$dir/ruhrfutur.yaml" RF_ROOT="$here" "$RF_BINARY" user add --email "$SOAK_EMAIL" \
  --role editor --name Lastprobe >/dev/null

# An editor's session, its CSRF token, and a news item to save again and again.
jar="$dir/cookies"
csrf_of() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
anon=$(curl -fsS -c "$jar" "$RF_CLUSTER_NGINX/anmelden" | csrf_of)
curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$anon" --data-urlencode "email=$SOAK_EMAIL" \
  --data-urlencode "password=$SOAK_PASSWORD" "$RF_CLUSTER_NGINX/anmelden"
export SOAK_SESSION SOAK_CSRF SOAK_ITEM
SOAK_SESSION=$(awk '$6 == "rf_session" { print $7 }' "$jar")
SOAK_CSRF=$(curl -fsS -b "$jar" "$RF_CLUSTER_NGINX/redaktion/meldungen/neu" | csrf_of)
location=$(curl -fsS -b "$jar" -o /dev/null -w '%{redirect_url}' --data-urlencode "_csrf=$SOAK_CSRF" \
  --data-urlencode "title=Lastprobe" --data-urlencode "slug=lastprobe" --data-urlencode "item_date=2024-05-01" \
  --data-urlencode "summary=Gespeichert unter Last." --data-urlencode "body=Text" --data-urlencode "action=publish" \
  "$RF_CLUSTER_NGINX/redaktion/meldungen/neu")
SOAK_ITEM=$(grep -oE '/redaktion/meldungen/[0-9]+' <<<"$location" | grep -oE '[0-9]+$')
[[ -n "$SOAK_SESSION" && -n "$SOAK_CSRF" && -n "$SOAK_ITEM" ]] || { echo "soak: could not prepare the editor session" >&2; exit 1; }

rss() { ps -o rss= -p "$(cat "$dir/instance-$1.pid")" | tr -d ' '; }
# Resident memory once the load has stopped: the smallest of three readings a second apart,
# after two seconds. A login hashes with argon2 in 64 MiB, so a reading taken while one or two
# are still in flight is 64-128 MiB higher (sampled every 15 s over 5 minutes, RSS jumped
# between 265 and 400 MB and always came back to 265 MB).
rss_at_rest() {
  sleep 2
  local least="" r
  for _ in 1 2 3; do
    r=$(rss "$1")
    [[ -z "$least" || "$r" -lt "$least" ]] && least=$r
    sleep 1
  done
  echo "$least"
}
lua="$here/scripts/soak/mix.lua"
# Warm-up: caches filled, pools opened; then the memory baseline.
wrk -t2 -c"$connections" -d10s -s "$lua" "$RF_CLUSTER_NGINX/" >/dev/null
rss_a0=$(rss_at_rest A) rss_b0=$(rss_at_rest B)
out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency --timeout 10s -s "$lua" "$RF_CLUSTER_NGINX/" 2>&1)
rss_a1=$(rss_at_rest A) rss_b1=$(rss_at_rest B)
echo "$out" | grep -E '^soak:|Requests/sec|Socket errors'
echo "soak: wrk -t2 -c$connections -d${seconds}s through nginx to 2 instances on PostgreSQL"
status=0
for x in A B; do
  v0="rss_${x,,}0" v1="rss_${x,,}1"
  growth=$(awk -v a="${!v0}" -v b="${!v1}" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
  echo "soak: instance $x resident memory ${!v0} kB before, ${!v1} kB after (${growth} %)"
  awk -v g="$growth" 'BEGIN { exit !(g > 10) }' && { echo "soak: instance $x grew by more than 10 %" >&2; status=1; }
done
requests=$(grep -oE '^soak: requests [0-9]+' <<<"$out" | grep -oE '[0-9]+$' || echo 0)
((requests > 0)) || { echo "soak: no request was answered" >&2; status=1; }
grep -q 'unexpected 0,' <<<"$out" || { echo "soak: unexpected answers" >&2; status=1; }
if grep -q 'Socket errors' <<<"$out"; then echo "soak: socket errors" >&2; status=1; fi
exit $status
