#!/usr/bin/env bash
# One command: install what is missing, build everything with warnings as errors, run all tests,
# then fuzz the message decoder, the mutation validator, the statement readers and hearthd's WebSocket
# frame parser and handshake for a bounded time (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh test
cmake --preset dev >/dev/null
cmake --build --preset dev
QT_QPA_PLATFORM=offscreen ctest --preset dev --parallel "$(nproc)" "$@"
# The four fuzzers, 60 s each (FUZZ_SECONDS=N to change, 0 to replay the corpus only).
scripts/fuzz.sh
