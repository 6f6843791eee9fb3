#!/usr/bin/env bash
# One command: install what is missing, build the release, and make the two Debian packages
# (hearth, the desktop app; hearthd, the server) in build/release/packages/, checked with lintian.
#   sudo apt-get install ./build/release/packages/hearth_*.deb ./build/release/packages/hearthd_*.deb
# See docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh package
cmake --preset release >/dev/null
cmake --build --preset release --target hearth-installables
rm -rf build/release/packages
(cd build/release && cpack -B "$PWD/packages" >/dev/null) || {
    echo "package: cpack failed; run (cd build/release && cpack --verbose) to see why" >&2
    exit 1
}
rm -rf build/release/packages/_CPack_Packages
debs=(build/release/packages/*.deb)
# lintian: errors fail the build; each warning left is explained in docs/packaging.md.
lintian --fail-on error --suppress-tags-from-file packaging/lintian-overrides.txt "${debs[@]}"
printf 'package: %s\n' "${debs[@]}"
