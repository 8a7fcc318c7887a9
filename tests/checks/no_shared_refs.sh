#!/usr/bin/env bash
# The repository must be complete by itself: someone who clones it has no
# workspace folder beside it, so no tracked file may point at one (fixtures
# live in tests/data/, design notes in docs/). Fails listing every reference.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$root"
# The pattern is split so that this file does not match itself.
pattern='\.\./'"shared|/work/"'shared|(^|[^a-z_])shared/(data|DESIGN\.md|reference|hooks)'
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  list() { git ls-files -z; }
else  # an unpacked archive: every file except build output
  list() { find . -type f -not -path './build*' -not -path './.git/*' -not -path '*/node_modules/*' -print0; }
fi
if hits=$(list | xargs -0 grep -nIE "$pattern" --); then
  echo "Files refer to a folder outside the repository (copy what is needed instead):" >&2
  echo "$hits" >&2
  exit 1
fi
echo "no references outside the repository"
