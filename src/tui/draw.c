/* draw.c — writing UTF-8 text into the screen by display columns, never letting a control byte through. */
#include <stdlib.h>
#include <string.h>

#include "ajar/edit.h"
#include "ajar/utf8.h"
#include "tui.h"

/* Cells of one tui_put waiting to go into the window. wadd_wchnstr copies
 * them straight into the line: addnstr would decode the text again one
 * byte at a time, which cost most of a frame. */
typedef struct cell_run {
    cchar_t cell[128];
    int n;
    int y, x;     /* where cell[0] goes */
    cchar_t ink;  /* a blank in the run's attribute, the model of each cell */
} cell_run;

static void run_flush(cell_run *r, int next_x)
{
    if (r->n > 0) {
        move(r->y, r->x);
        wadd_wchnstr(stdscr, r->cell, r->n);
    }
    r->n = 0;
    r->x = next_x;
}

/* Adds one character cell (the character at column `at`) to the run. */
static void run_add(cell_run *r, wchar_t wc, int at)
{
    if (r->n == (int)(sizeof r->cell / sizeof *r->cell))
        run_flush(r, at);
    r->cell[r->n] = r->ink;
    r->cell[r->n].chars[0] = wc; /* ncursesw's cchar_t: chars[0] is the spacing character */
    r->n++;
}

/* Writes a character of several code points (a base and its marks, a flag,
 * an emoji sequence) with addnstr, which composes them into one cell. */
static void put_cluster(cell_run *r, int y, int at, const char *s, size_t k, int attr)
{
    run_flush(r, at);
    attr_t old_attr;
    short old_pair;
    attr_get(&old_attr, &old_pair, NULL);
    attrset((attr_t)attr);
    move(y, at);
    addnstr(s, (int)k);
    attr_set(old_attr, old_pair, NULL);
}

int tui_put(int y, int x, const char *s, size_t len, int width, int attr)
{
    if (width <= 0 || y < 0 || y >= getmaxy(stdscr) || x >= getmaxx(stdscr))
        return 0;
    if (x + width > getmaxx(stdscr))
        width = getmaxx(stdscr) - x;
    cell_run r;
    r.n = 0;
    r.y = y;
    r.x = x;
    setcchar(&r.ink, L" ", (attr_t)attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
    int used = 0;
    size_t i = 0;
    while (i < len && used < width) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f) { /* printable ASCII: one cell */
            run_add(&r, (wchar_t)c, x + used);
            used++;
            i++;
            continue;
        }
        size_t cols;
        size_t k = ajar_utf8_char_len(s + i, len - i, &cols);
        uint32_t cp;
        size_t first = ajar_utf8_decode(s + i, len - i, &cp);
        if (ajar_cp_is_control(cp) || !ajar_utf8_valid(s + i, k, NULL)) {
            run_add(&r, cp == '\t' ? L' ' : L'?', x + used);
            used++;
        } else if (cols == 0 && used == 0) {
            /* a mark with nothing to sit on */
        } else if (used + (int)cols > width) {
            break;
        } else if (first == k && cols > 0) {
            run_add(&r, (wchar_t)cp, x + used); /* a wide one takes two columns */
            used += (int)cols;
        } else {
            put_cluster(&r, y, x + used, s + i, k, attr);
            used += (int)cols;
            r.x = x + used;
        }
        i += k;
    }
    run_flush(&r, x + used);
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

void tui_vline(int y, int x, int rows, int attr)
{
    if (rows <= 0 || x < 0 || x >= getmaxx(stdscr) || y < 0 || y >= getmaxy(stdscr))
        return;
    if (y + rows > getmaxy(stdscr))
        rows = getmaxy(stdscr) - y;
    cchar_t bar;
    setcchar(&bar, L"\u2502", (attr_t)attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
    mvwvline_set(stdscr, y, x, &bar, rows);
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
