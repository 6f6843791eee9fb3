#!/usr/bin/env bash
# One command: install what is missing, build everything with warnings as errors, run all tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
QT_QPA_PLATFORM=offscreen ctest --preset dev --parallel "$(nproc)" "$@"
