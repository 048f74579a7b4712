#!/usr/bin/env bash
# Builds the libFuzzer targets (CMake preset "fuzz": clang 14, ASan + UBSan) and runs each for SECONDS
# (default 600) on a copy of its seed corpus, then prints per target the executions, executions per
# second, the final coverage (cov: edges, ft: features), the corpus size and whether it found anything.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]      # targets: the folders of tests/fuzz/corpus (all by default)
#
# Everything a run writes stays in a scratch folder (RWB_FUZZ_WORK, default build-fuzz/runs/TARGET): the
# growing corpus, the log, and any crash, leak or timeout input (artifacts/). At the end a few of the inputs
# that reach code the committed seeds do not (-merge=1 on edges), RWB_FUZZ_ADD of them (default 5) of at most
# 2 KiB spread from the smallest to the largest, are copied into tests/fuzz/corpus/TARGET as found-*;
# RWB_FUZZ_ADD=0 leaves the seeds alone.
# RWB_FUZZ_JOBS targets run at a time (default 1). Exit status: 0 nothing found, 1 a finding, 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
[ $# -gt 0 ] && shift
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: $0 [SECONDS] [TARGET...]" >&2
    exit 2
fi
all=()
for dir in tests/fuzz/corpus/*/; do
    all+=("$(basename "$dir")")
done
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for t in "${targets[@]}"; do
    if [ ! -d "tests/fuzz/corpus/$t" ]; then
        echo "unknown target '$t' (targets: ${all[*]})" >&2
        exit 2
    fi
done
bash scripts/deps.sh clang-14 libclang-rt-14-dev  # libFuzzer and the sanitizers' runtime
jobs=${RWB_FUZZ_JOBS:-1}
add=${RWB_FUZZ_ADD:-5}
work=${RWB_FUZZ_WORK:-build-fuzz/runs}

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${RWB_FUZZ_BUILD_JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

# Longest input per target: JSON documents need room for a few nested objects, the rest stays short.
max_len() {
    case $1 in
    session | tracejson | harimport) echo 16384 ;;
    sandboxrules | jsonreader | prettyhtml | prettyxml | prettyjson | refresh) echo 8192 ;;
    *) echo 4096 ;;
    esac
}

run() {
    local t=$1 dir=$work/$1
    rm -rf "$dir"
    mkdir -p "$dir/corpus" "$dir/artifacts" "$dir/merged"
    cp tests/fuzz/corpus/"$t"/* "$dir/corpus/"
    local dict=()
    [ -f "tests/fuzz/dict/$t.dict" ] && dict=("-dict=tests/fuzz/dict/$t.dict")
    # -timeout: one input taking 10 s is a finding (quadratic parsing); -rss_limit_mb: so is 2 GiB.
    local status=0
    "build-fuzz/tests/fuzz/fuzz_$t" "$dir/corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len="$(max_len "$t")" -print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
        >"$dir/log" 2>&1 || status=$?
    echo "$status" >"$dir/status"
    # What the run reached that the committed seeds do not: the inputs that add code (edges, not hit counts
    # or comparisons) over a copy of the seeds, the smallest first (-merge=1).
    cp tests/fuzz/corpus/"$t"/* "$dir/merged/"
    "build-fuzz/tests/fuzz/fuzz_$t" -merge=1 -use_counters=0 -use_cmp=0 -use_value_profile=0 -timeout=10 \
        -rss_limit_mb=2048 -max_len="$(max_len "$t")" "$dir/merged" "$dir/corpus" >"$dir/merge.log" 2>&1 || true
    # Up to RWB_FUZZ_ADD of them, of at most 2 KiB, spread from the smallest to the largest.
    local added=0
    if [ "$add" -gt 0 ] && [ "$status" -eq 0 ]; then
        local new=()
        mapfile -t new < <(find "$dir/merged" -type f -size -2049c -printf '%s %p\n' | sort -n \
            | while read -r size file; do [ -e "tests/fuzz/corpus/$t/${file##*/}" ] || echo "$file"; done)
        local n=${#new[@]} k=$add i file
        [ "$n" -lt "$k" ] && k=$n
        for ((i = 0; i < k; i++)); do
            file=${new[$((k > 1 ? i * (n - 1) / (k - 1) : 0))]}
            cp "$file" "tests/fuzz/corpus/$t/found-$(basename "$file" | cut -c1-12)"
            added=$((added + 1))
        done
    fi
    echo "$added" >"$dir/added"
}

summary() {
    local t=$1 dir=$work/$1
    local log=$dir/log
    local execs rate line cov ft corpus findings
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    line=$(grep -E '^#[0-9]+' "$log" | grep ' cov: ' | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$line")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$line")
    corpus=$(find "$dir/corpus" -type f | wc -l)
    findings=$(find "$dir/artifacts" -type f | wc -l)
    local verdict="nothing found"
    if [ "$findings" -gt 0 ] || [ "$(cat "$dir/status")" -ne 0 ]; then
        verdict="FOUND: $(find "$dir/artifacts" -type f -printf '%f ' ; echo) (see $log)"
    fi
    printf '%-13s execs %-11s execs/s %-7s cov %-6s ft %-7s corpus %-6s seeds added %-2s %s\n' "$t" \
        "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "$(cat "$dir/added")" "$verdict"
    [ "$verdict" = "nothing found" ]
}

running=0
for t in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
    echo "fuzzing $t for ${seconds} s (log: $work/$t/log)"
    run "$t" &
    running=$((running + 1))
done
wait

status=0
echo
for t in "${targets[@]}"; do
    summary "$t" || status=1
done
exit "$status"
