# export.sh — `ajar export`: every part in every format, read back by real parsers; atomic files; errors.

# The Python that reads the exports: $AJAR_PYTHON, else Debian's (it has python3-icalendar).
py() {
    local p=${AJAR_PYTHON:-}
    [ -n "$p" ] || { [ -x /usr/bin/python3 ] && p=/usr/bin/python3 || p=python3; }
    "$p" "$@"
}

# pyq FILE EXPR: prints the Python expression EXPR over d, the JSON value in FILE
# (a string as it is, anything else as JSON).
pyq() {
    py - "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
v = eval(sys.argv[2])
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
EOF
}

# expect_eq ACTUAL WANT
expect_eq() {
    if [ "$1" != "$2" ]; then
        echo "expected: $2"; echo "     got: $1"
        return 1
    fi
}

# parsed KIND FILE: reads FILE back with tests/tools/parse_exports.py into parsed.json;
# any problem the strict checks find fails the test.
parsed() {
    py "$FIXTURES/../tools/parse_exports.py" "$1" "$2" > parsed.json
    local problems
    problems=$(pyq parsed.json 'd["problems"]')
    if [ "$problems" != "[]" ]; then
        echo "parse_exports.py $1 $2: $problems"; head -c 3000 "$2"
        return 1
    fi
}

# The full fixture plus two contacts written right to left, saved in ajar's layout as d.json.
setup_draft() {
    cp "$FIXTURES/drafts/full.json" d.json
    "$AJAR" set d.json 'contacts[+].name=مريم حداد' contacts[-1].role=recruiter \
        contacts[-1].channel=linkedin 'contacts[-1].linkedin=https://www.linkedin.com/in/maryam' \
        'contacts[+].name=שרה לוי' contacts[-1].role=hr 'contacts[-1].title=מנהלת גיוס' \
        contacts[-1].email=sara@lumen.example
}

# Which formats each part goes in (as documented in `ajar help export`).
formats_of() {
    case $1 in
    letter) echo "txt md eml mailto json" ;;
    phone | voicemail | all) echo "txt md json" ;;
    followups) echo "txt md csv ics json" ;;
    linkedin) echo "txt md csv json" ;;
    esac
}

NAMES=("Zoë Ångström" "Tomás Ferreira" "李娜" "مريم حداد" "שרה לוי")

test_the_letter_as_text_is_the_default() {
    setup_draft
    run "$AJAR" export d.json; expect_status 0
    head -n 1 out | grep -q '^Subject: '
    expect_in out "Dear Tomás,"
    expect_in out "Zoë Ångström"
    [ ! -s err ]
    run "$AJAR" export d.json -o - --what letter --format txt; expect_status 0
    same_file out <("$AJAR" export d.json)
}

test_every_part_in_every_format() {
    setup_draft
    "$AJAR" export d.json -w all -f json -o all.json
    for what in letter phone voicemail followups linkedin all; do
        for fmt in txt md eml mailto csv ics json; do
            case " $(formats_of $what) " in
            *" $fmt "*)
                run "$AJAR" export d.json --what "$what" --format "$fmt"
                expect_status 0
                [ -s out ] || { echo "$what as $fmt is empty"; return 1; }
                [ ! -s err ] || { echo "$what as $fmt warned:"; cat err; return 1; }
                iconv -f UTF-8 -t UTF-8 out >/dev/null   # valid UTF-8
                case $fmt in
                eml | csv | ics | mailto) parsed "$fmt" out ;;
                json) pyq out 'sorted(d)' >/dev/null ;;
                esac ;;
            *)
                run "$AJAR" export d.json --what "$what" --format "$fmt"
                expect_status 2
                expect_in err "$what cannot be exported as $fmt; it can be exported as"
                expect_in err "Try 'ajar help export'"
                [ ! -s out ] ;;
            esac
        done
    done
}

test_names_in_every_script_survive_every_format() {
    setup_draft
    # text formats hold the names as they are
    for args in "-w all -f txt" "-w all -f md" "-w all -f json" "-w followups -f csv" \
                "-w followups -f ics"; do
        # shellcheck disable=SC2086
        run "$AJAR" export d.json $args; expect_status 0
        for n in "李娜" "مريم حداد" "שרה לוי"; do expect_in out "$n"; done
        expect_in out "Tomás"
    done
    # encoded formats give them back once decoded
    "$AJAR" export d.json -o l.eml
    parsed eml l.eml
    expect_eq "$(pyq parsed.json 'd["from"]["name"]')" "Zoë Ångström"
    expect_eq "$(pyq parsed.json 'd["to"]["name"]')" "Tomás Ferreira"
    "$AJAR" export d.json -f mailto > l.url
    parsed mailto l.url
    pyq parsed.json 'd["body"]' | grep -qF "Zoë Ångström"
    "$AJAR" export d.json -w followups -o p.csv
    parsed csv p.csv
    expect_eq "$(pyq parsed.json '[r[0] for r in d["rows"]]')" \
        '["name", "Tomás Ferreira", "李娜", "مريم حداد", "שרה לוי"]'
    "$AJAR" export d.json -w followups -o p.ics
    parsed ics p.ics
    pyq parsed.json '[i["summary"] for i in d["items"]]' | grep -qF "Thank שרה לוי"
    pyq parsed.json '[i["summary"] for i in d["items"]]' | grep -qF "Check in with مريم حداد"
}

test_eml_is_an_unsent_message_from_me_to_the_offer_maker() {
    setup_draft
    run "$AJAR" export d.json -o letter.eml; expect_status 0
    [ ! -s out ] && [ ! -s err ]
    parsed eml letter.eml
    expect_eq "$(pyq parsed.json 'd["from"]["address"]')" "zoe.angstrom@example.org"
    expect_eq "$(pyq parsed.json 'd["to"]["address"]')" "tomas.ferreira@lumen.example"
    expect_eq "$(pyq parsed.json 'd["x_unsent"]')" "1"
    expect_eq "$(pyq parsed.json 'd["date"]')" "2026-11-20T09:00:00+00:00"
    expect_eq "$(pyq parsed.json 'd["transfer_encoding"]')" "quoted-printable"
    "$AJAR" export d.json -f json > l.json
    expect_eq "$(pyq parsed.json 'd["subject"]')" "$(pyq l.json 'd["letter"]["subject"]')"
    expect_eq "$(pyq parsed.json 'd["body"]')" "$(pyq l.json 'd["letter"]["body"]')"
    # reproducible with a fixed day, wherever the draft is
    mkdir elsewhere && cp d.json elsewhere/other-name.json
    "$AJAR" export elsewhere/other-name.json -o again.eml
    same_file letter.eml again.eml
    # the Date is 09:00 that day in the local time zone
    TZ=Asia/Kolkata "$AJAR" export d.json --today 2027-01-04 -o india.eml
    parsed eml india.eml
    expect_eq "$(pyq parsed.json 'd["date"]')" "2027-01-04T09:00:00+05:30"
}

test_eml_needs_my_address() {
    setup_draft
    "$AJAR" set d.json me.email=null
    run "$AJAR" export d.json -o letter.eml; expect_status 1
    expect_in err "ajar: d.json: me.email: is not set: an e-mail draft needs your address"
    expect_in err "set it with: ajar set d.json me.email=you@example.com"
    [ ! -e letter.eml ]
    "$AJAR" set d.json 'me.email=zoë@example.org'
    run "$AJAR" export d.json -f eml; expect_status 1
    expect_in err 'me.email: "zoë@example.org" cannot be written in a From header'
    [ ! -s out ]
    # the other formats do not need it
    run "$AJAR" export d.json -f mailto; expect_status 0
    run "$AJAR" export d.json -f txt; expect_status 0
}

test_eml_without_a_recipient_address_warns_and_has_no_to() {
    setup_draft
    "$AJAR" set d.json contacts[0].email=null
    run "$AJAR" export d.json -o letter.eml; expect_status 0
    expect_in err "ajar: warning: d.json: contacts[0].email: Tomás Ferreira has no e-mail address"
    parsed eml letter.eml
    expect_eq "$(pyq parsed.json 'd["to"]')" "null"
    expect_eq "$(pyq parsed.json '"To" in d["headers"]')" "false"
    run "$AJAR" export d.json -f mailto; expect_status 0
    expect_in err "contacts[0].email"
    grep -q '^mailto:?subject=' out
}

test_mailto_is_one_line() {
    setup_draft
    run "$AJAR" export d.json -f mailto; expect_status 0
    [ "$(wc -l < out)" = 1 ]
    grep -q '^mailto:tomas.ferreira@lumen.example?subject=' out
    parsed mailto out
    "$AJAR" export d.json -f json > l.json
    expect_eq "$(pyq parsed.json 'd["subject"]')" "$(pyq l.json 'd["letter"]["subject"]')"
    expect_eq "$(pyq parsed.json 'd["body"]+"\n"')" "$(pyq l.json 'd["letter"]["body"]')"
}

test_csv_of_the_plan_and_of_the_notes() {
    setup_draft
    "$AJAR" export d.json -w all -f json > all.json
    "$AJAR" export d.json -w followups -o plan.csv
    parsed csv plan.csv
    expect_eq "$(pyq parsed.json 'd["rows"][0]')" \
        '["name", "role", "title", "channel", "email", "phone", "linkedin", "when", "message", "note", "checkins"]'
    expect_eq "$(pyq parsed.json 'len(d["rows"])')" 5
    expect_eq "$(pyq parsed.json 'd["bom"]')" false
    # each row holds what the JSON export holds
    for i in 0 1 2 3; do
        row=$(pyq parsed.json "d['rows'][$i + 1]")
        want=$(pyq all.json "[d['followups'][$i][k] for k in ('name','role','title','channel','email','phone','linkedin','when','message','note')] + [';'.join(c['date'] for c in d['followups'][$i]['checkins'])]")
        expect_eq "$row" "$want"
    done
    expect_eq "$(pyq parsed.json 'd["rows"][1][10]')" "2027-02-22;2027-05-20;2027-11-22"
    "$AJAR" export d.json -w linkedin -o notes.csv
    parsed csv notes.csv
    expect_eq "$(pyq parsed.json 'd["rows"][0]')" '["name", "linkedin", "note", "chars"]'
    expect_eq "$(pyq parsed.json '[r[0] for r in d["rows"][1:]]')" \
        "$(pyq all.json '[n["name"] for n in d["linkedin"]]')"
    expect_eq "$(pyq parsed.json '[int(r[3]) for r in d["rows"][1:]]')" \
        "$(pyq all.json '[len(n["note"]) for n in d["linkedin"]]')"
}

test_ics_has_an_event_with_an_alarm_per_thank_you_and_check_in() {
    setup_draft
    "$AJAR" export d.json -w all -f json > all.json
    run "$AJAR" export d.json -w followups -o plan.ics; expect_status 0
    parsed ics plan.ics
    expect_eq "$(pyq parsed.json 'd["disagreements"]')" "[]"
    case $(pyq parsed.json 'd["parser"]') in *icalendar*) ;; *) echo "icalendar did not read it (python3-icalendar missing?)" ;; esac
    expect_eq "$(pyq parsed.json 'len(d["items"])')" \
        "$(pyq all.json 'sum(1 + len(f["checkins"]) for f in d["followups"])')"
    expect_eq "$(pyq parsed.json 'sorted(set(i["kind"] for i in d["items"]))')" '["VEVENT"]'
    expect_eq "$(pyq parsed.json 'sorted(set(i["dtstamp"] for i in d["items"]))')" '["20261120T090000Z"]'
    expect_eq "$(pyq parsed.json 'all(len(i["alarms"]) == 1 and i["alarms"][0]["trigger_minutes"] == 540 for i in d["items"])')" true
    expect_eq "$(pyq parsed.json 'len(set(i["uid"] for i in d["items"])) == len(d["items"])')" true
    expect_eq "$(pyq parsed.json '[i["dtstart"] for i in d["items"] if i["summary"].startswith("Thank")]')" \
        "$(pyq all.json '[f["when"] for f in d["followups"]]')"
    expect_eq "$(pyq parsed.json 'd["items"][0]["summary"]')" "Thank Tomás Ferreira (phone call)"
    expect_eq "$(pyq parsed.json 'd["items"][1]["dtstart"]')" "2027-02-22"
    # to-dos instead of events
    "$AJAR" export d.json -w followups -f ics --todo > todo.ics
    parsed ics todo.ics
    expect_eq "$(pyq parsed.json 'sorted(set(i["kind"] for i in d["items"]))')" '["VTODO"]'
}

test_ics_uids_do_not_depend_on_path_or_day() {
    setup_draft
    "$AJAR" export d.json -w followups -o a.ics
    mkdir sub && cp d.json sub/renamed.json
    "$AJAR" export sub/renamed.json -w followups --today 2026-12-01 -o b.ics
    grep '^UID:' a.ics > a.uids
    grep '^UID:' b.ics > b.uids
    same_file a.uids b.uids
    ! same_file a.ics b.ics >/dev/null   # the dates did move
}

test_json_has_every_part() {
    setup_draft
    run "$AJAR" export d.json -w all -o all.json; expect_status 0
    expect_eq "$(pyq all.json 'list(d)')" '["letter", "phone", "voicemail", "followups", "linkedin"]'
    expect_eq "$(pyq all.json 'd["letter"]["from"]')" '{"name": "Zoë Ångström", "email": "zoe.angstrom@example.org"}'
    expect_eq "$(pyq all.json 'd["letter"]["to"]["email"]')" "tomas.ferreira@lumen.example"
    expect_eq "$(pyq all.json '[f["name"] for f in d["followups"]]')" '["Tomás Ferreira", "李娜", "مريم حداد", "שרה לוי"]'
    expect_eq "$(pyq all.json 'd["followups"][0]["when"]')" "2026-11-20"
    expect_eq "$(pyq all.json 'd["followups"][0]["checkins"][0]')" '{"months": 3, "date": "2027-02-22"}'
    expect_eq "$(pyq all.json 'd["followups"][1]["channel"]')" "email"
    expect_eq "$(pyq all.json 'all(k in f for f in d["followups"] for k in ("name","role","channel","when","message","note"))')" true
    expect_eq "$(pyq all.json 'all(n["chars"] == len(n["note"]) <= n["limit"] == 200 for n in d["linkedin"])')" true
    # one part: only its member
    "$AJAR" export d.json -w phone -f json > phone.json
    expect_eq "$(pyq phone.json 'list(d)')" '["phone"]'
    expect_eq "$(pyq phone.json 'd["phone"]')" "$(pyq all.json 'd["phone"]')"
    # ajar's stable printer: two-space indent, UTF-8 as it is, a final newline
    grep -q '^  "letter": {$' all.json
    grep -qF '"name": "李娜"' all.json
    [ "$(tail -c 1 all.json | od -An -c | tr -d ' ')" = '\n' ]
}

test_linkedin_limit() {
    setup_draft
    run "$AJAR" export d.json -w linkedin -f json --linkedin-limit 300; expect_status 0
    expect_eq "$(pyq out '[n["limit"] for n in d["linkedin"]][0]')" 300
    run "$AJAR" export d.json -w linkedin --linkedin-limit 50; expect_status 0
    for bad in 49 2001 abc 200x "" -5; do
        run "$AJAR" export d.json -w linkedin --linkedin-limit "$bad"; expect_status 2
        expect_in err "--linkedin-limit '$bad' is not a number from 50 to 2000"
    done
}

test_markdown_quotes_user_text() {
    setup_draft
    "$AJAR" set d.json 'positives[0]=the *bold* [link](x) plan'
    run "$AJAR" export d.json -f md; expect_status 0
    head -n 1 out | grep -qx '# Letter'
    expect_in out '**Subject:** '
    expect_in out 'the \*bold\* \[link\]'
    run "$AJAR" export d.json -w all -o all.md; expect_status 0
    for h in "# Letter" "# Phone script" "# Voicemail script" "# Follow-up plan" "# LinkedIn notes"; do
        grep -qx "$h" all.md
    done
    run "$AJAR" export d.json; expect_status 0
    expect_in out 'the *bold* [link](x) plan'
}

test_txt_all_has_headings() {
    setup_draft
    run "$AJAR" export d.json -w all; expect_status 0
    for h in "Letter" "Phone script" "Voicemail script" "Follow-up plan" "LinkedIn notes"; do
        grep -qx "$h" out
    done
    grep -qx "======" out
}

test_format_follows_the_output_file_name() {
    setup_draft
    "$AJAR" export d.json -o l.md; head -n 1 l.md | grep -qx '# Letter'
    "$AJAR" export d.json -o l.JSON; pyq l.JSON 'd["letter"]["subject"]' >/dev/null
    "$AJAR" export d.json -o letter; head -n 1 letter | grep -q '^Subject: '
    "$AJAR" export d.json -o l.txt -f md; head -n 1 l.txt | grep -qx '# Letter'
    run "$AJAR" export d.json -o plan.csv; expect_status 2
    expect_in err "letter cannot be exported as csv (from the output file's extension); it can be exported as txt, md, eml, mailto or json"
    [ ! -e plan.csv ]
    "$AJAR" export d.json -w followups -o plan.csv; head -n 1 plan.csv | grep -q '^name,'
    [ "$(stat -c %a plan.csv)" = 600 ]
}

test_usage_errors() {
    setup_draft
    run "$AJAR" export; expect_status 2; expect_in err "expected a draft FILE"
    run "$AJAR" export d.json d.json; expect_status 2; expect_in err "expected one draft FILE"
    run "$AJAR" export d.json --what nope; expect_status 2
    expect_in err "unknown part 'nope' (choose letter, phone, voicemail, followups, linkedin or all)"
    run "$AJAR" export d.json --format pdf; expect_status 2
    expect_in err "unknown format 'pdf' (choose txt, md, eml, mailto, csv, ics or json)"
    run "$AJAR" export d.json --today 2026-02-30; expect_status 2; expect_in err "--today '2026-02-30'"
    run env AJAR_TODAY=tomorrow "$AJAR" export d.json; expect_status 2; expect_in err "AJAR_TODAY='tomorrow'"
    run "$AJAR" export d.json -w followups -f csv --todo; expect_status 2
    expect_in err "--todo applies to --format ics only"
    run "$AJAR" export d.json --bogus; expect_status 2; expect_in err "unknown option '--bogus'"
    run "$AJAR" export d.json --what; expect_status 2; expect_in err "needs a value"
    run "$AJAR" export missing.json; expect_status 3; expect_in err "missing.json"
    echo '{"ajar": 1, "tone": "shouty"}' > bad.json
    run "$AJAR" export bad.json; expect_status 1; expect_in err "bad.json: tone"
}

test_help() {
    run "$AJAR" help export; expect_status 0
    for o in --what --format --output --today --todo --linkedin-limit; do expect_in out "$o"; done
    expect_in out "ajar export d.json -w followups -o plan.ics"
    run "$AJAR" --help; expect_status 0
    expect_in out "write the letter, scripts and follow-ups"
    expect_not_in out "follow-ups (coming soon)"
}

test_the_draft_is_only_read() {
    setup_draft
    cp d.json before.json
    chmod 444 d.json
    "$AJAR" export d.json -w all -f json >/dev/null
    same_file d.json before.json
    [ ! -e .d.json.lock ]
}

# --- files: atomic replacement and errors --------------------------------------------------

# export_fault SPEC: the export to out.eml fails with exit 3 and leaves the old file as it was.
export_fault() {
    setup_draft
    printf 'an older export\n' > out.eml
    cp out.eml before.eml
    FAILIO_PATH=tmp- failio "$1" "$AJAR" export d.json -o out.eml
    expect_status 3
    same_file out.eml before.eml
    no_temp_files .
}

test_full_disk_leaves_the_old_file() {
    export_fault write:ENOSPC
    expect_in err "ajar: cannot write out.eml: No space left on device"
}

test_failed_flush_or_rename_leaves_the_old_file() {
    export_fault fsync:EIO
    expect_in err "cannot flush out.eml to disk: Input/output error"
    export_fault rename:EIO
    expect_in err "cannot replace out.eml: Input/output error"
}

test_short_writes_still_write_everything() {
    setup_draft
    "$AJAR" export d.json -o want.eml
    FAILIO_PATH=tmp- failio write:SHORT "$AJAR" export d.json -o got.eml
    expect_status 0
    same_file got.eml want.eml
}

test_dev_full() {
    setup_draft
    run "$AJAR" export d.json -o /dev/full; expect_status 3
    expect_in err "/dev/full"
    expect_in err "not a regular file"
    # standard output on a full device
    set +e
    "$AJAR" export d.json > /dev/full 2>err
    status=$?
    set -e
    expect_status 3
    expect_in err "ajar: cannot write to standard output: No space left on device"
}

test_unwritable_folder() {
    setup_draft
    run "$AJAR" export d.json -o no/such/folder/l.txt; expect_status 3
    expect_in err "no/such/folder/l.txt"
}

# --- belt and braces: no control character leaves ajar -----------------------------------

test_a_template_that_emits_escapes_exports_nothing() {
    setup_draft
    mkdir -p "$HOME/.config/ajar/templates"
    printf 'Hello\033]0;pwned\007 {{me.name}}\n' > "$HOME/.config/ajar/templates/letter-offer-warm.mustache"
    for f in txt md eml json mailto; do
        run "$AJAR" export d.json -f $f -o "l.$f"; expect_status 1
        expect_in err "control character"
        [ ! -e "l.$f" ]
        expect_not_in err $'\033'
    done
}

test_every_example_draft_exports_in_every_format() {
    local n=0
    for draft in "$FIXTURES"/../../examples/*.json; do
        n=$((n + 1))
        for what in letter phone voicemail followups linkedin all; do
            for fmt in $(formats_of $what); do
                run "$AJAR" export "$draft" -w $what -f $fmt -o "x.$fmt"
                if [ "$status" != 0 ]; then echo "$(basename "$draft"): $what as $fmt"; fi
                expect_status 0
                case $fmt in eml | csv | ics | mailto) parsed "$fmt" "x.$fmt" ;; esac
            done
        done
    done
    [ "$n" -ge 4 ]
}

test_a_draft_with_nothing_in_it() {
    printf '{"ajar": 1}\n' > d.json
    run "$AJAR" export d.json; expect_status 0; expect_in out "Subject: "
    run "$AJAR" export d.json -w followups -o plan.ics; expect_status 1
    expect_in err "d.json: contacts: there are none, so the plan has nothing to put in a calendar"
    expect_in err "add them with: ajar set d.json 'contacts[+].name=NAME'"
    [ ! -e plan.ics ]
    run "$AJAR" export d.json -w followups -f csv; expect_status 0
    [ "$(cat out)" = "$(printf 'name,role,title,channel,email,phone,linkedin,when,message,note,checkins\r')" ]
    run "$AJAR" export d.json -f mailto; expect_status 0
    expect_in err "warning: d.json: contacts: the letter goes to no one in particular"
    run "$AJAR" export d.json -w all -f json; expect_status 0
    expect_eq "$(pyq out 'd["followups"]')" "[]"
}
