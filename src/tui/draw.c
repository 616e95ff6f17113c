/* draw.c — writing UTF-8 text into the screen by display columns, never letting a control byte through. */
#include <stdlib.h>
#include <string.h>

#include "ajar/edit.h"
#include "ajar/utf8.h"
#include "tui.h"

int tui_put(int y, int x, const char *s, size_t len, int width, int attr)
{
    if (width <= 0 || y < 0 || y >= getmaxy(stdscr) || x >= getmaxx(stdscr))
        return 0;
    if (x + width > getmaxx(stdscr))
        width = getmaxx(stdscr) - x;
    attr_t old_attr;
    short old_pair;
    attr_get(&old_attr, &old_pair, NULL);
    attrset((attr_t)attr);
    move(y, x);
    int used = 0;
    size_t i = 0;
    while (i < len) {
        size_t cols;
        size_t k = ajar_utf8_char_len(s + i, len - i, &cols);
        uint32_t cp;
        ajar_utf8_decode(s + i, len - i, &cp);
        if (ajar_cp_is_control(cp) || !ajar_utf8_valid(s + i, k, NULL)) {
            if (used + 1 > width)
                break;
            addch(cp == '\t' ? ' ' : '?');
            used++;
        } else {
            if (used + (int)cols > width)
                break;
            if (cols == 0 && used == 0) { /* a mark with nothing to sit on */
                i += k;
                continue;
            }
            addnstr(s + i, (int)k);
            used += (int)cols;
        }
        i += k;
    }
    attr_set(old_attr, old_pair, NULL);
    return used;
}

int tui_puts(int y, int x, const char *s, int width, int attr)
{
    return tui_put(y, x, s ? s : "", s ? strlen(s) : 0, width, attr);
}

void tui_fill(int y, int x, int width, int attr)
{
    if (width <= 0 || y < 0 || y >= getmaxy(stdscr))
        return;
    attr_t old_attr;
    short old_pair;
    attr_get(&old_attr, &old_pair, NULL);
    attrset((attr_t)attr);
    mvhline(y, x, ' ', width);
    attr_set(old_attr, old_pair, NULL);
}

int tui_put_wrapped(int y, int x, const char *s, int width, int skip, int max_rows, int attr)
{
    if (width < 1)
        return 0;
    size_t n = strlen(s);
    size_t count = ajar_wrap(s, n, (size_t)width, NULL, 0);
    ajar_wrap_line *lines = malloc(count * sizeof *lines);
    if (!lines)
        return 0;
    ajar_wrap(s, n, (size_t)width, lines, count);
    for (size_t i = (size_t)(skip > 0 ? skip : 0), row = 0; i < count && (int)row < max_rows;
         i++, row++)
        tui_put(y + (int)row, x, s + lines[i].start, lines[i].len, width, attr);
    free(lines);
    return (int)count;
}
