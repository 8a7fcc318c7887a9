#!/usr/bin/env bash
# Dependencies between the rooms of src/ run one way (docs/architecture.md,
# "Dependencies run one way"): a room includes headers of the rooms below it,
# and of a module only that module's one public header (plus the monitor's
# indicators.hpp). Fails listing every include that breaks the rule.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$root/src"
grep -rnoE --include='*.hpp' --include='*.cpp' '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z_]+/[^"]+"' . |
  awk '
  BEGIN {
    # The rooms each room may include from (besides itself).
    below["text"] = ""
    below["db"] = "text"
    below["charts"] = "text"
    below["http"] = "text"
    below["web"] = "http db charts text"
    split("portal monitor report survey network", mods, " ")
    for (i in mods) { below[mods[i]] = "web http db charts text"; module[mods[i]] = 1 }
    below["app"] = "web http db charts text"
    # Module headers that the app and other modules may include.
    split("portal/portal.hpp monitor/monitor.hpp monitor/indicators.hpp report/report.hpp survey/survey.hpp network/network.hpp", pub, " ")
    for (i in pub) public_header[pub[i]] = 1
    bad = 0
  }
  {
    # ./room/dir/file.cpp:LINE:#include "target"
    split($0, parts, ":")
    file = substr(parts[1], 3); line = parts[2]
    room = file; sub(/\/.*/, "", room)
    target = $0; sub(/^[^"]*"/, "", target); sub(/".*$/, "", target)
    to = target; sub(/\/.*/, "", to)
    if (to == room) next
    if (!(room in below)) { printf "src/%s: room \"%s\" is not in tests/checks/room_includes.sh\n", file, room; bad = 1; next }
    ok = index(" " below[room] " ", " " to " ") > 0
    if (!ok && (room in module || room == "app") && (target in public_header)) ok = 1
    if (!ok) {
      printf "src/%s:%s: includes \"%s\" (room %s may include: %s, and the modules\x27 public headers)\n", file, line, target, room, below[room]
      bad = 1
    }
  }
  END {
    if (bad) exit 1
    print "every include keeps to the rooms\x27 dependency rule"
  }' >&2
