# storage.sh — `ajar set` under injected faults, odd targets, read-only folders and a held lock.

setup_draft() {
    cp "$FIXTURES/drafts/full.json" d.json
    "$AJAR" set d.json tone=warm   # rewrite in ajar's own layout
    cp d.json before.json
}

# fault SPEC [AFTER]: `ajar set` must fail with exit 3, leave d.json as it was and no temp file.
fault() {
    setup_draft
    FAILIO_AFTER=${2:-0} failio "$1" "$AJAR" set d.json tone=brief
    expect_status 3
    expect_in err "d.json: not changed"
    same_file d.json before.json
    no_temp_files .
    [ ! -e .d.json.lock ]
}

test_write_fails_with_no_space() {
    FAILIO_PATH=tmp- fault write:ENOSPC
    expect_in err "ajar: cannot write d.json: No space left on device"
}

test_write_fails_with_io_error() {
    FAILIO_PATH=tmp- fault write:EIO
    expect_in err "cannot write d.json: Input/output error"
}

test_fsync_fails() {
    FAILIO_PATH=tmp- fault fsync:EIO
    expect_in err "cannot flush d.json to disk: Input/output error"
}

test_rename_fails() {
    FAILIO_PATH=tmp- fault rename:EIO
    expect_in err "cannot replace d.json: Input/output error"
}

test_folder_fsync_fails_and_old_draft_is_restored() {
    FAILIO_PATH="$PWD" fault fsync:EIO 1
    expect_in err "cannot flush the folder of d.json to disk"
}

test_short_writes_still_save_everything() {
    setup_draft
    FAILIO_PATH=tmp- failio write:SHORT "$AJAR" set d.json tone=brief
    expect_status 0
    [ "$("$AJAR" get d.json tone)" = brief ]
    "$AJAR" validate -q d.json
    no_temp_files .
}

test_read_only_folder_as_an_ordinary_user() {
    mkdir ro
    cp "$FIXTURES/drafts/full.json" ro/d.json
    cp ro/d.json before.json
    if [ "$(id -u)" = 0 ]; then
        chown -R 65534:65534 ro
        chmod 555 ro
        run setpriv --reuid=65534 --regid=65534 --clear-groups "$AJAR" set ro/d.json tone=brief
    else
        chmod 555 ro
        run "$AJAR" set ro/d.json tone=brief
    fi
    expect_status 3
    expect_in err "cannot create the lock file ro/.d.json.lock: Permission denied"
    same_file ro/d.json before.json
}

test_draft_replaced_by_a_folder() {
    mkdir d.json
    run "$AJAR" set d.json tone=brief; expect_status 3
    expect_in err "not a regular file"
    [ -d d.json ]
    run "$AJAR" validate d.json; expect_status 1
}

test_dangling_symlink() {
    ln -s nowhere.json d.json
    run "$AJAR" set d.json tone=brief; expect_status 3
    expect_in err "nowhere.json"
    [ -L d.json ] && [ ! -e nowhere.json ]
    run "$AJAR" new -o d.json; expect_status 3; expect_in err "already exists"
}

test_symlinked_draft_is_saved_through_the_link() {
    mkdir real
    cp "$FIXTURES/drafts/full.json" real/d.json
    ln -s real/d.json link.json
    run "$AJAR" set link.json tone=formal; expect_status 0
    [ -L link.json ]
    [ "$("$AJAR" get real/d.json tone)" = formal ]
}

test_second_editor_is_refused() {
    setup_draft
    exec 9>.d.json.lock
    flock -n 9
    run "$AJAR" set d.json tone=brief
    exec 9>&-
    expect_status 3
    expect_in err "is open in another ajar"
    same_file d.json before.json
    run "$AJAR" set d.json tone=brief; expect_status 0
}
