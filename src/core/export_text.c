/* export_text.c — the plain-text and Markdown exports: each part as rendered, under headings. */
#include <string.h>

#include "ajar/formats.h"
#include "export_int.h"

/* Appends s and, when it is not empty, the line end it lacks (rendered
 * texts end without one). */
static void put_block(ajar_strbuf *b, const char *s)
{
    ajar_strbuf_puts(b, s);
    if (*s && s[strlen(s) - 1] != '\n')
        ajar_strbuf_putc(b, '\n');
}

/* Appends s with every line break inside a paragraph made a Markdown hard
 * break (two spaces before the LF), so the letter's lines, its signature
 * included, stay lines when the Markdown is shown. Two spaces at the end of
 * a block are ignored by Markdown, so lists and headings are unharmed. */
static void put_md_block(ajar_strbuf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\n' && p > s && p[-1] != '\n' && p[1] && p[1] != '\n')
            ajar_strbuf_puts(b, "  ");
        ajar_strbuf_putc(b, *p);
    }
    if (*s && s[strlen(s) - 1] != '\n')
        ajar_strbuf_putc(b, '\n');
}

/* The parts `what` stands for, as a range of LETTER..LINKEDIN. */
static void part_range(ajar_export_what what, int *first, int *last)
{
    *first = what == AJAR_EXPORT_ALL ? AJAR_EXPORT_LETTER : (int)what;
    *last = what == AJAR_EXPORT_ALL ? AJAR_EXPORT_LINKEDIN : (int)what;
}

/* 1 when part w has nothing to show (so `all` leaves it out). */
static int part_empty(const ajar_output *o, int w)
{
    if (w == AJAR_EXPORT_LETTER)
        return !*ajar_export_str(o->subject) && !*ajar_export_str(o->letter);
    return !*ajar_export_text_of(o, (ajar_export_what)w);
}

ajar_status ajar_export_txt(const ajar_output *o, ajar_export_what what,
                            const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs)
{
    (void)opts;
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    int first, last;
    part_range(what, &first, &last);
    for (int w = first; w <= last; w++) {
        if (what == AJAR_EXPORT_ALL) {
            if (part_empty(o, w))
                continue;
            if (b.len)
                ajar_strbuf_putc(&b, '\n');
            const char *title = ajar_export_what_title((ajar_export_what)w);
            ajar_strbuf_printf(&b, "%s\n", title);
            for (size_t i = strlen(title); i > 0; i--) /* titles are ASCII: bytes = columns */
                ajar_strbuf_putc(&b, '=');
            ajar_strbuf_puts(&b, "\n\n");
        }
        if (w == AJAR_EXPORT_LETTER) {
            ajar_strbuf_printf(&b, "Subject: %s\n", ajar_export_str(o->subject));
            if (*ajar_export_str(o->letter))
                ajar_strbuf_putc(&b, '\n');
        }
        put_block(&b, ajar_export_text_of(o, (ajar_export_what)w));
    }
    return ajar_fmt_commit(out, &b, errs);
}

ajar_status ajar_export_md(const ajar_output *o, ajar_export_what what,
                           const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs)
{
    (void)opts;
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    int first, last;
    part_range(what, &first, &last);
    for (int w = first; w <= last; w++) {
        if (what == AJAR_EXPORT_ALL && part_empty(o, w))
            continue;
        if (b.len)
            ajar_strbuf_putc(&b, '\n');
        ajar_strbuf_printf(&b, "# %s\n", ajar_export_what_title((ajar_export_what)w));
        const char *text = ajar_export_text_of(o, (ajar_export_what)w);
        if (w == AJAR_EXPORT_LETTER)
            ajar_strbuf_printf(&b, "\n**Subject:** %s\n", ajar_export_str(o->subject));
        if (*text)
            ajar_strbuf_putc(&b, '\n');
        put_md_block(&b, text);
    }
    return ajar_fmt_commit(out, &b, errs);
}
