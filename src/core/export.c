/* export.c — the export table (which part goes in which format), name parsing, the text checks, dispatch. */
#include "ajar/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ajar/formats.h"
#include "ajar/utf8.h"
#include "export_int.h"

#define F(x) (1u << AJAR_EXPORT_##x)

/* A part: its names, the formats it goes in, what must be rendered for it. */
typedef struct what_row {
    const char *name;
    const char *title;
    unsigned formats;
    unsigned parts;
} what_row;

static const what_row WHATS[AJAR_EXPORT_WHAT_COUNT] = {
    [AJAR_EXPORT_LETTER] = {"letter", "Letter", F(TXT) | F(MD) | F(EML) | F(MAILTO) | F(JSON),
                            AJAR_OUT_LETTER},
    [AJAR_EXPORT_PHONE] = {"phone", "Phone script", F(TXT) | F(MD) | F(JSON), AJAR_OUT_PHONE},
    [AJAR_EXPORT_VOICEMAIL] = {"voicemail", "Voicemail script", F(TXT) | F(MD) | F(JSON),
                               AJAR_OUT_VOICEMAIL},
    [AJAR_EXPORT_FOLLOWUPS] = {"followups", "Follow-up plan",
                               F(TXT) | F(MD) | F(CSV) | F(ICS) | F(JSON), AJAR_OUT_FOLLOWUPS},
    [AJAR_EXPORT_LINKEDIN] = {"linkedin", "LinkedIn notes", F(TXT) | F(MD) | F(CSV) | F(JSON),
                              AJAR_OUT_LINKEDIN},
    [AJAR_EXPORT_ALL] = {"all", "Everything", F(TXT) | F(MD) | F(JSON), AJAR_OUT_ALL},
};

/* A format: its name, file extension, writer, and whether it is Markdown. */
typedef struct format_row {
    const char *name;
    const char *ext;
    ajar_export_writer write;
    int markdown;
} format_row;

static const format_row FORMATS[AJAR_EXPORT_FORMAT_COUNT] = {
    [AJAR_EXPORT_TXT] = {"txt", ".txt", ajar_export_txt, 0},
    [AJAR_EXPORT_MD] = {"md", ".md", ajar_export_md, 1},
    [AJAR_EXPORT_EML] = {"eml", ".eml", ajar_export_eml, 0},
    [AJAR_EXPORT_MAILTO] = {"mailto", NULL, ajar_export_mailto, 0},
    [AJAR_EXPORT_CSV] = {"csv", ".csv", ajar_export_csv, 0},
    [AJAR_EXPORT_ICS] = {"ics", ".ics", ajar_export_ics, 0},
    [AJAR_EXPORT_JSON] = {"json", ".json", ajar_export_json, 0},
};

static int what_ok(ajar_export_what w)
{
    return (unsigned)w < AJAR_EXPORT_WHAT_COUNT;
}

static int format_ok(ajar_export_format f)
{
    return (unsigned)f < AJAR_EXPORT_FORMAT_COUNT;
}

/* ---- names --------------------------------------------------------------------------- */

const char *ajar_export_what_name(ajar_export_what what)
{
    return what_ok(what) ? WHATS[what].name : "?";
}

const char *ajar_export_what_title(ajar_export_what what)
{
    return what_ok(what) ? WHATS[what].title : "?";
}

const char *ajar_export_format_name(ajar_export_format fmt)
{
    return format_ok(fmt) ? FORMATS[fmt].name : "?";
}

int ajar_export_what_parse(const char *name, ajar_export_what *out)
{
    for (int i = 0; name && i < AJAR_EXPORT_WHAT_COUNT; i++)
        if (strcmp(name, WHATS[i].name) == 0) {
            *out = (ajar_export_what)i;
            return 1;
        }
    return 0;
}

int ajar_export_format_parse(const char *name, ajar_export_format *out)
{
    for (int i = 0; name && i < AJAR_EXPORT_FORMAT_COUNT; i++)
        if (strcmp(name, FORMATS[i].name) == 0) {
            *out = (ajar_export_format)i;
            return 1;
        }
    return 0;
}

const char *ajar_export_format_ext(ajar_export_format fmt)
{
    return format_ok(fmt) ? FORMATS[fmt].ext : NULL;
}

int ajar_export_format_from_path(const char *path, ajar_export_format *out)
{
    if (!path)
        return 0;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base) /* ".csv" alone is a hidden file's name, not an extension */
        return 0;
    for (int i = 0; i < AJAR_EXPORT_FORMAT_COUNT; i++)
        if (FORMATS[i].ext && strcasecmp(dot, FORMATS[i].ext) == 0) {
            *out = (ajar_export_format)i;
            return 1;
        }
    return 0;
}

int ajar_export_allowed(ajar_export_what what, ajar_export_format fmt)
{
    return what_ok(what) && format_ok(fmt) && (WHATS[what].formats & (1u << fmt));
}

char *ajar_export_formats_for(ajar_export_what what)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    unsigned left = what_ok(what) ? WHATS[what].formats : 0;
    for (int i = 0; i < AJAR_EXPORT_FORMAT_COUNT; i++) {
        if (!(left & (1u << i)))
            continue;
        left &= ~(1u << i);
        if (b.len)
            ajar_strbuf_puts(&b, left ? ", " : " or ");
        ajar_strbuf_puts(&b, FORMATS[i].name);
    }
    return ajar_strbuf_take(&b);
}

unsigned ajar_export_parts(ajar_export_what what)
{
    return what_ok(what) ? WHATS[what].parts : 0;
}

int ajar_export_markdown(ajar_export_format fmt)
{
    return format_ok(fmt) && FORMATS[fmt].markdown;
}

/* ---- helpers the writers share ------------------------------------------------------- */

const char *ajar_export_str(const char *s)
{
    return s ? s : "";
}

const char *ajar_export_text_of(const ajar_output *o, ajar_export_what what)
{
    switch (what) {
    case AJAR_EXPORT_LETTER: return ajar_export_str(o->letter);
    case AJAR_EXPORT_PHONE: return ajar_export_str(o->phone);
    case AJAR_EXPORT_VOICEMAIL: return ajar_export_str(o->voicemail);
    case AJAR_EXPORT_FOLLOWUPS: return ajar_export_str(o->followups_text);
    case AJAR_EXPORT_LINKEDIN: return ajar_export_str(o->linkedin_text);
    default: return "";
    }
}

const char *ajar_export_who(const ajar_followup *f, char *buf, size_t size)
{
    if (f->name && *f->name)
        return f->name;
    snprintf(buf, size, "contacts[%zu]", f->index);
    return buf;
}

/* ---- checks before writing ----------------------------------------------------------- */

#define LINE 0u
#define TEXT (AJAR_FMT_ALLOW_LF | AJAR_FMT_ALLOW_TAB)

/* Checks s (a rendered text) for `field`; controls other than `allow` are
 * refused, and so is CR even before LF: rendered text has LF line ends. */
static void check(const char *s, const char *field, unsigned allow, ajar_errors *errs, int *bad)
{
    if (ajar_fmt_check_text(s, field, allow, errs) != AJAR_OK) {
        *bad = 1;
        return;
    }
    const char *cr = s ? strchr(s, '\r') : NULL;
    if (cr) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, field, 0, 0, 0,
                        "contains the control character U+000D at character %zu; rendered "
                        "text ends its lines with LF alone",
                        ajar_utf8_count(s, (size_t)(cr - s)) + 1);
        *bad = 1;
    }
}

/* A follow-up field, named followups[i].KEY. */
static void check_fu(const char *s, size_t i, const char *key, unsigned allow, ajar_errors *errs,
                     int *bad)
{
    /* the field's name is only spelled out for an error */
    if (ajar_fmt_check_text(s, NULL, allow, NULL) == AJAR_OK && (!s || !strchr(s, '\r')))
        return;
    char field[64];
    snprintf(field, sizeof field, "followups[%zu].%s", i, key);
    check(s, field, allow, errs, bad);
}

/* The one-line fields of a follow-up and its multi-line ones, by name. */
static void check_followup(const ajar_followup *f, size_t i, ajar_errors *errs, int *bad)
{
    const struct {
        const char *key;
        const char *value;
        unsigned allow;
    } fields[] = {
        {"name", f->name, LINE},
        {"first", f->first, LINE},
        {"role", f->role, LINE},
        {"role_label", f->role_label, LINE},
        {"title", f->title, LINE},
        {"channel", f->channel, LINE},
        {"channel_label", f->channel_label, LINE},
        {"email", f->email, LINE},
        {"phone", f->phone, LINE},
        {"linkedin", f->linkedin, LINE},
        {"talked_about", f->talked_about, LINE},
        {"when_text", f->when_text, LINE},
        {"message", f->message, TEXT},
        {"note", f->note, TEXT},
    };
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
        check_fu(fields[k].value, i, fields[k].key, fields[k].allow, errs, bad);
}

/* Checks every text part `w` (LETTER..LINKEDIN) uses; sets *bad on a refusal.
 * The follow-ups, shared by two parts, are checked once (*followups_done). */
static void check_part(const ajar_output *o, ajar_export_what w, ajar_errors *errs, int *bad,
                       int *followups_done)
{
    switch (w) {
    case AJAR_EXPORT_LETTER:
        check(o->subject, "letter.subject", LINE, errs, bad);
        check(o->letter, "letter.body", TEXT, errs, bad);
        check(o->from_name, "letter.from.name", LINE, errs, bad);
        check(o->from_email, "letter.from.email", LINE, errs, bad);
        check(o->to_name, "letter.to.name", LINE, errs, bad);
        check(o->to_email, "letter.to.email", LINE, errs, bad);
        break;
    case AJAR_EXPORT_PHONE: check(o->phone, "phone", TEXT, errs, bad); break;
    case AJAR_EXPORT_VOICEMAIL: check(o->voicemail, "voicemail", TEXT, errs, bad); break;
    case AJAR_EXPORT_FOLLOWUPS:
    case AJAR_EXPORT_LINKEDIN:
        check(w == AJAR_EXPORT_LINKEDIN ? o->linkedin_text : o->followups_text,
              w == AJAR_EXPORT_LINKEDIN ? "linkedin" : "followups", TEXT, errs, bad);
        for (size_t i = 0; !*followups_done && i < o->nfollowups; i++)
            check_followup(&o->followups[i], i, errs, bad);
        *followups_done = 1;
        break;
    default: break;
    }
}

/* 1 when `o` holds part w (LETTER..LINKEDIN): the renderer was asked for it. */
static int has_part(const ajar_output *o, ajar_export_what w, int as_text)
{
    switch (w) {
    case AJAR_EXPORT_LETTER: return o->subject && o->letter;
    case AJAR_EXPORT_PHONE: return o->phone != NULL;
    case AJAR_EXPORT_VOICEMAIL: return o->voicemail != NULL;
    /* the texts of the plan are only needed by txt and md */
    case AJAR_EXPORT_FOLLOWUPS:
        return (o->followups_text || !as_text) && (o->followups || !o->nfollowups);
    case AJAR_EXPORT_LINKEDIN:
        return (o->linkedin_text || !as_text) && (o->followups || !o->nfollowups);
    default: return 0;
    }
}

/* ---- dispatch ------------------------------------------------------------------------ */

ajar_status ajar_export(const ajar_output *o, ajar_export_what what, ajar_export_format fmt,
                        const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs)
{
    if (!o || !out)
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "nothing to export, or nowhere to put it");
    if (!what_ok(what) || !format_ok(fmt))
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "unknown part or format (%d, %d)", (int)what, (int)fmt);
    if (!ajar_export_allowed(what, fmt)) {
        char *list = ajar_export_formats_for(what);
        ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                        "%s cannot be exported as %s; it can be exported as %s", WHATS[what].name,
                        FORMATS[fmt].name, list ? list : "other formats");
        free(list);
        return AJAR_E_USAGE;
    }
    static const ajar_export_opts no_opts;
    if (!opts)
        opts = &no_opts;
    int bad = 0, followups_done = 0;
    for (int w = AJAR_EXPORT_LETTER; w < AJAR_EXPORT_ALL; w++) {
        if (!(WHATS[what].parts & WHATS[w].parts))
            continue;
        if (!has_part(o, (ajar_export_what)w, fmt == AJAR_EXPORT_TXT || fmt == AJAR_EXPORT_MD))
            return ajar_errors_add(errs, AJAR_E_USAGE, NULL, WHATS[w].name, 0, 0, 0,
                                   "was not rendered; render it before exporting it");
        check_part(o, (ajar_export_what)w, errs, &bad, &followups_done);
    }
    if (bad)
        return ajar_errors_add(errs, AJAR_E_INVALID, NULL, NULL, 0, 0, 0,
                               "nothing exported: rendered text must not hold control "
                               "characters (a template or the draft put one there)");
    return FORMATS[fmt].write(o, what, opts, out, errs);
}
