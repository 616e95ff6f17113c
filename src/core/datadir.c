/* datadir.c — locating the prompts/ and data/ folders: environment, build tree, installed share. */
#include "ajar/datadir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ajar/strbuf.h"

#ifndef AJAR_SHARE_DIR
#define AJAR_SHARE_DIR "/usr/local/share/ajar"
#endif

char *ajar_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir), m = strlen(name);
    int slash = !(n && dir[n - 1] == '/');
    char *path = malloc(n + (size_t)slash + m + 1);
    if (!path)
        return NULL;
    memcpy(path, dir, n);
    if (slash)
        path[n] = '/';
    memcpy(path + n + (size_t)slash, name, m + 1);
    return path;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether dir holds both prompts/ and data/. */
static int has_content(const char *dir)
{
    char *p = ajar_path_join(dir, "prompts");
    char *d = ajar_path_join(dir, "data");
    int ok = p && d && is_dir(p) && is_dir(d);
    free(p);
    free(d);
    return ok;
}

char *ajar_datadir_find(ajar_errors *errs)
{
    const char *env = getenv("AJAR_DATA_DIR");
    if (env && *env) {
        if (has_content(env))
            return strdup(env);
        ajar_errors_add(errs, AJAR_E_NOTFOUND, NULL, NULL, 0, 0, 0,
                        "AJAR_DATA_DIR=%s does not hold the prompts/ and data/ folders", env);
        return NULL;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 2; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash)
                break;
            *slash = '\0';
            if (*exe && has_content(exe))
                return strdup(exe);
            if (up == 0) {
                /* An installed binary in PREFIX/bin finds PREFIX/share/ajar,
                 * whatever PREFIX it was built with. */
                char *share = ajar_path_join(*exe ? exe : "/", "../share/ajar");
                char *real = share && has_content(share) ? realpath(share, NULL) : NULL;
                free(share);
                if (real)
                    return real;
            }
        }
    }
    if (has_content(AJAR_SHARE_DIR))
        return strdup(AJAR_SHARE_DIR);
    ajar_errors_add(errs, AJAR_E_NOTFOUND, NULL, NULL, 0, 0, 0,
                    "cannot find ajar's prompts/ and data/ folders (looked in $AJAR_DATA_DIR, "
                    "beside the program, and in %s); set AJAR_DATA_DIR or reinstall",
                    AJAR_SHARE_DIR);
    return NULL;
}
