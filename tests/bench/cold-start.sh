#!/usr/bin/env bash
# Benchmark (not a test): the window's cold start to first paint. Launches redirect-workbench with
# --quit-after-first-paint, which prints the wall-clock time of the main window's first paint event;
# the difference from the launch time is the figure. The first run warms the page cache and is dropped.
# Usage: tests/bench/cold-start.sh [path/to/redirect-workbench]   (RUNS=15 by default)
# QT_QPA_PLATFORM defaults to offscreen; run with QT_QPA_PLATFORM=xcb under Xvfb for a real window.
set -euo pipefail
app=${1:-build/app/redirect-workbench}
runs=${RUNS:-15}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
export XDG_CONFIG_HOME=$settings  # no saved window state from the user's own sessions
times=()
for i in $(seq 0 "$runs"); do
    start=$(date +%s%3N)
    painted=$("$app" --quit-after-first-paint 2>/dev/null | awk '/^first-paint-epoch-ms/ {print $2}')
    [ -n "$painted" ] || { echo "no first paint reported by $app" >&2; exit 1; }
    [ "$i" -eq 0 ] && continue
    times+=($((painted - start)))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "platform $QT_QPA_PLATFORM, $runs runs: cold start to first paint (ms): $(echo $sorted | tr '\n' ' ')"
if [ "$median" -le 400 ]; then verdict=PASS; else verdict=MISS; fi
echo "median $median ms  target <= 400 ms: $verdict"
