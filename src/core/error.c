/* error.c — the growable error list and its user-facing formatting. */
#include "ajar/error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"
#include "ajar/utf8.h"

void ajar_errors_init(ajar_errors *list)
{
    list->items = NULL;
    list->count = 0;
    list->cap = 0;
}

void ajar_errors_clear(ajar_errors *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].field);
        free(list->items[i].message);
    }
    free(list->items);
    ajar_errors_init(list);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Grows the list by one slot; false when memory runs out. */
static int reserve_one(ajar_errors *list)
{
    if (list->count < list->cap)
        return 1;
    size_t cap = list->cap ? list->cap * 2 : 8;
    ajar_error *items = realloc(list->items, cap * sizeof *items);
    if (!items)
        return 0;
    list->items = items;
    list->cap = cap;
    return 1;
}

ajar_status ajar_errors_add(ajar_errors *list, ajar_status code, const char *file,
                            const char *field, int line, int column, int sys_errno,
                            const char *fmt, ...)
{
    if (!list || !reserve_one(list))
        return code;
    ajar_error *e = &list->items[list->count++];
    e->code = code;
    e->sys_errno = sys_errno;
    e->line = line;
    e->column = column;
    e->file = dup_or_null(file);
    e->field = dup_or_null(field);
    va_list ap;
    va_start(ap, fmt);
    e->message = ajar_vasprintf(fmt, ap);
    va_end(ap);
    return code;
}

void ajar_errors_move(ajar_errors *dst, ajar_errors *src, const char *file)
{
    for (size_t i = 0; i < src->count; i++) {
        ajar_error *e = &src->items[i];
        if (!e->file && file)
            e->file = strdup(file);
        if (reserve_one(dst)) {
            dst->items[dst->count++] = *e;
        } else {
            free(e->file);
            free(e->field);
            free(e->message);
        }
    }
    free(src->items);
    ajar_errors_init(src);
}

ajar_status ajar_errors_status(const ajar_errors *list)
{
    return (list && list->count) ? list->items[0].code : AJAR_OK;
}

/* Appends s with every control character but tab, and every byte that is not
 * UTF-8, written as a visible escape (\x1b, \u009b, \xff): messages quote
 * file names, keys and values from files, and one of those must not be able
 * to move the cursor, retitle the terminal or fake a second message line. */
static void put_visible(ajar_strbuf *b, const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = ajar_utf8_decode(s + i, len - i, &cp);
        int invalid = cp == 0xFFFD && !(n == 3 && (unsigned char)s[i] == 0xEF);
        if (invalid)
            ajar_strbuf_printf(b, "\\x%02x", (unsigned char)s[i]);
        else if (ajar_cp_is_control(cp) && cp != '\t')
            ajar_strbuf_printf(b, cp < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)cp);
        else
            ajar_strbuf_append(b, s + i, n);
        i += n;
    }
}

char *ajar_error_format(const ajar_error *err)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    if (err->file) {
        put_visible(&b, err->file);
        if (err->line > 0) {
            ajar_strbuf_printf(&b, ":%d", err->line);
            if (err->column > 0)
                ajar_strbuf_printf(&b, ":%d", err->column);
        }
        ajar_strbuf_puts(&b, ": ");
    }
    if (err->field && *err->field) {
        put_visible(&b, err->field);
        ajar_strbuf_puts(&b, ": ");
    }
    const char *msg = err->message ? err->message : "out of memory";
    put_visible(&b, msg);
    if (err->sys_errno) {
        const char *why = strerror(err->sys_errno);
        size_t ml = strlen(msg), wl = strlen(why);
        if (ml < wl || strcmp(msg + ml - wl, why) != 0) {
            ajar_strbuf_puts(&b, ": ");
            put_visible(&b, why);
        }
    }
    return ajar_strbuf_take(&b);
}
