#!/usr/bin/env bash
# Installs what Hearth needs to build, run and test on Debian 12, skipping what is already there.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-websockets-dev qt6-charts-dev
    qt6-svg-dev libqt6svg6 qt6-qpa-plugins libgl-dev qt6-tools-dev qt6-l10n-tools
    libjwt-dev libssl-dev libsqlite3-dev qtkeychain-qt6-dev libqrencode-dev
    fonts-dejavu-core
    clang-14 libclang-rt-14-dev llvm-14 # scripts/fuzz.sh: libFuzzer, ASan + UBSan, llvm-symbolizer
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: everything Hearth needs is installed"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        echo "install-deps: these packages are missing and installing them needs root: ${missing[*]}" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
