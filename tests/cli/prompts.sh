# prompts.sh — the wizard's step files (prompts/*.json) against docs/prompts.md and the draft format.

test_prompt_files_are_complete() {
    run python3 "${AJAR_REPO:?}/tests/tools/check_prompts.py" "$AJAR_REPO"; expect_status 0
    expect_in out "10 step files"
    expect_in out "all well"
}

# A copy of the documents and step files that the checker can be pointed at, then broken.
prompts_copy_repo() {
    mkdir -p repo
    cp -R "$AJAR_REPO/docs" "$AJAR_REPO/prompts" repo/
}

# prompts_edit FILE PYTHON: runs PYTHON with the step file's JSON as `d`, and writes `d` back.
prompts_edit() {
    python3 - "repo/prompts/$1" "$2" <<'EOF'
import json, sys
path, code = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    d = json.load(f)
exec(code)
with open(path, "w", encoding="utf-8") as f:
    json.dump(d, f, ensure_ascii=False, indent=2)
EOF
}

test_prompt_checker_names_each_mistake() {
    prompts_copy_repo
    prompts_edit 02-honest.json 'del d["fields"][0]["choices"]["timing"]'
    prompts_edit 03-positive.json 'd["fields"][0]["hint"] = "x" * 80'
    prompts_edit 05-personal.json 'd["fields"].append(dict(d["fields"][0]))'
    prompts_edit 04-appreciative.json 'd["fields"].pop()'
    prompts_edit 00-offer.json 'd["fields"].insert(1, d["fields"].pop(0))'
    prompts_edit 01-prompt.json 'd["rule"] = "Only one line."'
    run python3 "${AJAR_REPO:?}/tests/tools/check_prompts.py" repo; expect_status 1
    expect_in out 'prompts/02-honest.json: fields[0].choices: no label for the choice "timing"'
    expect_in out 'prompts/03-positive.json: fields[0].hint: 80 characters, at most 76'
    expect_in out '"tone" is asked more than once'
    expect_in out 'no step asks the draft field "thanks.honour"'
    expect_in out 'prompts/00-offer.json: fields[0]: the first question must ask for me.name'
    expect_in out 'prompts/01-prompt.json: rule: 1 lines, expected 2 or 3'
    expect_in err 'problem(s) in the step files'
}

test_prompt_checker_reports_syntax_and_missing_files() {
    prompts_copy_repo
    printf '{"id": "honest",\n  "title": "Be honest",}\n' > repo/prompts/02-honest.json
    rm repo/prompts/09-review.json
    run python3 "${AJAR_REPO:?}/tests/tools/check_prompts.py" repo; expect_status 1
    expect_in out 'prompts/02-honest.json:2:24: not valid JSON'
    expect_in out 'prompts/09-review.json: missing'
    rm -r repo/docs
    run python3 "${AJAR_REPO:?}/tests/tools/check_prompts.py" repo; expect_status 2
    expect_in err 'docs/draft-format.md: cannot read it'
}
