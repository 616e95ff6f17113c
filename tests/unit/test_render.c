/* test_render.c — the renderer: every letter clean, reasons kept private, notes within the limit, overrides, tidying, Markdown. */
#include <check.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cJSON.h>

#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/render.h"
#include "ajar/schema.h"
#include "ajar/store.h"
#include "ajar/strbuf.h"
#include "ajar/utf8.h"

Suite *render_suite(void);

#define FULL "tests/fixtures/drafts/full.json"

static const char *const SCENARIOS[] = {"offer", "recruiter", "former-employer",
                                        "after-acceptance"};
static const char *const TONES[] = {"warm", "formal", "brief"};

/* What the current check is about, for failure messages. */
static char ctx[256];

/* ---- helpers ------------------------------------------------------------------ */

static ajar_date day(const char *iso)
{
    ajar_date d = {0, 0, 0};
    ck_assert_msg(ajar_date_parse(iso, &d), "bad test date %s", iso);
    return d;
}

static const char *first_message(const ajar_errors *errs)
{
    return errs->count && errs->items[0].message ? errs->items[0].message : "(no message)";
}

static ajar_renderer *open_with(const char *data_dir, const char *user_dir)
{
    ajar_errors errs = {0};
    ajar_renderer *r = NULL;
    ajar_status st = ajar_renderer_open(data_dir, user_dir, &r, &errs);
    ck_assert_msg(st == AJAR_OK, "renderer does not open: %s", first_message(&errs));
    ck_assert_ptr_nonnull(r);
    ajar_errors_clear(&errs);
    return r;
}

static ajar_renderer *open_renderer(void)
{
    return open_with(".", NULL);
}

static ajar_draft *parse_draft(const char *json)
{
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    ajar_status st = ajar_draft_parse(json, strlen(json), "test", &d, &errs);
    ck_assert_msg(st == AJAR_OK, "test draft does not parse: %s", first_message(&errs));
    ajar_errors_clear(&errs);
    return d;
}

static ajar_draft *load_full(void)
{
    ajar_draft *d = NULL;
    ck_assert_int_eq(ajar_draft_load(FULL, &d, NULL), AJAR_OK);
    return d;
}

static void set_str(ajar_draft *d, const char *path, const char *value)
{
    ajar_errors errs = {0};
    ajar_status st = ajar_draft_set_string(d, path, value, &errs);
    ck_assert_msg(st == AJAR_OK, "cannot set %s: %s", path, first_message(&errs));
    ajar_errors_clear(&errs);
}

static void set_json(ajar_draft *d, const char *path, const char *json)
{
    cJSON *v = cJSON_Parse(json);
    ck_assert_msg(v != NULL, "bad test JSON %s", json);
    ajar_errors errs = {0};
    ajar_status st = ajar_draft_set(d, path, v, &errs);
    ck_assert_msg(st == AJAR_OK, "cannot set %s: %s", path, first_message(&errs));
    ajar_errors_clear(&errs);
}

static void set_scenario_tone(ajar_draft *d, int s, int t)
{
    set_str(d, "scenario", SCENARIOS[s]);
    set_str(d, "tone", TONES[t]);
}

static ajar_output *render_opts(const ajar_renderer *r, const ajar_draft *d,
                                const ajar_render_opts *o)
{
    ajar_errors errs = {0};
    ajar_output *out = NULL;
    ajar_status st = ajar_render(r, d, o, &out, &errs);
    ck_assert_msg(st == AJAR_OK, "%s: render failed: %s", ctx, first_message(&errs));
    ck_assert_ptr_nonnull(out);
    ajar_errors_clear(&errs);
    return out;
}

static ajar_output *render_on(const ajar_renderer *r, const ajar_draft *d, const char *today)
{
    ajar_render_opts o = {.today = day(today)};
    return render_opts(r, d, &o);
}

static int contains(const char *s, const char *part)
{
    return s && strstr(s, part) != NULL;
}

static void expect_in(const char *what, const char *s, const char *part)
{
    ck_assert_msg(contains(s, part), "%s: %s lacks \"%s\":\n%s", ctx, what, part, s ? s : "(NULL)");
}

static void expect_not_in(const char *what, const char *s, const char *part)
{
    ck_assert_msg(!contains(s, part), "%s: %s holds \"%s\":\n%s", ctx, what, part, s);
}

static size_t count_of(const char *s, const char *part)
{
    size_t n = 0;
    for (const char *p = strstr(s, part); p; p = strstr(p + strlen(part), part))
        n++;
    return n;
}

static size_t words(const char *s)
{
    size_t n = 0;
    int in = 0;
    for (; *s; s++) {
        int space = *s == ' ' || *s == '\n' || *s == '\t';
        if (!space && !in)
            n++;
        in = !space;
    }
    return n;
}

static size_t chars(const char *s)
{
    return ajar_utf8_count(s, strlen(s));
}

/* What every rendered text must be: valid UTF-8 without control characters
 * other than line ends, no template residue, no trailing spaces, no runs of
 * blank lines, no space before closing punctuation. */
static void check_common(const char *what, const char *s)
{
    ck_assert_msg(s != NULL, "%s: %s is missing", ctx, what);
    size_t n = strlen(s);
    ck_assert_msg(ajar_utf8_valid(s, n, NULL), "%s: %s is not valid UTF-8", ctx, what);
    ck_assert_msg(ajar_utf8_find_control(s, n, 1u << '\n') == (size_t)-1,
                  "%s: %s holds a control character:\n%s", ctx, what, s);
    static const char *const BAD[] = {"{{", "}}", " \n", "\n\n\n", " ,", " .", " ;", " :",
                                      " !", " ?", " )", "( ", "()", ",.", ", .", ",,",
                                      "..", ";.", "?.", "!."};
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++)
        expect_not_in(what, s, BAD[i]);
    ck_assert_msg(n == 0 || s[n - 1] != ' ', "%s: %s ends with a space", ctx, what);
}

/* A text of several lines: ends with exactly one line end, starts with text. */
static void check_block(const char *what, const char *s)
{
    check_common(what, s);
    size_t n = strlen(s);
    ck_assert_msg(n > 0 && s[n - 1] == '\n', "%s: %s does not end with a line end", ctx, what);
    ck_assert_msg(n < 2 || s[n - 2] != '\n', "%s: %s ends with a blank line", ctx, what);
    ck_assert_msg(s[0] != '\n', "%s: %s starts with a blank line", ctx, what);
}

/* Prose: also no doubled spaces and no indented line. */
static void check_prose(const char *what, const char *s)
{
    check_block(what, s);
    expect_not_in(what, s, "  ");
    expect_not_in(what, s, "\t");
    expect_not_in(what, s, "\n ");
    ck_assert_msg(s[0] != ' ', "%s: %s starts with a space", ctx, what);
}

/* A single line of prose: a subject, a message, a note. */
static void check_line(const char *what, const char *s)
{
    check_common(what, s);
    ck_assert_msg(s[0] != '\0', "%s: %s is empty", ctx, what);
    expect_not_in(what, s, "\n");
    expect_not_in(what, s, "  ");
    expect_not_in(what, s, "\t");
    ck_assert_msg(s[0] != ' ', "%s: %s starts with a space", ctx, what);
    ck_assert_msg(strchr(",;:", s[strlen(s) - 1]) == NULL, "%s: %s ends in the middle: %s", ctx,
                  what, s);
}

/* The steps of the phone script are numbered 1, 2, 3 ... without a gap. */
static void check_steps(const char *script)
{
    int want = 1;
    for (const char *line = script; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        char *end;
        long n = strtol(line, &end, 10);
        if (end == line || *end != '.' || line[0] < '0' || line[0] > '9')
            continue;
        ck_assert_msg(n == want, "%s: step %ld of the phone script should be %d:\n%s", ctx, n,
                      want, script);
        want++;
    }
    ck_assert_msg(want > 5, "%s: the phone script has %d steps", ctx, want - 1);
}

static void check_output(const ajar_output *o)
{
    check_line("the subject", o->subject);
    check_prose("the letter", o->letter);
    check_prose("the voicemail", o->voicemail);
    check_block("the phone script", o->phone);
    check_steps(o->phone);
    check_block("the follow-up plan", o->followups_text);
    check_block("the LinkedIn notes", o->linkedin_text);
    /* each entry of a plan starts with a heading, not an indented line */
    expect_not_in("the follow-up plan", o->followups_text, "\n\n ");
    expect_not_in("the LinkedIn notes", o->linkedin_text, "\n\n ");
    expect_not_in("the phone script", o->phone, "\n\n ");
    for (size_t i = 0; i < o->nfollowups; i++) {
        check_line("a message", o->followups[i].message);
        check_line("a note", o->followups[i].note);
        ck_assert_uint_le(chars(o->followups[i].note), (size_t)o->linkedin_limit);
        ck_assert_uint_eq(chars(o->followups[i].note), o->followups[i].note_chars);
    }
}

/* ---- temporary folders ---------------------------------------------------------- */

static char *make_tmpdir(void)
{
    char *dir = strdup("/tmp/ajar-render-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

static char *write_file(const char *dir, const char *name, const char *text)
{
    char *path = ajar_asprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Removes dir and everything under it (files, links and folders). */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *p = ajar_asprintf("%s/%s", dir, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(p);
            else
                unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

static char *read_text(const char *path)
{
    char *text = NULL;
    size_t len = 0;
    ck_assert_int_eq(ajar_store_read_file(path, 1 << 20, &text, &len, NULL), AJAR_OK);
    return text;
}

static int listed(const char *const *names, const char *name)
{
    for (size_t i = 0; names && names[i]; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

/* A data folder in a temporary folder: data/templates holds the shipped
 * templates but those in `skip` (NULL-terminated; may be NULL),
 * data/labels.json is the shipped one and data/reasons.json is `reasons`
 * (the shipped one when NULL). */
static char *make_data_dir(const char *const *skip, const char *reasons)
{
    char *root = make_tmpdir();
    char *data = ajar_asprintf("%s/data", root), *tdir = ajar_asprintf("%s/data/templates", root);
    ck_assert_int_eq(mkdir(data, 0700), 0);
    ck_assert_int_eq(mkdir(tdir, 0700), 0);
    DIR *d = opendir("data/templates");
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || listed(skip, e->d_name))
            continue;
        char *src = ajar_asprintf("data/templates/%s", e->d_name);
        char *text = read_text(src);
        free(write_file(tdir, e->d_name, text));
        free(text);
        free(src);
    }
    closedir(d);
    char *labels = read_text("data/labels.json");
    free(write_file(data, "labels.json", labels));
    free(labels);
    char *shipped = reasons ? NULL : read_text("data/reasons.json");
    free(write_file(data, "reasons.json", reasons ? reasons : shipped));
    free(shipped);
    free(data);
    free(tdir);
    return root;
}

/* The shipped reasons.json changed by `edit`. */
static char *reasons_edited(void (*edit)(cJSON *doc))
{
    char *text = read_text("data/reasons.json");
    cJSON *doc = cJSON_Parse(text);
    free(text);
    ck_assert_ptr_nonnull(doc);
    edit(doc);
    char *out = cJSON_Print(doc);
    cJSON_Delete(doc);
    return out;
}

/* ---- every letter is clean ------------------------------------------------------ */

/* Drafts of every shape: complete, empty, and partly answered. */
static const char *const DRAFTS[] = {
    NULL, /* the full example */
    "{\"ajar\": 1}",
    "{\"ajar\": 1, \"me\": {\"name\": \"Ana Lima\"}, \"offer\": {\"company\": \"Acme\"},"
    " \"contacts\": [{\"name\": \"Bo Chen\", \"email\": \"bo@acme.example\"}],"
    " \"reason\": {\"kind\": \"compensation\", \"share\": \"softened\"},"
    " \"positives\": [\"the mentoring programme.\"]}",
    "{\"ajar\": 1, \"offer\": {\"role\": \"Data Analyst\", \"medium\": \"email\"},"
    " \"reason\": {\"detail\": \"I want to stay closer to home.\"},"
    " \"thanks\": {\"for\": \"your patience.\", \"honour\": true},"
    " \"resource\": {\"referrals\": [{\"name\": \"Kai\"}, {\"name\": \"Lee Park\","
    " \"why\": \"ten years of SQL.\"}]},"
    " \"stay_in_touch\": {\"future_interest\": false, \"linkedin\": false},"
    " \"contacts\": [{\"name\": \"Rita Moreno\", \"made_offer\": true}, {\"name\": \"Sam\"},"
    " {\"email\": \"x@y.example\"}]}",
    "{\"ajar\": 1, \"me\": {\"name\": \"Ola\", \"email\": \"ola@example.no\"},"
    " \"offer\": {\"company\": \"Nordlys\", \"role\": \"Designer\", \"medium\": \"phone\"},"
    " \"reason\": {\"kind\": \"flexibility\", \"detail\": \"I need two remote days\","
    " \"would_reconsider\": \"a hybrid arrangement.\"},"
    " \"resource\": {\"offer_introductions\": true, \"insight\": \"More\\nremote days.\"},"
    " \"positives\": [\"the studio\", \"the brief\", \"the people\"],"
    " \"contacts\": [{\"name\": \"Per\", \"role\": \"recruiter\"},"
    " {\"name\": \"Liv Berg\", \"linkedin\": \"in/liv\", \"talked_about\": \"type design\"}]}",
    "{\"ajar\": 1, \"offer\": {\"company\": \"Acme Inc.\", \"role\": \"Analyst\", \"medium\": \"email\"},"
    " \"reason\": {\"detail\": \"is it the right time?\", \"would_reconsider\": \"a raise!\"},"
    " \"thanks\": {\"for\": \"everything...\"},"
    " \"stay_in_touch\": {\"future_interest\": false}, \"resource\": {\"referrals\": [{\"name\": \"Kai\"}]},"
    " \"contacts\": [{\"name\": \"Rita\", \"made_offer\": true, \"phone\": \"1\"}]}",
};
#define NDRAFTS (sizeof DRAFTS / sizeof *DRAFTS)

static ajar_draft *draft_n(size_t n)
{
    return DRAFTS[n] ? parse_draft(DRAFTS[n]) : load_full();
}

START_TEST(every_scenario_and_tone_renders_clean_text)
{
    size_t n = (size_t)_i / 12;
    int s = (_i % 12) / 3, t = _i % 3;
    snprintf(ctx, sizeof ctx, "draft %zu, %s %s", n, SCENARIOS[s], TONES[t]);
    ajar_renderer *r = open_renderer();
    ajar_draft *d = draft_n(n);
    set_scenario_tone(d, s, t);
    ajar_output *o = render_on(r, d, "2026-11-20");
    check_output(o);
    /* the letter has a greeting, a body and a sign-off */
    ck_assert_msg(strncmp(o->letter, "Dear ", 5) == 0 || strncmp(o->letter, "Hi ", 3) == 0 ||
                      strncmp(o->letter, "Hello", 5) == 0,
                  "%s: the letter starts \"%.20s\"", ctx, o->letter);
    ck_assert_uint_ge(words(o->letter), 30);
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(full_letters_have_a_sensible_length)
{
    int s = _i / 3, t = _i % 3;
    snprintf(ctx, sizeof ctx, "full, %s %s", SCENARIOS[s], TONES[t]);
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    set_scenario_tone(d, s, t);
    ajar_output *o = render_on(r, d, "2026-11-20");
    size_t w = words(o->letter);
    size_t least = t == 2 ? 80 : 100;
    ck_assert_msg(w >= least && w <= 200, "%s: the letter has %zu words:\n%s", ctx, w, o->letter);
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(greeting_uses_first_name_or_full_name_by_tone)
{
    static const char *const WANT[] = {"Dear Tomás,\n", "Dear Tomás Ferreira,\n", "Hi Tomás,\n"};
    static const char *const TEAM[] = {"Dear Lumen Freight hiring team,\n",
                                       "Dear Lumen Freight hiring team,\n",
                                       "Hello Lumen Freight team,\n"};
    static const char *const NOBODY[] = {"Dear hiring team,\n", "Dear hiring team,\n",
                                         "Hello,\n"};
    ajar_renderer *r = open_renderer();
    for (int s = 0; s < 4; s++) {
        for (int t = 0; t < 3; t++) {
            snprintf(ctx, sizeof ctx, "%s %s", SCENARIOS[s], TONES[t]);
            ajar_draft *d = load_full();
            set_scenario_tone(d, s, t);
            ajar_output *o = render_on(r, d, "2026-11-20");
            ck_assert_msg(strncmp(o->letter, WANT[t], strlen(WANT[t])) == 0,
                          "%s: the letter starts \"%.30s\"", ctx, o->letter);
            ajar_output_free(o);
            /* nobody marked as having made the offer: the team is greeted */
            set_json(d, "contacts[0].made_offer", "false");
            o = render_on(r, d, "2026-11-20");
            ck_assert_msg(strncmp(o->letter, TEAM[t], strlen(TEAM[t])) == 0,
                          "%s: the letter starts \"%.40s\"", ctx, o->letter);
            ck_assert_int_eq(o->recipient, -1);
            ck_assert_str_eq(o->to_name, "");
            ajar_output_free(o);
            ck_assert_int_eq(ajar_draft_remove(d, "offer.company", NULL), AJAR_OK);
            o = render_on(r, d, "2026-11-20");
            ck_assert_msg(strncmp(o->letter, NOBODY[t], strlen(NOBODY[t])) == 0,
                          "%s: the letter starts \"%.40s\"", ctx, o->letter);
            ajar_output_free(o);
            ajar_draft_free(d);
        }
    }
    ajar_renderer_free(r);
}
END_TEST

/* ---- the reason --------------------------------------------------------------------- */

#define DETAIL "the zebra crossing clause"

/* Every text of o that could reach the employer. */
static void expect_detail(const ajar_output *o, int shown)
{
    const char *texts[] = {o->subject, o->letter, o->phone, o->voicemail, o->followups_text,
                           o->linkedin_text};
    const char *names[] = {"subject", "letter", "phone script", "voicemail", "plan", "notes"};
    for (size_t i = 0; i < 6; i++)
        if (!shown)
            expect_not_in(names[i], texts[i], "zebra");
    for (size_t i = 0; i < o->nfollowups; i++) {
        expect_not_in("a message", o->followups[i].message, "zebra");
        expect_not_in("a note", o->followups[i].note, "zebra");
    }
    if (shown) {
        expect_in("the letter", o->letter, DETAIL);
        expect_in("the phone script", o->phone, DETAIL);
    }
}

static const char *reason_sentence(const ajar_output *o)
{
    const cJSON *reason = cJSON_GetObjectItemCaseSensitive(o->view, "reason");
    const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(reason, "sentence"));
    ck_assert_ptr_nonnull(s);
    return s;
}

START_TEST(reason_detail_is_shared_only_when_plain)
{
    static const char *const SHARES[] = {"plain", "softened", "private"};
    const char *const *kinds = ajar_schema_lookup("reason.kind")->choices;
    char *reasons_text = read_text("data/reasons.json");
    cJSON *catalogue = cJSON_Parse(reasons_text);
    free(reasons_text);
    const char *private_sentence =
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(catalogue, "private"));
    ajar_renderer *r = open_renderer();
    int combo = 0;
    for (size_t k = 0; kinds[k]; k++) {
        for (int sh = 0; sh < 3; sh++, combo++) {
            int s = combo % 12 / 3, t = combo % 3;
            snprintf(ctx, sizeof ctx, "%s %s, %s %s", SHARES[sh], kinds[k], SCENARIOS[s], TONES[t]);
            ajar_draft *d = load_full();
            set_scenario_tone(d, s, t);
            set_str(d, "reason.kind", kinds[k]);
            set_str(d, "reason.detail", DETAIL ".");
            set_str(d, "reason.share", SHARES[sh]);
            ajar_output *o = render_on(r, d, "2026-11-20");
            check_output(o);
            expect_detail(o, sh == 0);
            const char *sentence = reason_sentence(o);
            ck_assert_msg(sentence[0] != '\0', "%s: no reason sentence", ctx);
            expect_in("the letter", o->letter, sentence);
            if (sh == 2)
                ck_assert_str_eq(sentence, private_sentence);
            if (sh == 1) {
                const cJSON *entry = cJSON_GetObjectItemCaseSensitive(
                    cJSON_GetObjectItemCaseSensitive(catalogue, "reasons"), kinds[k]);
                ck_assert_str_eq(sentence, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                                               entry, "softened")));
            }
            ajar_output_free(o);
            ajar_draft_free(d);
        }
    }
    cJSON_Delete(catalogue);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(private_reason_never_shows_in_any_tone_or_scenario)
{
    ajar_renderer *r = open_renderer();
    for (int i = 0; i < 24; i++) {
        int s = i % 12 / 3, t = i % 3;
        snprintf(ctx, sizeof ctx, "%s, %s %s", i < 12 ? "private" : "softened", SCENARIOS[s],
                 TONES[t]);
        ajar_draft *d = load_full();
        set_scenario_tone(d, s, t);
        set_str(d, "reason.kind", "compensation");
        set_str(d, "reason.detail", DETAIL);
        set_str(d, "reason.share", i < 12 ? "private" : "softened");
        ajar_output *o = render_on(r, d, "2026-11-20");
        expect_detail(o, 0);
        ajar_output_free(o);
        ajar_draft_free(d);
    }
    ajar_renderer_free(r);
}
END_TEST

START_TEST(a_detail_without_a_kind_uses_the_other_sentence)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    ck_assert_int_eq(ajar_draft_remove(d, "reason.kind", NULL), AJAR_OK);
    set_str(d, "reason.detail", DETAIL ".");
    snprintf(ctx, sizeof ctx, "no kind, plain");
    ajar_output *o = render_on(r, d, "2026-11-20");
    ck_assert_str_eq(reason_sentence(o), "It comes down to this: " DETAIL ".");
    expect_in("the letter", o->letter, " It comes down to this: " DETAIL ".");
    check_output(o);
    ajar_output_free(o);

    set_str(d, "reason.share", "softened");
    snprintf(ctx, sizeof ctx, "no kind, softened");
    o = render_on(r, d, "2026-11-20");
    ck_assert_str_eq(reason_sentence(o),
                     "After weighing everything, I have concluded that it is not the right move "
                     "for me.");
    expect_detail(o, 0);
    ajar_output_free(o);

    /* no kind and no detail: nothing is said, and the phone script asks for one */
    set_str(d, "reason.share", "plain");
    ck_assert_int_eq(ajar_draft_remove(d, "reason.detail", NULL), AJAR_OK);
    snprintf(ctx, sizeof ctx, "no reason");
    o = render_on(r, d, "2026-11-20");
    ck_assert_str_eq(reason_sentence(o), "");
    expect_in("the phone script", o->phone, "Choose your reason");
    check_output(o);
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(reason_that_could_change_is_flagged)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    set_str(d, "reason.kind", "compensation");
    set_str(d, "reason.would_reconsider", "a higher base salary");
    ajar_output *o = render_on(r, d, "2026-11-20");
    const cJSON *reason = cJSON_GetObjectItemCaseSensitive(o->view, "reason");
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(reason, "can_change")));
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(reason, "label")),
                     "pay");
    expect_in("the letter", o->letter, "If a higher base salary ever becomes possible");
    expect_in("the phone script", o->phone, "(You said a higher base salary could change it");
    ajar_output_free(o);
    set_str(d, "reason.kind", "family");
    o = render_on(r, d, "2026-11-20");
    reason = cJSON_GetObjectItemCaseSensitive(o->view, "reason");
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(reason, "can_change")));
    expect_not_in("the phone script", o->phone, "You said");
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

/* ---- LinkedIn notes ------------------------------------------------------------------ */

static ajar_output *render_limit(const ajar_renderer *r, const ajar_draft *d, int limit)
{
    ajar_render_opts o = {.today = day("2026-11-20"), .linkedin_limit = limit};
    return render_opts(r, d, &o);
}

static char *repeat_words(const char *word, size_t total_chars)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    while (b.len + strlen(word) + 1 <= total_chars) {
        if (b.len)
            ajar_strbuf_putc(&b, ' ');
        ajar_strbuf_puts(&b, word);
    }
    return ajar_strbuf_take(&b);
}

START_TEST(notes_fit_the_limit_as_they_are)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    snprintf(ctx, sizeof ctx, "full, 200");
    ajar_output *o = render_limit(r, d, 0);
    ck_assert_int_eq(o->linkedin_limit, AJAR_LINKEDIN_LIMIT);
    ck_assert_uint_eq(o->nfollowups, 2);
    for (size_t i = 0; i < 2; i++) {
        const ajar_followup *f = &o->followups[i];
        ck_assert_int_eq(f->note_shortened, 0);
        ck_assert_uint_eq(f->note_chars, chars(f->note));
        expect_in("a note", f->note, f->talked_about);
        expect_in("a note", f->note, "Lumen Freight");
        ck_assert_msg(strncmp(f->note, "Hi ", 3) == 0, "note: %s", f->note);
        expect_in("the LinkedIn notes", o->linkedin_text, f->note);
        char *count = ajar_asprintf("(%zu characters)", f->note_chars);
        expect_in("the LinkedIn notes", o->linkedin_text, count);
        free(count);
    }
    expect_in("the LinkedIn notes", o->linkedin_text, "notes of at most 200 characters");
    ajar_output_free(o);
    o = render_limit(r, d, AJAR_LINKEDIN_LIMIT_PREMIUM);
    ck_assert_int_eq(o->linkedin_limit, 300);
    expect_in("the LinkedIn notes", o->linkedin_text, "notes of at most 300 characters");
    ck_assert_int_eq(
        (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o->view, "linkedin_limit")), 300);
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(long_notes_use_the_short_form)
{
    static const int LIMITS[] = {AJAR_LINKEDIN_LIMIT, AJAR_LINKEDIN_LIMIT_PREMIUM};
    ajar_renderer *r = open_renderer();
    char *talk = repeat_words("distributed tracing", 500);
    char *company = repeat_words("Übersee-Logistik", 480);
    ck_assert_uint_ge(chars(talk), 480);
    for (int l = 0; l < 2; l++) {
        for (int which = 0; which < 2; which++) {
            snprintf(ctx, sizeof ctx, "limit %d, long %s", LIMITS[l], which ? "company" : "talk");
            ajar_draft *d = load_full();
            if (which)
                set_str(d, "offer.company", company);
            else
                set_str(d, "contacts[0].talked_about", talk);
            ajar_output *o = render_limit(r, d, LIMITS[l]);
            check_output(o);
            const ajar_followup *f = &o->followups[0];
            ck_assert_msg(f->note_chars <= (size_t)LIMITS[l], "%s: %zu characters", ctx,
                          f->note_chars);
            ck_assert_uint_eq(f->note_chars, chars(f->note));
            ck_assert_int_eq(f->note_shortened, 1);
            expect_not_in("the short note", f->note, "distributed");
            expect_not_in("the short note", f->note, "Logistik");
            expect_not_in("the short note", f->note, "…");
            ck_assert_msg(strncmp(f->note, "Hi Tomás, ", strlen("Hi Tomás, ")) == 0, "%s: %s", ctx,
                          f->note);
            expect_in("the short note", f->note, "Zoë");
            /* the other contact's note is unchanged by the long talk */
            ck_assert_int_eq(o->followups[1].note_shortened, which);
            ajar_output_free(o);
            ajar_draft_free(d);
        }
    }
    free(talk);
    free(company);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(notes_too_long_even_when_short_are_cut_at_a_word)
{
    ajar_renderer *r = open_renderer();
    /* a first name of 180 characters makes even the short form too long for 200 */
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    for (int i = 0; i < 60; i++)
        ajar_strbuf_puts(&b, "Ana");
    ajar_strbuf_puts(&b, " Lima");
    char *name = ajar_strbuf_take(&b);
    ajar_draft *d = load_full();
    set_str(d, "contacts[0].name", name);
    snprintf(ctx, sizeof ctx, "180-character first name, 200");
    ajar_output *o = render_limit(r, d, 200);
    check_output(o);
    const ajar_followup *f = &o->followups[0];
    ck_assert_int_eq(f->note_shortened, 1);
    ck_assert_uint_le(f->note_chars, 200);
    ck_assert_uint_eq(f->note_chars, chars(f->note));
    size_t n = strlen(f->note), ell = strlen("…");
    ck_assert_msg(n > ell && strcmp(f->note + n - ell, "…") == 0, "%s: %s", ctx, f->note);
    /* what comes before "…" is the short form up to the end of a word */
    const char *short_form = "thank you for your time. I'd like to stay in touch. Zoë";
    char *full_short = ajar_asprintf("Hi %.180s, %s", name, short_form);
    size_t kept = n - ell;
    ck_assert_msg(strncmp(f->note, full_short, kept) == 0, "%s: %s", ctx, f->note);
    ck_assert_msg(full_short[kept] == ' ', "%s: cut inside a word: %s", ctx, f->note);
    ck_assert_msg(strchr(" ,;:-", f->note[kept - 1]) == NULL, "%s: %s", ctx, f->note);
    ajar_output_free(o);

    /* 300 characters leave room for the short form */
    snprintf(ctx, sizeof ctx, "180-character first name, 300");
    o = render_limit(r, d, 300);
    f = &o->followups[0];
    ck_assert_int_eq(f->note_shortened, 1);
    ck_assert_str_eq(f->note, full_short);
    ajar_output_free(o);
    free(full_short);

    /* a first name in a script of wide characters is cut between characters */
    ajar_strbuf_init(&b);
    for (int i = 0; i < 250; i++)
        ajar_strbuf_puts(&b, "李");
    char *wide = ajar_strbuf_take(&b);
    set_str(d, "contacts[1].name", wide);
    snprintf(ctx, sizeof ctx, "250 wide characters, 200");
    o = render_limit(r, d, 200);
    check_output(o);
    f = &o->followups[1];
    ck_assert_int_eq(f->note_shortened, 1);
    ck_assert_uint_le(f->note_chars, 200);
    ck_assert(ajar_utf8_valid(f->note, strlen(f->note), NULL));
    ajar_output_free(o);
    free(wide);
    free(name);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

/* ---- the follow-up plan ------------------------------------------------------------- */

START_TEST(followups_describe_each_contact)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    snprintf(ctx, sizeof ctx, "full");
    ajar_output *o = render_on(r, d, "2026-11-20");
    ck_assert_uint_eq(o->nfollowups, 2);
    ck_assert_int_eq(o->recipient, 0);
    ck_assert_str_eq(o->from_name, "Zoë Ångström");
    ck_assert_str_eq(o->from_email, "zoe.angstrom@example.org");
    ck_assert_str_eq(o->to_name, "Tomás Ferreira");
    ck_assert_str_eq(o->to_email, "tomas.ferreira@lumen.example");
    ck_assert_int_eq(ajar_date_diff(o->today, day("2026-11-20")), 0);

    const ajar_followup *t = &o->followups[0], *l = &o->followups[1];
    ck_assert_uint_eq(t->index, 0);
    ck_assert_str_eq(t->name, "Tomás Ferreira");
    ck_assert_str_eq(t->first, "Tomás");
    ck_assert_str_eq(t->role, "hiring-manager");
    ck_assert_str_eq(t->role_label, "hiring manager");
    ck_assert_str_eq(t->title, "Head of Platform");
    ck_assert_str_eq(t->channel, "phone");
    ck_assert_str_eq(t->channel_label, "phone call");
    ck_assert_str_eq(t->phone, "+46 8 555 0101");
    ck_assert_str_eq(t->linkedin, "");
    ck_assert_str_eq(t->talked_about, "moving the fleet to a single deploy pipeline");
    ck_assert_int_eq(t->made_offer, 1);
    ck_assert_int_eq(ajar_date_diff(t->when, day("2026-11-20")), 0);
    ck_assert_str_eq(t->when_text, "today (Friday 20 November 2026)");
    ck_assert_msg(strncmp(t->message, "Hi Tomás, thank you again for the offer", 39) == 0, "%s",
                  t->message);
    expect_in("a message", t->message, t->talked_about);
    ck_assert_msg(strcmp(t->message + strlen(t->message) - 5, "Zoë") == 0 ||
                      contains(t->message, "All the best, Zoë"),
                  "%s", t->message);

    ck_assert_uint_eq(l->index, 1);
    ck_assert_str_eq(l->name, "李娜");
    ck_assert_str_eq(l->first, "李娜");
    ck_assert_str_eq(l->channel, "email");
    ck_assert_str_eq(l->channel_label, "e-mail");
    ck_assert_str_eq(l->email, "li.na@lumen.example");
    ck_assert_str_eq(l->phone, "");
    ck_assert_int_eq(l->made_offer, 0);
    ck_assert_int_eq(ajar_date_diff(l->when, day("2026-11-23")), 0);
    ck_assert_str_eq(l->when_text, "by Monday 23 November 2026");
    ck_assert_msg(strncmp(l->message, "Hi 李娜, thank you for the time you gave me", 20) == 0, "%s",
                  l->message);
    expect_in("a message", l->message, "not to join Lumen Freight");

    /* check-ins: today plus 3, 6 and 12 months, on working days */
    static const char *const CHECKINS[] = {"2027-02-22", "2027-05-20", "2027-11-22"};
    static const int MONTHS[] = {3, 6, 12};
    for (size_t i = 0; i < 2; i++) {
        ck_assert_uint_eq(o->followups[i].ncheckins, 3);
        for (size_t k = 0; k < 3; k++) {
            ck_assert_int_eq(o->followups[i].checkins[k].months, MONTHS[k]);
            ck_assert_int_eq(ajar_date_diff(o->followups[i].checkins[k].date, day(CHECKINS[k])), 0);
        }
    }
    expect_in("the plan", o->followups_text, "Tomás Ferreira, Head of Platform (the letter goes to them)");
    expect_in("the plan", o->followups_text, "  When:     today (Friday 20 November 2026)\n");
    expect_in("the plan", o->followups_text, "  How:      phone call on +46 8 555 0101\n");
    expect_in("the plan", o->followups_text, "  How:      e-mail to li.na@lumen.example\n");
    expect_in("the plan", o->followups_text, "  Check in: Monday 22 February 2027 (3 months on)\n");
    expect_in("the plan", o->followups_text, "  Amira Haddad: six years running Kubernetes platforms");
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(followups_on_a_weekend_start_on_monday)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    static const char *const DAYS[] = {"2026-11-21", "2026-11-22"};
    for (int i = 0; i < 2; i++) {
        snprintf(ctx, sizeof ctx, "today %s", DAYS[i]);
        ajar_output *o = render_on(r, d, DAYS[i]);
        ck_assert_int_eq(ajar_date_diff(o->followups[0].when, day("2026-11-23")), 0);
        ck_assert_str_eq(o->followups[0].when_text, "by Monday 23 November 2026");
        ck_assert_int_eq(ajar_date_diff(o->followups[1].when, day("2026-11-24")), 0);
        ck_assert_str_eq(o->followups[1].when_text, "by Tuesday 24 November 2026");
        expect_in("the phone script", o->phone, "When: by Monday 23 November 2026, before");
        ajar_output_free(o);
    }
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(followup_channel_is_chosen_when_the_draft_has_none)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    ck_assert_int_eq(ajar_draft_remove(d, "contacts[0].channel", NULL), AJAR_OK);
    ck_assert_int_eq(ajar_draft_remove(d, "contacts[1].channel", NULL), AJAR_OK);
    set_json(d, "contacts[+]", "{\"name\": \"Lin Kai\", \"linkedin\": \"in/linkai\","
                               " \"phone\": \"+1 555\"}");
    set_json(d, "contacts[+]", "{\"name\": \"Pat Doe\", \"phone\": \"+1 556\"}");
    set_json(d, "contacts[+]", "{\"name\": \"No Details\"}");
    set_json(d, "contacts[+]", "{\"name\": \"Both Ways\", \"phone\": \"+1 557\","
                               " \"email\": \"both@example.com\"}");
    snprintf(ctx, sizeof ctx, "chosen channels");
    ajar_output *o = render_on(r, d, "2026-11-20");
    check_output(o);
    static const char *const WANT[] = {"phone", "email", "linkedin", "phone", "email", "email"};
    ck_assert_uint_eq(o->nfollowups, 6);
    for (size_t i = 0; i < 6; i++) {
        ck_assert_uint_eq(o->followups[i].index, i);
        ck_assert_msg(strcmp(o->followups[i].channel, WANT[i]) == 0, "contact %zu: %s", i,
                      o->followups[i].channel);
    }
    expect_in("the plan", o->followups_text, "  How:      LinkedIn message at in/linkai\n");
    ajar_output_free(o);

    /* an offer-maker without a phone number gets the letter by e-mail */
    set_str(d, "contacts[0].phone", "");
    o = render_on(r, d, "2026-11-20");
    ck_assert_str_eq(o->followups[0].channel, "email");
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(the_view_holds_the_texts_on_every_copy)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    snprintf(ctx, sizeof ctx, "view");
    ajar_output *o = render_on(r, d, "2026-11-20");
    const cJSON *contacts = cJSON_GetObjectItemCaseSensitive(o->view, "contacts");
    const cJSON *rec = cJSON_GetObjectItemCaseSensitive(o->view, "recipient");
    const cJSON *other = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o->view, "others"), 0);
    /* the recipient and the others are the same people as in contacts */
    ck_assert(cJSON_Compare(rec, cJSON_GetArrayItem(contacts, 0), 1));
    ck_assert(cJSON_Compare(other, cJSON_GetArrayItem(contacts, 1), 1));
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rec, "when_today")));
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(other, "when_today")));
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "message")),
                     o->followups[0].message);
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(other, "note")),
                     o->followups[1].note);
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(plan_follows_how_the_news_is_given)
{
    static const char *const MEDIA[][2] = {
        {"phone-then-email", "  Plan:     call first, then send the letter the same day\n"},
        {"email", "  Plan:     send the letter; no call first\n"},
        {"phone", "  Plan:     tell them in a call\n"},
    };
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    for (size_t i = 0; i < 3; i++) {
        snprintf(ctx, sizeof ctx, "medium %s", MEDIA[i][0]);
        set_str(d, "offer.medium", MEDIA[i][0]);
        ajar_output *o = render_on(r, d, "2026-11-20");
        expect_in("the plan", o->followups_text, MEDIA[i][1]);
        ck_assert_uint_eq(count_of(o->followups_text, "Plan:"), 1);
        ajar_output_free(o);
    }
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

START_TEST(nameless_contacts_still_have_a_heading)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = parse_draft("{\"ajar\": 1, \"contacts\": [{\"name\": \"Ana Lima\"},"
                                " {\"email\": \"x@example.com\", \"linkedin\": \"in/x\"}]}");
    snprintf(ctx, sizeof ctx, "nameless contact");
    ajar_output *o = render_on(r, d, "2026-11-20");
    check_output(o);
    expect_in("the plan", o->followups_text, "\n\n(no name yet)\n  When:");
    expect_in("the LinkedIn notes", o->linkedin_text, "\n\n(no name yet) — in/x\n  Hi, thank you");
    ck_assert_str_eq(o->followups[1].name, "");
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

/* A renderer whose user folder replaces `name` with `text`, and the status
 * and first error of rendering the full example with it. */
static ajar_status render_broken(const char *name, const char *text, unsigned what,
                                 ajar_errors *errs)
{
    char *dir = make_tmpdir();
    free(write_file(dir, name, text));
    ajar_renderer *r = open_with(".", dir);
    ajar_draft *d = load_full();
    ajar_render_opts opts = {.today = day("2026-11-20"), .what = what};
    ajar_output *o = (ajar_output *)&opts;
    ajar_status st = ajar_render(r, d, &opts, &o, errs);
    if (st == AJAR_OK)
        ajar_output_free(o);
    else
        ck_assert_ptr_null(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
    remove_tree(dir);
    free(dir);
    return st;
}

START_TEST(templates_that_go_wrong_fail_cleanly)
{
    ajar_errors errs = {0};
    /* a control character in the template's own text */
    ck_assert_int_eq(render_broken("letter-offer-warm.mustache", "Hi \x1b[31m{{company}}\n", 0,
                                   &errs),
                     AJAR_E_INVALID);
    expect_in("the error", errs.items[0].message, "control character");
    ajar_errors_clear(&errs);
    /* ... in a per-contact message, and in a partial of the plan */
    ck_assert_int_eq(render_broken("followup-message.mustache", "\x07{{#contact}}x{{/contact}}\n",
                                   AJAR_OUT_FOLLOWUPS, &errs),
                     AJAR_E_INVALID);
    ajar_errors_clear(&errs);
    ck_assert_int_eq(render_broken("linkedin-note.mustache", "\x7f\n", AJAR_OUT_LINKEDIN, &errs),
                     AJAR_E_INVALID);
    ajar_errors_clear(&errs);
    /* a template that includes itself without end */
    ck_assert_int_eq(render_broken("letter-offer-warm.mustache", "a {{>letter}}\n", 0, &errs),
                     AJAR_E_INVALID);
    expect_in("the error", errs.items[0].message, "nested more than");
    ajar_errors_clear(&errs);
    /* a part that was not asked for cannot fail the render */
    ck_assert_int_eq(render_broken("voicemail.mustache", "\x1b\n", AJAR_OUT_LETTER, &errs),
                     AJAR_OK);
    ajar_errors_clear(&errs);
}
END_TEST

/* ---- what to render ----------------------------------------------------------------- */

START_TEST(only_the_parts_asked_for_are_rendered)
{
    static const struct {
        unsigned what;
        int letter, phone, voicemail, followups, linkedin, list;
    } CASES[] = {
        {AJAR_OUT_LETTER, 1, 0, 0, 0, 0, 0},
        {AJAR_OUT_PHONE, 0, 1, 0, 0, 0, 0},
        {AJAR_OUT_VOICEMAIL, 0, 0, 1, 0, 0, 0},
        {AJAR_OUT_FOLLOWUPS, 0, 0, 0, 1, 0, 1},
        {AJAR_OUT_LINKEDIN, 0, 0, 0, 0, 1, 1},
        {AJAR_OUT_LETTER | AJAR_OUT_VOICEMAIL, 1, 0, 1, 0, 0, 0},
        {0, 1, 1, 1, 1, 1, 1},
        {AJAR_OUT_ALL, 1, 1, 1, 1, 1, 1},
    };
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        snprintf(ctx, sizeof ctx, "what = %u", CASES[i].what);
        ajar_render_opts opts = {.today = day("2026-11-20"), .what = CASES[i].what};
        ajar_output *o = render_opts(r, d, &opts);
        ck_assert_msg((o->letter != NULL) == CASES[i].letter, "%s: letter", ctx);
        ck_assert_msg((o->subject != NULL) == CASES[i].letter, "%s: subject", ctx);
        ck_assert_msg((o->phone != NULL) == CASES[i].phone, "%s: phone", ctx);
        ck_assert_msg((o->voicemail != NULL) == CASES[i].voicemail, "%s: voicemail", ctx);
        ck_assert_msg((o->followups_text != NULL) == CASES[i].followups, "%s: plan", ctx);
        ck_assert_msg((o->linkedin_text != NULL) == CASES[i].linkedin, "%s: notes", ctx);
        ck_assert_msg((o->followups != NULL) == CASES[i].list, "%s: follow-up list", ctx);
        ck_assert_uint_eq(o->nfollowups, CASES[i].list ? 2 : 0);
        /* the recipient and sender are known whatever was asked */
        ck_assert_int_eq(o->recipient, 0);
        ck_assert_str_eq(o->to_name, "Tomás Ferreira");
        ck_assert_ptr_nonnull(o->view);
        ajar_output_free(o);
    }
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

/* ---- templates the user changes ------------------------------------------------- */

START_TEST(user_templates_replace_shipped_ones)
{
    char *dir = make_tmpdir();
    char *letter = write_file(dir, "letter-offer-warm.mustache",
                              "{{>greeting}}\n\nMine, for {{company}}.\n\n{{>signoff}}\n");
    char *signoff = write_file(dir, "signoff.mustache", "Cheers,\n{{me.first}}\n");
    free(write_file(dir, "README.txt", "{{#not a template"));
    free(write_file(dir, "Letter-Offer.mustache", "{{#not ours either"));
    ajar_renderer *r = open_with(".", dir);
    ck_assert_str_eq(ajar_renderer_origin(r, "letter-offer-warm"), letter);
    ck_assert_str_eq(ajar_renderer_origin(r, "signoff"), signoff);
    const char *shipped = ajar_renderer_origin(r, "letter-offer-formal");
    ck_assert_ptr_nonnull(shipped);
    expect_in("the origin", shipped, "data/templates/letter-offer-formal.mustache");
    ajar_draft *d = load_full();
    snprintf(ctx, sizeof ctx, "override");
    ajar_output *o = render_on(r, d, "2026-11-20");
    ck_assert_str_eq(o->letter, "Dear Tomás,\n\nMine, for Lumen Freight.\n\nCheers,\nZoë\n");
    ajar_output_free(o);
    /* the formal letter is the shipped one, with the shipped formal sign-off */
    set_str(d, "tone", "formal");
    o = render_on(r, d, "2026-11-20");
    expect_in("the letter", o->letter, "Yours sincerely,\nZoë Ångström\n");
    expect_not_in("the letter", o->letter, "Mine");
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
    free(letter);
    free(signoff);
    remove_tree(dir);
    free(dir);

    /* a user folder that does not exist is no user folder */
    r = open_with(".", "/nonexistent/ajar/templates");
    ajar_renderer_free(r);
    r = open_with(".", "");
    ajar_renderer_free(r);
}
END_TEST

START_TEST(a_broken_user_template_is_reported_with_its_position)
{
    char *dir = make_tmpdir();
    char *path = write_file(dir, "letter-offer-warm.mustache",
                            "{{>greeting}}\n\nThank you{{#company}} for\n  {{#role}}the {{role}}\n"
                            "{{/company}}\n");
    ajar_errors errs = {0};
    /* compiled when first needed: the renderer opens, and drafts that do
     * not use the broken template render */
    ajar_renderer *r = open_with(".", dir);
    ajar_draft *d = load_full();
    set_scenario_tone(d, 1, 0);
    ajar_output_free(render_on(r, d, "2026-11-20"));
    set_scenario_tone(d, 0, 0);
    ajar_output *out = (ajar_output *)&errs;
    ajar_render_opts o = {.today = day("2026-11-20")};
    /* the same error every time the template is needed */
    for (int attempt = 0; attempt < 2; attempt++) {
        ck_assert_int_eq(ajar_render(r, d, &o, &out, &errs), AJAR_E_SYNTAX);
        ck_assert_ptr_null(out);
        ck_assert_uint_ge(errs.count, 1);
        ck_assert_str_eq(errs.items[0].file, path);
        ck_assert_int_eq(errs.items[0].line, 5);
        ck_assert_int_eq(errs.items[0].column, 1);
        char *msg = ajar_error_format(&errs.items[0]);
        char *where = ajar_asprintf("%s:5:1: ", path);
        ck_assert_msg(strncmp(msg, where, strlen(where)) == 0, "%s", msg);
        free(where);
        free(msg);
        ajar_errors_clear(&errs);
    }
    ajar_draft_free(d);
    ajar_renderer_free(r);
    free(path);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(missing_templates_folder_is_not_found)
{
    char *dir = make_tmpdir();
    ajar_errors errs = {0};
    ajar_renderer *r = (ajar_renderer *)&errs;
    ck_assert_int_eq(ajar_renderer_open(dir, NULL, &r, &errs), AJAR_E_NOTFOUND);
    ck_assert_ptr_null(r);
    expect_in("the error", errs.items[0].message, "data/templates");
    ajar_errors_clear(&errs);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(a_missing_required_template_is_named)
{
    static const char *const ONE[] = {"voicemail.mustache", NULL};
    char *dir = make_data_dir(ONE, NULL);
    ajar_errors errs = {0};
    ajar_renderer *r = NULL;
    ck_assert_int_eq(ajar_renderer_open(dir, NULL, &r, &errs), AJAR_E_NOTFOUND);
    ck_assert_ptr_null(r);
    ck_assert_uint_eq(errs.count, 1);
    expect_in("the error", errs.items[0].message, "no template for voicemail");
    expect_in("the error", errs.items[0].message, "voicemail-offer-warm.mustache");
    ajar_errors_clear(&errs);
    remove_tree(dir);
    free(dir);

    /* one message for each missing template, naming the first gap */
    static const char *const SOME[] = {"letter-recruiter-formal.mustache",
                                       "linkedin-note.mustache", NULL};
    dir = make_data_dir(SOME, NULL);
    ck_assert_int_eq(ajar_renderer_open(dir, NULL, &r, &errs), AJAR_E_NOTFOUND);
    ck_assert_uint_eq(errs.count, 2);
    expect_in("the error", errs.items[0].message,
              "no template for letter in scenario recruiter and tone formal");
    expect_in("the error", errs.items[1].message,
              "no template for linkedin-note in scenario offer and tone warm");
    ajar_errors_clear(&errs);
    remove_tree(dir);
    free(dir);

    /* the copy with everything opens: the test above is about the one file */
    dir = make_data_dir(NULL, NULL);
    r = open_with(dir, NULL);
    ajar_renderer_free(r);
    remove_tree(dir);
    free(dir);
}
END_TEST

static void drop_timing(cJSON *doc)
{
    cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "reasons"),
                                            "timing");
}

static void break_timing(cJSON *doc)
{
    cJSON *timing = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(doc, "reasons"), "timing");
    cJSON_ReplaceItemInObjectCaseSensitive(timing, "plain",
                                           cJSON_CreateString("Timing{{#reason.detail}}: x."));
}

static void drop_private(cJSON *doc)
{
    cJSON_DeleteItemFromObjectCaseSensitive(doc, "private");
}

START_TEST(a_broken_reason_sentence_is_named_when_it_is_said)
{
    char *reasons = reasons_edited(break_timing);
    char *dir = make_data_dir(NULL, reasons);
    ajar_renderer *r = open_with(dir, NULL);
    ajar_draft *d = load_full();
    /* sentences are compiled when said: another reason renders */
    set_str(d, "reason.kind", "role-fit");
    set_str(d, "reason.share", "plain");
    ajar_output_free(render_on(r, d, "2026-11-20"));
    set_str(d, "reason.kind", "timing");
    ajar_render_opts o = {.today = day("2026-11-20")};
    for (int attempt = 0; attempt < 2; attempt++) {
        ajar_errors errs = {0};
        ajar_output *out = NULL;
        ck_assert_int_eq(ajar_render(r, d, &o, &out, &errs), AJAR_E_SYNTAX);
        ck_assert_ptr_null(out);
        ck_assert_uint_ge(errs.count, 1);
        ck_assert_ptr_nonnull(errs.items[0].field);
        ck_assert_str_eq(errs.items[0].field, "reasons.timing.plain");
        expect_in("the error's file", errs.items[0].file, "data/reasons.json");
        ajar_errors_clear(&errs);
    }
    ajar_draft_free(d);
    ajar_renderer_free(r);
    remove_tree(dir);
    free(dir);
    free(reasons);
}
END_TEST

START_TEST(a_reason_catalogue_without_a_kind_names_it)
{
    static const struct {
        void (*edit)(cJSON *);
        ajar_status code;
        const char *field;
    } CASES[] = {
        {drop_timing, AJAR_E_INVALID, "reasons.timing"},
        {drop_private, AJAR_E_INVALID, "private"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        char *reasons = reasons_edited(CASES[i].edit);
        char *dir = make_data_dir(NULL, reasons);
        ajar_errors errs = {0};
        ajar_renderer *r = NULL;
        ck_assert_int_eq(ajar_renderer_open(dir, NULL, &r, &errs), CASES[i].code);
        ck_assert_ptr_null(r);
        ck_assert_uint_ge(errs.count, 1);
        ck_assert_ptr_nonnull(errs.items[0].field);
        ck_assert_str_eq(errs.items[0].field, CASES[i].field);
        expect_in("the error's file", errs.items[0].file, "data/reasons.json");
        ajar_errors_clear(&errs);
        remove_tree(dir);
        free(dir);
        free(reasons);
    }
}
END_TEST

START_TEST(origin_names_the_file_read)
{
    ajar_renderer *r = open_renderer();
    ck_assert_str_eq(ajar_renderer_origin(r, "letter-offer-warm"),
                     "./data/templates/letter-offer-warm.mustache");
    ck_assert_str_eq(ajar_renderer_origin(r, "phone"), "./data/templates/phone.mustache");
    ck_assert_ptr_null(ajar_renderer_origin(r, "letter"));
    ck_assert_ptr_null(ajar_renderer_origin(r, "nope"));
    ck_assert_ptr_null(ajar_renderer_origin(r, NULL));
    ck_assert_ptr_null(ajar_renderer_origin(NULL, "phone"));
    ajar_renderer_free(r);
    ajar_renderer_free(NULL);
    ajar_output_free(NULL);
}
END_TEST

START_TEST(user_dir_follows_xdg)
{
    char *old_xdg = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv("XDG_CONFIG_HOME", "/cfg", 1);
    setenv("HOME", "/home/zoe", 1);
    char *dir = ajar_render_user_dir();
    ck_assert_str_eq(dir, "/cfg/ajar/templates");
    free(dir);
    setenv("XDG_CONFIG_HOME", "relative", 1);
    dir = ajar_render_user_dir();
    ck_assert_str_eq(dir, "/home/zoe/.config/ajar/templates");
    free(dir);
    setenv("XDG_CONFIG_HOME", "", 1);
    dir = ajar_render_user_dir();
    ck_assert_str_eq(dir, "/home/zoe/.config/ajar/templates");
    free(dir);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("HOME");
    ck_assert_ptr_null(ajar_render_user_dir());
    if (old_xdg)
        setenv("XDG_CONFIG_HOME", old_xdg, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_xdg);
    free(old_home);
}
END_TEST

/* ---- tidying ---------------------------------------------------------------------------- */

/* Tidies a copy of `in` of exactly its size, so that a byte written past
 * its end is caught by AddressSanitizer. */
static void expect_tidy(const char *in, int prose, const char *want)
{
    size_t n = strlen(in);
    char *s = malloc(n + 1);
    memcpy(s, in, n + 1);
    s = ajar_render_tidy(s, prose);
    ck_assert_ptr_nonnull(s);
    ck_assert_msg(strcmp(s, want) == 0, "tidy(\"%s\", %d) = \"%s\", expected \"%s\"", in, prose,
                  s, want);
    free(s);
}

START_TEST(tidy_cleans_prose)
{
    expect_tidy("Hello  world ,  ok .", 1, "Hello world, ok.\n");
    expect_tidy("a , b", 1, "a, b\n");
    expect_tidy("a , b", 0, "a, b\n");
    expect_tidy("x ;y ! z ? w : v", 1, "x;y! z? w: v\n");
    expect_tidy("( x ) and (y )", 1, "(x) and (y)\n");
    expect_tidy("   indented\n\tand tabbed", 1, "indented\nand tabbed\n");
    expect_tidy("a\tb", 1, "a b\n");
    expect_tidy("trailing   \nspaces\t\t\n", 1, "trailing\nspaces\n");
    expect_tidy("\n\n\nA\n\n\n\nB\n\n", 1, "A\n\nB\n");
    expect_tidy("A\n   \n \t \nB", 1, "A\n\nB\n");
    expect_tidy("Zoë  Ångström .  李娜 ,", 1, "Zoë Ångström. 李娜,\n");
    expect_tidy("", 1, "");
    expect_tidy("  \n \n\n", 1, "");
    expect_tidy("one line", 1, "one line\n");
    expect_tidy("ends\n", 1, "ends\n");
    ck_assert_ptr_null(ajar_render_tidy(NULL, 1));
}
END_TEST

START_TEST(tidy_drops_a_full_stop_after_the_users_own)
{
    expect_tidy("everyone at Acme Inc..", 1, "everyone at Acme Inc.\n");
    expect_tidy("It comes down to this: is it the right time?.", 1,
                "It comes down to this: is it the right time?\n");
    expect_tidy("at Yahoo!. Then", 1, "at Yahoo! Then\n");
    expect_tidy("  at Acme Inc..", 0, "  at Acme Inc.\n");
    expect_tidy("Acme Inc. .", 1, "Acme Inc.\n");
    /* an ellipsis, and a full stop after other marks, stay */
    expect_tidy("and so on...", 1, "and so on...\n");
    expect_tidy("wait... what.", 1, "wait... what.\n");
    expect_tidy("(Inc.).", 1, "(Inc.).\n");
    expect_tidy("Acme Inc., then", 1, "Acme Inc., then\n");
}
END_TEST

START_TEST(tidy_keeps_layout)
{
    expect_tidy("  When:     today  \n  How:      phone\n", 0,
                "  When:     today\n  How:      phone\n");
    expect_tidy("\n\nTitle\n\n\n   1. first , then\n\tsecond", 0,
                "Title\n\n   1. first, then\n\tsecond\n");
    expect_tidy("   \n  x", 0, "  x\n");
    expect_tidy("  (  x )", 0, "  (x)\n");
}
END_TEST

/* ---- Markdown ---------------------------------------------------------------------------- */

static char *escape_md(const char *s)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "");
    ajar_render_escape_md(&b, s, strlen(s), NULL);
    return ajar_strbuf_take(&b);
}

static void expect_md(const char *in, const char *want)
{
    char *s = escape_md(in);
    ck_assert_msg(strcmp(s, want) == 0, "escape_md(\"%s\") = \"%s\", expected \"%s\"", in, s, want);
    free(s);
}

START_TEST(markdown_escaping_quotes_markup)
{
    static const char SPECIAL[] = "\\`*_[]<>|~";
    for (const char *c = SPECIAL; *c; c++) {
        char in[8], want[8];
        snprintf(in, sizeof in, "a%cb", *c);
        snprintf(want, sizeof want, "a\\%cb", *c);
        expect_md(in, want);
        snprintf(in, sizeof in, "%c", *c);
        snprintf(want, sizeof want, "\\%c", *c);
        expect_md(in, want);
    }
    /* these start markup only at the start of a line */
    static const char START[] = "#-+=";
    for (const char *c = START; *c; c++) {
        char in[8], want[8];
        snprintf(in, sizeof in, "%c x", *c);
        snprintf(want, sizeof want, "\\%c x", *c);
        expect_md(in, want);
        snprintf(in, sizeof in, "a%cb", *c);
        expect_md(in, in);
        snprintf(in, sizeof in, "a\n%c b", *c);
        snprintf(want, sizeof want, "a\n\\%c b", *c);
        expect_md(in, want);
    }
    expect_md("A*B_C", "A\\*B\\_C");
    expect_md("four-day on-call", "four-day on-call");
    expect_md("Zoë Ångström, 李娜.", "Zoë Ångström, 李娜.");
    expect_md("", "");
}
END_TEST

START_TEST(markdown_quotes_user_text_but_not_templates)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    set_str(d, "offer.company", "A*B_C");
    snprintf(ctx, sizeof ctx, "markdown");
    ajar_render_opts opts = {.today = day("2026-11-20"), .escape = ajar_render_escape_md};
    ajar_output *o = render_opts(r, d, &opts);
    expect_in("the letter", o->letter, "the Platform Engineer role at A\\*B\\_C, and for");
    expect_not_in("the letter", o->letter, "A*B");
    /* only the user's text is quoted: every backslash belongs to it */
    ck_assert_uint_eq(count_of(o->letter, "\\"), 2 * count_of(o->letter, "A\\*B\\_C"));
    expect_in("the letter", o->letter, "Warm regards,\nZoë Ångström\n");
    expect_in("the subject", o->subject, "Platform Engineer offer — Zoë Ångström");
    /* texts made of other texts quote the user's text once */
    expect_in("the plan", o->followups_text, "Follow-up plan — A\\*B\\_C\n");
    expect_in("the plan", o->followups_text, "not to join A\\*B\\_C this time");
    expect_not_in("the plan", o->followups_text, "\\\\");
    expect_in("the notes", o->linkedin_text, "keep following A\\*B\\_C");
    expect_not_in("the notes", o->linkedin_text, "\\\\");
    /* the follow-ups themselves are plain text, counted as such */
    expect_in("a message", o->followups[1].message, "not to join A*B_C this time");
    expect_in("a note", o->followups[0].note, "keep following A*B_C");
    ck_assert_uint_eq(o->followups[0].note_chars, chars(o->followups[0].note));
    ajar_output_free(o);

    /* and without an escaper, nothing is quoted */
    opts.escape = NULL;
    o = render_opts(r, d, &opts);
    expect_in("the letter", o->letter, "role at A*B_C, and for");
    expect_not_in("the letter", o->letter, "\\");
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

/* ---- UTF-8 -------------------------------------------------------------------------------- */

START_TEST(names_in_any_script_come_through_intact)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    set_str(d, "me.name", "مريم حداد");
    set_str(d, "contacts[0].name", "שרה כהן");
    set_str(d, "offer.company", "Ångström & Søn");
    for (int t = 0; t < 3; t++) {
        snprintf(ctx, sizeof ctx, "scripts, %s", TONES[t]);
        set_str(d, "tone", TONES[t]);
        ajar_output *o = render_on(r, d, "2026-11-20");
        check_output(o);
        static const char *const GREETING[] = {"Dear שרה,\n", "Dear שרה כהן,\n", "Hi שרה,\n"};
        ck_assert_msg(strncmp(o->letter, GREETING[t], strlen(GREETING[t])) == 0, "%s: %s", ctx,
                      o->letter);
        expect_in("the letter", o->letter, t == 2 ? "\nمريم\n" : "\nمريم حداد\n");
        expect_in("the letter", o->letter, "Ångström & Søn");
        expect_in("the subject", o->subject, "مريم حداد");
        ck_assert_msg(strncmp(o->followups[0].message, "Hi שרה, ", 9) == 0 ||
                          strncmp(o->followups[0].message, "Dear שרה כהן, ", 20) == 0,
                      "%s: %s", ctx, o->followups[0].message);
        expect_in("a message", o->followups[1].message, "李娜");
        expect_in("a message", o->followups[1].message, "مريم");
        ck_assert_str_eq(o->followups[0].first, "שרה");
        expect_in("a note", o->followups[0].note, "Hi שרה, ");
        expect_in("a note", o->followups[1].note, "Hi 李娜, ");
        expect_in("a note", o->followups[1].note, "مريم");
        expect_in("the phone script", o->phone, "Hello שרה, this is مريم حداد.");
        expect_in("the voicemail", o->voicemail, "Voicemail for שרה כהן");
        ck_assert_str_eq(o->from_name, "مريم حداد");
        ck_assert_str_eq(o->to_name, "שרה כהן");
        ajar_output_free(o);
    }
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

/* ---- misuse -------------------------------------------------------------------------------- */

START_TEST(null_arguments_are_usage_errors)
{
    ajar_renderer *r = open_renderer();
    ajar_draft *d = load_full();
    ajar_render_opts opts = {.today = day("2026-11-20")};
    ajar_output *o = (ajar_output *)&opts;
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_render(NULL, d, &opts, &o, &errs), AJAR_E_USAGE);
    ck_assert_ptr_null(o);
    o = (ajar_output *)&opts;
    ck_assert_int_eq(ajar_render(r, NULL, &opts, &o, &errs), AJAR_E_USAGE);
    ck_assert_ptr_null(o);
    ck_assert_int_eq(ajar_render(r, d, NULL, &o, &errs), AJAR_E_USAGE);
    ck_assert_int_eq(ajar_render(r, d, &opts, NULL, &errs), AJAR_E_USAGE);
    ck_assert_int_eq(ajar_render(r, d, &opts, NULL, NULL), AJAR_E_USAGE);
    ck_assert_uint_eq(errs.count, 4);
    ck_assert_int_eq(errs.items[0].code, AJAR_E_USAGE);
    ajar_errors_clear(&errs);

    ajar_renderer *r2 = r;
    ck_assert_int_eq(ajar_renderer_open(NULL, NULL, &r2, &errs), AJAR_E_USAGE);
    ck_assert_ptr_null(r2);
    ck_assert_int_eq(ajar_renderer_open(".", NULL, NULL, &errs), AJAR_E_USAGE);
    ck_assert_uint_eq(errs.count, 2);
    ajar_errors_clear(&errs);
    ajar_draft_free(d);
    ajar_renderer_free(r);
}
END_TEST

/* ---- templates that write more than one line ------------------------------------------- */

START_TEST(messages_are_one_line_whatever_the_template)
{
    char *dir = make_tmpdir();
    free(write_file(dir, "followup-message.mustache",
                    "{{#contact}}\nHi {{first}},\n\nthank you.\n\n\nAll the best,\n{{me.first}}\n"
                    "{{/contact}}\n"));
    free(write_file(dir, "letter-subject.mustache", "Re:\n\n{{role}}\n"));
    ajar_renderer *r = open_with(".", dir);
    ajar_draft *d = load_full();
    snprintf(ctx, sizeof ctx, "multi-line message template");
    ajar_output *o = render_on(r, d, "2026-11-20");
    check_output(o);
    ck_assert_str_eq(o->followups[0].message, "Hi Tomás, thank you. All the best, Zoë");
    ck_assert_str_eq(o->subject, "Re: Platform Engineer");
    ajar_output_free(o);
    ajar_draft_free(d);
    ajar_renderer_free(r);
    remove_tree(dir);
    free(dir);
}
END_TEST

Suite *render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_loop_test(tc, every_scenario_and_tone_renders_clean_text, 0, (int)NDRAFTS * 12);
    tcase_add_loop_test(tc, full_letters_have_a_sensible_length, 0, 12);
    tcase_add_test(tc, greeting_uses_first_name_or_full_name_by_tone);
    tcase_add_test(tc, reason_detail_is_shared_only_when_plain);
    tcase_add_test(tc, private_reason_never_shows_in_any_tone_or_scenario);
    tcase_add_test(tc, a_detail_without_a_kind_uses_the_other_sentence);
    tcase_add_test(tc, reason_that_could_change_is_flagged);
    tcase_add_test(tc, notes_fit_the_limit_as_they_are);
    tcase_add_test(tc, long_notes_use_the_short_form);
    tcase_add_test(tc, notes_too_long_even_when_short_are_cut_at_a_word);
    tcase_add_test(tc, followups_describe_each_contact);
    tcase_add_test(tc, followups_on_a_weekend_start_on_monday);
    tcase_add_test(tc, followup_channel_is_chosen_when_the_draft_has_none);
    tcase_add_test(tc, the_view_holds_the_texts_on_every_copy);
    tcase_add_test(tc, plan_follows_how_the_news_is_given);
    tcase_add_test(tc, nameless_contacts_still_have_a_heading);
    tcase_add_test(tc, templates_that_go_wrong_fail_cleanly);
    tcase_add_test(tc, only_the_parts_asked_for_are_rendered);
    tcase_add_test(tc, user_templates_replace_shipped_ones);
    tcase_add_test(tc, a_broken_user_template_is_reported_with_its_position);
    tcase_add_test(tc, a_broken_reason_sentence_is_named_when_it_is_said);
    tcase_add_test(tc, missing_templates_folder_is_not_found);
    tcase_add_test(tc, a_missing_required_template_is_named);
    tcase_add_test(tc, a_reason_catalogue_without_a_kind_names_it);
    tcase_add_test(tc, origin_names_the_file_read);
    tcase_add_test(tc, user_dir_follows_xdg);
    tcase_add_test(tc, tidy_cleans_prose);
    tcase_add_test(tc, tidy_keeps_layout);
    tcase_add_test(tc, tidy_drops_a_full_stop_after_the_users_own);
    tcase_add_test(tc, markdown_escaping_quotes_markup);
    tcase_add_test(tc, markdown_quotes_user_text_but_not_templates);
    tcase_add_test(tc, names_in_any_script_come_through_intact);
    tcase_add_test(tc, null_arguments_are_usage_errors);
    tcase_add_test(tc, messages_are_one_line_whatever_the_template);
    suite_add_tcase(s, tc);
    return s;
}
