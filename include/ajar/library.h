/* library.h — the user's saved drafts: listing them newest first, and naming a new one. */
#ifndef AJAR_LIBRARY_H
#define AJAR_LIBRARY_H

#include <stddef.h>
#include <time.h>

#include "ajar/error.h"

/* One saved draft as a list shows it. Strings are owned by the entry; a
 * field the draft leaves unanswered is "". */
typedef struct ajar_draft_info {
    char *path;       /* the file */
    char *name;       /* its name in the folder */
    char *company, *role, *scenario;
    size_t steps_done;
    int valid;        /* 0: the file does not load (the other fields are "") */
    struct timespec mtime;
} ajar_draft_info;

/* Lists the drafts (*.json regular files, hidden ones left out) of `dir`,
 * newest change first, ties by name. A missing folder is an empty list. On
 * success *out (free with ajar_library_free) holds *n entries. Returns
 * AJAR_OK, AJAR_E_IO (the folder cannot be read) or AJAR_E_NOMEM. */
ajar_status ajar_library_list(const char *dir, ajar_draft_info **out, size_t *n,
                              ajar_errors *errs);

/* Frees a list from ajar_library_list; NULL is fine. */
void ajar_library_free(ajar_draft_info *list, size_t n);

/* A free path in dir for a new draft: decline-YYYY-MM-DD.json for today,
 * then decline-YYYY-MM-DD-2.json and so on. Caller frees; NULL when
 * memory runs out or 9,999 names are taken. */
char *ajar_library_new_path(const char *dir);

#endif
