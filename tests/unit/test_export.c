/* test_export.c — ajar_export on hand-made renderings: every part in every format, read back by
 * independent parsers, refusals of control characters, the table of combinations, the clock. */
#include <cJSON.h>
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ajar/export.h"
#include "ajar/json.h"
#include "ajar/utf8.h"
#include "parse_exports.h"

Suite *export_suite(void);

#define FRI_0900_UTC ((time_t)1795165200) /* 2026-11-20 09:00:00 UTC */

static const ajar_date TODAY = {2026, 11, 20};

/* ---- a rendering made by hand ------------------------------------------------------- */

static char *xdup(const char *s)
{
    char *d = strdup(s);
    ck_assert_ptr_nonnull(d);
    return d;
}

/* One contact's plan. Months are the check-ins (0 ends the list). */
static void followup(ajar_followup *f, size_t index, const char *name, const char *first,
                     const char *role, const char *role_label, const char *title,
                     const char *channel, const char *channel_label, const char *email,
                     const char *phone, const char *linkedin, int made_offer, long days,
                     const char *message, const char *note, const int *months)
{
    f->index = index;
    f->name = xdup(name);
    f->first = xdup(first);
    f->role = xdup(role);
    f->role_label = xdup(role_label);
    f->title = xdup(title);
    f->channel = xdup(channel);
    f->channel_label = xdup(channel_label);
    f->email = xdup(email);
    f->phone = xdup(phone);
    f->linkedin = xdup(linkedin);
    f->talked_about = xdup(index == 0 ? "moving the fleet to a single deploy pipeline" : "");
    f->made_offer = made_offer;
    f->when = ajar_date_add_days(TODAY, days);
    char buf[64], day[32];
    ajar_date_format_long(f->when, day, sizeof day);
    snprintf(buf, sizeof buf, days ? "by %s" : "today (%s)", day);
    f->when_text = xdup(buf);
    f->message = xdup(message);
    f->note = xdup(note);
    f->note_chars = ajar_utf8_count(note, strlen(note));
    for (const int *m = months; *m; m++)
        f->ncheckins++;
    f->checkins = calloc(f->ncheckins ? f->ncheckins : 1, sizeof *f->checkins);
    ck_assert_ptr_nonnull(f->checkins);
    for (size_t k = 0; k < f->ncheckins; k++) {
        f->checkins[k].months = months[k];
        f->checkins[k].date = ajar_date_add_months(TODAY, months[k]);
    }
}

static const int MONTHS[] = {3, 6, 12, 0};
static const int NO_MONTHS[] = {0};

/* A rendering of the full fixture, with names in four scripts. */
static ajar_output *sample(void)
{
    ajar_output *o = calloc(1, sizeof *o);
    ck_assert_ptr_nonnull(o);
    o->subject = xdup("Thank you — the Platform Engineer offer at Lumen Freight");
    o->letter = xdup("Dear Tomás,\n\nThank you for the offer. I have decided to accept a role "
                    "focused on observability, so I must decline; it was a hard choice, and the "
                    "conversations with 李娜, مريم and שרה made it harder.\n\nWarm regards,\n"
                    "Zoë Ångström\n");
    o->phone = xdup("Hello Tomás, it is Zoë Ångström.\n\tThank them first.\nThen say no.\n");
    o->voicemail = xdup("Hi Tomás, this is Zoë Ångström about the offer; I will send an e-mail.\n");
    o->followups_text = xdup("Tomás Ferreira — phone call, today\n李娜 — e-mail, by Sunday\n");
    o->linkedin_text = xdup("Tomás Ferreira: It was a pleasure.\n李娜: 谢谢你!\n");
    o->nfollowups = 4;
    o->followups = calloc(o->nfollowups, sizeof *o->followups);
    ck_assert_ptr_nonnull(o->followups);
    followup(&o->followups[0], 0, "Tomás Ferreira", "Tomás", "hiring-manager", "hiring manager",
             "Head of Platform", "phone", "phone call", "tomas.ferreira@lumen.example",
             "+46 8 555 0101", "", 1, 0, "Thank you for the offer, Tomás.\nIt was an honour.",
             "Thank you for the conversations, Tomás; I hope our paths cross again.", MONTHS);
    followup(&o->followups[1], 1, "李娜", "李娜", "colleague", "colleague",
             "Site Reliability Engineer", "email", "e-mail", "li.na@lumen.example", "", "", 0, 2,
             "李娜, thank you for explaining the on-call handovers, \"quoted\", with commas.",
             "李娜, 谢谢你!", MONTHS);
    followup(&o->followups[2], 2, "مريم حداد", "مريم", "recruiter", "recruiter", "Recruiter",
             "linkedin", "LinkedIn message", "", "", "https://www.linkedin.com/in/maryam", 0, 2,
             "شكرا يا مريم", "مريم، شكرا جزيلا", NO_MONTHS);
    followup(&o->followups[3], 3, "שרה לוי", "שרה", "hr", "HR", "", "in-person", "in person", "",
             "", "", 0, 2, "תודה רבה, שרה", "", MONTHS);
    o->recipient = 0;
    o->from_name = xdup("Zoë Ångström");
    o->from_email = xdup("zoe.angstrom@example.org");
    o->to_name = xdup("Tomás Ferreira");
    o->to_email = xdup("tomas.ferreira@lumen.example");
    o->linkedin_limit = 200;
    o->today = TODAY;
    return o;
}

static void free_output(ajar_output *o)
{
    for (size_t i = 0; i < o->nfollowups; i++) {
        ajar_followup *f = &o->followups[i];
        char *fields[] = {f->name,  f->first, f->role,     f->role_label,   f->title,
                          f->channel, f->channel_label, f->email, f->phone, f->linkedin,
                          f->talked_about, f->when_text, f->message, f->note};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
            free(fields[k]);
        free(f->checkins);
    }
    free(o->followups);
    char *texts[] = {o->subject,  o->letter,    o->phone,     o->voicemail, o->followups_text,
                     o->linkedin_text, o->from_name, o->from_email, o->to_name, o->to_email};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
        free(texts[k]);
    free(o);
}

/* Replaces *slot with a copy of s. */
static void set(char **slot, const char *s)
{
    free(*slot);
    *slot = xdup(s);
}

static ajar_export_opts fixed_opts(void)
{
    ajar_export_opts opts = {0};
    opts.date = FRI_0900_UTC;
    opts.utc_offset_min = 0;
    opts.dtstamp = FRI_0900_UTC;
    opts.uid_seed = "Lumen Freight\nPlatform Engineer";
    return opts;
}

/* The export, which must succeed (caller frees). */
static char *export_ok(const ajar_output *o, ajar_export_what what, ajar_export_format fmt,
                       const ajar_export_opts *opts)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_errors errs = {0};
    ajar_status st = ajar_export(o, what, fmt, opts, &b, &errs);
    char *msg = errs.count ? ajar_error_format(&errs.items[0]) : NULL;
    ck_assert_msg(st == AJAR_OK, "export %s as %s failed: %s", ajar_export_what_name(what),
                  ajar_export_format_name(fmt), msg ? msg : "?");
    free(msg);
    ajar_errors_clear(&errs);
    return ajar_strbuf_take(&b);
}

/* The export, which must fail with `code` and leave the buffer as it was;
 * returns the first error, formatted (caller frees). */
static char *export_fails(const ajar_output *o, ajar_export_what what, ajar_export_format fmt,
                          const ajar_export_opts *opts, ajar_status code)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "kept");
    ajar_errors errs = {0};
    ajar_status st = ajar_export(o, what, fmt, opts, &b, &errs);
    ck_assert_msg(st == code, "%s as %s gave %d, not %d", ajar_export_what_name(what),
                  ajar_export_format_name(fmt), (int)st, (int)code);
    ck_assert_str_eq(b.data, "kept");
    ck_assert_uint_ge(errs.count, 1);
    char *msg = ajar_error_format(&errs.items[0]);
    ajar_errors_clear(&errs);
    ajar_strbuf_free(&b);
    return msg;
}

static cJSON *parse_json(const char *text)
{
    cJSON *j = NULL;
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_json_parse(text, strlen(text), "export", &j, &errs), AJAR_OK);
    return j;
}

#define ck_assert_jint(j, path, want) ck_assert_int_eq((int)cJSON_GetNumberValue(jget((j), (path))), (want))

/* ---- the table --------------------------------------------------------------------- */

START_TEST(names_parse_back)
{
    for (int w = 0; w < AJAR_EXPORT_WHAT_COUNT; w++) {
        ajar_export_what got = AJAR_EXPORT_WHAT_COUNT;
        ck_assert(ajar_export_what_parse(ajar_export_what_name((ajar_export_what)w), &got));
        ck_assert_int_eq(got, w);
    }
    for (int f = 0; f < AJAR_EXPORT_FORMAT_COUNT; f++) {
        ajar_export_format got = AJAR_EXPORT_FORMAT_COUNT;
        ck_assert(ajar_export_format_parse(ajar_export_format_name((ajar_export_format)f), &got));
        ck_assert_int_eq(got, f);
    }
    ajar_export_what w = AJAR_EXPORT_PHONE;
    ajar_export_format f = AJAR_EXPORT_MD;
    ck_assert(!ajar_export_what_parse("Letter", &w));
    ck_assert(!ajar_export_what_parse("", &w));
    ck_assert(!ajar_export_what_parse(NULL, &w));
    ck_assert(!ajar_export_format_parse("pdf", &f));
    ck_assert(!ajar_export_format_parse("TXT", &f));
    ck_assert_int_eq(w, AJAR_EXPORT_PHONE);
    ck_assert_int_eq(f, AJAR_EXPORT_MD);
    ck_assert_str_eq(ajar_export_what_name((ajar_export_what)99), "?");
    ck_assert_str_eq(ajar_export_format_name((ajar_export_format)-1), "?");
    ck_assert_str_eq(ajar_export_what_title(AJAR_EXPORT_FOLLOWUPS), "Follow-up plan");
}
END_TEST

START_TEST(format_from_the_file_name)
{
    static const struct {
        const char *path;
        int found;
        ajar_export_format fmt;
    } cases[] = {
        {"letter.txt", 1, AJAR_EXPORT_TXT},   {"out/Letter.MD", 1, AJAR_EXPORT_MD},
        {"a.b/letter.eml", 1, AJAR_EXPORT_EML}, {"plan.csv", 1, AJAR_EXPORT_CSV},
        {"plan.Ics", 1, AJAR_EXPORT_ICS},     {"x.json", 1, AJAR_EXPORT_JSON},
        {"x.tar.json", 1, AJAR_EXPORT_JSON},  {"letter", 0, AJAR_EXPORT_TXT},
        {"a.csv/letter", 0, AJAR_EXPORT_TXT}, {".csv", 0, AJAR_EXPORT_TXT},
        {"dir/.ics", 0, AJAR_EXPORT_TXT},     {"letter.pdf", 0, AJAR_EXPORT_TXT},
        {"letter.mailto", 0, AJAR_EXPORT_TXT}, {"letter.", 0, AJAR_EXPORT_TXT},
        {"", 0, AJAR_EXPORT_TXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_export_format f = AJAR_EXPORT_FORMAT_COUNT;
        ck_assert_msg(ajar_export_format_from_path(cases[i].path, &f) == cases[i].found, "%s",
                      cases[i].path);
        if (cases[i].found)
            ck_assert_int_eq(f, cases[i].fmt);
        else
            ck_assert_int_eq(f, AJAR_EXPORT_FORMAT_COUNT);
    }
    ck_assert_str_eq(ajar_export_format_ext(AJAR_EXPORT_ICS), ".ics");
    ck_assert_ptr_null(ajar_export_format_ext(AJAR_EXPORT_MAILTO));
}
END_TEST

START_TEST(the_table_of_combinations)
{
    /* rows: parts; columns: txt md eml mailto csv ics json */
    static const char *const want[AJAR_EXPORT_WHAT_COUNT] = {
        "1111001", "1100001", "1100001", "1100111", "1100101", "1100001",
    };
    for (int w = 0; w < AJAR_EXPORT_WHAT_COUNT; w++)
        for (int f = 0; f < AJAR_EXPORT_FORMAT_COUNT; f++)
            ck_assert_msg(ajar_export_allowed((ajar_export_what)w, (ajar_export_format)f) ==
                              (want[w][f] == '1'),
                          "%s as %s", ajar_export_what_name((ajar_export_what)w),
                          ajar_export_format_name((ajar_export_format)f));
    ck_assert(!ajar_export_allowed(AJAR_EXPORT_WHAT_COUNT, AJAR_EXPORT_TXT));
    ck_assert(!ajar_export_allowed(AJAR_EXPORT_LETTER, AJAR_EXPORT_FORMAT_COUNT));
    char *s = ajar_export_formats_for(AJAR_EXPORT_LETTER);
    ck_assert_str_eq(s, "txt, md, eml, mailto or json");
    free(s);
    s = ajar_export_formats_for(AJAR_EXPORT_LINKEDIN);
    ck_assert_str_eq(s, "txt, md, csv or json");
    free(s);
    ck_assert_uint_eq(ajar_export_parts(AJAR_EXPORT_ALL), AJAR_OUT_ALL);
    ck_assert_uint_eq(ajar_export_parts(AJAR_EXPORT_VOICEMAIL), AJAR_OUT_VOICEMAIL);
    ck_assert(ajar_export_markdown(AJAR_EXPORT_MD));
    ck_assert(!ajar_export_markdown(AJAR_EXPORT_TXT));
}
END_TEST

START_TEST(unsupported_combinations_are_usage_errors)
{
    ajar_output *o = sample();
    ajar_export_opts opts = fixed_opts();
    char *msg = export_fails(o, AJAR_EXPORT_PHONE, AJAR_EXPORT_EML, &opts, AJAR_E_USAGE);
    ck_assert_str_eq(msg, "phone cannot be exported as eml; it can be exported as txt, md or json");
    free(msg);
    msg = export_fails(o, AJAR_EXPORT_ALL, AJAR_EXPORT_ICS, &opts, AJAR_E_USAGE);
    ck_assert_str_eq(msg, "all cannot be exported as ics; it can be exported as txt, md or json");
    free(msg);
    msg = export_fails(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_CSV, &opts, AJAR_E_USAGE);
    ck_assert_str_eq(msg,
                     "letter cannot be exported as csv; it can be exported as txt, md, eml, "
                     "mailto or json");
    free(msg);
    msg = export_fails(o, (ajar_export_what)42, AJAR_EXPORT_TXT, &opts, AJAR_E_USAGE);
    free(msg);
    msg = export_fails(NULL, AJAR_EXPORT_LETTER, AJAR_EXPORT_TXT, &opts, AJAR_E_USAGE);
    free(msg);
    /* a part the renderer was not asked for */
    free(o->voicemail);
    o->voicemail = NULL;
    msg = export_fails(o, AJAR_EXPORT_ALL, AJAR_EXPORT_TXT, &opts, AJAR_E_USAGE);
    ck_assert_str_eq(msg, "voicemail: was not rendered; render it before exporting it");
    free(msg);
    free_output(o);
}
END_TEST

/* ---- text and Markdown ------------------------------------------------------------- */

START_TEST(txt_is_each_part_as_rendered)
{
    ajar_output *o = sample();
    char *s = export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_TXT, NULL);
    char *want = ajar_asprintf("Subject: %s\n\n%s", o->subject, o->letter);
    ck_assert_str_eq(s, want);
    free(want);
    free(s);
    s = export_ok(o, AJAR_EXPORT_PHONE, AJAR_EXPORT_TXT, NULL);
    want = ajar_asprintf("%s", o->phone);
    ck_assert_str_eq(s, want); /* the tab survives: it is text */
    free(want);
    free(s);
    s = export_ok(o, AJAR_EXPORT_LINKEDIN, AJAR_EXPORT_TXT, NULL);
    ck_assert_str_eq(s, "Tomás Ferreira: It was a pleasure.\n李娜: 谢谢你!\n");
    free(s);
    set(&o->voicemail, "");
    s = export_ok(o, AJAR_EXPORT_VOICEMAIL, AJAR_EXPORT_TXT, NULL);
    ck_assert_str_eq(s, "");
    free(s);
    free_output(o);
}
END_TEST

START_TEST(txt_all_has_a_heading_per_part)
{
    ajar_output *o = sample();
    set(&o->voicemail, ""); /* an empty part is left out */
    char *s = export_ok(o, AJAR_EXPORT_ALL, AJAR_EXPORT_TXT, NULL);
    char *want = ajar_asprintf("Letter\n======\n\nSubject: %s\n\n%s\n"
                               "Phone script\n============\n\n%s\n"
                               "Follow-up plan\n==============\n\n%s\n"
                               "LinkedIn notes\n==============\n\n%s",
                               o->subject, o->letter, o->phone, o->followups_text,
                               o->linkedin_text);
    ck_assert_str_eq(s, want);
    free(want);
    free(s);
    free_output(o);
}
END_TEST

START_TEST(md_has_headings_and_keeps_lines)
{
    ajar_output *o = sample();
    char *s = export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_MD, NULL);
    ck_assert_str_eq(s, "# Letter\n\n**Subject:** Thank you — the Platform Engineer offer at Lumen "
                        "Freight\n\nDear Tomás,\n\nThank you for the offer. I have decided to "
                        "accept a role focused on observability, so I must decline; it was a "
                        "hard choice, and the conversations with 李娜, مريم and שרה made it "
                        "harder.\n\nWarm regards,  \nZoë Ångström\n");
    free(s);
    s = export_ok(o, AJAR_EXPORT_ALL, AJAR_EXPORT_MD, NULL);
    const char *h[] = {"# Letter\n", "\n# Phone script\n", "\n# Voicemail script\n",
                       "\n# Follow-up plan\n", "\n# LinkedIn notes\n"};
    const char *at = s;
    for (size_t i = 0; i < 5; i++) {
        const char *next = strstr(at, h[i]);
        ck_assert_msg(next != NULL, "no heading %s in\n%s", h[i], s);
        at = next + 1;
    }
    ck_assert_ptr_nonnull(strstr(s, "Tomás Ferreira — phone call, today  \n李娜 — e-mail"));
    free(s);
    free_output(o);
}
END_TEST

/* ---- JSON ---------------------------------------------------------------------------- */

START_TEST(json_holds_every_part)
{
    ajar_output *o = sample();
    ajar_export_opts opts = fixed_opts();
    char *s = export_ok(o, AJAR_EXPORT_ALL, AJAR_EXPORT_JSON, &opts);
    ck_assert_int_eq(s[strlen(s) - 1], '\n');
    ck_assert_ptr_nonnull(strstr(s, "\"李娜\"")); /* UTF-8 as it is, not \u escapes */
    cJSON *j = parse_json(s);
    ck_assert_jstr(j, "letter.subject", o->subject);
    ck_assert_jstr(j, "letter.body", o->letter);
    ck_assert_jstr(j, "letter.from.name", "Zoë Ångström");
    ck_assert_jstr(j, "letter.from.email", "zoe.angstrom@example.org");
    ck_assert_jstr(j, "letter.to.name", "Tomás Ferreira");
    ck_assert_jstr(j, "letter.to.email", "tomas.ferreira@lumen.example");
    ck_assert_jstr(j, "phone", o->phone);
    ck_assert_jstr(j, "voicemail", o->voicemail);
    ck_assert_int_eq(cJSON_GetArraySize(jget(j, "followups")), 4);
    ck_assert_jstr(j, "followups.0.name", "Tomás Ferreira");
    ck_assert_jstr(j, "followups.0.role", "hiring-manager");
    ck_assert_jstr(j, "followups.0.channel", "phone");
    ck_assert_jstr(j, "followups.0.when", "2026-11-20");
    ck_assert_jstr(j, "followups.0.message", o->followups[0].message);
    ck_assert(cJSON_IsTrue(jget(j, "followups.0.made_offer")));
    ck_assert_jint(j, "followups.0.checkins.0.months", 3);
    ck_assert_jstr(j, "followups.0.checkins.0.date", "2027-02-20");
    ck_assert_jstr(j, "followups.0.checkins.2.date", "2027-11-20");
    ck_assert_jstr(j, "followups.1.name", "李娜");
    ck_assert_jstr(j, "followups.1.when", "2026-11-22");
    ck_assert_jstr(j, "followups.2.name", "مريم حداد");
    ck_assert_int_eq(cJSON_GetArraySize(jget(j, "followups.2.checkins")), 0);
    ck_assert_jstr(j, "followups.3.message", "תודה רבה, שרה");
    ck_assert_jint(j, "followups.3.contact", 3);
    /* LinkedIn: only the contacts that have a note */
    ck_assert_int_eq(cJSON_GetArraySize(jget(j, "linkedin")), 3);
    ck_assert_jstr(j, "linkedin.2.name", "مريم حداد");
    ck_assert_jstr(j, "linkedin.2.note", "مريم، شكرا جزيلا");
    ck_assert_jstr(j, "linkedin.2.linkedin", "https://www.linkedin.com/in/maryam");
    ck_assert_jint(j, "linkedin.1.chars", 8);
    ck_assert_jint(j, "linkedin.1.limit", 200);
    cJSON_Delete(j);
    free(s);
    free_output(o);
}
END_TEST

START_TEST(json_of_one_part_has_only_that_part)
{
    ajar_output *o = sample();
    static const struct {
        ajar_export_what what;
        const char *key;
    } parts[] = {{AJAR_EXPORT_LETTER, "letter"},       {AJAR_EXPORT_PHONE, "phone"},
                 {AJAR_EXPORT_VOICEMAIL, "voicemail"}, {AJAR_EXPORT_FOLLOWUPS, "followups"},
                 {AJAR_EXPORT_LINKEDIN, "linkedin"}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        char *s = export_ok(o, parts[i].what, AJAR_EXPORT_JSON, NULL);
        cJSON *j = parse_json(s);
        ck_assert_int_eq(cJSON_GetArraySize(j), 1);
        ck_assert_ptr_nonnull(cJSON_GetObjectItemCaseSensitive(j, parts[i].key));
        cJSON_Delete(j);
        free(s);
    }
    /* the same rendering gives the same bytes */
    char *a = export_ok(o, AJAR_EXPORT_ALL, AJAR_EXPORT_JSON, NULL);
    char *b = export_ok(o, AJAR_EXPORT_ALL, AJAR_EXPORT_JSON, NULL);
    ck_assert_str_eq(a, b);
    free(a);
    free(b);
    free_output(o);
}
END_TEST

/* ---- e-mail and mailto ------------------------------------------------------------- */

START_TEST(eml_reads_back_as_the_letter)
{
    ajar_output *o = sample();
    ajar_export_opts opts = fixed_opts();
    ajar_errors warnings = {0};
    opts.warnings = &warnings;
    char *s = export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_EML, &opts);
    ck_assert_uint_eq(warnings.count, 0);
    ck_assert_ptr_nonnull(strstr(s, "\r\nX-Unsent: 1\r\n"));
    ck_assert_ptr_nonnull(strstr(s, "Date: Fri, 20 Nov 2026 09:00:00 +0000\r\n"));
    ck_assert_ptr_nonnull(strstr(s, "@example.org>\r\n")); /* Message-ID on the sender's domain */
    /* exporting again gives the same message, Message-ID included */
    char *again = export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_EML, &opts);
    ck_assert_str_eq(s, again);
    free(again);
    cJSON *j = parse_export("eml", s, strlen(s));
    if (j) {
        ck_assert_jstr(j, "from.name", "Zoë Ångström");
        ck_assert_jstr(j, "from.address", "zoe.angstrom@example.org");
        ck_assert_jstr(j, "to.name", "Tomás Ferreira");
        ck_assert_jstr(j, "to.address", "tomas.ferreira@lumen.example");
        ck_assert_jstr(j, "subject", o->subject);
        ck_assert_jstr(j, "body", o->letter);
        ck_assert_jstr(j, "date", "2026-11-20T09:00:00+00:00");
        ck_assert_jstr(j, "x_unsent", "1");
        ck_assert_jstr(j, "transfer_encoding", "quoted-printable");
        cJSON_Delete(j);
    }
    free(s);
    free_output(o);
}
END_TEST

START_TEST(eml_needs_my_address)
{
    ajar_output *o = sample();
    ajar_export_opts opts = fixed_opts();
    set(&o->from_email, "");
    char *msg = export_fails(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_EML, &opts, AJAR_E_INVALID);
    ck_assert_str_eq(msg, "me.email: is not set: an e-mail draft needs your address for its From "
                          "header");
    free(msg);
    set(&o->from_email, "zoë@example.org");
    msg = export_fails(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_EML, &opts, AJAR_E_INVALID);
    ck_assert_ptr_nonnull(strstr(msg, "me.email: \"zoë@example.org\" cannot be written"));
    free(msg);
    /* mailto has no From, so it does not care */
    free(export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_MAILTO, &opts));
    free_output(o);
}
END_TEST

START_TEST(eml_body_ends_with_one_line_break)
{
    ajar_output *o = sample();
    set(&o->letter, "No line end");
    char *s = export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_EML, NULL);
    ck_assert_str_eq(s + strlen(s) - 17, "\r\n\r\nNo line end\r\n");
    free(s);
    set(&o->letter, "One line end\n");
    s = export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_EML, NULL);
    ck_assert_str_eq(s + strlen(s) - 18, "\r\n\r\nOne line end\r\n");
    free(s);
    free_output(o);
}
END_TEST

/* The eml of o must have no To and leave one warning about `field`. */
static void no_to_but_a_warning(ajar_output *o, const char *field, const char *says)
{
    ajar_export_opts opts = fixed_opts();
    ajar_errors warnings = {0};
    opts.warnings = &warnings;
    char *s = export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_EML, &opts);
    ck_assert_ptr_null(strstr(s, "\r\nTo:"));
    ck_assert_uint_eq(warnings.count, 1);
    ck_assert_str_eq(warnings.items[0].field, field);
    ck_assert_msg(strstr(warnings.items[0].message, says), "%s", warnings.items[0].message);
    ajar_errors_clear(&warnings);
    cJSON *j = parse_export("eml", s, strlen(s));
    if (j) {
        ck_assert(cJSON_IsNull(jget(j, "to")));
        cJSON_Delete(j);
    }
    free(s);
    /* the link goes nowhere too, with the same warning */
    s = export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_MAILTO, &opts);
    ck_assert(strncmp(s, "mailto:?subject=", 16) == 0);
    ck_assert_uint_eq(warnings.count, 1);
    ajar_errors_clear(&warnings);
    free(s);
}

START_TEST(eml_without_a_usable_recipient_has_no_to)
{
    ajar_output *o = sample();
    set(&o->to_email, "");
    no_to_but_a_warning(o, "contacts[0].email", "Tomás Ferreira has no e-mail address");
    set(&o->to_email, "tomás@lumen.example");
    no_to_but_a_warning(o, "contacts[0].email", "\"tomás@lumen.example\" cannot be written");
    o->recipient = 1; /* followups[1] is contacts[1] */
    no_to_but_a_warning(o, "contacts[1].email", "cannot be written");
    o->recipient = -1;
    set(&o->to_name, "");
    set(&o->to_email, "");
    no_to_but_a_warning(o, "contacts", "the letter goes to no one in particular");
    free_output(o);
}
END_TEST

START_TEST(mailto_is_one_line)
{
    ajar_output *o = sample();
    char *s = export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_MAILTO, NULL);
    ck_assert(strncmp(s, "mailto:tomas.ferreira@lumen.example?subject=Thank%20you%20", 58) == 0);
    ck_assert_ptr_eq(strchr(s, '\n'), s + strlen(s) - 1);
    cJSON *j = parse_export("mailto", s, strlen(s));
    if (j) {
        ck_assert_jstr(j, "to", "tomas.ferreira@lumen.example");
        ck_assert_jstr(j, "subject", o->subject);
        char *body = strndup(o->letter, strlen(o->letter) - 1); /* without its last LF */
        ck_assert_jstr(j, "body", body);
        free(body);
        cJSON_Delete(j);
    }
    free(s);
    free_output(o);
}
END_TEST

/* ---- CSV ----------------------------------------------------------------------------- */

START_TEST(csv_followups_read_back)
{
    ajar_output *o = sample();
    char *s = export_ok(o, AJAR_EXPORT_FOLLOWUPS, AJAR_EXPORT_CSV, NULL);
    ck_assert(strncmp(s, "name,role,title,channel,email,phone,linkedin,when,message,note,"
                         "checkins\r\n", 73) == 0);
    cJSON *j = parse_export("csv", s, strlen(s));
    if (j) {
        ck_assert_int_eq(cJSON_GetArraySize(jget(j, "rows")), 5);
        ck_assert_jstr(j, "rows.1.0", "Tomás Ferreira");
        ck_assert_jstr(j, "rows.1.1", "hiring-manager");
        ck_assert_jstr(j, "rows.1.3", "phone");
        ck_assert_jstr(j, "rows.1.5", "+46 8 555 0101");
        ck_assert_jstr(j, "rows.1.7", "2026-11-20");
        ck_assert_jstr(j, "rows.1.8", o->followups[0].message); /* a line break inside */
        ck_assert_jstr(j, "rows.1.10", "2027-02-20;2027-05-20;2027-11-20");
        ck_assert_jstr(j, "rows.2.0", "李娜");
        ck_assert_jstr(j, "rows.2.8", o->followups[1].message); /* quotes and commas */
        ck_assert_jstr(j, "rows.3.0", "مريم حداد");
        ck_assert_jstr(j, "rows.3.10", "");
        ck_assert_jstr(j, "rows.4.0", "שרה לוי");
        cJSON_Delete(j);
    }
    free(s);
    free_output(o);
}
END_TEST

START_TEST(csv_linkedin_notes_read_back)
{
    ajar_output *o = sample();
    char *s = export_ok(o, AJAR_EXPORT_LINKEDIN, AJAR_EXPORT_CSV, NULL);
    cJSON *j = parse_export("csv", s, strlen(s));
    if (j) {
        ck_assert_int_eq(cJSON_GetArraySize(jget(j, "rows")), 4); /* שרה has no note */
        ck_assert_jstr(j, "rows.0.0", "name");
        ck_assert_jstr(j, "rows.0.3", "chars");
        ck_assert_jstr(j, "rows.2.0", "李娜");
        ck_assert_jstr(j, "rows.2.2", "李娜, 谢谢你!");
        ck_assert_jstr(j, "rows.2.3", "8");
        ck_assert_jstr(j, "rows.3.1", "https://www.linkedin.com/in/maryam");
        cJSON_Delete(j);
    }
    free(s);
    /* no contacts: the header row alone */
    o->nfollowups = 0;
    s = export_ok(o, AJAR_EXPORT_LINKEDIN, AJAR_EXPORT_CSV, NULL);
    ck_assert_str_eq(s, "name,linkedin,note,chars\r\n");
    free(s);
    o->nfollowups = 4;
    free_output(o);
}
END_TEST

/* ---- iCalendar ----------------------------------------------------------------------- */

/* The ics of o read back: 4 thank-yous and 9 check-ins. */
static cJSON *ics_items(const ajar_output *o, const ajar_export_opts *opts, char **text)
{
    char *s = export_ok(o, AJAR_EXPORT_FOLLOWUPS, AJAR_EXPORT_ICS, opts);
    cJSON *j = parse_export("ics", s, strlen(s));
    if (text)
        *text = s;
    else
        free(s);
    if (j) {
        ck_assert_int_eq(cJSON_GetArraySize(jget(j, "items")), 13);
        ck_assert_int_eq(cJSON_GetArraySize(jget(j, "disagreements")), 0);
    }
    return j;
}

static const char *uid_of(const cJSON *items, int i)
{
    const char *u = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(items, i), "uid"));
    ck_assert_ptr_nonnull(u);
    return u;
}

START_TEST(ics_has_an_item_per_followup_and_checkin)
{
    ajar_output *o = sample();
    ajar_export_opts opts = fixed_opts();
    char *s = NULL;
    cJSON *j = ics_items(o, &opts, &s);
    ck_assert(strncmp(s, "BEGIN:VCALENDAR\r\n", 17) == 0);
    if (j) {
        ck_assert_jstr(j, "items.0.kind", "VEVENT");
        ck_assert_jstr(j, "items.0.summary", "Thank Tomás Ferreira (phone call)");
        ck_assert_jstr(j, "items.0.dtstart", "2026-11-20");
        ck_assert_jstr(j, "items.0.dtend", "2026-11-21");
        ck_assert_jstr(j, "items.0.dtstamp", "20261120T090000Z");
        ck_assert_jstr(j, "items.0.categories.0", "Follow-up");
        ck_assert_jstr(j, "items.0.alarms.0.action", "DISPLAY");
        ck_assert_jint(j, "items.0.alarms.0.trigger_minutes", 540);
        const char *desc = cJSON_GetStringValue(jget(j, "items.0.description"));
        ck_assert_ptr_nonnull(strstr(desc, "Phone: +46 8 555 0101\nE-mail: tomas.ferreira"));
        ck_assert_ptr_nonnull(strstr(desc, o->followups[0].message));
        ck_assert_ptr_nonnull(strstr(desc, "LinkedIn invitation note:\n" "Thank you for the"));
        ck_assert_jstr(j, "items.1.summary", "Check in with Tomás Ferreira (3 months on)");
        ck_assert_jstr(j, "items.1.dtstart", "2027-02-20");
        ck_assert_jstr(j, "items.1.categories.0", "Check-in");
        ck_assert_ptr_nonnull(strstr(cJSON_GetStringValue(jget(j, "items.1.description")),
                                     "You talked about: moving the fleet"));
        ck_assert_jstr(j, "items.3.summary", "Check in with Tomás Ferreira (12 months on)");
        ck_assert_jstr(j, "items.4.summary", "Thank 李娜 (e-mail)");
        ck_assert_jstr(j, "items.4.dtstart", "2026-11-22");
        ck_assert_jstr(j, "items.8.summary", "Thank مريم حداد (LinkedIn message)");
        ck_assert_jstr(j, "items.9.summary", "Thank שרה לוי (in person)");
        ck_assert_jstr(j, "items.12.dtstart", "2027-11-20");
        /* every UID differs */
        const cJSON *items = jget(j, "items");
        for (int a = 0; a < 13; a++)
            for (int b = 0; b < a; b++)
                ck_assert_str_ne(uid_of(items, a), uid_of(items, b));
        cJSON_Delete(j);
    }
    free(s);
    free_output(o);
}
END_TEST

/* Contacts of the same name get UIDs of their own: how many earlier
 * contacts share the name is part of the seed (counted once per plan; asked
 * again for every item, it was quadratic in the contacts). */
START_TEST(ics_uids_differ_for_contacts_of_the_same_name)
{
    ajar_output *o = sample();
    for (size_t i = 0; i < o->nfollowups; i++)
        set(&o->followups[i].name, i % 2 ? "Ana" : "");
    ajar_export_opts opts = fixed_opts();
    char *s = NULL;
    cJSON *j = ics_items(o, &opts, &s);
    size_t items = 0;
    for (size_t i = 0; i < o->nfollowups; i++)
        items += 1 + o->followups[i].ncheckins;
    if (j) {
        const cJSON *list = jget(j, "items");
        ck_assert_int_eq(cJSON_GetArraySize(list), (int)items);
        for (int a = 0; a < (int)items; a++)
            for (int b = 0; b < a; b++)
                ck_assert_str_ne(uid_of(list, a), uid_of(list, b));
        cJSON_Delete(j);
    }
    /* The same plan again gives the same UIDs. */
    char *again = export_ok(o, AJAR_EXPORT_FOLLOWUPS, AJAR_EXPORT_ICS, &opts);
    ck_assert_str_eq(s, again);
    free(again);
    free(s);
    free_output(o);
}
END_TEST

START_TEST(ics_uids_are_stable)
{
    ajar_output *o = sample();
    ajar_export_opts opts = fixed_opts();
    char *a = export_ok(o, AJAR_EXPORT_FOLLOWUPS, AJAR_EXPORT_ICS, &opts);
    /* another day, another stamp, a changed message: the same items */
    o->followups[0].when = ajar_date_add_days(TODAY, 1);
    set(&o->followups[0].message, "Changed.");
    opts.dtstamp += 86400;
    char *b = export_ok(o, AJAR_EXPORT_FOLLOWUPS, AJAR_EXPORT_ICS, &opts);
    ck_assert_str_ne(a, b);
    for (const char *p = a, *q = b; (p = strstr(p, "\r\nUID:")) && (q = strstr(q, "\r\nUID:"));
         p++, q++)
        ck_assert(strncmp(p, q, 6 + 32) == 0);
    /* another draft (company), other items */
    opts.uid_seed = "Other Company";
    char *c = export_ok(o, AJAR_EXPORT_FOLLOWUPS, AJAR_EXPORT_ICS, &opts);
    ck_assert(strncmp(strstr(a, "\r\nUID:"), strstr(c, "\r\nUID:"), 6 + 32) != 0);
    free(a);
    free(b);
    free(c);
    free_output(o);
}
END_TEST

START_TEST(ics_todos)
{
    ajar_output *o = sample();
    ajar_export_opts opts = fixed_opts();
    opts.todo = 1;
    char *s = NULL;
    cJSON *j = ics_items(o, &opts, &s);
    ck_assert_ptr_null(strstr(s, "VEVENT"));
    if (j) {
        ck_assert_jstr(j, "items.0.kind", "VTODO");
        ck_assert_jstr(j, "items.0.due", "2026-11-20");
        ck_assert_jstr(j, "items.0.status", "NEEDS-ACTION");
        ck_assert_jstr(j, "items.0.alarms.0.related", "END");
        cJSON_Delete(j);
    }
    free(s);
    free_output(o);
}
END_TEST

START_TEST(ics_needs_a_contact)
{
    ajar_output *o = sample();
    size_t n = o->nfollowups;
    o->nfollowups = 0;
    char *msg = export_fails(o, AJAR_EXPORT_FOLLOWUPS, AJAR_EXPORT_ICS, NULL, AJAR_E_INVALID);
    ck_assert_str_eq(msg, "contacts: there are none, so the plan has nothing to put in a calendar");
    free(msg);
    o->nfollowups = n;
    free_output(o);
}
END_TEST

START_TEST(ics_names_an_unnamed_contact)
{
    ajar_output *o = sample();
    set(&o->followups[1].name, "");
    set(&o->followups[1].channel_label, "");
    char *s = export_ok(o, AJAR_EXPORT_FOLLOWUPS, AJAR_EXPORT_ICS, NULL);
    ck_assert_ptr_nonnull(strstr(s, "SUMMARY:Thank contacts[1]\r\n"));
    free(s);
    free_output(o);
}
END_TEST

/* ---- refusals -------------------------------------------------------------------------- */

/* Every format of `what` refuses o, naming `field`. */
static void refused_everywhere(const ajar_output *o, ajar_export_what what, const char *field)
{
    ajar_export_opts opts = fixed_opts();
    for (int f = 0; f < AJAR_EXPORT_FORMAT_COUNT; f++) {
        if (!ajar_export_allowed(what, (ajar_export_format)f))
            continue;
        char *msg = export_fails(o, what, (ajar_export_format)f, &opts, AJAR_E_INVALID);
        ck_assert_msg(strncmp(msg, field, strlen(field)) == 0 && msg[strlen(field)] == ':',
                      "%s as %s: %s", ajar_export_what_name(what),
                      ajar_export_format_name((ajar_export_format)f), msg);
        free(msg);
    }
}

START_TEST(control_characters_are_refused)
{
    static const struct {
        size_t slot; /* which text */
        const char *text;
        ajar_export_what what;
        const char *field;
    } cases[] = {
        {0, "Thanks\x1b[2J", AJAR_EXPORT_LETTER, "letter.subject"},
        {0, "Thanks\r\nBcc: all@example.com", AJAR_EXPORT_LETTER, "letter.subject"},
        {0, "Thanks\nBcc: all@example.com", AJAR_EXPORT_LETTER, "letter.subject"},
        {0, "Tab\there", AJAR_EXPORT_LETTER, "letter.subject"},
        {1, "Dear Tomás,\x1b]0;pwned\x07", AJAR_EXPORT_LETTER, "letter.body"},
        {1, "Dear Tomás,\r\nbye", AJAR_EXPORT_LETTER, "letter.body"},
        {1, "csi \xc2\x9b" "31m", AJAR_EXPORT_ALL, "letter.body"},
        {1, "bad \xff byte", AJAR_EXPORT_LETTER, "letter.body"},
        {2, "Zoë\rÅngström", AJAR_EXPORT_LETTER, "letter.from.name"},
        {3, "Tomás\x7f", AJAR_EXPORT_LETTER, "letter.to.name"},
        {4, "ring \x07", AJAR_EXPORT_PHONE, "phone"},
        {5, "nul-free \x01", AJAR_EXPORT_VOICEMAIL, "voicemail"},
        {6, "plan \x1b", AJAR_EXPORT_FOLLOWUPS, "followups"},
        {7, "notes \x1b", AJAR_EXPORT_LINKEDIN, "linkedin"},
        {8, "note \x1b[m", AJAR_EXPORT_LINKEDIN, "followups[1].note"},
        {8, "note \x1b[m", AJAR_EXPORT_FOLLOWUPS, "followups[1].note"},
        {9, "李娜\n", AJAR_EXPORT_FOLLOWUPS, "followups[1].name"},
        {10, "hi\x1b", AJAR_EXPORT_FOLLOWUPS, "followups[2].message"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_output *o = sample();
        char **slots[] = {&o->subject,  &o->letter,         &o->from_name,
                          &o->to_name,  &o->phone,          &o->voicemail,
                          &o->followups_text, &o->linkedin_text, &o->followups[1].note,
                          &o->followups[1].name, &o->followups[2].message};
        set(slots[cases[i].slot], cases[i].text);
        refused_everywhere(o, cases[i].what, cases[i].field);
        free_output(o);
    }
}
END_TEST

START_TEST(refusal_says_what_and_why)
{
    ajar_output *o = sample();
    set(&o->letter, "Dear Tomás,\x1b[31m");
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_export(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_TXT, NULL, &b, &errs),
                     AJAR_E_INVALID);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(errs.count, 2);
    char *m0 = ajar_error_format(&errs.items[0]), *m1 = ajar_error_format(&errs.items[1]);
    ck_assert_str_eq(m0, "letter.body: contains the control character U+001B at character 12; "
                         "only tabs and line breaks are allowed here");
    ck_assert_ptr_nonnull(strstr(m1, "nothing exported"));
    free(m0);
    free(m1);
    ajar_errors_clear(&errs);
    /* tabs are text, not controls, in multi-line parts */
    set(&o->letter, "Dear Tomás,\n\tindented");
    free(export_ok(o, AJAR_EXPORT_LETTER, AJAR_EXPORT_EML, NULL));
    free_output(o);
}
END_TEST

/* ---- the clock ------------------------------------------------------------------------- */

/* Sets TZ (NULL unsets it) for the time functions. */
static void set_tz(const char *tz)
{
    if (tz)
        setenv("TZ", tz, 1);
    else
        unsetenv("TZ");
    tzset();
}

START_TEST(a_fixed_day_is_nine_in_the_morning)
{
    const char *old = getenv("TZ");
    char *saved = old ? strdup(old) : NULL;
    ajar_export_opts opts = {0};
    set_tz("UTC0");
    ck_assert_int_eq(ajar_export_set_time(&opts, &TODAY, NULL), AJAR_OK);
    ck_assert_int_eq((long long)opts.date, (long long)FRI_0900_UTC);
    ck_assert_int_eq(opts.utc_offset_min, 0);
    ck_assert_int_eq((long long)opts.dtstamp, (long long)FRI_0900_UTC);
    /* Central Europe in winter: 09:00 local is 08:00 UTC; the stamp stays 09:00 UTC */
    set_tz("CET-1CEST,M3.5.0,M10.5.0/3");
    ck_assert_int_eq(ajar_export_set_time(&opts, &TODAY, NULL), AJAR_OK);
    ck_assert_int_eq((long long)opts.date, (long long)FRI_0900_UTC - 3600);
    ck_assert_int_eq(opts.utc_offset_min, 60);
    ck_assert_int_eq((long long)opts.dtstamp, (long long)FRI_0900_UTC);
    /* and in summer, +02:00 */
    ajar_date june = {2026, 6, 1};
    ck_assert_int_eq(ajar_export_set_time(&opts, &june, NULL), AJAR_OK);
    ck_assert_int_eq(opts.utc_offset_min, 120);
    set_tz("EST5");
    ck_assert_int_eq(ajar_export_set_time(&opts, &TODAY, NULL), AJAR_OK);
    ck_assert_int_eq(opts.utc_offset_min, -300);
    ck_assert_int_eq((long long)opts.date, (long long)FRI_0900_UTC + 5 * 3600);
    /* without a fixed day: now */
    time_t before = time(NULL);
    ck_assert_int_eq(ajar_export_set_time(&opts, NULL, NULL), AJAR_OK);
    ck_assert_int_ge((long long)opts.date, (long long)before);
    ck_assert_int_le((long long)opts.date, (long long)time(NULL));
    ck_assert_int_eq((long long)opts.dtstamp, (long long)opts.date);
    ck_assert_int_eq(opts.utc_offset_min, -300);
    set_tz(saved);
    free(saved);
}
END_TEST

Suite *export_suite(void)
{
    Suite *s = suite_create("export");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, names_parse_back);
    tcase_add_test(tc, format_from_the_file_name);
    tcase_add_test(tc, the_table_of_combinations);
    tcase_add_test(tc, unsupported_combinations_are_usage_errors);
    tcase_add_test(tc, txt_is_each_part_as_rendered);
    tcase_add_test(tc, txt_all_has_a_heading_per_part);
    tcase_add_test(tc, md_has_headings_and_keeps_lines);
    tcase_add_test(tc, json_holds_every_part);
    tcase_add_test(tc, json_of_one_part_has_only_that_part);
    tcase_add_test(tc, eml_needs_my_address);
    tcase_add_test(tc, eml_body_ends_with_one_line_break);
    tcase_add_test(tc, ics_uids_differ_for_contacts_of_the_same_name);
    tcase_add_test(tc, ics_uids_are_stable);
    tcase_add_test(tc, ics_names_an_unnamed_contact);
    tcase_add_test(tc, ics_needs_a_contact);
    tcase_add_test(tc, control_characters_are_refused);
    tcase_add_test(tc, refusal_says_what_and_why);
    tcase_add_test(tc, a_fixed_day_is_nine_in_the_morning);
    suite_add_tcase(s, tc);
    /* round trips through parse_exports.py (Python's email, csv, icalendar) */
    TCase *rt = tcase_create("round trips");
    tcase_set_timeout(rt, 120);
    tcase_add_test(rt, eml_reads_back_as_the_letter);
    tcase_add_test(rt, eml_without_a_usable_recipient_has_no_to);
    tcase_add_test(rt, mailto_is_one_line);
    tcase_add_test(rt, csv_followups_read_back);
    tcase_add_test(rt, csv_linkedin_notes_read_back);
    tcase_add_test(rt, ics_has_an_item_per_followup_and_checkin);
    tcase_add_test(rt, ics_todos);
    suite_add_tcase(s, rt);
    return s;
}
