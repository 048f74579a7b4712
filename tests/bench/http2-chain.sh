#!/usr/bin/env bash
# HTTP/2 benchmark (not a test: never registered with ctest, CI does not run it).
#
#   tests/bench/http2-chain.sh [RWB]
#
# RWB defaults to build/app/cli/rwb. Environment: RUNS (default 15), HOPS (default 20).
#
# A loopback nginx (`listen 127.0.0.1:PORT ssl http2`, the test certificate of tests/support/certs) serves
# /hop/N -> 302 /hop/N+1, /hop/HOPS -> 200. `rwb trace --format json` (its default browser profile, which
# negotiates h2 as Chromium does) and `curl --http2 -sL` follow it RUNS times each, interleaved, both
# trusting the certificate with --cacert. Reported, as medians: wall time per process (start-up included),
# and the time each one gives for the chain itself (rwb: the trace's last hop end; curl: %{time_total}),
# with rwb/curl ratios (the median of the per-round ratios). Before measuring it checks that every hop of
# both went over HTTP/2. Exits 0 when measured, 1 when something could not be.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rwb=${1:-$root/build/app/cli/rwb}
runs=${RUNS:-15}
hops=${HOPS:-20}
cert=$root/tests/support/certs/localhost.crt
key=$root/tests/support/certs/localhost.key

die() { echo "http2-chain.sh: $*" >&2; exit 1; }
[[ -x $rwb ]] || die "no rwb at $rwb (build it, or pass its path)"
command -v nginx >/dev/null || die "nginx not found (Debian package nginx-light)"
command -v curl >/dev/null || die "curl not found"
curl -V | grep -qw HTTP2 || die "this curl has no HTTP/2"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

work=$(mktemp -d "${TMPDIR:-/tmp}/rwb-h2bench.XXXXXX")
nginx_pid=''
cleanup() {
    [[ -n $nginx_pid ]] && { kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/nginx/tmp"
{
    echo "worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log warn;"
    echo "events { worker_connections 64; }"
    echo "http { access_log off; absolute_redirect off; default_type text/plain;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $work/nginx/tmp/$t;"; done
    echo "  server { listen 127.0.0.1:$port ssl http2; ssl_certificate $cert; ssl_certificate_key $key;"
    for ((n = 1; n < hops; n++)); do echo "    location = /hop/$n { return 302 /hop/$((n + 1)); }"; done
    printf '    location = /hop/%s { return 200 "done\\n"; }\n  }\n}\n' "$hops"
} >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>>"$work/nginx/error.log" &
nginx_pid=$!
url="https://localhost:$port/hop/1"
for _ in $(seq 100); do curl -s -o /dev/null --cacert "$cert" "$url" && break; sleep 0.1; done

rwb_cmd=("$rwb" trace --format json --cacert "$cert")
curl_cmd=(curl --http2 -sL -o /dev/null --cacert "$cert")

# Checks: every hop of rwb's trace and curl's last response over HTTP/2, the whole chain followed.
"${rwb_cmd[@]}" "$url" >"$work/trace.json" || die "rwb did not end on a final response"
python3 - "$work/trace.json" "$hops" <<'EOF' || die "rwb's trace is not an all-HTTP/2 chain of $hops hops"
import json, sys
t = json.load(open(sys.argv[1]))
hops = t["hops"]
assert len(hops) == int(sys.argv[2]), len(hops)
assert all(h["response"]["httpVersion"] == "2" for h in hops)
EOF
check=$("${curl_cmd[@]}" -w '%{http_version} %{num_redirects}' "$url")
[[ $check == "2 $((hops - 1))" ]] || die "curl: '$check' (expected HTTP/2 and $((hops - 1)) redirects)"

echo "Measuring: $runs rounds of rwb and curl --http2 over $hops hops ($url) ..." >&2
for ((i = 1; i <= runs; i++)); do
    t0=$(date +%s%N)
    "${rwb_cmd[@]}" "$url" >"$work/t.json"
    t1=$(date +%s%N)
    own=$(python3 -c 'import json, sys; t = json.load(open(sys.argv[1])); print(t["hops"][-1]["timing"]["endMs"])' "$work/t.json")
    echo "$(((t1 - t0) / 1000)) $own" | awk '{ printf "%.3f %.3f\n", $1 / 1000, $2 }' >>"$work/rwb.runs"
    t0=$(date +%s%N)
    total=$("${curl_cmd[@]}" -w '%{time_total}' "$url")
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000)) $total" | awk '{ printf "%.3f %.3f\n", $1 / 1000, $2 * 1000 }' >>"$work/curl.runs"
done

median() {  # FILE COLUMN
    sort -g -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
paired() {  # COLUMN: median over rounds of rwb/curl in that column
    paste -d' ' "$work/rwb.runs" "$work/curl.runs" | awk -v c="$1" '{ print $c / $(c + 2) }' | sort -g \
        | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
echo "== $hops-hop 302 chain over HTTP/2 (TLS, ALPN h2), nginx on 127.0.0.1, $runs rounds, medians =="
printf '%-36s %12s %16s\n' client "wall ms" "chain ms (own)"
printf '%-36s %12s %16s\n' "rwb trace --format json" "$(median "$work/rwb.runs" 1)" "$(median "$work/rwb.runs" 2)"
printf '%-36s %12s %16s\n' "curl --http2 -sL" "$(median "$work/curl.runs" 1)" "$(median "$work/curl.runs" 2)"
echo "rwb/curl, wall (process start-up included): $(paired 1)"
echo "rwb/curl, the chain as each one times it:    $(paired 2)"
