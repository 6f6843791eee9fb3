#!/usr/bin/env bash
# Renders every page with the demo household (offscreen) into docs/images, for the README.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target hearth-render
QT_QPA_PLATFORM=offscreen build/release/app/hearth-render --dark docs/images
