/* step_menu.c — F3: the list of steps, to open any of them directly (also when the sidebar is hidden). */
#include <stdlib.h>
#include <string.h>

#include "ajar/utf8.h"
#include "app.h"

void step_menu_open(app *a)
{
    a->menu_sel = a->step;
    a->overlay = OV_STEPS;
}

void step_menu_draw(app *a)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    int w = 34, h = (int)a->steps->count + 4;
    if (w > cols - 2)
        w = cols - 2;
    if (h > rows - 2)
        h = rows - 2;
    if (w < 12 || h < 5)
        return;
    int y = (rows - h) / 2, x = (cols - w) / 2;
    for (int r = 0; r < h; r++) {
        tui_fill(y + r, x, w, 0);
        tui_puts(y + r, x, r == 0 ? "┌" : r == h - 1 ? "└" : "│", 1, tui_attr(ROLE_FRAME));
        tui_puts(y + r, x + w - 1, r == 0 ? "┐" : r == h - 1 ? "┘" : "│", 1, tui_attr(ROLE_FRAME));
        if (r == 0 || r == h - 1)
            for (int c = 1; c < w - 1; c++)
                tui_puts(y + r, x + c, "─", 1, tui_attr(ROLE_FRAME));
    }
    tui_puts(y, x + 2, " Go to a step ", w - 4, tui_attr(ROLE_TITLE));
    int shown = h - 4;
    size_t first = a->menu_sel >= (size_t)shown ? a->menu_sel - (size_t)shown + 1 : 0;
    for (int r = 0; r < shown && first + (size_t)r < a->steps->count; r++) {
        size_t i = first + (size_t)r;
        int sel = i == a->menu_sel;
        char num[24];
        snprintf(num, sizeof num, "%2zu ", i + 1);
        int attr = sel ? tui_attr(ROLE_FOCUS) : 0;
        tui_fill(y + 2 + r, x + 1, w - 2, attr);
        int used = tui_puts(y + 2 + r, x + 2, num, 3, attr);
        tui_puts(y + 2 + r, x + 2 + used, a->steps->items[i].title, w - 6 - used, attr);
    }
    tui_puts(y + h - 1, x + 2, " Enter open · Esc close ", w - 4, tui_attr(ROLE_HINT));
}

void step_menu_key(app *a, const tui_event *ev)
{
    int key = ev->kind == EV_KEY ? ev->key : 0;
    size_t n = a->steps->count;
    if (key == KEY_UP && a->menu_sel > 0)
        a->menu_sel--;
    else if (key == KEY_DOWN && a->menu_sel + 1 < n)
        a->menu_sel++;
    else if (key == KEY_HOME)
        a->menu_sel = 0;
    else if (key == KEY_END)
        a->menu_sel = n - 1;
    else if (key == '\r' || key == KEY_ENTER) {
        a->overlay = OV_NONE;
        if (a->menu_sel != a->step)
            app_open_step(a, a->menu_sel);
    } else if (key == 27 || key == KEY_F(3)) {
        a->overlay = OV_NONE;
    } else if (key == CTRL('q') || key == KEY_F(10)) {
        app_commit_or_keep(a);
        a->quit = 1;
    } else if (ev->kind == EV_CHAR && ev->text[0] >= '1' && ev->text[0] <= '9' && !ev->text[1]) {
        size_t i = (size_t)(ev->text[0] - '1');
        if (i < n)
            a->menu_sel = i;
    }
}
