# bad.sh — the battery of bad drafts (tests/fixtures/bad): every command and the wizard refuse each
# one cleanly: status 1-3, a message naming the file and the field, the file untouched, and not one
# control byte from the file on the terminal.

BAD="$FIXTURES/bad"

# The rows of the README's table: "FILE<TAB>NAMES".
bad_rows() {
    sed -n 's/^| \([a-z0-9.-]*\.json\) | \(.*\) | .* |$/\1\t\2/p' "$BAD/README.md"
}

# clean_output FILE...: each file is UTF-8 without control characters but LF and tab.
clean_output() {
    python3 - "$@" <<'PY'
import sys
bad = 0
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        print("%s: not UTF-8 at byte %d: %r" % (path, e.start, data[max(0, e.start - 20):e.start + 20]))
        bad += 1
        continue
    for i, c in enumerate(text):
        o = ord(c)
        if (o < 0x20 and c not in "\n\t") or 0x7f <= o <= 0x9f:
            print("%s: control character U+%04X at %d: %r" % (path, o, i, text[max(0, i - 20):i + 20]))
            bad += 1
            break
sys.exit(1 if bad else 0)
PY
}

# refused NAME EXPECT CMD...: runs CMD, keeps stdout and stderr in outs/NAME.{out,err}, and wants a
# status from 1 to 3 (EXPECT, when not empty, exactly) and stderr naming the file.
refused() {
    local name=$1 expect=$2 file=$3
    shift 2
    run "$@"
    cp out "outs/$name.out"
    cp err "outs/$name.err"
    if [ "$status" -lt 1 ] || [ "$status" -gt 3 ]; then
        echo "$name: exit status $status (a crash or a success)"; cat err | head -5
        return 1
    fi
    if [ -n "$expect" ]; then expect_status "$expect"; fi
}

# each_bad FN: calls FN FILE NAMES for every bad draft, copied into the test's folder.
each_bad() {
    local f names n=0
    mkdir -p outs
    while IFS=$'\t' read -r f names; do
        cp "$BAD/$f" "$f"
        "$1" "$f" "$names"
        same_file "$f" "$BAD/$f"
        [ ! -e ".$f.lock" ] || { echo "$f: lock file left behind"; return 1; }
        no_temp_files .
        rm "$f"
        n=$((n + 1))
    done < <(bad_rows)
    [ "$n" -ge 50 ] || { echo "only $n bad drafts found"; return 1; }
    clean_output outs/*
}

test_readme_lists_every_bad_draft() {
    bad_rows | cut -f1 | sort > listed
    (cd "$BAD" && ls -- *.json) | sort > present
    if ! cmp -s listed present; then
        echo "tests/fixtures/bad/README.md and the folder disagree:"; diff listed present
        return 1
    fi
}

validate_and_get() {
    refused "$1.validate" 1 "$AJAR" validate "$1"
    expect_in err "ajar: $1"
    expect_in err "$2"
    [ ! -s out ]
    refused "$1.get" "" "$AJAR" get "$1" me.name
    expect_in err "$2"
    [ ! -s out ]
}

test_validate_and_get_refuse_every_bad_draft() {
    each_bad validate_and_get
}

export_check_set() {
    refused "$1.export" "" "$AJAR" export "$1"
    expect_in err "$2"
    [ ! -s out ]
    refused "$1.eml" "" "$AJAR" export "$1" -w letter -o letter.eml
    [ ! -e letter.eml ] || { echo "$1: export wrote letter.eml"; return 1; }
    refused "$1.ics" "" "$AJAR" export "$1" -w followups -f ics
    refused "$1.check" "" "$AJAR" check "$1"
    expect_in err "$2"
    refused "$1.checkjson" "" "$AJAR" check --json "$1"
    refused "$1.set" "" "$AJAR" set "$1" tone=brief
    expect_in err "$2"
    expect_in err "$1: not changed"
}

test_export_check_and_set_refuse_every_bad_draft() {
    each_bad export_check_set
}

wizard_on() {
    AJAR_SCRIPT=$PWD/keys TERM=xterm-256color LINES=24 COLUMNS=80 \
        refused "$1.wizard" 1 "$AJAR" "$1"
    expect_in err "ajar: $1"
    expect_in err "$2"
    [ ! -s out ] || { echo "$1: the wizard drew on stdout"; return 1; }
}

test_wizard_refuses_every_bad_draft_before_the_screen() {
    printf '<C-q>\n' > keys
    each_bad wizard_on
}

test_wrong_types_name_every_field() {
    cp "$BAD/wrong-types.json" .
    run "$AJAR" validate wrong-types.json; expect_status 1
    for field in me offer.company offer.role offer.made_on offer.medium offer.send_at reason.kind \
        reason.share positives thanks.honour thanks.for 'contacts[0]' 'contacts[1].name' \
        'contacts[1].role' 'contacts[1].made_offer' 'contacts[1].channel' resource.referrals \
        resource.offer_introductions resource.insight stay_in_touch.future_interest \
        stay_in_touch.checkins_months steps wizard.step; do
        expect_in err "wrong-types.json: $field: "
    done
}

test_escaped_key_is_shown_not_sent() {
    cp "$BAD/duplicate-escaped-keys.json" d.json
    run "$AJAR" validate d.json; expect_status 1
    expect_in err 'd.json: \x1b]0;x\x07: the key "\x1b]0;x\x07" appears more than once'
    expect_not_in err $'\x1b'
    expect_not_in err $'\x07'
}

# 4 MiB in one field, made here rather than kept in the repository.
test_four_mebibyte_field() {
    mkdir -p outs
    { printf '{"ajar": 1, "offer": {"company": "'; head -c $((4 * 1024 * 1024)) /dev/zero | tr '\0' A
      printf '"}}\n'; } > huge.json
    cp huge.json before.json
    refused huge.validate 1 "$AJAR" validate huge.json
    expect_in err "huge.json is larger than the limit of 1048576 bytes"
    refused huge.export "" "$AJAR" export huge.json -w all -f json
    refused huge.check "" "$AJAR" check huge.json
    refused huge.set "" "$AJAR" set huge.json tone=brief
    expect_in err "huge.json: not changed"
    printf '<C-q>\n' > keys
    AJAR_SCRIPT=$PWD/keys TERM=xterm-256color LINES=24 COLUMNS=80 refused huge.wizard 1 "$AJAR" huge.json
    same_file huge.json before.json
    # Under the file's limit, over the field's: named by its field.
    { printf '{"ajar": 1, "reason": {"detail": "'; head -c 1000000 /dev/zero | tr '\0' z
      printf '"}}\n'; } > long.json
    cp long.json before.json
    refused long.validate 1 "$AJAR" validate long.json
    expect_in err "long.json: reason.detail: is 1000000 characters long; the limit is 500"
    refused long.set "" "$AJAR" set long.json tone=brief
    same_file long.json before.json
    clean_output outs/*
}

# Not a file at all: every command refuses at once (a FIFO must not hang a command, /dev/zero
# must not be read forever).
test_special_files_are_refused_by_every_command() {
    mkdir -p outs
    mkfifo fifo.json
    ln -s /dev/zero zero.json
    mkdir dir.json
    ln -s missing.json dangling.json
    for f in fifo.json zero.json dir.json dangling.json; do
        refused "$f.validate" 1 timeout 10 "$AJAR" validate "$f"
        expect_in err "$f"
        refused "$f.get" "" timeout 10 "$AJAR" get "$f" tone
        refused "$f.export" "" timeout 10 "$AJAR" export "$f" -w all -f json
        refused "$f.check" "" timeout 10 "$AJAR" check "$f"
        refused "$f.set" "" timeout 10 "$AJAR" set "$f" tone=brief
        expect_in err "$f: not changed"
    done
    [ -p fifo.json ] && [ -L zero.json ] && [ -d dir.json ] && [ ! -e missing.json ]
    clean_output outs/*
}
