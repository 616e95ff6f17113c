/* list.c — the contacts and referrals editors: a list of entries, each opened as a small form. */
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"
#include "app.h"

static const char *str_in(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* The item question for `key`, to find a choice's label. */
static const ajar_question *item_question(const ajar_question *q, const char *key)
{
    for (size_t i = 0; i < q->nitem; i++)
        if (strcmp(q->item[i].path, key) == 0)
            return &q->item[i];
    return NULL;
}

char *form_entry_summary(const ajar_question *q, const cJSON *item)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    const char *name = str_in(item, "name");
    ajar_strbuf_puts(&b, name[0] ? name : "(no name yet)");
    const char *role = str_in(item, "role");
    const char *label = role[0] ? ajar_question_choice_label(item_question(q, "role"), role) : NULL;
    const char *title = str_in(item, "title");
    if (title[0])
        ajar_strbuf_printf(&b, " — %s", title);
    else if (label)
        ajar_strbuf_printf(&b, " — %s", label);
    const char *why = str_in(item, "why");
    if (why[0])
        ajar_strbuf_printf(&b, " — %s", why);
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "made_offer")))
        ajar_strbuf_puts(&b, "  ★ made the offer");
    return ajar_strbuf_take(&b);
}

static char *list_path(app *a)
{
    const ajar_question *q = &a->form.questions[a->form.focus];
    return ajar_asprintf("%s%s", a->form.prefix, q->path);
}

static const cJSON *the_list(app *a)
{
    char *p = list_path(a);
    const cJSON *v = NULL;
    if (p)
        ajar_draft_get(a->draft, p, &v, NULL);
    free(p);
    return v;
}

void list_open_entry(app *a, size_t item)
{
    const ajar_question *q = &a->form.questions[a->form.focus];
    char *lp = list_path(a);
    char *prefix = lp ? ajar_asprintf("%s[%zu].", lp, item) : NULL;
    free(lp);
    if (!prefix)
        return;
    a->sub_of = a->form.focus;
    form_open(&a->sub, a, q->item, q->nitem, prefix);
    free(prefix);
    a->scroll = 0;
}

void list_close_entry(app *a)
{
    form_commit(&a->sub, a);
    form_close(&a->sub);
    a->scroll = 0;
}

/* Appends an empty entry and opens it. */
static void add_entry(app *a)
{
    char *lp = list_path(a);
    char *path = lp ? ajar_asprintf("%s[+]", lp) : NULL;
    free(lp);
    char *error = NULL;
    if (path && app_set(a, path, cJSON_CreateObject(), &error)) {
        size_t n = (size_t)cJSON_GetArraySize(the_list(a));
        a->form.fields[a->form.focus].item = n - 1;
        list_open_entry(a, n - 1);
    } else if (error) {
        app_status(a, 1, "%s", error);
    }
    free(error);
    free(path);
}

static void delete_entry(app *a, size_t item)
{
    field_state *st = &a->form.fields[a->form.focus];
    const cJSON *entry = cJSON_GetArrayItem(the_list(a), (int)item);
    char *name = strdup(str_in(entry, "name")[0] ? str_in(entry, "name") : "the entry");
    char *lp = list_path(a);
    char *path = lp ? ajar_asprintf("%s[%zu]", lp, item) : NULL;
    free(lp);
    ajar_errors errs = {0};
    if (path && name && ajar_draft_remove(a->draft, path, &errs) == AJAR_OK && app_save(a)) {
        app_status(a, 0, "Removed %s.", name);
        app_changed(a);
    }
    ajar_errors_clear(&errs);
    free(path);
    free(name);
    st->confirm_delete = 0;
}

/* Marks entry `item` as the person who made the offer, and nobody else. */
static void mark_offer_maker(app *a, size_t item)
{
    const cJSON *list = the_list(a);
    int was = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(list, (int)item),
                                                            "made_offer"));
    app_set_offer_maker(a, was ? -1 : (long)item);
    if (app_save(a)) {
        app_changed(a);
        app_status(a, 0, was ? "Nobody is marked as having made the offer."
                             : "Marked as the person who made the offer: the letter goes to them.");
    }
}

int list_key(app *a, const tui_event *ev)
{
    const ajar_question *q = &a->form.questions[a->form.focus];
    field_state *st = &a->form.fields[a->form.focus];
    size_t n = (size_t)cJSON_GetArraySize(the_list(a));
    if (st->item > n)
        st->item = n;
    int key = ev->kind == EV_KEY ? ev->key : 0;
    char c = ev->kind == EV_CHAR && ev->text[1] == '\0' ? ev->text[0] : 0;
    if (key != KEY_DC && c != 'd')
        st->confirm_delete = 0;
    if (key == KEY_UP) {
        if (st->item == 0)
            return KEY_IGNORED;
        st->item--;
        return KEY_HANDLED;
    }
    if (key == KEY_DOWN) {
        if (st->item >= n)
            return KEY_IGNORED;
        st->item++;
        return KEY_HANDLED;
    }
    if (key == '\r' || key == KEY_ENTER || key == KEY_RIGHT || c == 'e') {
        if (st->item >= n)
            add_entry(a);
        else
            list_open_entry(a, st->item);
        return KEY_HANDLED;
    }
    if (key == KEY_IC || c == 'a' || c == '+') {
        add_entry(a);
        return KEY_HANDLED;
    }
    if ((key == KEY_DC || c == 'd') && st->item < n) {
        if (st->confirm_delete) {
            delete_entry(a, st->item);
        } else {
            st->confirm_delete = 1;
            const char *name = str_in(cJSON_GetArrayItem(the_list(a), (int)st->item), "name");
            app_status(a, 0, "Press %s again to remove %s.", key == KEY_DC ? "Delete" : "d",
                       name[0] ? name : "this entry");
        }
        return KEY_HANDLED;
    }
    if (c == 'o' && q->kind == AJAR_FK_CONTACTS && st->item < n) {
        mark_offer_maker(a, st->item);
        return KEY_HANDLED;
    }
    return KEY_IGNORED;
}
