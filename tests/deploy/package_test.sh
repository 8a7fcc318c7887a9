#!/usr/bin/env bash
# Builds the Debian package from a build tree, checks its contents with dpkg-deb, and runs
# the unpacked binary's --version and `migrate` against the unpacked share folder.
# Usage: package_test.sh BUILD_DIR
set -euo pipefail
build_dir=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# zstd: the test packages a sanitizer build (~250 MB); xz would take minutes, gzip 27 s, zstd 15 s
# (Debian 12's dpkg reads it).
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$tmp/out" \
      -D CPACK_DEBIAN_COMPRESSION_TYPE=zstd >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; fail "cpack"; }
deb=$(ls "$tmp"/out/ruhrfutur_*.deb)
echo "package: $(basename "$deb")"

dpkg-deb -c "$deb" | awk '{print $6}' >"$tmp/contents"
for path in ./usr/bin/ruhrfutur \
            ./usr/share/ruhrfutur/migrations/0001_core.sql \
            ./usr/share/ruhrfutur/templates/layout.mustache \
            ./usr/share/ruhrfutur/static/css/site.css \
            ./usr/share/ruhrfutur/data/indicators.yaml \
            ./usr/share/ruhrfutur/deploy/nginx/ruhrfutur.conf \
            ./etc/ruhrfutur/ruhrfutur.yaml \
            ./lib/systemd/system/ruhrfutur.service \
            ./lib/systemd/system/ruhrfutur@.service \
            ./lib/systemd/system/ruhrfutur-reminders.service \
            ./lib/systemd/system/ruhrfutur-reminders.timer; do
  grep -qxF "$path" "$tmp/contents" || fail "package lacks $path"
done
# Nothing from the build or source tree beyond the install layout.
allowed='^\./($|usr/$|usr/bin/$|usr/bin/ruhrfutur$|usr/share/$|usr/share/doc/$|usr/share/(ruhrfutur|doc/ruhrfutur)/|etc/$|etc/ruhrfutur/$|etc/ruhrfutur/ruhrfutur\.yaml$|lib/$|lib/systemd/$|lib/systemd/system/$|lib/systemd/system/ruhrfutur(@|-reminders)?\.service$|lib/systemd/system/ruhrfutur-reminders\.timer$)'
if grep -vE "$allowed" "$tmp/contents"; then
  fail "unexpected files in the package (above)"
fi

dpkg-deb -I "$deb" >"$tmp/info"
grep -q '^ Package: ruhrfutur$' "$tmp/info" || fail "package name"
grep -Eq '^ Depends:.*libsqlite3-0.*' "$tmp/info" || fail "shared-library dependencies (libsqlite3) missing: $(grep Depends "$tmp/info")"
grep -Eq '^ Depends:.*libpq5' "$tmp/info" || fail "libpq5 dependency missing"
for script in postinst prerm postrm conffiles; do
  dpkg-deb --info "$deb" "$script" >"$tmp/$script" || fail "control file $script missing"
done
grep -qxF /etc/ruhrfutur/ruhrfutur.yaml "$tmp/conffiles" || fail "configuration is not a conffile"
grep -q 'adduser --system' "$tmp/postinst" || fail "postinst does not create the system user"

dpkg-deb -x "$deb" "$tmp/root"
version=$("$tmp/root/usr/bin/ruhrfutur" --version)
[[ "$version" =~ ^ruhrfutur\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed '$version'"
echo "version: $version"

# A probe migration only the unpacked share folder has: it proves `migrate` found
# /usr/share/ruhrfutur beside the binary, not the source tree it was built from.
printf 'CREATE TABLE package_probe (id INTEGER PRIMARY KEY);\n' \
  >"$tmp/root/usr/share/ruhrfutur/migrations/9999_package_probe.sql"
mkdir "$tmp/run"
(cd "$tmp/run" && env -u RF_ROOT -u RF_CONFIG -u RF_DATABASE \
   "$tmp/root/usr/bin/ruhrfutur" migrate --database "sqlite:$tmp/run/ruhrfutur.db") >"$tmp/migrate.out" 2>&1 \
  || { cat "$tmp/migrate.out"; fail "migrate"; }
grep -q 'applied migration 9999_package_probe.sql' "$tmp/migrate.out" || { cat "$tmp/migrate.out"; fail "the unpacked share folder was not used"; }
# On SQLite: the common migrations and the SQLite half of each per-database pair.
expected=$(ls "$tmp/root/usr/share/ruhrfutur/migrations" | grep '\.sql$' | grep -vc '\.postgresql\.sql$')
applied=$(grep -c '^applied migration ' "$tmp/migrate.out")
[[ "$applied" == "$expected" ]] || fail "applied $applied of $expected migrations"
tables=$(sqlite3 "$tmp/run/ruhrfutur.db" "SELECT count(*) FROM sqlite_master WHERE name IN ('package_probe','users','observations')")
[[ "$tables" == 3 ]] || fail "tables after migrate: $tables of 3"
echo "migrate: $applied migrations applied from the unpacked share folder"
echo "PASS"
