#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages the build and the test suite need and that are missing
# (and those named as arguments).
set -euo pipefail
packages=(
    cmake ninja-build g++ pkg-config clang-format
    qt6-base-dev qt6-base-dev-tools
    zlib1g-dev libbrotli-dev libzstd-dev  # the browser profile decodes gzip/deflate, br and zstd bodies
    libnghttp2-dev  # HTTP/2 to servers that choose h2 (the relay's client, the tests' h2 server)
    qt6-httpserver-dev  # the redirect sandbox (rwbsandbox: QAbstractHttpServer)
    qt6-websockets-dev  # Qt6HttpServerConfig.cmake needs it, but Debian's qt6-httpserver-dev does not depend on it
    fonts-dejavu-core  # the window and its test pictures need a font even on a bare system
    python3-httpbin  # real servers the integration tests run against
    nginx-light
    tinyproxy        # a real HTTP proxy for the proxy tests (tst_engine_proxy)
    openssl          # the TLS tests make a CA and certificates of their own (tests/support/testpki.h)
    curl             # the reference client of the benchmarks
    libxml2-utils  # xmllint for the JUnit schema check
    nodejs npm       # tst_traceexport validates its HAR exports with the npm package har-validator
    dpkg-dev file librsvg2-bin groff-base  # the .deb (CPack, dpkg-shlibdeps, file), its icons and man pages
    desktop-file-utils appstream      # scripts/package-check.sh validates the .desktop and metainfo files
)
packages+=("$@")  # more, named by the caller (scripts/test.sh's fallback for har-validator)
# A package counts as there when installed, or when an installed package provides it (NodeSource's
# nodejs provides npm and conflicts with Debian's npm: installing that would replace the machine's Node.js).
provided=$(dpkg-query -W -f='${Status}|${Provides}\n' 2>/dev/null | sed -n 's/^install ok installed|//p' \
    | tr ',' '\n' | sed -e 's/(.*)//' -e 's/ //g')
present() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' && return 0
    grep -qx -- "$1" <<<"$provided"
}
missing=()
for p in "${packages[@]}"; do
    present "$p" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "Installing: ${missing[*]}"
    $sudo apt-get update -qq
    # The tests start their own nginx on a free port: keep the packages' services from starting (a
    # policy-rc.d answering 101 is Debian's way), unless the machine already has a policy of its own.
    policy=/usr/sbin/policy-rc.d
    own_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
        $sudo chmod 755 "$policy"
        own_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || status=$?
    [ "$own_policy" = 1 ] && $sudo rm -f "$policy"
    [ "${status:-0}" = 0 ] || exit "$status"
fi

# The tests use the name "localhost" for a second origin and for HSTS (which ignores IP literals). A
# debootstrapped system has no /etc/hosts, so the name may not resolve there: add the standard entry.
if ! getent hosts localhost >/dev/null; then
    echo "localhost does not resolve: adding '127.0.0.1 localhost' to /etc/hosts"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo '127.0.0.1 localhost' | $sudo tee -a /etc/hosts >/dev/null
fi
