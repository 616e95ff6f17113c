/* fmt_mailto.c — mailto: links (RFC 6068) with a percent-encoded UTF-8 subject and body. */
#include "ajar/formats.h"

#include <string.h>

/* RFC 3986 unreserved characters: the only bytes written as they are. */
static int unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

/* Percent-encodes s; every line end (LF or CRLF) becomes %0D%0A. When
 * keep_at is set, "@" stays as it is (the separator of an addr-spec). */
static void pct_put(ajar_strbuf *b, const char *s, int keep_at)
{
    static const char HEX[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\r' && p[1] == '\n')
            continue; /* the LF that follows writes the line end */
        if (*p == '\n') {
            ajar_strbuf_puts(b, "%0D%0A");
        } else if (unreserved(*p) || (keep_at && *p == '@')) {
            ajar_strbuf_putc(b, (char)*p);
        } else {
            char e[3] = {'%', HEX[*p >> 4], HEX[*p & 15]};
            ajar_strbuf_append(b, e, 3);
        }
    }
}

char *ajar_mailto_build(const char *to, const char *subject, const char *body, ajar_errors *errs)
{
    int bad = 0;
    if (to && *to && !ajar_fmt_address_valid(to)) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, "to", 0, 0, 0,
                        "is not an address this program can write (name@host.example in "
                        "ASCII, without spaces, quotes, brackets or commas)");
        bad = 1;
    }
    if (ajar_fmt_check_text(subject, "subject", 0, errs) != AJAR_OK)
        bad = 1;
    if (ajar_fmt_check_text(body, "body", AJAR_FMT_ALLOW_TAB | AJAR_FMT_ALLOW_LF, errs) != AJAR_OK)
        bad = 1;
    if (bad)
        return NULL;

    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "mailto:");
    if (to)
        pct_put(&b, to, 1);
    char sep = '?';
    if (subject && *subject) {
        ajar_strbuf_putc(&b, sep);
        ajar_strbuf_puts(&b, "subject=");
        pct_put(&b, subject, 0);
        sep = '&';
    }
    if (body && *body) {
        ajar_strbuf_putc(&b, sep);
        ajar_strbuf_puts(&b, "body=");
        pct_put(&b, body, 0);
    }
    char *uri = ajar_strbuf_take(&b);
    if (!uri)
        ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    return uri;
}
