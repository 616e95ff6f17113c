#!/usr/bin/env bash
# run-cli.sh — runs the command-line test files: every function named test_* in each file given.
# Each test runs in a subshell with `set -e` inside a fresh temporary folder; the last line is
# "cli: N passed, N failed". Needs AJAR_BIN (the ajar binary) and AJAR_FAILIO (the fault shim).
set -u
: "${AJAR_BIN:?set AJAR_BIN to the ajar binary}"
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
failures=()
for file in "$@"; do
    file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
    for name in $(cd "${TMPDIR:-/tmp}" && bash -c "HOME=/nonexistent; source '$file'; declare -F" | awk '{print $3}' | grep '^test_'); do
        work=$(mktemp -d "${TMPDIR:-/tmp}/ajar-cli.XXXXXX")
        chmod 755 "$work"
        log="$work/.log"
        # A separate bash, so that `set -e` is in force (an `if` condition would switch it off).
        bash -c 'cd "$1" && source "$2" && source "$3" && set -e && "$4"' test "$work" "$here/cli/lib.sh" "$file" "$name" >"$log" 2>&1
        if [ $? -eq 0 ]; then
            passed=$((passed + 1))
            echo "ok   $(basename "$file" .sh) $name"
        else
            failed=$((failed + 1))
            failures+=("$(basename "$file" .sh) $name")
            echo "FAIL $(basename "$file" .sh) $name"
            sed 's/^/     | /' "$log" | tail -n 25
        fi
        chmod -R u+rwX "$work" 2>/dev/null
        rm -rf "$work"
    done
done
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
