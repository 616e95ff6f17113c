# check.sh — `ajar check`: findings with rule, severity, field and suggestion; the summary; exit codes; --today, --json.

test_check_good_draft_exits_0_with_all_eight_rules() {
    cp "$FIXTURES/drafts/full.json" d.json
    run "$AJAR" check d.json; expect_status 0
    expect_in out "Checklist, 8 of 8 met: ✓ prompt ✓ honest ✓ positive ✓ appreciative ✓ personal ✓ inclusive ✓ resource ✓ stay-in-touch"
    expect_in out "No findings."
    [ ! -s err ]
}

test_check_findings_name_rule_severity_field_and_suggestion() {
    cp "$FIXTURES/drafts/full.json" d.json
    "$AJAR" set d.json offer.decided_on=2026-11-17 'reason.detail=an offer from Globex, and I am not sure' \
        'positives[0]=even the rude parts'
    run "$AJAR" check d.json; expect_status 1
    expect_in out "warning  late-decision   offer.decided_on  You decided 3 days ago; the company is still waiting for your answer."
    expect_in out "         → Send the letter today, after a short call if you can manage one."
    expect_in out "warning  wavering        reason.detail     “not sure” makes the decision sound open"
    expect_in out "warning  other-company   reason.detail     This names Globex, another company"
    expect_in out "warning  negative-words  positives[0]      “rude” can sound negative"
    expect_in out "Checklist, 5 of 8 met: ✗ prompt ✗ honest ✗ positive ✓ appreciative"
    expect_in out "4 findings: 0 errors, 4 warnings, 0 info."
    # one block per finding: the finding's line, the suggestion, a blank line
    [ "$(grep -c '^warning  ' out)" = 4 ]
    [ "$(grep -c '^         → ' out)" = 4 ]
}

test_check_info_only_exits_0() {
    cp "$FIXTURES/drafts/full.json" d.json
    "$AJAR" set d.json thanks.for=null offer.medium=email
    run "$AJAR" check d.json; expect_status 0
    expect_in out "info     no-thanks   thanks.for    You have not said what you are thanking them for"
    expect_in out "info     email-only  offer.medium  You plan to decline by e-mail alone."
    expect_in out "2 findings: 0 errors, 0 warnings, 2 info."
}

test_check_today_option_and_errors_first() {
    cp "$FIXTURES/drafts/full.json" d.json
    run "$AJAR" check --today 2026-11-19 d.json; expect_status 0
    run "$AJAR" check d.json --today 2026-11-30; expect_status 1
    head -1 out | grep -q '^error    deadline-passed *offer.respond_by *Your answer was due on Friday 27 November 2026, 3 days ago.'
    expect_in out "warning  late-decision"
    expect_in out "offer.decided_on"
    expect_in out "You decided 11 days ago"
    # AJAR_TODAY is the default for --today
    run env AJAR_TODAY=2026-11-26 "$AJAR" check d.json; expect_status 1
    expect_in out "info     deadline-close"
    expect_in out "Your answer is due on Friday 27 November 2026."
}

test_check_send_time() {
    cp "$FIXTURES/drafts/full.json" d.json
    "$AJAR" set d.json 'offer.send_at=2026-11-20 12:30'
    run "$AJAR" check d.json; expect_status 0
    expect_in out "info     send-friday-afternoon  offer.send_at  A letter sent on a Friday afternoon (12:30)"
    "$AJAR" set d.json 'offer.send_at=2026-11-20 11:30'
    run "$AJAR" check d.json; expect_status 0; expect_in out "No findings."
    "$AJAR" set d.json 'offer.send_at=2026-11-22 10:00'
    run "$AJAR" check d.json; expect_status 1
    expect_in out "warning  send-outside-hours  offer.send_at  You plan to send it on Sunday at 10:00"
    run "$AJAR" set d.json 'offer.send_at=2026-11-20T10:00'; expect_status 1
    expect_in err "offer.send_at: \"2026-11-20T10:00\" is not a real local date and time written YYYY-MM-DD HH:MM"
}

test_check_linkedin_limit() {
    cp "$FIXTURES/drafts/full.json" d.json
    "$AJAR" set d.json 'contacts[1].talked_about=how on-call handovers work across time zones, the follow-the-sun rotation, the runbooks in the wiki and the Friday incident reviews'
    run "$AJAR" check d.json; expect_status 0
    expect_in out "info     linkedin-note-shortened  contacts[1].talked_about  The LinkedIn note for 李娜 had to be cut down to fit 200 characters."
    run "$AJAR" check d.json --linkedin-limit 300; expect_status 0
    expect_in out "No findings."
}

test_check_json_output_parses() {
    cp "$FIXTURES/drafts/full.json" d.json
    "$AJAR" set d.json 'reason.detail=my boss was awful' thanks.for=null
    run "$AJAR" check --json d.json; expect_status 1
    python3 -c 'import json,sys; json.load(sys.stdin)' < out
    python3 - out <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["file"] == "d.json" and doc["today"] == "2026-11-20", doc
rules = [(f["rule"], f["severity"], f["field"]) for f in doc["findings"]]
assert ("negative-words", "warning", "reason.detail") in rules, rules
assert ("sensitive-reason", "warning", "reason.detail") in rules, rules
assert ("no-thanks", "info", "thanks.for") in rules, rules
assert rules[-1][1] == "info", rules
for f in doc["findings"]:
    assert f["message"] and f["suggestion"], f
neg = [f for f in doc["findings"] if f["rule"] == "negative-words"][0]
assert neg["checklist"] == "positive" and "“awful”" in neg["message"], neg
assert [c["id"] for c in doc["checklist"]] == ["prompt", "honest", "positive", "appreciative",
    "personal", "inclusive", "resource", "stay-in-touch"], doc["checklist"]
met = {c["id"]: c["fulfilled"] for c in doc["checklist"]}
assert met["positive"] is False and met["honest"] is False and met["resource"] is True, met
assert doc["checklist"][0]["title"] == "Be prompt"
assert doc["counts"] == {"error": 0, "warning": 2, "info": 1}, doc["counts"]
EOF
    cp "$FIXTURES/drafts/full.json" good.json
    run "$AJAR" check -j good.json; expect_status 0
    python3 -c 'import json,sys; d = json.load(sys.stdin); assert d["findings"] == [], d' < out
}

test_check_usage_errors_exit_2() {
    cp "$FIXTURES/drafts/full.json" d.json
    run "$AJAR" check; expect_status 2; expect_in err "name the draft FILE to check"
    run "$AJAR" check d.json d.json; expect_status 2; expect_in err "expected one draft FILE"
    run "$AJAR" check d.json --today 2026-02-30; expect_status 2
    expect_in err "--today wants a real date written YYYY-MM-DD, not '2026-02-30'"
    run "$AJAR" check d.json --today; expect_status 2; expect_in err "needs a value"
    run "$AJAR" check d.json --linkedin-limit 49; expect_status 2; expect_in err "--linkedin-limit wants"
    run "$AJAR" check d.json --linkedin-limit 2001; expect_status 2
    run "$AJAR" check d.json --linkedin-limit 20x; expect_status 2
    run "$AJAR" check --bogus d.json; expect_status 2; expect_in err "unknown option '--bogus'"
    run env AJAR_TODAY=soon "$AJAR" check d.json; expect_status 2; expect_in err "AJAR_TODAY"
    run "$AJAR" help check; expect_status 0
    expect_in out "Usage: ajar check FILE [options]"
    expect_in out "--linkedin-limit N"
    expect_in out "--json"
}

test_check_bad_or_missing_draft() {
    run "$AJAR" check missing.json; expect_status 3; expect_in err "missing.json"
    printf '{"ajar": 1, "tone": "loud"}\n' > bad.json
    run "$AJAR" check bad.json; expect_status 1
    expect_in err "bad.json: tone: \"loud\" is not one of"
    [ ! -s out ]
}

test_check_broken_rules_file_exits_3_with_position() {
    mkdir -p dd/prompts
    cp -R "${AJAR_REPO:?}/data" dd/
    python3 - dd/data/checks.json <<'EOF'
import sys
path = sys.argv[1]
text = open(path).read()
text = text.replace('"lists": ["wavering"],', '"lists": ["wavering"], "words": ["ok", 7],', 1)
open(path, "w").write(text)
EOF
    line=$(grep -n '"words": \["ok", 7\]' dd/data/checks.json | cut -d: -f1)
    cp "$FIXTURES/drafts/full.json" d.json
    run env AJAR_DATA_DIR="$PWD/dd" "$AJAR" check d.json; expect_status 3
    expect_in err "dd/data/checks.json:$line:"
    expect_in err "rules[9].words[1]: expected a non-empty string, found a number"
    [ ! -s out ]
    rm dd/data/checks.json
    run env AJAR_DATA_DIR="$PWD/dd" "$AJAR" check d.json; expect_status 3
    expect_in err "checks.json"
}

test_check_never_prints_escape_sequences() {
    cp "$FIXTURES/drafts/full.json" $'\e]0;x\a.json'
    run "$AJAR" check $'\e]0;x\a.json'; expect_status 0
    run "$AJAR" check --json $'\e]0;x\a.json'; expect_status 0
    expect_not_in out $'\x1b'
    python3 -c 'import json,sys; assert json.load(sys.stdin)["file"] == "\x1b]0;x\x07.json"' < out
}
