# outputs.sh — the list of golden outputs: one line per file, "NAME ARGS...", sourced by
# tests/cli/golden.sh (which compares) and tests/golden/update.sh (which writes).
# Every example in examples/ gets each of these; LETTER_TONES adds its letter in every tone.
GOLDEN_OUTPUTS='
all.txt -w all -f txt
all.md -w all -f md
all.json -w all -f json
letter.eml -w letter -f eml
letter.mailto -w letter -f mailto
phone.txt -w phone -f txt
voicemail.txt -w voicemail -f txt
followups.csv -w followups -f csv
followups.ics -w followups -f ics
todo.ics -w followups -f ics --todo
linkedin.csv -w linkedin -f csv
linkedin-300.txt -w linkedin -f txt --linkedin-limit 300
'
GOLDEN_TONES='warm formal brief'
GOLDEN_TODAY=2026-11-20

# golden_render EXAMPLE OUTDIR: writes every golden output of examples/EXAMPLE.json to OUTDIR.
golden_render() {
    local example=$1 out=$2 name args tone
    mkdir -p "$out"
    while read -r name args; do
        [ -n "$name" ] || continue
        # shellcheck disable=SC2086
        TZ=UTC LC_ALL=C.UTF-8 "$AJAR" export "$AJAR_REPO/examples/$example.json" \
            --today "$GOLDEN_TODAY" $args -o "$out/$name"
    done <<<"$GOLDEN_OUTPUTS"
    for tone in $GOLDEN_TONES; do
        cp "$AJAR_REPO/examples/$example.json" "$out/.tone.json"
        "$AJAR" set "$out/.tone.json" "tone=$tone"
        TZ=UTC LC_ALL=C.UTF-8 "$AJAR" export "$out/.tone.json" --today "$GOLDEN_TODAY" \
            -w letter -f txt -o "$out/letter-$tone.txt"
        rm -f "$out/.tone.json"
    done
}
