#!/usr/bin/env bash
# verify_unit.sh UNIT_FILE: `systemd-analyze verify` on one unit file, failing on any complaint
# about it. verify exits 0 on some (an unknown value it ignores, say), so any line naming the unit
# counts too. Used by check_packaging.sh (the build's install tree) and scripts/check-fresh.sh (the
# unit the package installed).
set -euo pipefail
unit=$1
out=$(systemd-analyze verify "$unit" 2>&1) || { printf '%s\n' "$out" >&2; exit 1; }
if printf '%s\n' "$out" | grep -q "$(basename "$unit")"; then
    printf '%s\n' "$out" >&2
    exit 1
fi
