/* cmd_check.c — `ajar check`: renders a draft, applies the tone and checklist rules, prints the findings. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/check.h"
#include "ajar/datadir.h"
#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/json.h"
#include "ajar/render.h"
#include "ajar/utf8.h"
#include "cli.h"

static const char *progname = "ajar";

/* Prints s and pads it with spaces to `cols` display columns. */
static void put_padded(const char *s, size_t cols)
{
    cli_put_safe(stdout, s);
    for (size_t w = ajar_utf8_width(s, strlen(s)); w < cols; w++)
        putchar(' ');
}

static size_t widest(const ajar_check_result *r, int field)
{
    size_t w = 0;
    for (size_t i = 0; i < r->n; i++) {
        const char *s = field ? r->findings[i].field : r->findings[i].rule_id;
        size_t sw = ajar_utf8_width(s, strlen(s));
        if (sw > w)
            w = sw;
    }
    return w;
}

static void print_text(const ajar_check_result *r)
{
    size_t id_w = widest(r, 0) + 2, field_w = widest(r, 1) + 2;
    for (size_t i = 0; i < r->n; i++) {
        const ajar_finding *f = &r->findings[i];
        if (i)
            putchar('\n');
        put_padded(ajar_severity_name(f->severity), 9);
        put_padded(f->rule_id, id_w);
        put_padded(f->field, field_w);
        cli_put_safe(stdout, f->message);
        printf("\n         \xe2\x86\x92 "); /* → */
        cli_put_safe(stdout, f->suggestion);
        putchar('\n');
    }
    if (r->n)
        putchar('\n');
    size_t met = 0;
    for (size_t i = 0; i < AJAR_CHECKLIST_COUNT; i++)
        met += r->fulfilled[i] != 0;
    printf("Checklist, %zu of %d met:", met, AJAR_CHECKLIST_COUNT);
    for (size_t i = 0; i < AJAR_CHECKLIST_COUNT; i++) {
        printf(" %s ", r->fulfilled[i] ? "\xe2\x9c\x93" : "\xe2\x9c\x97"); /* ✓ ✗ */
        cli_put_safe(stdout, ajar_checklist_id(i));
    }
    putchar('\n');
    if (!r->n) {
        printf("No findings.\n");
        return;
    }
    size_t e = r->counts[AJAR_SEV_ERROR], w = r->counts[AJAR_SEV_WARNING],
           n = r->counts[AJAR_SEV_INFO];
    printf("%zu finding%s: %zu error%s, %zu warning%s, %zu info.\n", r->n, r->n == 1 ? "" : "s", e,
           e == 1 ? "" : "s", w, w == 1 ? "" : "s", n);
}

/* The result as one JSON document; NULL when memory runs out. */
static char *result_json(const ajar_checker *c, const ajar_check_result *r, const char *file,
                         ajar_date today)
{
    cJSON *doc = cJSON_CreateObject();
    char iso[11];
    ajar_date_format_iso(today, iso);
    cJSON_AddStringToObject(doc, "file", file);
    cJSON_AddStringToObject(doc, "today", iso);
    cJSON *list = cJSON_AddArrayToObject(doc, "findings");
    for (size_t i = 0; list && i < r->n; i++) {
        const ajar_finding *f = &r->findings[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(list, o);
        cJSON_AddStringToObject(o, "rule", f->rule_id);
        cJSON_AddStringToObject(o, "severity", ajar_severity_name(f->severity));
        cJSON_AddStringToObject(o, "field", f->field);
        cJSON_AddStringToObject(o, "message", f->message);
        cJSON_AddStringToObject(o, "suggestion", f->suggestion);
        if (f->checklist)
            cJSON_AddStringToObject(o, "checklist", f->checklist);
        else
            cJSON_AddNullToObject(o, "checklist");
    }
    cJSON *items = cJSON_AddArrayToObject(doc, "checklist");
    for (size_t i = 0; items && i < AJAR_CHECKLIST_COUNT; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(items, o);
        cJSON_AddStringToObject(o, "id", ajar_checklist_id(i));
        cJSON_AddStringToObject(o, "title", ajar_checker_title(c, i));
        cJSON_AddBoolToObject(o, "fulfilled", r->fulfilled[i]);
    }
    cJSON *counts = cJSON_AddObjectToObject(doc, "counts");
    for (int s = AJAR_SEV_ERROR; counts && s >= AJAR_SEV_INFO; s--)
        cJSON_AddNumberToObject(counts, ajar_severity_name((ajar_severity)s),
                                (double)r->counts[s]);
    char *text = ajar_json_print(doc);
    cJSON_Delete(doc);
    return text;
}

static int parse_limit(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < CLI_LINKEDIN_LIMIT_MIN || v > CLI_LINKEDIN_LIMIT_MAX)
        return 0;
    *out = (int)v;
    return 1;
}

/* Reports errors of the installation (rules, templates) and gives exit 3:
 * they are not the draft's fault. */
static int fail_system(ajar_errors *errs)
{
    cli_report_errors(errs);
    ajar_errors_clear(errs);
    return EXIT_SYSTEM;
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {{"today", required_argument, NULL, 't'},
                                         {"linkedin-limit", required_argument, NULL, 'l'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *today_arg = NULL;
    int limit = AJAR_LINKEDIN_LIMIT, json = 0, c;
    while ((c = cli_next_opt(argc, argv, "t:l:j", opts, "check")) != -1) {
        if (c == '?')
            return EXIT_USAGE;
        if (c == 't')
            today_arg = optarg;
        else if (c == 'l' && !parse_limit(optarg, &limit))
            return cli_usage_error("check", "--linkedin-limit wants a number of characters from 50 "
                                            "to 2000 (LinkedIn allows 200, 300 with premium), "
                                            "not '%s'", optarg);
        else if (c == 'j')
            json = 1;
    }
    if (argc - optind != 1)
        return cli_usage_error("check", argc - optind ? "expected one draft FILE%s"
                                                      : "name the draft FILE to check%s", "");
    const char *file = argv[optind];
    ajar_date today;
    if (today_arg) {
        if (!ajar_date_parse(today_arg, &today))
            return cli_usage_error("check", "--today wants a real date written YYYY-MM-DD, not '%s'",
                                   today_arg);
    } else if (!ajar_date_today(&today)) {
        return cli_usage_error("check", "cannot tell today's date (is AJAR_TODAY set to a date "
                                        "written YYYY-MM-DD?)%s", "");
    }

    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    if (ajar_draft_load(file, &d, &errs) != AJAR_OK)
        return cli_fail_with(&errs);
    int code = EXIT_SYSTEM;
    char *datadir = ajar_datadir_find(&errs);
    char *user_dir = ajar_render_user_dir();
    ajar_checker *checker = NULL;
    ajar_renderer *renderer = NULL;
    ajar_output *out = NULL;
    ajar_check_result *res = NULL;
    if (!datadir || ajar_checker_open(datadir, &checker, &errs) != AJAR_OK ||
        ajar_renderer_open(datadir, user_dir, &renderer, &errs) != AJAR_OK) {
        code = fail_system(&errs);
        goto done;
    }
    ajar_render_opts ro = {.today = today,
                           .linkedin_limit = limit,
                           .what = AJAR_OUT_LETTER | AJAR_OUT_FOLLOWUPS | AJAR_OUT_LINKEDIN,
                           .data_only = 1}; /* the check reads the notes, not the plan's text */
    if (ajar_render(renderer, d, &ro, &out, &errs) != AJAR_OK ||
        ajar_check_run(checker, d, out, today, &res, &errs) != AJAR_OK) {
        code = fail_system(&errs);
        goto done;
    }
    if (json) {
        char *text = result_json(checker, res, file, today);
        if (!text) {
            fprintf(stderr, "%s: out of memory\n", progname);
            goto done;
        }
        cli_put_safe(stdout, text);
        free(text);
    } else {
        print_text(res);
    }
    code = res->counts[AJAR_SEV_WARNING] + res->counts[AJAR_SEV_ERROR] ? EXIT_INVALID : EXIT_OK;
done:
    ajar_check_result_free(res);
    ajar_output_free(out);
    ajar_renderer_free(renderer);
    ajar_checker_free(checker);
    free(user_dir);
    free(datadir);
    ajar_draft_free(d);
    return code;
}
