#!/usr/bin/env bash
# The C++ code follows .clang-format (clang-format-14, which scripts/install-deps.sh
# installs): fails listing every tracked source file that `clang-format-14 -i FILE`
# would change. Outside a git checkout (an unpacked source archive) the files are found
# with find.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$root"
formatter=$(command -v clang-format-14 || command -v clang-format || true)
[[ -n "$formatter" ]] || { echo "format: clang-format-14 is not installed (bash scripts/install-deps.sh)" >&2; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')
else
  mapfile -t files < <(find src tests bench \( -name '*.cpp' -o -name '*.hpp' \) -not -path '*/node_modules/*' | sort)
fi
bad=()
for f in "${files[@]}"; do
  "$formatter" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  echo "format: ${#bad[@]} of ${#files[@]} files differ from .clang-format; reformat with: clang-format-14 -i FILE" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "format: ${#files[@]} files follow .clang-format"
