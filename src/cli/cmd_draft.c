/* cmd_draft.c — the commands that create, list, check, read and change drafts. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ajar/datadir.h"
#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/library.h"
#include "ajar/json.h"
#include "ajar/schema.h"
#include "ajar/store.h"
#include "ajar/strbuf.h"
#include "ajar/utf8.h"
#include "cli.h"

static const char *progname = "ajar";

static int is_choice(const char *path, const char *value)
{
    const ajar_field_spec *f = ajar_schema_lookup(path);
    for (const char *const *c = f->choices; *c; c++)
        if (strcmp(*c, value) == 0)
            return 1;
    return 0;
}

static int file_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int cmd_new(int argc, char **argv)
{
    static const struct option opts[] = {{"scenario", required_argument, NULL, 's'},
                                         {"output", required_argument, NULL, 'o'},
                                         {NULL, 0, NULL, 0}};
    const char *scenario = "offer", *output = NULL;
    int c;
    while ((c = cli_next_opt(argc, argv, "s:o:", opts, "new")) != -1) {
        if (c == '?')
            return EXIT_USAGE;
        if (c == 's')
            scenario = optarg;
        else if (c == 'o')
            output = optarg;
    }
    if (optind < argc)
        return cli_usage_error("new", "unexpected argument '%s'", argv[optind]);
    if (!is_choice("scenario", scenario))
        return cli_usage_error("new", "unknown scenario '%s' (choose offer, recruiter, "
                                  "former-employer or after-acceptance)", scenario);
    ajar_errors errs = {0};
    char *path = NULL;
    if (output) {
        if (file_exists(output)) {
            fprintf(stderr, "%s: ", progname);
            cli_put_safe(stderr, output);
            fprintf(stderr, ": already exists; open it, or choose another name\n");
            return EXIT_SYSTEM;
        }
        path = strdup(output);
    } else {
        char *dir = ajar_store_drafts_dir(&errs);
        if (!dir || ajar_store_mkdirs(dir, &errs) != AJAR_OK) {
            free(dir);
            cli_fail_with(&errs);
            return EXIT_SYSTEM;
        }
        path = ajar_library_new_path(dir);
        free(dir);
    }
    ajar_draft *d = ajar_draft_new(scenario);
    ajar_lock *lock = NULL;
    ajar_status st = (d && path) ? ajar_lock_acquire(path, &lock, &errs)
                                 : ajar_errors_add(&errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0,
                                                   "out of memory");
    /* Another `ajar new` may have created the same file between our check
     * and our lock: never replace it. */
    if (st == AJAR_OK && file_exists(path))
        st = ajar_errors_add(&errs, AJAR_E_IO, NULL, NULL, 0, 0, EEXIST, "cannot create %s", path);
    if (st == AJAR_OK)
        st = ajar_draft_save(d, path, &errs);
    ajar_lock_release(lock);
    ajar_draft_free(d);
    if (st != AJAR_OK) {
        free(path);
        return cli_fail_with(&errs);
    }
    cli_put_safe(stdout, path);
    putchar('\n');
    free(path);
    return EXIT_OK;
}

int cmd_validate(int argc, char **argv)
{
    static const struct option opts[] = {{"quiet", no_argument, NULL, 'q'}, {NULL, 0, NULL, 0}};
    int quiet = 0, c;
    while ((c = cli_next_opt(argc, argv, "q", opts, "validate")) != -1) {
        if (c == '?')
            return EXIT_USAGE;
        quiet = 1;
    }
    if (optind >= argc)
        return cli_usage_error("validate", "name at least one draft file%s", "");
    int worst = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        ajar_errors errs = {0};
        ajar_draft *d = NULL;
        if (ajar_draft_load(argv[i], &d, &errs) == AJAR_OK) {
            if (!quiet) {
                cli_put_safe(stdout, argv[i]);
                printf(": valid\n");
            }
        } else {
            cli_fail_with(&errs);
            worst = EXIT_INVALID; /* documented: 1 when any draft is not valid */
        }
        ajar_draft_free(d);
    }
    return worst;
}

int cmd_get(int argc, char **argv)
{
    int c;
    while ((c = cli_next_opt(argc, argv, "", NULL, "get")) != -1)
        return EXIT_USAGE;
    if (argc - optind != 2)
        return cli_usage_error("get", "expected FILE PATH%s", "");
    const char *file = argv[optind], *path = argv[optind + 1];
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    if (ajar_draft_load(file, &d, &errs) != AJAR_OK)
        return cli_fail_with(&errs);
    const cJSON *v;
    ajar_status st = ajar_draft_get(d, path, &v, &errs);
    if (st != AJAR_OK) {
        cli_name_file(&errs, file);
        ajar_draft_free(d);
        return cli_fail_with(&errs);
    }
    /* Text prints as it is, unless it holds controls: then as JSON, escaped. */
    int plain = cJSON_IsString(v) &&
                ajar_utf8_find_control(v->valuestring, strlen(v->valuestring),
                                       (1u << '\n') | (1u << '\t')) == (size_t)-1;
    char *out = plain ? strdup(v->valuestring) : ajar_json_print_compact(v);
    ajar_draft_free(d);
    if (!out) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_SYSTEM;
    }
    cli_put_safe(stdout, out);
    putchar('\n');
    free(out);
    return EXIT_OK;
}

int cmd_set(int argc, char **argv)
{
    int c;
    while ((c = cli_next_opt(argc, argv, "", NULL, "set")) != -1)
        return EXIT_USAGE;
    if (argc - optind < 2)
        return cli_usage_error("set", "expected FILE PATH=VALUE...%s", "");
    const char *file = argv[optind];
    for (int i = optind + 1; i < argc; i++)
        if (!strchr(argv[i], '='))
            return cli_usage_error("set", "'%s' is not PATH=VALUE", argv[i]);
    ajar_errors errs = {0};
    ajar_lock *lock = NULL;
    if (ajar_lock_acquire(file, &lock, &errs) != AJAR_OK)
        return cli_fail_with(&errs);
    ajar_draft *d = NULL;
    ajar_status st = ajar_draft_load(file, &d, &errs);
    for (int i = optind + 1; st == AJAR_OK && i < argc; i++) {
        char *path = strndup(argv[i], (size_t)(strchr(argv[i], '=') - argv[i]));
        const char *text = strchr(argv[i], '=') + 1;
        if (!path) {
            st = ajar_errors_add(&errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
            break;
        }
        st = ajar_draft_set(d, path, ajar_draft_value_from_text(path, text), &errs);
        free(path);
    }
    if (st == AJAR_OK)
        st = ajar_draft_save(d, file, &errs);
    ajar_draft_free(d);
    ajar_lock_release(lock);
    if (st != AJAR_OK) {
        cli_name_file(&errs, file);
        fprintf(stderr, "%s: ", progname);
        cli_put_safe(stderr, file);
        fprintf(stderr, ": not changed\n");
        return cli_fail_with(&errs);
    }
    return EXIT_OK;
}

/* How many steps the wizard has: one prompt file per step. */
static size_t count_steps(void)
{
    char *dir = ajar_datadir_find(NULL);
    char *prompts = dir ? ajar_path_join(dir, "prompts") : NULL;
    size_t n = 0;
    DIR *dh = prompts ? opendir(prompts) : NULL;
    for (struct dirent *e; dh && (e = readdir(dh));) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] != '.' && l > 5 && strcmp(e->d_name + l - 5, ".json") == 0)
            n++;
    }
    if (dh)
        closedir(dh);
    free(prompts);
    free(dir);
    return n;
}

/* Prints s padded with spaces to `cols` display columns, cut to fit. */
static void put_cell(const char *s, size_t cols, int last)
{
    size_t w;
    size_t n = ajar_utf8_fit(s, strlen(s), cols, &w);
    char *cut = strndup(s, n);
    cli_put_safe(stdout, cut ? cut : "");
    free(cut);
    if (!last)
        for (; w < cols + 2; w++)
            putchar(' ');
}

int cmd_list(int argc, char **argv)
{
    int c;
    while ((c = cli_next_opt(argc, argv, "", NULL, "list")) != -1)
        return EXIT_USAGE;
    if (optind < argc)
        return cli_usage_error("list", "unexpected argument '%s'", argv[optind]);
    ajar_errors errs = {0};
    char *dir = ajar_store_drafts_dir(&errs);
    if (!dir) {
        cli_fail_with(&errs);
        return EXIT_SYSTEM;
    }
    ajar_draft_info *rows = NULL;
    size_t n = 0;
    if (ajar_library_list(dir, &rows, &n, &errs) != AJAR_OK) {
        free(dir);
        return cli_fail_with(&errs);
    }
    size_t steps = count_steps();
    if (n == 0) {
        printf("No drafts yet in ");
        cli_put_safe(stdout, dir);
        printf(". Start one with 'ajar new'.\n");
    } else {
        put_cell("FILE", 28, 0);
        put_cell("COMPANY", 22, 0);
        put_cell("ROLE", 24, 0);
        put_cell("SCENARIO", 16, 0);
        put_cell("STEPS", 8, 0);
        put_cell("CHANGED", 16, 1);
        putchar('\n');
        for (size_t i = 0; i < n; i++) {
            const ajar_draft_info *r = &rows[i];
            char when[32], progress[32];
            struct tm tm;
            localtime_r(&r->mtime.tv_sec, &tm);
            strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
            size_t done = r->steps_done;
            if (!r->valid)
                snprintf(progress, sizeof progress, "-");
            else if (steps)
                snprintf(progress, sizeof progress, "%zu/%zu", done < steps ? done : steps, steps);
            else
                snprintf(progress, sizeof progress, "%zu done", done);
            put_cell(r->name, 28, 0);
            put_cell(!r->valid ? "(invalid)" : r->company[0] ? r->company : "-", 22, 0);
            put_cell(r->role[0] ? r->role : "-", 24, 0);
            put_cell(r->scenario[0] ? r->scenario : "-", 16, 0);
            put_cell(progress, 8, 0);
            put_cell(when, 16, 1);
            putchar('\n');
        }
        printf("(in ");
        cli_put_safe(stdout, dir);
        printf(")\n");
    }
    ajar_library_free(rows, n);
    free(dir);
    return EXIT_OK;
}
