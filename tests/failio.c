/* failio.c — an LD_PRELOAD shim that makes write, fsync and rename fail on demand, for storage fault tests. */

/* Usage:
 *
 *   LD_PRELOAD=build/tests/failio.so FAILIO_FAIL=write:ENOSPC FAILIO_PATH=draft ajar set ...
 *
 * FAILIO_FAIL   OP:ERR[,OP:ERR...]. OP is write, fsync (also fdatasync) or
 *               rename (also renameat, renameat2). ERR is ENOSPC, EIO, EDQUOT,
 *               EROFS, EACCES, EPERM, EFBIG, EINTR or a number; for write it
 *               may also be SHORT: each call transfers at most half of what
 *               it was asked (at least 1 byte) and succeeds. EINTR fails
 *               every other call only, so that callers which retry progress.
 * FAILIO_AFTER  N: the first N matching calls behave normally, every later one
 *               fails (default 0: fail from the first).
 * FAILIO_PATH   only calls on files whose name contains this text fail; for a
 *               descriptor the name is read from /proc/self/fd/N, for a rename
 *               either name counts. Without it every call matches, writes to
 *               stdout and stderr included.
 *
 * Unset or empty FAILIO_FAIL: every call goes straight to the C library. The
 * environment is read once, at the first intercepted call. Not thread-safe.
 *
 * A save by ajar_store_write_atomic fsyncs the temporary file, then the
 * folder: with FAILIO_PATH set to the folder (which the temporary file's
 * name contains too), FAILIO_FAIL=fsync:EIO fails the first, adding
 * FAILIO_AFTER=1 fails only the second.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OP_WRITE, OP_FSYNC, OP_RENAME, OP_COUNT };
#define SHORT (-1) /* fault code: transfer half, do not fail */

static int fault_of[OP_COUNT]; /* 0: none, SHORT, or an errno value */
static const char *only_path;
static long after, passed;

static int errno_named(const char *s)
{
    static const struct { const char *name; int value; } names[] = {
        {"ENOSPC", ENOSPC}, {"EIO", EIO}, {"EDQUOT", EDQUOT}, {"EROFS", EROFS},
        {"EACCES", EACCES}, {"EPERM", EPERM}, {"EFBIG", EFBIG}, {"EINTR", EINTR},
        {"SHORT", SHORT},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0)
            return names[i].value;
    return atoi(s);
}

static void setup(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    const char *spec = getenv("FAILIO_FAIL"), *n = getenv("FAILIO_AFTER");
    only_path = getenv("FAILIO_PATH");
    if (only_path && !*only_path)
        only_path = NULL;
    after = n ? atol(n) : 0;
    static const char *const ops[OP_COUNT] = {"write", "fsync", "rename"};
    char item[64];
    while (spec && *spec) {
        size_t len = strcspn(spec, ",");
        snprintf(item, sizeof item, "%.*s", (int)len, spec);
        spec += len + (spec[len] == ',');
        char *colon = strchr(item, ':');
        if (!colon)
            continue;
        *colon = '\0';
        for (int op = 0; op < OP_COUNT; op++)
            if (strcmp(item, ops[op]) == 0)
                fault_of[op] = errno_named(colon + 1);
    }
}

static int name_matches(const char *name)
{
    return name && strstr(name, only_path) != NULL;
}

static int fd_matches(int fd)
{
    char link[64], name[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, name, sizeof name - 1);
    if (n < 0)
        return 0;
    name[n] = '\0';
    return name_matches(name);
}

/* The fault for this call (0 for none): fd >= 0 names a descriptor, else the
 * call is about the names a and b. */
static int fault(int op, int fd, const char *a, const char *b)
{
    setup();
    if (!fault_of[op])
        return 0;
    if (only_path && !(fd >= 0 ? fd_matches(fd) : (name_matches(a) || name_matches(b))))
        return 0;
    if (passed < after) {
        passed++;
        return 0;
    }
    static int flip;
    if (fault_of[op] == EINTR && (flip ^= 1) == 0)
        return 0;
    return fault_of[op];
}

/* The C library's version of a function we replace (through a union, as ISO
 * C has no cast from object to function pointer). */
#define REAL(fn_type, name) (((union { void *p; fn_type *f; }){dlsym(RTLD_NEXT, name)}).f)

typedef ssize_t write_fn(int, const void *, size_t);
typedef int sync_fn(int);
typedef int rename_fn(const char *, const char *);
typedef int renameat_fn(int, const char *, int, const char *);
typedef int renameat2_fn(int, const char *, int, const char *, unsigned int);

ssize_t write(int fd, const void *buf, size_t count)
{
    int e = fault(OP_WRITE, fd, NULL, NULL);
    if (e == SHORT)
        count = count > 1 ? count / 2 : count;
    else if (e) {
        errno = e;
        return -1;
    }
    return REAL(write_fn, "write")(fd, buf, count);
}

int fsync(int fd)
{
    int e = fault(OP_FSYNC, fd, NULL, NULL);
    if (e > 0) {
        errno = e;
        return -1;
    }
    return REAL(sync_fn, "fsync")(fd);
}

int fdatasync(int fd)
{
    int e = fault(OP_FSYNC, fd, NULL, NULL);
    if (e > 0) {
        errno = e;
        return -1;
    }
    return REAL(sync_fn, "fdatasync")(fd);
}

int rename(const char *from, const char *to)
{
    int e = fault(OP_RENAME, -1, from, to);
    if (e > 0) {
        errno = e;
        return -1;
    }
    return REAL(rename_fn, "rename")(from, to);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
    int e = fault(OP_RENAME, -1, from, to);
    if (e > 0) {
        errno = e;
        return -1;
    }
    return REAL(renameat_fn, "renameat")(fromfd, from, tofd, to);
}

int renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned int flags)
{
    int e = fault(OP_RENAME, -1, from, to);
    if (e > 0) {
        errno = e;
        return -1;
    }
    renameat2_fn *real = REAL(renameat2_fn, "renameat2");
    if (!real) {
        errno = ENOSYS;
        return -1;
    }
    return real(fromfd, from, tofd, to, flags);
}
