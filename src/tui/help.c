/* help.c — the help overlay: the step's full advice, then every key. */
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"
#include "ajar/utf8.h"
#include "app.h"

static char *help_text(const app *a)
{
    const ajar_step *s = &a->steps->items[a->step];
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    char *rule = tui_reflow(s->rule), *advice = tui_reflow(s->advice);
    char *example = tui_reflow(s->example);
    ajar_strbuf_printf(&b, "%s\n\n%s\n\n", s->title, rule ? rule : s->rule);
    if (s->advice[0])
        ajar_strbuf_printf(&b, "%s\n\n", advice ? advice : s->advice);
    if (s->example[0])
        ajar_strbuf_printf(&b, "For example: %s\n\n", example ? example : s->example);
    free(rule);
    free(advice);
    free(example);
    ajar_strbuf_puts(&b, "Keys\n\n");
    for (int r = REQ_NONE + 1; r < REQ_COUNT; r++)
        ajar_strbuf_printf(&b, "  %-14s %s\n", tui_request_keys((tui_request)r),
                           tui_request_help((tui_request)r));
    ajar_strbuf_puts(&b, "  Enter          keep the answer and go on\n"
                         "  Esc            undo the change to this answer\n"
                         "  Ctrl-C         asks whether to quit\n"
                         "  In text: ← → Home End move, Ctrl-W deletes a word,\n"
                         "  Ctrl-K / Ctrl-U delete to the end / start of the line.\n\n"
                         "Up, Down, PgUp, PgDn scroll this help; any other key closes it.");
    return ajar_strbuf_take(&b);
}

void help_draw(app *a)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    int w = cols > 84 ? 80 : cols - 2, h = rows - 2;
    int x = (cols - w) / 2, y = 1;
    if (w < 10 || h < 3)
        return;
    /* the whole width: no piece of the screen below may show beside the help */
    for (int r = y; r < y + h; r++)
        tui_fill(r, 0, cols, 0);
    char *text = help_text(a);
    if (!text)
        return;
    /* clamp the scroll before drawing, so a long PgDn never shows an empty page */
    int total = (int)ajar_wrap(text, strlen(text), (size_t)w, NULL, 0);
    if (a->help_scroll > total - h)
        a->help_scroll = total - h > 0 ? total - h : 0;
    tui_put_wrapped(y, x, text, w, a->help_scroll, h, 0);
    if (a->help_scroll == 0) /* the title, in colour, only where it is */
        tui_puts(y, x, a->steps->items[a->step].title, w, tui_attr(ROLE_TITLE));
    free(text);
    /* the key bar names the keys of the help, not those of the screen below */
    tui_fill(rows - 1, 0, cols, tui_attr(ROLE_KEYBAR));
    tui_puts(rows - 1, 1, "↑↓ PgUp PgDn scroll   any other key: back   Ctrl-Q quit", cols - 2,
             tui_attr(ROLE_KEYBAR));
}

void help_key(app *a, const tui_event *ev)
{
    int page = getmaxy(stdscr) - 4;
    if (ev->kind == EV_KEY && ev->key == KEY_DOWN)
        a->help_scroll++;
    else if (ev->kind == EV_KEY && ev->key == KEY_UP)
        a->help_scroll = a->help_scroll > 0 ? a->help_scroll - 1 : 0;
    else if (ev->kind == EV_KEY && ev->key == KEY_NPAGE)
        a->help_scroll += page;
    else if (ev->kind == EV_KEY && ev->key == KEY_PPAGE)
        a->help_scroll = a->help_scroll > page ? a->help_scroll - page : 0;
    else if (ev->kind == EV_KEY && (ev->key == CTRL('q') || ev->key == KEY_F(10))) {
        /* quitting from the help keeps what was being typed, as everywhere */
        app_commit_or_keep(a);
        a->quit = 1;
    } else
        a->overlay = OV_NONE;
}
