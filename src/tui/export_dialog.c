/* export_dialog.c — writing a part of the letter kit to a file, from the wizard, as `ajar export` does. */
#include <stdlib.h>
#include <string.h>

#include "ajar/store.h"
#include "ajar/strbuf.h"
#include "ajar/utf8.h"
#include "app.h"

/* What each format is called in the dialog. */
static const char *format_label(ajar_export_format f)
{
    static const char *const LABELS[AJAR_EXPORT_FORMAT_COUNT] = {
        "plain text (.txt)",          "Markdown (.md)",   "e-mail draft to open and send (.eml)",
        "mailto: link (.txt)",        "spreadsheet (.csv)", "calendar reminders (.ics)",
        "JSON for other programs (.json)"};
    return f < AJAR_EXPORT_FORMAT_COUNT ? LABELS[f] : "?";
}

/* The path proposed for the current part and format: beside the draft,
 * named after it ("decline-2026-11-20-letter.eml"). */
static char *proposed_path(const app *a)
{
    const export_dialog *d = &a->dialog;
    size_t n = strlen(a->path);
    if (n > 5 && strcmp(a->path + n - 5, ".json") == 0)
        n -= 5;
    const char *ext = ajar_export_format_ext(d->fmt);
    return ajar_asprintf("%.*s-%s%s%s", (int)n, a->path, ajar_export_what_name(d->what),
                         d->fmt == AJAR_EXPORT_MAILTO ? "-mailto" : "", ext ? ext : ".txt");
}

static void propose(app *a)
{
    if (a->dialog.path_edited)
        return;
    char *p = proposed_path(a);
    ajar_edit_set(&a->dialog.path, p ? p : "");
    free(p);
}

/* The format most people want for a part. */
static ajar_export_format natural_format(ajar_export_what w)
{
    switch (w) {
    case AJAR_EXPORT_LETTER: return AJAR_EXPORT_EML;
    case AJAR_EXPORT_FOLLOWUPS: return AJAR_EXPORT_ICS;
    case AJAR_EXPORT_ALL: return AJAR_EXPORT_MD;
    default: return AJAR_EXPORT_TXT;
    }
}

/* Moves the format to the next (or previous) one the part allows. */
static void step_format(export_dialog *d, int dir)
{
    for (int k = 0; k < AJAR_EXPORT_FORMAT_COUNT; k++) {
        d->fmt = (ajar_export_format)(((int)d->fmt + dir + AJAR_EXPORT_FORMAT_COUNT) %
                                      AJAR_EXPORT_FORMAT_COUNT);
        if (ajar_export_allowed(d->what, d->fmt))
            return;
    }
}

void export_open(app *a)
{
    export_dialog *d = &a->dialog;
    /* the part on screen is the likeliest wish */
    static const ajar_export_what BY_TAB[TAB_COUNT] = {
        AJAR_EXPORT_LETTER,    AJAR_EXPORT_PHONE,    AJAR_EXPORT_VOICEMAIL,
        AJAR_EXPORT_FOLLOWUPS, AJAR_EXPORT_LINKEDIN, AJAR_EXPORT_LETTER};
    int reviewing = a->steps->items[a->step].review;
    d->what = reviewing ? BY_TAB[a->tab] : AJAR_EXPORT_LETTER;
    d->fmt = natural_format(d->what);
    d->row = 0;
    d->path_edited = 0;
    ajar_edit_free(&d->path);
    ajar_edit_init(&d->path, 0, 4096);
    propose(a);
    a->overlay = OV_EXPORT;
}

static void write_export(app *a)
{
    export_dialog *d = &a->dialog;
    const char *path = d->path.text ? d->path.text : "";
    if (!path[0]) {
        app_status(a, 1, "Give the file a name first.");
        return;
    }
    ajar_export_request req = {d->what, d->fmt, a->today, 0, 0, 0};
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    ajar_errors errs = {0}, warnings = {0};
    ajar_renderer *r = app_renderer(a);
    if (!r) {
        ajar_strbuf_free(&out);
        app_status(a, 1, "Not exported: %s", a->renderer_error ? a->renderer_error : "out of memory");
        return;
    }
    ajar_status st = ajar_export_draft(r, a->draft, &req, &out, &warnings, &errs);
    if (st == AJAR_OK && out.failed)
        st = ajar_errors_add(&errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    if (st == AJAR_OK)
        st = ajar_store_write_atomic(path, out.data ? out.data : "", out.len, &errs);
    if (st == AJAR_OK) {
        /* something went out: the review step is done */
        ajar_errors ignored = {0};
        if (ajar_draft_set_string(a->draft, "steps.review", "done", &ignored) == AJAR_OK)
            app_save(a);
        ajar_errors_clear(&ignored);
        char *warn = warnings.count ? ajar_error_format(&warnings.items[0]) : NULL;
        if (warn)
            app_status(a, 0, "Wrote %s (note: %s)", path, warn);
        else
            app_status(a, 0, "Wrote %s", path);
        free(warn);
        a->overlay = OV_NONE;
    } else {
        char *m = errs.count ? ajar_error_format(&errs.items[0]) : NULL;
        app_status(a, 1, "Not exported: %s", m ? m : "out of memory");
        free(m);
    }
    ajar_errors_clear(&errs);
    ajar_errors_clear(&warnings);
    ajar_strbuf_free(&out);
}

void export_key(app *a, const tui_event *ev)
{
    export_dialog *d = &a->dialog;
    int key = ev->kind == EV_KEY ? ev->key : 0;
    if (key == 27 || key == KEY_F(5)) {
        a->overlay = OV_NONE;
        return;
    }
    if (key == CTRL('q') || key == KEY_F(10)) {
        app_commit_or_keep(a);
        a->quit = 1;
        return;
    }
    if (key == '\r' || key == KEY_ENTER) {
        write_export(a);
        return;
    }
    if (key == '\t' || key == KEY_DOWN) {
        d->row = (d->row + 1) % 3;
        return;
    }
    if (key == KEY_BTAB || key == KEY_UP) {
        d->row = (d->row + 2) % 3;
        return;
    }
    if (d->row == 0 && (key == KEY_LEFT || key == KEY_RIGHT ||
                        (ev->kind == EV_CHAR && strcmp(ev->text, " ") == 0))) {
        int dir = key == KEY_LEFT ? -1 : 1;
        d->what = (ajar_export_what)(((int)d->what + dir + AJAR_EXPORT_WHAT_COUNT) %
                                     AJAR_EXPORT_WHAT_COUNT);
        d->fmt = natural_format(d->what);
        propose(a);
        return;
    }
    if (d->row == 1 && (key == KEY_LEFT || key == KEY_RIGHT ||
                        (ev->kind == EV_CHAR && strcmp(ev->text, " ") == 0))) {
        step_format(d, key == KEY_LEFT ? -1 : 1);
        propose(a);
        return;
    }
    if (d->row != 2)
        return;
    ajar_edit *e = &d->path;
    size_t before = e->len;
    if (ev->kind == EV_CHAR || ev->kind == EV_PASTE)
        ajar_edit_insert(e, ev->text, strlen(ev->text));
    else if (key == KEY_LEFT)
        ajar_edit_left(e);
    else if (key == KEY_RIGHT)
        ajar_edit_right(e);
    else if (key == KEY_HOME || key == CTRL('a'))
        ajar_edit_home(e);
    else if (key == KEY_END)
        ajar_edit_end(e);
    else if (key == KEY_BACKSPACE)
        ajar_edit_backspace(e);
    else if (key == KEY_DC)
        ajar_edit_delete(e);
    else if (key == CTRL('w'))
        ajar_edit_delete_word(e);
    else if (key == CTRL('u'))
        ajar_edit_kill_start(e);
    if (e->len != before || ev->kind == EV_CHAR || ev->kind == EV_PASTE)
        d->path_edited = 1;
}

void export_draw(app *a)
{
    export_dialog *d = &a->dialog;
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    int w = cols - 4 > 76 ? 76 : cols - 4, h = 10;
    if (w < 20 || rows < h + 2)
        w = cols - 2, h = rows - 2 < 10 ? rows - 2 : 10;
    if (w < 10 || h < 6)
        return;
    int y = (rows - h) / 2, x = (cols - w) / 2;
    for (int r = 0; r < h; r++)
        tui_fill(y + r, x, w, tui_attr(ROLE_NORMAL));
    for (int r = 0; r < h; r++) {
        const char *side = r == 0 ? "┌" : r == h - 1 ? "└" : "│";
        const char *end = r == 0 ? "┐" : r == h - 1 ? "┘" : "│";
        tui_puts(y + r, x, side, 1, tui_attr(ROLE_FRAME));
        tui_puts(y + r, x + w - 1, end, 1, tui_attr(ROLE_FRAME));
        if (r == 0 || r == h - 1)
            for (int c = 1; c < w - 1; c++)
                tui_puts(y + r, x + c, "─", 1, tui_attr(ROLE_FRAME));
    }
    tui_puts(y, x + 2, " Export ", w - 4, tui_attr(ROLE_TITLE));
    int lx = x + 2, fx = x + 11, fw = w - 13;
    const char *labels[3] = {"Part", "Format", "File"};
    for (int r = 0; r < 3; r++) {
        int yy = y + 2 + r;
        tui_puts(yy, lx, labels[r], 8, tui_attr(ROLE_LABEL));
        int focus = d->row == r;
        int attr = focus ? tui_attr(ROLE_FOCUS) : tui_attr(ROLE_FIELD);
        tui_fill(yy, fx, fw, attr);
        if (r == 0 || r == 1) {
            char *v = ajar_asprintf("‹ %s ›", r == 0 ? ajar_export_what_title(d->what)
                                                     : format_label(d->fmt));
            tui_puts(yy, fx, v ? v : "", fw, attr);
            free(v);
        } else if (!focus) {
            /* at rest: the home folder as ~, and the start cut rather than the name */
            const char *home = getenv("HOME");
            const char *t = d->path.text ? d->path.text : "";
            size_t hl = home ? strlen(home) : 0;
            char *shown = hl > 1 && strncmp(t, home, hl) == 0 && t[hl] == '/'
                              ? ajar_asprintf("~%s", t + hl) : strdup(t);
            const char *v = shown ? shown : t;
            size_t vl = strlen(v), skip = 0;
            while (skip < vl && ajar_utf8_width(v + skip, vl - skip) > (size_t)(fw - 1))
                skip += ajar_utf8_char_len(v + skip, vl - skip, NULL);
            int used = skip ? tui_puts(yy, fx, "…", 1, attr) : 0;
            tui_put(yy, fx + used, v + skip, vl - skip, fw - used, attr);
            free(shown);
        } else {
            const ajar_edit *e = &d->path;
            size_t start = 0;
            while (start < e->cursor &&
                   ajar_utf8_width(e->text + start, e->cursor - start) >= (size_t)(fw - 1))
                start += ajar_utf8_char_len(e->text + start, e->len - start, NULL);
            tui_put(yy, fx, e->text ? e->text + start : "", e->len - start, fw, attr);
            form_cursor_y = yy;
            form_cursor_x = fx + (int)ajar_utf8_width(e->text + start, e->cursor - start);
        }
    }
    if (d->row != 2)
        form_cursor_y = -1;
    tui_puts(y + 6, lx, "Tab: next line   ←→: change   Enter: write the file   Esc: close",
             w - 4, tui_attr(ROLE_HINT));
    if (d->row != 2)
        tui_puts(y + 5, lx, "The file name can be changed: Tab to it and type.", w - 4,
                 tui_attr(ROLE_EXAMPLE));
    tui_puts(y + 7, lx, "The file is written whole or not at all; an older one is replaced.",
             w - 4, tui_attr(ROLE_EXAMPLE));
}
