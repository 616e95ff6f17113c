#!/usr/bin/env bash
# tmux.sh — ajar in a real terminal: tmux runs it in a detached session; keys go in with
# send-keys (and a bracketed paste with paste-buffer -p), the screen comes back with capture-pane,
# resize-window changes the size. Every test also checks that ajar gave the terminal back
# (`stty -a` after it shows icanon and echo, as before it started) and its exit status.
# Skipped, saying why, when tmux is missing or no terminal type tmux offers is known here.
#
# Usage: tests/e2e/tmux.sh [NAME...]     (AJAR_BIN as for run.sh)
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
AJAR=${AJAR_BIN:-$repo/build/ajar}
[ -n "${AJAR_BIN:-}" ] || [ -x "$AJAR" ] || AJAR=$repo/ajar
AJAR=$(cd "$(dirname "$AJAR")" && pwd)/$(basename "$AJAR")

if ! command -v tmux >/dev/null 2>&1; then
    echo "tmux: skipped: tmux is not installed (make deps installs it)"
    exit 0
fi
term=""
for t in tmux-256color screen-256color screen; do
    if infocmp "$t" >/dev/null 2>&1; then
        term=$t
        break
    fi
done
if [ -z "$term" ]; then
    echo "tmux: skipped: none of the terminal types tmux offers (tmux-256color, screen) is known"
    exit 0
fi

passed=0
failed=0
work=""
tm() { tmux -S "$work/tmux.sock" "$@"; }

# start COLS ROWS: a tmux session running ajar on $work/d.json through pane.sh.
start() {
    cat >"$work/tmux.conf" <<EOF
set -g default-terminal "$term"
set -g default-shell /bin/sh
set -g status off
set -g escape-time 10
set -g remain-on-exit on
EOF
    # The pane: the terminal's modes before and after, ajar's pid and exit status, in files.
    # No interactive shell: it would put the terminal's modes back itself and hide a failure.
    cat >"$work/pane.sh" <<'EOF'
cd "$(dirname "$0")" || exit 1
stty -a >stty.before
sh -c 'echo $$ >ajar.pid; exec "$AJAR" d.json' 2>ajar.err
echo $? >status.tmp && mv status.tmp status
stty -a >stty.after
EOF
    env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$work/home" LC_ALL=C.UTF-8 TZ=UTC \
        AJAR_TODAY=2026-11-20 AJAR_DATA_DIR="$repo" AJAR="$AJAR" \
        XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config" \
        ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} \
        tmux -u -S "$work/tmux.sock" -f "$work/tmux.conf" \
        new-session -d -s e2e -x "$1" -y "$2" "sh $work/pane.sh"
}

# screen: the pane's text now.
screen() { tm capture-pane -p -t e2e; }

# wait_for TEXT: until the pane shows TEXT (10 s at most).
wait_for() {
    local i
    for i in $(seq 100); do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    echo "the screen never showed: $1"
    echo "--- the screen:"
    screen
    return 1
}

# wait_exit STATUS: until ajar has ended, with STATUS.
wait_exit() {
    local i
    for i in $(seq 100); do
        [ -f "$work/status" ] && [ -f "$work/stty.after" ] && break
        sleep 0.1
    done
    if [ ! -f "$work/status" ]; then
        echo "ajar did not end"
        screen
        return 1
    fi
    if [ "$(cat "$work/status")" != "$1" ]; then
        echo "ajar ended with status $(cat "$work/status"), expected $1"
        cat "$work/ajar.err"
        return 1
    fi
}

# restored: the terminal has its modes back (and was in them before, or the check means nothing).
restored() {
    local f flag
    for f in before after; do
        for flag in icanon echo; do
            if ! tr ' ;' '\n\n' <"$work/stty.$f" | grep -qx "$flag"; then
                echo "stty -a $f ajar lacks $flag:"
                cat "$work/stty.$f"
                return 1
            fi
        done
    done
    if ! diff <(tr ' ;' '\n\n' <"$work/stty.before" | grep -v '^$' | sort) \
        <(tr ' ;' '\n\n' <"$work/stty.after" | grep -v '^$' | sort) >/dev/null; then
        echo "the terminal's modes differ after ajar:"
        diff "$work/stty.before" "$work/stty.after"
        return 1
    fi
}

# same_as_script KEYS: the pane shows what a key-script run of KEYS on a new draft dumps (the
# test mode draws the same screen as a terminal).
same_as_script() {
    local dir="$work/script"
    rm -rf "$dir" && mkdir -p "$dir"
    printf '%s\n:dump screen\n' "$1" >"$dir/keys"
    (cd "$dir" && env -i PATH=/usr/bin:/bin HOME="$work/home" LC_ALL=C.UTF-8 TZ=UTC \
        TERM=xterm-256color AJAR_TODAY=2026-11-20 AJAR_DATA_DIR="$repo" AJAR_SCRIPT=keys \
        LINES="$(tm display -p -t e2e '#{pane_height}')" COLUMNS="$(tm display -p -t e2e '#{pane_width}')" \
        XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config" \
        ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} \
        "$AJAR" d.json </dev/null) || { echo "the key-script run failed"; return 1; }
    # the terminal may still be drawing: look again for a moment before calling it different
    local i
    for i in $(seq 20); do
        diff -q <(sed 's/ *$//' "$dir/screen") <(screen | sed 's/ *$//') >/dev/null && return 0
        sleep 0.1
    done
    echo "the terminal does not show what the key script dumps:"
    diff -u --label "key script" --label "terminal" <(sed 's/ *$//' "$dir/screen") \
        <(screen | sed 's/ *$//')
    return 1
}

# name_is TEXT: the draft's me.name.
name_is() {
    local got
    got=$(AJAR_DATA_DIR="$repo" "$AJAR" get "$work/d.json" me.name 2>&1)
    if [ "$got" != "$1" ]; then
        echo "me.name in the draft is '$got', expected '$1'"
        return 1
    fi
}

# The tests: each check ends the test at once when it fails (|| return 1: `set -e` does not
# work in a function whose status an `if` looks at).

# Start at 100x30, type a name (accents and wide characters) and move on, shrink to 12x3 (the
# enlarge message), grow back (the full screen), quit with Ctrl-Q: status 0, the name saved,
# the terminal restored.
test_resize_and_quit() {
    start 100 30 || return 1
    wait_for "The offer   (step 1 of 10)" || return 1
    tm send-keys -t e2e -l "Zoë 李娜" || return 1
    tm send-keys -t e2e Tab || return 1
    wait_for "Saved." || return 1
    same_as_script "Zoë 李娜<Tab>" || return 1
    tm resize-window -t e2e -x 12 -y 3 || return 1
    wait_for "enlarge the" || return 1
    [ "$(screen | sed -n 1p)" = "Please" ] || {
        echo "the small screen is not the enlarge message:"
        screen
        return 1
    }
    tm resize-window -t e2e -x 100 -y 30 || return 1
    wait_for "The offer   (step 1 of 10)" || return 1
    wait_for "   Zoë 李娜" || return 1
    same_as_script "Zoë 李娜<Tab><Resize 12x3><Resize 100x30>" || return 1
    tm send-keys -t e2e C-q || return 1
    wait_exit 0 || return 1
    restored || return 1
    name_is "Zoë 李娜" || return 1
}

# Raw mode: Ctrl-C reaches ajar as a key and asks; n stays. A bracketed paste with a line break
# lands in the name as one line. Then Ctrl-C, y: status 0, the terminal restored.
test_paste_and_ctrl_c() {
    start 100 30 || return 1
    wait_for "The offer   (step 1 of 10)" || return 1
    tm set-buffer -b p "$(printf 'Zoë\nÅngström')" || return 1
    tm paste-buffer -p -b p -t e2e || return 1
    wait_for "   Zoë Ångström" || return 1
    tm send-keys -t e2e C-c || return 1
    wait_for "Quit ajar? Your answers are saved." || return 1
    tm send-keys -t e2e n || return 1
    wait_for "Every answer is saved as you go." || return 1
    tm send-keys -t e2e C-c || return 1
    wait_for "Quit ajar?" || return 1
    tm send-keys -t e2e y || return 1
    wait_exit 0 || return 1
    restored || return 1
    name_is "Zoë Ångström" || return 1
}

# SIGTERM while a field is half typed: the loop commits the field, ajar ends with 128+15, and
# the terminal is restored.
test_sigterm_saves_field() {
    start 100 30 || return 1
    wait_for "The offer   (step 1 of 10)" || return 1
    tm send-keys -t e2e -l "Zoë Ång" || return 1
    wait_for "   Zoë Ång" || return 1
    kill -TERM "$(cat "$work/ajar.pid")" || return 1
    wait_exit 143 || return 1
    restored || return 1
    name_is "Zoë Ång" || return 1
}

# recovered TEXT: the recovery file beside the draft holds TEXT for offer.made_on, and the next
# start puts it back in its field and says so.
recovered() {
    local f="$work/.d.json.recover"
    [ -f "$f" ] || { echo "no recovery file beside the draft"; ls -la "$work"; return 1; }
    grep -qF "\"text\": \"$1\"" "$f" || { echo "the recovery file lacks '$1':"; cat "$f"; return 1; }
    local dir="$work/again"
    mkdir -p "$dir" && printf ':dump screen\n' >"$dir/keys"
    (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work/home" LC_ALL=C.UTF-8 TZ=UTC \
        TERM=xterm-256color AJAR_TODAY=2026-11-20 AJAR_DATA_DIR="$repo" AJAR_SCRIPT="$dir/keys" \
        LINES=30 COLUMNS=100 XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config" \
        ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} \
        "$AJAR" d.json </dev/null) || { echo "the next start failed"; return 1; }
    grep -qF "   $1" "$work/screen" && grep -qF "Here is what you were typing" "$work/screen" || {
        echo "the next start does not offer '$1' back:"
        cat "$work/screen"
        return 1
    }
}

# A date half typed (not a date yet, so not an answer) when SIGTERM comes: kept beside the
# draft, offered back at the next start; the terminal restored.
test_sigterm_keeps_a_half_typed_date() {
    start 100 30 || return 1
    wait_for "The offer   (step 1 of 10)" || return 1
    tm send-keys -t e2e -l "Zoë" || return 1
    tm send-keys -t e2e Tab Tab Tab Tab || return 1
    tm send-keys -t e2e -l "2026-1" || return 1
    wait_for "   2026-1" || return 1
    kill -TERM "$(cat "$work/ajar.pid")" || return 1
    wait_exit 143 || return 1
    restored || return 1
    name_is "Zoë" || return 1
    recovered "2026-1" || return 1
}

# SIGHUP: the terminal goes away (tmux kill-server) while a date is half typed. The save must
# not need the terminal: the name is in the draft, the date beside it, and ajar has ended.
test_sighup_keeps_a_half_typed_date() {
    start 100 30 || return 1
    wait_for "The offer   (step 1 of 10)" || return 1
    tm send-keys -t e2e -l "Zoë Ångström" || return 1
    tm send-keys -t e2e Tab Tab Tab Tab || return 1
    tm send-keys -t e2e -l "2026-11-3" || return 1
    wait_for "   2026-11-3" || return 1
    local pid i
    pid=$(cat "$work/ajar.pid")
    tm kill-server || return 1
    for i in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "ajar still runs after its terminal went away"
        kill -KILL "$pid"
        return 1
    fi
    name_is "Zoë Ångström" || return 1
    recovered "2026-11-3" || return 1
}

# state_of PID: its process state letter (R, S, T for stopped...).
state_of() { ps -o stat= -p "$1" 2>/dev/null | cut -c1; }

# Ctrl-Z gives the terminal back to the shell and stops ajar; `fg` brings the screen back as it
# was, and typing goes on. This one needs a shell with job control: an interactive bash.
test_ctrl_z_suspends_and_fg_resumes() {
    printf 'set -g default-terminal "%s"\nset -g status off\nset -g escape-time 10\n' "$term" \
        >"$work/tmux.conf"
    env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$work/home" LC_ALL=C.UTF-8 TZ=UTC \
        AJAR_TODAY=2026-11-20 AJAR_DATA_DIR="$repo" AJAR="$AJAR" PS1='$ ' \
        XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config" \
        ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} \
        tmux -u -S "$work/tmux.sock" -f "$work/tmux.conf" \
        new-session -d -s e2e -x 100 -y 30 -c "$work" "bash --norc --noprofile -i" || return 1
    wait_for 'bash' || return 1
    tm send-keys -t e2e '"$AJAR" d.json' Enter || return 1
    wait_for "The offer   (step 1 of 10)" || return 1
    tm send-keys -t e2e -l "Zoë" || return 1
    wait_for "   Zoë" || return 1
    tm send-keys -t e2e C-z || return 1
    wait_for "Stopped" || return 1
    tm send-keys -t e2e 'fg' Enter || return 1
    wait_for "The offer   (step 1 of 10)" || return 1
    wait_for "   Zoë" || return 1
    tm send-keys -t e2e -l " Ångström" || return 1
    wait_for "   Zoë Ångström" || return 1
    tm send-keys -t e2e C-q || return 1
    local i
    for i in $(seq 100); do # until the wizard is gone and the shell is back
        screen | grep -qF "The offer   (step 1 of 10)" || break
        sleep 0.1
    done
    tm send-keys -t e2e 'echo "ajar ended with $?"' Enter || return 1
    wait_for "ajar ended with 0" || return 1
    name_is "Zoë Ångström" || return 1
}

# A crash (here a SIGSEGV sent from outside) restores the terminal before ajar dies of it.
test_crash_restores_the_terminal() {
    start 100 30 || return 1
    wait_for "The offer   (step 1 of 10)" || return 1
    kill -SEGV "$(cat "$work/ajar.pid")" || return 1
    wait_exit 139 || return 1
    restored || return 1
}

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
    mapfile -t tests < <(declare -F | awk '{print $3}' | grep '^test_' | sed 's/^test_//')
fi
for name in "${tests[@]}"; do
    work=$(mktemp -d /tmp/ajar-tmux.XXXXXX)
    mkdir -p "$work/home" "$work/xdg/data" "$work/xdg/config"
    if out=$("test_$name" 2>&1); then
        passed=$((passed + 1))
        echo "ok   tmux $name"
    else
        failed=$((failed + 1))
        echo "FAIL tmux $name"
        printf '%s\n' "$out" | tail -n 40 | sed 's/^/     | /'
    fi
    tm kill-server >/dev/null 2>&1
    rm -rf "$work"
done
echo "tmux: $passed passed, $failed failed (TERM=$term)"
[ "$failed" -eq 0 ]
