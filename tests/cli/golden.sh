# golden.sh — every output of every example compared with the files under tests/golden/,
# and the e-mail, CSV and calendar files read back by independent parsers.
# After a deliberate change: tests/golden/update.sh, then review git diff.

. "$AJAR_REPO/tests/golden/outputs.sh"
export XDG_CONFIG_HOME="$PWD/no-user-templates"

# parse_clean KIND FILE: an independent parser reads FILE and finds no problem in it.
parse_clean() {
    python3 "$AJAR_REPO/tests/tools/parse_exports.py" "$1" "$2" >parsed.json
    python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["problems"]; sys.exit(1 if p else 0)' \
        parsed.json || { echo "$2: problems: $(cat parsed.json)"; return 1; }
}

# compare EXAMPLE: renders it afresh and diffs every file with the golden copy.
compare() {
    local example=$1 want="$AJAR_REPO/tests/golden/$1" f failed=0
    golden_render "$example" got
    for f in "$want"/*; do
        if ! cmp -s "$f" "got/$(basename "$f")"; then
            echo "$example/$(basename "$f") differs from the golden file:"
            diff "$f" "got/$(basename "$f")" | head -20
            failed=1
        fi
    done
    [ "$(ls got | wc -l)" = "$(ls "$want" | wc -l)" ] || { echo "$example: file count differs"; failed=1; }
    parse_clean eml "$want/letter.eml"
    parse_clean csv "$want/followups.csv"
    parse_clean csv "$want/linkedin.csv"
    parse_clean ics "$want/followups.ics"
    parse_clean ics "$want/todo.ics"
    parse_clean mailto "$want/letter.mailto"
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$want/all.json"
    return $failed
}

test_golden_offer_warm() { compare offer-warm; }
test_golden_recruiter_brief() { compare recruiter-brief; }
test_golden_former_employer_formal() { compare former-employer-formal; }
test_golden_after_acceptance_warm() { compare after-acceptance-warm; }

test_every_example_has_golden_files() {
    local f
    for f in "$AJAR_REPO"/examples/*.json; do
        [ -d "$AJAR_REPO/tests/golden/$(basename "$f" .json)" ] || { echo "no golden files for $f"; return 1; }
        grep -q "compare $(basename "$f" .json);" "$AJAR_REPO/tests/cli/golden.sh" || { echo "no test for $f"; return 1; }
    done
}

test_names_in_every_script_come_out_intact() {
    # accents, CJK, Arabic and Hebrew, as the examples hold them
    expect_in "$AJAR_REPO/tests/golden/offer-warm/all.txt" "Zoë Ångström"
    expect_in "$AJAR_REPO/tests/golden/offer-warm/followups.csv" "李娜"
    expect_in "$AJAR_REPO/tests/golden/former-employer-formal/letter-formal.txt" "مريم حداد"
    expect_in "$AJAR_REPO/tests/golden/recruiter-brief/all.json" "שרה כהן"
    expect_in "$AJAR_REPO/tests/golden/recruiter-brief/all.md" "Lucía Gómez"
}
