/* test_steps.c — the wizard's step files: the shipped ones load, and every kind of mistake is named. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ajar/steps.h"

Suite *steps_suite(void);

static char dir[64];

/* A data folder whose prompts/ holds one file with `text`. */
static void one_step(const char *text)
{
    strcpy(dir, "/tmp/ajar-steps-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/prompts", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/prompts/00-a.json", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void cleanup(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Loads dir and returns the formatted errors joined by newlines. */
static char *load_errors(ajar_status *st)
{
    ajar_errors errs = {0};
    ajar_steps *s = NULL;
    *st = ajar_steps_load(dir, &s, &errs);
    ajar_steps_free(s);
    size_t cap = 4096, len = 0;
    char *out = calloc(1, cap);
    for (size_t i = 0; i < errs.count; i++) {
        char *m = ajar_error_format(&errs.items[i]);
        len += (size_t)snprintf(out + len, cap - len, "%s\n", m);
        free(m);
    }
    ajar_errors_clear(&errs);
    return out;
}

START_TEST(shipped_steps_load)
{
    ajar_errors errs = {0};
    ajar_steps *s = NULL;
    ck_assert_int_eq(ajar_steps_load(".", &s, &errs), AJAR_OK);
    ck_assert_uint_eq(s->count, 10);
    ck_assert_str_eq(s->items[0].id, "offer");
    ck_assert_str_eq(s->items[0].questions[0].path, "me.name");
    ck_assert(s->items[9].review);
    size_t q;
    ck_assert_int_eq(ajar_steps_for_field(s, "contacts[2].email", &q), 0);
    ck_assert_str_eq(s->items[0].questions[q].path, "contacts");
    ck_assert_int_eq(ajar_steps_for_field(s, "reason.detail", &q), ajar_steps_find(s, "honest"));
    ck_assert_int_eq(ajar_steps_for_field(s, "offer.send_at", NULL), ajar_steps_find(s, "prompt"));
    ck_assert_int_eq(ajar_steps_for_field(s, "nothing.here", NULL), -1);
    long honest = ajar_steps_find(s, "honest");
    ck_assert_str_eq(ajar_question_choice_label(&s->items[honest].questions[0], "family") ? "ok" : "",
                     "ok");
    ajar_steps_free(s);
}
END_TEST

START_TEST(syntax_errors_have_line_and_column)
{
    one_step("{\n  \"id\": \"a\",\n  \"title\" \"x\"\n}");
    ajar_status st;
    char *m = load_errors(&st);
    ck_assert_int_eq(st, AJAR_E_SYNTAX);
    ck_assert_ptr_nonnull(strstr(m, "00-a.json:3:11:"));
    free(m);
    cleanup();
}
END_TEST

START_TEST(every_problem_names_its_member)
{
    one_step("{\"id\": \"Bad Id\", \"title\": \"A title far too long for the list of steps\","
             "\"rule\": \"r\", \"fields\": ["
             "{\"path\": \"offer.nothing\", \"label\": \"x\", \"type\": \"line\"},"
             "{\"path\": \"offer.made_on\", \"label\": \"x\", \"type\": \"line\"},"
             "{\"path\": \"tone\", \"label\": \"x\", \"type\": \"choice\","
             " \"choices\": {\"warm\": \"Warm\", \"chirpy\": \"No\"}},"
             "{\"path\": \"me.name\", \"type\": \"wobbly\"},"
             "{\"path\": \"contacts\", \"label\": \"x\", \"type\": \"contacts\","
             " \"item\": [{\"path\": \"shoe\", \"label\": \"x\", \"type\": \"line\"}]}]}");
    ajar_status st;
    char *m = load_errors(&st);
    ck_assert_int_eq(st, AJAR_E_INVALID);
    const char *want[] = {
        "id: \"Bad Id\" is not an id",
        "title: is longer than 24 columns",
        "fields[0].path: \"offer.nothing\" is not a field",
        "fields[1].type: a question of this type cannot answer the field \"offer.made_on\"",
        "fields[2].choices.chirpy: \"chirpy\" is not a choice",
        "fields[2].choices: no label for the choice \"formal\"",
        "fields[3].label: missing",
        "fields[3].type: unknown question type \"wobbly\"",
        "fields[4].item[0].path: \"contacts[].shoe\" is not a field",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        ck_assert_msg(strstr(m, want[i]), "missing \"%s\" in:\n%s", want[i], m);
    free(m);
    cleanup();
}
END_TEST

START_TEST(a_field_asked_twice_is_refused)
{
    one_step("{\"id\": \"a\", \"title\": \"A\", \"rule\": \"r\", \"fields\": ["
             "{\"path\": \"me.name\", \"label\": \"x\", \"type\": \"line\"},"
             "{\"path\": \"me.name\", \"label\": \"y\", \"type\": \"line\"}]}");
    ajar_status st;
    char *m = load_errors(&st);
    ck_assert_int_eq(st, AJAR_E_INVALID);
    ck_assert_ptr_nonnull(strstr(m, "fields[1]: the field \"me.name\" is already asked"));
    free(m);
    cleanup();
}
END_TEST

START_TEST(no_step_files_is_not_found)
{
    strcpy(dir, "/tmp/ajar-steps-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ajar_status st;
    char *m = load_errors(&st);
    ck_assert_int_eq(st, AJAR_E_NOTFOUND);
    free(m);
    cleanup();
}
END_TEST

/* A data folder whose prompts/ holds two files: a good first step and `second`. */
static void two_steps(const char *second)
{
    one_step("{\"id\": \"a\", \"title\": \"A\", \"rule\": \"r\", \"fields\": ["
             "{\"path\": \"me.name\", \"label\": \"x\", \"type\": \"line\"}]}");
    char path[128];
    snprintf(path, sizeof path, "%s/prompts/01-b.json", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(second, f);
    fclose(f);
}

static char *first_error(ajar_errors *errs)
{
    ck_assert_uint_ge(errs->count, 1);
    char *m = ajar_error_format(&errs->items[0]);
    ajar_errors_clear(errs);
    return m;
}

START_TEST(opening_reads_titles_and_each_step_when_asked)
{
    ajar_errors errs = {0};
    ajar_steps *s = NULL;
    ck_assert_int_eq(ajar_steps_open(".", &s, &errs), AJAR_OK);
    ck_assert_uint_eq(s->count, 10);
    for (size_t i = 0; i < s->count; i++) {
        ck_assert(!s->items[i].ready);
        ck_assert_uint_eq(s->items[i].nquestions, 0);
        ck_assert_str_eq(s->items[i].rule, "");
    }
    ck_assert_str_eq(s->items[0].id, "offer");
    ck_assert_str_eq(s->items[0].title, "The offer");
    ck_assert_str_eq(s->items[9].title, "Review & export");
    /* not read: no step asks anything yet */
    ck_assert_int_eq(ajar_steps_for_field(s, "me.name", NULL), -1);
    ck_assert_int_eq(ajar_steps_ready(s, 2, &errs), AJAR_OK);
    ck_assert(s->items[2].ready);
    ck_assert_str_eq(s->items[2].id, "honest");
    ck_assert_uint_gt(s->items[2].nquestions, 0);
    ck_assert_str_ne(s->items[2].rule, "");
    ck_assert(!s->items[1].ready);
    ck_assert_int_eq(ajar_steps_ready(s, 2, &errs), AJAR_OK); /* again: nothing to do */
    ck_assert_int_eq(ajar_steps_ready(s, 10, &errs), AJAR_E_USAGE);
    ajar_errors_clear(&errs);
    ck_assert_int_eq(ajar_steps_ready_all(s, &errs), AJAR_OK);
    ck_assert(s->items[9].ready && s->items[9].review);
    size_t q = 99;
    ck_assert_int_eq(ajar_steps_for_field(s, "me.name", &q), 0);
    ck_assert_uint_eq(q, 0);
    ajar_steps_free(s);

    /* the same steps, texts and all, as ajar_steps_load reads them */
    ajar_steps *all = NULL;
    ck_assert_int_eq(ajar_steps_load(".", &all, &errs), AJAR_OK);
    ck_assert_int_eq(ajar_steps_open(".", &s, &errs), AJAR_OK);
    ck_assert_int_eq(ajar_steps_ready_all(s, &errs), AJAR_OK);
    for (size_t i = 0; i < s->count; i++) {
        ck_assert_str_eq(s->items[i].title, all->items[i].title);
        ck_assert_str_eq(s->items[i].advice, all->items[i].advice);
        ck_assert_uint_eq(s->items[i].nquestions, all->items[i].nquestions);
    }
    ajar_steps_free(all);
    ajar_steps_free(s);
}
END_TEST

START_TEST(a_broken_step_fails_when_read_and_every_time)
{
    two_steps("{\"id\": \"b\", \"title\": \"B\", \"rule\": \"r\", \"fields\": [\n"
              "  {\"path\": \"me.email\", \"label\": \"x\", \"type\": \"line\"},,\n]}");
    ajar_errors errs = {0};
    ajar_steps *s = NULL;
    /* its id and title are found: it opens, and fails when read */
    ck_assert_int_eq(ajar_steps_open(dir, &s, &errs), AJAR_OK);
    ck_assert_str_eq(s->items[1].title, "B");
    for (int attempt = 0; attempt < 2; attempt++) {
        ck_assert_int_eq(ajar_steps_ready(s, 1, &errs), AJAR_E_SYNTAX);
        char *m = first_error(&errs);
        ck_assert_msg(strstr(m, "prompts/01-b.json:2:") != NULL, "%s", m);
        free(m);
        ck_assert(!s->items[1].ready);
    }
    ck_assert_int_eq(ajar_steps_ready(s, 0, &errs), AJAR_OK);
    ck_assert_int_eq(ajar_steps_ready_all(s, &errs), AJAR_E_SYNTAX);
    ajar_errors_clear(&errs);
    ajar_steps_free(s);
    cleanup();

    /* parsed, but a question is wrong: nothing of it is kept, so no field
     * is found in a step that is not ready */
    two_steps("{\"id\": \"b\", \"title\": \"B\", \"rule\": \"r\", \"fields\": [\n"
              "  {\"path\": \"me.email\", \"label\": \"x\", \"type\": \"line\"},\n"
              "  {\"path\": \"me.nothing\", \"label\": \"x\", \"type\": \"line\"}]}");
    ck_assert_int_eq(ajar_steps_open(dir, &s, &errs), AJAR_OK);
    ck_assert_int_eq(ajar_steps_ready(s, 1, &errs), AJAR_E_INVALID);
    char *m = first_error(&errs);
    ck_assert_msg(strstr(m, "fields[1].path: \"me.nothing\" is not a field") != NULL, "%s", m);
    free(m);
    ck_assert(!s->items[1].ready);
    ck_assert_uint_eq(s->items[1].nquestions, 0);
    ck_assert_str_eq(s->items[1].rule, "");
    ck_assert_str_eq(s->items[1].title, "B");
    ck_assert_int_eq(ajar_steps_ready_all(s, &errs), AJAR_E_INVALID);
    ajar_errors_clear(&errs);
    /* the steps that could be read are searched */
    ck_assert_int_eq(ajar_steps_for_field(s, "me.name", NULL), 0);
    ck_assert_int_eq(ajar_steps_for_field(s, "me.email", NULL), -1);
    ajar_steps_free(s);
    cleanup();
}
END_TEST

START_TEST(a_header_not_found_quickly_is_read_in_full_at_once)
{
    /* the title after the fields, written with an escape: found by skipping
     * the fields, and decoded */
    two_steps("{\"id\": \"b\", \"rule\": \"r\", \"fields\": [{\"path\": \"me.email\","
              " \"label\": \"x\", \"type\": \"line\"}], \"title\": \"\\u00c5 b\"}");
    ajar_errors errs = {0};
    ajar_steps *s = NULL;
    ck_assert_int_eq(ajar_steps_open(dir, &s, &errs), AJAR_OK);
    ck_assert(!s->items[0].ready && !s->items[1].ready);
    ck_assert_str_eq(s->items[1].title, "\xc3\x85 b");
    ajar_steps_free(s);
    cleanup();

    /* no title: the file is read in full at once, and its problem told */
    two_steps("{\"id\": \"b\", \"rule\": \"r\", \"fields\": []}");
    ck_assert_int_eq(ajar_steps_open(dir, &s, &errs), AJAR_E_INVALID);
    char *m = first_error(&errs);
    ck_assert_msg(strstr(m, "prompts/01-b.json: title: missing") != NULL, "%s", m);
    free(m);
    cleanup();

    /* a file that does not parse, and whose title cannot be found, fails at once */
    two_steps("{\"id\": \"b\", \"rule\": [1,}");
    ck_assert_int_eq(ajar_steps_open(dir, &s, &errs), AJAR_E_SYNTAX);
    ck_assert_ptr_null(s);
    m = first_error(&errs);
    ck_assert_msg(strstr(m, "prompts/01-b.json:1:") != NULL, "%s", m);
    free(m);
    cleanup();

    /* ids are compared at once */
    two_steps("{\"id\": \"a\", \"title\": \"Again\", \"rule\": \"r\", \"fields\": []}");
    ck_assert_int_eq(ajar_steps_open(dir, &s, &errs), AJAR_E_INVALID);
    m = first_error(&errs);
    ck_assert_msg(strstr(m, "the step id \"a\" is also used") != NULL, "%s", m);
    free(m);
    cleanup();
}
END_TEST

Suite *steps_suite(void)
{
    Suite *s = suite_create("steps");
    TCase *tc = tcase_create("steps");
    tcase_add_test(tc, shipped_steps_load);
    tcase_add_test(tc, syntax_errors_have_line_and_column);
    tcase_add_test(tc, every_problem_names_its_member);
    tcase_add_test(tc, a_field_asked_twice_is_refused);
    tcase_add_test(tc, no_step_files_is_not_found);
    tcase_add_test(tc, opening_reads_titles_and_each_step_when_asked);
    tcase_add_test(tc, a_broken_step_fails_when_read_and_every_time);
    tcase_add_test(tc, a_header_not_found_quickly_is_read_in_full_at_once);
    suite_add_tcase(s, tc);
    return s;
}
