/* cmd_export.c — `ajar export`: render a draft and write one part of it in one format, to stdout or a file. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/datadir.h"
#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/export.h"
#include "ajar/render.h"
#include "ajar/store.h"
#include "ajar/strbuf.h"
#include "cli.h"

static const char *progname = "ajar";

/* LinkedIn limits outside this range are surely typing mistakes. */
#define LINKEDIN_LIMIT_MIN 50
#define LINKEDIN_LIMIT_MAX 2000

/* What the command line asked for. */
typedef struct export_args {
    const char *file;   /* the draft */
    const char *output; /* NULL or "-": standard output */
    ajar_export_what what;
    ajar_export_format fmt;
    ajar_export_opts opts;
    ajar_date today;
    int fixed_today; /* --today or AJAR_TODAY: reproducible output */
    int linkedin_limit;
} export_args;

/* "a, b, c or d" of every name `name_of` gives for 0..n. */
static char *choices(const char *(*name_of)(int), int n)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    for (int i = 0; i < n; i++)
        ajar_strbuf_printf(&b, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", name_of(i));
    return ajar_strbuf_take(&b);
}

static const char *what_name(int i)
{
    return ajar_export_what_name((ajar_export_what)i);
}

static const char *format_name(int i)
{
    return ajar_export_format_name((ajar_export_format)i);
}

/* Prints "ajar: export: MESSAGE" and the hint to 'ajar help export';
 * returns EXIT_USAGE. */
static int usage(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static int usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = ajar_vasprintf(fmt, ap);
    va_end(ap);
    int code = cli_usage_error("export", "%s", msg ? msg : "usage error");
    free(msg);
    return code;
}

/* Parses a whole decimal number within [min, max]. */
static int parse_int(const char *s, int min, int max, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return 0;
    *out = (int)v;
    return 1;
}

/* Reads the options into a; returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, export_args *a)
{
    static const struct option longopts[] = {{"what", required_argument, NULL, 'w'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"today", required_argument, NULL, 't'},
                                             {"todo", no_argument, NULL, 'T'},
                                             {"linkedin-limit", required_argument, NULL, 'l'},
                                             {NULL, 0, NULL, 0}};
    const char *what = "letter", *fmt = NULL, *today = NULL, *limit = NULL;
    int c;
    while ((c = cli_next_opt(argc, argv, "w:f:o:t:l:", longopts, "export")) != -1) {
        switch (c) {
        case 'w': what = optarg; break;
        case 'f': fmt = optarg; break;
        case 'o': a->output = optarg; break;
        case 't': today = optarg; break;
        case 'T': a->opts.todo = 1; break;
        case 'l': limit = optarg; break;
        default: return EXIT_USAGE;
        }
    }
    if (argc - optind != 1)
        return argc - optind ? usage("expected one draft FILE, not also '%s'", argv[optind + 1])
                             : usage("expected a draft FILE");
    a->file = argv[optind];
    if (a->output && strcmp(a->output, "-") == 0)
        a->output = NULL;

    if (!ajar_export_what_parse(what, &a->what)) {
        char *list = choices(what_name, AJAR_EXPORT_WHAT_COUNT);
        int code = usage("unknown part '%s' (choose %s)", what, list ? list : "?");
        free(list);
        return code;
    }
    if (fmt && !ajar_export_format_parse(fmt, &a->fmt)) {
        char *list = choices(format_name, AJAR_EXPORT_FORMAT_COUNT);
        int code = usage("unknown format '%s' (choose %s)", fmt, list ? list : "?");
        free(list);
        return code;
    }
    /* No --format: the output file's extension says, else plain text. */
    if (!fmt && !(a->output && ajar_export_format_from_path(a->output, &a->fmt)))
        a->fmt = AJAR_EXPORT_TXT;
    if (!ajar_export_allowed(a->what, a->fmt)) {
        char *list = ajar_export_formats_for(a->what);
        int code = usage("%s cannot be exported as %s%s; it can be exported as %s",
                         ajar_export_what_name(a->what), ajar_export_format_name(a->fmt),
                         fmt ? "" : " (from the output file's extension)", list ? list : "?");
        free(list);
        return code;
    }
    if (a->opts.todo && a->fmt != AJAR_EXPORT_ICS)
        return usage("--todo applies to --format ics only");

    a->linkedin_limit = AJAR_LINKEDIN_LIMIT;
    if (limit && !parse_int(limit, LINKEDIN_LIMIT_MIN, LINKEDIN_LIMIT_MAX, &a->linkedin_limit))
        return usage("--linkedin-limit '%s' is not a number from %d to %d (LinkedIn allows %d "
                     "characters, %d with premium)",
                     limit, LINKEDIN_LIMIT_MIN, LINKEDIN_LIMIT_MAX, AJAR_LINKEDIN_LIMIT,
                     AJAR_LINKEDIN_LIMIT_PREMIUM);
    if (today) {
        if (!ajar_date_parse(today, &a->today))
            return usage("--today '%s' is not a day written YYYY-MM-DD", today);
        a->fixed_today = 1;
    } else {
        const char *env = getenv("AJAR_TODAY");
        if (!ajar_date_today(&a->today))
            return env ? usage("AJAR_TODAY='%s' is not a day written YYYY-MM-DD", env)
                       : usage("cannot read today's date from the clock");
        a->fixed_today = env != NULL;
    }
    return -1;
}

/* Prints each warning as "ajar: warning: FILE: FIELD: MESSAGE". */
static void report_warnings(ajar_errors *warnings, const char *file)
{
    cli_name_file(warnings, file);
    for (size_t i = 0; i < warnings->count; i++) {
        char *msg = ajar_error_format(&warnings->items[i]);
        fprintf(stderr, "%s: warning: ", progname);
        cli_put_safe(stderr, msg ? msg : "out of memory");
        fputc('\n', stderr);
        free(msg);
    }
    ajar_errors_clear(warnings);
}

/* Writes data to standard output, or to `path` atomically. */
static ajar_status write_out(const char *path, const char *data, size_t len, ajar_errors *errs)
{
    if (path)
        return ajar_store_write_atomic(path, data, len, errs);
    /* The text was checked: no control character but line ends and tabs. */
    fwrite(data, 1, len, stdout);
    if (fflush(stdout) != 0 || ferror(stdout))
        return ajar_errors_add(errs, AJAR_E_IO, NULL, NULL, 0, 0, errno ? errno : EIO,
                               "cannot write to standard output");
    return AJAR_OK;
}

/* Renders the draft and exports it into out. */
static ajar_status render_and_export(export_args *a, const ajar_draft *d, ajar_strbuf *out,
                                     ajar_errors *warnings, ajar_errors *errs)
{
    char *data_dir = ajar_datadir_find(errs);
    if (!data_dir)
        return ajar_errors_status(errs);
    char *user_dir = ajar_render_user_dir();
    ajar_renderer *r = NULL;
    ajar_status st = ajar_renderer_open(data_dir, user_dir, &r, errs);
    free(data_dir);
    free(user_dir);
    ajar_export_request req = {a->what, a->fmt, a->today, a->fixed_today, a->linkedin_limit,
                               a->opts.todo};
    if (st == AJAR_OK)
        st = ajar_export_draft(r, d, &req, out, warnings, errs);
    ajar_renderer_free(r);
    return st;
}

/* The draft fields an export can fail on, and how to fill each in; FILE in
 * the hint becomes the draft's path. */
static const struct {
    const char *field;
    const char *hint;
} DRAFT_FIELDS[] = {
    {"me.email", "set it with: ajar set FILE me.email=you@example.com"},
    {"contacts", "add them with: ajar set FILE 'contacts[+].name=NAME'"},
};

/* After a failed export: errors about the draft's own fields (not about the
 * rendered text) name the file, and each is followed by how to fix it. */
static void explain(ajar_errors *errs, const char *file)
{
    size_t n = errs->count;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < sizeof DRAFT_FIELDS / sizeof DRAFT_FIELDS[0]; k++) {
            const char *field = errs->items[i].field;
            if (!field || strcmp(field, DRAFT_FIELDS[k].field) != 0 || errs->items[i].file)
                continue;
            errs->items[i].file = strdup(file);
            const char *hint = DRAFT_FIELDS[k].hint, *at = strstr(hint, "FILE");
            ajar_errors_add(errs, AJAR_E_INVALID, NULL, NULL, 0, 0, 0, "%.*s%s%s",
                            (int)(at - hint), hint, file, at + 4);
        }
    }
}

int cmd_export(int argc, char **argv)
{
    export_args a = {0};
    int code = parse_args(argc, argv, &a);
    if (code >= 0)
        return code;
    ajar_errors errs = {0}, warnings = {0};
    ajar_draft *d = NULL;
    if (ajar_draft_load(a.file, &d, &errs) != AJAR_OK)
        return cli_fail_with(&errs);
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    ajar_status st = render_and_export(&a, d, &out, &warnings, &errs);
    ajar_draft_free(d);
    report_warnings(&warnings, a.file);
    if (st == AJAR_OK)
        st = write_out(a.output, out.data ? out.data : "", out.len, &errs);
    ajar_strbuf_free(&out);
    if (st != AJAR_OK) {
        explain(&errs, a.file);
        return cli_fail_with(&errs);
    }
    return EXIT_OK;
}
