/* recover.c — an answer half typed when ajar was stopped is kept beside the draft and offered back next time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ajar/json.h"
#include "ajar/store.h"
#include "ajar/strbuf.h"
#include "app.h"

/* The recovery file of a draft: ".NAME.recover" beside it. */
static char *recover_path(const char *draft)
{
    const char *slash = strrchr(draft, '/');
    const char *name = slash ? slash + 1 : draft;
    int dir = slash ? (int)(slash - draft) + 1 : 0;
    return ajar_asprintf("%.*s.%s.recover", dir, draft, name);
}

void recover_save(app *a, const form *f)
{
    if (!f->questions || f->focus >= f->count || !f->fields[f->focus].dirty)
        return;
    const field_state *st = &f->fields[f->focus];
    cJSON *doc = cJSON_CreateObject();
    char *field = ajar_asprintf("%s%s", f->prefix, f->questions[f->focus].path);
    char *path = recover_path(a->path);
    if (doc && field && path && cJSON_AddStringToObject(doc, "field", field) &&
        cJSON_AddStringToObject(doc, "text", st->edit.text ? st->edit.text : "")) {
        char *json = ajar_json_print(doc);
        ajar_errors errs = {0};
        /* written without the terminal: after SIGHUP it is gone */
        if (json)
            ajar_store_write_atomic(path, json, strlen(json), &errs);
        ajar_errors_clear(&errs);
        free(json);
    }
    cJSON_Delete(doc);
    free(field);
    free(path);
}

void recover_offer(app *a)
{
    char *path = recover_path(a->path);
    char *text = NULL;
    size_t len = 0;
    cJSON *doc = NULL;
    ajar_errors errs = {0};
    if (!path || ajar_store_read_file(path, 256 * 1024, &text, &len, &errs) != AJAR_OK ||
        ajar_json_parse(text, len, path, &doc, &errs) != AJAR_OK) {
        ajar_errors_clear(&errs);
        free(text);
        free(path);
        return;
    }
    const char *field = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "field"));
    const char *typed = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "text"));
    int all = app_steps_all(a);
    int placed = field && typed && ajar_steps_for_field(a->steps, field, NULL) >= 0;
    if (placed) {
        app_goto_field(a, field);
        form *f = a->sub.questions ? &a->sub : &a->form;
        field_state *st = &f->fields[f->focus];
        ajar_edit_set(&st->edit, typed);
        st->dirty = 1;
        app_status(a, 0,
                   "Here is what you were typing when ajar was stopped: Enter keeps it, Esc drops it.");
    }
    /* offered once; from now on it lives in the field. Kept when the step
     * that asks for it may be one that could not be read: it is the user's
     * work, and the file may be mended before the next start */
    if (placed || all)
        unlink(path);
    cJSON_Delete(doc);
    free(text);
    free(path);
}
