#!/usr/bin/env bash
# Builds the benchmarks in a Release tree and runs them all; prints every figure and a summary.
#
#   bench/run.sh                      # build/bench, 10 runs per figure, 10,000 updates
#   RUNS=20 UPDATES=20000 bench/run.sh
#   WAIT_IDLE=1800 bench/run.sh       # first wait up to 30 min for a 1-minute load below LOAD_MAX
#
# Environment: BUILD_DIR (default <repo>/build/bench), RUNS, UPDATES, HEARTH_BENCH_CACHE (where the
# generated stores are kept; default <BUILD_DIR>/bench/cache), WAIT_IDLE (seconds, default 0),
# LOAD_MAX (default 0.7), LOG (default <BUILD_DIR>/bench/results-<date>.log), RECEIPTS and
# OCR_ROUNDS (bench_receipt_ocr: 20 generated receipts, 3 rounds).
# The benchmarks print figures and never fail on time; a non-zero exit means a check failed
# (a model reset, a missing dataChanged, a rejected update) or a run did not complete.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$repo/build/bench}
runs=${RUNS:-10}
updates=${UPDATES:-10000}
wait_idle=${WAIT_IDLE:-0}
load_max=${LOAD_MAX:-0.7}

generator=()
if [[ ! -f $build/CMakeCache.txt ]] && command -v ninja >/dev/null; then
    generator=(-G Ninja)
fi
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$repo" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DHEARTH_WERROR=ON \
    -DHEARTH_BUILD_BENCH=ON "${launcher[@]}" >/dev/null
cmake --build "$build" --target benchmarks

bin=$build/bench
log=${LOG:-$bin/results-$(date +%Y%m%d-%H%M%S).log}

load1() { cut -d' ' -f1 /proc/loadavg; }
if (( wait_idle > 0 )); then
    waited=0
    while awk -v l="$(load1)" -v m="$load_max" 'BEGIN { exit !(l >= m) }' && (( waited < wait_idle )); do
        echo "waiting for the machine to calm down: load $(load1) (want < $load_max), ${waited}s of ${wait_idle}s" >&2
        sleep 30
        waited=$((waited + 30))
    done
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$log"

status=0
run() {
    echo "\$ $*" | tee -a "$log"
    "$@" 2>&1 | tee -a "$log" || status=1
    echo | tee -a "$log"
}
run "$bin/bench_pantry_load" --runs "$runs"
run "$bin/bench_model_update" --updates "$updates"
run "$bin/bench_startup" --runs "$runs"
run "$bin/bench_receipt_ocr" --receipts "${RECEIPTS:-20}" --rounds "${OCR_ROUNDS:-3}"
run "$bin/bench_bank_import" --runs 5
run "$bin/bench_batch" --rounds 5
run "$bin/bench_storm" --rounds 3

echo "== Summary (median; min..max; p90/p99 where it matters) — full log: $log"
grep '^RESULT' "$log" | grep -v 'startup\.phase\.\|\.reload \|\.accuracy ' | awk '{
    key = $2
    for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%-42s %10s %-3s  %10s..%-10s p90 %-10s p99 %-10s target %-4s %s\n",
        key, v["median"], v["unit"], v["min"], v["max"], v["p90"], v["p99"], v["target"], v["verdict"]
}'
grep '^RESULT receipt_ocr\.accuracy' "$log" || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
