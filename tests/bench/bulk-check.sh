#!/usr/bin/env bash
# Bulk-check benchmark (issue 14; not a test: never registered with ctest, CI does not run it).
#
#   tests/bench/bulk-check.sh [RWB] [BENCH_QNAM_LOOP] [BENCH_BULK_WINDOW]
#
# RWB defaults to build/app/cli/rwb, BENCH_QNAM_LOOP to build/tests/bench/bench_qnam_loop, BENCH_BULK_WINDOW
# to build/tests/bench/bench_bulk_window. Environment: LINES (2000), PARALLEL (32), DELAY (0.02 s per
# response), RUNS (3), FAST_LINES (2000: the same over nginx without delay; 0 skips it), BIG_LINES (0:
# skipped; 100000 measures peak memory over a list that long against nginx), WINDOW_LINES (0: skipped;
# 100000: the Bulk Check window over a list that long against nginx, WINDOW_PARALLEL in flight (16, the
# window's default): how long its event loop was ever away (target: no gap over 50 ms) and its peak RSS).
#
# 1. Network-bound: slow_chain_server.py answers each response after DELAY, /slow/1 -> /slow/2 -> /slow/3
#    (200): LINES lines of 3 hops. `rwb check --parallel PARALLEL --per-host PARALLEL` (the default
#    browser profile, JSON Lines to /dev/null) against `curl --parallel --parallel-max PARALLEL -L` over
#    the same URLs (a config file), RUNS interleaved rounds; target rwb <= 1.10 x curl.
# 2. CPU-bound: the same lines against nginx on loopback (no delay): the ratio to curl, and to the floor of
#    bare QNetworkAccessManager loops at the same parallelism (bench_qnam_loop URL 10 LINES PARALLEL);
#    target rwb <= 1.25 x that floor.
# 3. Memory: BIG_LINES lines against nginx, peak RSS (/usr/bin/time); target <= 256 MiB.
# Prints medians and ratios (the median of the per-round ratios); exits 0 when measured.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rwb=${1:-$root/build/app/cli/rwb}
qnam=${2:-$root/build/tests/bench/bench_qnam_loop}
lines=${LINES:-2000}
parallel=${PARALLEL:-32}
delay=${DELAY:-0.02}
runs=${RUNS:-3}
fast_lines=${FAST_LINES:-2000}
big_lines=${BIG_LINES:-0}
window=${3:-$root/build/tests/bench/bench_bulk_window}
window_lines=${WINDOW_LINES:-0}
window_parallel=${WINDOW_PARALLEL:-16}

die() { echo "bulk-check.sh: $*" >&2; exit 1; }
[[ -x $rwb ]] || die "no rwb at $rwb"
[[ -x $qnam ]] || die "no bench_qnam_loop at $qnam (build target bench_qnam_loop)"
command -v nginx >/dev/null || die "nginx not found (Debian package nginx-light)"
command -v curl >/dev/null || die "curl not found"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (Debian package time)"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

work=$(mktemp -d "${TMPDIR:-/tmp}/rwb-bulkbench.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { echo $((($2 - $1) / 1000000)); }

# list FILE URL N / curl config FILE URL N: N times the chain's start.
make_inputs() {
    local url=$1 n=$2 name=$3 i
    : >"$work/$name.txt"
    : >"$work/$name.curl"
    for ((i = 0; i < n; i++)); do
        echo "$url" >>"$work/$name.txt"
        printf 'url = "%s"\noutput = "/dev/null"\n' "$url" >>"$work/$name.curl"
    done
}

# measure NAME: RUNS rounds of rwb then curl; prints the medians and the ratio.
measure() {
    local name=$1 i t0 t1
    : >"$work/$name.rwb"
    : >"$work/$name.curl.ms"
    for ((i = 1; i <= runs; i++)); do
        t0=$(date +%s%N)
        "$rwb" check --parallel "$parallel" --per-host "$parallel" --progress never "$work/$name.txt" \
            >/dev/null 2>"$work/err" || { [[ $? == 1 ]] || { cat "$work/err" >&2; die "rwb check failed"; }; }
        t1=$(date +%s%N)
        ms "$t0" "$t1" >>"$work/$name.rwb"
        t0=$(date +%s%N)
        curl -sL --parallel --parallel-max "$parallel" -K "$work/$name.curl" 2>/dev/null
        t1=$(date +%s%N)
        ms "$t0" "$t1" >>"$work/$name.curl.ms"
    done
    grep -q "^$(wc -l <"$work/$name.txt") lines: $(wc -l <"$work/$name.txt") passed" "$work/err" \
        || { cat "$work/err" >&2; die "rwb check did not pass every line"; }
    local r c ratio
    r=$(median <"$work/$name.rwb")
    c=$(median <"$work/$name.curl.ms")
    ratio=$(paste -d' ' "$work/$name.rwb" "$work/$name.curl.ms" | awk '{ print $1 / $2 }' | median)
    printf '%-44s %10s %10s %8s\n' "$2" "$r" "$c" "$ratio"
}

# ---- the slow server ----------------------------------------------------------------------------
python3 "$here/slow_chain_server.py" "$work/slow.port" --hops 3 --delay "$delay" --lifetime 3600 &
pids+=($!)
for _ in $(seq 100); do [[ -s $work/slow.port ]] && break; sleep 0.1; done
[[ -s $work/slow.port ]] || die "slow_chain_server.py did not start"
make_inputs "http://127.0.0.1:$(cat "$work/slow.port")/slow/1" "$lines" slow

echo "== $lines lines of 3 hops, $parallel in flight, $runs rounds, medians =="
printf '%-44s %10s %10s %8s\n' case "rwb ms" "curl ms" "rwb/curl"
measure slow "server ${delay}s per response (target <= 1.10)"

# ---- nginx ---------------------------------------------------------------------------------------
port=$(free_port)
mkdir -p "$work/nginx/tmp"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http { access_log off; absolute_redirect off; default_type text/plain; keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp/b; proxy_temp_path $work/nginx/tmp/p; fastcgi_temp_path $work/nginx/tmp/f;
  uwsgi_temp_path $work/nginx/tmp/u; scgi_temp_path $work/nginx/tmp/s;
  server { listen 127.0.0.1:$port;
    location = /slow/1 { return 302 /slow/2; } location = /slow/2 { return 302 /slow/3; }
    location = /slow/3 { return 200 "done\n"; } } }
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>>"$work/nginx/error.log" &
pids+=($!)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/slow/3" && break; sleep 0.1; done
if ((fast_lines > 0)); then
    make_inputs "http://127.0.0.1:$port/slow/1" "$fast_lines" fast
    lines=$fast_lines
    measure fast "nginx on loopback, no delay (CPU-bound)"
    : >"$work/floor.ms"
    for ((i = 1; i <= runs; i++)); do
        t0=$(date +%s%N)
        "$qnam" "http://127.0.0.1:$port/slow/1" 10 "$fast_lines" "$parallel" >/dev/null
        t1=$(date +%s%N)
        ms "$t0" "$t1" >>"$work/floor.ms"
    done
    floor=$(median <"$work/floor.ms")
    printf '%-44s %10s %10s %8s\n' "bare QNAM loops, $parallel at once (the floor)" "$floor" "" \
        "$(paste -d' ' "$work/fast.rwb" "$work/floor.ms" | awk '{ print $1 / $2 }' | median) (rwb/floor, target <= 1.25)"
fi
if ((big_lines > 0)); then
    make_inputs "http://127.0.0.1:$port/slow/1" "$big_lines" big
    /usr/bin/time -f '%M %e' -o "$work/big.time" "$rwb" check --parallel "$parallel" --per-host "$parallel" \
        --progress never "$work/big.txt" >/dev/null 2>"$work/err" || true
    read -r kib secs <"$work/big.time"
    echo "$big_lines lines against nginx: peak RSS $(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }') MiB" \
        "(target <= 256), $secs s; $(head -n1 "$work/err")"
fi
if ((window_lines > 0)); then
    [[ -x $window ]] || die "no bench_bulk_window at $window (build target bench_bulk_window)"
    make_inputs "http://127.0.0.1:$port/slow/1" "$window_lines" window
    echo "== the Bulk Check window, $window_lines lines against nginx, $window_parallel in flight =="
    QT_QPA_PLATFORM=offscreen "$window" "$work/window.txt" "$window_parallel" 2>/dev/null
fi
