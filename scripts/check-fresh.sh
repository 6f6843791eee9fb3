#!/usr/bin/env bash
# Proves the README on a fresh Debian 12, so a missing install step cannot hide behind packages
# this machine already has:
#
#   1. a minimal Debian 12 root (mmdebstrap, minbase, from this machine's own apt sources; the bare
#      root is cached between runs) gets a copy of the checkout and runs the README's first
#      command, scripts/run.sh: Hearth must start with --demo (offscreen) and keep running, and
#      the hearthd it built must answer --version;
#   2. there, scripts/package.sh builds the two .deb packages and checks them with lintian;
#   3. with --tests, the README's second command, scripts/test.sh, passes there too (the fuzzers
#      replay their corpus only: FUZZ_SECONDS=0);
#   4. a second fresh root installs the packages with `apt-get install ./….deb` alone: hearthd
#      first (it must not pull in Widgets or X11), then hearth; both programs start from the
#      installed files, the Qt plugins they load at run time are there, and the installed systemd
#      unit passes `systemd-analyze verify`.
#
#   scripts/check-fresh.sh [--tests]
#
# Needs root (chroot and mounts, each run in a mount and PID namespace of its own, so nothing
# outlives the check). HEARTH_FRESH_CACHE (default /var/cache/hearth-check-fresh) keeps the bare
# root and the downloaded .deb files; HEARTH_FRESH_REBUILD=1 makes the bare root anew.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD

with_tests=0
for arg in "$@"; do
    case "$arg" in
        --tests) with_tests=1 ;;
        *) echo "usage: scripts/check-fresh.sh [--tests]" >&2; exit 2 ;;
    esac
done

if [ "$(id -u)" -ne 0 ]; then
    echo "check-fresh: needs root to make and enter Debian roots (chroot, mounts); run it with sudo" >&2
    exit 1
fi

step_name="setup"
step_started=$SECONDS
timings=()
started=$SECONDS
step() {
    finish_step
    step_name=$1
    step_started=$SECONDS
    echo "check-fresh: ── $step_name"
}
finish_step() {
    [ "$step_name" = "setup" ] || timings+=("$(printf '%5ds  %s' $((SECONDS - step_started)) "$step_name")")
}
die() {
    echo "check-fresh: FAILED in \"$step_name\": $*" >&2
    exit 1
}

work=$(mktemp -d /var/tmp/hearth-check-fresh.XXXXXX)
cleanup() {
    # The namespaces took their mounts with them; --one-file-system guards against any left.
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT
trap 'echo "check-fresh: interrupted" >&2; exit 1' INT TERM HUP # so the EXIT trap cleans up

# ── The bare root, cached under a name made from the apt sources it came from.
cache=${HEARTH_FRESH_CACHE:-/var/cache/hearth-check-fresh}
archives=$cache/archives
mkdir -p "$archives/partial"
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sources=/etc/apt/sources.list.d/debian.sources
elif [ -s /etc/apt/sources.list ]; then
    sources=/etc/apt/sources.list
else
    die "this machine has no Debian apt sources (/etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list)"
fi
base=$cache/bookworm-minbase-$(sha256sum "$sources" | cut -c1-12).tar

step "install the host's tools (scripts/install-deps.sh fresh)"
scripts/install-deps.sh fresh || die "could not install mmdebstrap on this machine"

step "bare Debian 12 root"
if [ ! -f "$base" ] || [ "${HEARTH_FRESH_REBUILD:-0}" = 1 ]; then
    echo "check-fresh: making $base with mmdebstrap from $sources (only the first run downloads it)"
    rm -f "$base.partial"
    # --format: mmdebstrap would otherwise guess the format from the name, and make a folder.
    mmdebstrap --quiet --variant=minbase --format=tar bookworm "$base.partial" "$sources" \
        || die "mmdebstrap could not make a Debian 12 root from $sources"
    mv "$base.partial" "$base"
else
    echo "check-fresh: cached $base"
fi

# make_root DIR: a new root from the cached tarball.
make_root() {
    mkdir -p "$1"
    tar -xf "$base" -C "$1" || die "cannot unpack $base"
    cp /etc/resolv.conf "$1/etc/resolv.conf"
}
# in_root DIR COMMAND: runs COMMAND with bash in DIR as a new machine would, in a mount and PID
# namespace of its own: /proc, /dev and the download cache exist only while it runs, and every
# process it started dies with it.
in_root() {
    local root=$1
    shift
    unshare --mount --pid --fork --propagation private bash -c '
        set -e
        root=$1; archives=$2; script=$3
        mount -t proc proc "$root/proc"
        mount --rbind /dev "$root/dev"
        mount -t tmpfs tmpfs "$root/dev/shm"
        mount --bind "$archives" "$root/var/cache/apt/archives"
        exec chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            QT_QPA_PLATFORM=offscreen /bin/bash -euo pipefail -c "$script"
    ' in_root "$root" "$archives" "$*"
}

# ── Root 1: the README's commands on a copy of the checkout (tracked and new files, no build/).
root1=$work/root1
step "fresh root for the README's commands"
make_root "$root1"
mkdir -p "$root1/src/hearth"
git -C "$checkout" ls-files -z --cached --others --exclude-standard \
    | (cd "$checkout" && xargs -0 tar -cf - --no-recursion --ignore-failed-read) \
    | tar -xf - -C "$root1/src/hearth" || die "cannot copy the checkout into the root"

step "README command 1: scripts/run.sh (install, build, start hearth --demo)"
# run.sh ends by exec-ing the app: wait until it is the app, let it run, then ask it to quit.
in_root "$root1" '
    cd /src/hearth
    scripts/run.sh --data /tmp/hearth-fresh > /tmp/run.log 2>&1 &
    runner=$!
    while kill -0 $runner 2>/dev/null && [ "$(readlink /proc/$runner/exe)" != /src/hearth/build/release/app/hearth ]; do
        sleep 1
    done
    if ! kill -0 $runner 2>/dev/null; then
        wait $runner && status=0 || status=$?
        tail -40 /tmp/run.log
        echo "scripts/run.sh stopped (exit $status) before starting the app" >&2
        exit 1
    fi
    echo "hearth --demo is running (pid $runner); giving it 5 s"
    sleep 5
    kill -0 $runner 2>/dev/null || { tail -40 /tmp/run.log; echo "hearth --demo exited within 5 s of starting" >&2; exit 1; }
    [ -s /tmp/hearth-fresh/hearth.db ] || { echo "hearth --demo made no household in /tmp/hearth-fresh" >&2; exit 1; }
    kill -TERM $runner
    wait $runner || true
    build/release/app/hearthd --version
' || die "see the output above"

step "scripts/package.sh (release build, two .deb packages, lintian)"
in_root "$root1" 'cd /src/hearth && scripts/package.sh' || die "see the output above"
mkdir -p "$work/debs"
cp "$root1"/src/hearth/build/release/packages/*.deb "$work/debs/" || die "package.sh made no .deb files"

if [ "$with_tests" = 1 ]; then
    # The fuzzers are built and replay their corpus; the host's own test run fuzzes for minutes.
    step "README command 2: scripts/test.sh (every test, then the fuzzers' corpus)"
    in_root "$root1" 'cd /src/hearth && FUZZ_SECONDS=0 scripts/test.sh' || die "see the output above"
fi
rm -rf --one-file-system "$root1"

# ── Root 2: the packages alone.
root2=$work/root2
step "second fresh root: apt-get install ./hearthd_*.deb"
make_root "$root2"
mkdir -p "$root2/tmp/debs"
cp "$work"/debs/*.deb "$root2/tmp/debs/"
in_root "$root2" '
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends ./tmp/debs/hearthd_*.deb > /tmp/apt.log 2>&1 \
        || { cat /tmp/apt.log; echo "apt-get could not install hearthd" >&2; exit 1; }
    for gui in libqt6widgets6 libqt6gui6 libx11-6; do
        if dpkg-query -W -f="\${Status}" $gui 2>/dev/null | grep -q "install ok installed"; then
            echo "installing hearthd pulled in $gui: the server must not depend on a GUI" >&2
            exit 1
        fi
    done
    hearthd --version
    man -w hearthd >/dev/null 2>&1 || test -f /usr/share/man/man8/hearthd.8.gz
    mkdir -p /tmp/hearthd-data
    hearthd household create --data /tmp/hearthd-data --name "Fresh Root" > /tmp/created.json
    grep -q invite_code /tmp/created.json || { cat /tmp/created.json; echo "hearthd household create printed no invite code" >&2; exit 1; }
    hearthd serve --listen 127.0.0.1:0 --data /tmp/hearthd-data > /tmp/serve.log 2>&1 &
    server=$!
    for i in $(seq 50); do grep -q "\"port\"" /tmp/serve.log && break; kill -0 $server || break; sleep 0.2; done
    grep -q "\"port\"" /tmp/serve.log || { cat /tmp/serve.log; echo "hearthd serve did not start" >&2; exit 1; }
    kill -TERM $server
    wait $server || { cat /tmp/serve.log; echo "hearthd serve did not stop cleanly on SIGTERM" >&2; exit 1; }
' || die "see the output above"
# The installed unit as it is, but for ExecStart pointing into the root, where hearthd now is (a
# bare root has no systemd of its own to verify against).
mkdir -p "$work/unit"
sed "s#^ExecStart=/usr/bin/hearthd #ExecStart=$root2/usr/bin/hearthd #" "$root2/lib/systemd/system/hearthd.service" \
    > "$work/unit/hearthd.service" || die "the hearthd package installed no /lib/systemd/system/hearthd.service"
grep -q "^ExecStart=$root2/usr/bin/hearthd " "$work/unit/hearthd.service" || die "the installed unit does not start /usr/bin/hearthd"
tests/packaging/verify_unit.sh "$work/unit/hearthd.service" \
    || die "systemd-analyze verify complained about the installed hearthd.service"

step "second fresh root: apt-get install ./hearth_*.deb, start hearth --demo"
in_root "$root2" '
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends ./tmp/debs/hearth_*.deb > /tmp/apt.log 2>&1 \
        || { cat /tmp/apt.log; echo "apt-get could not install hearth" >&2; exit 1; }
    hearth --version
    QT_DEBUG_PLUGINS=1 hearth --demo --data /tmp/hearth-installed > /tmp/hearth.log 2>&1 &
    app=$!
    sleep 5
    kill -0 $app 2>/dev/null || { tail -40 /tmp/hearth.log; echo "the installed hearth --demo exited within 5 s" >&2; exit 1; }
    [ -s /tmp/hearth-installed/hearth.db ] || { echo "the installed hearth --demo made no household" >&2; exit 1; }
    kill -TERM $app
    wait $app || true
    # The plugins no linker sees must have come with the package and loaded: platform, SQLite
    # driver, SVG icon engine; and the X11 platform must be there for a real session.
    for plugin in platforms/libqoffscreen.so sqldrivers/libqsqlite.so iconengines/libqsvgicon.so; do
        grep -q "plugins/$plugin\" loaded library" /tmp/hearth.log \
            || { grep -i "qt.core.library\|plugin" /tmp/hearth.log | tail -20; echo "hearth did not load the Qt plugin $plugin: a Depends is missing" >&2; exit 1; }
    done
    ls /usr/lib/*/qt6/plugins/platforms/libqxcb.so >/dev/null 2>&1 || { echo "no xcb platform plugin after installing hearth" >&2; exit 1; }
' || die "see the output above"
finish_step
step_name="setup"

echo
echo "check-fresh: passed in $((SECONDS - started)) s"
printf '  %s\n' "${timings[@]}"
