#!/usr/bin/env bash
# Builds the Debian package from a configured build directory and checks it: the files it must hold
# (executables, .desktop, AppStream metainfo, icons, man pages) and nothing that must not be there,
# its Depends (the Qt 6 libraries and the package with the xcb platform plugin), that apt can install it
# (a dry run), the desktop-file and AppStream validators on the packaged copies, the man pages, and both
# executables' --version and --help run from the unpacked package.
#   bash scripts/package-check.sh [BUILD_DIR]      (default: build, the "default" preset)
# Builds only what the package needs; CMAKE_BUILD_PARALLEL_LEVEL sets the build's jobs as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
app_id=io.github.redirectworkbench.RedirectWorkbench

failures=0
fail() { echo "package-check: FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "package-check: ok: $*"; }

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
arch=$(dpkg --print-architecture)
deb="$build/redirect-workbench_${version}_${arch}.deb"

cmake --build "$build" --target rwb redirect-workbench rwb_icons rwb_man_pages
rm -f "$deb"
if ! (cd "$build" && cpack -G DEB --config CPackConfig.cmake >"$build/package-check-cpack.log" 2>&1) \
    || [ ! -f "$deb" ]; then
    cat "$build/package-check-cpack.log" >&2
    echo "package-check: FAIL: cpack wrote no $deb" >&2
    exit 1
fi
ok "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# Contents.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
expected=(
    ./usr/bin/redirect-workbench
    ./usr/bin/rwb
    "./usr/share/applications/$app_id.desktop"
    "./usr/share/metainfo/$app_id.metainfo.xml"
    "./usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    ./usr/share/man/man1/rwb.1.gz
    ./usr/share/man/man1/redirect-workbench.1.gz
)
for size in 16 32 48 64 128 256; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
    grep -qxF -- "$path" <<<"$contents" || fail "$path is not in the package"
done
ok "${#expected[@]} expected files are in the package"
# Tests, benchmarks, static libraries and headers stay out.
unwanted=$(grep -E '/tst_|/bench_|\.a$|/include/|/lib/' <<<"$contents" || true)
[ -z "$unwanted" ] || fail "files that must not be installed: $unwanted"

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
dpkg-deb -x "$deb" "$tree"

# Depends: dpkg-shlibdeps must have turned every Qt 6 library the executables link into a dependency,
# and the package holding the xcb platform plugin (libqt6gui6 on Debian 12) must be among them.
depends=$(dpkg-deb -f "$deb" Depends)
echo "package-check: Depends: $depends"
depends_names=$(tr ',|' '\n' <<<"$depends" | sed -e 's/(.*)//' -e 's/ //g')
qt_packages=(libqt6core6 libqt6network6 libqt6gui6 libqt6widgets6)
for lib in $(objdump -p "$tree/usr/bin/rwb" "$tree/usr/bin/redirect-workbench" \
    | awk '$1 == "NEEDED" && $2 ~ /^libQt6/ {print $2}' | sort -u); do
    package=$({ dpkg -S "*/$lib" 2>/dev/null || true; } | awk -F: 'NR == 1 {print $1}')
    [ -n "$package" ] && qt_packages+=("$package") || fail "no installed package holds $lib"
done
xcb_package=$({ dpkg -S '*/qt6/plugins/platforms/libqxcb.so' 2>/dev/null || true; } | awk -F: 'NR == 1 {print $1}')
qt_packages+=("${xcb_package:-libqt6gui6}")
for package in $(printf '%s\n' "${qt_packages[@]}" | sort -u); do
    grep -qxF -- "$package" <<<"$depends_names" || fail "Depends has no $package"
done
ok "Depends has the Qt 6 libraries ($(printf '%s\n' "${qt_packages[@]}" | sort -u | tr '\n' ' '| sed 's/ $//'))"

# apt can install it: every dependency resolves from the installed packages or the archive (a dry run:
# CI's machine is not changed; the README's real install is checked on a fresh Debian 12 by hand).
if apt-get install --simulate --no-install-recommends "$deb" >"$build/package-check-apt.log" 2>&1 \
    && grep -q '^Inst redirect-workbench ' "$build/package-check-apt.log"; then
    ok "apt-get install --simulate: the package and its dependencies install"
else
    fail "apt-get install --simulate: $(tail -n 5 "$build/package-check-apt.log")"
fi

# The unpacked package: validators, icons, man pages, executables.
desktop-file-validate "$tree/usr/share/applications/$app_id.desktop" \
    && ok "desktop-file-validate" || fail "desktop-file-validate"
appstreamcli validate --no-net "$tree/usr/share/metainfo/$app_id.metainfo.xml" \
    && ok "appstreamcli validate --no-net" || fail "appstreamcli validate --no-net"
for size in 16 32 48 64 128 256; do
    png="$tree/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    # PNG header: width and height are the big-endian words at bytes 16 and 20.
    dims=$({ od -An -tu1 -j16 -N8 "$png" 2>/dev/null || true; } | awk '{print $3*256+$4 "x" $7*256+$8}')
    [ "$dims" = "${size}x${size}" ] || fail "$(basename "$(dirname "$(dirname "$png")")") icon is ${dims:-unreadable}"
done
for page in rwb redirect-workbench; do
    warnings=$(zcat "$tree/usr/share/man/man1/$page.1.gz" | groff -ww -man -z 2>&1) \
        && [ -z "$warnings" ] && ok "man page $page.1 renders without warnings" \
        || fail "man page $page.1: $warnings"
done
# The executables, run from the unpacked tree (the window without a display: offscreen platform).
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$tree/run"
mkdir -m 700 "$tree/run"
for exe in rwb redirect-workbench; do
    missing=$(ldd "$tree/usr/bin/$exe" | grep 'not found' || true)
    [ -z "$missing" ] || fail "$exe: libraries not found: $missing"
    out=$("$tree/usr/bin/$exe" --version 2>"$tree/stderr") || true
    [ "$out" = "$exe $version" ] && ok "$exe --version: $out" \
        || fail "$exe --version printed '$out' $(cat "$tree/stderr")"
    "$tree/usr/bin/$exe" --help >/dev/null 2>"$tree/stderr" \
        && ok "$exe --help" || fail "$exe --help failed: $(cat "$tree/stderr")"
done
# The window starts: it opens, paints once and quits (the start-up benchmark's option).
out=$(HOME="$tree/home" timeout 60 "$tree/usr/bin/redirect-workbench" --quit-after-first-paint 2>"$tree/stderr") \
    && grep -q '^first-paint-epoch-ms ' <<<"$out" && ok "redirect-workbench starts and paints its window" \
    || fail "redirect-workbench did not start: $out $(cat "$tree/stderr")"

if [ "$failures" -gt 0 ]; then
    echo "package-check: $failures check(s) failed" >&2
    exit 1
fi
echo "package-check: $(basename "$deb") passed; install it with: sudo apt-get install ./${deb#"$PWD"/}"
