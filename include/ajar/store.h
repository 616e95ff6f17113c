/* store.h — safe storage: atomic file replacement, draft locks, the drafts folder. */
#ifndef AJAR_STORE_H
#define AJAR_STORE_H

#include <stddef.h>

#include "ajar/error.h"

/* Replaces the file at `path` with data[0..len) atomically: a temporary file
 * `.<name>.tmp-XXXXXX` is created in the same folder with mode 0600 whatever
 * the umask, every byte is written and checked, the file is fsync'ed, renamed
 * over `path`, and the folder is fsync'ed. On any failure the temporary file
 * is removed, `path` is left exactly as it was, and an AJAR_E_IO error naming
 * `path`, the step that failed and errno is added to errs. Before writing,
 * stale temporary files of earlier, interrupted saves of the same name are
 * removed (callers hold the draft's lock, so no live save owns them).
 * If `path` is a symbolic link the link's target is replaced, not the link.
 * If `path` exists and is not a regular file (a folder, a device...), nothing
 * is written and an error says so.
 * Messages read "cannot STEP PATH: strerror", e.g. "cannot write d.json: No
 * space left on device" (the error's file field stays NULL). When the folder
 * flush fails after the rename, the old file is renamed back from a hard
 * link taken just before; where hard links are impossible a second error
 * says that `path` holds the new content. The I/O calls go through the
 * table of store_io.h, so tests can make any of them fail. */
ajar_status ajar_store_write_atomic(const char *path, const void *data, size_t len,
                                    ajar_errors *errs);

/* Reads a whole regular file into a new NUL-terminated buffer the caller
 * frees (*out, length in *len). A file larger than max_bytes is refused with
 * AJAR_E_INVALID ("larger than the limit of N bytes"); a missing file gives
 * AJAR_E_NOTFOUND, other failures AJAR_E_IO, each naming the path. */
ajar_status ajar_store_read_file(const char *path, size_t max_bytes, char **out, size_t *len,
                                 ajar_errors *errs);

/* An exclusive lock on a draft, held while a process edits it. */
typedef struct ajar_lock ajar_lock;

/* Takes the lock for the draft at `path` without waiting: a hidden lock file
 * `.<name>.lock` beside the draft (mode 0600) held with flock(). The lock
 * dies with the process, so a crash or kill -9 never leaves a draft locked.
 * Returns the lock in *out, or AJAR_E_LOCKED ("is open in another ajar
 * (process PID)") when another process holds it, AJAR_E_IO when the lock
 * file cannot be created. Symbolic links are followed first, so the lock
 * lies beside the file a save replaces and a draft opened through a link
 * and through its real name has one lock. The lock file holds the PID of
 * its holder. */
ajar_status ajar_lock_acquire(const char *path, ajar_lock **out, ajar_errors *errs);

/* Releases the lock, removes the lock file, frees the handle. NULL is fine. */
void ajar_lock_release(ajar_lock *lock);

/* The folder drafts live in by default: $XDG_DATA_HOME/ajar/drafts, or
 * $HOME/.local/share/ajar/drafts when XDG_DATA_HOME is unset, empty or not
 * absolute. Returns a new string the caller frees; NULL with an error
 * (AJAR_E_NOTFOUND) when neither variable gives an absolute path. */
char *ajar_store_drafts_dir(ajar_errors *errs);

/* Creates `dir` and any missing parents; folders it creates get mode 0700.
 * An existing folder is left as it is. */
ajar_status ajar_store_mkdirs(const char *dir, ajar_errors *errs);

#endif
