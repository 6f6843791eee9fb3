#!/usr/bin/env bash
# Renders every page and every dialog with the demo household (offscreen) into docs/images, for the
# README: at 1366×768 (a desktop: <page>.png, dialog-<id>.png, the names the README uses) and at
# 1024×600 (a kitchen tablet: the same names ending in -1024x600), plus the dashboard in dark.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target hearth-render
QT_QPA_PLATFORM=offscreen build/release/app/hearth-render --dark --sizes 1366x768,1024x600 docs/images
