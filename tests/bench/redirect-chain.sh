#!/usr/bin/env bash
# Redirect-engine benchmark (not a test: never registered with ctest, CI does not run it).
#
#   tests/bench/redirect-chain.sh [RWB] [BENCH_QNAM_LOOP]
#
# RWB defaults to build/app/cli/rwb and BENCH_QNAM_LOOP to build/tests/bench/bench_qnam_loop (both
# relative to the repository root). The script builds nothing. Environment: RUNS (default 7), HOPS
# (default 1000), SLOW_HOPS (default 10), SLOW_DELAY (seconds, default 0.02); SERVE=1 only starts
# nginx, prints the chain's URL and serves it until interrupted (for profiling by hand).
#
# 1. A loopback nginx (127.0.0.1, keep-alive, access_log off) serves a HOPS-hop chain:
#    /hop/N -> 302 Location: /hop/N+1 (a relative Location), /hop/HOPS -> 200 "done".
#    rwb trace --format json, curl -sL and bench_qnam_loop follow it RUNS times each, interleaved;
#    wall time (date +%s%N) and peak RSS (/usr/bin/time -f %M) are taken per run, medians reported.
# 2. The 20 ms chain: slow_chain_server.py (Python, threaded, HTTP/1.1 keep-alive) answers each of
#    SLOW_HOPS hops after SLOW_DELAY; rwb's total is compared with curl's.
#
# Targets (issue "Redirect engine"): rwb <= 1.25 x the bare QNAM loop on the 1,000-hop chain; rwb's
# peak memory <= 64 MiB there; rwb <= 1.05 x curl on the 20 ms chain. Prints PASS/MISS for each and
# exits 0 either way (exit 1 only when something could not be measured). Time ratios are shown both
# as the ratio of the medians and as the median of the per-round ratios (the clients run back to back
# in each round); the verdict uses the latter. On a shared machine RUNS=15 or more steadies them.
#
# rwb's JSON goes to stdout, redirected to /dev/null: serialising is measured, the file is not.
# Never "rwb trace -o /dev/null": -o writes through QSaveFile, which writes a temporary file beside
# the target and renames it over the target, so run as root it replaces the /dev/null device node
# with a regular file for the whole machine.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rwb=${1:-$root/build/app/cli/rwb}
qnam=${2:-$root/build/tests/bench/bench_qnam_loop}
runs=${RUNS:-7}
hops=${HOPS:-1000}
slow_hops=${SLOW_HOPS:-10}
slow_delay=${SLOW_DELAY:-0.02}
max_redirs=2000

die() { echo "redirect-chain.sh: $*" >&2; exit 1; }

[[ -x $rwb ]] || die "no rwb at $rwb (build it, or pass its path as the first argument)"
[[ -x $qnam ]] || die "no bench_qnam_loop at $qnam (build target bench_qnam_loop, or pass its path second)"
command -v nginx >/dev/null || die "nginx not found (Debian package nginx-light)"
command -v curl >/dev/null || die "curl not found"
command -v python3 >/dev/null || die "python3 not found"
if [[ ! -x /usr/bin/time ]]; then
    echo "installing Debian package 'time' for /usr/bin/time" >&2
    apt-get install -y -qq time >/dev/null || die "/usr/bin/time missing and 'apt-get install time' failed"
fi
(( hops >= 2 && hops < max_redirs )) || die "HOPS must be in 2..$((max_redirs - 1))"

# Everything is on loopback: no proxy may take part.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

work=$(mktemp -d "${TMPDIR:-/tmp}/rwb-bench.XXXXXX")
nginx_pid=''
slow_pid=''
cleanup() {
    local pid
    for pid in $nginx_pid $slow_pid; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() {  # URL: until it answers, 10 s at most
    local i
    for i in $(seq 100); do
        curl -s -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
    done
    return 1
}

# ---- nginx: the HOPS-hop chain -------------------------------------------------------------------
port=$(free_port)
mkdir -p "$work/nginx/tmp"
{
    echo "worker_processes 1;"
    echo "pid $work/nginx/nginx.pid;"
    echo "error_log $work/nginx/error.log warn;"
    echo "events { worker_connections 64; }"
    echo "http {"
    echo "    access_log off;"
    echo "    keepalive_timeout 60s;"
    echo "    keepalive_requests 100000;  # the default (1000) would close the connection mid-chain"
    echo "    absolute_redirect off;  # Location: /hop/N+1, resolved by the client"
    echo "    default_type text/plain;"
    for t in client_body proxy fastcgi uwsgi scgi; do
        echo "    ${t}_temp_path $work/nginx/tmp/$t;"
    done
    echo "    server {"
    echo "        listen 127.0.0.1:$port;"
    for ((n = 1; n < hops; n++)); do
        echo "        location = /hop/$n { return 302 /hop/$((n + 1)); }"
    done
    printf '        location = /hop/%s { return 200 "done\\n"; }\n' "$hops"
    echo "    }"
    echo "}"
} >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>>"$work/nginx/error.log" &
nginx_pid=$!
url="http://127.0.0.1:$port/hop/1"
wait_for "http://127.0.0.1:$port/hop/$hops" || { cat "$work/nginx/error.log" >&2; die "nginx did not start"; }
if [[ ${SERVE:-0} == 1 ]]; then  # serve the chain only (for perf/callgrind by hand) until Ctrl-C
    echo "serving $url (Ctrl-C stops)" >&2
    wait "$nginx_pid" || true
    exit 0
fi

# ---- measuring -----------------------------------------------------------------------------------
# run NAME CMD...: one run; appends "wall_ms rss_kib" to $work/NAME.runs. stdout goes to /dev/null.
run() {
    local name=$1 t0 t1 rc=0
    shift
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/time.out" "$@" >/dev/null 2>"$work/stderr" || rc=$?
    t1=$(date +%s%N)
    if ((rc != 0)); then
        cat "$work/stderr" >&2
        die "$name exited $rc: $*"
    fi
    echo "$(((t1 - t0) / 1000)) $(tail -n1 "$work/time.out")" | awk '{ printf "%.3f %d\n", $1 / 1000, $2 }' \
        >>"$work/$name.runs"
}

median() {  # FILE COLUMN
    sort -g -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
range() {  # FILE COLUMN
    sort -g -k"$2,$2" "$1" | awk -v c="$2" 'NR == 1 { lo = $c } { hi = $c } END { printf "%.1f-%.1f", lo, hi }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
# paired A B: median over rounds of (A's wall / B's wall) in the same round. The clients run
# back to back in each round, so a load change on this shared machine hits both sides of a ratio.
paired() {
    paste -d' ' "$work/$1.runs" "$work/$2.runs" | awk '{ print $1 / $3 }' | sort -g \
        | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "PASS" : "MISS" }'; }

rwb_cmd=("$rwb" trace --format json --max-redirects "$max_redirs")
curl_cmd=(curl -sL -o /dev/null --max-redirs "$max_redirs")
qnam_cmd=("$qnam")

# One untimed run each (warm-up, and a check that every client followed the whole chain).
"$rwb" trace --format json --max-redirects "$max_redirs" -o "$work/trace.json" "$url" \
    || die "rwb did not end on a final response"
rwb_hops=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["hops"]))' "$work/trace.json")
curl_hops=$(curl -sL -o /dev/null --max-redirs "$max_redirs" -w '%{num_redirects}' "$url")
curl_hops=$((curl_hops + 1))
qnam_hops=$("$qnam" "$url" "$max_redirs" | awk '{ print $1 }')
[[ $rwb_hops == "$hops" && $curl_hops == "$hops" && $qnam_hops == "$hops" ]] \
    || die "hop counts differ from $hops: rwb $rwb_hops, curl $curl_hops, bench_qnam_loop $qnam_hops"

echo "Measuring: $runs runs each of rwb, curl and bench_qnam_loop over $hops hops ($url) ..." >&2
for ((i = 1; i <= runs; i++)); do
    run rwb "${rwb_cmd[@]}" "$url"
    run curl "${curl_cmd[@]}" "$url"
    run qnam "${qnam_cmd[@]}" "$url" "$max_redirs"
done

# ---- the 20 ms chain -----------------------------------------------------------------------------
python3 "$here/slow_chain_server.py" "$work/slow.port" --hops "$slow_hops" --delay "$slow_delay" --lifetime 900 &
slow_pid=$!
for _ in $(seq 100); do [[ -s $work/slow.port ]] && break; sleep 0.1; done
[[ -s $work/slow.port ]] || die "slow_chain_server.py did not start"
slow_url="http://127.0.0.1:$(cat "$work/slow.port")/slow/1"
"$rwb" trace --format json --max-redirects "$max_redirs" -o "$work/slow.json" "$slow_url" \
    || die "rwb did not end on a final response (20 ms chain)"
slow_rwb_hops=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["hops"]))' "$work/slow.json")
[[ $slow_rwb_hops == "$slow_hops" ]] || die "rwb saw $slow_rwb_hops hops on the 20 ms chain, not $slow_hops"
echo "Measuring: $runs runs each over the $slow_hops-hop ${slow_delay}s-per-hop chain ($slow_url) ..." >&2
for ((i = 1; i <= runs; i++)); do
    run slow_rwb "${rwb_cmd[@]}" "$slow_url"
    run slow_curl "${curl_cmd[@]}" "$slow_url"
    run slow_qnam "${qnam_cmd[@]}" "$slow_url" "$max_redirs"
done

# ---- report --------------------------------------------------------------------------------------
rwb_ms=$(median "$work/rwb.runs" 1); curl_ms=$(median "$work/curl.runs" 1); qnam_ms=$(median "$work/qnam.runs" 1)
rwb_kib=$(median "$work/rwb.runs" 2); curl_kib=$(median "$work/curl.runs" 2); qnam_kib=$(median "$work/qnam.runs" 2)
rwb_mib_max=$(sort -g -k2,2 "$work/rwb.runs" | tail -n1 | awk '{ printf "%.1f", $2 / 1024 }')
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
us_per_hop() { awk -v ms="$1" -v h="$hops" 'BEGIN { printf "%.0f", ms * 1000 / h }'; }

echo
echo "== $hops-hop 302 chain, nginx on 127.0.0.1 (keep-alive), $runs runs each, medians =="
printf '%-40s %10s %12s %10s %14s\n' client "wall ms" "µs per hop" "RSS MiB" "wall ms range"
printf '%-40s %10s %12s %10s %14s\n' "rwb trace --format json" "$rwb_ms" "$(us_per_hop "$rwb_ms")" \
    "$(mib "$rwb_kib")" "$(range "$work/rwb.runs" 1)"
printf '%-40s %10s %12s %10s %14s\n' "bench_qnam_loop (bare QNAM loop)" "$qnam_ms" "$(us_per_hop "$qnam_ms")" \
    "$(mib "$qnam_kib")" "$(range "$work/qnam.runs" 1)"
printf '%-40s %10s %12s %10s %14s\n' "curl -sL" "$curl_ms" "$(us_per_hop "$curl_ms")" \
    "$(mib "$curl_kib")" "$(range "$work/curl.runs" 1)"
echo
# Verdicts use the paired ratio (steadier under shared load); the ratio of the medians is shown too.
printf '%-26s %17s %17s\n' "" "ratio of medians" "paired (median)"
r_rq=$(paired rwb qnam)
printf '%-26s %17s %17s   %s\n' "rwb / qnam" "$(ratio "$rwb_ms" "$qnam_ms")" "$r_rq" \
    "target <= 1.25: $(verdict "$r_rq" 1.25)"
printf '%-26s %17s %17s\n' "rwb / curl" "$(ratio "$rwb_ms" "$curl_ms")" "$(paired rwb curl)"
printf '%-26s %17s %17s\n' "qnam / curl" "$(ratio "$qnam_ms" "$curl_ms")" "$(paired qnam curl)"
printf '%-26s %17s %17s   %s\n' "rwb peak RSS MiB (median)" "$(mib "$rwb_kib")" "" \
    "target <= 64: $(verdict "$(mib "$rwb_kib")" 64) (worst run $rwb_mib_max MiB)"

s_rwb=$(median "$work/slow_rwb.runs" 1); s_curl=$(median "$work/slow_curl.runs" 1); s_qnam=$(median "$work/slow_qnam.runs" 1)
floor=$(awk -v h="$slow_hops" -v d="$slow_delay" 'BEGIN { printf "%.0f", h * d * 1000 }')
echo
echo "== $slow_hops-hop chain, ${slow_delay}s per hop (Python keep-alive server), $runs runs each, medians =="
echo "   (server time alone: $floor ms)"
printf '%-40s %10s %14s\n' client "wall ms" "wall ms range"
printf '%-40s %10s %14s\n' "rwb trace --format json" "$s_rwb" "$(range "$work/slow_rwb.runs" 1)"
printf '%-40s %10s %14s\n' "bench_qnam_loop" "$s_qnam" "$(range "$work/slow_qnam.runs" 1)"
printf '%-40s %10s %14s\n' "curl -sL" "$s_curl" "$(range "$work/slow_curl.runs" 1)"
s_r=$(paired slow_rwb slow_curl)
printf '%-26s %17s %17s\n' "" "ratio of medians" "paired (median)"
printf '%-26s %17s %17s   %s\n' "rwb / curl" "$(ratio "$s_rwb" "$s_curl")" "$s_r" "target <= 1.05: $(verdict "$s_r" 1.05)"
