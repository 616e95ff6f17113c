#!/usr/bin/env bash
# run.sh — end-to-end tests of the wizard, the tig way: a key script drives the real TUI
# (AJAR_SCRIPT, no terminal needed) and its screen dumps and files are compared with golden copies.
#
# Usage: tests/e2e/run.sh [--update] [NAME...]      (no NAME: every test)
#   AJAR_BIN   the ajar binary (default: build/ajar of this tree, else ./ajar)
#   --update   write the goldens from this run instead of comparing (tests/e2e/update.sh)
#
# A test is a folder tests/e2e/NAME/ holding
#   keys        the key script (syntax at the top of src/tui/input.c); `:dump X.screen` dumps
#               the screen, compared with NAME/X.screen. Lines "#: WORD ..." configure the run
#               (ajar reads them as comments):
#                 #: size COLSxROWS      the screen (default 100x30)
#                 #: args A...           ajar's arguments (default: d.json); "#: args" alone:
#                                        none, which opens the start screen
#                 #: status N            the expected exit status (default 0)
#                 #: env NAME=VALUE      an extra environment variable (the value may hold spaces)
#                 #: setup COMMAND       bash, in the work folder before ajar starts
#                 #: after COMMAND       bash, in the work folder after ajar ends; must succeed
#                                        ($AJAR is the binary, for `$AJAR validate d.json`)
#                 #: compare FILE [PATH] the work folder's PATH (default FILE) must equal NAME/FILE
#   in/         optional: copied into the work folder first (a starting draft in/d.json, ...)
#   *.screen    the golden screens; other golden files are named by `# compare`.
# Each test runs in a fresh folder /tmp/ajar-e2e.XXXXXX with a pinned environment
# (LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color AJAR_TODAY=2026-11-20, HOME and XDG folders inside
# it). The folder's name is written /tmp/ajar-e2e.XXXXXX in dumps and files before comparing,
# so paths on screen stay comparable (same length: truncation is the same too).
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
AJAR=${AJAR_BIN:-$repo/build/ajar}
[ -n "${AJAR_BIN:-}" ] || [ -x "$AJAR" ] || AJAR=$repo/ajar
update=0
if [ "${1:-}" = --update ]; then
    update=1
    shift
fi
if [ ! -x "$AJAR" ]; then
    echo "e2e: no ajar binary at $AJAR (build it, or set AJAR_BIN)" >&2
    exit 2
fi
AJAR=$(cd "$(dirname "$AJAR")" && pwd)/$(basename "$AJAR")

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for d in "$here"/*/; do
        [ -f "$d/keys" ] && names+=("$(basename "$d")")
    done
fi

passed=0
failed=0
failures=()

# normalise WORK FILE: the work folder's name made constant, in place.
normalise() {
    sed -i "s|$1|/tmp/ajar-e2e.XXXXXX|g" "$2"
}

# show_diff WANT GOT: a short unified diff.
show_diff() {
    diff -u --label "golden $1" --label "got" "$1" "$2" | head -n 60 | sed 's/^/     | /'
}

# run_one NAME: runs one test; prints why it failed and returns 1, or returns 0.
run_one() {
    local name=$1 dir="$here/$1" work size cols rows status=0 want_status=0
    local -a args=(d.json) envs=() setups=() afters=() compares=()
    if [ ! -f "$dir/keys" ]; then
        echo "no test named $name (no $dir/keys)"
        return 1
    fi
    size=100x30
    local line word rest
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in "#: "*) ;; *) continue ;; esac
        line=${line#\#: }
        word=${line%% *}
        [ "$word" = "$line" ] && rest="" || rest=${line#* }
        case "$word" in
        size) size=$rest ;;
        args) read -r -a args <<<"$rest" ;;
        status) want_status=$rest ;;
        env) envs+=("$rest") ;;
        setup) setups+=("$rest") ;;
        after) afters+=("$rest") ;;
        compare) compares+=("$rest") ;;
        *)
            echo "keys: unknown directive '#: $line'"
            return 1
            ;;
        esac
    done <"$dir/keys"
    cols=${size%x*}
    rows=${size#*x}
    work=$(mktemp -d /tmp/ajar-e2e.XXXXXX) || return 1
    chmod 755 "$work"
    mkdir -p "$work/home" "$work/xdg/data" "$work/xdg/config"
    [ -d "$dir/in" ] && cp -R "$dir/in/." "$work/"
    cp "$dir/keys" "$work/.keys"
    local -a environment=(
        PATH="/usr/local/bin:/usr/bin:/bin" HOME="$work/home"
        XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config"
        LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color AJAR_TODAY=2026-11-20
        AJAR_DATA_DIR="$repo" AJAR=$AJAR E2E="$dir"
    )
    local v
    for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
        [ -n "${!v:-}" ] && environment+=("$v=${!v}")
    done
    environment+=("${envs[@]}")
    local ok=1 cmd
    for cmd in "${setups[@]}"; do
        if ! (cd "$work" && env -i "${environment[@]}" bash -c "$cmd") >"$work/.setup.log" 2>&1; then
            echo "setup failed: $cmd"
            sed 's/^/     | /' "$work/.setup.log"
            ok=0
        fi
    done
    if [ $ok = 1 ]; then
        (cd "$work" && env -i "${environment[@]}" AJAR_SCRIPT=.keys LINES="$rows" COLUMNS="$cols" \
            timeout 60 "$AJAR" "${args[@]}" </dev/null >.stdout 2>.stderr)
        status=$?
        if [ "$status" != "$want_status" ]; then
            echo "ajar exited with status $status, expected $want_status"
            ok=0
        fi
        if [ -s "$work/.stdout" ] || [ -s "$work/.stderr" ]; then
            echo "ajar wrote output (it should not, in script mode):"
            cat "$work/.stdout" "$work/.stderr" | head -n 30 | sed 's/^/     | /'
            ok=0
        fi
    fi
    if [ $ok = 1 ]; then
        for cmd in "${afters[@]}"; do
            if ! (cd "$work" && env -i "${environment[@]}" bash -c "$cmd") >"$work/.after.log" 2>&1; then
                echo "after-command failed: $cmd"
                sed 's/^/     | /' "$work/.after.log" | head -n 30
                ok=0
            fi
        done
    fi
    # the files to compare: every dumped screen, and those named by `# compare`
    local -a pairs=() f
    for f in "$work"/*.screen; do
        [ -e "$f" ] && pairs+=("$(basename "$f")=$(basename "$f")")
    done
    local c gold path
    for c in "${compares[@]}"; do
        gold=${c%% *}
        [ "$gold" = "$c" ] && path=$gold || path=${c#* }
        pairs+=("$gold=$path")
    done
    if [ $ok = 1 ]; then
        local p
        for p in "${pairs[@]}"; do
            gold=${p%%=*}
            path=${p#*=}
            if [ ! -f "$work/$path" ]; then
                echo "$path was not written"
                ok=0
                continue
            fi
            normalise "$work" "$work/$path"
            if [ $update = 1 ]; then
                cp "$work/$path" "$dir/$gold"
            elif [ ! -f "$dir/$gold" ]; then
                echo "$gold has no golden copy (write it with tests/e2e/update.sh $name)"
                ok=0
            elif ! cmp -s "$dir/$gold" "$work/$path"; then
                echo "$gold differs from the golden copy:"
                show_diff "$dir/$gold" "$work/$path"
                ok=0
            fi
        done
        # a golden screen the script no longer dumps is a mistake too
        for f in "$dir"/*.screen; do
            [ -e "$f" ] || continue
            if [ ! -e "$work/$(basename "$f")" ]; then
                if [ $update = 1 ]; then
                    rm -f "$f"
                else
                    echo "$(basename "$f") was not dumped by the key script"
                    ok=0
                fi
            fi
        done
    fi
    rm -rf "$work"
    [ $ok = 1 ]
}

start=$(date +%s)
for name in "${names[@]}"; do
    if out=$(run_one "$name" 2>&1); then
        passed=$((passed + 1))
        echo "ok   $name${out:+ ($out)}"
        [ $update = 1 ] && echo "     updated tests/e2e/$name"
    else
        failed=$((failed + 1))
        failures+=("$name")
        echo "FAIL $name"
        [ -n "$out" ] && printf '%s\n' "$out" | sed 's/^\([^ ]\)/     \1/'
    fi
done
echo "e2e: $passed passed, $failed failed ($(($(date +%s) - start)) s)"
[ "$failed" -eq 0 ]
