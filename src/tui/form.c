/* form.c — the questions of a step or an entry: loading answers, keys, and committing them to the draft. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/schema.h"
#include "ajar/strbuf.h"
#include "ajar/utf8.h"
#include "app.h"

char *form_path(const form *f, const ajar_question *q)
{
    size_t n = strlen(f->prefix), m = strlen(q->path);
    char *path = malloc(n + m + 1);
    if (path) {
        memcpy(path, f->prefix, n);
        memcpy(path + n, q->path, m + 1);
    }
    return path;
}

static const cJSON *answer(app *a, const form *f, const ajar_question *q)
{
    char *p = form_path(f, q);
    const cJSON *v = NULL;
    if (p)
        ajar_draft_get(a->draft, p, &v, NULL);
    free(p);
    return v;
}

/* 1 for questions typed as text. */
static int is_text(ajar_field_kind k)
{
    return k == AJAR_FK_LINE || k == AJAR_FK_TEXT || k == AJAR_FK_DATE ||
           k == AJAR_FK_DATETIME || k == AJAR_FK_PHRASES || k == AJAR_FK_MONTHS;
}

static int is_multiline(ajar_field_kind k)
{
    return k == AJAR_FK_TEXT || k == AJAR_FK_PHRASES;
}

int form_in_text(const form *f)
{
    return f->questions && f->focus < f->count && is_text(f->questions[f->focus].kind);
}

void form_load(form *f, app *a, size_t i)
{
    const ajar_question *q = &f->questions[i];
    field_state *st = &f->fields[i];
    const cJSON *v = answer(a, f, q);
    free(st->error);
    st->error = NULL;
    st->dirty = 0;
    st->confirm_delete = 0;
    if (is_text(q->kind)) {
        ajar_edit_free(&st->edit);
        ajar_edit_init(&st->edit, is_multiline(q->kind),
                       q->kind == AJAR_FK_TEXT ? AJAR_TEXT_MAX_CHARS : AJAR_LINE_MAX_CHARS);
        ajar_strbuf b;
        ajar_strbuf_init(&b);
        ajar_strbuf_puts(&b, "");
        const cJSON *it;
        if (cJSON_IsString(v)) {
            ajar_strbuf_puts(&b, v->valuestring);
        } else if (cJSON_IsArray(v)) {
            int first = 1;
            cJSON_ArrayForEach(it, v)
            {
                if (q->kind == AJAR_FK_PHRASES && cJSON_IsString(it))
                    ajar_strbuf_printf(&b, "%s%s", first ? "" : "\n", it->valuestring);
                else if (q->kind == AJAR_FK_MONTHS && cJSON_IsNumber(it))
                    ajar_strbuf_printf(&b, "%s%d", first ? "" : ", ", it->valueint);
                else
                    continue;
                first = 0;
            }
        }
        char *text = ajar_strbuf_take(&b);
        ajar_edit_set(&st->edit, text);
        free(text);
    } else if (q->kind == AJAR_FK_CHOICE) {
        st->choice = q->nchoices; /* none */
        for (size_t c = 0; cJSON_IsString(v) && c < q->nchoices; c++)
            if (strcmp(q->choices[c].id, v->valuestring) == 0)
                st->choice = c;
        st->hover = st->choice < q->nchoices ? st->choice : 0;
    } else if (q->kind == AJAR_FK_CONTACTS || q->kind == AJAR_FK_REFERRALS) {
        size_t n = (size_t)cJSON_GetArraySize(v);
        if (st->item > n)
            st->item = n;
    }
}

void form_open(form *f, app *a, const ajar_question *questions, size_t n, const char *prefix)
{
    form_close(f);
    f->questions = questions;
    f->count = n;
    f->prefix = strdup(prefix ? prefix : "");
    f->fields = calloc(n ? n : 1, sizeof *f->fields);
    f->focus = 0;
    for (size_t i = 0; f->fields && i < n; i++)
        form_load(f, a, i);
}

void form_close(form *f)
{
    for (size_t i = 0; f->fields && i < f->count; i++) {
        ajar_edit_free(&f->fields[i].edit);
        free(f->fields[i].error);
    }
    free(f->fields);
    free(f->prefix);
    memset(f, 0, sizeof *f);
}

/* Text with spaces and line breaks at both ends removed (a new string). */
static char *trimmed(const char *s)
{
    while (*s == ' ' || *s == '\n' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
        n--;
    return strndup(s, n);
}

/* The value the text of a question stands for, or NULL with *error set. */
static cJSON *value_of(const ajar_question *q, const char *text, char **error)
{
    char *t = trimmed(text);
    cJSON *v = NULL;
    if (!t)
        return NULL;
    switch (q->kind) {
    case AJAR_FK_PHRASES: {
        v = cJSON_CreateArray();
        for (char *line = t; v && line;) {
            char *nl = strchr(line, '\n');
            if (nl)
                *nl = '\0';
            char *one = trimmed(line);
            if (one && one[0])
                cJSON_AddItemToArray(v, cJSON_CreateString(one));
            free(one);
            line = nl ? nl + 1 : NULL;
        }
        break;
    }
    case AJAR_FK_MONTHS: {
        v = cJSON_CreateArray();
        char *p = t;
        while (v && *p) {
            while (*p == ' ' || *p == ',' || *p == ';')
                p++;
            if (!*p)
                break;
            char *end;
            long m = strtol(p, &end, 10);
            if (end == p || m < 1 || m > 120) {
                *error = strdup("Write whole numbers of months from 1 to 120.");
                cJSON_Delete(v);
                v = NULL;
                break;
            }
            cJSON_AddItemToArray(v, cJSON_CreateNumber((double)m));
            p = end;
        }
        break;
    }
    default:
        v = cJSON_CreateString(t);
        break;
    }
    free(t);
    return v;
}

int form_commit(form *f, app *a)
{
    if (!f->questions || f->focus >= f->count)
        return 1;
    const ajar_question *q = &f->questions[f->focus];
    field_state *st = &f->fields[f->focus];
    if (!st->dirty)
        return 1;
    char *error = NULL;
    cJSON *v = NULL;
    if (is_text(q->kind))
        v = value_of(q, st->edit.text ? st->edit.text : "", &error);
    else if (q->kind == AJAR_FK_CHOICE)
        v = st->choice < q->nchoices ? cJSON_CreateString(q->choices[st->choice].id)
                                     : cJSON_CreateNull();
    if (!v && !error)
        error = strdup("out of memory");
    char *p = form_path(f, q);
    int ok = v && p && app_set(a, p, v, &error);
    if (!ok && v && !p)
        cJSON_Delete(v);
    free(p);
    free(st->error);
    st->error = error;
    if (ok) {
        size_t keep = f->focus;
        form_load(f, a, keep);
    }
    return ok;
}

/* Sets a yes/no answer at once. */
static int set_bool(form *f, app *a, int value)
{
    const ajar_question *q = &f->questions[f->focus];
    char *p = form_path(f, q), *error = NULL;
    /* only one person made the offer: saying so of this one unmarks the others */
    if (p && value && strcmp(q->path, "made_offer") == 0 &&
        strncmp(f->prefix, "contacts[", 9) == 0)
        app_set_offer_maker(a, strtol(f->prefix + 9, NULL, 10));
    int ok = p && app_set(a, p, cJSON_CreateBool(value), &error);
    free(p);
    free(f->fields[f->focus].error);
    f->fields[f->focus].error = error;
    return ok;
}

/* Keys of a text question. */
static int text_key(form *f, app *a, const tui_event *ev, int width)
{
    const ajar_question *q = &f->questions[f->focus];
    field_state *st = &f->fields[f->focus];
    ajar_edit *e = &st->edit;
    if (ev->kind == EV_CHAR || ev->kind == EV_PASTE) {
        int date = q->kind == AJAR_FK_DATE || q->kind == AJAR_FK_DATETIME;
        if (date && ev->kind == EV_CHAR && strcmp(ev->text, "t") == 0) {
            /* "t" for today: a date has no letters, so the key is free */
            char iso[11];
            ajar_date_format_iso(a->today, iso);
            ajar_edit_set(e, iso);
            if (q->kind == AJAR_FK_DATETIME)
                ajar_edit_insert(e, " 09:00", 6);
        } else {
            ajar_edit_insert(e, ev->text, strlen(ev->text));
        }
        st->dirty = 1;
        free(st->error); /* the complaint was about the text before */
        st->error = NULL;
        return KEY_HANDLED;
    }
    if (ev->kind != EV_KEY)
        return KEY_IGNORED;
    size_t before = e->len;
    switch (ev->key) {
    case '\r':
    case KEY_ENTER:
        if (q->kind == AJAR_FK_PHRASES && e->cursor > 0 && e->text[e->cursor - 1] != '\n') {
            ajar_edit_insert(e, "\n", 1); /* a new phrase on a new line */
            st->dirty = 1;
            return KEY_HANDLED;
        }
        return KEY_COMMIT_NEXT;
    case CTRL('j'):
        if (is_multiline(q->kind)) {
            ajar_edit_insert(e, "\n", 1);
            st->dirty = 1;
            return KEY_HANDLED;
        }
        return KEY_COMMIT_NEXT;
    case 27: /* Esc: back to the saved answer */
        form_load(f, a, f->focus);
        app_status(a, 0, "Change undone.");
        return KEY_HANDLED;
    case KEY_LEFT: ajar_edit_left(e); return KEY_HANDLED;
    case KEY_RIGHT: ajar_edit_right(e); return KEY_HANDLED;
    case KEY_HOME:
    case CTRL('a'): ajar_edit_home(e); return KEY_HANDLED;
    case KEY_END: ajar_edit_end(e); return KEY_HANDLED;
    case KEY_UP:
        return is_multiline(q->kind) && ajar_edit_up(e, (size_t)width) ? KEY_HANDLED : KEY_IGNORED;
    case KEY_DOWN:
        return is_multiline(q->kind) && ajar_edit_down(e, (size_t)width) ? KEY_HANDLED
                                                                         : KEY_IGNORED;
    case KEY_BACKSPACE: ajar_edit_backspace(e); break;
    case KEY_DC:
    case CTRL('d'): ajar_edit_delete(e); break;
    case CTRL('w'): ajar_edit_delete_word(e); break;
    case CTRL('k'): ajar_edit_kill_end(e); break;
    case CTRL('u'): ajar_edit_kill_start(e); break;
    case CTRL('t'):
        if (q->kind == AJAR_FK_DATE || q->kind == AJAR_FK_DATETIME) {
            char iso[11];
            ajar_date_format_iso(a->today, iso);
            ajar_edit_set(e, iso);
            st->dirty = 1;
            return KEY_HANDLED;
        }
        return KEY_IGNORED;
    default:
        return KEY_IGNORED;
    }
    if (e->len != before) {
        st->dirty = 1;
        free(st->error);
        st->error = NULL;
    }
    return KEY_HANDLED;
}

/* Keys of a choice question: every change is an answer, saved at once. */
static int choice_key(form *f, const tui_event *ev)
{
    const ajar_question *q = &f->questions[f->focus];
    field_state *st = &f->fields[f->focus];
    size_t n = q->nchoices, old = st->choice;
    if (n == 0)
        return KEY_IGNORED;
    if (ev->kind == EV_CHAR && ev->text[0] == ' ' && ev->text[1] == '\0') {
        st->choice = st->hover; /* Space chooses the one under the cursor */
    } else if (ev->kind == EV_CHAR && ev->text[0] && ev->text[1] == '\0') {
        /* a letter jumps to the next choice starting with it, or else to
         * the next with a word of four letters or more starting with it
         * ("f": "I need more flexibility"), and chooses it */
        char c = (char)(ev->text[0] | 0x20);
        size_t from = st->hover;
        int found = 0;
        for (int any_word = 0; any_word < 2 && !found; any_word++) {
            for (size_t k = 1; k <= n && !found; k++) {
                size_t i = (from + k) % n;
                const char *l = q->choices[i].label;
                for (size_t j = 0; l[j] && !found && (any_word || j == 0); j++) {
                    size_t len = strcspn(l + j, " ),.");
                    found = (j == 0 || l[j - 1] == ' ' || l[j - 1] == '(') &&
                            (char)(l[j] | 0x20) == c && (j == 0 || len >= 4);
                }
                if (found)
                    st->choice = st->hover = i;
            }
        }
    } else if (ev->kind == EV_KEY) {
        switch (ev->key) {
        case KEY_UP: /* the cursor moves; past the ends, to the other questions */
            if (st->hover == 0)
                return KEY_IGNORED;
            st->hover--;
            return KEY_HANDLED;
        case KEY_DOWN:
            if (st->hover + 1 >= n)
                return KEY_IGNORED;
            st->hover++;
            return KEY_HANDLED;
        case KEY_LEFT: /* Left and Right change the answer at once */
            if (old == 0 || old >= n)
                return KEY_HANDLED;
            st->choice = st->hover = old - 1;
            break;
        case KEY_RIGHT:
            if (old >= n)
                st->choice = 0;
            else if (old + 1 < n)
                st->choice = old + 1;
            else
                return KEY_HANDLED;
            st->hover = st->choice;
            break;
        case '\r':
        case KEY_ENTER:
            /* Enter chooses the one under the cursor and goes on */
            if (st->hover != old) {
                st->choice = st->hover;
                st->dirty = 1;
            }
            return KEY_COMMIT_NEXT;
        default:
            return KEY_IGNORED;
        }
    } else {
        return KEY_IGNORED;
    }
    if (st->choice != old) {
        st->dirty = 1;
        return KEY_COMMIT;
    }
    return KEY_HANDLED;
}

static int yesno_key(form *f, app *a, const tui_event *ev)
{
    const ajar_question *q = &f->questions[f->focus];
    char *p = form_path(f, q);
    int now = 0;
    if (p) {
        const cJSON *v = NULL;
        ajar_draft_get(a->draft, p, &v, NULL);
        now = cJSON_IsTrue(v);
    }
    free(p);
    int want = -1;
    if (ev->kind == EV_CHAR) {
        if (strcmp(ev->text, " ") == 0)
            want = !now;
        else if (strcmp(ev->text, "y") == 0 || strcmp(ev->text, "Y") == 0)
            want = 1;
        else if (strcmp(ev->text, "n") == 0 || strcmp(ev->text, "N") == 0)
            want = 0;
    } else if (ev->kind == EV_KEY && (ev->key == KEY_LEFT || ev->key == KEY_RIGHT)) {
        want = !now;
    } else if (ev->kind == EV_KEY && (ev->key == '\r' || ev->key == KEY_ENTER)) {
        return KEY_COMMIT_NEXT;
    }
    if (want < 0)
        return KEY_IGNORED;
    set_bool(f, a, want);
    return KEY_HANDLED;
}

int form_key(form *f, app *a, const tui_event *ev, int width)
{
    if (!f->questions || f->focus >= f->count)
        return KEY_IGNORED;
    switch (f->questions[f->focus].kind) {
    case AJAR_FK_CHOICE:
        return choice_key(f, ev);
    case AJAR_FK_YESNO:
        return yesno_key(f, a, ev);
    case AJAR_FK_CONTACTS:
    case AJAR_FK_REFERRALS:
        return KEY_IGNORED; /* the list editor (list.c) takes these */
    default:
        return text_key(f, a, ev, width);
    }
}
