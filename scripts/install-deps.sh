#!/usr/bin/env bash
# The one list of everything the platform needs to build, run, test and benchmark.
# Idempotent; run as root on Debian 12. Installs only what is missing.
set -euo pipefail

DEBIAN_PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # libraries (see docs/architecture.md)
  libboost-dev libboost-system-dev
  libsqlite3-dev sqlite3
  libpq-dev postgresql-15 postgresql-client-15
  nlohmann-json3-dev libsodium-dev libcurl4-openssl-dev
  libmstch-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libyaml-cpp-dev libcli11-dev libspdlog-dev libfmt-dev libxlsxwriter-dev zlib1g-dev
  libzip-dev libexpat1-dev
  libarchive-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-aiosmtpd
  chromium chromium-driver fonts-dejavu-core fonts-lato poppler-utils
  wrk nginx hyperfine time
  # packaging, cluster and fuzzing (make package / cluster / fuzz)
  dpkg-dev curl openssl clang libclang-rt-14-dev
  # a compiler cache (CMakeLists.txt uses it when present) and the format check (tests/checks/format.sh)
  ccache clang-format-14
)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js for the browser tests: Debian's nodejs+npm unless a node with npm is already there
# (some images ship a nodejs build that bundles npm and conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The packaged nginx starts a default server on port 80; we only ever start our own.
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true; fi
  $SUDO service nginx stop >/dev/null 2>&1 || true
fi

# Browser test tools from npm (playwright-core drives Debian's chromium; axe-core for a11y).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -d "$here/tests/e2e/node_modules/playwright-core" || ! -d "$here/tests/e2e/node_modules/axe-core" ]]; then
  echo "install-deps: npm install in tests/e2e"
  (cd "$here/tests/e2e" && npm install --no-audit --no-fund --silent)
fi
