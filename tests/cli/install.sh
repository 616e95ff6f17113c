# install.sh — `make install` puts the binary, prompts/ and data/ where the installed ajar finds them, and the man page where man does.

test_install_into_destdir_and_run_from_there() {
    make -s -C "${AJAR_REPO:?}" install DESTDIR="$PWD/root" PREFIX=/opt/ajar >make.log 2>&1 || { cat make.log; false; }
    [ -x root/opt/ajar/bin/ajar ]
    [ -d root/opt/ajar/share/ajar/prompts ] && [ -d root/opt/ajar/share/ajar/data ]
    run env -u AJAR_DATA_DIR root/opt/ajar/bin/ajar --version; expect_status 0
    run env -u AJAR_DATA_DIR root/opt/ajar/bin/ajar --help; expect_status 0
    expect_in out "Prompts and templates: $PWD/root/opt/ajar/share/ajar"
    # the man page, in $(PREFIX)/share/man/man1, readable by all
    [ -f root/opt/ajar/share/man/man1/ajar.1 ] || { echo "man page not installed"; find root; false; }
    same_file root/opt/ajar/share/man/man1/ajar.1 "$AJAR_REPO/docs/ajar.1"
    [ "$(stat -c %a root/opt/ajar/share/man/man1/ajar.1)" = 644 ]
    make -s -C "$AJAR_REPO" uninstall DESTDIR="$PWD/root" PREFIX=/opt/ajar >/dev/null 2>&1
    [ ! -e root/opt/ajar/bin/ajar ] && [ ! -e root/opt/ajar/share/ajar ]
    [ ! -e root/opt/ajar/share/man/man1/ajar.1 ]
}

test_install_puts_the_man_page_under_usr_share_man() {
    make -s -C "${AJAR_REPO:?}" install DESTDIR="$PWD/x" PREFIX=/usr >make.log 2>&1 || { cat make.log; false; }
    same_file x/usr/share/man/man1/ajar.1 "$AJAR_REPO/docs/ajar.1"
    if command -v man >/dev/null 2>&1; then
        run env MANWIDTH=80 man -l x/usr/share/man/man1/ajar.1; expect_status 0
        expect_in out "ajar - decline a job offer and leave the door open"
    fi
}
