/* export_mail.c — the letter as an unsent e-mail (.eml) or a mailto: link, to the offer's maker. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/formats.h"
#include "export_int.h"

/* The draft field the recipient's address comes from: contacts[N].email. */
static void recipient_field(const ajar_output *o, char *buf, size_t size)
{
    size_t i = (size_t)o->recipient;
    if (o->followups && i < o->nfollowups)
        i = o->followups[i].index;
    snprintf(buf, size, "contacts[%zu].email", i);
}

/* The address the letter goes to, or NULL, with a warning saying why, when
 * there is none a mail header can carry. */
static const char *recipient(const ajar_output *o, const ajar_export_opts *opts, const char *what)
{
    const char *to = ajar_export_str(o->to_email);
    if (ajar_fmt_address_valid(to))
        return to;
    char field[48];
    if (o->recipient < 0) {
        ajar_errors_add(opts->warnings, AJAR_E_NOTFOUND, NULL, "contacts", 0, 0, 0,
                        "the letter goes to no one in particular (no contact made the offer: "
                        "see contacts[N].made_offer), so the %s has no recipient; add one in "
                        "your mail program", what);
        return NULL;
    }
    recipient_field(o, field, sizeof field);
    const char *name = *ajar_export_str(o->to_name) ? o->to_name : "the recipient";
    if (!*to)
        ajar_errors_add(opts->warnings, AJAR_E_NOTFOUND, NULL, field, 0, 0, 0,
                        "%s has no e-mail address, so the %s has no recipient; add one in your "
                        "mail program", name, what);
    else
        ajar_errors_add(opts->warnings, AJAR_E_INVALID, NULL, field, 0, 0, 0,
                        "\"%s\" cannot be written as a mail address (ajar writes plain ASCII "
                        "addresses such as name@example.com), so the %s has no recipient; add "
                        "one in your mail program", to, what);
    return NULL;
}

ajar_status ajar_export_eml(const ajar_output *o, ajar_export_what what,
                            const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs)
{
    (void)what;
    const char *from = ajar_export_str(o->from_email);
    if (!*from)
        return ajar_errors_add(errs, AJAR_E_INVALID, NULL, "me.email", 0, 0, 0,
                               "is not set: an e-mail draft needs your address for its From "
                               "header");
    if (!ajar_fmt_address_valid(from))
        return ajar_errors_add(errs, AJAR_E_INVALID, NULL, "me.email", 0, 0, 0,
                               "\"%s\" cannot be written in a From header: ajar writes plain "
                               "ASCII addresses such as you@example.com",
                               from);
    /* The body ends with a line break, as text files and messages do. */
    const char *letter = ajar_export_str(o->letter);
    size_t n = strlen(letter);
    char *body = ajar_asprintf("%s%s", letter, n && letter[n - 1] == '\n' ? "" : "\n");
    if (!body)
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    ajar_eml m = {
        .from = {o->from_name, from},
        .subject = o->subject,
        .body = body,
        .date = opts->date,
        .utc_offset_min = opts->utc_offset_min,
        .msgid_domain = strchr(from, '@') + 1,
        .msgid_seed = opts->uid_seed,
    };
    m.to.address = recipient(o, opts, "e-mail");
    m.to.name = m.to.address ? o->to_name : NULL;
    ajar_status st = ajar_eml_write(out, &m, errs);
    free(body);
    return st;
}

ajar_status ajar_export_mailto(const ajar_output *o, ajar_export_what what,
                               const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs)
{
    (void)what;
    /* The body without its final line end, which a link would carry as %0D%0A. */
    const char *letter = ajar_export_str(o->letter);
    size_t n = strlen(letter);
    char *body = strndup(letter, n && letter[n - 1] == '\n' ? n - 1 : n);
    if (!body)
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    size_t before = errs ? errs->count : 0;
    char *uri = ajar_mailto_build(recipient(o, opts, "link"), o->subject, body, errs);
    free(body);
    if (!uri) /* the error the builder added, if it could add one */
        return errs && errs->count > before ? errs->items[before].code : AJAR_E_NOMEM;
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, uri);
    ajar_strbuf_putc(&b, '\n');
    free(uri);
    return ajar_fmt_commit(out, &b, errs);
}
