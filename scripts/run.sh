#!/usr/bin/env bash
# Installs what is missing, builds, and starts Redirect Workbench with a local demo chain ready: Debian's
# httpbin runs on 127.0.0.1 while the window is open, and the window opens on a 3-hop redirect chain and
# sends it. Without a display (no DISPLAY or WAYLAND_DISPLAY) the same chain is traced with `rwb trace`
# in the three client profiles instead, so the differences still show in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)" --target rwb redirect-workbench
rwb=build/app/cli/rwb
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -m httpbin.core --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/get" && break
    sleep 0.2
done
base="http://127.0.0.1:$port"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]; then
    echo "httpbin serves $base while the window is open. Try also: $base/redirect-to?url=http://localhost:$port/anything&status_code=302 with POST, then Compare Profiles (Ctrl+Shift+Enter)."
    build/app/redirect-workbench --send "$base/redirect/3"
    exit 0
fi
echo "No display here: tracing the demo chains with rwb instead of opening the window."
demo() { echo; printf '$ rwb trace'; printf ' %q' "$@"; echo; "$rwb" trace "$@" || true; }
demo "$base/redirect/3"
for profile in browser curl strict; do
    demo --profile "$profile" -d 'name=value' -H 'Authorization: Bearer demo-token' \
        "$base/redirect-to?url=http://localhost:$port/anything&status_code=302"
done
demo "$base/redirect-to?url=file:///etc/passwd"
