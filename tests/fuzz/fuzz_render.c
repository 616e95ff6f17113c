/* fuzz_render.c — libFuzzer target: a draft from arbitrary bytes, rendered, exported in every format, checked.
 *
 * The input is a draft file, or, after a first byte 0x01, texts for the
 * fields of a full draft separated by NUL bytes (see draft_from_fields).
 * When it loads, it is rendered (every part, as
 * text and quoted for Markdown), exported as every part in every format it
 * allows and checked (ajar_check_run); one part and format, chosen by the
 * input's length, is also exported through ajar_export_draft (as `ajar
 * export` and the wizard do), which must give the same bytes. The renderer and checker are opened once, on the
 * repository's data folder. An unknown key "x-today" holding a date moves
 * "today", so dates near the ends of the calendar get tried too.
 *
 * Invariants: no crash; the rendered texts hold no control character but LF
 * and tab, single-line ones none at all; every export is valid UTF-8 without
 * controls other than what its format needs:
 *   txt md json   LF and tab (json must parse back, too)
 *   eml           7-bit, every line ending CRLF (no bare LF or CR), only
 *                 the headers ajar writes, each once, unfolded lines <= 998
 *   mailto        one line "mailto:...", URI characters only, then LF
 *   csv           tab, LF inside quoted cells, CR only before LF; records of
 *                 the right number of cells
 *   ics           tab, lines ending CRLF, at most 75 octets, every unfolded
 *                 line a property NAME: or NAME;
 * a failed export adds nothing to its output; error messages and findings
 * hold no control characters; a finding's field is a well-formed path. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/check.h"
#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/export.h"
#include "ajar/json.h"
#include "ajar/render.h"
#include "ajar/strbuf.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const ajar_renderer *renderer(void)
{
    static ajar_renderer *r;
    if (!r) {
        ajar_errors errs = {0};
        if (ajar_renderer_open(fuzz_repo(), NULL, &r, &errs) != AJAR_OK) {
            fprintf(stderr, "fuzz: cannot open the templates of %s (set AJAR_DATA_DIR)\n",
                    fuzz_repo());
            exit(2);
        }
    }
    return r;
}

static const ajar_checker *checker(void)
{
    static ajar_checker *c;
    if (!c) {
        ajar_errors errs = {0};
        if (ajar_checker_open(fuzz_repo(), &c, &errs) != AJAR_OK) {
            fprintf(stderr, "fuzz: cannot open the rules of %s\n", fuzz_repo());
            exit(2);
        }
    }
    return c;
}

#define LF (1u << '\n')
#define TAB (1u << '\t')

static void clean_text(const char *what, const char *s, int multiline)
{
    if (!s)
        return;
    fuzz_assert_clean(what, s, strlen(s), multiline ? LF | TAB : 0, 0);
}

static void check_output(const ajar_output *o)
{
    clean_text("subject", o->subject, 0);
    const char *texts[] = {o->letter, o->phone, o->voicemail, o->followups_text, o->linkedin_text};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        clean_text("rendered text", texts[i], 1);
        if (texts[i] && texts[i][0]) {
            size_t n = strlen(texts[i]);
            FUZZ_ASSERT(texts[i][n - 1] == '\n', "a rendered text does not end with a line end");
            FUZZ_ASSERT(n < 2 || texts[i][n - 2] != '\n', "a rendered text ends with a blank line");
        }
    }
    for (size_t i = 0; i < o->nfollowups; i++) {
        const ajar_followup *f = &o->followups[i];
        clean_text("followup message", f->message, 0);
        clean_text("linkedin note", f->note, 0);
        clean_text("followup name", f->name, 0);
        clean_text("followup when", f->when_text, 0);
        FUZZ_ASSERT(ajar_date_valid(f->when), "a follow-up date is not a date");
        for (size_t k = 0; k < f->ncheckins; k++)
            FUZZ_ASSERT(ajar_date_valid(f->checkins[k].date), "a check-in date is not a date");
        if (f->note && o->linkedin_limit > 0)
            FUZZ_ASSERT(f->note_chars <= (size_t)o->linkedin_limit, "a note over the limit");
    }
    FUZZ_ASSERT(o->recipient < (ptrdiff_t)o->nfollowups, "recipient out of range");
}

/* ---- per-format rules -------------------------------------------------------- */

static void check_eml(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        FUZZ_ASSERT(c < 0x80, "eml: a byte that is not 7-bit");
        if (c == '\n')
            FUZZ_ASSERT(i > 0 && s[i - 1] == '\r', "eml: a bare LF");
        if (c == '\r')
            FUZZ_ASSERT(i + 1 < n && s[i + 1] == '\n', "eml: a bare CR");
        if (c < 0x20 && c != '\r' && c != '\n' && c != '\t')
            FUZZ_ASSERT(0, "eml: a control byte");
        FUZZ_ASSERT(c != 0x7f, "eml: DEL");
    }
    FUZZ_ASSERT(n >= 2 && s[n - 2] == '\r' && s[n - 1] == '\n', "eml: does not end with CRLF");
    static const char *const NAMES[] = {"Date", "From", "To", "Subject", "Message-ID",
                                        "MIME-Version", "Content-Type",
                                        "Content-Transfer-Encoding", "X-Unsent"};
    int seen[sizeof NAMES / sizeof *NAMES] = {0};
    size_t pos = 0;
    for (;;) {
        const char *end = strstr(s + pos, "\r\n");
        FUZZ_ASSERT(end, "eml: the header does not end");
        size_t len = (size_t)(end - (s + pos));
        if (len == 0)
            break; /* the blank line before the body */
        FUZZ_ASSERT(len <= 998, "eml: a header line longer than 998 octets");
        if (s[pos] != ' ' && s[pos] != '\t') {
            const char *colon = memchr(s + pos, ':', len);
            FUZZ_ASSERT(colon, "eml: a header line that is neither a field nor a fold");
            size_t nl = (size_t)(colon - (s + pos));
            size_t k = 0;
            for (; k < sizeof NAMES / sizeof *NAMES; k++)
                if (strlen(NAMES[k]) == nl && memcmp(NAMES[k], s + pos, nl) == 0)
                    break;
            if (k == sizeof NAMES / sizeof *NAMES) {
                fprintf(stderr, "%.*s\n", (int)len, s + pos);
                FUZZ_ASSERT(0, "eml: a header ajar does not write (injected?)");
            }
            FUZZ_ASSERT(!seen[k], "eml: a header twice");
            seen[k] = 1;
        }
        pos += len + 2;
    }
    FUZZ_ASSERT(seen[0] && seen[1] && seen[3] && seen[4] && seen[8], "eml: a header is missing");
    /* Body lines: quoted-printable keeps them at most 76 characters. */
    for (size_t p = pos + 2; p < n;) {
        const char *end = strstr(s + p, "\r\n");
        FUZZ_ASSERT(end, "eml: the body does not end with CRLF");
        FUZZ_ASSERT((size_t)(end - (s + p)) <= 76, "eml: a body line over 76 characters");
        p = (size_t)(end - s) + 2;
    }
}

static void check_mailto(const char *s, size_t n)
{
    FUZZ_ASSERT(n > 8 && memcmp(s, "mailto:", 7) == 0, "mailto: no mailto: scheme");
    FUZZ_ASSERT(s[n - 1] == '\n', "mailto: no final LF");
    static const char OK[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                             "-._~%!$&'()*+,;=:@/?";
    for (size_t i = 7; i + 1 < n; i++)
        if (!strchr(OK, s[i]) || s[i] == '\0') {
            fprintf(stderr, "%s", s);
            FUZZ_ASSERT(0, "mailto: a character a URI cannot hold raw");
        }
}

/* Counts the cells of each CSV record (RFC 4180); every record must have
 * `cells` of them and end in CRLF; returns the number of records. */
static size_t check_csv(const char *s, size_t n, size_t cells)
{
    size_t records = 0, have = 1;
    int quoted = 0, at_start = 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < n && s[i + 1] == '"')
                    i++;
                else
                    quoted = 0;
            }
            continue;
        }
        if (c == '"') {
            FUZZ_ASSERT(at_start, "csv: a quote inside an unquoted cell");
            quoted = 1;
            at_start = 0;
        } else if (c == ',') {
            have++;
            at_start = 1;
        } else if (c == '\r') {
            FUZZ_ASSERT(i + 1 < n && s[i + 1] == '\n', "csv: a bare CR outside quotes");
            FUZZ_ASSERT(have == cells, "csv: a record with the wrong number of cells");
            records++;
            have = 1;
            at_start = 1;
            i++;
        } else if (c == '\n') {
            FUZZ_ASSERT(0, "csv: a bare LF outside quotes");
        } else {
            at_start = 0;
        }
    }
    FUZZ_ASSERT(!quoted, "csv: a quoted cell does not end");
    FUZZ_ASSERT(n >= 2 && s[n - 2] == '\r' && s[n - 1] == '\n', "csv: no final CRLF");
    return records;
}

static void check_ics(const char *s, size_t n)
{
    FUZZ_ASSERT(n > 17 && memcmp(s, "BEGIN:VCALENDAR\r\n", 17) == 0, "ics: no BEGIN:VCALENDAR");
    FUZZ_ASSERT(n >= 15 && memcmp(s + n - 15, "END:VCALENDAR\r\n", 15) == 0, "ics: no END:VCALENDAR");
    for (size_t p = 0; p < n;) {
        const char *end = strstr(s + p, "\r\n");
        FUZZ_ASSERT(end, "ics: a line without CRLF");
        size_t len = (size_t)(end - (s + p));
        FUZZ_ASSERT(len <= 75, "ics: a line over 75 octets");
        FUZZ_ASSERT(memchr(s + p, '\n', len) == NULL && memchr(s + p, '\r', len) == NULL,
                    "ics: a bare line break");
        if (s[p] != ' ') {
            size_t k = 0;
            while (k < len && ((s[p + k] >= 'A' && s[p + k] <= 'Z') || s[p + k] == '-'))
                k++;
            FUZZ_ASSERT(k > 0 && k < len && (s[p + k] == ':' || s[p + k] == ';'),
                        "ics: a line that is not a property (injected?)");
        }
        p += len + 2;
    }
}

/* Markdown: user text cannot make markup. The templates write no < > ` | ~,
 * so each one in the output is user text and must be quoted with a
 * backslash; a line starting with # is one of ajar's headings. */
static void check_md(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strchr("<>`|~", s[i]) && s[i]) {
            size_t bs = 0;
            while (bs < i && s[i - 1 - bs] == '\\')
                bs++;
            if (bs % 2 == 0) {
                size_t from = i > 40 ? i - 40 : 0;
                fprintf(stderr, "%.*s\n", (int)(i - from + 10 < n - from ? i - from + 10 : n - from),
                        s + from);
                FUZZ_ASSERT(0, "md: markup from user text is not quoted");
            }
        }
        if (s[i] == '#' && (i == 0 || s[i - 1] == '\n')) {
            static const char *const TITLES[] = {"# Letter\n", "# Phone script\n",
                                                 "# Voicemail script\n", "# Follow-up plan\n",
                                                 "# LinkedIn notes\n"};
            int ok = 0;
            for (size_t k = 0; k < sizeof TITLES / sizeof *TITLES; k++)
                ok |= n - i >= strlen(TITLES[k]) && memcmp(s + i, TITLES[k], strlen(TITLES[k])) == 0;
            if (!ok) {
                fprintf(stderr, "%.60s\n", s + i);
                FUZZ_ASSERT(0, "md: a heading ajar does not write (from user text?)");
            }
        }
    }
}

static void check_export(ajar_export_what what, ajar_export_format fmt, const char *s, size_t n,
                         const ajar_output *o)
{
    char label[64];
    snprintf(label, sizeof label, "export %s as %s", ajar_export_what_name(what),
             ajar_export_format_name(fmt));
    FUZZ_ASSERT(strlen(s) == n, "an export holds a NUL byte");
    switch (fmt) {
    case AJAR_EXPORT_TXT:
        fuzz_assert_clean(label, s, n, LF | TAB, 0);
        break;
    case AJAR_EXPORT_MD:
        fuzz_assert_clean(label, s, n, LF | TAB, 0);
        check_md(s, n);
        break;
    case AJAR_EXPORT_JSON: {
        fuzz_assert_clean(label, s, n, LF | TAB, 0);
        cJSON *v = NULL;
        ajar_errors errs = {0};
        if (ajar_json_parse(s, n, "export.json", &v, &errs) != AJAR_OK) {
            fprintf(stderr, "%s\n", s);
            FUZZ_ASSERT(0, "the json export does not parse");
        }
        cJSON_Delete(v);
        break;
    }
    case AJAR_EXPORT_EML:
        check_eml(s, n);
        break;
    case AJAR_EXPORT_MAILTO:
        fuzz_assert_clean(label, s, n, LF, 0);
        check_mailto(s, n);
        break;
    case AJAR_EXPORT_CSV: {
        fuzz_assert_clean(label, s, n, LF | TAB, 1);
        size_t rows = check_csv(s, n, what == AJAR_EXPORT_FOLLOWUPS ? 11 : 4);
        if (what == AJAR_EXPORT_FOLLOWUPS && o)
            FUZZ_ASSERT(rows == o->nfollowups + 1, "csv: not one row per follow-up");
        break;
    }
    case AJAR_EXPORT_ICS:
        fuzz_assert_clean(label, s, n, LF | TAB, 1);
        check_ics(s, n);
        break;
    default:
        FUZZ_ASSERT(0, "unknown format");
    }
}

static ajar_date today_of(const ajar_draft *d)
{
    ajar_date today = {2026, 11, 20};
    const char *t = ajar_draft_string(d, "x-today");
    if (t)
        ajar_date_parse(t, &today);
    return today;
}

static void check_findings(const ajar_draft *d, const ajar_check_result *res)
{
    size_t counts[AJAR_SEV_COUNT] = {0};
    for (size_t i = 0; i < res->n; i++) {
        const ajar_finding *f = &res->findings[i];
        FUZZ_ASSERT(f->rule_id && f->message, "a finding without rule or message");
        FUZZ_ASSERT((unsigned)f->severity < AJAR_SEV_COUNT, "a finding's severity");
        counts[f->severity]++;
        fuzz_assert_clean("finding message", f->message, strlen(f->message), 0, 0);
        if (f->suggestion)
            fuzz_assert_clean("finding suggestion", f->suggestion, strlen(f->suggestion), LF | TAB, 0);
        FUZZ_ASSERT(f->field, "a finding without a field");
        const cJSON *v;
        ajar_errors errs = {0};
        ajar_status st = ajar_draft_get(d, f->field, &v, &errs);
        if (st == AJAR_E_USAGE) {
            fprintf(stderr, "field: %s\n", f->field);
            FUZZ_ASSERT(0, "a finding's field is not a field path");
        }
        ajar_errors_clear(&errs);
        if (i > 0)
            FUZZ_ASSERT(res->findings[i - 1].severity >= f->severity,
                        "findings not sorted by severity");
    }
    for (int s = 0; s < AJAR_SEV_COUNT; s++)
        FUZZ_ASSERT(counts[s] == res->counts[s], "finding counts disagree");
}

/* The fields the second mode fills, in order: every text a template or an
 * export writes, and the choices that pick templates. */
static const char *const FIELDS[] = {
    "me.name", "offer.company", "offer.role", "contacts[0].name", "reason.detail",
    "positives[0]", "thanks.for", "contacts[0].talked_about", "contacts[1].name",
    "contacts[0].title", "resource.insight", "me.email", "contacts[0].email",
    "resource.referrals[0].name", "resource.referrals[0].why", "reason.would_reconsider",
    "positives[1]", "contacts[1].talked_about", "contacts[1].linkedin", "contacts[1].phone",
    "me.phone", "me.linkedin", "scenario", "tone", "reason.kind", "reason.share",
    "offer.medium", "contacts[0].channel", "contacts[1].role", "offer.made_on",
    "offer.decided_on", "offer.respond_by", "offer.send_at", "x-today",
};

/* Input starting with 0x01: the rest, split at NUL bytes, is put into FIELDS
 * of a full draft one after the other (values a field refuses are skipped),
 * so the fuzzer reaches the templates and writers with any text instead of
 * first having to write valid JSON. NULL when the result is not a valid draft. */
static ajar_draft *draft_from_fields(const uint8_t *data, size_t size)
{
    ajar_draft *d = fuzz_full_draft();
    char *text = malloc(size + 1);
    FUZZ_ASSERT(d && text, "out of memory");
    memcpy(text, data, size);
    text[size] = '\0';
    size_t k = 0;
    for (char *p = text; p <= text + size && k < sizeof FIELDS / sizeof *FIELDS; k++) {
        ajar_errors errs = {0};
        ajar_draft_set_string(d, FIELDS[k], p, &errs);
        fuzz_errors_safe(&errs);
        ajar_errors_clear(&errs);
        p += strlen(p) + 1;
    }
    free(text);
    ajar_errors errs = {0};
    if (ajar_draft_validate(d, "fields.json", &errs) != AJAR_OK) {
        ajar_draft_free(d);
        d = NULL;
    }
    ajar_errors_clear(&errs);
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    if (!init) {
        setenv("TZ", "UTC", 1);
        renderer();
        checker();
        init = 1;
    }
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    ajar_status st;
    if (size > 0 && data[0] == 0x01) {
        d = draft_from_fields(data + 1, size - 1);
        if (!d)
            return 0;
    } else {
        char *text = malloc(size + 1);
        FUZZ_ASSERT(text, "out of memory");
        memcpy(text, data, size);
        text[size] = '\0';
        st = ajar_draft_parse(text, size, "fuzz.json", &d, &errs);
        free(text);
        fuzz_errors_safe(&errs);
        ajar_errors_clear(&errs);
        if (st != AJAR_OK)
            return 0;
    }

    ajar_date today = today_of(d);
    static const int LIMITS[] = {0, 50, 300, 2000};
    int limit = LIMITS[size % 4];

    /* Everything, plain, then checked. */
    ajar_render_opts ro = {.today = today, .linkedin_limit = limit, .what = AJAR_OUT_ALL};
    ajar_output *o = NULL;
    st = ajar_render(renderer(), d, &ro, &o, &errs);
    fuzz_errors_safe(&errs);
    ajar_errors_clear(&errs);
    if (st == AJAR_OK) {
        check_output(o);
        ajar_check_result *res = NULL;
        st = ajar_check_run(checker(), d, o, today, &res, &errs);
        fuzz_errors_safe(&errs);
        ajar_errors_clear(&errs);
        FUZZ_ASSERT(st == AJAR_OK, "the check failed on a valid draft");
        check_findings(d, res);
        ajar_check_result_free(res);
        /* And without a letter, as `ajar check` does not need one. */
        st = ajar_check_run(checker(), d, NULL, today, &res, &errs);
        FUZZ_ASSERT(st == AJAR_OK, "the check without a letter failed");
        check_findings(d, res);
        ajar_check_result_free(res);
        ajar_errors_clear(&errs);
    }

    /* Quoted for Markdown. */
    ajar_render_opts mo = ro;
    mo.escape = ajar_render_escape_md;
    ajar_output *md = NULL;
    ajar_status mst = ajar_render(renderer(), d, &mo, &md, &errs);
    fuzz_errors_safe(&errs);
    ajar_errors_clear(&errs);
    if (mst == AJAR_OK)
        check_output(md);

    /* Every part in every format it allows, from these two renderings, with
     * the options ajar_export_draft uses; one combination (chosen by the
     * input's length) also through ajar_export_draft itself, as `ajar export`
     * and the wizard make it, which must give the same bytes. */
    const char *company = ajar_draft_string(d, "offer.company");
    const char *role = ajar_draft_string(d, "offer.role");
    char *seed = ajar_asprintf("%s\n%s", company ? company : "", role ? role : "");
    FUZZ_ASSERT(seed, "out of memory");
    int combo = 0, pick = (int)(size % 20);
    for (int w = 0; w < AJAR_EXPORT_WHAT_COUNT; w++) {
        for (int f = 0; f < AJAR_EXPORT_FORMAT_COUNT; f++) {
            if (!ajar_export_allowed((ajar_export_what)w, (ajar_export_format)f))
                continue;
            const ajar_output *from = ajar_export_markdown((ajar_export_format)f) ? md : o;
            ajar_status rst = ajar_export_markdown((ajar_export_format)f) ? mst : st;
            ajar_errors warnings = {0};
            ajar_export_opts opts = {.todo = (int)(size & 1), .uid_seed = seed, .warnings = &warnings};
            FUZZ_ASSERT(ajar_export_set_time(&opts, &today, &errs) == AJAR_OK, "set_time failed");
            ajar_strbuf out;
            ajar_strbuf_init(&out);
            ajar_strbuf_puts(&out, "");
            ajar_status est = rst == AJAR_OK ? ajar_export(from, (ajar_export_what)w,
                                                           (ajar_export_format)f, &opts, &out, &errs)
                                             : rst;
            fuzz_errors_safe(&errs);
            fuzz_errors_safe(&warnings);
            FUZZ_ASSERT(!out.failed, "an export ran out of memory");
            if (est == AJAR_OK) {
                FUZZ_ASSERT(out.len > 0, "an export wrote nothing");
                check_export((ajar_export_what)w, (ajar_export_format)f, out.data, out.len, o);
            } else if (rst == AJAR_OK) {
                FUZZ_ASSERT(errs.count > 0, "a failed export gave no error");
                FUZZ_ASSERT(out.len == 0, "a failed export wrote something");
            }
            ajar_errors_clear(&errs);
            ajar_errors_clear(&warnings);
            if (combo++ == pick) {
                ajar_export_request req = {.what = (ajar_export_what)w,
                                           .fmt = (ajar_export_format)f, .today = today,
                                           .fixed_today = 1, .linkedin_limit = limit,
                                           .todo = (int)(size & 1)};
                ajar_strbuf again;
                ajar_strbuf_init(&again);
                ajar_strbuf_puts(&again, "");
                ajar_status ast = ajar_export_draft(renderer(), d, &req, &again, NULL, &errs);
                fuzz_errors_safe(&errs);
                ajar_errors_clear(&errs);
                /* A render of the part alone may succeed where the whole failed
                 * (a budget); otherwise both agree, byte for byte. */
                if (est == AJAR_OK || rst == AJAR_OK) {
                    FUZZ_ASSERT((ast == AJAR_OK) == (est == AJAR_OK),
                                "ajar_export_draft and ajar_export disagree on success");
                    if (ast == AJAR_OK && (again.len != out.len ||
                                           memcmp(again.data, out.data, out.len) != 0)) {
                        fprintf(stderr, "export_draft:\n%s\nexport:\n%s\n", again.data, out.data);
                        FUZZ_ASSERT(0, "ajar_export_draft gives other bytes than render + export");
                    }
                } else if (ast == AJAR_OK) {
                    check_export((ajar_export_what)w, (ajar_export_format)f, again.data,
                                 again.len, NULL);
                }
                ajar_strbuf_free(&again);
            }
            ajar_strbuf_free(&out);
        }
    }
    free(seed);
    ajar_output_free(o);
    ajar_output_free(md);
    ajar_draft_free(d);
    return 0;
}
