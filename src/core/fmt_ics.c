/* fmt_ics.c — iCalendar (RFC 5545) all-day events and to-dos with alarms, escaped and folded. */
#include "ajar/formats.h"

#include <stdio.h>
#include <string.h>

#include "ajar/date.h"
#include "ajar/utf8.h"

#ifndef AJAR_VERSION
#define AJAR_VERSION "0"
#endif

#define FOLD_AT 75 /* RFC 5545 3.1: octets per line, without the CRLF */
#define DEFAULT_DOMAIN "ajar.invalid"
#define SECS_PER_DAY 86400LL
#define FIRST_DAY (-719162LL) /* 0001-01-01 */
#define LAST_DAY 2932896LL    /* 9999-12-31 */
#define ALARM_MAX_MIN 527040L /* 366 days */

/* ---- content lines ----------------------------------------------------------------- */

/* A content line being written, folded before any unit that would pass
 * octet 75. Units are whole UTF-8 characters or whole escapes. */
typedef struct cline {
    ajar_strbuf *b;
    size_t col;
} cline;

static void put_unit(cline *l, const char *s, size_t n)
{
    if (l->col + n > FOLD_AT) {
        ajar_strbuf_puts(l->b, "\r\n ");
        l->col = 1;
    }
    ajar_strbuf_append(l->b, s, n);
    l->col += n;
}

/* Writes ASCII text (a name, parameters, a date) as it is. */
static void put_ascii(cline *l, const char *s)
{
    for (; *s; s++)
        put_unit(l, s, 1);
}

/* Writes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma
 * escaped, a line break (LF or CRLF) as \n. */
static void put_text(cline *l, const char *s)
{
    size_t len = strlen(s), pos = 0;
    while (pos < len) {
        char c = s[pos];
        if (c == '\r' && s[pos + 1] == '\n') {
            pos++;
            continue;
        }
        if (c == '\\' || c == ';' || c == ',' || c == '\n') {
            char e[2] = {'\\', c == '\n' ? 'n' : c};
            put_unit(l, e, 2);
            pos++;
            continue;
        }
        uint32_t cp;
        size_t k = ajar_utf8_decode(s + pos, len - pos, &cp);
        put_unit(l, s + pos, k);
        pos += k;
    }
}

static void line_start(cline *l, ajar_strbuf *b, const char *name)
{
    l->b = b;
    l->col = 0;
    put_ascii(l, name);
}

static void line_end(cline *l)
{
    ajar_strbuf_puts(l->b, "\r\n");
}

/* A whole line NAME:VALUE with VALUE as TEXT. */
static void text_line(ajar_strbuf *b, const char *name, const char *value)
{
    cline l;
    line_start(&l, b, name);
    put_unit(&l, ":", 1);
    put_text(&l, value);
    line_end(&l);
}

/* ---- values ------------------------------------------------------------------------ */

/* "YYYYMMDD" */
static void date_value(ajar_date d, char buf[16])
{
    snprintf(buf, 16, "%04d%02d%02d", d.year, d.month, d.day);
}

/* "YYYYMMDDTHHMMSSZ" for t in UTC; 0 when t is outside 0001..9999. */
static int utc_value(time_t t, char buf[32])
{
    long long s = (long long)t;
    long long days = s / SECS_PER_DAY, rem = s % SECS_PER_DAY;
    if (rem < 0) {
        rem += SECS_PER_DAY;
        days--;
    }
    if (days < FIRST_DAY || days > LAST_DAY)
        return 0;
    ajar_date d = ajar_date_from_days((long)days);
    snprintf(buf, 32, "%04d%02d%02dT%02d%02d%02dZ", d.year, d.month, d.day, (int)(rem / 3600),
             (int)(rem / 60 % 60), (int)(rem % 60));
    return 1;
}

/* An RFC 5545 duration (3.3.6) of `minutes`: -PT15H, PT9H, -P1DT2H30M, PT0M. */
static void duration_value(long minutes, char buf[40])
{
    long m = minutes < 0 ? -minutes : minutes;
    long d = m / 1440, h = m % 1440 / 60, mm = m % 60;
    int n = snprintf(buf, 40, "%sP", minutes < 0 ? "-" : "");
    if (d)
        n += snprintf(buf + n, 40 - (size_t)n, "%ldD", d);
    if (h || mm || !d) {
        n += snprintf(buf + n, 40 - (size_t)n, "T");
        if (h)
            n += snprintf(buf + n, 40 - (size_t)n, "%ldH", h);
        if (mm || !h)
            snprintf(buf + n, 40 - (size_t)n, "%ldM", mm);
    }
}

/* ---- checks ------------------------------------------------------------------------ */

static int check_item(const ajar_ics_item *it, const char **domain, char stamp[32],
                      ajar_errors *errs)
{
    int bad = 0;
    if (!ajar_date_valid(it->date)) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, "date", 0, 0, 0, "%04d-%02d-%02d is not a date",
                        it->date.year, it->date.month, it->date.day);
        bad = 1;
    } else if (it->kind == AJAR_ICS_EVENT && it->date.year == 9999 && it->date.month == 12 &&
               it->date.day == 31) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, "date", 0, 0, 0,
                        "an event cannot be on 9999-12-31 (it would end after the last date)");
        bad = 1;
    }
    if (!it->summary || !*it->summary) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, "summary", 0, 0, 0, "is required");
        bad = 1;
    } else if (ajar_fmt_check_text(it->summary, "summary", AJAR_FMT_ALLOW_TAB, errs) != AJAR_OK) {
        bad = 1;
    }
    if (ajar_fmt_check_text(it->description, "description", AJAR_FMT_ALLOW_TAB | AJAR_FMT_ALLOW_LF,
                            errs) != AJAR_OK)
        bad = 1;
    for (size_t i = 0; i < it->ncategories; i++) {
        char field[48];
        snprintf(field, sizeof field, "categories[%zu]", i);
        if (!it->categories[i] || !*it->categories[i]) {
            ajar_errors_add(errs, AJAR_E_INVALID, NULL, field, 0, 0, 0, "is empty");
            bad = 1;
        } else if (ajar_fmt_check_text(it->categories[i], field, 0, errs) != AJAR_OK) {
            bad = 1;
        }
    }
    *domain = it->uid_domain ? it->uid_domain : DEFAULT_DOMAIN;
    if (!ajar_fmt_domain_valid(*domain)) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, "uid_domain", 0, 0, 0,
                        "is not a host name (dot-separated labels of ASCII letters, digits and "
                        "hyphens)");
        bad = 1;
    }
    if (!utc_value(it->dtstamp, stamp)) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, "dtstamp", 0, 0, 0,
                        "%lld is outside the years 0001..9999", (long long)it->dtstamp);
        bad = 1;
    }
    if (it->alarm) {
        if (it->alarm_offset_min < -ALARM_MAX_MIN || it->alarm_offset_min > ALARM_MAX_MIN) {
            ajar_errors_add(errs, AJAR_E_INVALID, NULL, "alarm_offset_min", 0, 0, 0,
                            "%ld minutes is more than 366 days away", it->alarm_offset_min);
            bad = 1;
        }
        if (ajar_fmt_check_text(it->alarm_text, "alarm_text",
                                AJAR_FMT_ALLOW_TAB | AJAR_FMT_ALLOW_LF, errs) != AJAR_OK)
            bad = 1;
    }
    return !bad;
}

/* ---- the calendar ------------------------------------------------------------------ */

void ajar_ics_begin(ajar_strbuf *out)
{
    ajar_strbuf_puts(out, "BEGIN:VCALENDAR\r\n"
                          "VERSION:2.0\r\n"
                          "PRODID:-//ajar//ajar " AJAR_VERSION "//EN\r\n"
                          "CALSCALE:GREGORIAN\r\n"
                          "METHOD:PUBLISH\r\n");
}

void ajar_ics_end(ajar_strbuf *out)
{
    ajar_strbuf_puts(out, "END:VCALENDAR\r\n");
}

ajar_status ajar_ics_add(ajar_strbuf *out, const ajar_ics_item *it, ajar_errors *errs)
{
    if (!out || !it || (it->kind != AJAR_ICS_EVENT && it->kind != AJAR_ICS_TODO) ||
        (it->ncategories && !it->categories))
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "ajar_ics_add needs a buffer and an event or to-do");
    const char *domain;
    char stamp[32];
    if (!check_item(it, &domain, stamp, errs))
        return AJAR_E_INVALID;

    int event = it->kind == AJAR_ICS_EVENT;
    const char *comp = event ? "VEVENT" : "VTODO";
    char day[16], next[16], id[AJAR_FMT_ID_SIZE];
    date_value(it->date, day);
    date_value(ajar_date_add_days(it->date, 1), next);
    if (it->uid_seed) {
        const char *parts[] = {"ics", comp, it->uid_seed};
        ajar_fmt_id(parts, 3, id);
    } else {
        char iso[11];
        ajar_date_format_iso(it->date, iso);
        const char *parts[] = {"ics", comp, iso, it->summary};
        ajar_fmt_id(parts, 4, id);
    }

    ajar_strbuf b;
    ajar_strbuf_init(&b);
    cline l;
    ajar_strbuf_printf(&b, "BEGIN:%s\r\n", comp);
    line_start(&l, &b, "UID:");
    put_ascii(&l, id);
    put_unit(&l, "@", 1);
    put_ascii(&l, domain);
    line_end(&l);
    ajar_strbuf_printf(&b, "DTSTAMP:%s\r\n", stamp);
    if (event)
        ajar_strbuf_printf(&b, "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n", day, next);
    else
        ajar_strbuf_printf(&b, "DUE;VALUE=DATE:%s\r\nSTATUS:NEEDS-ACTION\r\n", day);
    text_line(&b, "SUMMARY", it->summary);
    if (it->description && *it->description)
        text_line(&b, "DESCRIPTION", it->description);
    if (it->ncategories) {
        line_start(&l, &b, "CATEGORIES:");
        for (size_t i = 0; i < it->ncategories; i++) {
            if (i)
                put_unit(&l, ",", 1);
            put_text(&l, it->categories[i]);
        }
        line_end(&l);
    }
    if (event)
        ajar_strbuf_puts(&b, "TRANSP:TRANSPARENT\r\n");
    if (it->alarm) {
        char dur[40];
        duration_value(it->alarm_offset_min, dur);
        ajar_strbuf_puts(&b, "BEGIN:VALARM\r\nACTION:DISPLAY\r\n");
        text_line(&b, "DESCRIPTION",
                  it->alarm_text && *it->alarm_text ? it->alarm_text : it->summary);
        ajar_strbuf_printf(&b, "TRIGGER%s:%s\r\n", event ? "" : ";RELATED=END", dur);
        ajar_strbuf_puts(&b, "END:VALARM\r\n");
    }
    ajar_strbuf_printf(&b, "END:%s\r\n", comp);

    return ajar_fmt_commit(out, &b, errs);
}
