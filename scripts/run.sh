#!/usr/bin/env bash
# One command for a new user: install what is missing, build Hearth and hearthd, and start Hearth
# with the demo household (the demo fills a new data folder only; later starts open your own data).
# Extra arguments go to the app, e.g. scripts/run.sh --data /tmp/hearth-test
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh run
cmake --preset release >/dev/null
cmake --build --preset release --target hearth hearthd
exec build/release/app/hearth --demo "$@"
