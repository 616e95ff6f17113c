#!/usr/bin/env bash
# run.sh — runs ajar under valgrind and fails on any memory error or definite leak.
#
#   run.sh LIST...          runs every line of each LIST file as a shell command (see
#                           commands.txt: $AJAR is ajar under valgrind, $REPO the repository;
#                           the command runs in a scratch folder)
#   run.sh -- COMMAND...    runs COMMAND once with AJAR_BIN and AJAR pointing at ajar under
#                           valgrind, so any test runner that takes its ajar from AJAR_BIN
#                           (tests/run-cli.sh, end-to-end tests in tmux) runs it under valgrind
#
# Needs AJAR_BIN (the ajar to check; an unsanitised build) and valgrind. Every ajar run writes
# its own log; afterwards each log must say "ERROR SUMMARY: 0 errors" (valgrind runs with
# --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite, so a definite leak is an
# error). A command of a LIST that exits 99 or 128 and more fails too; other statuses are the
# command's business (refusing a bad draft exits 1). VALGRIND_JOBS runs that many LIST commands
# at once (default: the number of processors). Prints the number of ajar runs checked.
set -u
: "${AJAR_BIN:?set AJAR_BIN to the ajar binary to check}"
repo=$(cd "$(dirname "$0")/../.." && pwd)
real=$(cd "$(dirname "$AJAR_BIN")" && pwd)/$(basename "$AJAR_BIN")
command -v valgrind >/dev/null || { echo "valgrind: not installed (make deps)"; exit 1; }
top=$(mktemp -d "${TMPDIR:-/tmp}/ajar-valgrind.XXXXXX")
trap 'chmod -R u+rwX "$top" 2>/dev/null; rm -rf "$top"' EXIT
logs=$top/logs
mkdir -p "$logs"
wrapper=$top/ajar
cat > "$wrapper" <<WRAP
#!/bin/sh
exec valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
    --track-origins=yes --num-callers=30 --log-file="$logs/vg.%p.log" "$real" "\$@"
WRAP
chmod +x "$wrapper"
export AJAR_DATA_DIR=${AJAR_DATA_DIR:-$repo}

failed=0
if [ "${1:-}" = "--" ]; then
    shift
    AJAR_BIN=$wrapper AJAR=$wrapper "$@"
    rc=$?
    [ $rc -eq 0 ] || { echo "valgrind: '$*' exited $rc"; failed=1; }
else
    [ $# -gt 0 ] || { echo "usage: run.sh LIST... | run.sh -- COMMAND..."; exit 2; }
    # One scratch folder per command, holding copies of the examples and fixtures.
    n=0
    while IFS= read -r line; do
        case $line in ''|'#'*) continue ;; esac
        n=$((n + 1))
        printf '%s\n' "$line" > "$top/cmd.$n"
    done < <(cat "$@")
    runone() {
        local i=$1 dir=$top/work.$1
        mkdir -p "$dir/home" "$dir/xdg"
        cp -R "$repo/examples" "$repo/tests/fixtures" "$dir/"
        (cd "$dir" && HOME=$dir/home XDG_DATA_HOME=$dir/xdg AJAR_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC \
            AJAR=$wrapper REPO=$repo timeout 300 bash "$top/cmd.$i" >"$dir/.out" 2>&1)
        echo $? > "$top/status.$i"
    }
    export -f runone
    export top wrapper repo
    seq 1 "$n" | xargs -P "${VALGRIND_JOBS:-$(nproc)}" -I{} bash -c 'runone {}'
    for i in $(seq 1 "$n"); do
        st=$(cat "$top/status.$i" 2>/dev/null || echo 255)
        if [ "$st" = 99 ] || [ "$st" -ge 124 ]; then
            echo "valgrind: FAIL (exit $st): $(cat "$top/cmd.$i")"
            tail -n 5 "$top/work.$i/.out" | sed 's/^/     | /'
            failed=1
        fi
    done
fi

runs=0
for log in "$logs"/vg.*.log; do
    [ -e "$log" ] || continue
    # A child forked to run another program (the wizard's $EDITOR) leaves a log with the
    # header only: it exec'd, and valgrind does not follow it. Nothing ran under valgrind there.
    if ! grep -q 'ERROR SUMMARY' "$log" && ! grep -qE '^==[0-9]+== +(at|by|Invalid|Conditional)' "$log" &&
        [ "$(grep -c . "$log")" -le 6 ]; then
        continue
    fi
    runs=$((runs + 1))
    if ! grep -q 'ERROR SUMMARY: 0 errors' "$log"; then
        echo "valgrind: errors in $(sed -n 's/^==[0-9]*== Command: //p' "$log" | head -1):"
        grep -E '^==[0-9]+== ' "$log" | sed -n '/Memcheck/,$p' | grep -vE 'Copyright|Using Valgrind|Command:' | head -60
        failed=1
    fi
done
echo "valgrind: $runs ajar runs checked, $([ $failed = 0 ] && echo 'no errors' || echo 'ERRORS')"
[ $runs -gt 0 ] || { echo "valgrind: no ajar ran at all"; exit 1; }
exit $failed
