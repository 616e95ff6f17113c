# template.sh — `ajar template`: rendering, partials, escaping, errors with line and column.

test_renders_data_and_partials_from_the_template_folder() {
    mkdir tpl
    printf 'Dear {{name}},\n{{#items}}- {{.}}\n{{/items}}{{>sign}}' > tpl/letter.mustache
    printf '%s\n' '— {{name}}' > tpl/sign.mustache
    echo '{"name": "Zoë Ångström", "items": ["李娜", "ليلى حداد"]}' > data.json
    run "$AJAR" template tpl/letter.mustache data.json; expect_status 0
    printf 'Dear Zoë Ångström,\n- 李娜\n- ليلى حداد\n— Zoë Ångström\n' > want
    same_file out want
    [ ! -s err ]
}

test_partials_folder_option_and_missing_partials_warn() {
    mkdir parts
    printf 'P:{{x}}' > parts/p.mustache
    printf '{{>p}}|{{>nope}}|{{>../etc}}' > t.mustache
    run "$AJAR" template --partials parts t.mustache; expect_status 0
    [ "$(cat out)" = "P:||" ]
    expect_in err "warning: no partial nope (parts/nope.mustache)"
    expect_in err "warning: no partial ../etc (not a plain file name)"
}

test_escaping_is_a_choice() {
    printf '{{v}}|{{{v}}}' > t.mustache
    echo '{"v": "<a href=\"x\">&</a>"}' > d.json
    run "$AJAR" template t.mustache d.json; expect_status 0
    [ "$(cat out)" = '<a href="x">&</a>|<a href="x">&</a>' ]
    run "$AJAR" template --escape html t.mustache d.json; expect_status 0
    [ "$(cat out)" = '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;|<a href="x">&</a>' ]
    run "$AJAR" template --escape xml t.mustache d.json; expect_status 2
}

test_any_json_value_is_data() {
    printf '{{#.}}[{{.}}]{{/.}}' > t.mustache
    echo '[1, 2.5, "x"]' > d.json
    run "$AJAR" template t.mustache d.json; expect_status 0
    [ "$(cat out)" = "[1][2.5][x]" ]
}

test_errors_name_file_line_and_column() {
    printf 'ok\n  {{#contacts}}\n{{name}}\n' > unclosed.mustache
    run "$AJAR" template unclosed.mustache; expect_status 1
    expect_in err 'ajar: unclosed.mustache:2:3: section "contacts" opened at line 2 column 3 is never closed'
    printf '{{#a}}\n{{/b}}' > mismatch.mustache
    run "$AJAR" template mismatch.mustache; expect_status 1
    expect_in err 'mismatch.mustache:2:1: closing tag "b" does not match'
    printf 'x' > t.mustache
    printf '{"a": 1,}' > bad.json
    run "$AJAR" template t.mustache bad.json; expect_status 1
    expect_in err "bad.json:1:9: a comma before '}'"
    run "$AJAR" template missing.mustache; expect_status 3
}

test_no_terminal_escapes_reach_the_output() {
    printf '{{v}}' > t.mustache
    echo '{"v": "a\u001b]0;pwn\u0007b\u009bc"}' > d.json
    run "$AJAR" template t.mustache d.json; expect_status 0
    expect_not_in out $'\x1b'
    expect_not_in out $'\xc2\x9b'
    expect_in out 'a\x1b]0;pwn\x07b\u009bc'
}

test_draft_gives_the_data_ajar_templates_see() {
    printf 'Hi {{recipient.first}}, {{others_names}}: {{reason.sentence}}\n' > t.mustache
    run "$AJAR" template t.mustache --draft "$FIXTURES/drafts/full.json"; expect_status 0
    expect_in out "Hi Tomás, 李娜: I have accepted another offer, for a role focused on the observability"
    run "$AJAR" template --draft "$FIXTURES/drafts/full.json" --show-data; expect_status 0
    python3 -c 'import json,sys; v=json.load(open("out")); assert v["recipient"]["first"] == "Tomás"; assert v["contacts"][1]["note"]'
    run "$AJAR" template --show-data; expect_status 2
    run "$AJAR" template t.mustache --draft missing.json; expect_status 3
    expect_in err "missing.json"
}
