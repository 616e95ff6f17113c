/* test_store.c — atomic saves under injected faults, bounded reads, draft locks, the drafts folder. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ajar/error.h"
#include "ajar/store.h"
#include "ajar/store_io.h"

Suite *store_suite(void);

/* The uid/gid a root test drops to so that folder permissions apply. */
#define NOBODY 65534
/* Exit code of a helper process that could not set itself up. */
#define SKIP 77

/* ---- fixtures and helpers ------------------------------------------------------ */

/* Short paths keep every message of a test far below the buffers' sizes. */
#define SHORT_PATH 200
#define MSG_SIZE 4096
static char base_dir[SHORT_PATH]; /* per test case, made and removed by the parent */
static char tdir[SHORT_PATH + 16]; /* per test, inside base_dir */

static int remove_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(p);
    return 0;
}

static int open_up(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag == FTW_D && !S_ISLNK(st->st_mode))
        chmod(p, 0700);
    return 0;
}

static void rm_rf(const char *dir)
{
    nftw(dir, open_up, 16, FTW_PHYS);
    nftw(dir, remove_one, 16, FTW_PHYS | FTW_DEPTH);
}

static void base_setup(void)
{
    const char *t = getenv("TMPDIR");
    if (!t || !*t || strlen(t) > SHORT_PATH - 20)
        t = "/tmp";
    snprintf(base_dir, sizeof base_dir, "%s/ajar-store-XXXXXX", t);
    ck_assert_ptr_nonnull(mkdtemp(base_dir));
}

static void base_teardown(void)
{
    rm_rf(base_dir);
}

static void test_setup(void)
{
    snprintf(tdir, sizeof tdir, "%s/t-XXXXXX", base_dir);
    ck_assert_ptr_nonnull(mkdtemp(tdir));
    umask(022);
}

static void test_teardown(void)
{
    ajar_store_io_set(NULL);
}

/* tdir/name, in one of a few rotating buffers. */
static const char *P(const char *name)
{
    static char bufs[8][2 * SHORT_PATH];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", tdir, name);
    return b;
}

static void put(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* The whole file as a new buffer, NULL when it cannot be opened. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    *len = n;
    return buf;
}

static void assert_file(const char *path, const char *data, size_t len)
{
    size_t n;
    char *got = slurp(path, &n);
    ck_assert_msg(got != NULL, "%s is missing", path);
    ck_assert_msg(n == len && memcmp(got, data, len) == 0, "%s: unexpected content (%zu bytes, want %zu)",
                  path, n, len);
    free(got);
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    return st.st_mode & 07777;
}

/* The names in dir, sorted, separated by spaces ("" for none). */
static const char *listing(const char *dir)
{
    static char out[4096];
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *nm = names[i]->d_name;
        if (strcmp(nm, ".") != 0 && strcmp(nm, "..") != 0) {
            if (out[0])
                strncat(out, " ", sizeof out - strlen(out) - 1);
            strncat(out, nm, sizeof out - strlen(out) - 1);
        }
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    return out;
}

/* Every error of the list as the user reads it, one per line. */
static const char *messages(const ajar_errors *errs)
{
    static char out[4096];
    out[0] = '\0';
    for (size_t i = 0; i < errs->count; i++) {
        char *s = ajar_error_format(&errs->items[i]);
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? "\n" : "", s ? s : "?");
        free(s);
    }
    return out;
}

#define assert_has(hay, needle) \
    ck_assert_msg(strstr((hay), (needle)) != NULL, "'%s' does not contain '%s'", (hay), (needle))

/* Reads everything from fd into a static buffer and closes it. */
static const char *drain(int fd)
{
    static char out[4096];
    size_t n = 0;
    ssize_t got;
    while (n < sizeof out - 1 && (got = read(fd, out + n, sizeof out - 1 - n)) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        n += (size_t)got;
    }
    out[n] = '\0';
    close(fd);
    return out;
}

/* Waits for a child and returns its exit code (-1 if it did not exit). */
static int wait_exit(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const char old_text[] = "{\"old\": \"content that must survive\"}\n";
#define OLD old_text, sizeof old_text - 1

/* ---- fault injection through the I/O table -------------------------------- */

enum fault_op { F_NONE, F_OPEN_TEMP, F_FCHMOD, F_WRITE, F_FSYNC_FILE, F_CLOSE, F_LINK, F_RENAME, F_FSYNC_DIR };

static struct {
    enum fault_op op;
    int err;
    int after;      /* calls of op that succeed before the failures start */
    int calls;
    size_t short_max; /* when > 0, writes move at most this many bytes */
    int eintr;        /* when set, every other write fails with EINTR first */
    int toggle;
    int link_err;     /* when set, every link fails with it */
} fk;

static ajar_store_io fake_io;

static int hit(enum fault_op op)
{
    if (fk.op != op)
        return 0;
    if (fk.calls++ < fk.after)
        return 0;
    errno = fk.err;
    return 1;
}

static int fake_open(const char *path, int flags, mode_t mode)
{
    if ((flags & O_CREAT) && strstr(path, ".tmp-") && hit(F_OPEN_TEMP))
        return -1;
    return ajar_store_io_system()->open(path, flags, mode);
}

static int fake_fchmod(int fd, mode_t mode)
{
    return hit(F_FCHMOD) ? -1 : ajar_store_io_system()->fchmod(fd, mode);
}

static ssize_t fake_write(int fd, const void *buf, size_t n)
{
    if (hit(F_WRITE))
        return -1;
    if (fk.eintr && (fk.toggle ^= 1)) {
        errno = EINTR;
        return -1;
    }
    if (fk.short_max && n > fk.short_max)
        n = fk.short_max;
    return ajar_store_io_system()->write(fd, buf, n);
}

static int fake_fsync(int fd)
{
    struct stat st;
    int dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
    return hit(dir ? F_FSYNC_DIR : F_FSYNC_FILE) ? -1 : ajar_store_io_system()->fsync(fd);
}

static int fake_close(int fd)
{
    int failing = hit(F_CLOSE);
    int r = ajar_store_io_system()->close(fd); /* Linux frees the fd even when close fails */
    if (failing) {
        errno = fk.err;
        return -1;
    }
    return r;
}

static int fake_link(const char *from, const char *to)
{
    if (fk.link_err) {
        errno = fk.link_err;
        return -1;
    }
    return hit(F_LINK) ? -1 : ajar_store_io_system()->link(from, to);
}

static int fake_rename(const char *from, const char *to)
{
    return hit(F_RENAME) ? -1 : ajar_store_io_system()->rename(from, to);
}

/* Makes store.c call the fakes, failing `op` with `err` after `after` calls. */
static void inject(enum fault_op op, int err, int after)
{
    memset(&fk, 0, sizeof fk);
    fk.op = op;
    fk.err = err;
    fk.after = after;
    fake_io = *ajar_store_io_system();
    fake_io.open = fake_open;
    fake_io.fchmod = fake_fchmod;
    fake_io.write = fake_write;
    fake_io.fsync = fake_fsync;
    fake_io.close = fake_close;
    fake_io.link = fake_link;
    fake_io.rename = fake_rename;
    ajar_store_io_set(&fake_io);
}

/* ---- atomic write: the happy path ------------------------------------------------ */

START_TEST(write_then_read_back)
{
    ajar_errors errs = {0};
    static const char data[] = "line 1\n\0binary\xff\n";
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), data, sizeof data - 1, &errs), AJAR_OK);
    ck_assert_uint_eq(errs.count, 0);
    assert_file(P("d.json"), data, sizeof data - 1);

    char *got;
    size_t len;
    ck_assert_int_eq(ajar_store_read_file(P("d.json"), 1024, &got, &len, &errs), AJAR_OK);
    ck_assert_uint_eq(len, sizeof data - 1);
    ck_assert_int_eq(memcmp(got, data, len), 0);
    ck_assert_int_eq(got[len], '\0');
    free(got);

    /* empty content is a valid save too */
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), NULL, 0, &errs), AJAR_OK);
    assert_file(P("d.json"), "", 0);
    ck_assert_str_eq(listing(tdir), "d.json");
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(replace_keeps_nothing_of_old_content)
{
    ajar_errors errs = {0};
    char big[5000];
    memset(big, 'x', sizeof big);
    put(P("d.json"), big, sizeof big);
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), "short", 5, &errs), AJAR_OK);
    assert_file(P("d.json"), "short", 5);
    /* and the other way round: a longer file after a shorter one */
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), big, sizeof big, &errs), AJAR_OK);
    assert_file(P("d.json"), big, sizeof big);
    ck_assert_uint_eq(errs.count, 0);
    ajar_errors_clear(&errs);
}
END_TEST

/* Mode 0600 whatever the umask, also when the old file was 0644. */
static const mode_t umasks[] = {000, 077, 022, 0777};

START_TEST(mode_is_0600_whatever_the_umask)
{
    ajar_errors errs = {0};
    put(P("old.json"), OLD);
    chmod(P("old.json"), 0644);
    umask(umasks[_i]);
    ck_assert_int_eq(ajar_store_write_atomic(P("new.json"), "a", 1, &errs), AJAR_OK);
    ck_assert_int_eq(ajar_store_write_atomic(P("old.json"), "b", 1, &errs), AJAR_OK);
    umask(022);
    ck_assert_uint_eq(errs.count, 0);
    ck_assert_uint_eq(mode_of(P("new.json")), 0600);
    ck_assert_uint_eq(mode_of(P("old.json")), 0600);
    /* the failing side: a plain file made under this umask gets what the
     * umask leaves (not 0600, except under 077) */
    umask(umasks[_i]);
    put(P("plain"), "c", 1);
    umask(022);
    ck_assert_uint_eq(mode_of(P("plain")), 0666 & ~umasks[_i]);
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(no_temp_left_after_success)
{
    ajar_errors errs = {0};
    put(P("d.json"), OLD);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), "new", 3, &errs), AJAR_OK);
    ck_assert_str_eq(listing(tdir), "d.json");
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(stale_temps_removed_on_next_save)
{
    ajar_errors errs = {0};
    put(P("d.json"), OLD);
    /* what a save killed after creating its temporary (and its backup) leaves */
    put(P(".d.json.tmp-Ab12Cd"), "half", 4);
    put(P(".d.json.tmp-Xy34Zw.old"), OLD);
    ck_assert_str_eq(listing(tdir), ".d.json.tmp-Ab12Cd .d.json.tmp-Xy34Zw.old d.json");
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), "new", 3, &errs), AJAR_OK);
    ck_assert_str_eq(listing(tdir), "d.json");
    assert_file(P("d.json"), "new", 3);
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(temps_of_other_names_untouched)
{
    ajar_errors errs = {0};
    const char *others[] = {".e.json.tmp-Ab12Cd", ".d.json2.tmp-Ab12Cd", ".d.jso.tmp-Ab12Cd",
                            "d.json.tmp-Ab12Cd",  ".d.json.tmpAb12Cd",   ".d.json.lock"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        put(P(others[i]), "keep", 4);
    mkdir(P(".d.json.tmp-folder"), 0700); /* only files are ever temporaries */
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), "new", 3, &errs), AJAR_OK);
    /* d.json itself is new; everything else is still there */
    ck_assert_str_eq(listing(tdir),
                     ".d.jso.tmp-Ab12Cd .d.json.lock .d.json.tmp-folder .d.json.tmpAb12Cd "
                     ".d.json2.tmp-Ab12Cd .e.json.tmp-Ab12Cd d.json d.json.tmp-Ab12Cd");
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        assert_file(P(others[i]), "keep", 4);
    ajar_errors_clear(&errs);
}
END_TEST

/* ---- atomic write: injected faults ------------------------------------------------- */

static const struct fault_case {
    enum fault_op op;
    int err;
    int after;
    const char *step; /* what the message must say */
} faults[] = {
    {F_WRITE, ENOSPC, 0, "cannot write "},
    {F_WRITE, EIO, 0, "cannot write "},
    {F_WRITE, ENOSPC, 3, "cannot write "}, /* after part of the data went out */
    {F_FSYNC_FILE, EIO, 0, "cannot flush "},
    {F_FSYNC_FILE, ENOSPC, 0, "cannot flush "},
    {F_RENAME, EIO, 0, "cannot replace "},
    {F_RENAME, ENOSPC, 0, "cannot replace "},
    {F_FSYNC_DIR, EIO, 0, "cannot flush the folder of "},
    {F_FSYNC_DIR, ENOSPC, 0, "cannot flush the folder of "},
    {F_OPEN_TEMP, EACCES, 0, "cannot create a temporary file beside "},
    {F_FCHMOD, EPERM, 0, "cannot set the permissions of the temporary file for "},
    {F_CLOSE, EIO, 0, "cannot write "},
};

START_TEST(injected_fault_leaves_old_file)
{
    const struct fault_case *fc = &faults[_i];
    ajar_errors errs = {0};
    char data[10000];
    memset(data, 'n', sizeof data);
    put(P("d.json"), OLD);

    inject(fc->op, fc->err, fc->after);
    fk.short_max = 1000; /* several writes, so "after 3" fails half way */
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), data, sizeof data, &errs), AJAR_E_IO);
    ck_assert_int_eq(errs.items[0].sys_errno, fc->err);
    char want[MSG_SIZE];
    snprintf(want, sizeof want, "%s%s", fc->step, P("d.json"));
    assert_has(messages(&errs), want);
    assert_has(messages(&errs), strerror(fc->err));
    assert_file(P("d.json"), OLD);
    ck_assert_str_eq(listing(tdir), "d.json");
    ajar_errors_clear(&errs);

    /* a first save that fails leaves no file at all */
    inject(fc->op, fc->err, fc->after);
    fk.short_max = 1000;
    ck_assert_int_eq(ajar_store_write_atomic(P("new.json"), data, sizeof data, &errs), AJAR_E_IO);
    ck_assert_str_eq(listing(tdir), "d.json");
    ajar_errors_clear(&errs);

    /* the passing side: the same fakes without the fault save fine */
    inject(F_NONE, 0, 0);
    fk.short_max = 1000;
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), data, sizeof data, &errs), AJAR_OK);
    assert_file(P("d.json"), data, sizeof data);
    ck_assert_str_eq(listing(tdir), "d.json");
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(short_and_interrupted_writes_are_retried)
{
    ajar_errors errs = {0};
    char data[3000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)('a' + i % 26);
    put(P("d.json"), OLD);
    inject(F_NONE, 0, 0);
    fk.short_max = 7;
    fk.eintr = 1;
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), data, sizeof data, &errs), AJAR_OK);
    assert_file(P("d.json"), data, sizeof data);
    ck_assert_str_eq(listing(tdir), "d.json");
    /* the failing side: a write error in the middle of the retries still fails */
    put(P("d.json"), OLD);
    inject(F_WRITE, EIO, 100);
    fk.short_max = 7;
    fk.eintr = 1;
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), data, sizeof data, &errs), AJAR_E_IO);
    ck_assert_int_eq(fk.calls, 101);
    assert_file(P("d.json"), OLD);
    ck_assert_str_eq(listing(tdir), "d.json");
    ajar_errors_clear(&errs);
}
END_TEST

/* Without a second name for the old file (no hard links) a failed folder
 * flush cannot be undone, and the caller is told. */
START_TEST(folder_flush_failure_without_undo_says_so)
{
    ajar_errors errs = {0};
    put(P("d.json"), OLD);
    inject(F_FSYNC_DIR, EIO, 0);
    fk.link_err = EPERM;
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), "new", 3, &errs), AJAR_E_IO);
    char want[MSG_SIZE];
    snprintf(want, sizeof want,
             "cannot flush the folder of %s to disk: %s\n"
             "%s holds the new content, but it may not survive a crash",
             P("d.json"), strerror(EIO), P("d.json"));
    ck_assert_str_eq(messages(&errs), want);
    assert_file(P("d.json"), "new", 3);
    ck_assert_str_eq(listing(tdir), "d.json");
    ajar_errors_clear(&errs);

    /* the passing side: without hard links a save that meets no fault works */
    inject(F_NONE, 0, 0);
    fk.link_err = EPERM;
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), "newer", 5, &errs), AJAR_OK);
    assert_file(P("d.json"), "newer", 5);
    ck_assert_str_eq(listing(tdir), "d.json");
    ajar_errors_clear(&errs);
}
END_TEST

/* ---- permissions and odd targets ------------------------------------------------- */

/* Saves P("ro/d.json") in a child running as `uid` (when not -1); the
 * child's messages go to *msg. Returns the child's status: 0 for AJAR_OK,
 * 1 for AJAR_E_IO, SKIP when privileges could not be dropped. */
static int save_as(uid_t uid, const char *path, const char **msg)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ne(pid, -1);
    if (pid == 0) {
        close(fds[0]);
        if (uid != (uid_t)-1 &&
            (setgroups(0, NULL) != 0 || setgid((gid_t)uid) != 0 || setuid(uid) != 0))
            _exit(SKIP);
        ajar_errors errs = {0};
        ajar_status rc = ajar_store_write_atomic(path, "new", 3, &errs);
        const char *m = messages(&errs);
        if (write(fds[1], m, strlen(m)) < 0)
            _exit(3);
        ajar_errors_clear(&errs);
        _exit(rc == AJAR_OK ? 0 : rc == AJAR_E_IO ? 1 : 2);
    }
    close(fds[1]);
    *msg = drain(fds[0]);
    return wait_exit(pid);
}

START_TEST(read_only_folder_refused)
{
    /* root ignores folder permissions, so the save runs as nobody */
    uid_t as = geteuid() == 0 ? NOBODY : (uid_t)-1;
    const char *ro = P("ro");
    ck_assert_int_eq(mkdir(ro, 0755), 0);
    put(P("ro/d.json"), OLD);
    if (as != (uid_t)-1) {
        chmod(base_dir, 0711);
        chmod(tdir, 0711);
        ck_assert_int_eq(chown(ro, as, as), 0);
        ck_assert_int_eq(chown(P("ro/d.json"), as, as), 0);
    }
    ck_assert_int_eq(chmod(ro, 0555), 0);

    const char *msg;
    int rc = save_as(as, P("ro/d.json"), &msg);
    if (rc == SKIP) {
        fprintf(stderr, "store: read_only_folder_refused skipped: cannot drop privileges\n");
        return;
    }
    ck_assert_int_eq(rc, 1);
    char want[MSG_SIZE];
    snprintf(want, sizeof want, "cannot create a temporary file beside %s: %s", P("ro/d.json"),
             strerror(EACCES));
    assert_has(msg, want);
    assert_file(P("ro/d.json"), OLD);
    ck_assert_str_eq(listing(ro), "d.json");

    /* the passing side: the same user saves once the folder is writable */
    ck_assert_int_eq(chmod(ro, 0755), 0);
    ck_assert_int_eq(save_as(as, P("ro/d.json"), &msg), 0);
    assert_file(P("ro/d.json"), "new", 3);
    ck_assert_str_eq(listing(ro), "d.json");
}
END_TEST

START_TEST(non_regular_target_refused)
{
    ajar_errors errs = {0};
    ck_assert_int_eq(mkdir(P("d.json"), 0700), 0);
    ck_assert_int_eq(ajar_store_write_atomic(P("d.json"), "new", 3, &errs), AJAR_E_IO);
    assert_has(messages(&errs), "it is a folder, not a regular file");
    assert_has(messages(&errs), P("d.json"));
    ck_assert_str_eq(listing(P("d.json")), "");
    ck_assert_str_eq(listing(tdir), "d.json");
    ajar_errors_clear(&errs);

    ck_assert_int_eq(mkfifo(P("fifo"), 0600), 0);
    ck_assert_int_eq(ajar_store_write_atomic(P("fifo"), "new", 3, &errs), AJAR_E_IO);
    assert_has(messages(&errs), "it is a special file, not a regular file");
    struct stat st;
    ck_assert_int_eq(lstat(P("fifo"), &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
    ck_assert_str_eq(listing(tdir), "d.json fifo");
    ajar_errors_clear(&errs);

    /* the passing side: a regular file beside them is saved */
    ck_assert_int_eq(ajar_store_write_atomic(P("e.json"), "new", 3, &errs), AJAR_OK);
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(symlink_to_file_replaces_target_keeps_link)
{
    ajar_errors errs = {0};
    ck_assert_int_eq(mkdir(P("a"), 0700), 0);
    ck_assert_int_eq(mkdir(P("b"), 0700), 0);
    put(P("b/real.json"), OLD);
    /* a relative link is read from the link's own folder, through a chain */
    ck_assert_int_eq(symlink("../b/real.json", P("a/hop.json")), 0);
    ck_assert_int_eq(symlink("hop.json", P("a/link.json")), 0);
    ck_assert_int_eq(ajar_store_write_atomic(P("a/link.json"), "new", 3, &errs), AJAR_OK);
    assert_file(P("b/real.json"), "new", 3);
    char buf[64];
    ssize_t n = readlink(P("a/link.json"), buf, sizeof buf - 1);
    ck_assert_int_eq(n, 8);
    buf[n] = '\0';
    ck_assert_str_eq(buf, "hop.json");
    ck_assert_str_eq(listing(P("a")), "hop.json link.json");
    ck_assert_str_eq(listing(P("b")), "real.json");
    ck_assert_uint_eq(mode_of(P("b/real.json")), 0600);

    /* the failing side: a loop of links is refused */
    ck_assert_int_eq(symlink("loop2", P("loop1")), 0);
    ck_assert_int_eq(symlink("loop1", P("loop2")), 0);
    ck_assert_int_eq(ajar_store_write_atomic(P("loop1"), "new", 3, &errs), AJAR_E_IO);
    assert_has(messages(&errs), strerror(ELOOP));
    assert_has(messages(&errs), "cannot follow the symbolic link");
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(dangling_symlink_written_where_it_points)
{
    ajar_errors errs = {0};
    ck_assert_int_eq(symlink("real.json", P("link.json")), 0);
    ck_assert_int_eq(ajar_store_write_atomic(P("link.json"), "new", 3, &errs), AJAR_OK);
    assert_file(P("real.json"), "new", 3);
    struct stat st;
    ck_assert_int_eq(lstat(P("link.json"), &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_str_eq(listing(tdir), "link.json real.json");

    /* the failing side: the folder it points into does not exist */
    ck_assert_int_eq(symlink("missing/real.json", P("lost.json")), 0);
    ck_assert_int_eq(ajar_store_write_atomic(P("lost.json"), "new", 3, &errs), AJAR_E_IO);
    char want[MSG_SIZE];
    snprintf(want, sizeof want, "cannot save %s: it is a symbolic link to %s, whose folder does not exist",
             P("lost.json"), P("missing/real.json"));
    ck_assert_str_eq(messages(&errs), want);
    ck_assert_str_eq(listing(tdir), "link.json lost.json real.json");
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(missing_folder_refused)
{
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_store_write_atomic(P("nope/d.json"), "new", 3, &errs), AJAR_E_IO);
    char want[MSG_SIZE];
    snprintf(want, sizeof want, "cannot open the folder of %s: %s", P("nope/d.json"), strerror(ENOENT));
    ck_assert_str_eq(messages(&errs), want);
    ck_assert_str_eq(listing(tdir), "");
    ajar_errors_clear(&errs);
    ck_assert_int_eq(ajar_store_write_atomic("", "x", 1, &errs), AJAR_E_USAGE);
    ajar_errors_clear(&errs);
}
END_TEST

/* ---- reading ------------------------------------------------------------------------ */

START_TEST(read_missing_is_notfound)
{
    ajar_errors errs = {0};
    char *got = (char *)1;
    size_t len = 99;
    ck_assert_int_eq(ajar_store_read_file(P("none.json"), 100, &got, &len, &errs), AJAR_E_NOTFOUND);
    ck_assert_ptr_null(got);
    ck_assert_uint_eq(len, 0);
    char want[MSG_SIZE];
    snprintf(want, sizeof want, "cannot read %s: %s", P("none.json"), strerror(ENOENT));
    ck_assert_str_eq(messages(&errs), want);
    ajar_errors_clear(&errs);
    /* a folder is not a missing file */
    ck_assert_int_eq(ajar_store_read_file(tdir, 100, &got, &len, &errs), AJAR_E_IO);
    assert_has(messages(&errs), "it is a folder");
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(read_over_cap_refused_exact_otherwise)
{
    ajar_errors errs = {0};
    char *got;
    size_t len;
    put(P("d.json"), "0123456\0" "89", 10);
    ck_assert_int_eq(ajar_store_read_file(P("d.json"), 9, &got, &len, &errs), AJAR_E_INVALID);
    ck_assert_ptr_null(got);
    char want[MSG_SIZE];
    snprintf(want, sizeof want, "%s is larger than the limit of 9 bytes", P("d.json"));
    ck_assert_str_eq(messages(&errs), want);
    ajar_errors_clear(&errs);

    ck_assert_int_eq(ajar_store_read_file(P("d.json"), 10, &got, &len, &errs), AJAR_OK);
    ck_assert_uint_eq(len, 10);
    ck_assert_int_eq(memcmp(got, "0123456\0" "89", 11), 0);
    free(got);

    put(P("empty"), "", 0);
    ck_assert_int_eq(ajar_store_read_file(P("empty"), 0, &got, &len, &errs), AJAR_OK);
    ck_assert_uint_eq(len, 0);
    ck_assert_str_eq(got, "");
    free(got);
    ck_assert_uint_eq(errs.count, 0);
    ajar_errors_clear(&errs);
}
END_TEST

/* Files whose size stat does not know (/proc) are still held to the cap. */
START_TEST(read_cap_holds_without_size)
{
    ajar_errors errs = {0};
    char *got;
    size_t len;
    if (access("/proc/self/status", R_OK) != 0)
        return;
    ck_assert_int_eq(ajar_store_read_file("/proc/self/status", 16, &got, &len, &errs), AJAR_E_INVALID);
    assert_has(messages(&errs), "larger than the limit of 16 bytes");
    ajar_errors_clear(&errs);
    ck_assert_int_eq(ajar_store_read_file("/proc/self/status", 1 << 20, &got, &len, &errs), AJAR_OK);
    ck_assert_uint_gt(len, 16);
    ck_assert_uint_eq(strlen(got), len);
    assert_has(got, "Pid:");
    free(got);
    ajar_errors_clear(&errs);
}
END_TEST

/* ---- locks ------------------------------------------------------------------------ */

/* Tries the lock in a child process; returns its status (0 OK, 1 LOCKED,
 * 2 anything else) with its messages in *msg. */
static int lock_in_child(const char *path, const char **msg)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ne(pid, -1);
    if (pid == 0) {
        close(fds[0]);
        ajar_errors errs = {0};
        ajar_lock *lock;
        ajar_status rc = ajar_lock_acquire(path, &lock, &errs);
        const char *m = messages(&errs);
        if (write(fds[1], m, strlen(m)) < 0)
            _exit(3);
        ajar_lock_release(lock);
        ajar_errors_clear(&errs);
        _exit(rc == AJAR_OK ? 0 : rc == AJAR_E_LOCKED ? 1 : 2);
    }
    close(fds[1]);
    *msg = drain(fds[0]);
    return wait_exit(pid);
}

START_TEST(lock_refused_in_other_process_with_pid)
{
    ajar_errors errs = {0};
    ajar_lock *lock = NULL;
    const char *msg;
    put(P("d.json"), OLD);
    ck_assert_int_eq(ajar_lock_acquire(P("d.json"), &lock, &errs), AJAR_OK);
    ck_assert_ptr_nonnull(lock);
    ck_assert_int_eq(lock_in_child(P("d.json"), &msg), 1);
    char want[MSG_SIZE];
    snprintf(want, sizeof want, "%s is open in another ajar (process %ld)", P("d.json"),
             (long)getpid());
    ck_assert_str_eq(msg, want);

    /* after release another process gets it */
    ajar_lock_release(lock);
    ck_assert_int_eq(lock_in_child(P("d.json"), &msg), 0);
    ck_assert_str_eq(msg, "");
    /* and so do we, again */
    ck_assert_int_eq(ajar_lock_acquire(P("d.json"), &lock, &errs), AJAR_OK);
    ajar_lock_release(lock);
    ck_assert_uint_eq(errs.count, 0);
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(lock_freed_when_holder_killed)
{
    ajar_errors errs = {0};
    ajar_lock *lock = NULL;
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ne(pid, -1);
    if (pid == 0) {
        ajar_lock *held;
        if (ajar_lock_acquire(P("d.json"), &held, NULL) != AJAR_OK)
            _exit(1);
        if (write(fds[1], "!", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    close(fds[1]);
    char ready = 0;
    ck_assert_int_eq(read(fds[0], &ready, 1), 1); /* the child keeps the pipe open */
    close(fds[0]);
    ck_assert_int_eq(ready, '!');
    ck_assert_int_eq(ajar_lock_acquire(P("d.json"), &lock, &errs), AJAR_E_LOCKED);
    char want[64];
    snprintf(want, sizeof want, "(process %ld)", (long)pid);
    assert_has(messages(&errs), want);
    ajar_errors_clear(&errs);

    kill(pid, SIGKILL);
    wait_exit(pid);
    ck_assert(exists(P(".d.json.lock"))); /* left behind, but no longer locked */
    ck_assert_int_eq(ajar_lock_acquire(P("d.json"), &lock, &errs), AJAR_OK);
    ajar_lock_release(lock);
    ck_assert(!exists(P(".d.json.lock")));
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(lock_file_0600_and_removed_on_release)
{
    ajar_errors errs = {0};
    ajar_lock *lock = NULL;
    umask(0777);
    ck_assert_int_eq(ajar_lock_acquire(P("d.json"), &lock, &errs), AJAR_OK);
    umask(022);
    ck_assert_uint_eq(mode_of(P(".d.json.lock")), 0600);
    char pid[32];
    snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    assert_file(P(".d.json.lock"), pid, strlen(pid));
    ck_assert_str_eq(listing(tdir), ".d.json.lock");
    ajar_lock_release(lock);
    ck_assert_str_eq(listing(tdir), "");
    ajar_lock_release(NULL);

    /* the failing side: no folder, no lock */
    ck_assert_int_eq(ajar_lock_acquire(P("nope/d.json"), &lock, &errs), AJAR_E_IO);
    ck_assert_ptr_null(lock);
    assert_has(messages(&errs), "cannot create the lock file");
    assert_has(messages(&errs), strerror(ENOENT));
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(lock_shared_through_symlink)
{
    ajar_errors errs = {0};
    ajar_lock *lock = NULL;
    const char *msg;
    put(P("real.json"), OLD);
    ck_assert_int_eq(symlink("real.json", P("link.json")), 0);
    ck_assert_int_eq(ajar_lock_acquire(P("link.json"), &lock, &errs), AJAR_OK);
    ck_assert_int_eq(lock_in_child(P("real.json"), &msg), 1);
    ck_assert(exists(P(".real.json.lock")));
    ajar_lock_release(lock);
    ck_assert_int_eq(lock_in_child(P("real.json"), &msg), 0);
    ajar_errors_clear(&errs);
}
END_TEST

/* While the release unlinks, the file must still be locked. */
static int unlinked_while_locked = -1;

static int checking_unlink(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        unlinked_while_locked = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
        close(fd);
    }
    return unlink(path);
}

START_TEST(lock_release_unlinks_before_unlocking)
{
    ajar_errors errs = {0};
    ajar_lock *lock = NULL;
    ck_assert_int_eq(ajar_lock_acquire(P("d.json"), &lock, &errs), AJAR_OK);
    fake_io = *ajar_store_io_system();
    fake_io.unlink = checking_unlink;
    ajar_store_io_set(&fake_io);
    ajar_lock_release(lock);
    ck_assert_int_eq(unlinked_while_locked, 1);
    ck_assert(!exists(P(".d.json.lock")));
    /* the check itself sees an unlocked file as unlocked */
    put(P("free"), "", 0);
    checking_unlink(P("free"));
    ck_assert_int_eq(unlinked_while_locked, 0);
    ajar_errors_clear(&errs);
}
END_TEST

/* Another process removes the lock file between our open and our flock (as
 * a releasing holder does): we must not keep a lock on a file nobody sees. */
static int lock_opens;

static int racing_open(const char *path, int flags, mode_t mode)
{
    int fd = ajar_store_io_system()->open(path, flags, mode);
    if (fd >= 0 && strstr(path, ".lock") && lock_opens++ == 0)
        unlink(path);
    return fd;
}

START_TEST(lock_retries_when_file_removed_before_flock)
{
    ajar_errors errs = {0};
    ajar_lock *lock = NULL;
    const char *msg;
    fake_io = *ajar_store_io_system();
    fake_io.open = racing_open;
    ajar_store_io_set(&fake_io);
    ck_assert_int_eq(ajar_lock_acquire(P("d.json"), &lock, &errs), AJAR_OK);
    ajar_store_io_set(NULL);
    ck_assert_int_eq(lock_opens, 2);
    /* the lock we hold is the one at the path: others are refused */
    ck_assert(exists(P(".d.json.lock")));
    ck_assert_int_eq(lock_in_child(P("d.json"), &msg), 1);
    ajar_lock_release(lock);
    ck_assert_int_eq(lock_in_child(P("d.json"), &msg), 0);
    ajar_errors_clear(&errs);
}
END_TEST

/* ---- folders ------------------------------------------------------------------------ */

START_TEST(drafts_dir_from_environment)
{
    ajar_errors errs = {0};
    char *d;
    setenv("HOME", "/home/u", 1);
    setenv("XDG_DATA_HOME", "/xdg/data/", 1);
    d = ajar_store_drafts_dir(&errs);
    ck_assert_str_eq(d, "/xdg/data/ajar/drafts");
    free(d);

    unsetenv("XDG_DATA_HOME");
    d = ajar_store_drafts_dir(&errs);
    ck_assert_str_eq(d, "/home/u/.local/share/ajar/drafts");
    free(d);

    setenv("XDG_DATA_HOME", "", 1);
    d = ajar_store_drafts_dir(&errs);
    ck_assert_str_eq(d, "/home/u/.local/share/ajar/drafts");
    free(d);

    setenv("XDG_DATA_HOME", "relative/data", 1);
    d = ajar_store_drafts_dir(&errs);
    ck_assert_str_eq(d, "/home/u/.local/share/ajar/drafts");
    free(d);
    ck_assert_uint_eq(errs.count, 0);

    setenv("HOME", "home/u", 1);
    ck_assert_ptr_null(ajar_store_drafts_dir(&errs));
    ck_assert_int_eq(ajar_errors_status(&errs), AJAR_E_NOTFOUND);
    assert_has(messages(&errs), "neither XDG_DATA_HOME nor HOME");
    ajar_errors_clear(&errs);
    unsetenv("HOME");
    ck_assert_ptr_null(ajar_store_drafts_dir(&errs));
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(mkdirs_creates_0700_parents)
{
    ajar_errors errs = {0};
    ck_assert_int_eq(mkdir(P("have"), 0755), 0);
    umask(umasks[_i]);
    ck_assert_int_eq(ajar_store_mkdirs(P("have/a//b/c/"), &errs), AJAR_OK);
    umask(022);
    ck_assert_uint_eq(mode_of(P("have")), 0755); /* existing: left as it is */
    ck_assert_uint_eq(mode_of(P("have/a")), 0700);
    ck_assert_uint_eq(mode_of(P("have/a/b")), 0700);
    ck_assert_uint_eq(mode_of(P("have/a/b/c")), 0700);
    ck_assert_int_eq(ajar_store_mkdirs(P("have/a/b/c"), &errs), AJAR_OK); /* again: nothing to do */
    ck_assert_uint_eq(errs.count, 0);

    /* the failing side: a file in the way */
    put(P("have/file"), "x", 1);
    ck_assert_int_eq(ajar_store_mkdirs(P("have/file/sub"), &errs), AJAR_E_IO);
    char want[MSG_SIZE];
    snprintf(want, sizeof want, "cannot create the folder %s: %s is not a folder",
             P("have/file/sub"), P("have/file"));
    ck_assert_str_eq(messages(&errs), want);
    ck_assert(!exists(P("have/file/sub")));
    ajar_errors_clear(&errs);
    ck_assert_int_eq(ajar_store_mkdirs("", &errs), AJAR_E_USAGE);
    ajar_errors_clear(&errs);
}
END_TEST

/* ---- the preloadable shim -------------------------------------------------------- */

/* Runs a shell command with tests/failio.so preloaded and FAILIO_* set (NULL:
 * unset); returns its exit code, SKIP when the shim or a tool is missing. */
static int run_failio(const char *fail, const char *after, const char *cmd)
{
    const char *so = getenv("AJAR_FAILIO");
    if (!so || access(so, R_OK) != 0 || access("/bin/sh", X_OK) != 0)
        return SKIP;
    pid_t pid = fork();
    ck_assert_int_ne(pid, -1);
    if (pid == 0) {
        setenv("LD_PRELOAD", so, 1);
        setenv("FAILIO_PATH", tdir, 1);
        setenv("FAILIO_FAIL", fail, 1);
        if (after)
            setenv("FAILIO_AFTER", after, 1);
        else
            unsetenv("FAILIO_AFTER");
        setenv("T", tdir, 1);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(SKIP);
    }
    return wait_exit(pid);
}

START_TEST(failio_shim_fails_on_demand)
{
    static const char tools[] = "for t in dd sync mv; do command -v $t >/dev/null || exit 77; done; ";
    char cmd[512];
#define RUN(fail, after, script) \
    (snprintf(cmd, sizeof cmd, "%s%s", tools, script), run_failio(fail, after, cmd))
    if (RUN("", NULL, "exit 0") == SKIP) {
        fprintf(stderr, "store: failio_shim_fails_on_demand skipped: no shim or no tools\n");
        return;
    }
    const char *dd = "dd if=/dev/zero of=\"$T/f\" bs=1 count=5 2>/dev/null";
    ck_assert_int_eq(RUN("", NULL, dd), 0);
    ck_assert_int_ne(RUN("write:ENOSPC", NULL, dd), 0);
    ck_assert_int_ne(RUN("write:EIO", "2", dd), 0);
    assert_file(P("f"), "\0\0", 2); /* two writes went through */
    ck_assert_int_eq(RUN("write:SHORT", NULL, "dd if=/dev/zero of=\"$T/f\" bs=8 count=1 2>/dev/null"), 0);
    assert_file(P("f"), "\0\0\0\0\0\0\0\0", 8);
    /* writes to files outside FAILIO_PATH are not touched */
    ck_assert_int_eq(RUN("write:EIO", NULL, "echo hi >/dev/null"), 0);
    ck_assert_int_eq(RUN("fsync:EIO", NULL, "sync \"$T/f\" 2>/dev/null"), 1);
    ck_assert_int_eq(RUN("", NULL, "sync \"$T/f\""), 0);
    ck_assert_int_ne(RUN("rename:EIO", NULL, "mv \"$T/f\" \"$T/g\" 2>/dev/null"), 0);
    ck_assert_str_eq(listing(tdir), "f");
    ck_assert_int_eq(RUN("fsync:EIO", NULL, "mv \"$T/f\" \"$T/g\""), 0);
    ck_assert_str_eq(listing(tdir), "g");
#undef RUN
}
END_TEST

Suite *store_suite(void)
{
    Suite *s = suite_create("store");
    struct {
        const char *name;
        TCase *tc;
    } cases[] = {
        {"write", NULL}, {"faults", NULL}, {"targets", NULL}, {"read", NULL},
        {"lock", NULL},  {"folders", NULL}, {"failio", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TCase *tc = cases[i].tc = tcase_create(cases[i].name);
        tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
        tcase_add_checked_fixture(tc, test_setup, test_teardown);
        tcase_set_timeout(tc, 20);
        suite_add_tcase(s, tc);
    }
    TCase *tc = cases[0].tc;
    tcase_add_test(tc, write_then_read_back);
    tcase_add_test(tc, replace_keeps_nothing_of_old_content);
    tcase_add_loop_test(tc, mode_is_0600_whatever_the_umask, 0, sizeof umasks / sizeof umasks[0]);
    tcase_add_test(tc, no_temp_left_after_success);
    tcase_add_test(tc, stale_temps_removed_on_next_save);
    tcase_add_test(tc, temps_of_other_names_untouched);

    tc = cases[1].tc;
    tcase_add_loop_test(tc, injected_fault_leaves_old_file, 0, sizeof faults / sizeof faults[0]);
    tcase_add_test(tc, short_and_interrupted_writes_are_retried);
    tcase_add_test(tc, folder_flush_failure_without_undo_says_so);

    tc = cases[2].tc;
    tcase_add_test(tc, read_only_folder_refused);
    tcase_add_test(tc, non_regular_target_refused);
    tcase_add_test(tc, symlink_to_file_replaces_target_keeps_link);
    tcase_add_test(tc, dangling_symlink_written_where_it_points);
    tcase_add_test(tc, missing_folder_refused);

    tc = cases[3].tc;
    tcase_add_test(tc, read_missing_is_notfound);
    tcase_add_test(tc, read_over_cap_refused_exact_otherwise);
    tcase_add_test(tc, read_cap_holds_without_size);

    tc = cases[4].tc;
    tcase_add_test(tc, lock_refused_in_other_process_with_pid);
    tcase_add_test(tc, lock_freed_when_holder_killed);
    tcase_add_test(tc, lock_file_0600_and_removed_on_release);
    tcase_add_test(tc, lock_shared_through_symlink);
    tcase_add_test(tc, lock_release_unlinks_before_unlocking);
    tcase_add_test(tc, lock_retries_when_file_removed_before_flock);

    tc = cases[5].tc;
    tcase_add_test(tc, drafts_dir_from_environment);
    tcase_add_loop_test(tc, mkdirs_creates_0700_parents, 0, sizeof umasks / sizeof umasks[0]);

    tc = cases[6].tc;
    tcase_add_test(tc, failio_shim_fails_on_demand);
    return s;
}
