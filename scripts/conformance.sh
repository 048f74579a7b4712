#!/usr/bin/env bash
# Runs the conformance runner (tests/conformance, see its README.md): scenarios played against real
# headless Chromium and real curl and against rwb on one loopback server, compared hop by hop.
# Arguments go to the runner: --client chromium|curl|all, --only NAME, --json FILE, --show NAME, --no-rwb.
# Builds nothing: rwb is $RWB, else build/app/rwb or build/app/cli/rwb. Exit 0 when every scenario agrees
# or is listed, with its reason, in tests/conformance/known-differences.json.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=tests/conformance
# playwright-core (pinned in package-lock.json) drives Chromium; the curl half needs no package.
curl_only=0
prev=""
for arg in "$@"; do
    [ "$prev" = --client ] && [ "$arg" = curl ] && curl_only=1
    prev=$arg
done
if [ "$curl_only" = 0 ] && [ ! -d "$dir/node_modules/playwright-core" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund
fi
# The differences still allowed, each with its reason, unless the caller names a file of its own.
known=(--known "$dir/known-differences.json")
for arg in "$@"; do
    [ "$arg" = --known ] && known=()
done
exec node "$dir/run.js" "${known[@]}" "$@"
