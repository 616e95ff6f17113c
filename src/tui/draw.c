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
        /* a run of printable ASCII goes out in one call */
        size_t run = 0;
        while (i + run < len && used + (int)run < width && (unsigned char)s[i + run] >= 0x20 &&
               (unsigned char)s[i + run] < 0x7f)
            run++;
        if (run > 0) {
            addnstr(s + i, (int)run);
            used += (int)run;
            i += run;
            continue;
        }
        if (used >= width)
            break;
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

/* Columns a continuation row of `line` is indented by: its own indentation,
 * and past a short "Label:   " at its start, so wrapped text lines up. */
static size_t hang_of(const char *line, size_t n)
{
    size_t i = 0;
    while (i < n && line[i] == ' ')
        i++;
    size_t label = i;
    while (label < n && label - i < 14 && line[label] != ':' && line[label] != ' ')
        label++;
    if (label < n && line[label] == ':' && label + 1 < n && line[label + 1] == ' ') {
        size_t j = label + 1;
        while (j < n && line[j] == ' ')
            j++;
        return j;
    }
    return i;
}

int tui_put_hanging(int y, int x, const char *s, int width, int skip, int max_rows, int attr)
{
    int row = 0;
    const char *line = s;
    while (line && *line) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        size_t hang = hang_of(line, n);
        if ((int)hang > width / 2)
            hang = 0;
        /* the first row at full width, the rest indented */
        size_t first = ajar_wrap(line, n, (size_t)width, NULL, 0);
        ajar_wrap_line w0;
        ajar_wrap(line, n, (size_t)width, &w0, 1);
        if (first <= 1 || hang == 0) {
            ajar_wrap_line *all = malloc(first * sizeof *all);
            if (!all)
                return row;
            ajar_wrap(line, n, (size_t)width, all, first);
            for (size_t k = 0; k < first; k++, row++)
                if (row >= skip && row - skip < max_rows)
                    tui_put(y + row - skip, x, line + all[k].start, all[k].len, width, attr);
            free(all);
        } else {
            if (row >= skip && row - skip < max_rows)
                tui_put(y + row - skip, x, line + w0.start, w0.len, width, attr);
            row++;
            size_t rest = w0.start + w0.len;
            while (rest < n && line[rest] == ' ')
                rest++;
            size_t cw = (size_t)width - hang;
            size_t count = ajar_wrap(line + rest, n - rest, cw, NULL, 0);
            ajar_wrap_line *more = malloc(count * sizeof *more);
            if (!more)
                return row;
            ajar_wrap(line + rest, n - rest, cw, more, count);
            for (size_t k = 0; k < count; k++, row++)
                if (row >= skip && row - skip < max_rows)
                    tui_put(y + row - skip, x + (int)hang, line + rest + more[k].start,
                            more[k].len, (int)cw, attr);
            free(more);
        }
        line = nl ? nl + 1 : NULL;
        if (line && !*line)
            break;
    }
    return row;
}
