# install.sh — `make install` puts the binary, prompts/ and data/ where the installed ajar finds them.

test_install_into_destdir_and_run_from_there() {
    make -s -C "${AJAR_REPO:?}" install DESTDIR="$PWD/root" PREFIX=/opt/ajar >make.log 2>&1 || { cat make.log; false; }
    [ -x root/opt/ajar/bin/ajar ]
    [ -d root/opt/ajar/share/ajar/prompts ] && [ -d root/opt/ajar/share/ajar/data ]
    run env -u AJAR_DATA_DIR root/opt/ajar/bin/ajar --version; expect_status 0
    run env -u AJAR_DATA_DIR root/opt/ajar/bin/ajar --help; expect_status 0
    expect_in out "Prompts and templates: $PWD/root/opt/ajar/share/ajar"
    make -s -C "$AJAR_REPO" uninstall DESTDIR="$PWD/root" PREFIX=/opt/ajar >/dev/null 2>&1
    [ ! -e root/opt/ajar/bin/ajar ] && [ ! -e root/opt/ajar/share/ajar ]
}
