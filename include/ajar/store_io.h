/* store_io.h — the system calls behind store.h, replaceable by unit tests to inject I/O faults. */
#ifndef AJAR_STORE_IO_H
#define AJAR_STORE_IO_H

#include <stddef.h>
#include <sys/types.h>

/* Every call through which store.c opens, reads, writes, flushes, links,
 * renames, removes or closes a file (folder listing, stat and flock go to the
 * system directly). Each entry behaves exactly like the POSIX function of the
 * same name: -1 (or a short count) with errno set on failure. `fsync` is used
 * for files and for the folder flush after the rename; a fake that wants to
 * fail only one of them can fstat() the descriptor and look at S_ISDIR. */
typedef struct ajar_store_io {
    int (*open)(const char *path, int flags, mode_t mode);
    ssize_t (*read)(int fd, void *buf, size_t count);
    ssize_t (*write)(int fd, const void *buf, size_t count);
    int (*fchmod)(int fd, mode_t mode);
    int (*fsync)(int fd);
    int (*close)(int fd);
    int (*link)(const char *from, const char *to);
    int (*rename)(const char *from, const char *to);
    int (*unlink)(const char *path);
} ajar_store_io;

/* The table of the real system calls (never NULL). A fake usually starts
 * from a copy of it and replaces one or two entries. */
const ajar_store_io *ajar_store_io_system(void);

/* The table store.c uses right now (never NULL). */
const ajar_store_io *ajar_store_io_current(void);

/* For tests only: makes store.c call through `io` from now on; NULL restores
 * the real calls. The table is not copied, so it must outlive its use. Not
 * thread-safe: set it before the calls it should affect. */
void ajar_store_io_set(const ajar_store_io *io);

#endif
