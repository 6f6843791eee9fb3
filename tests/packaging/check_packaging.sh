#!/usr/bin/env bash
# The packaging checks run by ctest (label "packaging"), on what `cmake --install` writes from this
# build, so they see the very files the .deb packages carry:
#
#   check_packaging.sh BUILD_DIR SOURCE_DIR CHECK
#
#   desktop    the .desktop file passes desktop-file-validate, handles hearth:// links (%u), and the
#              icon it names is installed
#              as scalable SVG and as 48, 128 and 256 px PNGs
#   appstream  the AppStream metadata passes `appstreamcli validate --pedantic`, also together with
#              the installed tree (validate-tree: the launchable .desktop file is there)
#   systemd    the installed hearthd.service passes `systemd-analyze verify`
#   man        both man pages render without a groff warning, and name every option of --help
set -euo pipefail
build=$1
source=$2
check=$3

fail() { echo "FAIL: $*" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
install_component() {
    cmake --install "$build" --component "$1" --prefix "$root/usr" >/dev/null \
        || fail "cmake --install --component $1 failed (is the build up to date?)"
}

case "$check" in
desktop)
    install_component hearth
    desktop=$root/usr/share/applications/io.hearth.Hearth.desktop
    [ -f "$desktop" ] || fail "no io.hearth.Hearth.desktop installed"
    desktop-file-validate "$desktop" || fail "desktop-file-validate refused $desktop"
    # Invite links open in Hearth: the scheme is registered and the link reaches the command line.
    grep -q '^MimeType=.*x-scheme-handler/hearth;' "$desktop" || fail "the .desktop file does not handle hearth:// links"
    grep -q '^Exec=hearth %u$' "$desktop" || fail "Exec does not pass the link (%u): $(grep ^Exec= "$desktop")"
    icon=$(sed -n 's/^Icon=//p' "$desktop")
    [ -n "$icon" ] || fail "the .desktop file names no icon"
    hicolor=$root/usr/share/icons/hicolor
    [ -f "$hicolor/scalable/apps/$icon.svg" ] || fail "no scalable icon $icon.svg"
    for size in 48 128 256; do
        png=$hicolor/${size}x${size}/apps/$icon.png
        [ -f "$png" ] || fail "no ${size}px icon $png"
        file -b "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}x${size} PNG: $(file -b "$png")"
    done
    ;;
appstream)
    appstreamcli validate --pedantic --no-net "$source/packaging/io.hearth.Hearth.metainfo.xml" \
        || fail "appstreamcli validate --pedantic refused the metainfo"
    install_component hearth
    appstreamcli validate-tree --pedantic --no-net "$root" || fail "appstreamcli validate-tree refused the installed tree"
    ;;
systemd)
    install_component hearthd
    unit=$(find "$root" -name hearthd.service)
    [ -n "$unit" ] || fail "no hearthd.service installed"
    grep -q "^ExecStart=$root/usr/bin/hearthd " "$unit" || fail "ExecStart does not follow the install prefix: $(grep ^ExecStart= "$unit")"
    "$source/tests/packaging/verify_unit.sh" "$unit" || fail "systemd-analyze verify complained about $unit"
    ;;
man)
    install_component hearth
    install_component hearthd
    for entry in hearth:1 hearthd:8; do
        program=${entry%%:*}
        page=$root/usr/share/man/man${entry##*:}/$program.${entry##*:}.gz
        [ -f "$page" ] || fail "no man page $page"
        # What lintian runs: any groff warning is a defect.
        warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null) || fail "man cannot render $page"
        [ -z "$warnings" ] || fail "groff warns about $page: $warnings"
        text=$(MANWIDTH=200 man -l "$page" 2>/dev/null | col -b)
        help=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/$program" --help 2>/dev/null)
        for option in $(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
            printf '%s\n' "$text" | grep -q -- "$option" || fail "$program.${entry##*:} does not mention $option from --help"
        done
    done
    ;;
*)
    fail "unknown check $check"
    ;;
esac
echo "ok: $check"
