# commands.sh — the ajar command line: help, version, new, list, validate, get, set, exit codes.

test_help_lists_every_command_and_exit_codes() {
    run "$AJAR" --help; expect_status 0
    for c in new list validate get set export check template help; do expect_in out "  $c"; done
    expect_in out "Exit status: 0 success, 1 invalid draft or findings, 2 usage error"
    run "$AJAR" help set; expect_status 0; expect_in out "Usage: ajar set FILE PATH=VALUE..."
    run "$AJAR" set --help; expect_status 0; expect_in out "contacts[+] appends"
    run "$AJAR" help nope; expect_status 2; expect_in err "unknown command 'nope'"
}

test_version() {
    run "$AJAR" --version; expect_status 0; expect_in out "ajar 0."
    run "$AJAR" -V; expect_status 0
}

test_usage_errors_exit_2() {
    run "$AJAR" frobnicate; expect_status 2; expect_in err "unknown command 'frobnicate'"
    expect_in err "Try 'ajar help'"
    run "$AJAR" --bogus; expect_status 2; expect_in err "unknown option '--bogus'"
    run "$AJAR" new --scenario; expect_status 2; expect_in err "needs a value"
    run "$AJAR" new --scenario party; expect_status 2; expect_in err "unknown scenario 'party'"
    run "$AJAR" get only-one-arg; expect_status 2
    run "$AJAR" set d.json novalue; expect_status 2; expect_in err "'novalue' is not PATH=VALUE"
    run "$AJAR" validate; expect_status 2
}

test_new_into_drafts_folder_is_private_and_valid() {
    run "$AJAR" new; expect_status 0
    expect_in out "$XDG_DATA_HOME/ajar/drafts/decline-2026-11-20.json"
    [ "$(stat -c %a "$XDG_DATA_HOME/ajar/drafts")" = 700 ]
    [ "$(stat -c %a "$XDG_DATA_HOME/ajar/drafts/decline-2026-11-20.json")" = 600 ]
    run "$AJAR" new --scenario recruiter; expect_status 0; expect_in out "decline-2026-11-20-2.json"
    run "$AJAR" get "$XDG_DATA_HOME/ajar/drafts/decline-2026-11-20-2.json" scenario
    expect_status 0; [ "$(cat out)" = recruiter ]
    run "$AJAR" validate "$XDG_DATA_HOME"/ajar/drafts/*.json; expect_status 0
}

test_new_with_output_refuses_to_overwrite() {
    run "$AJAR" new -o mine.json --scenario former-employer; expect_status 0; expect_in out mine.json
    cp mine.json before.json
    run "$AJAR" new -o mine.json; expect_status 3; expect_in err "mine.json: already exists"
    same_file mine.json before.json
}

test_new_without_home_fails_clearly() {
    run env -u HOME -u XDG_DATA_HOME "$AJAR" new; expect_status 3
    expect_in err "XDG_DATA_HOME"
}

test_list_newest_first_with_progress() {
    run "$AJAR" list; expect_status 0; expect_in out "No drafts yet"
    "$AJAR" new -o "$XDG_DATA_HOME/x" >/dev/null 2>&1 || true
    mkdir -p "$XDG_DATA_HOME/ajar/drafts"
    "$AJAR" new -o "$XDG_DATA_HOME/ajar/drafts/old.json" >/dev/null
    "$AJAR" set "$XDG_DATA_HOME/ajar/drafts/old.json" offer.company=Lumen 'offer.role=Platform Engineer' \
        steps.offer=done steps.prompt=done
    touch -d '2026-11-01 10:00' "$XDG_DATA_HOME/ajar/drafts/old.json"
    "$AJAR" new -o "$XDG_DATA_HOME/ajar/drafts/new.json" --scenario recruiter >/dev/null
    "$AJAR" set "$XDG_DATA_HOME/ajar/drafts/new.json" 'offer.company=Zoë Ångström AB'
    echo '{"ajar": 1, "tone": 3}' > "$XDG_DATA_HOME/ajar/drafts/broken.json"
    touch -d '2026-10-01 10:00' "$XDG_DATA_HOME/ajar/drafts/broken.json"
    run "$AJAR" list; expect_status 0
    head -1 out | grep -q '^FILE *COMPANY *ROLE *SCENARIO *STEPS *CHANGED'
    sed -n 2p out | grep -q '^new.json *Zoë Ångström AB *- *recruiter'
    sed -n 3p out | grep -q '^old.json *Lumen *Platform Engineer *offer *2'
    sed -n 3p out | grep -q '2026-11-01 10:00'
    sed -n 4p out | grep -q '^broken.json *(invalid)'
}

test_validate_reports_every_problem_with_file_and_field() {
    cp "$FIXTURES/drafts/full.json" good.json
    printf '{"ajar": 1, "tone": "loud",\n "contacts": [{}, {}, {"email": "nope"}]}\n' > bad.json
    printf '{"ajar": 1,\n  "me": {"name": "x",}\n}\n' > syntax.json
    run "$AJAR" validate good.json; expect_status 0; expect_in out "good.json: valid"
    run "$AJAR" validate -q good.json; expect_status 0; [ ! -s out ]
    run "$AJAR" validate good.json bad.json syntax.json missing.json; expect_status 1
    expect_in err "ajar: bad.json: tone: \"loud\" is not one of warm, formal or brief"
    expect_in err "ajar: bad.json: contacts[2].email: \"nope\" is not an e-mail address"
    expect_in err "ajar: syntax.json:2:22: a comma before '}' (JSON allows no trailing comma)"
    expect_in err "ajar: cannot read missing.json: No such file or directory"
    expect_in out "good.json: valid"
}

test_validate_refuses_newer_format_without_touching_it() {
    printf '{"ajar": 7, "future": {"thing": true}}\n' > future.json
    cp future.json before.json
    run "$AJAR" validate future.json; expect_status 1; expect_in err "format 7, written by a newer ajar"
    run "$AJAR" set future.json tone=brief; expect_status 1; expect_in err "future.json: not changed"
    same_file future.json before.json
}

test_get_prints_text_and_json() {
    cp "$FIXTURES/drafts/full.json" d.json
    run "$AJAR" get d.json contacts[1].name; expect_status 0; [ "$(cat out)" = "李娜" ]
    run "$AJAR" get d.json stay_in_touch.checkins_months; expect_status 0; [ "$(cat out)" = "[3,6,12]" ]
    run "$AJAR" get d.json contacts[-1].x-crm-id; expect_status 0; [ "$(cat out)" = 4411 ]
    run "$AJAR" get d.json resource.insight; expect_status 0; [ "$(wc -l < out)" = 2 ]
    run "$AJAR" get d.json contacts[9].name; expect_status 1
    expect_in err "d.json: contacts[9]: contacts has 2 items, so there is no item [9]"
    run "$AJAR" get d.json 'offer..x'; expect_status 2; expect_in err "bad field path"
}

test_get_never_prints_escape_sequences() {
    printf '{"ajar": 1, "x-note": "\\u001b]0;owned\\u0007\\u001b[2J"}\n' > d.json
    run "$AJAR" get d.json x-note; expect_status 0
    expect_in out '\u001b]0;owned'
    expect_not_in out $'\x1b'
    printf '{"ajar": 1, "tone": "\\u001b[31mred"}\n' > e.json
    run "$AJAR" validate e.json; expect_status 1
    expect_not_in err $'\x1b'
    expect_in err 'tone: contains the control character U+001B at character 1'
    run "$AJAR" validate $'\e]0;title\a.json'; expect_status 1
    expect_not_in err $'\x1b'
    expect_in err 'cannot read \x1b]0;title\x07.json'
}

test_set_changes_fields_and_keeps_unknown_keys() {
    cp "$FIXTURES/drafts/full.json" d.json
    run "$AJAR" set d.json 'contacts[+].name=Amira Haddad' contacts[-1].role=recruiter \
        contacts[-1].channel=linkedin me.phone=5550100 'stay_in_touch.checkins_months=[1, 2]' \
        thanks.honour=false 'positives[+]=the "no meetings" Fridays'
    expect_status 0
    [ "$("$AJAR" get d.json contacts[2].name)" = "Amira Haddad" ]
    [ "$("$AJAR" get d.json me.phone)" = 5550100 ]
    [ "$("$AJAR" get d.json stay_in_touch.checkins_months)" = "[1,2]" ]
    [ "$("$AJAR" get d.json thanks.honour)" = false ]
    [ "$("$AJAR" get d.json positives[2])" = 'the "no meetings" Fridays' ]
    expect_in d.json '"x-crm-id": 4411'
    expect_in d.json '"last_opened": "2026-11-20T09:12:00Z"'
    [ "$(stat -c %a d.json)" = 600 ]
    no_temp_files .
    [ ! -e .d.json.lock ]
}

test_set_refuses_invalid_values_and_writes_nothing() {
    cp "$FIXTURES/drafts/full.json" d.json
    cp d.json before.json
    run "$AJAR" set d.json tone=formal contacts[1].made_offer=true; expect_status 1
    expect_in err "d.json: contacts[1].made_offer: only one person can have made the offer"
    expect_in err "d.json: not changed"
    same_file d.json before.json
    run "$AJAR" set d.json stay_in_touch.checkins_months[0]=0; expect_status 1
    expect_in err "stay_in_touch.checkins_months[0]: 0 is out of range; expected 1 to 120"
    run "$AJAR" set d.json offer.made_on=2026-02-30; expect_status 1
    expect_in err "offer.made_on: \"2026-02-30\" is not a real date"
    run "$AJAR" set d.json "me.name=$(printf 'a\033[2Jb')"; expect_status 1
    expect_in err "control character U+001B"
    run "$AJAR" set d.json contacts[5].name=x; expect_status 1
    run "$AJAR" set d.json 'a[=x'; expect_status 2
    same_file d.json before.json
    no_temp_files .
}

test_set_on_missing_or_invalid_file() {
    run "$AJAR" set nothere.json tone=warm; expect_status 3; expect_in err "nothere.json"
    [ ! -e nothere.json ]
    printf '{"ajar": 1, "tone": ' > trunc.json
    cp trunc.json before.json
    run "$AJAR" set trunc.json tone=warm; expect_status 1; expect_in err "trunc.json:1:21: the file ends where a value should be"
    same_file trunc.json before.json
}

test_readme_shows_the_screens_as_they_are() {
    # the README's captures are the end-to-end tests' golden dumps: keep them in step
    python3 - "$AJAR_REPO" <<'PY'
import sys
root = sys.argv[1]
readme = open(f"{root}/README.md", encoding="utf-8").read()
for name in ("honest", "review"):
    screen = open(f"{root}/tests/e2e/walk/{name}.screen", encoding="utf-8").read()
    if screen not in readme:
        sys.exit(f"README.md does not hold tests/e2e/walk/{name}.screen as it is now")
PY
}
