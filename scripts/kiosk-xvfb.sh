#!/usr/bin/env bash
# Runs `hearth --kiosk` with a sample household on a virtual X screen (Xvfb, no window manager),
# prints the kiosk window's geometry next to the screen's (they must be the same: full screen) and
# captures the screen with xwd, as a PNG (scripts/xwd-to-png.py).
#
#   scripts/kiosk-xvfb.sh [OUT_DIR]     (HEARTH=path/to/hearth, SIZE=1024x600, XVFB_DISPLAY=:97)
set -euo pipefail
out=${1:-/tmp/hearth-kiosk-xvfb}
hearth=${HEARTH:-build/dev/app/hearth}
size=${SIZE:-1024x600}
display=${XVFB_DISPLAY:-:97}
mkdir -p "$out"
data=$(mktemp -d)
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
    kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
    rm -rf "$data"
}
trap cleanup EXIT
export DISPLAY=$display
export DBUS_SESSION_BUS_ADDRESS="unix:path=$data/no-bus" # never the machine's own session bus
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
QT_QPA_PLATFORM=xcb "$hearth" --kiosk --demo --data "$data" >"$out/hearth.log" 2>&1 &
app=$!
window=
for _ in $(seq 100); do
    window=$(xwininfo -root -tree | grep -m1 '"Hearth"' || true)
    [ -n "$window" ] && break
    sleep 0.1
done
[ -n "$window" ] || { echo "kiosk-xvfb: no Hearth window appeared" >&2; cat "$out/hearth.log" >&2; exit 1; }
sleep 2 # let it paint
id=$(echo "$window" | awk '{print $1}')
echo "screen: $(xdpyinfo | awk '/dimensions:/ {print $2}')"
echo "kiosk:  $(xwininfo -id "$id" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}') \
at $(xwininfo -id "$id" | awk '/Absolute upper-left X:/ {x=$4} /Absolute upper-left Y:/ {y=$4} END {print x "," y}')"
xwd -root -silent -out "$out/kiosk.xwd"
python3 "$(dirname "$0")/xwd-to-png.py" "$out/kiosk.xwd" "$out/kiosk-xvfb.png"
echo "$out/kiosk-xvfb.png"
