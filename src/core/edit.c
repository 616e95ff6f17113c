/* edit.c — editing a UTF-8 text field by characters, and wrapping text by display width. */
#include "ajar/edit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/utf8.h"

#define NPOS ((size_t)-1)

void ajar_edit_init(ajar_edit *e, int multiline, size_t max_chars)
{
    memset(e, 0, sizeof *e);
    e->multiline = multiline;
    e->max_chars = max_chars;
}

void ajar_edit_free(ajar_edit *e)
{
    free(e->text);
    e->text = NULL;
    e->len = e->cap = e->cursor = 0;
}

static int reserve(ajar_edit *e, size_t extra)
{
    if (e->text && e->len + extra < e->cap)
        return 1;
    size_t cap = e->cap ? e->cap : 32;
    while (cap <= e->len + extra)
        cap *= 2;
    char *t = realloc(e->text, cap);
    if (!t)
        return 0;
    if (!e->text)
        t[0] = '\0';
    e->text = t;
    e->cap = cap;
    return 1;
}

int ajar_edit_set(ajar_edit *e, const char *s)
{
    e->len = e->cursor = 0;
    if (!reserve(e, 0))
        return 0;
    e->text[0] = '\0';
    if (s && ajar_edit_insert(e, s, strlen(s)) < 0) {
        ajar_edit_free(e);
        return 0;
    }
    return 1;
}

/* After an ESC (or the one-character CSI, U+009B) at s[i - 1]: the offset
 * past the whole escape sequence, so pasted colour codes and terminal
 * titles leave no "[31m" behind. */
static size_t skip_escape(const char *s, size_t n, size_t i, uint32_t introducer)
{
    if (introducer == 0x1b && i < n && s[i] == ']') { /* OSC: up to BEL or ESC \ */
        for (i++; i < n; i++) {
            if (s[i] == '\a')
                return i + 1;
            if (s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\')
                return i + 2;
        }
        return n;
    }
    if (introducer == 0x9b || (i < n && s[i] == '[')) { /* CSI: parameters, then a final byte */
        if (introducer == 0x1b)
            i++;
        while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x3f)
            i++;
        return i < n && (unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7e ? i + 1 : i;
    }
    return i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f ? i + 1 : i;
}

long ajar_edit_insert(ajar_edit *e, const char *s, size_t n)
{
    /* The filtered text is built first so that a failure inserts nothing. */
    char *add = malloc(n * 3 + 4);
    if (!add || !reserve(e, 0)) {
        free(add);
        return -1;
    }
    size_t have = ajar_utf8_count(e->text, e->len), w = 0, i = 0;
    long chars = 0;
    while (i < n && (e->max_chars == 0 || have + (size_t)chars < e->max_chars)) {
        uint32_t cp;
        size_t k = ajar_utf8_decode(s + i, n - i, &cp);
        i += k;
        if (cp == 0x1b || cp == 0x9b) {
            i = skip_escape(s, n, i, cp);
            continue;
        }
        if (cp == '\r') {
            if (i < n && s[i] == '\n')
                continue; /* the LF that follows does the work */
            cp = '\n';
        }
        if ((cp == '\n' || cp == '\t') && !e->multiline)
            cp = ' ';
        else if (cp != '\n' && cp != '\t' && ajar_cp_is_control(cp))
            continue;
        w += ajar_utf8_encode(cp, add + w);
        chars++;
    }
    if (!reserve(e, w)) {
        free(add);
        return -1;
    }
    memmove(e->text + e->cursor + w, e->text + e->cursor, e->len - e->cursor + 1);
    memcpy(e->text + e->cursor, add, w);
    e->len += w;
    e->cursor += w;
    free(add);
    return chars;
}

/* ---- moving ------------------------------------------------------------------ */

void ajar_edit_left(ajar_edit *e)
{
    e->cursor = ajar_utf8_prev_char(e->text, e->len, e->cursor);
}

void ajar_edit_right(ajar_edit *e)
{
    if (e->cursor < e->len)
        e->cursor += ajar_utf8_char_len(e->text + e->cursor, e->len - e->cursor, NULL);
}

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

void ajar_edit_word_left(ajar_edit *e)
{
    while (e->cursor > 0 && is_space(e->text[e->cursor - 1]))
        e->cursor--;
    while (e->cursor > 0 && !is_space(e->text[e->cursor - 1]))
        ajar_edit_left(e);
}

void ajar_edit_word_right(ajar_edit *e)
{
    while (e->cursor < e->len && !is_space(e->text[e->cursor]))
        ajar_edit_right(e);
    while (e->cursor < e->len && is_space(e->text[e->cursor]))
        e->cursor++;
}

void ajar_edit_home(ajar_edit *e)
{
    while (e->cursor > 0 && e->text[e->cursor - 1] != '\n')
        e->cursor--;
}

void ajar_edit_end(ajar_edit *e)
{
    while (e->cursor < e->len && e->text[e->cursor] != '\n')
        e->cursor++;
}

/* Moves the cursor to row `row` of the wrapped text, at column `col` or the
 * nearest character boundary before it. */
static void goto_row(ajar_edit *e, size_t cols, size_t row, size_t col)
{
    size_t n = ajar_wrap(e->text, e->len, cols, NULL, 0);
    ajar_wrap_line *lines = malloc(n * sizeof *lines);
    if (!lines)
        return;
    ajar_wrap(e->text, e->len, cols, lines, n);
    if (row < n)
        e->cursor = lines[row].start + ajar_utf8_fit(e->text + lines[row].start, lines[row].len,
                                                     col, NULL);
    free(lines);
}

int ajar_edit_up(ajar_edit *e, size_t cols)
{
    size_t row, col;
    ajar_wrap_locate(e->text, e->len, cols, e->cursor, &row, &col);
    if (row == 0)
        return 0;
    goto_row(e, cols, row - 1, col);
    return 1;
}

int ajar_edit_down(ajar_edit *e, size_t cols)
{
    size_t row, col;
    ajar_wrap_locate(e->text, e->len, cols, e->cursor, &row, &col);
    if (row + 1 >= ajar_wrap(e->text, e->len, cols, NULL, 0))
        return 0;
    goto_row(e, cols, row + 1, col);
    return 1;
}

/* ---- deleting ---------------------------------------------------------------- */

static void cut(ajar_edit *e, size_t from, size_t to)
{
    if (!e->text || from >= to)
        return;
    memmove(e->text + from, e->text + to, e->len - to + 1);
    e->len -= to - from;
    e->cursor = from;
}

void ajar_edit_backspace(ajar_edit *e)
{
    size_t end = e->cursor;
    ajar_edit_left(e);
    cut(e, e->cursor, end);
}

void ajar_edit_delete(ajar_edit *e)
{
    size_t start = e->cursor;
    ajar_edit_right(e);
    cut(e, start, e->cursor);
}

void ajar_edit_delete_word(ajar_edit *e)
{
    size_t end = e->cursor;
    ajar_edit_word_left(e);
    cut(e, e->cursor, end);
}

void ajar_edit_kill_end(ajar_edit *e)
{
    size_t start = e->cursor;
    ajar_edit_end(e);
    cut(e, start, e->cursor);
}

void ajar_edit_kill_start(ajar_edit *e)
{
    size_t end = e->cursor;
    ajar_edit_home(e);
    cut(e, e->cursor, end);
}

/* ---- wrapping ------------------------------------------------------------------ */

static void emit(ajar_wrap_line *lines, size_t max, size_t count, size_t start, size_t len,
                 size_t cols)
{
    if (count < max) {
        lines[count].start = start;
        lines[count].len = len;
        lines[count].cols = cols;
    }
}

size_t ajar_wrap(const char *s, size_t n, size_t width, ajar_wrap_line *lines, size_t max)
{
    if (width < 1)
        width = 1;
    size_t count = 0, pos = 0;
    for (;;) {
        size_t start = pos, i = pos, cols = 0, space = NPOS, space_cols = 0;
        int broke = 0;
        while (i < n && s[i] != '\n') {
            size_t w, k;
            unsigned char b = (unsigned char)s[i];
            /* printable ASCII not followed by a combining byte: one column */
            if (b >= 0x20 && b < 0x7f && (i + 1 >= n || (unsigned char)s[i + 1] < 0x80)) {
                w = 1;
                k = 1;
            } else {
                k = ajar_utf8_char_len(s + i, n - i, &w);
            }
            if (s[i] == '\t')
                w = 1;
            if (cols + w > width && i > start) {
                if (s[i] == ' ') { /* the space that overflows is where to break */
                    emit(lines, max, count++, start, i - start, cols);
                    pos = i + 1;
                } else if (space != NPOS) {
                    emit(lines, max, count++, start, space - start, space_cols);
                    pos = space + 1;
                } else {
                    emit(lines, max, count++, start, i - start, cols);
                    pos = i;
                }
                broke = 1;
                break;
            }
            if (s[i] == ' ') {
                space = i;
                space_cols = cols;
            }
            cols += w;
            i += k;
        }
        if (broke)
            continue;
        emit(lines, max, count++, start, i - start, cols);
        if (i >= n)
            break;
        pos = i + 1; /* past the LF: a new line starts, even an empty last one */
    }
    return count;
}

void ajar_wrap_locate(const char *s, size_t n, size_t width, size_t pos, size_t *row, size_t *col)
{
    size_t count = ajar_wrap(s, n, width, NULL, 0);
    ajar_wrap_line *lines = malloc(count * sizeof *lines);
    *row = *col = 0;
    if (!lines)
        return;
    ajar_wrap(s, n, width, lines, count);
    size_t r = 0;
    for (size_t k = 0; k < count; k++)
        if (lines[k].start <= pos)
            r = k;
    size_t end = pos < lines[r].start + lines[r].len ? pos : lines[r].start + lines[r].len;
    *row = r;
    *col = ajar_utf8_width(s + lines[r].start, end - lines[r].start);
    free(lines);
}
