/* test_view.c — the view templates see: first names, joined lists, working days, the view of a draft. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/store.h"
#include "ajar/view.h"

Suite *view_suite(void);

#define FULL "tests/fixtures/drafts/full.json"

/* ---- helpers ------------------------------------------------------------------ */

static ajar_date day(const char *iso)
{
    ajar_date d = {0, 0, 0};
    ck_assert_msg(ajar_date_parse(iso, &d), "bad test date %s", iso);
    return d;
}

static cJSON *labels(void)
{
    char *text = NULL;
    size_t len = 0;
    ck_assert_int_eq(ajar_store_read_file("data/labels.json", 1 << 20, &text, &len, NULL), AJAR_OK);
    cJSON *l = cJSON_Parse(text);
    free(text);
    ck_assert_ptr_nonnull(l);
    return l;
}

static ajar_draft *parse_draft(const char *json)
{
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    ajar_status st = ajar_draft_parse(json, strlen(json), "test", &d, &errs);
    ck_assert_msg(st == AJAR_OK, "test draft does not parse: %s",
                  errs.count && errs.items[0].message ? errs.items[0].message : "?");
    ajar_errors_clear(&errs);
    return d;
}

static ajar_draft *load_full(void)
{
    ajar_draft *d = NULL;
    ck_assert_int_eq(ajar_draft_load(FULL, &d, NULL), AJAR_OK);
    return d;
}

/* The view of draft d as of today (with the shipped labels). */
static cJSON *view_of(const ajar_draft *d, const char *today)
{
    cJSON *l = labels();
    cJSON *v = ajar_view_build(ajar_draft_root(d), l, day(today));
    cJSON_Delete(l);
    ck_assert_ptr_nonnull(v);
    return v;
}

static cJSON *view_of_json(const char *json, const char *today)
{
    ajar_draft *d = parse_draft(json);
    cJSON *v = view_of(d, today);
    ajar_draft_free(d);
    return v;
}

/* The value at a dotted path ("recipient.first", "contacts.1.name"). */
static const cJSON *at(const cJSON *v, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *cur = v;
    for (char *part = strtok(buf, "."); part && cur; part = strtok(NULL, ".")) {
        if (cJSON_IsArray(cur))
            cur = cJSON_GetArrayItem(cur, atoi(part));
        else
            cur = cJSON_GetObjectItemCaseSensitive(cur, part);
    }
    return cur;
}

static void expect_str(const cJSON *v, const char *path, const char *want)
{
    const cJSON *x = at(v, path);
    ck_assert_msg(cJSON_IsString(x), "%s is not a string", path);
    ck_assert_msg(strcmp(x->valuestring, want) == 0, "%s is \"%s\", expected \"%s\"", path,
                  x->valuestring, want);
}

static void expect_bool(const cJSON *v, const char *path, int want)
{
    const cJSON *x = at(v, path);
    ck_assert_msg(cJSON_IsBool(x), "%s is not a boolean", path);
    ck_assert_msg(cJSON_IsTrue(x) == want, "%s is %s", path, cJSON_IsTrue(x) ? "true" : "false");
}

static void expect_num(const cJSON *v, const char *path, double want)
{
    const cJSON *x = at(v, path);
    ck_assert_msg(cJSON_IsNumber(x), "%s is not a number", path);
    ck_assert_msg(x->valuedouble == want, "%s is %g, expected %g", path, x->valuedouble, want);
}

static void expect_len(const cJSON *v, const char *path, int want)
{
    const cJSON *x = at(v, path);
    ck_assert_msg(cJSON_IsArray(x), "%s is not a list", path);
    ck_assert_msg(cJSON_GetArraySize(x) == want, "%s has %d items, expected %d", path,
                  cJSON_GetArraySize(x), want);
}

/* ---- first names ------------------------------------------------------------------ */

START_TEST(first_name_is_the_text_before_the_first_space)
{
    static const struct {
        const char *name, *first;
    } cases[] = {
        {"Zoë Ångström", "Zoë"},
        {"李娜", "李娜"},
        {"Tomás Ferreira da Silva", "Tomás"},
        {"   Ana Lima", "Ana"},
        {"Ana  Lima", "Ana"},
        {"Madonna", "Madonna"},
        {"مريم حداد", "مريم"},
        {"שרה כהן", "שרה"},
        {"", ""},
        {"    ", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *f = ajar_view_first_name(cases[i].name);
        ck_assert_ptr_nonnull(f);
        ck_assert_msg(strcmp(f, cases[i].first) == 0, "first name of \"%s\" is \"%s\"",
                      cases[i].name, f);
        free(f);
    }
    char *f = ajar_view_first_name(NULL);
    ck_assert_str_eq(f, "");
    free(f);
}
END_TEST

/* ---- joined lists ------------------------------------------------------------------- */

static void expect_join(const char *const *items, size_t n, const char *conj, const char *want)
{
    char *s = ajar_view_join(items, n, conj);
    ck_assert_ptr_nonnull(s);
    ck_assert_msg(strcmp(s, want) == 0, "joined \"%s\", expected \"%s\"", s, want);
    free(s);
}

START_TEST(join_lists_things_as_a_sentence_does)
{
    const char *abcd[] = {"A", "B", "C", "D"};
    expect_join(abcd, 0, "and", "");
    expect_join(NULL, 0, "and", "");
    expect_join(abcd, 1, "and", "A");
    expect_join(abcd, 2, "and", "A and B");
    expect_join(abcd, 3, "and", "A, B and C");
    expect_join(abcd, 4, "and", "A, B, C and D");
    expect_join(abcd, 2, "or", "A or B");
    expect_join(abcd, 4, "or", "A, B, C or D");
    const char *utf8[] = {"李娜", "Zoë Ångström"};
    expect_join(utf8, 2, "and", "李娜 and Zoë Ångström");
}
END_TEST

START_TEST(join_skips_empty_and_missing_items)
{
    const char *gaps[] = {"", "A", NULL, "B", "", "C", NULL};
    expect_join(gaps, 7, "and", "A, B and C");
    const char *two[] = {"A", "", NULL, "B"};
    expect_join(two, 4, "or", "A or B");
    const char *one[] = {NULL, "", "A", ""};
    expect_join(one, 4, "and", "A");
    const char *none[] = {NULL, "", NULL};
    expect_join(none, 3, "and", "");
}
END_TEST

/* ---- working days ------------------------------------------------------------------ */

START_TEST(workday_moves_weekends_to_monday)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"2026-11-16", "2026-11-16"}, /* Monday .. Friday stay */
        {"2026-11-17", "2026-11-17"},
        {"2026-11-18", "2026-11-18"},
        {"2026-11-19", "2026-11-19"},
        {"2026-11-20", "2026-11-20"},
        {"2026-11-21", "2026-11-23"}, /* Saturday */
        {"2026-11-22", "2026-11-23"}, /* Sunday */
        {"2026-10-31", "2026-11-02"}, /* Saturday, end of a month */
        {"2027-01-31", "2027-02-01"}, /* Sunday, end of a month */
        {"2022-12-31", "2023-01-02"}, /* Saturday, end of a year */
        {"2023-12-31", "2024-01-01"}, /* Sunday, end of a year */
        {"2028-02-26", "2028-02-28"}, /* Saturday before a leap day */
        {"2026-02-28", "2026-03-02"}, /* Saturday, end of February */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char iso[11];
        ajar_date_format_iso(ajar_view_workday(day(cases[i].in)), iso);
        ck_assert_msg(strcmp(iso, cases[i].out) == 0, "workday(%s) = %s, expected %s",
                      cases[i].in, iso, cases[i].out);
    }
}
END_TEST

/* ---- the view of the full example --------------------------------------------- */

START_TEST(full_view_names_the_recipient_and_the_others)
{
    ajar_draft *d = load_full();
    cJSON *v = view_of(d, "2026-11-20");
    expect_str(v, "recipient.name", "Tomás Ferreira");
    expect_str(v, "recipient.first", "Tomás");
    expect_bool(v, "recipient.is_recipient", 1);
    expect_bool(v, "recipient.made_offer", 1);
    expect_num(v, "recipient.index", 0);
    expect_str(v, "recipient.role_label", "hiring manager");
    expect_len(v, "contacts", 2);
    expect_len(v, "others", 1);
    expect_str(v, "others.0.name", "李娜");
    expect_str(v, "others.0.first", "李娜");
    expect_num(v, "others.0.index", 1);
    expect_bool(v, "others.0.is_recipient", 0);
    expect_bool(v, "contacts.0.is_recipient", 1);
    expect_bool(v, "contacts.1.is_recipient", 0);
    expect_str(v, "others_names", "李娜");
    expect_str(v, "others_first_names", "李娜");
    expect_num(v, "others_count", 1);
    expect_num(v, "contacts_count", 2);
    expect_bool(v, "has_others", 1);
    expect_bool(v, "has_contacts", 1);
    expect_str(v, "me.first", "Zoë");
    expect_str(v, "me.name", "Zoë Ångström");
    expect_str(v, "company", "Lumen Freight");
    expect_str(v, "offer.company", "Lumen Freight");
    expect_str(v, "role", "Platform Engineer");
    expect_str(v, "contacts.1.role_label", "future colleague");
    expect_str(v, "contacts.0.channel_label", "phone call");
    expect_str(v, "contacts.1.channel_label", "e-mail");
    cJSON_Delete(v);
    ajar_draft_free(d);
}
END_TEST

START_TEST(full_view_joins_positives_and_referrals)
{
    ajar_draft *d = load_full();
    cJSON *v = view_of(d, "2026-11-20");
    expect_str(v, "positives_text",
               "how openly the team talked about its incident reviews and the four-day on-call "
               "rotation Li Na walked me through");
    expect_bool(v, "has_positives", 1);
    expect_num(v, "positives_count", 2);
    expect_str(v, "referrals_text", "Amira Haddad (six years running Kubernetes platforms)");
    expect_str(v, "referral_names", "Amira Haddad");
    expect_bool(v, "has_referrals", 1);
    expect_bool(v, "several_referrals", 0);
    expect_num(v, "referrals_count", 1);
    expect_str(v, "referrals.0.first", "Amira");
    expect_str(v, "resource.insight_line",
               "A hybrid option would have made the offer much harder to turn down.");
    expect_str(v, "stay.checkins_text", "3, 6 and 12");
    cJSON_Delete(v);

    /* three referrals, one without a reason and one without a name */
    ajar_errors errs = {0};
    cJSON *refs = cJSON_Parse("[{\"name\": \"Amira Haddad\", \"why\": \"platforms.\"},"
                              " {\"name\": \"Bo Li\"}, {\"why\": \"nobody\"},"
                              " {\"name\": \"Cai Wen\", \"why\": \"SRE lead, \"}]");
    ck_assert_int_eq(ajar_draft_set(d, "resource.referrals", refs, &errs), AJAR_OK);
    v = view_of(d, "2026-11-20");
    expect_str(v, "referrals_text", "Amira Haddad (platforms), Bo Li and Cai Wen (SRE lead)");
    expect_str(v, "referral_names", "Amira Haddad, Bo Li and Cai Wen");
    expect_bool(v, "several_referrals", 1);
    expect_num(v, "referrals_count", 3);
    expect_len(v, "referrals", 3);
    cJSON_Delete(v);
    ajar_draft_free(d);
}
END_TEST

START_TEST(phrases_lose_their_final_full_stop)
{
    cJSON *v = view_of_json(
        "{\"ajar\": 1, \"positives\": [\"the people.\", \"\", \"the coffee. \", \"the view;\"],"
        " \"thanks\": {\"for\": \"your patience.\"},"
        " \"reason\": {\"detail\": \"a shorter commute.\", \"would_reconsider\": \"remote work,\"},"
        " \"contacts\": [{\"name\": \"Ana\", \"talked_about\": \"maps.\"}],"
        " \"resource\": {\"referrals\": [{\"name\": \"Bo\", \"why\": \"ten years of SQL.\"}]}}",
        "2026-11-20");
    expect_len(v, "positives", 3);
    expect_str(v, "positives.0", "the people");
    expect_str(v, "positives.1", "the coffee");
    expect_str(v, "positives.2", "the view");
    expect_str(v, "positives_text", "the people, the coffee and the view");
    expect_str(v, "thanks.for", "your patience");
    expect_str(v, "reason.detail", "a shorter commute");
    expect_str(v, "reason.would_reconsider", "remote work");
    expect_str(v, "contacts.0.talked_about", "maps");
    expect_str(v, "referrals.0.why", "ten years of SQL");
    expect_str(v, "referrals_text", "Bo (ten years of SQL)");
    cJSON_Delete(v);
}
END_TEST

START_TEST(checkins_fall_on_working_days)
{
    ajar_draft *d = load_full();
    /* today is a Friday: 3 and 12 months on are Saturdays, 6 months on a Thursday */
    cJSON *v = view_of(d, "2026-11-20");
    static const char *const want[][2] = {
        {"2027-02-22", "Monday 22 February 2027"},
        {"2027-05-20", "Thursday 20 May 2027"},
        {"2027-11-22", "Monday 22 November 2027"},
    };
    static const int months[] = {3, 6, 12};
    const char *lists[] = {"stay.checkins", "contacts.0.checkins", "contacts.1.checkins",
                           "others.0.checkins", "recipient.checkins"};
    for (size_t l = 0; l < 5; l++) {
        expect_len(v, lists[l], 3);
        for (int i = 0; i < 3; i++) {
            char path[96];
            snprintf(path, sizeof path, "%s.%d.months", lists[l], i);
            expect_num(v, path, months[i]);
            snprintf(path, sizeof path, "%s.%d.date", lists[l], i);
            expect_str(v, path, want[i][0]);
            snprintf(path, sizeof path, "%s.%d.date_long", lists[l], i);
            expect_str(v, path, want[i][1]);
        }
    }
    expect_bool(v, "stay.has_checkins", 1);
    cJSON_Delete(v);
    ajar_draft_free(d);

    /* any month count gives a working day */
    v = view_of_json("{\"ajar\": 1, \"stay_in_touch\": {\"checkins_months\": [1, 2, 3, 4, 5, 6, 7,"
                     " 8, 9, 10, 11, 12, 18, 24, 120]}}",
                     "2026-01-30");
    expect_len(v, "stay.checkins", 15);
    const cJSON *c;
    cJSON_ArrayForEach(c, at(v, "stay.checkins"))
    {
        ajar_date dd = day(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "date")));
        ck_assert_int_lt(ajar_date_weekday(dd), 5);
    }
    expect_str(v, "stay.checkins_text", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 18, 24 and 120");
    expect_str(v, "stay.checkins.0.date", "2026-03-02"); /* 30 January + 1 month = 28 February, a Saturday */
    cJSON_Delete(v);

    /* A month given twice is one check-in: twice the same reminder had the
     * same calendar UID, and 200,000 repeats (800 KB of draft) made every
     * contact's plan 200,000 items long (1.3 GB to export three contacts). */
    v = view_of_json("{\"ajar\": 1, \"contacts\": [{\"name\": \"Ana\"}],"
                     " \"stay_in_touch\": {\"checkins_months\": [6, 3, 6, 6, 3, 12, 3]}}",
                     "2026-01-30");
    expect_len(v, "stay.checkins", 3);
    expect_len(v, "contacts.0.checkins", 3);
    expect_str(v, "stay.checkins_text", "6, 3 and 12");
    cJSON_Delete(v);
}
END_TEST

/* Today, and the days the offer-maker and everyone else hear from us. */
static const struct {
    const char *today, *first, *next, *first_long;
} WHEN[] = {
    {"2026-11-19", "2026-11-19", "2026-11-20", "Thursday 19 November 2026"}, /* Thursday */
    {"2026-11-20", "2026-11-20", "2026-11-23", "Friday 20 November 2026"},   /* Friday */
    {"2026-11-21", "2026-11-23", "2026-11-24", "Monday 23 November 2026"},   /* Saturday */
    {"2026-11-22", "2026-11-23", "2026-11-24", "Monday 23 November 2026"},   /* Sunday */
    {"2026-12-31", "2026-12-31", "2027-01-01", "Thursday 31 December 2026"}, /* over a year */
};

START_TEST(offer_maker_hears_first_the_others_the_next_working_day)
{
    ajar_draft *d = load_full();
    cJSON *v = view_of(d, WHEN[_i].today);
    expect_str(v, "today", WHEN[_i].today);
    expect_str(v, "decline_on", WHEN[_i].first);
    expect_str(v, "decline_on_long", WHEN[_i].first_long);
    expect_str(v, "recipient.when", WHEN[_i].first);
    expect_str(v, "recipient.when_long", WHEN[_i].first_long);
    expect_bool(v, "recipient.when_first_day", 1);
    expect_str(v, "contacts.0.when", WHEN[_i].first);
    expect_str(v, "contacts.1.when", WHEN[_i].next);
    expect_str(v, "others.0.when", WHEN[_i].next);
    expect_bool(v, "others.0.when_first_day", 0);
    cJSON_Delete(v);
    ajar_draft_free(d);
}
END_TEST

/* ---- drafts with little in them ----------------------------------------------- */

START_TEST(empty_draft_has_every_variable)
{
    cJSON *v = view_of_json("{\"ajar\": 1}", "2026-11-20");
    static const char *const EMPTY[] = {
        "me.name", "me.first", "me.email", "me.phone", "me.linkedin", "company", "role",
        "offer.company", "offer.role", "offer.made_on", "offer.made_on_long", "offer.respond_by",
        "offer.respond_by_long", "offer.decided_on", "offer.decided_on_long", "reason.kind",
        "reason.detail", "reason.would_reconsider", "positives_text", "thanks.for",
        "others_names", "others_first_names", "referrals_text", "referral_names",
        "resource.insight", "resource.insight_line", "stay.checkins_text"};
    for (size_t i = 0; i < sizeof EMPTY / sizeof *EMPTY; i++)
        expect_str(v, EMPTY[i], "");
    static const char *const FALSE[] = {
        "recipient", "has_positives", "has_contacts", "has_others", "has_referrals",
        "several_referrals", "thanks.honour", "resource.offer_introductions", "stay.has_checkins",
        "scenario_recruiter", "scenario_former_employer", "scenario_after_acceptance",
        "tone_formal", "tone_brief", "reason.softened", "reason.private", "offer.phone_only",
        "offer.email_only"};
    for (size_t i = 0; i < sizeof FALSE / sizeof *FALSE; i++)
        expect_bool(v, FALSE[i], 0);
    static const char *const LISTS[] = {"positives", "contacts", "others", "referrals",
                                        "stay.checkins"};
    for (size_t i = 0; i < sizeof LISTS / sizeof *LISTS; i++)
        expect_len(v, LISTS[i], 0);
    static const char *const ZERO[] = {"positives_count", "contacts_count", "others_count",
                                       "referrals_count"};
    for (size_t i = 0; i < sizeof ZERO / sizeof *ZERO; i++)
        expect_num(v, ZERO[i], 0);
    /* the documented defaults of choices left open */
    expect_str(v, "scenario", "offer");
    expect_str(v, "scenario_label", "Declining an offer");
    expect_bool(v, "scenario_offer", 1);
    expect_str(v, "tone", "warm");
    expect_bool(v, "tone_warm", 1);
    expect_str(v, "reason.share", "plain");
    expect_bool(v, "reason.plain", 1);
    expect_str(v, "offer.medium", "phone-then-email");
    expect_bool(v, "offer.call_first", 1);
    expect_bool(v, "stay.future_interest", 1);
    expect_bool(v, "stay.linkedin", 1);
    expect_str(v, "today", "2026-11-20");
    expect_str(v, "today_long", "Friday 20 November 2026");
    expect_str(v, "decline_on", "2026-11-20");
    /* documented as absent when there is no date */
    ck_assert_ptr_null(at(v, "offer.days_since_offer"));
    ck_assert_ptr_null(at(v, "offer.days_to_respond"));
    cJSON_Delete(v);
}
END_TEST

START_TEST(a_single_contact_is_the_recipient)
{
    cJSON *v = view_of_json("{\"ajar\": 1, \"contacts\": [{\"name\": \"Ana Lima\","
                            " \"email\": \"ana@example.com\"}]}",
                            "2026-11-21");
    expect_str(v, "recipient.name", "Ana Lima");
    expect_str(v, "recipient.first", "Ana");
    expect_bool(v, "recipient.is_recipient", 1);
    expect_bool(v, "recipient.made_offer", 0);
    expect_str(v, "recipient.when", "2026-11-23");
    expect_len(v, "others", 0);
    expect_bool(v, "has_others", 0);
    expect_str(v, "others_names", "");
    cJSON_Delete(v);

    /* ... but a nameless one cannot be greeted */
    v = view_of_json("{\"ajar\": 1, \"contacts\": [{\"email\": \"ana@example.com\"}]}",
                     "2026-11-21");
    expect_bool(v, "recipient", 0);
    expect_len(v, "others", 1);
    cJSON_Delete(v);
}
END_TEST

START_TEST(two_unmarked_contacts_leave_no_recipient)
{
    cJSON *v = view_of_json("{\"ajar\": 1, \"contacts\": [{\"name\": \"Ana Lima\"},"
                            " {\"name\": \"Bo Li\", \"made_offer\": false}]}",
                            "2026-11-20");
    expect_bool(v, "recipient", 0);
    expect_len(v, "others", 2);
    expect_str(v, "others_names", "Ana Lima and Bo Li");
    expect_str(v, "others_first_names", "Ana and Bo");
    expect_num(v, "others_count", 2);
    /* with no one to call first, everyone hears on the next working day */
    expect_str(v, "contacts.0.when", "2026-11-23");
    expect_str(v, "contacts.1.when", "2026-11-23");
    cJSON_Delete(v);

    /* the one who made the offer may come anywhere in the list */
    v = view_of_json("{\"ajar\": 1, \"contacts\": [{\"name\": \"Ana Lima\"},"
                     " {\"name\": \"Bo Li\", \"made_offer\": true}, {\"name\": \"Cy\"}]}",
                     "2026-11-20");
    expect_str(v, "recipient.name", "Bo Li");
    expect_num(v, "recipient.index", 1);
    expect_str(v, "others_names", "Ana Lima and Cy");
    expect_num(v, "others.1.index", 2);
    expect_str(v, "contacts.1.when", "2026-11-20");
    expect_str(v, "contacts.0.when", "2026-11-23");
    cJSON_Delete(v);
}
END_TEST

static const char *const SCENARIOS[] = {"offer", "recruiter", "former-employer",
                                        "after-acceptance"};
static const char *const SCENARIO_FLAGS[] = {"scenario_offer", "scenario_recruiter",
                                             "scenario_former_employer",
                                             "scenario_after_acceptance"};
static const char *const TONES[] = {"warm", "formal", "brief"};

START_TEST(exactly_one_scenario_and_one_tone_flag)
{
    ajar_draft *d = load_full();
    cJSON *l = labels();
    for (int s = 0; s < 4; s++) {
        for (int t = 0; t < 3; t++) {
            ck_assert_int_eq(ajar_draft_set_string(d, "scenario", SCENARIOS[s], NULL), AJAR_OK);
            ck_assert_int_eq(ajar_draft_set_string(d, "tone", TONES[t], NULL), AJAR_OK);
            cJSON *v = ajar_view_build(ajar_draft_root(d), l, day("2026-11-20"));
            expect_str(v, "scenario", SCENARIOS[s]);
            expect_str(v, "tone", TONES[t]);
            expect_str(v, "scenario_label",
                       cJSON_GetObjectItemCaseSensitive(at(l, "scenarios"), SCENARIOS[s])
                           ->valuestring);
            for (int k = 0; k < 4; k++)
                expect_bool(v, SCENARIO_FLAGS[k], k == s);
            for (int k = 0; k < 3; k++) {
                char key[32];
                snprintf(key, sizeof key, "tone_%s", TONES[k]);
                expect_bool(v, key, k == t);
            }
            cJSON_Delete(v);
        }
    }
    cJSON_Delete(l);
    ajar_draft_free(d);
}
END_TEST

START_TEST(exactly_one_reason_share_flag)
{
    static const char *const SHARES[] = {"plain", "softened", "private"};
    ajar_draft *d = load_full();
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(ajar_draft_set_string(d, "reason.share", SHARES[i], NULL), AJAR_OK);
        cJSON *v = view_of(d, "2026-11-20");
        expect_str(v, "reason.share", SHARES[i]);
        for (int k = 0; k < 3; k++) {
            char key[32];
            snprintf(key, sizeof key, "reason.%s", SHARES[k]);
            expect_bool(v, key, k == i);
        }
        expect_str(v, "reason.kind", "accepted-other");
        cJSON_Delete(v);
    }
    ck_assert_int_eq(ajar_draft_remove(d, "reason.share", NULL), AJAR_OK);
    cJSON *v = view_of(d, "2026-11-20");
    expect_str(v, "reason.share", "plain");
    expect_bool(v, "reason.plain", 1);
    cJSON_Delete(v);
    ajar_draft_free(d);
}
END_TEST

START_TEST(channel_is_chosen_from_what_is_known)
{
    cJSON *v = view_of_json(
        "{\"ajar\": 1, \"contacts\": ["
        " {\"name\": \"Offer Maker\", \"made_offer\": true, \"phone\": \"1\", \"email\": \"o@x.y\"},"
        " {\"name\": \"Has Both\", \"phone\": \"2\", \"email\": \"b@x.y\", \"linkedin\": \"l\"},"
        " {\"name\": \"Only Linkedin\", \"linkedin\": \"in/x\", \"phone\": \"3\"},"
        " {\"name\": \"Only Phone\", \"phone\": \"4\"},"
        " {\"name\": \"Nothing\"},"
        " {\"name\": \"Chosen\", \"channel\": \"in-person\", \"email\": \"c@x.y\"}]}",
        "2026-11-20");
    static const char *const want[][2] = {
        {"phone", "by_phone"},       {"email", "by_email"},   {"linkedin", "by_linkedin"},
        {"phone", "by_phone"},       {"email", "by_email"},   {"in-person", "in_person"},
    };
    static const char *const FLAGS[] = {"by_phone", "by_email", "by_linkedin", "in_person"};
    for (int i = 0; i < 6; i++) {
        char path[64];
        snprintf(path, sizeof path, "contacts.%d.channel", i);
        expect_str(v, path, want[i][0]);
        for (int k = 0; k < 4; k++) {
            snprintf(path, sizeof path, "contacts.%d.%s", i, FLAGS[k]);
            expect_bool(v, path, strcmp(FLAGS[k], want[i][1]) == 0);
        }
    }
    expect_str(v, "contacts.5.channel_label", "in person");
    cJSON_Delete(v);

    /* the offer-maker without a phone number is written to */
    v = view_of_json("{\"ajar\": 1, \"contacts\": [{\"name\": \"A\", \"made_offer\": true,"
                     " \"email\": \"a@x.y\", \"linkedin\": \"in/a\"}]}",
                     "2026-11-20");
    expect_str(v, "recipient.channel", "email");
    cJSON_Delete(v);
}
END_TEST

START_TEST(without_labels_ids_stand_for_labels)
{
    ajar_draft *d = load_full();
    cJSON *v = ajar_view_build(ajar_draft_root(d), NULL, day("2026-11-20"));
    ck_assert_ptr_nonnull(v);
    expect_str(v, "contacts.0.role_label", "hiring-manager");
    expect_str(v, "contacts.0.channel_label", "phone");
    expect_str(v, "scenario_label", "offer");
    expect_str(v, "offer.medium_label", "phone-then-email");
    cJSON_Delete(v);
    ajar_draft_free(d);
}
END_TEST

START_TEST(offer_dates_and_medium)
{
    ajar_draft *d = load_full();
    cJSON *v = view_of(d, "2026-11-20");
    expect_str(v, "offer.made_on", "2026-11-16");
    expect_str(v, "offer.made_on_long", "Monday 16 November 2026");
    expect_num(v, "offer.days_since_offer", 4);
    expect_num(v, "offer.days_to_respond", 7);
    expect_str(v, "offer.medium_label", "a call, then the letter");
    expect_bool(v, "offer.call_first", 1);
    cJSON_Delete(v);
    v = view_of(d, "2026-11-30"); /* past the answer's due date */
    expect_num(v, "offer.days_to_respond", -3);
    cJSON_Delete(v);
    ck_assert_int_eq(ajar_draft_set_string(d, "offer.medium", "email", NULL), AJAR_OK);
    v = view_of(d, "2026-11-20");
    expect_bool(v, "offer.call_first", 0);
    expect_bool(v, "offer.email_only", 1);
    expect_bool(v, "offer.phone_only", 0);
    cJSON_Delete(v);
    ck_assert_int_eq(ajar_draft_set_string(d, "offer.medium", "phone", NULL), AJAR_OK);
    v = view_of(d, "2026-11-20");
    expect_bool(v, "offer.call_first", 1);
    expect_bool(v, "offer.phone_only", 1);
    cJSON_Delete(v);
    ajar_draft_free(d);
}
END_TEST

START_TEST(stay_in_touch_choices_are_kept)
{
    cJSON *v = view_of_json("{\"ajar\": 1, \"stay_in_touch\": {\"future_interest\": false,"
                            " \"linkedin\": false, \"checkins_months\": [6]},"
                            " \"thanks\": {\"honour\": true},"
                            " \"resource\": {\"offer_introductions\": true}}",
                            "2026-11-20");
    expect_bool(v, "stay.future_interest", 0);
    expect_bool(v, "stay.linkedin", 0);
    expect_str(v, "stay.checkins_text", "6");
    expect_bool(v, "thanks.honour", 1);
    expect_bool(v, "resource.offer_introductions", 1);
    cJSON_Delete(v);
}
END_TEST

START_TEST(view_of_nothing_is_still_a_view)
{
    cJSON *v = ajar_view_build(NULL, NULL, day("2026-11-20"));
    ck_assert_ptr_nonnull(v);
    expect_str(v, "me.name", "");
    expect_bool(v, "recipient", 0);
    cJSON_Delete(v);
}
END_TEST

Suite *view_suite(void)
{
    Suite *s = suite_create("view");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, first_name_is_the_text_before_the_first_space);
    tcase_add_test(tc, join_lists_things_as_a_sentence_does);
    tcase_add_test(tc, join_skips_empty_and_missing_items);
    tcase_add_test(tc, workday_moves_weekends_to_monday);
    tcase_add_test(tc, full_view_names_the_recipient_and_the_others);
    tcase_add_test(tc, full_view_joins_positives_and_referrals);
    tcase_add_test(tc, phrases_lose_their_final_full_stop);
    tcase_add_test(tc, checkins_fall_on_working_days);
    tcase_add_loop_test(tc, offer_maker_hears_first_the_others_the_next_working_day, 0,
                        (int)(sizeof WHEN / sizeof *WHEN));
    tcase_add_test(tc, empty_draft_has_every_variable);
    tcase_add_test(tc, a_single_contact_is_the_recipient);
    tcase_add_test(tc, two_unmarked_contacts_leave_no_recipient);
    tcase_add_test(tc, exactly_one_scenario_and_one_tone_flag);
    tcase_add_test(tc, exactly_one_reason_share_flag);
    tcase_add_test(tc, channel_is_chosen_from_what_is_known);
    tcase_add_test(tc, without_labels_ids_stand_for_labels);
    tcase_add_test(tc, offer_dates_and_medium);
    tcase_add_test(tc, stay_in_touch_choices_are_kept);
    tcase_add_test(tc, view_of_nothing_is_still_a_view);
    suite_add_tcase(s, tc);
    return s;
}
