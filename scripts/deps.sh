#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages the build and the test suite need and that are missing.
set -euo pipefail
packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools
    python3-httpbin  # the real server the integration tests run against
    curl             # the reference client of the benchmarks
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "Installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The tests use the name "localhost" for a second origin and for HSTS (which ignores IP literals). A
# debootstrapped system has no /etc/hosts, so the name may not resolve there: add the standard entry.
if ! getent hosts localhost >/dev/null; then
    echo "localhost does not resolve: adding '127.0.0.1 localhost' to /etc/hosts"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo '127.0.0.1 localhost' | $sudo tee -a /etc/hosts >/dev/null
fi
