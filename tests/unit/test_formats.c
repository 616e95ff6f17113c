/* test_formats.c — shared pieces of the export writers (ids, input checks) and round trips through
 * independent parsers (tests/tools/parse_exports.py). */
#include <cJSON.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ajar/formats.h"
#include "parse_exports.h"

Suite *formats_suite(void);

#define FRI_0800_UTC ((time_t)1795161600) /* 2026-11-20 08:00:00 UTC */

/* ---- identifiers ------------------------------------------------------------------- */

START_TEST(ids_are_pinned)
{
    /* These values are part of the format: a changed UID makes calendars
     * duplicate items a user imported from an older ajar. */
    char id[AJAR_FMT_ID_SIZE];
    const char *const a[] = {"a"}, *const nul[] = {NULL}, *const empty[] = {""};
    ajar_fmt_id(a, 1, id);
    ck_assert_str_eq(id, "01dd61c2fa572dd604b9629e3e7fad55");
    ajar_fmt_id(nul, 1, id);
    ck_assert_str_eq(id, "51eeb7242765535459e2236b1fbb3762");
    ajar_fmt_id(empty, 1, id);
    ck_assert_str_eq(id, "c2168821f4113e8965a3d9dbd4c0e6d3");
    ajar_fmt_id(NULL, 0, id);
    ck_assert_str_eq(id, "f52a15e9a9b5e89b7232fcf3caa898c4");
}
END_TEST

START_TEST(ids_respect_part_boundaries)
{
    char x[AJAR_FMT_ID_SIZE], y[AJAR_FMT_ID_SIZE];
    const char *const ab_c[] = {"ab", "c"}, *const a_bc[] = {"a", "bc"}, *const abc[] = {"abc"};
    const char *const abc_empty[] = {"abc", ""};
    ajar_fmt_id(ab_c, 2, x);
    ajar_fmt_id(a_bc, 2, y);
    ck_assert_str_ne(x, y);
    ajar_fmt_id(abc, 1, y);
    ck_assert_str_ne(x, y);
    ajar_fmt_id(abc_empty, 2, x);
    ck_assert_str_ne(x, y);
    /* 32 lowercase hex digits, and many different inputs give different ids */
    char seen[64][AJAR_FMT_ID_SIZE];
    for (int i = 0; i < 64; i++) {
        char buf[24];
        snprintf(buf, sizeof buf, "item %d", i);
        const char *const p[] = {buf};
        ajar_fmt_id(p, 1, seen[i]);
        ck_assert_uint_eq(strspn(seen[i], "0123456789abcdef"), 32);
        ck_assert_uint_eq(strlen(seen[i]), 32);
        for (int j = 0; j < i; j++)
            ck_assert_str_ne(seen[i], seen[j]);
    }
}
END_TEST

/* ---- input checks ------------------------------------------------------------------ */

START_TEST(check_text_allows_what_it_is_told)
{
    ck_assert_int_eq(ajar_fmt_check_text(NULL, "f", 0, NULL), AJAR_OK);
    ck_assert_int_eq(ajar_fmt_check_text("", "f", 0, NULL), AJAR_OK);
    ck_assert_int_eq(ajar_fmt_check_text("Zoë 李娜 ليلى נועה 🙂", "f", 0, NULL),
                     AJAR_OK);
    ck_assert_int_eq(ajar_fmt_check_text("a\tb", "f", 0, NULL), AJAR_E_INVALID);
    ck_assert_int_eq(ajar_fmt_check_text("a\tb", "f", AJAR_FMT_ALLOW_TAB, NULL), AJAR_OK);
    ck_assert_int_eq(ajar_fmt_check_text("a\nb", "f", AJAR_FMT_ALLOW_TAB, NULL), AJAR_E_INVALID);
    ck_assert_int_eq(ajar_fmt_check_text("a\nb\r\n", "f", AJAR_FMT_ALLOW_LF, NULL), AJAR_OK);
    ck_assert_int_eq(ajar_fmt_check_text("a\rb", "f", AJAR_FMT_ALLOW_LF, NULL), AJAR_E_INVALID);
    ck_assert_int_eq(ajar_fmt_check_text("a\r", "f", AJAR_FMT_ALLOW_LF, NULL), AJAR_E_INVALID);
    ck_assert_int_eq(ajar_fmt_check_text("a\rb", "f", AJAR_FMT_ALLOW_CR, NULL), AJAR_OK);
    ck_assert_int_eq(ajar_fmt_check_text("a\r\nb", "f", AJAR_FMT_ALLOW_CR, NULL), AJAR_E_INVALID);
    ck_assert_int_eq(
        ajar_fmt_check_text("\r\r\n\n", "f", AJAR_FMT_ALLOW_CR | AJAR_FMT_ALLOW_LF, NULL), AJAR_OK);
    ck_assert_int_eq(ajar_fmt_check_text("\x7f", "f", 0xFFu, NULL), AJAR_E_INVALID);
    ck_assert_int_eq(ajar_fmt_check_text("\xc2\x9f", "f", 0xFFu, NULL), AJAR_E_INVALID);
}
END_TEST

START_TEST(check_text_says_what_and_where)
{
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_fmt_check_text("Zoë\x01", "me.name", 0, &errs), AJAR_E_INVALID);
    ck_assert_int_eq(ajar_fmt_check_text("李娜\rx", "body", AJAR_FMT_ALLOW_LF, &errs),
                     AJAR_E_INVALID);
    ck_assert_int_eq(ajar_fmt_check_text("ab\xe6\x9d", "x", 0, &errs), AJAR_E_INVALID);
    ck_assert_int_eq(ajar_fmt_check_text("a\nb", "y", AJAR_FMT_ALLOW_TAB, &errs), AJAR_E_INVALID);
    ck_assert_uint_eq(errs.count, 4);
    static const char *const want[] = {
        "me.name: contains the control character U+0001 at character 4; this must be a single "
        "line of text",
        "body: contains the control character U+000D at character 3; a carriage return is "
        "allowed only as part of a CRLF line break",
        "x: is not valid UTF-8 (bad byte 0xE6 at byte 3)",
        "y: contains the control character U+000A at character 2; only tabs are allowed here",
    };
    for (size_t i = 0; i < 4; i++) {
        char *s = ajar_error_format(&errs.items[i]);
        ck_assert_str_eq(s, want[i]);
        free(s);
    }
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(addresses)
{
    static const char *const good[] = {
        "ana@example.com",
        "a@b",
        "o'neil+jobs@example.com",
        "first.last@sub.example.co.uk",
        "x!#$%&'*+-/=?^_`{|}~y@example.com",
        "UPPER@EXAMPLE.COM",
        "a@localhost",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(ajar_fmt_address_valid(good[i]), "refused %s", good[i]);
    static const char *const bad[] = {
        NULL,        "",        "a",     "a@",    "@b",     "a@b@c",  "a b@c",     "a@b c",
        "a@b?x",     "a@b_c",   "a@-b",  "a@b-",  "a@b..c", "a..b@c", "\"a b\"@c", "a@[1.2.3.4]",
        "zoë@x.com", "a@李.cn", "a\t@b", "a@b\n", "<a@b>",  "a,b@c",  "a;b@c",     "a(b)@c",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!ajar_fmt_address_valid(bad[i]), "accepted %s", bad[i] ? bad[i] : "NULL");
    /* lengths: local part 64, the whole address 254 */
    char addr[300];
    memset(addr, 'a', 64);
    strcpy(addr + 64, "@example.com");
    ck_assert(ajar_fmt_address_valid(addr));
    memset(addr, 'a', 65);
    strcpy(addr + 65, "@example.com");
    ck_assert(!ajar_fmt_address_valid(addr));
    memset(addr, 'a', 64);
    addr[64] = '@';
    for (int i = 65; i < 255; i++)
        addr[i] = i % 50 == 0 ? '.' : 'b';
    addr[254] = '\0';
    ck_assert_uint_eq(strlen(addr), 254);
    ck_assert(ajar_fmt_address_valid(addr));
    addr[254] = 'b';
    addr[255] = '\0';
    ck_assert(!ajar_fmt_address_valid(addr));
}
END_TEST

/* ---- round trips through independent parsers --------------------------------------- */

/* A display name as the writer puts it: trimmed, runs of spaces made one. */
static char *normalised(const char *s)
{
    char *out = strdup(s ? s : ""), *w = out;
    for (const char *p = out; *p; p++)
        if (*p != ' ' || (w > out && w[-1] != ' '))
            *w++ = *p;
    if (w > out && w[-1] == ' ')
        w--;
    *w = '\0';
    return out;
}

/* The text with every CRLF turned into LF: what a reader gives back. */
static char *lf_only(const char *s)
{
    char *out = strdup(s), *w = out;
    for (const char *p = s; *p; p++)
        if (!(p[0] == '\r' && p[1] == '\n'))
            *w++ = *p;
    *w = '\0';
    return out;
}

static const char *const NAMES[] = {
    "Zoë Ångström",
    "李娜",
    "ليلى حداد",
    "נועה כהן־לוי",
    "O'Brien, Seán (HR)",
    "Ana Ruiz",
    "Dr. Ana \"Nani\" Ruiz-Peña",
    "Ελένη Παπαδοπούλου",
    "Nguyễn Thị Minh Khai",
    "👩🏽‍💻 Dev Team",
    /* long enough to take several encoded-words */
    "Zoë Ångström-Løvland de la Cruz y Bjørnstjerne, Senior Pipeline Engineering Manager",
    "ليلى حداد — مديرة التوظيف في شركة لومن للشحن، فرع الشرق الأوسط",
    "נועה כהן־לוי, מנהלת גיוס בכירה בחברת לומן פרייט בתל אביב",
    "李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜",
};

static const char *const SUBJECTS[] = {
    "Thank you — declining the Senior Pipeline Engineer offer at Lumen Freight, with gratitude "
    "to Zoë, 李娜, ليلى and נועה for a wonderful process; let us stay in touch 🙂",
    "Re: =?UTF-8?B?bm90IGEgd29yZA==?= is just text",
    "Thanks",
    "A plain ASCII subject that is long enough to need folding over more than one line of the "
    "header block, with some punctuation: (yes); \"quoted\" <angle> [square] @ at!",
    "שלום, ליילה — תודה רבה על ההצעה",
    "李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李"
    "娜李娜",
    "",
    "tab-free but   spaced   out  ",
    "x",
    "Ελένη: ευχαριστώ πολύ!",
};

static const char *const BODIES[] = {
    "Dear Li Na,\n\nThank you so much for the offer. I have decided to decline it, and this "
    "paragraph is deliberately much longer than seventy-six characters so that it needs soft "
    "line breaks: Zoë Ångström 李娜 ليلى حداد נועה כהן 🙂.\nTrailing space \nTrailing "
    "tab\t\n"
    "From the start of a line\n=equals= at both ends=\n.\n\n\nWarm regards,\nZoë",
    "crlf line ends\r\nsecond line\r\nno final newline",
    "",
    "\n",
    "   \n\t\n",
};

START_TEST(eml_round_trips_through_python_email)
{
    size_t n = sizeof NAMES / sizeof NAMES[0];
    for (size_t i = 0; i < n; i++) {
        ajar_eml m = {0};
        m.from.name = NAMES[i];
        m.from.address = "zoe@example.com";
        m.to.name = NAMES[(i + 3) % n];
        m.to.address = "o'neil+jobs@lumen-freight.example";
        m.subject = SUBJECTS[i % (sizeof SUBJECTS / sizeof SUBJECTS[0])];
        m.body = BODIES[i % (sizeof BODIES / sizeof BODIES[0])];
        m.date = FRI_0800_UTC;
        m.utc_offset_min = (int)i * 97 - 400;
        ajar_strbuf b;
        ajar_strbuf_init(&b);
        ck_assert_int_eq(ajar_eml_write(&b, &m, NULL), AJAR_OK);
        cJSON *j = parse_export("eml", b.data, b.len);
        if (j) {
            ck_assert_jstr(j, "from.name", m.from.name);
            ck_assert_jstr(j, "from.address", m.from.address);
            ck_assert_jstr(j, "to.name", m.to.name);
            ck_assert_jstr(j, "to.address", m.to.address);
            ck_assert_jstr(j, "subject", m.subject);
            char *body = lf_only(m.body);
            ck_assert_jstr(j, "body", body);
            free(body);
            ck_assert_jstr(j, "charset", "utf-8");
            ck_assert_jstr(j, "content_type", "text/plain");
            ck_assert_jstr(j, "transfer_encoding", "quoted-printable");
            ck_assert_jstr(j, "x_unsent", "1");
            ck_assert_jstr(j, "mime_version", "1.0");
            cJSON_Delete(j);
        }
        ajar_strbuf_free(&b);
    }
}
END_TEST

START_TEST(eml_date_and_missing_to_round_trip)
{
    ajar_eml m = {0};
    m.from.address = "zoe@example.com";
    m.subject = "Hi";
    m.body = "x";
    m.date = FRI_0800_UTC;
    m.utc_offset_min = -330;
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ck_assert_int_eq(ajar_eml_write(&b, &m, NULL), AJAR_OK);
    cJSON *j = parse_export("eml", b.data, b.len);
    if (j) {
        ck_assert_jstr(j, "date", "2026-11-20T02:30:00-05:30");
        ck_assert_jstr(j, "from.name", "");
        ck_assert(cJSON_IsNull(jget(j, "to")));
        ck_assert_jstr(j, "body", "x");
        cJSON_Delete(j);
    }
    ajar_strbuf_free(&b);
}
END_TEST

START_TEST(mailto_round_trips_through_urllib)
{
    for (size_t i = 0; i < 4; i++) {
        const char *subject = SUBJECTS[i * 2], *body = BODIES[i % 2];
        char *uri = ajar_mailto_build("li.na@example.cn", subject, body, NULL);
        ck_assert_ptr_nonnull(uri);
        cJSON *j = parse_export("mailto", uri, strlen(uri));
        if (j) {
            ck_assert_jstr(j, "to", "li.na@example.cn");
            if (*subject)
                ck_assert_jstr(j, "subject", subject);
            else
                ck_assert_ptr_null(jget(j, "subject"));
            char *want = lf_only(body);
            ck_assert_jstr(j, "body", want);
            free(want);
            cJSON_Delete(j);
        }
        free(uri);
    }
}
END_TEST

static const char *const CELLS[] = {
    "Zoë Ångström",
    "李娜",
    "ليلى حداد",
    "נועה כהן־לוי",
    "O'Brien, Seán",
    "say \"hi\"",
    "two\nlines",
    "crlf\r\nline",
    " lead",
    "trail ",
    "\ttab",
    "",
    "=SUM(A1:A2)",
    "a;b",
    "🙂",
    "\"",
    ",",
    "\r",
    "x",
};

/* The rows every CSV round trip writes: all cells, in rows of varying width. */
static size_t write_rows(ajar_strbuf *b)
{
    size_t n = sizeof CELLS / sizeof CELLS[0], rows = 0;
    for (size_t width = 1; width <= n; width += 3, rows++) {
        const char *row[32];
        for (size_t k = 0; k < width; k++)
            row[k] = CELLS[(k + width) % n];
        ck_assert_int_eq(ajar_csv_write_row(b, row, width, NULL), AJAR_OK);
    }
    return rows;
}

static void check_rows(const cJSON *j)
{
    size_t n = sizeof CELLS / sizeof CELLS[0], r = 0;
    const cJSON *rows = jget(j, "rows");
    for (size_t width = 1; width <= n; width += 3, r++) {
        const cJSON *row = cJSON_GetArrayItem(rows, (int)r);
        ck_assert_int_eq(cJSON_GetArraySize(row), (int)width);
        for (size_t k = 0; k < width; k++) {
            const char *got = cJSON_GetStringValue(cJSON_GetArrayItem(row, (int)k));
            const char *want = CELLS[(k + width) % n];
            ck_assert_msg(got && strcmp(got, want) == 0, "row %zu cell %zu: got \"%s\" want \"%s\"",
                          r, k, got ? got : "(none)", want);
        }
    }
    ck_assert_int_eq(cJSON_GetArraySize(rows), (int)r + 1); /* and the single empty field */
}

START_TEST(csv_round_trips_through_python_csv)
{
    for (int bom = 0; bom <= 1; bom++) {
        ajar_strbuf b;
        ajar_strbuf_init(&b);
        if (bom)
            ajar_csv_write_bom(&b);
        write_rows(&b);
        const char *const single[] = {""};
        ck_assert_int_eq(ajar_csv_write_row(&b, single, 1, NULL), AJAR_OK);
        cJSON *j = parse_export("csv", b.data, b.len);
        if (j) {
            check_rows(j);
            ck_assert(cJSON_IsBool(jget(j, "bom")) && cJSON_IsTrue(jget(j, "bom")) == bom);
            const cJSON *rows = jget(j, "rows");
            const cJSON *last = cJSON_GetArrayItem(rows, cJSON_GetArraySize(rows) - 1);
            ck_assert_int_eq(cJSON_GetArraySize(last), 1);
            ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetArrayItem(last, 0)), "");
            cJSON_Delete(j);
        }
        ajar_strbuf_free(&b);
    }
}
END_TEST

/* What the reader should give back for one item, checked in `items`. */
static void check_item(const cJSON *items, int idx, const ajar_ics_item *it)
{
    const cJSON *j = cJSON_GetArrayItem(items, idx);
    ck_assert_ptr_nonnull(j);
    int event = it->kind == AJAR_ICS_EVENT;
    ck_assert_jstr(j, "kind", event ? "VEVENT" : "VTODO");
    char iso[11], next[11];
    ajar_date_format_iso(it->date, iso);
    ajar_date_format_iso(ajar_date_add_days(it->date, 1), next);
    ck_assert_jstr(j, event ? "dtstart" : "due", iso);
    if (event)
        ck_assert_jstr(j, "dtend", next);
    else
        ck_assert_jstr(j, "status", "NEEDS-ACTION");
    ck_assert_jstr(j, "summary", it->summary);
    if (it->description && *it->description) {
        char *d = lf_only(it->description);
        ck_assert_jstr(j, "description", d);
        free(d);
    } else {
        ck_assert_ptr_null(jget(j, "description"));
    }
    const cJSON *cats = jget(j, "categories");
    ck_assert_int_eq(cJSON_GetArraySize(cats), (int)it->ncategories);
    for (size_t i = 0; i < it->ncategories; i++)
        ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetArrayItem(cats, (int)i)), it->categories[i]);
    const cJSON *alarms = jget(j, "alarms");
    ck_assert_int_eq(cJSON_GetArraySize(alarms), it->alarm ? 1 : 0);
    if (it->alarm) {
        const char *text = it->alarm_text && *it->alarm_text ? it->alarm_text : it->summary;
        char *d = lf_only(text);
        ck_assert_jstr(alarms, "0.description", d);
        free(d);
        ck_assert_jstr(alarms, "0.action", "DISPLAY");
        ck_assert_jstr(alarms, "0.related", event ? "START" : "END");
        ck_assert_int_eq((long)cJSON_GetNumberValue(jget(alarms, "0.trigger_minutes")),
                         it->alarm_offset_min);
    }
}

/* Writes a calendar of the items and checks what the readers give back;
 * icalendar's view is checked only when `ical_too` (see parse_exports.py on
 * the icalendar 4 escaping bugs). */
static void ics_round_trip(const ajar_ics_item *items, size_t n, int ical_too)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_ics_begin(&b);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(ajar_ics_add(&b, &items[i], NULL), AJAR_OK);
    ajar_ics_end(&b);
    cJSON *j = parse_export("ics", b.data, b.len);
    if (j) {
        ck_assert_jstr(j, "calendar.PRODID", "-//ajar//ajar " AJAR_VERSION "//EN");
        ck_assert_jstr(j, "calendar.VERSION", "2.0");
        ck_assert_jstr(j, "calendar.METHOD", "PUBLISH");
        ck_assert_int_eq(cJSON_GetArraySize(jget(j, "items")), (int)n);
        for (size_t i = 0; i < n; i++)
            check_item(jget(j, "items"), (int)i, &items[i]);
        const cJSON *ical = jget(j, "icalendar");
        if (ical_too && !cJSON_IsNull(ical)) {
            for (size_t i = 0; i < n; i++)
                check_item(jget(ical, "items"), (int)i, &items[i]);
            ck_assert_int_eq(cJSON_GetArraySize(jget(j, "disagreements")), 0);
        }
        cJSON_Delete(j);
    }
    ajar_strbuf_free(&b);
}

START_TEST(ics_round_trips_through_icalendar_and_unfolding)
{
    static const char *const cats[] = {"ajar", "follow-up", "李娜", "ليلى حداد"};
    ajar_ics_item items[10];
    size_t n = sizeof NAMES / sizeof NAMES[0];
    char summaries[10][256], descriptions[10][1024];
    for (size_t i = 0; i < 10; i++) {
        ajar_ics_item *it = &items[i];
        memset(it, 0, sizeof *it);
        it->kind = i % 2 ? AJAR_ICS_TODO : AJAR_ICS_EVENT;
        it->date.year = 2026;
        it->date.month = 11 + (int)(i / 5);
        it->date.day = 20 + (int)i;
        snprintf(summaries[i], sizeof summaries[i], "Write to %s; say thanks, warmly",
                 NAMES[i % n]);
        it->summary = summaries[i];
        snprintf(descriptions[i], sizeof descriptions[i],
                 "Subject: %s\nTalked about: pipelines, on-call; the team in Lisbon.\r\n\n"
                 "Name again: %s",
                 SUBJECTS[i], NAMES[(i + 4) % n]);
        it->description = i == 3 ? NULL : descriptions[i];
        it->categories = cats;
        it->ncategories = i % 5;
        it->uid_seed = i % 3 ? NULL : summaries[i];
        it->dtstamp = FRI_0800_UTC;
        it->alarm = i != 4;
        it->alarm_offset_min = (long)i * 137 - 900;
        it->alarm_text = i % 4 ? NULL : descriptions[i];
    }
    ics_round_trip(items, 10, 1);
}
END_TEST

START_TEST(ics_escapes_round_trip_through_unfolding)
{
    /* Backslashes before n, commas and semicolons, and commas inside
     * categories: the builtin reader must get them all back. */
    static const char *const cats[] = {"a,b", "c;d", "e\\f", "\\n"};
    ajar_ics_item it = {0};
    it.kind = AJAR_ICS_EVENT;
    it.date.year = 2026;
    it.date.month = 11;
    it.date.day = 20;
    it.summary = "C:\\new\\table; a\\,b \\\\ end\\";
    it.description = "\\n is not a newline\nbut this was; so\\;is\\,this";
    it.categories = cats;
    it.ncategories = 4;
    it.dtstamp = FRI_0800_UTC;
    it.alarm = 1;
    it.alarm_offset_min = -15;
    it.alarm_text = "\\\\\\";
    ics_round_trip(&it, 1, 0);
}
END_TEST

/* A deterministic pseudo-random generator, local to each test. */
static uint32_t next_rand(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* Appends `pieces` random fragments: ASCII specials, spaces, and characters
 * of several scripts, plus tab and line breaks when `lines` is set. */
static void random_text(ajar_strbuf *b, uint32_t *state, int pieces, int lines)
{
    static const char *const pool[] = {
        "a",  "Z",  "7", " ", "  ", ",", ";", "\"", "\\",   "=",   "?", "=?",    "?=", "_",  "(",
        ")",  "<",  ">", "@", ":",  ".", "~", "%",  "+",    "-",   "'", "é",     "ë",  "Å",  "ß",
        "李", "娜", "ل", "ي", "ى",  "ח", "ו", "Ω",  "🙂", "‍", "x", "From ", "\t", "\n", "\r\n",
    };
    size_t n = sizeof pool / sizeof pool[0] - (lines ? 0 : 3);
    for (int i = 0; i < pieces; i++)
        ajar_strbuf_puts(b, pool[next_rand(state) % n]);
}

START_TEST(random_text_round_trips_in_every_format)
{
    uint32_t state = 20261120u;
    /* e-mail: one message per case */
    for (int i = 0; i < 12; i++) {
        ajar_strbuf name, subject, body;
        ajar_strbuf_init(&name);
        ajar_strbuf_init(&subject);
        ajar_strbuf_init(&body);
        ajar_strbuf_puts(&name, "N");
        random_text(&name, &state, 1 + (int)(next_rand(&state) % 30), 0);
        random_text(&subject, &state, (int)(next_rand(&state) % 80), 0);
        random_text(&body, &state, (int)(next_rand(&state) % 400), 1);
        ajar_eml m = {0};
        m.from.name = name.data;
        m.from.address = "zoe@example.com";
        m.to.name = subject.data;
        m.to.address = "li.na@example.cn";
        m.subject = subject.data;
        m.body = body.data;
        m.date = FRI_0800_UTC;
        ajar_strbuf out;
        ajar_strbuf_init(&out);
        ck_assert_int_eq(ajar_eml_write(&out, &m, NULL), AJAR_OK);
        cJSON *j = parse_export("eml", out.data, out.len);
        if (j) {
            char *from = normalised(m.from.name), *to = normalised(m.to.name);
            ck_assert_jstr(j, "from.name", from);
            ck_assert_jstr(j, "to.name", to);
            free(from);
            free(to);
            ck_assert_jstr(j, "subject", m.subject ? m.subject : "");
            char *want = lf_only(m.body ? m.body : "");
            ck_assert_jstr(j, "body", want);
            free(want);
            cJSON_Delete(j);
        }
        char *uri = ajar_mailto_build("li.na@example.cn", m.subject, m.body, NULL);
        ck_assert_ptr_nonnull(uri);
        if (i < 4) {
            j = parse_export("mailto", uri, strlen(uri));
            if (j) {
                if (m.subject && *m.subject)
                    ck_assert_jstr(j, "subject", m.subject);
                if (m.body && *m.body) {
                    char *want2 = lf_only(m.body);
                    ck_assert_jstr(j, "body", want2);
                    free(want2);
                }
                cJSON_Delete(j);
            }
        }
        free(uri);
        ajar_strbuf_free(&out);
        ajar_strbuf_free(&name);
        ajar_strbuf_free(&subject);
        ajar_strbuf_free(&body);
    }

    /* CSV: one file of random rows (bare CR is fine in a quoted cell) */
    enum { ROWS = 40, WIDTH = 6 };
    ajar_strbuf cells[ROWS][WIDTH], out;
    ajar_strbuf_init(&out);
    for (int r = 0; r < ROWS; r++) {
        const char *row[WIDTH];
        for (int c = 0; c < WIDTH; c++) {
            ajar_strbuf_init(&cells[r][c]);
            random_text(&cells[r][c], &state, (int)(next_rand(&state) % 12), 1);
            if (next_rand(&state) % 7 == 0)
                ajar_strbuf_putc(&cells[r][c], '\r');
            ajar_strbuf_puts(&cells[r][c], "");
            row[c] = cells[r][c].data;
        }
        ck_assert_int_eq(ajar_csv_write_row(&out, row, WIDTH, NULL), AJAR_OK);
    }
    cJSON *j = parse_export("csv", out.data, out.len);
    if (j) {
        for (int r = 0; r < ROWS; r++)
            for (int c = 0; c < WIDTH; c++) {
                const char *got = cJSON_GetStringValue(
                    cJSON_GetArrayItem(cJSON_GetArrayItem(jget(j, "rows"), r), c));
                ck_assert_msg(got && strcmp(got, cells[r][c].data) == 0, "row %d cell %d", r, c);
            }
        cJSON_Delete(j);
    }
    for (int r = 0; r < ROWS; r++)
        for (int c = 0; c < WIDTH; c++)
            ajar_strbuf_free(&cells[r][c]);
    ajar_strbuf_free(&out);

    /* iCalendar: one calendar of random items */
    enum { ITEMS = 30 };
    ajar_strbuf texts[ITEMS][3];
    ajar_ics_item items[ITEMS];
    const char *cats[ITEMS][1];
    for (int i = 0; i < ITEMS; i++) {
        for (int k = 0; k < 3; k++)
            ajar_strbuf_init(&texts[i][k]);
        ajar_strbuf_puts(&texts[i][0], "S");
        random_text(&texts[i][0], &state, (int)(next_rand(&state) % 60), 0);
        random_text(&texts[i][1], &state, (int)(next_rand(&state) % 200), 1);
        ajar_strbuf_puts(&texts[i][2], "C");
        random_text(&texts[i][2], &state, (int)(next_rand(&state) % 10), 0);
        memset(&items[i], 0, sizeof items[i]);
        items[i].kind = i % 2 ? AJAR_ICS_TODO : AJAR_ICS_EVENT;
        items[i].date.year = 2027;
        items[i].date.month = 1 + i % 12;
        items[i].date.day = 1 + i;
        items[i].summary = texts[i][0].data;
        items[i].description = texts[i][1].data;
        cats[i][0] = texts[i][2].data;
        items[i].categories = cats[i];
        items[i].ncategories = 1;
        items[i].dtstamp = FRI_0800_UTC;
        items[i].alarm = 1;
        items[i].alarm_offset_min = -(long)(next_rand(&state) % 5000);
        items[i].alarm_text = texts[i][1].data;
    }
    ics_round_trip(items, ITEMS, 0);
    for (int i = 0; i < ITEMS; i++)
        for (int k = 0; k < 3; k++)
            ajar_strbuf_free(&texts[i][k]);
}
END_TEST

Suite *formats_suite(void)
{
    Suite *s = suite_create("formats");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, ids_are_pinned);
    tcase_add_test(tc, ids_respect_part_boundaries);
    tcase_add_test(tc, check_text_allows_what_it_is_told);
    tcase_add_test(tc, check_text_says_what_and_where);
    tcase_add_test(tc, addresses);
    suite_add_tcase(s, tc);
    TCase *rt = tcase_create("round trips");
    tcase_set_timeout(rt, 120);
    tcase_add_test(rt, eml_round_trips_through_python_email);
    tcase_add_test(rt, eml_date_and_missing_to_round_trip);
    tcase_add_test(rt, mailto_round_trips_through_urllib);
    tcase_add_test(rt, csv_round_trips_through_python_csv);
    tcase_add_test(rt, ics_round_trips_through_icalendar_and_unfolding);
    tcase_add_test(rt, ics_escapes_round_trip_through_unfolding);
    tcase_add_test(rt, random_text_round_trips_in_every_format);
    suite_add_tcase(s, rt);
    return s;
}
