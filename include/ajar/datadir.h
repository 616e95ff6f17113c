/* datadir.h — where ajar finds its prompts/ and data/ folders. */
#ifndef AJAR_DATADIR_H
#define AJAR_DATADIR_H

#include "ajar/error.h"

/* The folder holding prompts/ and data/: $AJAR_DATA_DIR when set and not
 * empty; else the folder of the running executable or its parent when that
 * holds both prompts/ and data/ (running from the build tree); else
 * ../share/ajar beside the executable (installed under any PREFIX); else the
 * installed share folder (AJAR_SHARE_DIR, set at build time). Returns a new
 * string the caller frees; NULL with an AJAR_E_NOTFOUND error naming every
 * place tried when none exists. */
char *ajar_datadir_find(ajar_errors *errs);

/* Joins a folder and a relative name with one '/'. Caller frees. */
char *ajar_path_join(const char *dir, const char *name);

#endif
