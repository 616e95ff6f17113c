# lib.sh — helpers for the command-line tests (sourced by run-cli.sh inside each test's folder).
AJAR=${AJAR_BIN:?}
export XDG_DATA_HOME="$PWD/xdg" HOME="$PWD/home" AJAR_TODAY=2026-11-20 LC_ALL=C.UTF-8 TZ=UTC
unset XDG_CONFIG_HOME AJAR_SCRIPT
mkdir -p "$HOME"
FIXTURES=$(cd "$(dirname "${BASH_SOURCE[0]}")/../fixtures" && pwd)

# run CMD...: runs a command, keeping its status in $status, output in out/err files.
run() {
    set +e
    "$@" >out 2>err
    status=$?
    set -e
}

# expect_status N: the last `run` exited with N.
expect_status() {
    if [ "$status" != "$1" ]; then
        echo "expected exit status $1, got $status"; echo "stdout:"; cat out; echo "stderr:"; cat err
        return 1
    fi
}

# expect_in FILE TEXT: FILE contains TEXT (fixed string).
expect_in() {
    if ! grep -qF -- "$2" "$1"; then
        echo "expected '$1' to contain: $2"; echo "--- $1:"; cat "$1"
        return 1
    fi
}

# expect_not_in FILE TEXT
expect_not_in() {
    if grep -qF -- "$2" "$1"; then
        echo "expected '$1' not to contain: $2"; echo "--- $1:"; cat "$1"
        return 1
    fi
}

# same_file A B: byte-identical.
same_file() {
    if ! cmp -s "$1" "$2"; then
        echo "files differ: $1 $2"; diff "$1" "$2" | head -20
        return 1
    fi
}

# no_temp_files DIR: no leftover temporary files of a save.
no_temp_files() {
    local left
    left=$(find "$1" -maxdepth 1 -name '.*.tmp-*' | head -5)
    if [ -n "$left" ]; then
        echo "temporary files left behind: $left"
        return 1
    fi
}

# failio SPEC CMD...: runs CMD with the fault-injection shim preloaded.
failio() {
    local spec=$1; shift
    run env LD_PRELOAD="${AJAR_FAILIO:?}" FAILIO_FAIL="$spec" FAILIO_PATH="${FAILIO_PATH:-.json}" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" "$@"
}
