/* fmt_csv.c — CSV records (RFC 4180): quoting only where needed, CRLF row ends, UTF-8 as is. */
#include "ajar/formats.h"

#include <stdio.h>
#include <string.h>

/* 1 when the field must be quoted to read back as the same text. */
static int needs_quotes(const char *s)
{
    size_t n = strlen(s);
    if (strpbrk(s, ",\"\r\n"))
        return 1;
    return n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
}

void ajar_csv_write_bom(ajar_strbuf *out)
{
    ajar_strbuf_append(out, "\xEF\xBB\xBF", 3);
}

ajar_status ajar_csv_write_row(ajar_strbuf *out, const char *const *fields, size_t n,
                               ajar_errors *errs)
{
    if (!out || n == 0 || !fields)
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "a CSV record needs a buffer and at least one field");
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        char field[48];
        snprintf(field, sizeof field, "field %zu", i + 1);
        if (ajar_fmt_check_text(fields[i], field,
                                AJAR_FMT_ALLOW_TAB | AJAR_FMT_ALLOW_LF | AJAR_FMT_ALLOW_CR,
                                errs) != AJAR_OK)
            bad = 1;
    }
    if (bad)
        return AJAR_E_INVALID;

    ajar_strbuf b;
    ajar_strbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        const char *s = fields[i] ? fields[i] : "";
        if (i > 0)
            ajar_strbuf_putc(&b, ',');
        if (needs_quotes(s) || (n == 1 && !*s)) {
            ajar_strbuf_putc(&b, '"');
            for (const char *p = s; *p; p++) {
                if (*p == '"')
                    ajar_strbuf_putc(&b, '"');
                ajar_strbuf_putc(&b, *p);
            }
            ajar_strbuf_putc(&b, '"');
        } else {
            ajar_strbuf_puts(&b, s);
        }
    }
    ajar_strbuf_puts(&b, "\r\n");
    return ajar_fmt_commit(out, &b, errs);
}
