/* store.c — safe storage: atomic file replacement, bounded reads, draft locks, the drafts folder. */
#include "ajar/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ajar/datadir.h"
#include "ajar/store_io.h"
#include "ajar/strbuf.h"

/* Symbolic links followed before giving up with ELOOP (the kernel's limit). */
#define MAX_LINK_HOPS 40
/* Attempts at a fresh temporary name before giving up with EEXIST. */
#define MAX_TEMP_TRIES 100
/* Attempts at locking a lock file that keeps being removed under us. */
#define MAX_LOCK_TRIES 100

/* ---- the system-call table ------------------------------------------------- */

static int sys_open(const char *path, int flags, mode_t mode)
{
    return open(path, flags, mode);
}

static const ajar_store_io system_io = {
    .open = sys_open,
    .read = read,
    .write = write,
    .fchmod = fchmod,
    .fsync = fsync,
    .close = close,
    .link = link,
    .rename = rename,
    .unlink = unlink,
};

static const ajar_store_io *cur_io = &system_io;

const ajar_store_io *ajar_store_io_system(void)
{
    return &system_io;
}

const ajar_store_io *ajar_store_io_current(void)
{
    return cur_io;
}

void ajar_store_io_set(const ajar_store_io *table)
{
    cur_io = table ? table : &system_io;
}

/* ---- helpers ------------------------------------------------------------------- */

/* Adds an error with a printf-formatted message and returns its code, which
 * becomes AJAR_E_NOMEM whatever `code` says when the cause e is ENOMEM. */
static ajar_status report(ajar_errors *errs, ajar_status code, int e, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static ajar_status report(ajar_errors *errs, ajar_status code, int e, const char *fmt, ...)
{
    if (e == ENOMEM)
        code = AJAR_E_NOMEM;
    va_list ap;
    va_start(ap, fmt);
    char *msg = ajar_vasprintf(fmt, ap);
    va_end(ap);
    ajar_errors_add(errs, code, NULL, NULL, 0, 0, e, "%s", msg ? msg : "out of memory");
    free(msg);
    return code;
}

static ajar_status out_of_memory(ajar_errors *errs)
{
    return report(errs, AJAR_E_NOMEM, 0, "out of memory");
}

/* The folder part of path as a new string ("." when there is none, "/" for
 * the root); *base points at the last component inside path. NULL on OOM. */
static char *folder_of(const char *path, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *base = path;
        return strdup(".");
    }
    *base = slash + 1;
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* The text of the symbolic link at path as a new string; NULL with errno. */
static char *read_link(const char *path)
{
    for (size_t cap = 256;; cap *= 2) {
        char *buf = malloc(cap);
        if (!buf) {
            errno = ENOMEM;
            return NULL;
        }
        ssize_t n = readlink(path, buf, cap);
        if (n >= 0 && (size_t)n < cap) {
            buf[n] = '\0';
            return buf;
        }
        int e = n < 0 ? errno : ENAMETOOLONG;
        free(buf);
        if (n < 0 || cap >= 65536) {
            errno = e;
            return NULL;
        }
    }
}

/* Follows symbolic links from path (relative ones from the link's own folder)
 * to the name a save really replaces, which need not exist. Stores that name
 * in *target (a new string), its lstat in *st and whether it exists. */
static ajar_status resolve(const char *path, char **target, struct stat *st, int *exists,
                           ajar_errors *errs)
{
    char *cur = strdup(path);
    if (!cur)
        return out_of_memory(errs);
    for (int hops = 0;; hops++) {
        if (lstat(cur, st) != 0) {
            int e = errno;
            if (e == ENOENT) {
                *exists = 0;
                *target = cur;
                return AJAR_OK;
            }
            ajar_status rc = hops == 0
                ? report(errs, AJAR_E_IO, e, "cannot examine %s", path)
                : report(errs, AJAR_E_IO, e, "cannot follow the symbolic link %s to %s", path, cur);
            free(cur);
            return rc;
        }
        if (!S_ISLNK(st->st_mode)) {
            *exists = 1;
            *target = cur;
            return AJAR_OK;
        }
        char *dest = hops < MAX_LINK_HOPS ? read_link(cur) : NULL;
        if (!dest) {
            int e = hops < MAX_LINK_HOPS ? errno : ELOOP;
            free(cur);
            return report(errs, AJAR_E_IO, e, "cannot follow the symbolic link %s", path);
        }
        char *next = dest;
        if (dest[0] != '/') {
            const char *base;
            char *dir = folder_of(cur, &base);
            next = dir ? ajar_path_join(dir, dest) : NULL;
            free(dir);
            free(dest);
        }
        free(cur);
        if (!next)
            return out_of_memory(errs);
        cur = next;
    }
}

/* What a non-regular file is, for messages. */
static const char *kind_of(mode_t mode)
{
    return S_ISDIR(mode) ? "a folder" : "a special file";
}

/* ---- atomic replacement ------------------------------------------------------- */

/* Removes the regular files in dir whose names start with prefix: temporary
 * files of saves that crashed. Best effort; a failure here is not a failure
 * of the save. */
static void remove_stale_temps(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t plen = strlen(prefix);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (strncmp(de->d_name, prefix, plen) != 0)
            continue;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            (void)unlinkat(dirfd(d), de->d_name, 0);
    }
    closedir(d);
}

/* A few random-looking bits for temporary names; O_EXCL, not this, is what
 * makes the names safe, so a weak generator is enough. */
static uint64_t next_random(void)
{
    static uint64_t state;
    if (!state) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        state = ((uint64_t)ts.tv_sec << 30) ^ (uint64_t)ts.tv_nsec;
    }
    uint64_t z = (state += 0x9E3779B97F4A7C15u) ^ ((uint64_t)getpid() << 32);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Creates the new file `stem`XXXXXX exclusively, stores its name in *tmp and
 * returns its descriptor; -1 with errno on failure. */
static int create_temp(const char *stem, char **tmp)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int tries = 0; tries < MAX_TEMP_TRIES; tries++) {
        char suffix[7];
        uint64_t r = next_random();
        for (int i = 0; i < 6; i++, r /= 62)
            suffix[i] = alphabet[r % 62];
        suffix[6] = '\0';
        char *name = ajar_asprintf("%s%s", stem, suffix);
        if (!name) {
            errno = ENOMEM;
            return -1;
        }
        int fd = cur_io->open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd >= 0) {
            *tmp = name;
            return fd;
        }
        int e = errno;
        free(name);
        if (e != EEXIST) {
            errno = e;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

/* Writes all len bytes, retrying short writes and EINTR; -1 with errno. */
static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = cur_io->write(fd, p, len > SSIZE_MAX ? (size_t)SSIZE_MAX : len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO; /* no progress and no reason: never loop forever */
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* fsync, retried when a signal interrupts it; -1 with errno. */
static int sync_fd(int fd)
{
    int r;
    while ((r = cur_io->fsync(fd)) != 0 && errno == EINTR)
        ;
    return r;
}

ajar_status ajar_store_write_atomic(const char *path, const void *data, size_t len,
                                    ajar_errors *errs)
{
    if (!path || !*path)
        return report(errs, AJAR_E_USAGE, 0, "cannot save a file without a name");
    if (!data && len)
        return report(errs, AJAR_E_USAGE, 0, "cannot save %s: no data", path);

    char *target = NULL, *dir = NULL, *stem = NULL, *tmp = NULL, *backup = NULL;
    int dfd = -1, fd = -1, renamed = 0;
    struct stat st;
    int exists;
    const char *base;
    ajar_status rc = resolve(path, &target, &st, &exists, errs);
    if (rc != AJAR_OK)
        return rc;
    if (exists && !S_ISREG(st.st_mode)) {
        rc = report(errs, AJAR_E_IO, 0, "cannot save %s: it is %s, not a regular file", path,
                    kind_of(st.st_mode));
        goto out;
    }
    dir = folder_of(target, &base);
    if (!dir) {
        rc = out_of_memory(errs);
        goto out;
    }
    if (!*base) {
        rc = report(errs, AJAR_E_IO, 0, "cannot save %s: it names a folder, not a file", path);
        goto out;
    }

    /* The folder is opened first so that its flush after the rename cannot
     * fail for want of a descriptor. A folder we may write but not read
     * (mode -wx) is saved into without that flush. */
    dfd = cur_io->open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (dfd < 0 && errno != EACCES) {
        int e = errno;
        if (e == ENOENT && strcmp(target, path) != 0)
            rc = report(errs, AJAR_E_IO, 0,
                        "cannot save %s: it is a symbolic link to %s, whose folder does not exist",
                        path, target);
        else
            rc = report(errs, AJAR_E_IO, e, "cannot open the folder of %s", path);
        goto out;
    }

    char *prefix = ajar_asprintf(".%s.tmp-", base);
    stem = prefix ? ajar_path_join(dir, prefix) : NULL;
    if (!stem) {
        free(prefix);
        rc = out_of_memory(errs);
        goto out;
    }
    remove_stale_temps(dir, prefix);
    free(prefix);

    fd = create_temp(stem, &tmp);
    if (fd < 0) {
        rc = report(errs, AJAR_E_IO, errno, "cannot create a temporary file beside %s", path);
        goto out;
    }
    if (cur_io->fchmod(fd, 0600) != 0) {
        rc = report(errs, AJAR_E_IO, errno,
                    "cannot set the permissions of the temporary file for %s", path);
        goto out;
    }
    if (write_all(fd, data, len) != 0) {
        rc = report(errs, AJAR_E_IO, errno, "cannot write %s", path);
        goto out;
    }
    if (sync_fd(fd) != 0) {
        rc = report(errs, AJAR_E_IO, errno, "cannot flush %s to disk", path);
        goto out;
    }
    int closing = fd;
    fd = -1;
    /* Linux frees the descriptor even when close fails; EINTR after a
     * successful fsync loses nothing. */
    if (cur_io->close(closing) != 0 && errno != EINTR) {
        rc = report(errs, AJAR_E_IO, errno, "cannot write %s", path);
        goto out;
    }

    /* A second name for the old file, so that a failed folder flush can
     * put it back; only needed when there is a flush that can fail. Without
     * hard links (some file systems) there is no undo. */
    if (exists && dfd >= 0) {
        backup = ajar_asprintf("%s.old", tmp);
        if (backup && cur_io->link(target, backup) != 0) {
            free(backup);
            backup = NULL;
        }
    }
    if (cur_io->rename(tmp, target) != 0) {
        rc = report(errs, AJAR_E_IO, errno, "cannot replace %s", path);
        goto out;
    }
    renamed = 1;
    /* EINVAL: the file system cannot flush folders; nothing more to do. */
    if (dfd >= 0 && sync_fd(dfd) != 0 && errno != EINVAL) {
        rc = report(errs, AJAR_E_IO, errno, "cannot flush the folder of %s to disk", path);
        /* Put the old file back (or remove the new one if there was none), so
         * that a failed save never leaves a change behind. */
        int undone = backup ? cur_io->rename(backup, target) == 0
                            : (!exists && cur_io->unlink(target) == 0);
        if (undone && backup) {
            free(backup);
            backup = NULL;
        }
        if (!undone)
            report(errs, AJAR_E_IO, 0, "%s holds the new content, but it may not survive a crash",
                   path);
        goto out;
    }
    rc = AJAR_OK;

out:
    if (fd >= 0)
        cur_io->close(fd);
    if (tmp && !renamed)
        cur_io->unlink(tmp);
    if (backup)
        cur_io->unlink(backup);
    if (dfd >= 0)
        cur_io->close(dfd);
    free(backup);
    free(tmp);
    free(stem);
    free(dir);
    free(target);
    return rc;
}

/* ---- reading -------------------------------------------------------------------- */

/* read, retried when a signal interrupts it. */
static ssize_t read_some(int fd, void *buf, size_t n)
{
    ssize_t r;
    while ((r = cur_io->read(fd, buf, n)) < 0 && errno == EINTR)
        ;
    return r;
}

/* Reads fd to its end into a new buffer, refusing more than max bytes. */
static ajar_status read_fd(int fd, const char *path, const struct stat *st, size_t max,
                           char **out, size_t *len, ajar_errors *errs)
{
    /* Room for the file's size as stat tells it (files may still grow, and
     * some report 0), never more than the limit, plus the NUL. */
    size_t want = st->st_size > 0 ? ((uintmax_t)st->st_size < max ? (size_t)st->st_size : max)
                                  : (max < 4096 ? max : 4096);
    size_t cap = want < SIZE_MAX ? want + 1 : SIZE_MAX;
    size_t used = 0;
    char *buf = malloc(cap);
    if (!buf)
        return report(errs, AJAR_E_NOMEM, 0, "out of memory reading %s", path);
    for (;;) {
        if (used == max) {
            char extra;
            ssize_t n = read_some(fd, &extra, 1);
            if (n == 0)
                break;
            free(buf);
            if (n < 0)
                return report(errs, AJAR_E_IO, errno, "cannot read %s", path);
            return report(errs, AJAR_E_INVALID, 0, "%s is larger than the limit of %zu bytes", path,
                          max);
        }
        if (used + 1 == cap) {
            /* used < max here, so max + 1 cannot overflow. */
            size_t ncap = cap <= SIZE_MAX / 2 ? cap * 2 : SIZE_MAX;
            if (ncap > max + 1)
                ncap = max + 1;
            char *nbuf = realloc(buf, ncap);
            if (!nbuf) {
                free(buf);
                return report(errs, AJAR_E_NOMEM, 0, "out of memory reading %s", path);
            }
            buf = nbuf;
            cap = ncap;
        }
        size_t room = cap - 1 - used;
        if (room > max - used)
            room = max - used;
        if (room > SSIZE_MAX)
            room = SSIZE_MAX;
        ssize_t n = read_some(fd, buf + used, room);
        if (n < 0) {
            int e = errno;
            free(buf);
            return report(errs, AJAR_E_IO, e, "cannot read %s", path);
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    buf[used] = '\0';
    *out = buf;
    if (len)
        *len = used;
    return AJAR_OK;
}

ajar_status ajar_store_read_file(const char *path, size_t max_bytes, char **out, size_t *len,
                                 ajar_errors *errs)
{
    *out = NULL;
    if (len)
        *len = 0;
    /* O_NONBLOCK so that a FIFO in the draft's place cannot hang us; it
     * changes nothing for regular files. */
    int fd = cur_io->open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
    if (fd < 0) {
        int e = errno;
        char target[PATH_MAX];
        ssize_t tn;
        struct stat lst;
        if (e == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
            (tn = readlink(path, target, sizeof target - 1)) > 0) {
            target[tn] = '\0';
            return report(errs, AJAR_E_NOTFOUND, e,
                          "cannot read %s: it is a link to %s, which does not exist", path, target);
        }
        return report(errs, e == ENOENT ? AJAR_E_NOTFOUND : AJAR_E_IO, e, "cannot read %s", path);
    }
    struct stat st;
    ajar_status rc;
    if (fstat(fd, &st) != 0)
        rc = report(errs, AJAR_E_IO, errno, "cannot read %s", path);
    else if (!S_ISREG(st.st_mode))
        rc = report(errs, AJAR_E_IO, 0, "cannot read %s: it is %s, not a regular file", path,
                    kind_of(st.st_mode));
    else if ((uintmax_t)st.st_size > max_bytes)
        rc = report(errs, AJAR_E_INVALID, 0, "%s is larger than the limit of %zu bytes", path,
                    max_bytes);
    else
        rc = read_fd(fd, path, &st, max_bytes, out, len, errs);
    cur_io->close(fd);
    return rc;
}

/* ---- locks -------------------------------------------------------------------- */

struct ajar_lock {
    int fd;
    dev_t dev;
    ino_t ino;
    char *path; /* the lock file */
};

/* The PID written in a lock file, or 0 when it cannot be read. The holder
 * writes it just after locking, so an empty file is given a moment. */
static long holder_pid(int fd)
{
    for (int tries = 0; tries < 20; tries++) {
        char buf[32];
        ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
        if (n > 0) {
            buf[n] = '\0';
            char *end;
            long pid = strtol(buf, &end, 10);
            return (end != buf && pid > 0) ? pid : 0;
        }
        struct timespec pause = {0, 5 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    return 0;
}

/* Opens and flock()s the lock file into *fd and its fstat into *st; *same
 * tells whether the path still names the locked file (another process may
 * have removed it between our open and our flock). */
static ajar_status lock_once(const char *draft, const char *lock_path, int *fd_out,
                             struct stat *st, int *same, ajar_errors *errs)
{
    int fd = cur_io->open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return report(errs, AJAR_E_IO, errno, "cannot create the lock file %s", lock_path);
    (void)cur_io->fchmod(fd, 0600); /* whatever the umask; fails harmlessly if not ours */
    ajar_status rc = AJAR_OK;
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        if (e == EINTR)
            continue;
        if (e == EWOULDBLOCK || e == EAGAIN) {
            long pid = holder_pid(fd);
            rc = pid ? report(errs, AJAR_E_LOCKED, 0, "%s is open in another ajar (process %ld)",
                              draft, pid)
                     : report(errs, AJAR_E_LOCKED, 0, "%s is open in another ajar", draft);
        } else {
            rc = report(errs, AJAR_E_IO, e, "cannot lock %s", lock_path);
        }
        break;
    }
    struct stat now;
    if (rc == AJAR_OK && fstat(fd, st) != 0)
        rc = report(errs, AJAR_E_IO, errno, "cannot lock %s", lock_path);
    if (rc != AJAR_OK) {
        cur_io->close(fd);
        return rc;
    }
    *same = lstat(lock_path, &now) == 0 && now.st_dev == st->st_dev && now.st_ino == st->st_ino;
    *fd_out = fd;
    return AJAR_OK;
}

ajar_status ajar_lock_acquire(const char *path, ajar_lock **out, ajar_errors *errs)
{
    *out = NULL;
    if (!path || !*path)
        return report(errs, AJAR_E_USAGE, 0, "cannot lock a file without a name");
    char *target = NULL, *dir = NULL, *lock_path = NULL;
    struct stat st;
    int exists;
    const char *base;
    /* The lock goes beside the file a save replaces, so that a draft opened
     * through a symbolic link and through its real name share one lock. */
    ajar_status rc = resolve(path, &target, &st, &exists, errs);
    if (rc != AJAR_OK)
        return rc;
    dir = folder_of(target, &base);
    char *name = dir && *base ? ajar_asprintf(".%s.lock", base) : NULL;
    lock_path = name ? ajar_path_join(dir, name) : NULL;
    free(name);
    if (!lock_path) {
        rc = dir && !*base
            ? report(errs, AJAR_E_IO, 0, "cannot lock %s: it names a folder, not a file", path)
            : out_of_memory(errs);
        goto out;
    }

    int fd = -1, same = 0;
    for (int tries = 0; tries < MAX_LOCK_TRIES && !same; tries++) {
        if (fd >= 0)
            cur_io->close(fd);
        fd = -1;
        rc = lock_once(path, lock_path, &fd, &st, &same, errs);
        if (rc != AJAR_OK)
            goto out;
    }
    if (!same) {
        cur_io->close(fd);
        rc = report(errs, AJAR_E_IO, 0, "cannot lock %s: the lock file keeps disappearing",
                    lock_path);
        goto out;
    }
    ajar_lock *lock = malloc(sizeof *lock);
    if (!lock) {
        cur_io->close(fd);
        rc = out_of_memory(errs);
        goto out;
    }
    /* Our PID, so that a refused ajar can say who holds the draft. Written
     * before truncating so the file is never seen empty; best effort. */
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (n > 0 && pwrite(fd, pid, (size_t)n, 0) == n && ftruncate(fd, n) != 0) {
        /* leftover bytes after the newline do not hurt the reader */
    }
    lock->fd = fd;
    lock->dev = st.st_dev;
    lock->ino = st.st_ino;
    lock->path = lock_path;
    lock_path = NULL;
    *out = lock;
    rc = AJAR_OK;
out:
    free(lock_path);
    free(dir);
    free(target);
    return rc;
}

void ajar_lock_release(ajar_lock *lock)
{
    if (!lock)
        return;
    /* Unlink while still holding the lock: a process that opened the file
     * meanwhile then finds, after its flock succeeds, that the path no longer
     * names what it locked, and starts over. Unlocking first would let it lock
     * a file we are about to remove. */
    struct stat st;
    if (lstat(lock->path, &st) == 0 && st.st_dev == lock->dev && st.st_ino == lock->ino)
        cur_io->unlink(lock->path);
    (void)flock(lock->fd, LOCK_UN); /* also for copies of the descriptor in forked children */
    cur_io->close(lock->fd);
    free(lock->path);
    free(lock);
}

/* ---- folders ------------------------------------------------------------------ */

char *ajar_store_drafts_dir(ajar_errors *errs)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    const char *root, *rest;
    /* The XDG spec says relative values are invalid and must be ignored. */
    if (xdg && xdg[0] == '/') {
        root = xdg;
        rest = "ajar/drafts";
    } else if (home && home[0] == '/') {
        root = home;
        rest = ".local/share/ajar/drafts";
    } else {
        report(errs, AJAR_E_NOTFOUND, 0,
               "cannot find the drafts folder: neither XDG_DATA_HOME nor HOME is an absolute path");
        return NULL;
    }
    size_t n = strlen(root);
    while (n > 0 && root[n - 1] == '/')
        n--;
    char *dir = ajar_asprintf("%.*s/%s", (int)n, root, rest);
    if (!dir)
        out_of_memory(errs);
    return dir;
}

/* Makes the one folder p (whose parent exists) unless it is there already. */
static ajar_status make_folder(const char *p, const char *whole, ajar_errors *errs)
{
    struct stat st;
    if (stat(p, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return AJAR_OK;
        return report(errs, AJAR_E_IO, 0, "cannot create the folder %s: %s is not a folder", whole,
                      p);
    }
    if (errno == ENOENT) {
        if (mkdir(p, 0700) == 0) {
            (void)chmod(p, 0700); /* the umask may have taken bits away */
            return AJAR_OK;
        }
        if (errno == EEXIST && stat(p, &st) == 0 && S_ISDIR(st.st_mode))
            return AJAR_OK; /* someone else made it meanwhile */
    }
    return report(errs, AJAR_E_IO, errno, "cannot create the folder %s", p);
}

ajar_status ajar_store_mkdirs(const char *dir, ajar_errors *errs)
{
    if (!dir || !*dir)
        return report(errs, AJAR_E_USAGE, 0, "cannot create a folder without a name");
    char *p = strdup(dir);
    if (!p)
        return out_of_memory(errs);
    size_t n = strlen(p);
    ajar_status rc = AJAR_OK;
    /* Each prefix that ends just before a slash (or at the end) is a folder;
     * "a//b" and "a/b/" are prefixes with empty components, skipped. */
    for (size_t i = 1; i <= n && rc == AJAR_OK; i++) {
        if ((i < n && p[i] != '/') || p[i - 1] == '/')
            continue;
        char saved = p[i];
        p[i] = '\0';
        rc = make_folder(p, dir, errs);
        p[i] = saved;
    }
    free(p);
    return rc;
}
