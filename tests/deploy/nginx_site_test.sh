#!/usr/bin/env bash
# `nginx -t` of the shipped site (deploy/nginx/ruhrfutur.conf) with its TLS placeholders
# replaced by a throwaway self-signed certificate: the example an operator copies parses.
# Usage: nginx_site_test.sh SOURCE_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=bildung.example.org \
        -keyout "$tmp/site.key" -out "$tmp/site.pem" 2>/dev/null
sed -e "s#/etc/ssl/certs/bildung.example.org.fullchain.pem#$tmp/site.pem#" \
    -e "s#/etc/ssl/private/bildung.example.org.key#$tmp/site.key#" \
    -e "s#/var/cache/nginx/ruhrfutur#$tmp/cache#" \
    "$src/deploy/nginx/ruhrfutur.conf" >"$tmp/site.conf"
if grep -q 'example.org.fullchain\|/var/cache/nginx' "$tmp/site.conf"; then
  echo "FAIL: a placeholder was not replaced" >&2; exit 1
fi
cat >"$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $tmp/body;
  proxy_temp_path $tmp/proxy;
  include $tmp/site.conf;
}
CONF
nginx -e "$tmp/error.log" -p "$tmp" -c "$tmp/nginx.conf" -t
echo PASS
