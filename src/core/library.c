/* library.c — the user's saved drafts: listing them newest first, and naming a new one. */
#include "ajar/library.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ajar/datadir.h"
#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/strbuf.h"

static int by_newest(const void *a, const void *b)
{
    const ajar_draft_info *x = a, *y = b;
    if (x->mtime.tv_sec != y->mtime.tv_sec)
        return x->mtime.tv_sec < y->mtime.tv_sec ? 1 : -1;
    if (x->mtime.tv_nsec != y->mtime.tv_nsec)
        return x->mtime.tv_nsec < y->mtime.tv_nsec ? 1 : -1;
    return strcmp(x->name, y->name);
}

static char *copy_of(const ajar_draft *d, const char *path)
{
    const char *s = d ? ajar_draft_string(d, path) : NULL;
    return strdup(s ? s : "");
}

ajar_status ajar_library_list(const char *dir, ajar_draft_info **out, size_t *n,
                              ajar_errors *errs)
{
    *out = NULL;
    *n = 0;
    DIR *dh = opendir(dir);
    if (!dh) {
        if (errno == ENOENT)
            return AJAR_OK;
        return ajar_errors_add(errs, AJAR_E_IO, dir, NULL, 0, 0, errno,
                               "cannot read the drafts folder");
    }
    ajar_draft_info *list = NULL;
    size_t count = 0, cap = 0;
    ajar_status st = AJAR_OK;
    for (struct dirent *e; st == AJAR_OK && (e = readdir(dh));) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        char *path = ajar_path_join(dir, e->d_name);
        struct stat sb;
        if (path && (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))) {
            free(path);
            continue;
        }
        if (path && count == cap) {
            cap = cap ? cap * 2 : 16;
            ajar_draft_info *grown = realloc(list, cap * sizeof *grown);
            if (grown)
                list = grown;
            else
                cap = count;
        }
        if (!path || count == cap) {
            free(path);
            st = ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
            break;
        }
        ajar_draft_info *it = &list[count++];
        ajar_draft *d = NULL;
        ajar_errors ignored = {0};
        ajar_draft_load(path, &d, &ignored);
        ajar_errors_clear(&ignored);
        it->path = path;
        it->name = strdup(e->d_name);
        it->company = copy_of(d, "offer.company");
        it->role = copy_of(d, "offer.role");
        it->scenario = copy_of(d, "scenario");
        it->steps_done = d ? ajar_draft_steps_done(d) : 0;
        it->valid = d != NULL;
        it->mtime = sb.st_mtim;
        ajar_draft_free(d);
        if (!it->name || !it->company || !it->role || !it->scenario)
            st = ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    }
    closedir(dh);
    if (st != AJAR_OK) {
        ajar_library_free(list, count);
        return st;
    }
    if (count)
        qsort(list, count, sizeof *list, by_newest);
    *out = list;
    *n = count;
    return AJAR_OK;
}

void ajar_library_free(ajar_draft_info *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].path);
        free(list[i].name);
        free(list[i].company);
        free(list[i].role);
        free(list[i].scenario);
    }
    free(list);
}

char *ajar_library_new_path(const char *dir)
{
    ajar_date today;
    char iso[11] = "draft";
    if (ajar_date_today(&today))
        ajar_date_format_iso(today, iso);
    for (int k = 1; k < 10000; k++) {
        char *name = k == 1 ? ajar_asprintf("decline-%s.json", iso)
                            : ajar_asprintf("decline-%s-%d.json", iso, k);
        char *path = name ? ajar_path_join(dir, name) : NULL;
        free(name);
        struct stat sb;
        if (!path || lstat(path, &sb) != 0)
            return path;
        free(path);
    }
    return NULL;
}
