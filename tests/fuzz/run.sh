#!/usr/bin/env bash
# run.sh — runs libFuzzer targets for a while each: run.sh BINDIR SECONDS TARGET...
# Each target starts from tests/fuzz/corpus/TARGET (read only) and keeps what it
# finds in BINDIR/corpus/TARGET. It prints the executions and new coverage of
# each; a crash, leak, timeout or out-of-memory leaves the input in
# tests/fuzz/crashes/ and makes the script fail. FUZZ_FLAGS adds libFuzzer flags.
set -u
cd "$(dirname "$0")/../.."
bindir=$1 seconds=$2
shift 2
mkdir -p tests/fuzz/crashes
failed=()
for t in "$@"; do
    bin=$bindir/$t
    work=$bindir/corpus/$t
    mkdir -p "$work" "tests/fuzz/corpus/$t"
    case $t in
        fuzz_tmpl|fuzz_edit) max_len=4096 ;;
        *) max_len=16384 ;;
    esac
    dict=()
    [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
    log=$bindir/$t.log
    echo "fuzz: $t for ${seconds}s (max_len $max_len)"
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$bin" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=2560 \
        -print_final_stats=1 "${dict[@]}" -artifact_prefix="tests/fuzz/crashes/$t-" \
        ${FUZZ_FLAGS:-} "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    echo "fuzz: $t: ${runs:-?} executions, coverage ${cov:-?} edges, corpus $(ls "$work" | wc -l) new inputs"
    if [ $rc -ne 0 ]; then
        failed+=("$t")
        echo "fuzz: $t FAILED (exit $rc); the input is in tests/fuzz/crashes/:"
        grep -E 'ERROR|fuzz: invariant|SUMMARY|Test unit written|^artifact_prefix' "$log" | head -20
        echo "--- last lines of $log:"
        tail -n 40 "$log"
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}"
    exit 1
fi
echo "fuzz: all targets ran without a crash"
