#!/usr/bin/env bash
# run.sh — the performance benchmarks of issue 6 (`make bench`; docs/performance.md says what
# each one measures and why). Instruction counts come from valgrind's callgrind, peak memory from
# /usr/bin/time -v. Not part of `make check` or CI: it takes minutes, and needs valgrind, tmux,
# dialog, whiptail and GNU time (`make bench-deps`).
#
# Usage: tests/bench/run.sh        (make bench sets the variables below)
#   AJAR_BIN       the ajar binary (default: build/ajar of this tree)
#   BENCH_BARE     the bare ncurses program built from tests/bench/bare.c (default build/bench/bare)
#   BENCH_DIR      where the callgrind files, hot-spot lists and raw results go (build/bench)
#   BENCH_OUT      the table, also printed (default: bench.txt beside BENCH_DIR)
#   BENCH_RUNS     runs of each start-up and memory measurement; the median counts (default 3)
#   BENCH_TIMEOUT  CPU seconds one callgrind run of the scale benchmark may take (default 60); a
#                  run stopped then still reports what it counted so far, as a lower bound
#   BENCH_PARTS    which benchmarks (default "startup keystroke scale memory")
# Exit status: 0 when every target is met, 1 when one is not, 2 when the benchmark could not run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
AJAR=${AJAR_BIN:-$repo/build/ajar}
BARE=${BENCH_BARE:-$repo/build/bench/bare}
dir=${BENCH_DIR:-$repo/build/bench}
runs=${BENCH_RUNS:-3}
limit=${BENCH_TIMEOUT:-60}
parts=${BENCH_PARTS:-startup keystroke scale memory}
mkdir -p "$dir" || exit 2
dir=$(cd "$dir" && pwd)
out=${BENCH_OUT:-$(dirname "$dir")/bench.txt}
results=$dir/results.tsv
TODAY=2026-11-20

die() {
    echo "bench: $*" >&2
    exit 2
}
for f in "$AJAR" "$BARE"; do
    [ -x "$f" ] || die "no program at $f (run it through 'make bench', which builds it)"
done
AJAR=$(cd "$(dirname "$AJAR")" && pwd)/$(basename "$AJAR")
BARE=$(cd "$(dirname "$BARE")" && pwd)/$(basename "$BARE")
for tool in valgrind tmux python3; do
    command -v $tool >/dev/null 2>&1 || die "$tool is not installed (make bench-deps installs it)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is not installed (make bench-deps installs GNU time)"
want() { case " $parts " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

BENCH_SIZE=100x30
work=$(mktemp -d /tmp/ajar-bench.XXXXXX) || exit 2
cleanup() {
    local s
    for s in "$work"/*/tmux.sock; do
        [ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -f "$results" "$dir"/*.callgrind "$dir"/*.screen "$dir"/hotspots-*.txt
began=$SECONDS

# The pinned environment of every run (as in the end-to-end tests); newrun NAME makes a fresh
# folder with its own HOME and XDG folders and sets $run and the array $env for it.
newrun() {
    run=$work/$1
    rm -rf "$run"
    mkdir -p "$run/home" "$run/xdg/data" "$run/xdg/config"
    env=(PATH=/usr/local/bin:/usr/bin:/bin HOME="$run/home" XDG_DATA_HOME="$run/xdg/data"
        XDG_CONFIG_HOME="$run/xdg/config" LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
        AJAR_TODAY="$TODAY" AJAR_DATA_DIR="$repo")
}

# record KEY VALUE [NOTE]: one result, for report.py.
record() {
    printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >>"$results"
}

# ir FILE: the total instructions callgrind counted (its totals: line).
ir() {
    sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$1" | head -n 1
}

# median N...: the middle value (the lower middle of an even count).
median() {
    printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"
}

# The typical draft: examples/offer-warm.json (three contacts, every step answered).
typical() {
    cp "$repo/examples/offer-warm.json" "$1"
}

# in_tmux READY KEY COMMAND...: runs COMMAND in a detached tmux session of $BENCH_SIZE (TERM
# xterm-256color) in $run, waits until the pane shows READY (the last thing of the program's
# first frame), sends KEY (tmux send-keys syntax), and waits for COMMAND to end. Fails, saying
# why, if READY does not show or COMMAND does not end or ends with a failure.
in_tmux() {
    local ready=$1 key=$2 sock=$run/tmux.sock deadline
    shift 2
    # BENCH_PAUSE: seconds to wait between the frame and the key (a user who reads first);
    # BENCH_SIZE: the terminal, COLSxROWS (100x30 unless said)
    cat >"$run/tmux.conf" <<'EOF'
set -g default-terminal xterm-256color
set -g default-shell /bin/sh
set -g status off
set -g escape-time 10
set -g remain-on-exit on
EOF
    {
        printf 'cd %q || exit 1\nexport TERM=xterm-256color\n' "$run"
        printf '%q ' "$@"
        printf '2>stderr\necho $? >status.tmp && mv status.tmp status\n'
    } >"$run/pane.sh"
    env -i "${env[@]}" tmux -u -S "$sock" -f "$run/tmux.conf" \
        new-session -d -s bench -x "${BENCH_SIZE%x*}" -y "${BENCH_SIZE#*x}" "bash $run/pane.sh" || return 1
    deadline=$((SECONDS + 60))
    until tmux -S "$sock" capture-pane -p -t bench 2>/dev/null | grep -qF -- "$ready"; do
        if [ -e "$run/status" ] || [ $SECONDS -ge $deadline ]; then
            echo "'$ready' never showed on the screen of: $*" >&2
            tmux -S "$sock" capture-pane -p -t bench 2>/dev/null | sed 's/^/     | /' | head -n 30 >&2
            sed 's/^/     | /' "$run/stderr" 2>/dev/null | head -n 10 >&2
            tmux -S "$sock" kill-server 2>/dev/null
            return 1
        fi
        sleep 0.01
    done
    tmux -S "$sock" capture-pane -p -t bench >"$run/screen.txt" 2>/dev/null
    [ -n "${BENCH_PAUSE:-}" ] && sleep "$BENCH_PAUSE"
    tmux -S "$sock" send-keys -t bench "$key"
    deadline=$((SECONDS + 60))
    until [ -e "$run/status" ]; do
        if [ $SECONDS -ge $deadline ]; then
            echo "did not end after the key $key: $*" >&2
            tmux -S "$sock" kill-server 2>/dev/null
            return 1
        fi
        sleep 0.01
    done
    tmux -S "$sock" kill-server 2>/dev/null
    if [ "$(cat "$run/status")" != 0 ]; then
        echo "exited with status $(cat "$run/status"): $*" >&2
        sed 's/^/     | /' "$run/stderr" | head -n 10 >&2
        return 1
    fi
}

# The four programs of the start-up and memory benchmarks: NAME, the text of the last thing
# each draws in its first frame, its quit key, its command line (run in $run).
PROGS=(bare ajar dialog whiptail)
declare -A READY=([bare]="press any key" [ajar]="Ctrl-Q quit" [dialog]="<  OK  >" [whiptail]="<Ok>")
declare -A QUIT=([bare]=q [ajar]=C-q [dialog]=Enter [whiptail]=Enter)
prog_cmd() {
    case $1 in
    bare) cmd=("$BARE") ;;
    ajar)
        typical "$run/d.json"
        cmd=("$AJAR" d.json)
        ;;
    dialog) cmd=(dialog --msgbox Hello 10 40) ;;
    whiptail) cmd=(whiptail --msgbox Hello 10 40) ;;
    esac
}
installed() {
    case $1 in dialog | whiptail) command -v "$1" >/dev/null 2>&1 ;; *) return 0 ;; esac
}

# ---- 1. start-up: instructions from exec to the first full frame to quit, in tmux ---------------
if want startup; then
    for p in "${PROGS[@]}"; do
        if ! installed "$p"; then
            echo "start-up: $p is not installed (make bench-deps): left out" >&2
            record "startup.$p" "" "not installed"
            continue
        fi
        counts=()
        for i in $(seq "$runs"); do
            newrun "startup-$p-$i"
            prog_cmd "$p"
            if ! in_tmux "${READY[$p]}" "${QUIT[$p]}" valgrind --tool=callgrind \
                --log-file="$run/valgrind.log" --callgrind-out-file="$run/callgrind.out" "${cmd[@]}"; then
                die "start-up of $p could not be measured"
            fi
            counts+=("$(ir "$run/callgrind.out")")
            echo "start-up: $p, run $i of $runs: ${counts[-1]} instructions" >&2
        done
        m=$(median "${counts[@]}")
        note="runs: ${counts[*]}"
        if [ "$p" = ajar ]; then
            # the tone check waits for the user to pause (150 ms): the quit key comes first
            ran=0
            for i in $(seq "$runs"); do
                grep -q ajar_check_run "$work/startup-$p-$i/callgrind.out" && ran=$((ran + 1))
            done
            note="$note; the tone check ran in $ran of them"
        fi
        record "startup.$p" "$m" "$note"
        # keep the median run's profile, and the screen it quit from
        for i in $(seq "$runs"); do
            if [ "$(ir "$work/startup-$p-$i/callgrind.out")" = "$m" ]; then
                cp "$work/startup-$p-$i/callgrind.out" "$dir/startup-$p.callgrind"
                cp "$work/startup-$p-$i/screen.txt" "$dir/startup-$p.screen"
                break
            fi
        done
    done
fi

# The same start, but the user reads the screen for 2 s before quitting: the deferred work (the
# renderer and the checker opened, the letter rendered, the tone check run) is done by then.
if want startup; then
    counts=()
    for i in $(seq "$runs"); do
        newrun "startup-idle-$i"
        prog_cmd ajar
        if ! BENCH_PAUSE=2 in_tmux "${READY[ajar]}" "${QUIT[ajar]}" valgrind --tool=callgrind \
            --log-file="$run/valgrind.log" --callgrind-out-file="$run/callgrind.out" "${cmd[@]}"; then
            die "start-up of ajar with a pause could not be measured"
        fi
        grep -q ajar_check_run "$run/callgrind.out" ||
            die "the tone check did not run in the 2 s ajar was left alone"
        counts+=("$(ir "$run/callgrind.out")")
        echo "start-up: ajar left 2 s before quitting, run $i of $runs: ${counts[-1]} instructions" >&2
    done
    record "startup.ajar-idle" "$(median "${counts[@]}")" "runs: ${counts[*]}"

    # And in a terminal of 160x40, where the letter's preview is in the first frame (ajar renders
    # it before drawing), beside the bare program at that size.
    for p in bare ajar; do
        counts=()
        for i in $(seq "$runs"); do
            newrun "startup-wide-$p-$i"
            prog_cmd "$p"
            if ! BENCH_SIZE=160x40 in_tmux "${READY[$p]}" "${QUIT[$p]}" valgrind --tool=callgrind \
                --log-file="$run/valgrind.log" --callgrind-out-file="$run/callgrind.out" "${cmd[@]}"; then
                die "start-up of $p at 160x40 could not be measured"
            fi
            counts+=("$(ir "$run/callgrind.out")")
            echo "start-up at 160x40: $p, run $i of $runs: ${counts[-1]} instructions" >&2
        done
        record "startup-wide.$p" "$(median "${counts[@]}")" "runs: ${counts[*]}"
    done
fi

# ---- 2. keystroke: instructions per character typed in a text field, the preview beside it ------
# The typical draft opened at "Be appreciative", whose first question (thanks.for, a line) has the
# focus; at 160x40 the letter's preview is on screen beside the questions and follows the typing.
keystroke_draft() {
    python3 - "$repo/examples/offer-warm.json" "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["wizard"] = {"step": "appreciative"}
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
EOF
}
# keystroke_run NAME CHARS [EXTRA-SCRIPT-LINE]: a key script typing CHARS characters (no Enter);
# the script's end quits. Under callgrind unless EXTRA is given (the check run, which dumps).
keystroke_run() {
    local chars=$2 extra=${3:-}
    newrun "$1"
    keystroke_draft "$run/d.json"
    python3 -c "import sys; sys.stdout.write(('abcdefghij' * 1000)[:int(sys.argv[1])] + '\n')" \
        "$chars" >"$run/keys"
    [ -n "$extra" ] && printf '%s\n' "$extra" >>"$run/keys"
    local -a pre=()
    [ -n "$extra" ] || pre=(valgrind --tool=callgrind --log-file="$run/valgrind.log"
        --callgrind-out-file="$run/callgrind.out")
    (cd "$run" && env -i "${env[@]}" AJAR_SCRIPT=keys LINES=40 COLUMNS=160 \
        "${pre[@]}" "$AJAR" d.json </dev/null >stdout 2>stderr) || {
        echo "keystroke: ajar failed:" >&2
        cat "$run/stderr" >&2
        return 1
    }
}
if want keystroke; then
    # first, without callgrind: the letter is on screen and the characters reach the field
    keystroke_run keystroke-check 200 ':dump screen.txt' || die "keystroke benchmark could not run"
    grep -qF "The letter as it stands" "$run/screen.txt" ||
        die "keystroke: the preview is not on screen at 160x40 (see $run/screen.txt)"
    grep -qF '"for": "the two long conversations and the take-home reviewabcdefghij' "$run/d.json" ||
        die "keystroke: the typed characters did not reach thanks.for"
    for n in 0 1 200; do
        keystroke_run "keystroke-$n" "$n" || die "keystroke benchmark could not run"
        record "keystroke.$n" "$(ir "$run/callgrind.out")"
        cp "$run/callgrind.out" "$dir/keystroke-$n.callgrind"
        echo "keystroke: $n characters: $(ir "$run/callgrind.out") instructions" >&2
    done
fi

# ---- 3. scale: generated drafts with 10 to 10,000 contacts --------------------------------------
# Whole-process counts (no --toggle-collect): the fixed costs cancel out in the differences.
if want scale; then
    mkdir -p "$work/drafts"
    for n in 10 100 1000 10000; do
        python3 "$here/gen_contacts.py" "$n" "$work/drafts/c$n.json" || die "cannot generate drafts"
        record "scale.bytes.$n" "$(wc -c <"$work/drafts/c$n.json")"
    done
    for op in export-txt export-json validate set; do
        for n in 10 100 1000 10000; do
            newrun "scale-$op-$n"
            cp "$work/drafts/c$n.json" "$run/d.json"
            case $op in
            export-txt) cmd=(export d.json --what all --format txt -o - --today "$TODAY") ;;
            export-json) cmd=(export d.json --what all --format json -o - --today "$TODAY") ;;
            validate) cmd=(validate d.json) ;;
            set) cmd=(set d.json me.name=X) ;;
            esac
            if [ "$op" = set ]; then
                # a draft ajar cannot save (its indented form over 1 MiB) is no measure of saving
                cp "$run/d.json" "$run/try.json"
                if ! (cd "$run" && env -i "${env[@]}" "$AJAR" set try.json me.name=X \
                    >/dev/null 2>"$run/try.err"); then
                    echo "scale: $op, $n contacts: left out: $(tail -n 1 "$run/try.err")" >&2
                    record "scale.$op.$n" "" "ajar cannot save it: $(tail -n 1 "$run/try.err")"
                    continue
                fi
            fi
            t0=$SECONDS
            # the limit is on CPU time (SIGXCPU, which callgrind survives long enough to write its
            # counts), so that a busy machine does not lower the count; wall time is a safety net
            (cd "$run" && ulimit -S -t "$limit" && env -i "${env[@]}" timeout -s TERM $((limit * 3)) \
                valgrind --tool=callgrind --log-file="$run/valgrind.log" \
                --callgrind-out-file="$run/callgrind.out" \
                "$AJAR" "${cmd[@]}" </dev/null >/dev/null 2>"$run/stderr")
            status=$?
            secs=$((SECONDS - t0))
            note="${secs} s"
            if [ $status = 152 ] || [ $status = 124 ]; then
                note="stopped, ${limit} s CPU"
            elif [ $status != 0 ]; then
                echo "scale: ajar ${cmd[*]} failed with status $status:" >&2
                head -n 5 "$run/stderr" >&2
                die "scale benchmark could not run"
            fi
            count=$(ir "$run/callgrind.out")
            record "scale.$op.$n" "$count" "$note"
            echo "scale: $op, $n contacts: $count instructions ($note)" >&2
            [ "$n" = 1000 ] && cp "$run/callgrind.out" "$dir/scale-$op-1000.callgrind"
        done
    done
fi

# ---- 4. memory: peak resident size from start to quit, in tmux ---------------------------------
if want memory; then
    for p in "${PROGS[@]}"; do
        installed "$p" || {
            record "memory.$p" "" "not installed"
            continue
        }
        sizes=()
        for i in $(seq "$runs"); do
            newrun "memory-$p-$i"
            prog_cmd "$p"
            in_tmux "${READY[$p]}" "${QUIT[$p]}" /usr/bin/time -v -o "$run/time.txt" "${cmd[@]}" ||
                die "memory of $p could not be measured"
            sizes+=("$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$run/time.txt")")
        done
        record "memory.$p" "$(median "${sizes[@]}")" "runs (KiB): ${sizes[*]}"
        echo "memory: $p: ${sizes[*]} KiB" >&2
    done
fi

# ---- the hot spots, for whoever optimises ------------------------------------------------------
for f in "$dir"/startup-ajar.callgrind "$dir"/keystroke-200.callgrind "$dir"/scale-export-txt-1000.callgrind; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .callgrind)
    python3 "$here/hotspots.py" "$f" 20 >"$dir/hotspots-$name.txt" 2>/dev/null
done

record "meta.seconds" "$((SECONDS - began))"
record "meta.runs" "$runs"
record "meta.timeout" "$limit"
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ] && commit="$commit+changes"
record "meta.commit" "$commit"
python3 "$here/report.py" "$results" "$out" "$dir/details.txt"
