/* strbuf.h — a growable byte string that remembers running out of memory. */
#ifndef AJAR_STRBUF_H
#define AJAR_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/* A NUL-terminated byte string under construction. After any allocation
 * failure `failed` is set, further appends do nothing, and take() returns
 * NULL, so callers may append freely and check once at the end. */
typedef struct ajar_strbuf {
    char *data; /* NULL until the first append */
    size_t len;
    size_t cap;
    int failed;
} ajar_strbuf;

/* Makes an empty buffer (no allocation). */
void ajar_strbuf_init(ajar_strbuf *b);

/* Frees the buffer's memory and makes it empty again. */
void ajar_strbuf_free(ajar_strbuf *b);

/* Appends n bytes of s (which may hold NUL bytes). */
void ajar_strbuf_append(ajar_strbuf *b, const char *s, size_t n);

/* Appends the NUL-terminated string s. */
void ajar_strbuf_puts(ajar_strbuf *b, const char *s);

/* Appends one byte. */
void ajar_strbuf_putc(ajar_strbuf *b, char c);

/* Appends printf-formatted text. */
void ajar_strbuf_printf(ajar_strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Appends vprintf-formatted text. */
void ajar_strbuf_vprintf(ajar_strbuf *b, const char *fmt, va_list ap);

/* Returns the contents ("" for an empty buffer) as a string the caller
 * frees, and leaves the buffer empty; NULL if any append ran out of memory. */
char *ajar_strbuf_take(ajar_strbuf *b);

/* Returns a new printf-formatted string the caller frees, NULL on OOM. */
char *ajar_asprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The va_list form of ajar_asprintf. */
char *ajar_vasprintf(const char *fmt, va_list ap);

#endif
