#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang-14, ASan + UBSan) and runs each over a copy
# of its seed corpus in tests/fuzz/corpus/ for FUZZ_SECONDS (default 60) seconds. Fails on any
# crash, leak, UB report or failed property check; the input that did it is kept and printed.
#   scripts/fuzz.sh                  all targets, 60 s each
#   FUZZ_SECONDS=600 scripts/fuzz.sh protocol
#   FUZZ_SECONDS=0 scripts/fuzz.sh   only replay the seed corpus (a regression run)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(protocol mutation statements websocket)

scripts/install-deps.sh test # clang-14 and its runtime are in the test group
launcher=()
if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake --preset fuzz "${launcher[@]}" >/dev/null
cmake --build --preset fuzz --target "${targets[@]/#/fuzz_}"

# UB and leaks end the run like a crash does; symbolised stacks.
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:print_summary=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)}"

work="$(mktemp -d "${TMPDIR:-/tmp}/hearth-fuzz.XXXXXX")"
failed=()
for target in "${targets[@]}"; do
    binary="build/fuzz/tests/fuzz/fuzz_${target}"
    corpus="$work/$target/corpus"
    mkdir -p "$corpus" "$work/$target/artifacts"
    cp tests/fuzz/corpus/"$target"/* "$corpus"/ # the tree's corpus is never written to
    args=(-dict="tests/fuzz/${target}.dict" -max_len=16384 -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix="$work/$target/artifacts/")
    if [ "$seconds" -gt 0 ]; then
        args+=(-max_total_time="$seconds" "$corpus")
    else
        args+=(-runs=0 "$corpus")
    fi
    echo "fuzz: $target for ${seconds}s"
    status=0
    "$binary" "${args[@]}" >"$work/$target/log" 2>&1 || status=$?
    if [ "$status" -ne 0 ] || grep -qE "runtime error:|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)" "$work/$target/log"; then
        failed+=("$target")
        echo "fuzz: $target FAILED (exit $status); the last lines of its log:" >&2
        grep -vE '^"|# Uses: ' "$work/$target/log" | tail -n 60 >&2
        for input in "$work/$target/artifacts"/*; do
            [ -e "$input" ] || continue
            echo "fuzz: input $input, base64: $(base64 -w0 "$input")" >&2
        done
        continue
    fi
    done_line="$(grep -E '#[0-9]+[[:space:]]+(DONE|INITED)' "$work/$target/log" | tail -n 1 || true)"
    exec_per_s="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$target/log")"
    echo "fuzz: $target ok: ${done_line#*	} (average ${exec_per_s:-?} exec/s, corpus now $(ls "$corpus" | wc -l) inputs)"
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}; logs and inputs are kept in $work" >&2
    echo "fuzz: reproduce with build/fuzz/tests/fuzz/fuzz_<target> <input> (tests/fuzz/README.md)" >&2
    exit 1
fi
rm -rf "$work"
