# manpage.sh — docs/ajar.1 keeps up with the program: every command and option of the help is in it, and it renders cleanly.

# man_text PAGE: the page's source with the roff escapes for hyphens, fonts
# and zero-width breaks taken out, so "\fB\-\-today\fR \fIDATE\fR" reads
# "--today DATE".
man_text() {
    sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' -e 's/\\f\[[^]]*\]//g' \
        -e 's/\\&//g' -e 's/\\%//g' -e 's/\\e/\\/g' "$1"
}

# help_options FILE: the option lines of a help text ("  -s, --scenario S   offer ..."),
# as "-s, --scenario S", one a line.
help_options() {
    sed -nE 's/^ +((-[A-Za-z], )?--[a-z][a-z-]*( [A-Z]+)?)( {2,}.*)?$/\1/p' "$1"
}

test_man_page_names_every_command_and_option() {
    local page="${AJAR_REPO:?}/docs/ajar.1" cmd usage opt n=0
    [ -f "$page" ] || { echo "there is no man page at docs/ajar.1"; return 1; }
    man_text "$page" >page.txt

    run "$AJAR" --help; expect_status 0
    sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' out >commands
    [ "$(wc -l <commands)" -ge 9 ] || { echo "no commands found in ajar --help:"; cat out; return 1; }
    help_options out >options
    [ -s options ] || { echo "no options found in ajar --help"; return 1; }
    while read -r opt; do expect_in page.txt "$opt"; done <options

    while read -r cmd; do
        run "$AJAR" help "$cmd"; expect_status 0
        # The command's part of the page: from ".SS ajar CMD" to the next heading.
        awk -v h=".SS ajar $cmd" '$0 == h { on = 1; next } on && /^\.S[HS]( |$)/ { exit } on' \
            page.txt >section
        [ -s section ] || { echo "docs/ajar.1 has no section '.SS ajar $cmd'"; return 1; }
        usage=$(sed -n 's/^Usage: //p' out)
        [ -n "$usage" ] || { echo "ajar help $cmd prints no Usage line"; return 1; }
        expect_in section "$usage"
        # Every option as the help writes it (short form, long form, argument) ...
        help_options out >options
        while read -r opt; do expect_in section "$opt"; n=$((n + 1)); done <options
        # ... and every long option the help mentions at all.
        grep -oE -- '--[a-z][a-z-]*' out | sort -u >long || true
        while read -r opt; do expect_in section "$opt"; done <long
    done <commands
    # export alone has six options: the parsing above did find them
    [ "$n" -ge 15 ] || { echo "only $n options found in the commands' help"; return 1; }

    if ! command -v groff >/dev/null 2>&1; then
        echo "groff is not installed: the page's rendering is not checked"
        return 0
    fi
    # groff (without preconv) and mandoc read ASCII: other characters are escapes
    if LC_ALL=C grep -n '[^[:print:][:space:]]' "$page" >nonascii; then
        echo "docs/ajar.1 has characters other than ASCII:"; cat nonascii; return 1
    fi
    # as one long page (a terminal) and cut into pages (man without a terminal);
    # -P-cbu: plain text, without bold or underline made by overstriking
    for cr in 1 0; do
        LC_ALL=C.UTF-8 groff -t -man -Tutf8 -ww -rcR=$cr -P-cbu "$page" >rendered 2>warnings || {
            echo "groff failed on docs/ajar.1"; cat warnings; return 1
        }
        if [ -s warnings ]; then
            echo "groff warns about docs/ajar.1 (-rcR=$cr):"; cat warnings; return 1
        fi
    done
    expect_in rendered "ajar - decline a job offer and leave the door open"
    expect_in rendered "EXIT STATUS"
}
