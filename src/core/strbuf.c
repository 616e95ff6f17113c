/* strbuf.c — the growable byte string used by every formatter in the core. */
#include "ajar/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ajar_strbuf_init(ajar_strbuf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

void ajar_strbuf_free(ajar_strbuf *b)
{
    free(b->data);
    ajar_strbuf_init(b);
}

/* Makes room for `extra` more bytes plus the terminating NUL. */
static int grow(ajar_strbuf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->failed = 1;
        return 0;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return 0;
    }
    b->data = d;
    b->cap = cap;
    return 1;
}

void ajar_strbuf_append(ajar_strbuf *b, const char *s, size_t n)
{
    if (!grow(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ajar_strbuf_puts(ajar_strbuf *b, const char *s)
{
    ajar_strbuf_append(b, s, strlen(s));
}

void ajar_strbuf_putc(ajar_strbuf *b, char c)
{
    ajar_strbuf_append(b, &c, 1);
}

void ajar_strbuf_vprintf(ajar_strbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (!grow(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void ajar_strbuf_printf(ajar_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ajar_strbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *ajar_strbuf_take(ajar_strbuf *b)
{
    if (b->failed) {
        ajar_strbuf_free(b);
        return NULL;
    }
    char *out = b->data ? b->data : strdup("");
    ajar_strbuf_init(b);
    return out;
}

char *ajar_vasprintf(const char *fmt, va_list ap)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_vprintf(&b, fmt, ap);
    return ajar_strbuf_take(&b);
}

char *ajar_asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = ajar_vasprintf(fmt, ap);
    va_end(ap);
    return s;
}
