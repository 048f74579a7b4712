#!/usr/bin/env bash
# Installs what is missing, builds, and shows Redirect Workbench at work. Until the desktop window
# exists, it traces a local demo chain (Debian's httpbin on 127.0.0.1) with `rwb trace` in the three
# client profiles, so the differences between a browser, curl and a strict client are visible.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)" --target rwb
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
demo() { echo; printf '$ rwb trace'; printf ' %q' "$@"; echo; "$rwb" trace "$@" || true; }
demo "$base/redirect/3"
for profile in browser curl strict; do
    demo --profile "$profile" -d 'name=value' -H 'Authorization: Bearer demo-token' \
        "$base/redirect-to?url=http://localhost:$port/anything&status_code=302"
done
demo "$base/redirect-to?url=file:///etc/passwd"
