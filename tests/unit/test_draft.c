/* test_draft.c — the draft model: format rules, field paths, round trips, saving. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ajar/draft.h"
#include "ajar/json.h"
#include "ajar/schema.h"
#include "ajar/store.h"
#include "ajar/strbuf.h"

Suite *draft_suite(void);

#define FULL "tests/fixtures/drafts/full.json"

static ajar_draft *load_ok(const char *path)
{
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    ajar_status st = ajar_draft_load(path, &d, &errs);
    if (st != AJAR_OK) {
        char *m = ajar_error_format(&errs.items[0]);
        ck_abort_msg("%s did not load: %s", path, m);
    }
    return d;
}

static ajar_status parse(const char *text, ajar_draft **d, ajar_errors *errs)
{
    return ajar_draft_parse(text, strlen(text), "d.json", d, errs);
}

/* A draft that breaks one rule, the field the error must name, and a part of
 * the message. Each sits inside an otherwise valid draft. */
typedef struct rule_case {
    const char *json;
    ajar_status code;
    const char *field;
    const char *message_part;
} rule_case;

static const rule_case RULES[] = {
    {"[]", AJAR_E_INVALID, NULL, "a draft is a JSON object"},
    {"{}", AJAR_E_INVALID, "ajar", "missing the format version"},
    {"{\"ajar\": \"1\"}", AJAR_E_INVALID, "ajar", "whole number"},
    {"{\"ajar\": 0}", AJAR_E_INVALID, "ajar", "whole number"},
    {"{\"ajar\": 1.5}", AJAR_E_INVALID, "ajar", "whole number"},
    {"{\"ajar\": 2, \"tone\": 7}", AJAR_E_VERSION, NULL, "format 2, written by a newer ajar"},
    {"{\"ajar\": 1, \"Ajar\": 2, \"scenario\": \"job\"}", AJAR_E_INVALID, "scenario",
     "is not one of offer, recruiter, former-employer or after-acceptance"},
    {"{\"ajar\": 1, \"tone\": \"Warm\"}", AJAR_E_INVALID, "tone", "\"Warm\" is not one of"},
    {"{\"ajar\": 1, \"me\": \"Dana\"}", AJAR_E_INVALID, "me", "expected an object, found a string"},
    {"{\"ajar\": 1, \"me\": {\"name\": 42}}", AJAR_E_INVALID, "me.name",
     "expected a string, found a number"},
    {"{\"ajar\": 1, \"me\": {\"name\": \"Dana\\nBcc: x@y.z\"}}", AJAR_E_INVALID, "me.name",
     "control character U+000A at character 5"},
    {"{\"ajar\": 1, \"offer\": {\"company\": \"Acme\\u001b[31m\"}}", AJAR_E_INVALID,
     "offer.company", "U+001B"},
    {"{\"ajar\": 1, \"offer\": {\"company\": \"Acme\\u009b\"}}", AJAR_E_INVALID, "offer.company",
     "U+009B"},
    {"{\"ajar\": 1, \"offer\": {\"role\": \"a\\rb\"}}", AJAR_E_INVALID, "offer.role", "U+000D"},
    {"{\"ajar\": 1, \"resource\": {\"insight\": \"ok\\nbut \\u0007 bell\"}}", AJAR_E_INVALID,
     "resource.insight", "only line breaks and tabs"},
    {"{\"ajar\": 1, \"offer\": {\"made_on\": \"2026-02-30\"}}", AJAR_E_INVALID, "offer.made_on",
     "not a real date"},
    {"{\"ajar\": 1, \"offer\": {\"respond_by\": \"2026-11-5\"}}", AJAR_E_INVALID,
     "offer.respond_by", "YYYY-MM-DD"},
    {"{\"ajar\": 1, \"offer\": {\"decided_on\": \"tomorrow\"}}", AJAR_E_INVALID, "offer.decided_on",
     "not a real date"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": \"2026-02-30 10:00\"}}", AJAR_E_INVALID,
     "offer.send_at", "not a real local date and time written YYYY-MM-DD HH:MM"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": \"2026-11-20 24:00\"}}", AJAR_E_INVALID,
     "offer.send_at", "24-hour"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": \"2026-11-20T10:00\"}}", AJAR_E_INVALID,
     "offer.send_at", "\"2026-11-20T10:00\" is not"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": \"2026-11-20 9:30\"}}", AJAR_E_INVALID,
     "offer.send_at", "is not a real"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": \"2026-11-20 10:60\"}}", AJAR_E_INVALID,
     "offer.send_at", "is not a real"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": \"2026-11-20 10:00:00\"}}", AJAR_E_INVALID,
     "offer.send_at", "is not a real"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": \"2026-11-20 10:00Z\"}}", AJAR_E_INVALID,
     "offer.send_at", "is not a real"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": \"2026-11-20\"}}", AJAR_E_INVALID,
     "offer.send_at", "is not a real"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": \"2026-11-20  10:00\"}}", AJAR_E_INVALID,
     "offer.send_at", "is not a real"},
    {"{\"ajar\": 1, \"offer\": {\"send_at\": 202611201000}}", AJAR_E_INVALID,
     "offer.send_at", "expected a string, found a number"},
    {"{\"ajar\": 1, \"offer\": {\"medium\": \"fax\"}}", AJAR_E_INVALID, "offer.medium",
     "is not one of"},
    {"{\"ajar\": 1, \"reason\": {\"kind\": \"boss\"}}", AJAR_E_INVALID, "reason.kind",
     "is not one of"},
    {"{\"ajar\": 1, \"reason\": {\"share\": \"all\"}}", AJAR_E_INVALID, "reason.share",
     "is not one of plain, softened or private"},
    {"{\"ajar\": 1, \"positives\": \"nice people\"}", AJAR_E_INVALID, "positives",
     "expected an array"},
    {"{\"ajar\": 1, \"positives\": [\"ok\", 3]}", AJAR_E_INVALID, "positives[1]",
     "expected a string"},
    {"{\"ajar\": 1, \"thanks\": {\"honour\": \"yes\"}}", AJAR_E_INVALID, "thanks.honour",
     "expected true or false"},
    {"{\"ajar\": 1, \"contacts\": [{}, {\"role\": \"boss\"}]}", AJAR_E_INVALID, "contacts[1].role",
     "is not one of"},
    {"{\"ajar\": 1, \"contacts\": [{\"channel\": \"fax\"}]}", AJAR_E_INVALID,
     "contacts[0].channel", "is not one of"},
    {"{\"ajar\": 1, \"contacts\": [{}, {}, {\"email\": \"priya at example\"}]}", AJAR_E_INVALID,
     "contacts[2].email", "not an e-mail address"},
    {"{\"ajar\": 1, \"contacts\": [{\"email\": \"a@b.c>, evil@x.y\"}]}", AJAR_E_INVALID,
     "contacts[0].email", "not an e-mail address"},
    {"{\"ajar\": 1, \"contacts\": [{\"made_offer\": true}, {\"made_offer\": false},"
     " {\"made_offer\": true}]}",
     AJAR_E_INVALID, "contacts[2].made_offer", "contacts[0] already has"},
    {"{\"ajar\": 1, \"contacts\": [{\"made_offer\": 1}]}", AJAR_E_INVALID,
     "contacts[0].made_offer", "expected true or false"},
    {"{\"ajar\": 1, \"stay_in_touch\": {\"checkins_months\": [3, 0]}}", AJAR_E_INVALID,
     "stay_in_touch.checkins_months[1]", "0 is out of range; expected 1 to 120"},
    {"{\"ajar\": 1, \"stay_in_touch\": {\"checkins_months\": [121]}}", AJAR_E_INVALID,
     "stay_in_touch.checkins_months[0]", "out of range"},
    {"{\"ajar\": 1, \"stay_in_touch\": {\"checkins_months\": [1e300]}}", AJAR_E_INVALID,
     "stay_in_touch.checkins_months[0]", "out of range"},
    {"{\"ajar\": 1, \"stay_in_touch\": {\"checkins_months\": [2.5]}}", AJAR_E_INVALID,
     "stay_in_touch.checkins_months[0]", "found a fraction"},
    {"{\"ajar\": 1, \"stay_in_touch\": {\"checkins_months\": [\"3\"]}}", AJAR_E_INVALID,
     "stay_in_touch.checkins_months[0]", "found a string"},
    {"{\"ajar\": 1, \"resource\": {\"referrals\": [{\"email\": \"nope\"}]}}", AJAR_E_INVALID,
     "resource.referrals[0].email", "not an e-mail address"},
    {"{\"ajar\": 1, \"steps\": {\"honest\": \"finished\"}}", AJAR_E_INVALID, "steps.honest",
     "is not one of todo, done or skipped"},
};

START_TEST(each_rule_is_enforced)
{
    const rule_case *c = &RULES[_i];
    ajar_errors errs = {0};
    ajar_draft *d = (ajar_draft *)1;
    ck_assert_int_eq(parse(c->json, &d, &errs), c->code);
    ck_assert_ptr_null(d);
    ck_assert_uint_ge(errs.count, 1);
    const ajar_error *e = &errs.items[0];
    ck_assert_str_eq(e->file, "d.json");
    if (c->field)
        ck_assert_str_eq(e->field, c->field);
    else if (c->code == AJAR_E_VERSION)
        ck_assert_ptr_null(e->field);
    ck_assert_msg(strstr(e->message, c->message_part), "case %d: '%s' lacks '%s'", _i, e->message,
                  c->message_part);
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(every_problem_is_reported_not_just_the_first)
{
    ajar_errors errs = {0};
    ajar_draft *d;
    ck_assert_int_eq(parse("{\"ajar\": 1, \"tone\": \"x\", \"me\": {\"email\": \"y\"},"
                           " \"contacts\": [{\"role\": \"z\"}]}",
                           &d, &errs),
                     AJAR_E_INVALID);
    ck_assert_uint_eq(errs.count, 3);
    ck_assert_str_eq(errs.items[0].field, "tone");
    ck_assert_str_eq(errs.items[1].field, "me.email");
    ck_assert_str_eq(errs.items[2].field, "contacts[0].role");
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(unanswered_values_are_valid)
{
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    ck_assert_int_eq(parse("{\"ajar\": 1, \"tone\": \"\", \"scenario\": null,"
                           " \"offer\": {\"made_on\": \"\", \"medium\": null, \"send_at\": \"\"},"
                           " \"me\": {\"email\": \"\"}, \"contacts\": [{\"made_offer\": false}],"
                           " \"positives\": null}",
                           &d, &errs),
                     AJAR_OK);
    ajar_draft_free(d);
}
END_TEST

START_TEST(send_at_accepts_local_times_of_real_days)
{
    const char *good[] = {"2026-11-20 00:00", "2026-11-20 23:59", "2024-02-29 12:00", "\"\"", "null"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char *text = ajar_asprintf("{\"ajar\": 1, \"offer\": {\"send_at\": %s%s%s}}",
                                   good[i][0] == '2' ? "\"" : "", good[i],
                                   good[i][0] == '2' ? "\"" : "");
        ajar_errors errs = {0};
        ajar_draft *d = NULL;
        ck_assert_msg(parse(text, &d, &errs) == AJAR_OK, "%s refused", good[i]);
        ajar_draft_free(d);
        free(text);
    }
    ajar_draft *d = ajar_draft_new(NULL);
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_draft_set_string(d, "offer.send_at", "2025-02-29 10:00", &errs),
                     AJAR_E_INVALID);
    ck_assert_str_eq(errs.items[0].field, "offer.send_at");
    ck_assert_int_eq(ajar_draft_set_string(d, "offer.send_at", "2026-11-19 16:45", &errs), AJAR_OK);
    ck_assert_str_eq(ajar_draft_string(d, "offer.send_at"), "2026-11-19 16:45");
    ajar_errors_clear(&errs);
    ajar_draft_free(d);
}
END_TEST

START_TEST(long_fields_are_refused)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "{\"ajar\": 1, \"me\": {\"name\": \"");
    for (int i = 0; i < AJAR_LINE_MAX_CHARS + 1; i++)
        ajar_strbuf_puts(&b, "é");
    ajar_strbuf_puts(&b, "\"}}");
    char *text = ajar_strbuf_take(&b);
    ajar_errors errs = {0};
    ajar_draft *d;
    ck_assert_int_eq(parse(text, &d, &errs), AJAR_E_INVALID);
    ck_assert_str_eq(errs.items[0].field, "me.name");
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "501 characters long; the limit is 500"));
    ajar_errors_clear(&errs);
    free(text);
}
END_TEST

START_TEST(full_example_loads_and_round_trips_unknown_keys)
{
    ajar_draft *d = load_ok(FULL);
    ck_assert_str_eq(ajar_draft_string(d, "me.name"), "Zoë Ångström");
    ck_assert_str_eq(ajar_draft_string(d, "contacts[1].name"), "李娜");
    ck_assert_str_eq(ajar_draft_string(d, "contacts[-1].name"), "李娜");
    ck_assert_int_eq(ajar_draft_bool(d, "contacts[0].made_offer", 0), 1);
    ck_assert_uint_eq(ajar_draft_steps_done(d), 2);
    char *text = ajar_draft_serialize(d);
    ck_assert_ptr_nonnull(strstr(text, "\"x-crm-id\": 4411"));
    ck_assert_ptr_nonnull(strstr(text, "\"tags\": [\n      \"job\",\n      2026,\n      null,\n"
                                       "      0.1,\n      1.5e-07\n    ]"));
    ajar_draft *again = NULL;
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_draft_parse(text, strlen(text), "again", &again, &errs), AJAR_OK);
    ck_assert(cJSON_Compare(ajar_draft_root(d), ajar_draft_root(again), 1));
    char *text2 = ajar_draft_serialize(again);
    ck_assert_str_eq(text, text2);
    free(text);
    free(text2);
    ajar_draft_free(d);
    ajar_draft_free(again);
}
END_TEST

START_TEST(new_drafts_are_valid_for_every_scenario)
{
    const char *scenarios[] = {"offer", "recruiter", "former-employer", "after-acceptance"};
    for (size_t i = 0; i < 4; i++) {
        ajar_draft *d = ajar_draft_new(scenarios[i]);
        ck_assert_ptr_nonnull(d);
        ajar_errors errs = {0};
        ck_assert_int_eq(ajar_draft_validate(d, "new", &errs), AJAR_OK);
        ck_assert_str_eq(ajar_draft_string(d, "scenario"), scenarios[i]);
        const cJSON *v;
        ck_assert_int_eq(ajar_draft_get(d, "ajar", &v, NULL), AJAR_OK);
        ck_assert_int_eq(v->valueint, AJAR_FORMAT_VERSION);
        ajar_draft_free(d);
    }
    ck_assert_ptr_null(ajar_draft_new("party"));
}
END_TEST

START_TEST(get_reports_missing_fields_and_bad_paths)
{
    ajar_draft *d = load_ok(FULL);
    ajar_errors errs = {0};
    const cJSON *v;
    ck_assert_int_eq(ajar_draft_get(d, "contacts[1].email", &v, &errs), AJAR_OK);
    ck_assert_str_eq(v->valuestring, "li.na@lumen.example");
    ck_assert_int_eq(ajar_draft_get(d, "stay_in_touch.checkins_months[2]", &v, &errs), AJAR_OK);
    ck_assert_int_eq(v->valueint, 12);
    ck_assert_int_eq(ajar_draft_get(d, "contacts[5].email", &v, &errs), AJAR_E_NOTFOUND);
    ck_assert_str_eq(errs.items[0].message, "contacts has 2 items, so there is no item [5]");
    ck_assert_int_eq(ajar_draft_get(d, "contacts[-3]", &v, &errs), AJAR_E_NOTFOUND);
    ck_assert_int_eq(ajar_draft_get(d, "offer.salary", &v, &errs), AJAR_E_NOTFOUND);
    ck_assert_str_eq(errs.items[2].field, "offer.salary");
    ck_assert_int_eq(ajar_draft_get(d, "offer.company.name", &v, &errs), AJAR_E_NOTFOUND);
    ck_assert_str_eq(errs.items[3].message, "offer.company is not an object");
    const char *bad[] = {"", ".a", "a.", "a..b", "a[", "a[x]", "a[1", "[0]", "a[+]", "a b", "a[1]b"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ajar_errors e2 = {0};
        ck_assert_msg(ajar_draft_get(d, bad[i], &v, &e2) == AJAR_E_USAGE, "path '%s'", bad[i]);
        ck_assert_ptr_nonnull(strstr(e2.items[0].message, "bad field path"));
        ajar_errors_clear(&e2);
    }
    ajar_errors_clear(&errs);
    ajar_draft_free(d);
}
END_TEST

START_TEST(set_creates_appends_and_refuses_bad_values)
{
    ajar_draft *d = ajar_draft_new(NULL);
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_draft_set_string(d, "offer.company", "Lumen Freight", &errs), AJAR_OK);
    ck_assert_int_eq(ajar_draft_set_string(d, "contacts[+].name", "Ana", &errs), AJAR_OK);
    ck_assert_int_eq(ajar_draft_set_string(d, "contacts[+].name", "Ben", &errs), AJAR_OK);
    ck_assert_int_eq(ajar_draft_set_string(d, "contacts[-1].role", "hr", &errs), AJAR_OK);
    ck_assert_int_eq(ajar_draft_set(d, "contacts[0].made_offer", cJSON_CreateTrue(), &errs), AJAR_OK);
    ck_assert_int_eq(ajar_draft_set(d, "x-mine.deep[+]", cJSON_CreateNumber(4), &errs), AJAR_OK);
    ck_assert_str_eq(ajar_draft_string(d, "contacts[1].role"), "hr");
    ck_assert_uint_eq(errs.count, 0);
    char *before = ajar_draft_serialize(d);
    /* Each of these fails and leaves the draft exactly as it was. */
    ck_assert_int_eq(ajar_draft_set_string(d, "tone", "chirpy", &errs), AJAR_E_INVALID);
    ck_assert_int_eq(ajar_draft_set_string(d, "offer.company.name", "x", &errs), AJAR_E_NOTFOUND);
    ck_assert_int_eq(ajar_draft_set_string(d, "contacts[7].name", "x", &errs), AJAR_E_NOTFOUND);
    ck_assert_int_eq(ajar_draft_set_string(d, "newlist[0].name", "x", &errs), AJAR_E_NOTFOUND);
    ck_assert_int_eq(ajar_draft_set_string(d, "me.name", "a\x1b]0;pwn\x07", &errs), AJAR_E_INVALID);
    ck_assert_int_eq(ajar_draft_set(d, "stay_in_touch.checkins_months[+]", cJSON_CreateNumber(500),
                                    &errs),
                     AJAR_E_INVALID);
    ck_assert_int_eq(ajar_draft_set_string(d, "a..b", "x", &errs), AJAR_E_USAGE);
    char *after = ajar_draft_serialize(d);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    /* A second offer-maker is a whole-draft rule, caught by validation. */
    ck_assert_int_eq(ajar_draft_set(d, "contacts[1].made_offer", cJSON_CreateTrue(), &errs), AJAR_OK);
    ajar_errors_clear(&errs);
    ck_assert_int_eq(ajar_draft_validate(d, "d", &errs), AJAR_E_INVALID);
    ck_assert_str_eq(errs.items[0].field, "contacts[1].made_offer");
    ajar_errors_clear(&errs);
    ck_assert_int_eq(ajar_draft_remove(d, "contacts[1]", &errs), AJAR_OK);
    ck_assert_int_eq(ajar_draft_validate(d, "d", &errs), AJAR_OK);
    ck_assert_int_eq(ajar_draft_remove(d, "contacts[1]", &errs), AJAR_E_NOTFOUND);
    ck_assert_int_eq(ajar_draft_remove(d, "offer.company", NULL), AJAR_OK);
    ck_assert_ptr_null(ajar_draft_string(d, "offer.company"));
    ajar_errors_clear(&errs);
    ajar_draft_free(d);
}
END_TEST

START_TEST(value_from_text_follows_the_field_type)
{
    struct {
        const char *path, *text, *json;
    } cases[] = {
        {"me.phone", "5550100", "\"5550100\""},
        {"me.name", "Dana", "\"Dana\""},
        {"me.name", "\"Dana\"", "\"Dana\""},
        {"me.name", "null", "null"},
        {"offer.made_on", "2026-11-18", "\"2026-11-18\""},
        {"offer.send_at", "2026-11-18 09:30", "\"2026-11-18 09:30\""},
        {"thanks.honour", "false", "false"},
        {"stay_in_touch.checkins_months", "[1, 2]", "[1,2]"},
        {"contacts[+]", "{\"name\":\"Ana\"}", "{\"name\":\"Ana\"}"},
        {"x-unknown", "12", "12"},
        {"x-unknown", "twelve", "\"twelve\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *v = ajar_draft_value_from_text(cases[i].path, cases[i].text);
        char *s = ajar_json_print_compact(v);
        ck_assert_msg(strcmp(s, cases[i].json) == 0, "%s=%s gave %s", cases[i].path, cases[i].text, s);
        free(s);
        cJSON_Delete(v);
    }
}
END_TEST

START_TEST(save_refuses_invalid_drafts_and_writes_valid_ones)
{
    char dir[] = "/tmp/ajar-draft-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *path = ajar_asprintf("%s/d.json", dir);
    ajar_draft *d = ajar_draft_new("recruiter");
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_draft_save(d, path, &errs), AJAR_OK);
    ajar_draft *back = load_ok(path);
    ck_assert(cJSON_Compare(ajar_draft_root(d), ajar_draft_root(back), 1));
    ajar_draft_set(d, "contacts[+].made_offer", cJSON_CreateTrue(), NULL);
    ajar_draft_set(d, "contacts[+].made_offer", cJSON_CreateTrue(), NULL);
    ck_assert_int_eq(ajar_draft_save(d, path, &errs), AJAR_E_INVALID);
    ajar_draft *still = load_ok(path);
    ck_assert(cJSON_Compare(ajar_draft_root(still), ajar_draft_root(back), 1));
    ajar_draft_free(still);
    ajar_errors_clear(&errs);
    ck_assert_int_eq(ajar_draft_load("/nonexistent/d.json", &still, &errs), AJAR_E_NOTFOUND);
    ck_assert_ptr_null(still);
    ajar_errors_clear(&errs);
    ajar_draft_free(d);
    ajar_draft_free(back);
    ajar_draft_free(NULL);
    unlink(path);
    rmdir(dir);
    free(path);
}
END_TEST

/* Objects a deep path creates can nest beyond what the loader reads: the
 * save refuses, naming the draft but no line and column, as the text that
 * failed was never written. */
START_TEST(save_refuses_what_would_not_read_back)
{
    char dir[] = "/tmp/ajar-draft-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *path = ajar_asprintf("%s/d.json", dir);
    ajar_draft *d = ajar_draft_new("offer");
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_draft_save(d, path, &errs), AJAR_OK);
    ajar_strbuf deep;
    ajar_strbuf_init(&deep);
    ajar_strbuf_puts(&deep, "x");
    for (int i = 0; i < 70; i++)
        ajar_strbuf_puts(&deep, ".a");
    char *p = ajar_strbuf_take(&deep);
    ck_assert_int_eq(ajar_draft_set(d, p, cJSON_CreateNumber(1), &errs), AJAR_OK);
    ck_assert_int_eq(ajar_draft_validate(d, path, &errs), AJAR_OK);
    ck_assert_int_eq(ajar_draft_save(d, path, &errs), AJAR_E_SYNTAX);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].file, path);
    ck_assert_int_eq(errs.items[0].line, 0);
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "could not be read back, so it was not saved: "
                                                        "nested deeper than 64 levels"));
    ajar_errors_clear(&errs);
    ajar_draft *back = load_ok(path);
    ck_assert_ptr_null(ajar_draft_string(back, "x"));
    ajar_draft_free(back);
    ajar_draft_free(d);
    free(p);
    unlink(path);
    rmdir(dir);
    free(path);
}
END_TEST

START_TEST(oversized_files_are_refused)
{
    char path[] = "/tmp/ajar-big-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("{\"ajar\": 1, \"x\": \"", f);
    for (int i = 0; i < AJAR_DRAFT_MAX_BYTES; i++)
        fputc('a', f);
    fputs("\"}", f);
    fclose(f);
    ajar_errors errs = {0};
    ajar_draft *d;
    ck_assert_int_eq(ajar_draft_load(path, &d, &errs), AJAR_E_INVALID);
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, path));
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "larger than the limit of 1048576 bytes"));
    ajar_errors_clear(&errs);
    unlink(path);
}
END_TEST

START_TEST(every_field_is_documented)
{
    char *doc = NULL;
    size_t len = 0;
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_store_read_file("docs/draft-format.md", 1 << 20, &doc, &len, &errs), AJAR_OK);
    size_t n;
    const ajar_field_spec *f = ajar_schema_fields(&n);
    for (size_t i = 0; i < n; i++) {
        if (!*f[i].pattern)
            continue;
        char *row = ajar_asprintf("`%s`", f[i].pattern);
        ck_assert_msg(strstr(doc, row), "docs/draft-format.md does not document %s", row);
        free(row);
        for (const char *const *c = f[i].choices; c && *c; c++) {
            char *id = ajar_asprintf("`%s`", *c);
            ck_assert_msg(strstr(doc, id), "docs/draft-format.md lacks the choice %s of %s", id,
                          f[i].pattern);
            free(id);
        }
    }
    free(doc);
}
END_TEST

Suite *draft_suite(void)
{
    Suite *s = suite_create("draft");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, each_rule_is_enforced, 0, (int)(sizeof RULES / sizeof RULES[0]));
    tcase_add_test(tc, every_problem_is_reported_not_just_the_first);
    tcase_add_test(tc, unanswered_values_are_valid);
    tcase_add_test(tc, send_at_accepts_local_times_of_real_days);
    tcase_add_test(tc, long_fields_are_refused);
    tcase_add_test(tc, full_example_loads_and_round_trips_unknown_keys);
    tcase_add_test(tc, new_drafts_are_valid_for_every_scenario);
    tcase_add_test(tc, get_reports_missing_fields_and_bad_paths);
    tcase_add_test(tc, set_creates_appends_and_refuses_bad_values);
    tcase_add_test(tc, value_from_text_follows_the_field_type);
    tcase_add_test(tc, save_refuses_invalid_drafts_and_writes_valid_ones);
    tcase_add_test(tc, save_refuses_what_would_not_read_back);
    tcase_add_test(tc, oversized_files_are_refused);
    tcase_add_test(tc, every_field_is_documented);
    suite_add_tcase(s, tc);
    return s;
}
