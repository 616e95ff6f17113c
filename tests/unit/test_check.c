/* test_check.c — the tone and checklist check: every rule of data/checks.json, the rules file's errors, UTF-8 matching. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/check.h"
#include "ajar/draft.h"
#include "ajar/json.h"
#include "ajar/render.h"
#include "ajar/schema.h"
#include "ajar/store.h"
#include "ajar/strbuf.h"

Suite *check_suite(void);

#define FULL "tests/fixtures/drafts/full.json"
#define TODAY "2026-11-20" /* a Friday, as in the command-line tests */

/* ---- helpers ------------------------------------------------------------------- */

static ajar_date day(const char *s)
{
    ajar_date d;
    ck_assert_msg(ajar_date_parse(s, &d), "bad test date %s", s);
    return d;
}

static ajar_checker *real_checker(void)
{
    ajar_errors errs = {0};
    ajar_checker *c = NULL;
    ajar_status st = ajar_checker_open(".", &c, &errs);
    if (st != AJAR_OK) {
        char *m = ajar_error_format(&errs.items[0]);
        ck_abort_msg("data/checks.json: %s", m);
    }
    return c;
}

/* full.json with each "PATH=VALUE" of sets applied as `ajar set` would. */
static ajar_draft *full_with(const char *const *sets)
{
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    ck_assert_int_eq(ajar_draft_load(FULL, &d, &errs), AJAR_OK);
    for (; sets && *sets; sets++) {
        const char *eq = strchr(*sets, '=');
        char *path = strndup(*sets, (size_t)(eq - *sets));
        ck_assert_msg(ajar_draft_set(d, path, ajar_draft_value_from_text(path, eq + 1), &errs) ==
                          AJAR_OK,
                      "cannot set %s", *sets);
        free(path);
    }
    return d;
}

static ajar_draft *draft_of(const char *json)
{
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    ck_assert_int_eq(ajar_draft_parse(json, strlen(json), "t.json", &d, &errs), AJAR_OK);
    return d;
}

/* n words of letter text. */
static char *words(size_t n)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    for (size_t i = 0; i < n; i++)
        ajar_strbuf_puts(&b, i % 12 == 11 ? "word.\n" : "word ");
    ajar_strbuf_putc(&b, '\n');
    return ajar_strbuf_take(&b);
}

/* What the renderer would make of full.json, by hand: a letter of
 * `letter_words` words and a note for each of the two contacts. */
static ajar_output *fake_output(size_t letter_words, int limit)
{
    ajar_output *o = calloc(1, sizeof *o);
    o->subject = strdup("Job offer: Platform Engineer");
    o->letter = words(letter_words);
    o->linkedin_limit = limit;
    o->recipient = 0;
    o->nfollowups = 2;
    o->followups = calloc(2, sizeof *o->followups);
    static const char *const names[] = {"Tomás Ferreira", "李娜"};
    for (size_t i = 0; i < 2; i++) {
        ajar_followup *f = &o->followups[i];
        f->index = i;
        f->name = strdup(names[i]);
        f->note = strdup("Hi, thank you for our conversation. I'd like to stay in touch.");
        f->note_chars = strlen(f->note);
        f->made_offer = i == 0;
    }
    return o;
}

static void fake_free(ajar_output *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->nfollowups; i++) {
        free(o->followups[i].name);
        free(o->followups[i].note);
    }
    free(o->followups);
    free(o->subject);
    free(o->letter);
    free(o);
}

static ajar_check_result *run_check(const ajar_checker *c, const ajar_draft *d,
                                    const ajar_output *o, const char *today)
{
    ajar_errors errs = {0};
    ajar_check_result *r = NULL;
    ck_assert_int_eq(ajar_check_run(c, d, o, day(today), &r, &errs), AJAR_OK);
    ck_assert_ptr_nonnull(r);
    return r;
}

static const ajar_finding *find(const ajar_check_result *r, const char *rule)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->findings[i].rule_id, rule) == 0)
            return &r->findings[i];
    return NULL;
}

static size_t count_rule(const ajar_check_result *r, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += strcmp(r->findings[i].rule_id, rule) == 0;
    return n;
}

static char *describe(const ajar_check_result *r)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    for (size_t i = 0; i < r->n; i++)
        ajar_strbuf_printf(&b, "\n  %s %s %s: %s", ajar_severity_name(r->findings[i].severity),
                           r->findings[i].rule_id, r->findings[i].field, r->findings[i].message);
    char *s = ajar_strbuf_take(&b);
    return s ? s : strdup("?");
}

/* ---- the good drafts stay quiet -------------------------------------------------------- */

START_TEST(full_draft_has_no_findings_and_meets_all_eight)
{
    ajar_checker *c = real_checker();
    ajar_draft *d = full_with(NULL);
    ajar_output *o = fake_output(150, AJAR_LINKEDIN_LIMIT);
    ajar_check_result *r = run_check(c, d, o, TODAY);
    char *desc = describe(r);
    ck_assert_msg(r->n == 0, "findings on full.json:%s", desc);
    free(desc);
    ck_assert_int_eq(r->letter_checked, 1);
    for (size_t i = 0; i < AJAR_CHECKLIST_COUNT; i++)
        ck_assert_msg(r->fulfilled[i], "%s not met", ajar_checklist_id(i));
    ajar_check_result_free(r);
    /* Without a rendered letter the letter rules are skipped, nothing else changes. */
    r = run_check(c, d, NULL, TODAY);
    ck_assert_uint_eq(r->n, 0);
    ck_assert_int_eq(r->letter_checked, 0);
    ajar_check_result_free(r);
    fake_free(o);
    ajar_draft_free(d);
    ajar_checker_free(c);
}
END_TEST

START_TEST(full_draft_rendered_for_real_has_no_findings)
{
    ajar_checker *c = real_checker();
    ajar_errors errs = {0};
    ajar_renderer *rr = NULL;
    ck_assert_int_eq(ajar_renderer_open(".", NULL, &rr, &errs), AJAR_OK);
    ajar_draft *d = full_with(NULL);
    ajar_render_opts opts = {.today = day(TODAY)};
    ajar_output *o = NULL;
    ck_assert_int_eq(ajar_render(rr, d, &opts, &o, &errs), AJAR_OK);
    ajar_check_result *r = run_check(c, d, o, TODAY);
    char *desc = describe(r);
    ck_assert_msg(r->n == 0, "findings on the rendered full.json:%s", desc);
    free(desc);
    ajar_check_result_free(r);
    ajar_output_free(o);
    ajar_renderer_free(rr);
    ajar_draft_free(d);
    ajar_checker_free(c);
}
END_TEST

/* ---- every rule fires on a crafted draft, and not a step before its threshold ---------- */

typedef struct fire_case {
    const char *sets[5];  /* PATH=VALUE applied to full.json */
    const char *rule;
    const char *field;    /* the finding's field; NULL: the rule must stay quiet */
    ajar_severity severity;
    const char *message_part; /* NULL: not checked */
    const char *today;    /* NULL: TODAY */
} fire_case;

static const fire_case FIRES[] = {
    /* a late answer */
    {{"offer.decided_on=2026-11-18"}, "late-decision", "offer.decided_on", AJAR_SEV_WARNING,
     "You decided 2 days ago", NULL},
    {{"offer.decided_on=2026-11-19"}, "late-decision", NULL, 0, NULL, NULL},
    {{"offer.decided_on=2026-11-25"}, "late-decision", NULL, 0, NULL, NULL},
    {{"offer.made_on=2026-11-12"}, "offer-waiting", "offer.made_on", AJAR_SEV_INFO, "8 days old", NULL},
    {{"offer.made_on=2026-11-13"}, "offer-waiting", NULL, 0, NULL, NULL},
    {{"offer.made_on=2026-11-06"}, "offer-waiting", "offer.made_on", AJAR_SEV_INFO, "14 days", NULL},
    {{"offer.made_on=2026-11-06"}, "offer-old", NULL, 0, NULL, NULL},
    {{"offer.made_on=2026-11-05"}, "offer-old", "offer.made_on", AJAR_SEV_WARNING, "15 days ago", NULL},
    {{"offer.made_on=2026-11-05"}, "offer-waiting", NULL, 0, NULL, NULL}, /* one of the group */
    {{"offer.respond_by=2026-11-19"}, "deadline-passed", "offer.respond_by", AJAR_SEV_ERROR,
     "due on Thursday 19 November 2026, 1 day ago", NULL},
    {{"offer.respond_by=2026-11-17"}, "deadline-passed", "offer.respond_by", AJAR_SEV_ERROR,
     "3 days ago", NULL},
    {{"offer.respond_by=2026-11-20"}, "deadline-passed", NULL, 0, NULL, NULL},
    {{"offer.respond_by=2026-11-20"}, "deadline-close", "offer.respond_by", AJAR_SEV_INFO,
     "Friday 20 November 2026", NULL},
    {{"offer.respond_by=2026-11-21"}, "deadline-close", "offer.respond_by", AJAR_SEV_INFO, NULL, NULL},
    {{"offer.respond_by=2026-11-22"}, "deadline-close", NULL, 0, NULL, NULL},
    {{"offer.respond_by=2026-11-19"}, "deadline-close", NULL, 0, NULL, NULL},
    /* when to send: 2026-11-20 is a Friday */
    {{"offer.send_at=2026-11-20 11:59"}, "send-friday-afternoon", NULL, 0, NULL, NULL},
    {{"offer.send_at=2026-11-20 12:00"}, "send-friday-afternoon", "offer.send_at", AJAR_SEV_INFO,
     "(12:00)", NULL},
    {{"offer.send_at=2026-11-20 13:00"}, "send-friday-afternoon", "offer.send_at", AJAR_SEV_INFO,
     NULL, NULL},
    {{"offer.send_at=2026-11-20 16:59"}, "send-outside-hours", NULL, 0, NULL, NULL},
    {{"offer.send_at=2026-11-20 17:00"}, "send-outside-hours", "offer.send_at", AJAR_SEV_WARNING,
     "Friday at 17:00", NULL},
    {{"offer.send_at=2026-11-20 17:00"}, "send-friday-afternoon", NULL, 0, NULL, NULL},
    {{"offer.send_at=2026-11-19 13:00"}, "send-friday-afternoon", NULL, 0, NULL, "2026-11-19"},
    {{"offer.send_at=2026-11-23 09:00"}, "send-outside-hours", NULL, 0, NULL, NULL},
    {{"offer.send_at=2026-11-23 08:59"}, "send-outside-hours", "offer.send_at", AJAR_SEV_WARNING,
     "Monday at 08:59", NULL},
    {{"offer.send_at=2026-11-21 10:00"}, "send-outside-hours", "offer.send_at", AJAR_SEV_WARNING,
     "Saturday", NULL},
    {{"offer.send_at=2026-11-19 10:00"}, "send-time-past", "offer.send_at", AJAR_SEV_INFO,
     "Thursday 19 November 2026", NULL},
    {{"offer.send_at=2026-11-20 08:00"}, "send-time-past", NULL, 0, NULL, NULL},
    /* negative or blaming words, matched as words, in any case */
    {{"positives[0]=even the rude recruiter"}, "negative-words", "positives[0]", AJAR_SEV_WARNING,
     "“rude”", NULL},
    {{"contacts[1].talked_about=a TERRIBLE, Awful on-call week"}, "negative-words",
     "contacts[1].talked_about", AJAR_SEV_WARNING, "“TERRIBLE”, “Awful”", NULL},
    {{"thanks.for=the time you wasted my time"}, "negative-words", "thanks.for", AJAR_SEV_WARNING,
     "“wasted my time”", NULL},
    {{"reason.would_reconsider=nobody to blame"}, "negative-words", "reason.would_reconsider",
     AJAR_SEV_WARNING, "“blame”", NULL},
    {{"positives[0]=the rudeness-free culture and prudent planning"}, "negative-words", NULL, 0,
     NULL, NULL},
    /* wavering */
    {{"reason.detail=a role I might reconsider next year"}, "wavering", "reason.detail",
     AJAR_SEV_WARNING, "“might reconsider”", NULL},
    {{"resource.insight=I am not\nsure the pay is right"}, "wavering", "resource.insight",
     AJAR_SEV_WARNING, "not\nsure", NULL},
    {{"reason.detail=for now I think it is better to stay"}, "wavering", "reason.detail",
     AJAR_SEV_WARNING, NULL, NULL},
    {{"reason.detail=I don’t think I’ll take it"}, "wavering", "reason.detail", AJAR_SEV_WARNING,
     NULL, NULL},
    /* over-explaining: at most two sentences and 35 words */
    {{"reason.detail=I accepted another role. It is closer to home."}, "over-explaining", NULL, 0,
     NULL, NULL},
    {{"reason.detail=I accepted another role. It is closer to home. And the team is great."},
     "over-explaining", "reason.detail", AJAR_SEV_WARNING, "in 3 sentences", NULL},
    {{"reason.detail=e.g. a role closer to home, i.e. nearer my family. That is all."},
     "over-explaining", NULL, 0, NULL, NULL},
    {{"reason.detail=one two three four five six seven eight nine ten one two three four five six "
      "seven eight nine ten one two three four five six seven eight nine ten one two three four "
      "five"},
     "over-explaining", NULL, 0, NULL, NULL},
    {{"reason.detail=one two three four five six seven eight nine ten one two three four five six "
      "seven eight nine ten one two three four five six seven eight nine ten one two three four "
      "five six"},
     "over-explaining", "reason.detail", AJAR_SEV_WARNING, "36 words in 1 sentence;", NULL},
    {{"reason.would_reconsider=a remote role. Or a hybrid one. Or a move to Lisbon."},
     "over-explaining", "reason.would_reconsider", AJAR_SEV_WARNING, NULL, NULL},
    /* naming another company */
    {{"reason.detail=an offer from Globex that fits my goals"}, "other-company", "reason.detail",
     AJAR_SEV_WARNING, "names Globex,", NULL},
    {{"reason.detail=I am joining Initech Labs in March"}, "other-company", "reason.detail",
     AJAR_SEV_WARNING, "Initech Labs", NULL},
    {{"positives[1]=the demo, better than anything at Hooli GmbH"}, "other-company", "positives[1]",
     AJAR_SEV_WARNING, "Hooli GmbH", NULL},
    {{"reason.detail=a role at Vandelay Industries, Inc. nearer home"}, "other-company",
     "reason.detail", AJAR_SEV_WARNING, "Vandelay Industries", NULL},
    {{"reason.detail=I accepted Ångström Robotik AB's offer"}, "other-company", "reason.detail",
     AJAR_SEV_WARNING, "Ångström Robotik", NULL},
    {{"reason.detail=I accepted a role with more travel"}, "other-company", NULL, 0, NULL, NULL},
    /* names that are not ASCII: capitals found beyond A-Z, known names folded */
    {{"reason.detail=I am joining Ørsted Wind next month"}, "other-company", "reason.detail",
     AJAR_SEV_WARNING, "names Ørsted Wind,", NULL},
    {{"reason.detail=I accepted ĽUBICA Systems"}, "other-company", "reason.detail",
     AJAR_SEV_WARNING, "names ĽUBICA Systems,", NULL},
    {{"reason.detail=signed with Žilina Labs, Inc"}, "other-company", "reason.detail",
     AJAR_SEV_WARNING, "names Žilina Labs,", NULL},
    {{"reason.detail=staying at ÅNGSTRÖM"}, "other-company", NULL, 0, NULL, NULL}, /* me.name */
    {{"reason.detail=a role at 李娜 Tech"}, "other-company", NULL, 0, NULL, NULL},
    {{"reason.detail=I would join Lumen Freight again any day"}, "other-company", NULL, 0, NULL, NULL},
    {{"reason.detail=the offer from Tomás was generous"}, "other-company", NULL, 0, NULL, NULL},
    {{"reason.detail=working at Lumen, but remotely"}, "other-company", NULL, 0, NULL, NULL},
    {{"reason.detail=I accepted. The other role is remote"}, "other-company", NULL, 0, NULL, NULL},
    {{"reason.detail=an offer at Globex", "offer.company=null"}, "other-company", "reason.detail",
     AJAR_SEV_WARNING, NULL, NULL},
    /* a private reason showing */
    {{"reason.kind=other", "reason.detail=my future boss seemed difficult"}, "sensitive-reason",
     "reason.detail", AJAR_SEV_WARNING, "“boss”", NULL},
    {{"reason.kind=other", "reason.detail=a chaotic, disorganised process"}, "sensitive-reason",
     "reason.detail", AJAR_SEV_WARNING, "“chaotic”, “disorganised”", NULL},
    {{"reason.detail=my boss", "reason.share=softened"}, "sensitive-reason", NULL, 0, NULL, NULL},
    {{"reason.detail=my boss", "reason.share=private"}, "sensitive-reason", NULL, 0, NULL, NULL},
    {{"reason.share=private", "positives[1]=how the boss ran stand-ups"}, "private-shows",
     "positives[1]", AJAR_SEV_WARNING, "“boss”", NULL},
    {{"reason.share=softened", "reason.would_reconsider=a salary that is not too low"},
     "private-shows", "reason.would_reconsider", AJAR_SEV_WARNING, NULL, NULL},
    {{"reason.share=plain", "positives[1]=how the boss ran stand-ups"}, "private-shows", NULL, 0,
     NULL, NULL},
    /* missing parts of the letter */
    {{"reason.kind=null"}, "no-reason-kind", "reason.kind", AJAR_SEV_WARNING, NULL, NULL},
    {{"reason.kind="}, "no-reason-kind", "reason.kind", AJAR_SEV_WARNING, NULL, NULL},
    {{"reason.kind=null", "reason.share=private"}, "no-reason-kind", NULL, 0, NULL, NULL},
    {{"positives=[]"}, "no-positives", "positives", AJAR_SEV_WARNING, NULL, NULL},
    {{"positives=[\"  \"]"}, "no-positives", "positives", AJAR_SEV_WARNING, NULL, NULL},
    {{"thanks.for=null"}, "no-thanks", "thanks.for", AJAR_SEV_INFO, NULL, NULL},
    {{"contacts[0].made_offer=false"}, "no-recipient", "contacts", AJAR_SEV_WARNING, NULL, NULL},
    {{"contacts=[]", "stay_in_touch.linkedin=false"}, "no-recipient", "contacts", AJAR_SEV_WARNING,
     NULL, NULL},
    {{"contacts[0].name="}, "recipient-unnamed", "contacts[0].name", AJAR_SEV_WARNING, NULL, NULL},
    {{"contacts[0].made_offer=false", "contacts[1].made_offer=true", "contacts[1].name=null"},
     "recipient-unnamed", "contacts[1].name", AJAR_SEV_WARNING, NULL, NULL},
    {{"contacts[0].email=null"}, "recipient-no-email", "contacts[0].email", AJAR_SEV_INFO,
     "for Tomás Ferreira", NULL},
    {{"contacts[0].email=null", "offer.medium=phone"}, "recipient-no-email", NULL, 0, NULL, NULL},
    {{"offer.medium=email"}, "email-only", "offer.medium", AJAR_SEV_INFO, NULL, NULL},
    {{"offer.medium=email", "scenario=recruiter"}, "email-only", NULL, 0, NULL, NULL},
    {{"me.name=null"}, "no-signature", "me.name", AJAR_SEV_WARNING, NULL, NULL},
    {{"offer.company=   "}, "no-company", "offer.company", AJAR_SEV_WARNING, NULL, NULL},
    /* inclusive, resource, stay in touch */
    {{"contacts[1].talked_about=null"}, "contact-no-topic", "contacts[1].talked_about",
     AJAR_SEV_INFO, "with 李娜", NULL},
    {{"contacts[0].talked_about=null"}, "contact-no-topic", NULL, 0, NULL, NULL},
    {{"contacts[+]={\"role\": \"hr\"}"}, "contact-no-topic", "contacts[2].talked_about",
     AJAR_SEV_INFO, "with contacts[2]", NULL},
    {{"resource.referrals=[]", "resource.insight=", "resource.offer_introductions=false"},
     "no-resource", "resource.referrals", AJAR_SEV_INFO, NULL, NULL},
    {{"resource.referrals=[]", "resource.insight="}, "no-resource", NULL, 0, NULL, NULL},
    {{"contacts=[]"}, "linkedin-no-contacts", "contacts", AJAR_SEV_WARNING, NULL, NULL},
    {{"contacts=[]", "stay_in_touch.linkedin=false"}, "linkedin-no-contacts", NULL, 0, NULL, NULL},
};

START_TEST(each_rule_fires_on_its_case)
{
    const fire_case *fc = &FIRES[_i];
    ajar_checker *c = real_checker();
    ajar_draft *d = full_with(fc->sets);
    ajar_output *o = fake_output(150, AJAR_LINKEDIN_LIMIT);
    ajar_check_result *r = run_check(c, d, o, fc->today ? fc->today : TODAY);
    const ajar_finding *f = find(r, fc->rule);
    char *desc = describe(r);
    if (!fc->field) {
        ck_assert_msg(!f, "case %d (%s): %s should be quiet:%s", _i, fc->sets[0], fc->rule, desc);
    } else {
        ck_assert_msg(f, "case %d (%s): %s did not fire:%s", _i, fc->sets[0], fc->rule, desc);
        ck_assert_str_eq(f->field, fc->field);
        ck_assert_int_eq(f->severity, fc->severity);
        ck_assert_msg(!fc->message_part || strstr(f->message, fc->message_part),
                      "case %d: '%s' lacks '%s'", _i, f->message, fc->message_part);
        ck_assert(*f->suggestion);
        ck_assert_uint_eq(count_rule(r, fc->rule), 1);
        /* A finding always names a field the draft format knows. */
        ck_assert_ptr_nonnull(ajar_schema_lookup(f->field));
    }
    free(desc);
    ajar_check_result_free(r);
    fake_free(o);
    ajar_draft_free(d);
    ajar_checker_free(c);
}
END_TEST

/* ---- rules that read the rendered letter and notes -------------------------------------- */

START_TEST(letter_length_has_exact_bounds_and_names_a_field)
{
    ajar_checker *c = real_checker();
    ajar_draft *d = full_with(NULL);
    struct {
        size_t words;
        const char *rule, *field;
    } cases[] = {
        {220, "letter-long", NULL},
        {221, "letter-long", "resource.insight"}, /* the longest answer of full.json */
        {80, "letter-short", NULL},
        {79, "letter-short", "positives"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_output *o = fake_output(cases[i].words, 0);
        ajar_check_result *r = run_check(c, d, o, TODAY);
        const ajar_finding *f = find(r, cases[i].rule);
        if (!cases[i].field) {
            ck_assert_msg(!f, "%zu words: %s fired", cases[i].words, cases[i].rule);
        } else {
            ck_assert_msg(f, "%zu words: %s quiet", cases[i].words, cases[i].rule);
            ck_assert_str_eq(f->field, cases[i].field);
            char num[16];
            snprintf(num, sizeof num, "%zu words", cases[i].words);
            ck_assert_ptr_nonnull(strstr(f->message, num));
        }
        ajar_check_result_free(r);
        fake_free(o);
    }
    /* A short letter names the first empty answer that would fill it out. */
    ajar_draft_free(d);
    const char *sets[] = {"thanks.for=", NULL};
    d = full_with(sets);
    ajar_output *o = fake_output(40, 0);
    ajar_check_result *r = run_check(c, d, o, TODAY);
    ck_assert_str_eq(find(r, "letter-short")->field, "thanks.for");
    ajar_check_result_free(r);
    fake_free(o);
    ajar_draft_free(d);
    ajar_checker_free(c);
}
END_TEST

START_TEST(linkedin_notes_over_the_limit_or_shortened)
{
    ajar_checker *c = real_checker();
    ajar_draft *d = full_with(NULL);
    ajar_output *o = fake_output(150, 200);
    o->followups[1].note_chars = 200;
    ajar_check_result *r = run_check(c, d, o, TODAY);
    ck_assert_ptr_null(find(r, "linkedin-note-long"));
    ajar_check_result_free(r);

    o->followups[1].note_chars = 201;
    r = run_check(c, d, o, TODAY);
    const ajar_finding *f = find(r, "linkedin-note-long");
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->field, "contacts[1].talked_about");
    ck_assert_int_eq(f->severity, AJAR_SEV_ERROR);
    ck_assert_str_eq(f->message, "The LinkedIn note for 李娜 has 201 characters; LinkedIn takes at most 200.");
    ck_assert_str_eq(r->findings[0].rule_id, "linkedin-note-long"); /* errors come first */
    ck_assert_uint_eq(r->counts[AJAR_SEV_ERROR], 1);
    ck_assert_int_eq(r->fulfilled[7], 0);
    ajar_check_result_free(r);

    o->linkedin_limit = AJAR_LINKEDIN_LIMIT_PREMIUM;
    r = run_check(c, d, o, TODAY);
    ck_assert_ptr_null(find(r, "linkedin-note-long"));
    ajar_check_result_free(r);

    o->followups[0].note_shortened = 1;
    r = run_check(c, d, o, TODAY);
    f = find(r, "linkedin-note-shortened");
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->field, "contacts[0].talked_about");
    ck_assert_int_eq(f->severity, AJAR_SEV_INFO);
    ck_assert_ptr_nonnull(strstr(f->message, "Tomás Ferreira"));
    ck_assert_ptr_nonnull(strstr(f->message, "300 characters"));
    ajar_check_result_free(r);
    ajar_draft_free(d);

    const char *off[] = {"stay_in_touch.linkedin=false", NULL};
    d = full_with(off);
    o->linkedin_limit = 200;
    o->followups[1].note_chars = 250;
    r = run_check(c, d, o, TODAY);
    ck_assert_ptr_null(find(r, "linkedin-note-long"));
    ck_assert_ptr_null(find(r, "linkedin-note-shortened"));
    ajar_check_result_free(r);
    fake_free(o);
    ajar_draft_free(d);
    ajar_checker_free(c);
}
END_TEST

/* ---- the summary and the order -------------------------------------------------------- */

START_TEST(summary_follows_the_eight_rules)
{
    ajar_checker *c = real_checker();
    ck_assert_str_eq(ajar_checker_title(c, 0), "Be prompt");
    ck_assert_str_eq(ajar_checker_title(c, 7), "Stay in touch");
    ck_assert_ptr_null(ajar_checker_title(c, 8));
    struct {
        const char *sets[4];
        int item; /* index of the checklist rule that is no longer met */
    } cases[] = {
        {{"offer.decided_on=2026-11-10"}, 0},
        {{"offer.decided_on=null"}, 0},
        {{"reason.kind=null"}, 1},
        {{"reason.detail=I might reconsider"}, 1},
        {{"positives=[]"}, 2},
        {{"positives[0]=an awful lot of rude jokes"}, 2},
        {{"thanks.for=", "thanks.honour=false"}, 3},
        {{"offer.medium=email"}, 4},
        {{"contacts[0].made_offer=false"}, 4},
        {{"contacts[1].talked_about="}, 5},
        {{"contacts=[{\"name\": \"Tomás\", \"made_offer\": true}]"}, 5},
        {{"resource.referrals=[]", "resource.insight=", "resource.offer_introductions=false"}, 6},
        {{"stay_in_touch.future_interest=false"}, 7},
        {{"stay_in_touch.linkedin=false", "stay_in_touch.checkins_months=[]"}, 7},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_draft *d = full_with(cases[i].sets);
        ajar_check_result *r = run_check(c, d, NULL, TODAY);
        ck_assert_msg(!r->fulfilled[cases[i].item], "%s: %s still met", cases[i].sets[0],
                      ajar_checklist_id((size_t)cases[i].item));
        ajar_check_result_free(r);
        ajar_draft_free(d);
    }
    /* A private reason is an honest choice; thanks.honour alone is appreciative;
     * check-ins alone keep in touch. */
    const char *ok[] = {"reason.kind=null", "reason.share=private", "thanks.for=",
                        "stay_in_touch.linkedin=false", NULL};
    ajar_draft *d = full_with(ok);
    ajar_check_result *r = run_check(c, d, NULL, TODAY);
    ck_assert(r->fulfilled[1] && r->fulfilled[3] && r->fulfilled[7]);
    ajar_check_result_free(r);
    ajar_draft_free(d);
    ajar_checker_free(c);
}
END_TEST

START_TEST(findings_are_sorted_and_counted)
{
    ajar_checker *c = real_checker();
    const char *sets[] = {"thanks.for=", "me.name=", "offer.respond_by=2026-11-10",
                          "offer.decided_on=2026-11-01", "offer.made_on=2026-11-10", NULL};
    ajar_draft *d = full_with(sets);
    ajar_check_result *r = run_check(c, d, NULL, TODAY);
    char *desc = describe(r);
    ck_assert_msg(r->n == 5, "findings:%s", desc);
    free(desc);
    /* errors, then warnings, then info; within each, in the order of the rules */
    ck_assert_str_eq(r->findings[0].rule_id, "deadline-passed");
    ck_assert_str_eq(r->findings[1].rule_id, "late-decision");
    ck_assert_str_eq(r->findings[2].rule_id, "no-signature");
    ck_assert_str_eq(r->findings[3].rule_id, "offer-waiting");
    ck_assert_str_eq(r->findings[4].rule_id, "no-thanks");
    ck_assert_str_eq(r->findings[1].checklist, "prompt");
    ck_assert_ptr_null(r->findings[2].checklist);
    ck_assert_uint_eq(r->counts[AJAR_SEV_ERROR], 1);
    ck_assert_uint_eq(r->counts[AJAR_SEV_WARNING], 2);
    ck_assert_uint_eq(r->counts[AJAR_SEV_INFO], 2);
    ajar_check_result_free(r);
    ajar_draft_free(d);

    /* An empty draft is checked without trouble. */
    d = draft_of("{\"ajar\": 1}");
    r = run_check(c, d, NULL, TODAY);
    ck_assert_ptr_nonnull(find(r, "no-signature"));
    ck_assert_ptr_nonnull(find(r, "no-positives"));
    ck_assert_ptr_nonnull(find(r, "no-recipient"));
    for (size_t i = 0; i < AJAR_CHECKLIST_COUNT; i++)
        ck_assert(!r->fulfilled[i]);
    ajar_check_result_free(r);
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_check_run(c, d, NULL, (ajar_date){2026, 2, 30}, &r, &errs), AJAR_E_USAGE);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(ajar_check_run(NULL, d, NULL, day(TODAY), &r, &errs), AJAR_E_USAGE);
    ajar_errors_clear(&errs);
    ajar_draft_free(d);
    ajar_check_result_free(NULL);
    ajar_checker_free(NULL);
    ajar_checker_free(c);
}
END_TEST

/* ---- matching text: UTF-8, case, boundaries, scripts without spaces ------------------------ */

#define CL(id) "{\"id\": \"" id "\", \"fulfilled\": {\"field\": \"me.name\", \"answered\": true}}"
#define CHECKLIST_OK                                                                              \
    "\"checklist\": [" CL("prompt") ", " CL("honest") ", " CL("positive") ", " CL("appreciative") \
    ", " CL("personal") ", " CL("inclusive") ", " CL("resource") ", " CL("stay-in-touch") "]"

/* A rules file: line 1 the version, line 2 the checklist, line 3 "rules",
 * the given rules from line 4. */
static char *rules_text(const char *rules)
{
    return ajar_asprintf("{\"ajar_checks\": 1,\n %s,\n \"rules\": [\n%s\n]}\n", CHECKLIST_OK, rules);
}

static ajar_checker *checker_of(const char *rules)
{
    char *text = rules_text(rules);
    ajar_errors errs = {0};
    ajar_checker *c = NULL;
    ajar_status st = ajar_checker_parse(text, strlen(text), "t-checks.json", &c, &errs);
    if (st != AJAR_OK) {
        char *m = ajar_error_format(&errs.items[0]);
        ck_abort_msg("rules did not load: %s", m);
    }
    free(text);
    return c;
}

/* The matches a words rule reports in reason.detail = text, or NULL. */
static char *matches_in(const ajar_checker *c, const char *text)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "ajar", 1);
    cJSON *reason = cJSON_AddObjectToObject(root, "reason");
    cJSON_AddStringToObject(reason, "detail", text);
    char *json = ajar_json_print(root);
    cJSON_Delete(root);
    ajar_draft *d = draft_of(json);
    free(json);
    ajar_check_result *r = run_check(c, d, NULL, TODAY);
    const ajar_finding *f = find(r, "w");
    char *m = f ? strdup(f->message) : NULL;
    ajar_check_result_free(r);
    ajar_draft_free(d);
    return m;
}

typedef struct match_case {
    const char *text, *want; /* want NULL: no match */
} match_case;

/* Each text in reason.detail gives the matches `want` (see matches_in). */
static void expect_matches(const ajar_checker *c, const match_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *m = matches_in(c, cases[i].text);
        if (!cases[i].want)
            ck_assert_msg(!m, "'%s' matched: %s", cases[i].text, m);
        else
            ck_assert_msg(m && strcmp(m, cases[i].want) == 0, "'%s' gave '%s', want '%s'",
                          cases[i].text, m ? m : "(nothing)", cases[i].want);
        free(m);
    }
}

START_TEST(words_match_utf8_case_insensitively_on_boundaries)
{
    ajar_checker *c = checker_of(
        "{\"id\": \"w\", \"kind\": \"words\", \"severity\": \"warning\", \"fields\": [\"reason.detail\"],"
        " \"words\": [\"zoë\", \"ångström\", \"很差\", \"naïve*\", \"плохо\", \"don't\", \"so  so\"],"
        " \"message\": \"{matches}\", \"suggestion\": \"s\"}");
    const match_case cases[] = {
        {"ask ZOË about it", "“ZOË”"},
        {"Zoë's team", "“Zoë”"},
        {"Zoëy and Zoe", NULL},
        {"ÅNGSTRÖM units", "“ÅNGSTRÖM”"},
        {"我觉得他很差。", "“很差”"},
        {"很差很差", "“很差”"},
        {"naïvely, NAÏVETY", "“naïvely”, “NAÏVETY”"},
        {"a naive view", NULL},
        {"всё ПЛОХО", "“ПЛОХО”"},
        {"плохой", NULL},
        {"I don’t know", "“don’t”"},
        {"it was so\xc2\xa0 so", "“so\xc2\xa0 so”"},
        {"soso", NULL},
        {"🙂zoë🙂", "“zoë”"},
        {"日本語のzoëさん", "“zoë”"},
        {"", NULL},
    };
    expect_matches(c, cases, sizeof cases / sizeof cases[0]);
    ajar_checker_free(c);
}
END_TEST

/* A words rule reporting {matches} in reason.detail. */
static ajar_checker *words_checker(const char *words_json)
{
    char *rule = ajar_asprintf("{\"id\": \"w\", \"kind\": \"words\", \"severity\": \"warning\","
                               " \"fields\": [\"reason.detail\"], \"words\": %s,"
                               " \"message\": \"{matches}\", \"suggestion\": \"s\"}",
                               words_json);
    ajar_checker *c = checker_of(rule);
    free(rule);
    return c;
}

/* "ab" between two `sep` is a word of its own unless sep is a letter or a
 * digit; "so so" matches "so", sep, "so" only when sep is white space. */
static void expect_bounds(const ajar_checker *c, const char *sep, int word, int space)
{
    char *text = ajar_asprintf("x%sab%sy", sep, sep);
    char *quoted = ajar_asprintf("so%sso", sep);
    char *want = ajar_asprintf("\xe2\x80\x9cso%sso\xe2\x80\x9d", sep);
    const match_case cases[] = {
        {text, word ? NULL : "\xe2\x80\x9c" "ab" "\xe2\x80\x9d"},
        {quoted, space ? want : NULL},
    };
    expect_matches(c, cases, 2);
    free(text);
    free(quoted);
    free(want);
}

START_TEST(every_character_bounds_words_as_its_class_says)
{
    ajar_checker *c = words_checker("[\"ab\", \"so so\"]");
    /* ASCII goes through a table, the rest through the Unicode ranges. */
    for (int ch = 0x20; ch < 0x7f; ch++) {
        char sep[2] = {(char)ch, '\0'};
        int word = (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
        expect_bounds(c, sep, word, ch == ' ');
    }
    static const struct {
        const char *sep;
        int word, space;
    } others[] = {
        {"é", 1, 0}, {"ß", 1, 0}, {"Ω", 1, 0}, {"ж", 1, 0}, {"ª", 0, 0}, {"×", 0, 0},
        {"ʼ", 0, 0}, /* a letter, but matched as the apostrophe it folds to */
        {"’", 0, 0}, {"李", 0, 0}, {"—", 0, 0}, {"🙂", 0, 0},
        {"\xc2\xa0", 0, 1}, {"\xe2\x80\x89", 0, 1}, {"\xe3\x80\x80", 0, 1},
    };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        expect_bounds(c, others[i].sep, others[i].word, others[i].space);
    ajar_checker_free(c);
}
END_TEST

START_TEST(case_folds_alike_in_ascii_and_beyond)
{
    ajar_checker *c = words_checker(
        "[\"abcdefghijklmnopqrstuvwxyz\", \"x@\", \"x[\", \"σοφιας\", \"женя\", \"ÿ\", \"ąę\"]");
    const match_case cases[] = {
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "“ABCDEFGHIJKLMNOPQRSTUVWXYZ”"},
        {"X` X{", NULL}, /* @ and [ sit next to A and Z but have no lower case */
        {"X@ x[", "“X@”, “x[”"},
        {"ΣΟΦΙΑΣ ΣΟΦΙΑς", "“ΣΟΦΙΑΣ”, “ΣΟΦΙΑς”"},
        {"ЖЕНЯ", "“ЖЕНЯ”"},
        {"Ÿ", "“Ÿ”"},
        {"ĄĘ", "“ĄĘ”"},
    };
    expect_matches(c, cases, sizeof cases / sizeof cases[0]);
    ajar_checker_free(c);
}
END_TEST

START_TEST(each_word_is_tried_where_its_first_character_is)
{
    ajar_checker *c = words_checker("[\"école\", \"été\", \"#tag\", \"-ish\", \"’s\", \"blame*\","
                                    " \"not\", \"not sure\"]");
    const match_case cases[] = {
        {"L’école d’été", "“école”, “été”"}, /* two words whose first letter is not ASCII */
        {"Lécole", NULL},
        {"a #tag, x#tag, #tagged", "“#tag”"}, /* no boundary before #, one after g */
        {"girl-ish", "“-ish”"},
        {"Anna’s and Bo's", "“’s”, “'s”"},
        {"blamed BLAMEWORTHY", "“blamed”, “BLAMEWORTHY”"},
        {"not sure, not now", "“not sure”, “not”"}, /* the longest at the same place */
    };
    expect_matches(c, cases, sizeof cases / sizeof cases[0]);
    ajar_checker_free(c);
}
END_TEST

START_TEST(words_and_sentences_are_counted_in_any_script)
{
    ajar_checker *c = checker_of(
        "{\"id\": \"w\", \"kind\": \"text-length\", \"severity\": \"warning\","
        " \"fields\": [\"reason.detail\"], \"max_words\": 0, \"max_sentences\": 100,"
        " \"message\": \"{words} {sentences|sentence|sentences}\", \"suggestion\": \"s\"}");
    struct {
        const char *text, *want;
    } cases[] = {
        {"one", "1 1 sentence"},
        {"don't stop the four-day week", "5 1 sentence"},
        {"Zoë Ångström said hi.  Then left!", "6 2 sentences"},
        {"Is it? Yes… Sure.", "4 3 sentences"},
        {"我觉得这个职位很好。", "5 1 sentence"},
        {"我觉得很好。谢谢！", "4 2 sentences"},
        {"e.g. this, i.e. that. J. Smith", "8 2 sentences"},
        {"version 2.5 is out", "4 1 sentence"},
        {"— … —", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *m = matches_in(c, cases[i].text);
        if (!cases[i].want)
            ck_assert_msg(!m, "'%s' counted: %s", cases[i].text, m);
        else
            ck_assert_msg(m && strcmp(m, cases[i].want) == 0, "'%s' gave '%s', want '%s'",
                          cases[i].text, m ? m : "(nothing)", cases[i].want);
        free(m);
    }
    ajar_checker_free(c);
}
END_TEST

/* ---- the rules file ------------------------------------------------------------------- */

START_TEST(the_shipped_rules_load_and_are_documented)
{
    ajar_checker *c = real_checker();
    ck_assert_uint_ge(ajar_checker_rule_count(c), 25);
    char *doc = NULL;
    size_t len = 0;
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_store_read_file("docs/checks.md", 1 << 20, &doc, &len, &errs), AJAR_OK);
    for (size_t i = 0; i < ajar_checker_rule_count(c); i++) {
        char *row = ajar_asprintf("| `%s` |", ajar_checker_rule_id(c, i));
        ck_assert_msg(strstr(doc, row), "docs/checks.md does not describe %s", row);
        free(row);
    }
    ck_assert_ptr_null(ajar_checker_rule_id(c, ajar_checker_rule_count(c)));
    static const char *const kinds[] = {"required", "condition", "required-each", "offer-maker",
                                        "words", "text-length", "other-company", "days-since",
                                        "days-until", "send-window", "letter-words",
                                        "linkedin-note"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        char *h = ajar_asprintf("#### `%s`", kinds[i]);
        ck_assert_msg(strstr(doc, h), "docs/checks.md does not describe the kind %s", kinds[i]);
        free(h);
    }
    free(doc);
    ajar_checker_free(c);
}
END_TEST

typedef struct rules_error_case {
    const char *rules;  /* on line 4 (and 5) of the file */
    ajar_status code;
    const char *field;
    int line;
    const char *at;      /* where the column points: the first occurrence of this text on the line */
    const char *message_part;
} rules_error_case;

#define RULE_HEAD "{\"id\": \"a\", \"severity\": \"info\", \"message\": \"m\", \"suggestion\": \"s\", "

static const rules_error_case RULES_ERRORS[] = {
    {RULE_HEAD "\"kind\": \"words\", \"fields\": [\"reason.detail\"], \"words\": [\"ok\", 7]}",
     AJAR_E_INVALID, "rules[0].words[1]", 4, "7]", "expected a non-empty string, found a number"},
    {RULE_HEAD "\"kind\": \"wordz\"}", AJAR_E_INVALID, "rules[0].kind", 4, "\"wordz\"",
     "unknown kind \"wordz\" (known: required, condition"},
    {RULE_HEAD "\"kind\": \"words\", \"fields\": [\"reason.detial\"], \"words\": [\"x\"]}",
     AJAR_E_INVALID, "rules[0].fields[0]", 4, "\"reason.detial\"", "is not a field of the draft"},
    {RULE_HEAD "\"kind\": \"words\", \"fields\": [\"contacts[1].name\"], \"words\": [\"x\"]}",
     AJAR_E_INVALID, "rules[0].fields[0]", 4, "\"contacts[1]", "write [] for every item"},
    {RULE_HEAD "\"kind\": \"words\", \"fields\": [\"thanks.honour\"], \"words\": [\"x\"]}",
     AJAR_E_INVALID, "rules[0].fields[0]", 4, "\"thanks.honour\"", "is not a text field"},
    {RULE_HEAD "\"kind\": \"required\", \"field\": \"me.name\", \"sevrity\": \"error\"}",
     AJAR_E_INVALID, "rules[0].sevrity", 4, "\"error\"", "unknown member \"sevrity\""},
    {RULE_HEAD "\"kind\": \"required\", \"field\": \"me.name\"},\n" RULE_HEAD
               "\"kind\": \"required\", \"field\": \"me.email\"}",
     AJAR_E_INVALID, "rules[1].id", 5, "\"a\"", "already used by rules[0]"},
    {"{\"id\": \"a\", \"severity\": \"info\", \"message\": \"hi {nme}\", \"suggestion\": \"s\", "
     "\"kind\": \"required\", \"field\": \"me.name\"}",
     AJAR_E_INVALID, "rules[0].message", 4, "\"hi", "unknown placeholder {nme}"},
    {"{\"id\": \"a\", \"severity\": \"info\", \"message\": \"{match|a|b}\", \"suggestion\": \"s\", "
     "\"kind\": \"words\", \"fields\": [\"reason.detail\"], \"words\": [\"x\"]}",
     AJAR_E_INVALID, "rules[0].message", 4, "\"{match", "only for numbers"},
    {"{\"id\": \"a\", \"severity\": \"fatal\", \"message\": \"m\", \"suggestion\": \"s\", "
     "\"kind\": \"required\", \"field\": \"me.name\"}",
     AJAR_E_INVALID, "rules[0].severity", 4, "\"fatal\"", "\"info\", \"warning\" or \"error\""},
    {RULE_HEAD "\"kind\": \"send-window\", \"field\": \"offer.send_at\", \"days\": [\"friday\"], "
               "\"from\": \"12:00\", \"until\": \"25:00\"}",
     AJAR_E_INVALID, "rules[0].until", 4, "\"25:00\"", "HH:MM from 00:00 to 24:00"},
    {RULE_HEAD "\"kind\": \"send-window\", \"field\": \"offer.send_at\", \"days\": [\"Friday\"], "
               "\"from\": \"12:00\", \"until\": \"24:00\"}",
     AJAR_E_INVALID, "rules[0].days[0]", 4, "\"Friday\"", "day of the week in lower case"},
    {RULE_HEAD "\"kind\": \"required\", \"field\": \"me.name\", \"when\": {\"no_findings\": \"info\"}}",
     AJAR_E_INVALID, "rules[0].when.no_findings", 4, "\"info\"}", "only be used in the checklist"},
    {RULE_HEAD "\"kind\": \"required\", \"field\": \"me.name\", \"when\": {\"any\": [{\"field\": "
               "\"me.name\", \"equals\": 1, \"in\": [1]}]}}",
     AJAR_E_INVALID, "rules[0].when.any[0]", 4, "{\"field\": \"me.name\", \"equals",
     "exactly one of answered, equals, in, not_in"},
    {RULE_HEAD "\"kind\": \"words\", \"fields\": [\"reason.detail\"], \"lists\": [\"nope\"]}",
     AJAR_E_INVALID, "rules[0].lists[0]", 4, "\"nope\"", "the name of a list"},
    {RULE_HEAD "\"kind\": \"days-since\", \"field\": \"me.name\", \"more_than\": 1}",
     AJAR_E_INVALID, "rules[0].field", 4, "\"me.name\"", "is not a date field"},
    {RULE_HEAD "\"kind\": \"days-since\", \"more_than\": 1.5, \"field\": \"offer.made_on\"}",
     AJAR_E_INVALID, "rules[0].more_than", 4, "1.5", "expected a whole number"},
    {RULE_HEAD "\"kind\": \"days-since\", \"more_than\": 1}", AJAR_E_INVALID, "rules[0]", 4,
     "{\"id\"", "needs \"field\""},
    {RULE_HEAD "\"kind\": \"letter-words\", \"fields\": [\"positives\"], \"more_than\": 1, "
               "\"fewer_than\": 9}",
     AJAR_E_INVALID, "rules[0]", 4, "{\"id\"", "either \"more_than\" or \"fewer_than\""},
    {RULE_HEAD "\"kind\": \"words\", \"fields\": [\"reason.detail\"], \"words\": [\" * \"]}",
     AJAR_E_INVALID, "rules[0].words[0]", 4, "\" * \"", "holds no word"},
    {RULE_HEAD "\"kind\": \"required-each\", \"list\": \"positives\", \"member\": \"name\"}",
     AJAR_E_INVALID, "rules[0].list", 4, "\"positives\"", "not a list of objects"},
    {"7", AJAR_E_INVALID, "rules[0]", 4, "7", "a rule is an object"},
    {RULE_HEAD "\"kind\": \"required\", \"field\": \"me.name\",}", AJAR_E_SYNTAX, NULL, 4, "}",
     "trailing comma"},
};

START_TEST(rules_file_errors_name_file_field_line_and_column)
{
    const rules_error_case *ec = &RULES_ERRORS[_i];
    char *text = rules_text(ec->rules);
    ajar_errors errs = {0};
    ajar_checker *c = (ajar_checker *)1;
    ck_assert_int_eq(ajar_checker_parse(text, strlen(text), "data/checks.json", &c, &errs), ec->code);
    ck_assert_ptr_null(c);
    ck_assert_uint_ge(errs.count, 1);
    const ajar_error *e = &errs.items[0];
    char *shown = ajar_error_format(e);
    ck_assert_str_eq(e->file, "data/checks.json");
    if (ec->field)
        ck_assert_msg(e->field && strcmp(e->field, ec->field) == 0, "case %d: %s", _i, shown);
    ck_assert_msg(strstr(e->message, ec->message_part), "case %d: %s lacks '%s'", _i, shown,
                  ec->message_part);
    /* The position of the value: its line, and its column on that line. */
    const char *line = text;
    for (int l = 1; l < ec->line; l++)
        line = strchr(line, '\n') + 1;
    const char *at = strstr(line, ec->at);
    ck_assert_ptr_nonnull(at);
    ck_assert_msg(e->line == ec->line && e->column == (int)(at - line) + 1,
                  "case %d: %s, want line %d column %d", _i, shown, ec->line, (int)(at - line) + 1);
    free(shown);
    ajar_errors_clear(&errs);
    free(text);
}
END_TEST

START_TEST(rules_file_top_level_errors)
{
    struct {
        const char *text;
        ajar_status code;
        const char *field, *part;
    } cases[] = {
        {"{\"ajar_checks\": 2, \"rules\": []}", AJAR_E_VERSION, "ajar_checks",
         "format 2; this ajar reads format 1"},
        {"{\"rules\": []}", AJAR_E_INVALID, NULL, "\"ajar_checks\": 1"},
        {"[1]", AJAR_E_INVALID, NULL, "expected an object"},
        {"{\"ajar_checks\": 1, \"checklist\": [" CL("prompt") "], \"rules\": [{\"id\": \"a\","
         " \"kind\": \"required\", \"severity\": \"info\", \"field\": \"me.name\", \"message\": \"m\","
         " \"suggestion\": \"s\"}]}",
         AJAR_E_INVALID, "checklist", "lacks the rule \"honest\""},
        {"{\"ajar_checks\": 1, " CHECKLIST_OK ", \"rules\": [], \"extra\": 1}", AJAR_E_INVALID,
         "rules", "expected a non-empty array"},
        {"{\"ajar_checks\": 1, \"checklist\": [{\"id\": \"kind\", \"fulfilled\": {}}], \"rules\": []}",
         AJAR_E_INVALID, "checklist[0].id", "one of prompt, honest"},
        {"{\"ajar_checks\": 1, \"lists\": {\"x\": [\"\"]}, " CHECKLIST_OK ", \"rules\": []}",
         AJAR_E_INVALID, "lists.x[0]", "non-empty string"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_errors errs = {0};
        ajar_checker *c = NULL;
        ck_assert_int_eq(ajar_checker_parse(cases[i].text, strlen(cases[i].text), "c.json", &c,
                                            &errs),
                         cases[i].code);
        ck_assert_ptr_null(c);
        int found = 0;
        for (size_t k = 0; k < errs.count; k++) {
            const ajar_error *e = &errs.items[k];
            if (strstr(e->message, cases[i].part) &&
                (!cases[i].field || (e->field && strcmp(e->field, cases[i].field) == 0)))
                found = 1;
        }
        char *first = ajar_error_format(&errs.items[0]);
        ck_assert_msg(found, "case %zu: no error '%s' (first: %s)", i, cases[i].part, first);
        free(first);
        ajar_errors_clear(&errs);
    }
    ajar_errors errs = {0};
    ajar_checker *c = NULL;
    ck_assert_int_eq(ajar_checker_open("/nonexistent-ajar", &c, &errs), AJAR_E_NOTFOUND);
    char *m = ajar_error_format(&errs.items[0]);
    ck_assert_ptr_nonnull(strstr(m, "/nonexistent-ajar/data/checks.json"));
    free(m);
    ajar_errors_clear(&errs);
}
END_TEST

Suite *check_suite(void)
{
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, full_draft_has_no_findings_and_meets_all_eight);
    tcase_add_test(tc, full_draft_rendered_for_real_has_no_findings);
    tcase_add_loop_test(tc, each_rule_fires_on_its_case, 0, (int)(sizeof FIRES / sizeof FIRES[0]));
    tcase_add_test(tc, letter_length_has_exact_bounds_and_names_a_field);
    tcase_add_test(tc, linkedin_notes_over_the_limit_or_shortened);
    tcase_add_test(tc, summary_follows_the_eight_rules);
    tcase_add_test(tc, findings_are_sorted_and_counted);
    tcase_add_test(tc, words_match_utf8_case_insensitively_on_boundaries);
    tcase_add_test(tc, every_character_bounds_words_as_its_class_says);
    tcase_add_test(tc, case_folds_alike_in_ascii_and_beyond);
    tcase_add_test(tc, each_word_is_tried_where_its_first_character_is);
    tcase_add_test(tc, words_and_sentences_are_counted_in_any_script);
    tcase_add_test(tc, the_shipped_rules_load_and_are_documented);
    tcase_add_loop_test(tc, rules_file_errors_name_file_field_line_and_column, 0,
                        (int)(sizeof RULES_ERRORS / sizeof RULES_ERRORS[0]));
    tcase_add_test(tc, rules_file_top_level_errors);
    suite_add_tcase(s, tc);
    return s;
}
