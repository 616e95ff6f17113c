/* test_ics.c — the iCalendar builder: exact events and to-dos, escaping, folding, alarms, UIDs,
 * refusals. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/formats.h"

Suite *ics_suite(void);

#define FRI_0800_UTC ((time_t)1795161600) /* 2026-11-20 08:00:00 UTC */

static ajar_ics_item event(void)
{
    ajar_ics_item it = {0};
    it.kind = AJAR_ICS_EVENT;
    it.date.year = 2026;
    it.date.month = 11;
    it.date.day = 20;
    it.summary = "Call Ana";
    it.dtstamp = FRI_0800_UTC;
    return it;
}

/* The item alone, as ajar_ics_add writes it (caller frees). */
static char *add_ok(const ajar_ics_item *it)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_errors errs = {0};
    ajar_status st = ajar_ics_add(&b, it, &errs);
    ck_assert_msg(st == AJAR_OK, "ajar_ics_add failed: %s",
                  errs.count && errs.items[0].message ? errs.items[0].message : "?");
    ajar_errors_clear(&errs);
    return ajar_strbuf_take(&b);
}

/* The first line starting with `name` (folded lines included), or NULL. */
static char *prop(const char *ics, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = ics; *p;) {
        const char *eol = strstr(p, "\r\n");
        if (strncmp(p, name, n) == 0) {
            const char *end = eol;
            while (end[2] == ' ')
                end = strstr(end + 2, "\r\n");
            size_t len = (size_t)(end - p);
            char *v = malloc(len + 1);
            memcpy(v, p, len);
            v[len] = '\0';
            return v;
        }
        p = eol + 2;
    }
    return NULL;
}

/* Every line ends in CRLF, holds at most 75 octets, and is UTF-8 on its own. */
static void assert_folded(const char *ics)
{
    size_t n = 1;
    for (const char *p = ics; *p; n++) {
        const char *eol = strstr(p, "\r\n");
        ck_assert_msg(eol != NULL, "line %zu does not end in CRLF", n);
        size_t len = (size_t)(eol - p);
        ck_assert_msg(len <= 75, "line %zu is %zu octets", n, len);
        ck_assert_msg(memchr(p, '\n', len) == NULL && memchr(p, '\r', len) == NULL,
                      "line %zu has a bare CR or LF", n);
        /* no line starts with a UTF-8 continuation byte, or ends inside a character */
        ck_assert_msg(len == 0 || ((unsigned char)p[0] & 0xC0) != 0x80, "line %zu splits", n);
        if (len > 0) {
            size_t i = len;
            while (i > 0 && ((unsigned char)p[i - 1] & 0xC0) == 0x80)
                i--;
            if (i > 0 && (unsigned char)p[i - 1] >= 0xC0) {
                unsigned char lead = (unsigned char)p[i - 1];
                size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                ck_assert_msg(len - (i - 1) == need, "line %zu ends inside a character", n);
            }
        }
        p = eol + 2;
    }
}

START_TEST(begin_and_end_the_calendar)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_ics_begin(&b);
    ajar_ics_end(&b);
    ck_assert_str_eq(b.data, "BEGIN:VCALENDAR\r\n"
                             "VERSION:2.0\r\n"
                             "PRODID:-//ajar//ajar " AJAR_VERSION "//EN\r\n"
                             "CALSCALE:GREGORIAN\r\n"
                             "METHOD:PUBLISH\r\n"
                             "END:VCALENDAR\r\n");
    ajar_strbuf_free(&b);
}
END_TEST

START_TEST(writes_an_event_exactly)
{
    ajar_ics_item it = event();
    char *s = add_ok(&it);
    ck_assert_str_eq(s, "BEGIN:VEVENT\r\n"
                        "UID:439744419bb0c6b80af11e3d659121c7@ajar.invalid\r\n"
                        "DTSTAMP:20261120T080000Z\r\n"
                        "DTSTART;VALUE=DATE:20261120\r\n"
                        "DTEND;VALUE=DATE:20261121\r\n"
                        "SUMMARY:Call Ana\r\n"
                        "TRANSP:TRANSPARENT\r\n"
                        "END:VEVENT\r\n");
    free(s);
}
END_TEST

START_TEST(writes_a_todo_with_everything_exactly)
{
    ajar_ics_item it = event();
    const char *const cats[] = {"ajar", "follow-up, later"};
    it.kind = AJAR_ICS_TODO;
    it.summary = "Write to Zoë; say thanks, warmly";
    it.description = "Offer: Lumen Freight\nPath C:\\jobs\r\nDone?";
    it.categories = cats;
    it.ncategories = 2;
    it.uid_seed = "d1#2";
    it.uid_domain = "example.com";
    it.alarm = 1;
    it.alarm_offset_min = -900;
    it.alarm_text = "Reminder: write to Zoë";
    char *s = add_ok(&it);
    ck_assert_str_eq(s, "BEGIN:VTODO\r\n"
                        "UID:d5163ea7f4915871523a9c51d160c41a@example.com\r\n"
                        "DTSTAMP:20261120T080000Z\r\n"
                        "DUE;VALUE=DATE:20261120\r\n"
                        "STATUS:NEEDS-ACTION\r\n"
                        "SUMMARY:Write to Zoë\\; say thanks\\, warmly\r\n"
                        "DESCRIPTION:Offer: Lumen Freight\\nPath C:\\\\jobs\\nDone?\r\n"
                        "CATEGORIES:ajar,follow-up\\, later\r\n"
                        "BEGIN:VALARM\r\n"
                        "ACTION:DISPLAY\r\n"
                        "DESCRIPTION:Reminder: write to Zoë\r\n"
                        "TRIGGER;RELATED=END:-PT15H\r\n"
                        "END:VALARM\r\n"
                        "END:VTODO\r\n");
    free(s);
}
END_TEST

START_TEST(event_alarms_default_to_the_summary)
{
    ajar_ics_item it = event();
    it.alarm = 1;
    it.alarm_offset_min = 540;
    it.alarm_text = "";
    char *s = add_ok(&it);
    ck_assert_ptr_nonnull(strstr(s, "TRANSP:TRANSPARENT\r\n"
                                    "BEGIN:VALARM\r\n"
                                    "ACTION:DISPLAY\r\n"
                                    "DESCRIPTION:Call Ana\r\n"
                                    "TRIGGER:PT9H\r\n"
                                    "END:VALARM\r\n"
                                    "END:VEVENT\r\n"));
    free(s);
}
END_TEST

START_TEST(alarm_durations)
{
    static const struct {
        long minutes;
        const char *want;
    } cases[] = {
        {-900, "TRIGGER:-PT15H"},    {540, "TRIGGER:PT9H"},      {0, "TRIGGER:PT0M"},
        {-30, "TRIGGER:-PT30M"},     {-90, "TRIGGER:-PT1H30M"},  {-1440, "TRIGGER:-P1D"},
        {1530, "TRIGGER:P1DT1H30M"}, {-2881, "TRIGGER:-P2DT1M"}, {527040, "TRIGGER:P366D"},
        {-527040, "TRIGGER:-P366D"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_ics_item it = event();
        it.alarm = 1;
        it.alarm_offset_min = cases[i].minutes;
        char *s = add_ok(&it);
        char *t = prop(s, "TRIGGER");
        ck_assert_str_eq(t, cases[i].want);
        free(t);
        free(s);
    }
}
END_TEST

START_TEST(dates_and_stamps)
{
    static const struct {
        int y, m, d;
        time_t stamp;
        const char *start, *end, *dtstamp;
    } cases[] = {
        {2024, 2, 28, 0, "20240228", "20240229", "19700101T000000Z"},
        {2024, 2, 29, -1, "20240229", "20240301", "19691231T235959Z"},
        {2026, 12, 31, 1709208000, "20261231", "20270101", "20240229T120000Z"},
        {1, 1, 1, (time_t)-62135596800LL, "00010101", "00010102", "00010101T000000Z"},
        {9999, 12, 30, (time_t)253402300799LL, "99991230", "99991231", "99991231T235959Z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_ics_item it = event();
        it.date.year = cases[i].y;
        it.date.month = cases[i].m;
        it.date.day = cases[i].d;
        it.dtstamp = cases[i].stamp;
        char *s = add_ok(&it), *p;
        p = prop(s, "DTSTART");
        ck_assert_str_eq(p + strlen("DTSTART;VALUE=DATE:"), cases[i].start);
        free(p);
        p = prop(s, "DTEND");
        ck_assert_str_eq(p + strlen("DTEND;VALUE=DATE:"), cases[i].end);
        free(p);
        p = prop(s, "DTSTAMP");
        ck_assert_str_eq(p + strlen("DTSTAMP:"), cases[i].dtstamp);
        free(p);
        free(s);
    }
    /* a to-do may be due on the very last day */
    ajar_ics_item it = event();
    it.kind = AJAR_ICS_TODO;
    it.date.year = 9999;
    it.date.month = 12;
    it.date.day = 31;
    char *s = add_ok(&it);
    ck_assert_ptr_nonnull(strstr(s, "DUE;VALUE=DATE:99991231\r\n"));
    ck_assert_ptr_null(strstr(s, "DTSTART"));
    free(s);
}
END_TEST

START_TEST(uids_are_stable_and_follow_the_seed)
{
    ajar_ics_item it = event();
    char *a = add_ok(&it), *b = add_ok(&it);
    ck_assert_str_eq(a, b);
    char *u0 = prop(a, "UID");
    free(a);
    free(b);
    /* without a seed, the summary, the date and the kind make the UID */
    it.summary = "Call Ana again";
    a = add_ok(&it);
    char *u1 = prop(a, "UID");
    ck_assert_str_ne(u0, u1);
    free(a);
    it = event();
    it.date.day = 21;
    a = add_ok(&it);
    char *u2 = prop(a, "UID");
    ck_assert_str_ne(u0, u2);
    ck_assert_str_ne(u1, u2);
    free(a);
    it = event();
    it.kind = AJAR_ICS_TODO;
    a = add_ok(&it);
    char *u3 = prop(a, "UID");
    ck_assert_str_ne(u0, u3);
    free(a);
    /* with a seed, editing the item keeps its UID */
    it = event();
    it.uid_seed = "draft.json#call-ana";
    a = add_ok(&it);
    it.summary = "Call Ana (moved)";
    it.date.day = 27;
    it.description = "new text";
    b = add_ok(&it);
    char *s1 = prop(a, "UID"), *s2 = prop(b, "UID");
    ck_assert_str_eq(s1, s2);
    ck_assert_str_ne(s1, u0);
    free(a);
    free(b);
    free(u0);
    free(u1);
    free(u2);
    free(u3);
    free(s1);
    free(s2);
}
END_TEST

START_TEST(folds_at_75_octets_between_whole_units)
{
    char summary[128], want[160];
    ajar_ics_item it = event();
    it.summary = summary;

    /* 8 + 67 = 75 octets: no fold */
    memset(summary, 'a', 67);
    summary[67] = '\0';
    char *s = add_ok(&it), *p = prop(s, "SUMMARY");
    ck_assert_str_eq(p + 8, summary);
    free(p);
    free(s);

    /* 68: the last one goes on a continuation line */
    memset(summary, 'a', 68);
    summary[68] = '\0';
    s = add_ok(&it);
    p = prop(s, "SUMMARY");
    memcpy(want, "SUMMARY:", 8);
    memset(want + 8, 'a', 67);
    strcpy(want + 75, "\r\n a");
    ck_assert_str_eq(p, want);
    free(p);
    free(s);

    /* an escape is never split */
    memset(summary, 'a', 66);
    strcpy(summary + 66, ";");
    s = add_ok(&it);
    p = prop(s, "SUMMARY");
    memset(want + 8, 'a', 66);
    strcpy(want + 74, "\r\n \\;");
    ck_assert_str_eq(p, want);
    free(p);
    free(s);

    /* nor a UTF-8 character */
    memset(summary, 'a', 65);
    strcpy(summary + 65, "李");
    s = add_ok(&it);
    p = prop(s, "SUMMARY");
    memset(want + 8, 'a', 65);
    strcpy(want + 73, "\r\n 李");
    ck_assert_str_eq(p, want);
    free(p);
    free(s);

    /* long multilingual text: every physical line is clean */
    it.summary = "Zoë Ångström, 李娜, ليلى حداد and נועה כהן: thank you all "
                 "🙂🙂🙂🙂🙂🙂🙂🙂🙂";
    it.description =
        "李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜\n"
        ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;"
        "\nليلى حداد ليلى حداد ليلى حداد ليلى حداد ليلى حداد ليلى حداد";
    const char *const cats[] = {
        "李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜"};
    it.categories = cats;
    it.ncategories = 1;
    it.alarm = 1;
    s = add_ok(&it);
    assert_folded(s);
    free(s);
}
END_TEST

/* Adding it fails with `code`, names `field` first, and leaves out as it was. */
static void assert_refused(const ajar_ics_item *it, ajar_status code, const char *field)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "keep");
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_ics_add(&b, it, &errs), code);
    ck_assert_str_eq(b.data, "keep");
    ck_assert_uint_ge(errs.count, 1);
    if (field)
        ck_assert_str_eq(errs.items[0].field, field);
    ajar_errors_clear(&errs);
    ajar_strbuf_free(&b);
}

START_TEST(refuses_bad_items)
{
    static const char *const bad_line[] = {"a\nb",     "a\r\nb",     "a\rb", "bell\a",
                                           "\x1b[31m", "c1\xc2\x85", "\xff", "\xf0\x9f\x99"};
    for (size_t i = 0; i < sizeof bad_line / sizeof bad_line[0]; i++) {
        ajar_ics_item it = event();
        it.summary = bad_line[i];
        assert_refused(&it, AJAR_E_INVALID, "summary");
        const char *const cats[] = {"ok", bad_line[i]};
        it = event();
        it.categories = cats;
        it.ncategories = 2;
        assert_refused(&it, AJAR_E_INVALID, "categories[1]");
        if (i >= 2) { /* line breaks are fine in a description or alarm text */
            it = event();
            it.description = bad_line[i];
            assert_refused(&it, AJAR_E_INVALID, "description");
            it = event();
            it.alarm = 1;
            it.alarm_text = bad_line[i];
            assert_refused(&it, AJAR_E_INVALID, "alarm_text");
        }
    }
    ajar_ics_item it = event();
    it.summary = "";
    assert_refused(&it, AJAR_E_INVALID, "summary");
    it.summary = NULL;
    assert_refused(&it, AJAR_E_INVALID, "summary");
    const char *const empty[] = {""};
    it = event();
    it.categories = empty;
    it.ncategories = 1;
    assert_refused(&it, AJAR_E_INVALID, "categories[0]");
    static const ajar_date bad_dates[] = {{2026, 2, 29}, {2026, 13, 1}, {0, 1, 1}, {2026, 4, 31}};
    for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++) {
        it = event();
        it.date = bad_dates[i];
        assert_refused(&it, AJAR_E_INVALID, "date");
    }
    it = event();
    it.date.year = 9999;
    it.date.month = 12;
    it.date.day = 31;
    assert_refused(&it, AJAR_E_INVALID, "date");
    it = event();
    it.dtstamp = (time_t)253402300800LL;
    assert_refused(&it, AJAR_E_INVALID, "dtstamp");
    it.dtstamp = (time_t)-62135596801LL;
    assert_refused(&it, AJAR_E_INVALID, "dtstamp");
    it = event();
    it.alarm = 1;
    it.alarm_offset_min = 527041;
    assert_refused(&it, AJAR_E_INVALID, "alarm_offset_min");
    it.alarm_offset_min = -527041;
    assert_refused(&it, AJAR_E_INVALID, "alarm_offset_min");
    it.alarm = 0; /* the offset does not matter without an alarm */
    char *s = add_ok(&it);
    free(s);
    static const char *const bad_domains[] = {"",      "x y",  "a..b", "-a.b", "a-.b",
                                              "a_b.c", "é.fr", "x.",   ".x",   "a\r\nb"};
    for (size_t i = 0; i < sizeof bad_domains / sizeof bad_domains[0]; i++) {
        it = event();
        it.uid_domain = bad_domains[i];
        assert_refused(&it, AJAR_E_INVALID, "uid_domain");
    }
    it = event();
    it.kind = (ajar_ics_kind)7;
    assert_refused(&it, AJAR_E_USAGE, NULL);
    it = event();
    it.ncategories = 1;
    assert_refused(&it, AJAR_E_USAGE, NULL);
    assert_refused(NULL, AJAR_E_USAGE, NULL);
    it = event();
    ck_assert_int_eq(ajar_ics_add(NULL, &it, NULL), AJAR_E_USAGE);
}
END_TEST

START_TEST(every_problem_is_reported_at_once)
{
    ajar_ics_item it = event();
    const char *const cats[] = {""};
    it.date.month = 2;
    it.date.day = 30;
    it.summary = "";
    it.description = "\a";
    it.categories = cats;
    it.ncategories = 1;
    it.uid_domain = "no domain";
    it.dtstamp = (time_t)999999999999LL;
    it.alarm = 1;
    it.alarm_offset_min = 1000000;
    it.alarm_text = "\x01";
    ajar_errors errs = {0};
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ck_assert_int_eq(ajar_ics_add(&b, &it, &errs), AJAR_E_INVALID);
    static const char *const fields[] = {
        "date",       "summary", "description",      "categories[0]",
        "uid_domain", "dtstamp", "alarm_offset_min", "alarm_text"};
    ck_assert_uint_eq(errs.count, 8);
    for (size_t i = 0; i < 8; i++)
        ck_assert_str_eq(errs.items[i].field, fields[i]);
    ck_assert_ptr_null(b.data);
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(domains)
{
    static const char *const good[] = {"ajar.invalid", "example.com", "localhost", "a-b.c0.d",
                                       "x1.example.co.uk"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(ajar_fmt_domain_valid(good[i]), "refused %s", good[i]);
    char label[80];
    memset(label, 'a', 63);
    label[63] = '\0';
    ck_assert(ajar_fmt_domain_valid(label));
    label[63] = 'a';
    label[64] = '\0';
    ck_assert(!ajar_fmt_domain_valid(label));
    ck_assert(!ajar_fmt_domain_valid(NULL));
}
END_TEST

Suite *ics_suite(void)
{
    Suite *s = suite_create("ics");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, begin_and_end_the_calendar);
    tcase_add_test(tc, writes_an_event_exactly);
    tcase_add_test(tc, writes_a_todo_with_everything_exactly);
    tcase_add_test(tc, event_alarms_default_to_the_summary);
    tcase_add_test(tc, alarm_durations);
    tcase_add_test(tc, dates_and_stamps);
    tcase_add_test(tc, uids_are_stable_and_follow_the_seed);
    tcase_add_test(tc, folds_at_75_octets_between_whole_units);
    tcase_add_test(tc, refuses_bad_items);
    tcase_add_test(tc, every_problem_is_reported_at_once);
    tcase_add_test(tc, domains);
    suite_add_tcase(s, tc);
    return s;
}
