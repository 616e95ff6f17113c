/* start.c — the first screen of `ajar` alone: resume a saved draft, or start a new letter. */
#include <stdlib.h>
#include <string.h>

#include "ajar/library.h"
#include "ajar/strbuf.h"
#include "ajar/utf8.h"
#include "app.h"

typedef struct start {
    ajar_draft_info *drafts;
    size_t n;
    size_t sel;                 /* 0: new letter, i + 1: drafts[i] */
    const ajar_question *scenario; /* the scenario question of the step files */
    int asking;                 /* choosing the scenario of a new letter */
    size_t choice;
    char *dir;
} start;

static const ajar_question *find_scenario(const ajar_steps *steps)
{
    size_t q;
    long s = ajar_steps_for_field(steps, "scenario", &q);
    return s >= 0 ? &steps->items[s].questions[q] : NULL;
}

static void draw_list(app *a, start *st, int rows, int cols)
{
    int y = 3, w = cols - 4;
    tui_puts(y++, 2, st->n ? "Open a draft, or start a new letter:" : "Start your letter:", w,
             tui_attr(ROLE_LABEL));
    y++;
    for (size_t i = 0; i <= st->n && y < rows - 3; i++, y++) {
        int sel = i == st->sel;
        int attr = sel ? tui_attr(ROLE_FOCUS) : 0;
        tui_fill(y, 2, w, attr);
        tui_puts(y, 0, sel ? "▸" : " ", 1, tui_attr(ROLE_TITLE));
        if (i == 0) {
            tui_puts(y, 2, "+ Start a new letter", w, attr | A_BOLD);
            continue;
        }
        const ajar_draft_info *d = &st->drafts[i - 1];
        ajar_strbuf b;
        ajar_strbuf_init(&b);
        if (!d->valid)
            ajar_strbuf_printf(&b, "%s (cannot be read: run ajar validate)", d->name);
        else
            ajar_strbuf_printf(&b, "%s%s%s", d->company[0] ? d->company : "(no company yet)",
                               d->role[0] ? " · " : "", d->role);
        char when[32];
        struct tm tm;
        localtime_r(&d->mtime.tv_sec, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        char *right = d->valid ? ajar_asprintf("%zu/%zu steps  %s",
                                               d->steps_done < a->steps->count
                                                   ? d->steps_done : a->steps->count,
                                               a->steps->count, when)
                               : ajar_asprintf("%s", when);
        char *left = ajar_strbuf_take(&b);
        int rw = right ? (int)ajar_utf8_width(right, strlen(right)) : 0;
        tui_puts(y, 4, left ? left : "", w - rw - 4, attr);
        if (right && rw < w - 10)
            tui_puts(y, 2 + w - rw, right, rw, attr);
        free(left);
        free(right);
    }
    if (st->dir)
        tui_puts(rows - 3, 2, st->dir, w, tui_attr(ROLE_EXAMPLE));
    (void)a;
}

static void draw_ask(start *st, int rows, int cols)
{
    int y = 3, w = cols - 4;
    tui_puts(y, 2, st->scenario ? st->scenario->label : "What are you saying no to?", w,
             tui_attr(ROLE_LABEL));
    y += 2;
    for (size_t i = 0; st->scenario && i < st->scenario->nchoices && y < rows - 3; i++, y++) {
        int on = i == st->choice;
        tui_puts(y, 2, on ? "(•) " : "( ) ", 4, tui_attr(on ? ROLE_OK : ROLE_NORMAL));
        tui_puts(y, 6, st->scenario->choices[i].label, w - 4, on ? tui_attr(ROLE_FOCUS) : 0);
    }
    if (st->scenario && st->scenario->hint[0] && y + 1 < rows - 3)
        tui_puts(y + 1, 2, st->scenario->hint, w, tui_attr(ROLE_HINT));
}

static void draw(app *a, start *st)
{
    erase();
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    if (cols < 40 || rows < 10) {
        tui_put_wrapped(0, 0, "Please enlarge the terminal (at least 40×10).", cols, 0, rows,
                        tui_attr(ROLE_ATTENTION));
        refresh();
        return;
    }
    tui_fill(0, 0, cols, tui_attr(ROLE_KEYBAR));
    tui_puts(0, 1, "ajar — say no to a job offer and keep the door open", cols - 2,
             tui_attr(ROLE_KEYBAR) | A_BOLD);
    if (st->asking)
        draw_ask(st, rows, cols);
    else
        draw_list(a, st, rows, cols);
    if (a->status)
        tui_puts(rows - 2, 1, a->status, cols - 2,
                 tui_attr(a->status_error ? ROLE_ERROR : ROLE_HINT));
    tui_fill(rows - 1, 0, cols, tui_attr(ROLE_KEYBAR));
    tui_puts(rows - 1, 1,
             st->asking ? "↑↓ choose   Enter start   Esc back   Ctrl-Q quit"
                        : "↑↓ choose   Enter open   n new letter   Ctrl-Q quit",
             cols - 2, tui_attr(ROLE_KEYBAR));
    curs_set(0);
    refresh();
}

/* Handles one key; returns 1 when a draft was chosen (path in *path,
 * scenario in *scenario for a new one), -1 to quit, 0 to go on. */
static int key(app *a, start *st, const tui_event *ev, char **path, const char **scenario)
{
    int k = ev->kind == EV_KEY ? ev->key : 0;
    const char *c = ev->kind == EV_CHAR ? ev->text : "";
    if (ev->kind == EV_END || k == CTRL('q') || k == KEY_F(10))
        return -1;
    size_t count = st->asking ? (st->scenario ? st->scenario->nchoices : 0) : st->n + 1;
    size_t *sel = st->asking ? &st->choice : &st->sel;
    if (k == KEY_UP && *sel > 0)
        (*sel)--;
    else if (k == KEY_DOWN && *sel + 1 < count)
        (*sel)++;
    else if (k == KEY_HOME)
        *sel = 0;
    else if (k == KEY_END && count)
        *sel = count - 1;
    else if (!st->asking && strcmp(c, "n") == 0) {
        st->asking = 1;
        app_status(a, 0, " ");
    } else if (st->asking && (k == 27 || k == KEY_LEFT)) {
        st->asking = 0;
        app_status(a, 0, " ");
    }
    else if (k == '\r' || k == KEY_ENTER) {
        if (!st->asking && st->sel == 0) {
            st->asking = 1;
            app_status(a, 0, " ");
        } else if (!st->asking) {
            *path = strdup(st->drafts[st->sel - 1].path);
            *scenario = NULL;
            return 1;
        } else {
            ajar_errors errs = {0};
            if (!st->dir || ajar_store_mkdirs(st->dir, &errs) != AJAR_OK) {
                app_status(a, 1, "Cannot create the drafts folder %s", st->dir ? st->dir : "");
                ajar_errors_clear(&errs);
                return 0;
            }
            *path = ajar_library_new_path(st->dir);
            *scenario = st->scenario && st->choice < st->scenario->nchoices
                            ? st->scenario->choices[st->choice].id : "offer";
            return *path ? 1 : 0;
        }
    }
    return 0;
}

int start_screen(app *a, char **path, const char **scenario)
{
    start st = {0};
    ajar_errors errs = {0};
    st.dir = ajar_store_drafts_dir(&errs);
    if (st.dir && ajar_library_list(st.dir, &st.drafts, &st.n, &errs) != AJAR_OK)
        app_status(a, 1, "The drafts folder cannot be read; you can still start a new letter.");
    ajar_errors_clear(&errs);
    st.scenario = find_scenario(a->steps);
    if (st.n)
        st.sel = 1; /* the most recent draft: most people come back to it */
    int done = 0;
    while (!done) {
        draw(a, &st);
        tui_event ev;
        tui_input_next(&ev, -1);
        if (ev.kind != EV_NONE && ev.kind != EV_RESIZE)
            done = key(a, &st, &ev, path, scenario);
        tui_event_clear(&ev);
    }
    ajar_library_free(st.drafts, st.n);
    free(st.dir);
    return done > 0;
}
