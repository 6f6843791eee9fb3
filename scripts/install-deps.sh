#!/usr/bin/env bash
# Installs what Hearth needs on Debian 12, skipping what is already there.
#
#   scripts/install-deps.sh [GROUP...]     (no group: run)
#
#   run      build and start the app and hearthd (scripts/run.sh)
#   test     run + the test suite, its validators and the fuzzers (scripts/test.sh)
#   package  run + what builds and checks the .deb packages (scripts/package.sh)
#   fresh    what scripts/check-fresh.sh needs on the host to make fresh Debian 12 roots
#
# Every package is named here and nowhere else, so a fresh machine gets exactly this list
# (scripts/check-fresh.sh proves it on every CI run).
set -euo pipefail

# Build and run: compilers, Qt and the libraries Hearth links.
run_packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-websockets-dev qt6-charts-dev
    libqt6opengl6-dev # Qt6Charts' CMake package needs Qt6OpenGLConfig.cmake
    qt6-svg-dev libqt6svg6 qt6-qpa-plugins libgl-dev qt6-tools-dev qt6-l10n-tools
    libjwt-dev libssl-dev libsqlite3-dev qtkeychain-qt6-dev libqrencode-dev
    help2man # the man pages are made from --help at build time, so they cannot drift from it
    fonts-dejavu-core
    # Receipts: Tesseract's C++ API with English and the languages of the households we expect
    # (chosen from the household's locale where present), Poppler's Qt 6 binding for PDF scans.
    libtesseract-dev tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa
    tesseract-ocr-ita tesseract-ocr-nld libpoppler-qt6-dev
    libofx-dev # bank statements: OFX/QFX
)
# Tests: the fuzzers (libFuzzer, ASan + UBSan, llvm-symbolizer) and the packaging validators.
test_packages=(
    clang-14 libclang-rt-14-dev llvm-14
    desktop-file-utils appstream systemd man-db file # tests/packaging
    # DNS-SD tests (tst_discovery): network namespaces with their own system bus and Avahi daemon;
    # dbus-daemon also gives the notification tests a private session bus (tests/support/PrivateSessionBus.h).
    avahi-daemon iproute2 dbus-daemon
    # Lossy and partitioned links (tst_hearthd_netlinks): nft rules inside the test's own namespaces
    # (the kernel has no netem). Its service is not enabled on install, so the machine's rules stay as they are.
    nftables
    xvfb x11-apps # scripts/kiosk-xvfb.sh and tst_kioskxvfb: hearth --kiosk on a virtual screen, captured with xwd
)
# Packages whose install would start a daemon in this machine's network: avahi-daemon would send
# multicast on the real interfaces. Only the tests start it, inside namespaces they make.
daemon_packages=(avahi-daemon)
# Packages: dpkg-shlibdeps (dpkg-dev, in build-essential) needs `file` to find the binaries;
# lintian checks what was built.
package_packages=(file lintian)
# Fresh roots for scripts/check-fresh.sh.
fresh_packages=(mmdebstrap)

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(run)
packages=()
for group in "${groups[@]}"; do
    case "$group" in
        run) packages+=("${run_packages[@]}") ;;
        test) packages+=("${run_packages[@]}" "${test_packages[@]}") ;;
        package) packages+=("${run_packages[@]}" "${package_packages[@]}") ;;
        fresh) packages+=("${fresh_packages[@]}") ;;
        *) echo "install-deps: unknown group \"$group\" (run, test, package or fresh)" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: everything Hearth needs for ${groups[*]} is installed"
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
log=$(mktemp)
# A policy-rc.d that answers 101 ("action forbidden") stops the packages' scripts from starting
# their daemons; it is removed afterwards, and one that was already there is left as it was.
policy=/usr/sbin/policy-rc.d
own_policy=""
for p in "${missing[@]}"; do
    for d in "${daemon_packages[@]}"; do
        if [ "$p" = "$d" ] && [ ! -e "$policy" ]; then own_policy=yes; fi
    done
done
cleanup() {
    rm -f "$log"
    if [ -n "$own_policy" ]; then $sudo rm -f "$policy"; fi
}
trap cleanup EXIT
if [ -n "$own_policy" ]; then
    printf '#!/bin/sh\n# install-deps.sh: no daemon starts while Hearth installs packages\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
fi
if ! $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    echo "install-deps: apt-get could not install: ${missing[*]}" >&2
    exit 1
fi
for d in "${daemon_packages[@]}"; do
    if pgrep -x "$d" >/dev/null 2>&1; then
        echo "install-deps: $d is running after the install; stop it (the tests start their own in namespaces)" >&2
        exit 1
    fi
done
echo "install-deps: done"
