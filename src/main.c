/* main.c — the ajar command line: subcommands, options, messages and exit codes. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ajar/datadir.h"
#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/json.h"
#include "ajar/schema.h"
#include "ajar/store.h"
#include "ajar/strbuf.h"
#include "ajar/utf8.h"

/* Exit codes, as documented in --help and the man page. */
enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

static const char *progname = "ajar";

/* ---- output that user text cannot turn into terminal escapes ---------------- */

/* Writes s to f with every control character other than newline and tab,
 * and every invalid UTF-8 byte, shown as a visible escape (\x1b, \u009b), so
 * that nothing taken from a file or an argument can drive the terminal. */
static void put_safe(FILE *f, const char *s)
{
    size_t len = strlen(s);
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = ajar_utf8_decode(s + i, len - i, &cp);
        int invalid = cp == 0xFFFD && !(n == 3 && (unsigned char)s[i] == 0xEF);
        if (invalid)
            fprintf(f, "\\x%02x", (unsigned char)s[i]);
        else if (ajar_cp_is_control(cp) && cp != '\n' && cp != '\t')
            fprintf(f, cp < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)cp);
        else
            fwrite(s + i, 1, n, f);
        i += n;
    }
}

static void report_errors(const ajar_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++) {
        char *msg = ajar_error_format(&errs->items[i]);
        fprintf(stderr, "%s: ", progname);
        put_safe(stderr, msg ? msg : "out of memory");
        fputc('\n', stderr);
        free(msg);
    }
}

static int exit_for(ajar_status st)
{
    switch (st) {
    case AJAR_OK: return EXIT_OK;
    case AJAR_E_INVALID:
    case AJAR_E_SYNTAX:
    case AJAR_E_VERSION:
    case AJAR_E_NOTFOUND: return EXIT_INVALID;
    case AJAR_E_USAGE: return EXIT_USAGE;
    case AJAR_E_IO:
    case AJAR_E_LOCKED:
    case AJAR_E_NOMEM: return EXIT_SYSTEM;
    }
    return EXIT_SYSTEM;
}

/* Reports every error and returns the exit code of the worst one; a failed
 * operating-system call (a missing file included) is a file error. */
static int fail_with(ajar_errors *errs)
{
    int code = EXIT_OK;
    for (size_t i = 0; i < errs->count; i++) {
        int c = errs->items[i].sys_errno ? EXIT_SYSTEM : exit_for(errs->items[i].code);
        if (c > code)
            code = c;
    }
    report_errors(errs);
    ajar_errors_clear(errs);
    return code ? code : EXIT_SYSTEM;
}

/* Errors about a field of `file` (from path operations) get the file's name;
 * errors of the storage layer already name their path in the message. */
static void name_file(ajar_errors *errs, const char *file)
{
    for (size_t i = 0; i < errs->count; i++)
        if (!errs->items[i].file && errs->items[i].field)
            errs->items[i].file = strdup(file);
}

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", progname);
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
    char *msg = ajar_asprintf(fmt, arg ? arg : "");
    put_safe(stderr, msg ? msg : "usage error");
    free(msg);
    fprintf(stderr, "\nTry '%s help%s%s' for more information.\n", progname, cmd ? " " : "",
            cmd ? cmd : "");
    return EXIT_USAGE;
}

/* ---- commands ------------------------------------------------------------------ */

typedef int (*command_fn)(int argc, char **argv);

typedef struct command {
    const char *name;
    command_fn run;           /* NULL: reserved for a coming version */
    const char *synopsis;
    const char *summary;
    const char *help;
} command;

static const command *find_command(const char *name);
static void print_command_help(const command *c, FILE *f);

/* Parses a subcommand's options. Returns the option character, -1 at the
 * end, or '?' after printing a usage message. */
static int next_opt(int argc, char **argv, const char *shortopts, const struct option *longopts,
                    const char *cmd)
{
    opterr = 0;
    int c = getopt_long(argc, argv, shortopts, longopts, NULL);
    if (c == '?' || c == ':') {
        const char *bad = argv[optind - 1];
        if (optopt && optopt != '?' && strchr(shortopts, optopt))
            usage_error(cmd, "option '%s' needs a value", bad);
        else
            usage_error(cmd, "unknown option '%s'", bad);
        return '?';
    }
    return c;
}

static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

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

/* A free file name in dir for a new draft: decline-YYYY-MM-DD.json, then
 * decline-YYYY-MM-DD-2.json and so on. */
static char *new_draft_path(const char *dir)
{
    ajar_date today;
    char iso[11] = "draft";
    if (ajar_date_today(&today))
        ajar_date_format_iso(today, iso);
    for (int n = 1; n < 10000; n++) {
        char *name = n == 1 ? ajar_asprintf("decline-%s.json", iso)
                            : ajar_asprintf("decline-%s-%d.json", iso, n);
        char *path = name ? ajar_path_join(dir, name) : NULL;
        free(name);
        if (!path || !file_exists(path))
            return path;
        free(path);
    }
    return NULL;
}

static int cmd_new(int argc, char **argv)
{
    static const struct option opts[] = {{"scenario", required_argument, NULL, 's'},
                                         {"output", required_argument, NULL, 'o'},
                                         {NULL, 0, NULL, 0}};
    const char *scenario = "offer", *output = NULL;
    int c;
    while ((c = next_opt(argc, argv, "s:o:", opts, "new")) != -1) {
        if (c == '?')
            return EXIT_USAGE;
        if (c == 's')
            scenario = optarg;
        else if (c == 'o')
            output = optarg;
    }
    if (optind < argc)
        return usage_error("new", "unexpected argument '%s'", argv[optind]);
    if (!is_choice("scenario", scenario))
        return usage_error("new", "unknown scenario '%s' (choose offer, recruiter, "
                                  "former-employer or after-acceptance)", scenario);
    ajar_errors errs = {0};
    char *path = NULL;
    if (output) {
        if (file_exists(output)) {
            fprintf(stderr, "%s: ", progname);
            put_safe(stderr, output);
            fprintf(stderr, ": already exists; open it, or choose another name\n");
            return EXIT_SYSTEM;
        }
        path = strdup(output);
    } else {
        char *dir = ajar_store_drafts_dir(&errs);
        if (!dir || ajar_store_mkdirs(dir, &errs) != AJAR_OK) {
            free(dir);
            fail_with(&errs);
            return EXIT_SYSTEM;
        }
        path = new_draft_path(dir);
        free(dir);
    }
    ajar_draft *d = ajar_draft_new(scenario);
    ajar_lock *lock = NULL;
    ajar_status st = (d && path) ? ajar_lock_acquire(path, &lock, &errs)
                                 : ajar_errors_add(&errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0,
                                                   "out of memory");
    if (st == AJAR_OK)
        st = ajar_draft_save(d, path, &errs);
    ajar_lock_release(lock);
    ajar_draft_free(d);
    if (st != AJAR_OK) {
        free(path);
        return fail_with(&errs);
    }
    put_safe(stdout, path);
    putchar('\n');
    free(path);
    return EXIT_OK;
}

static int cmd_validate(int argc, char **argv)
{
    static const struct option opts[] = {{"quiet", no_argument, NULL, 'q'}, {NULL, 0, NULL, 0}};
    int quiet = 0, c;
    while ((c = next_opt(argc, argv, "q", opts, "validate")) != -1) {
        if (c == '?')
            return EXIT_USAGE;
        quiet = 1;
    }
    if (optind >= argc)
        return usage_error("validate", "name at least one draft file%s", "");
    int worst = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        ajar_errors errs = {0};
        ajar_draft *d = NULL;
        if (ajar_draft_load(argv[i], &d, &errs) == AJAR_OK) {
            if (!quiet) {
                put_safe(stdout, argv[i]);
                printf(": valid\n");
            }
        } else {
            fail_with(&errs);
            worst = EXIT_INVALID; /* documented: 1 when any draft is not valid */
        }
        ajar_draft_free(d);
    }
    return worst;
}

static int cmd_get(int argc, char **argv)
{
    int c;
    while ((c = next_opt(argc, argv, "", NULL, "get")) != -1)
        return EXIT_USAGE;
    if (argc - optind != 2)
        return usage_error("get", "expected FILE PATH%s", "");
    const char *file = argv[optind], *path = argv[optind + 1];
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    if (ajar_draft_load(file, &d, &errs) != AJAR_OK)
        return fail_with(&errs);
    const cJSON *v;
    ajar_status st = ajar_draft_get(d, path, &v, &errs);
    if (st != AJAR_OK) {
        name_file(&errs, file);
        ajar_draft_free(d);
        return fail_with(&errs);
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
    put_safe(stdout, out);
    putchar('\n');
    free(out);
    return EXIT_OK;
}

static int cmd_set(int argc, char **argv)
{
    int c;
    while ((c = next_opt(argc, argv, "", NULL, "set")) != -1)
        return EXIT_USAGE;
    if (argc - optind < 2)
        return usage_error("set", "expected FILE PATH=VALUE...%s", "");
    const char *file = argv[optind];
    for (int i = optind + 1; i < argc; i++)
        if (!strchr(argv[i], '='))
            return usage_error("set", "'%s' is not PATH=VALUE", argv[i]);
    ajar_errors errs = {0};
    ajar_lock *lock = NULL;
    if (ajar_lock_acquire(file, &lock, &errs) != AJAR_OK)
        return fail_with(&errs);
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
        name_file(&errs, file);
        fprintf(stderr, "%s: ", progname);
        put_safe(stderr, file);
        fprintf(stderr, ": not changed\n");
        return fail_with(&errs);
    }
    return EXIT_OK;
}

/* One row of `ajar list`. */
typedef struct draft_row {
    char *file, *company, *role, *scenario, *progress;
    time_t mtime;
} draft_row;

static int by_newest(const void *a, const void *b)
{
    const draft_row *x = a, *y = b;
    if (x->mtime != y->mtime)
        return x->mtime < y->mtime ? 1 : -1;
    return strcmp(x->file, y->file);
}

static char *dup_or(const char *s, const char *fallback)
{
    return strdup(s && *s ? s : fallback);
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
    put_safe(stdout, cut ? cut : "");
    free(cut);
    if (!last)
        for (; w < cols + 2; w++)
            putchar(' ');
}

static int cmd_list(int argc, char **argv)
{
    int c;
    while ((c = next_opt(argc, argv, "", NULL, "list")) != -1)
        return EXIT_USAGE;
    if (optind < argc)
        return usage_error("list", "unexpected argument '%s'", argv[optind]);
    ajar_errors errs = {0};
    char *dir = ajar_store_drafts_dir(&errs);
    if (!dir) {
        fail_with(&errs);
        return EXIT_SYSTEM;
    }
    DIR *dh = opendir(dir);
    if (!dh) {
        if (errno == ENOENT) {
            printf("No drafts yet in ");
            put_safe(stdout, dir);
            printf(". Start one with 'ajar new'.\n");
            free(dir);
            return EXIT_OK;
        }
        ajar_errors_add(&errs, AJAR_E_IO, dir, NULL, 0, 0, errno, "cannot read the drafts folder");
        free(dir);
        return fail_with(&errs);
    }
    size_t steps = count_steps();
    draft_row *rows = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(dh));) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        char *path = ajar_path_join(dir, e->d_name);
        struct stat st;
        if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            draft_row *r = realloc(rows, cap * sizeof *r);
            if (!r) {
                free(path);
                break;
            }
            rows = r;
        }
        draft_row *row = &rows[n++];
        ajar_draft *d = NULL;
        ajar_errors ignored = {0};
        ajar_draft_load(path, &d, &ignored);
        ajar_errors_clear(&ignored);
        row->file = strdup(e->d_name);
        row->mtime = st.st_mtime;
        row->company = dup_or(d ? ajar_draft_string(d, "offer.company") : NULL, d ? "-" : "(invalid)");
        row->role = dup_or(d ? ajar_draft_string(d, "offer.role") : NULL, "-");
        row->scenario = dup_or(d ? ajar_draft_string(d, "scenario") : NULL, "-");
        size_t done = d ? ajar_draft_steps_done(d) : 0;
        row->progress = !d ? strdup("-")
                        : steps ? ajar_asprintf("%zu/%zu", done < steps ? done : steps, steps)
                                : ajar_asprintf("%zu done", done);
        ajar_draft_free(d);
        free(path);
    }
    closedir(dh);
    if (n == 0) {
        printf("No drafts yet in ");
        put_safe(stdout, dir);
        printf(". Start one with 'ajar new'.\n");
    } else {
        qsort(rows, n, sizeof *rows, by_newest);
        put_cell("FILE", 28, 0);
        put_cell("COMPANY", 22, 0);
        put_cell("ROLE", 24, 0);
        put_cell("SCENARIO", 16, 0);
        put_cell("STEPS", 8, 0);
        put_cell("CHANGED", 16, 1);
        putchar('\n');
        for (size_t i = 0; i < n; i++) {
            char when[32];
            struct tm tm;
            localtime_r(&rows[i].mtime, &tm);
            strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
            put_cell(rows[i].file ? rows[i].file : "?", 28, 0);
            put_cell(rows[i].company ? rows[i].company : "?", 22, 0);
            put_cell(rows[i].role ? rows[i].role : "?", 24, 0);
            put_cell(rows[i].scenario ? rows[i].scenario : "?", 16, 0);
            put_cell(rows[i].progress ? rows[i].progress : "?", 8, 0);
            put_cell(when, 16, 1);
            putchar('\n');
        }
        printf("(in ");
        put_safe(stdout, dir);
        printf(")\n");
    }
    for (size_t i = 0; i < n; i++) {
        free(rows[i].file);
        free(rows[i].company);
        free(rows[i].role);
        free(rows[i].scenario);
        free(rows[i].progress);
    }
    free(rows);
    free(dir);
    return EXIT_OK;
}

static int cmd_help(int argc, char **argv);

static const command COMMANDS[] = {
    {"new", cmd_new, "new [--scenario S] [-o FILE]", "create a draft and print its path",
     "Creates a new draft and prints its path. Without -o the draft goes to the\n"
     "drafts folder ($XDG_DATA_HOME/ajar/drafts, by default ~/.local/share/ajar/drafts),\n"
     "named after today's date.\n\n"
     "  -s, --scenario S   offer (default), recruiter, former-employer or after-acceptance\n"
     "  -o, --output FILE  write the draft to FILE (which must not exist yet)\n"},
    {"list", cmd_list, "list", "list saved drafts, newest first",
     "Lists the drafts in the drafts folder, newest first, with company, role,\n"
     "scenario, steps done and the time of the last change.\n"},
    {"validate", cmd_validate, "validate [-q] FILE...", "check drafts against the format",
     "Checks each draft and prints every problem found, naming the file, the field\n"
     "(such as contacts[2].email) and, for syntax errors, the line and column.\n"
     "Exits 0 when all drafts are valid, 1 otherwise.\n\n"
     "  -q, --quiet   print nothing for valid drafts\n"},
    {"get", cmd_get, "get FILE PATH", "print one field of a draft",
     "Prints the value at PATH: text as it is, anything else as JSON. Paths look like\n"
     "offer.company, contacts[2].email, contacts[-1].name (the last contact) or\n"
     "stay_in_touch.checkins_months. Exits 1 when the field is not set.\n"},
    {"set", cmd_set, "set FILE PATH=VALUE...", "change fields of a draft",
     "Sets each PATH to VALUE, checks the whole draft, and saves it atomically; if any\n"
     "value would make the draft invalid, nothing is written. A VALUE that parses as\n"
     "JSON is taken as JSON (true, 12, [3,6,12], {\"name\":\"Ana\"}, null), anything else\n"
     "as text; a text field always takes the text as it is. contacts[+] appends:\n\n"
     "  ajar set d.json 'contacts[+].name=Priya Shah' 'contacts[-1].role=hiring-manager'\n"},
    {"export", NULL, "export FILE [options]", "write the letter, scripts and follow-ups",
     "Renders the decline letter, phone and voicemail scripts, follow-up plan and\n"
     "LinkedIn notes to files. Not available in this version yet.\n"},
    {"check", NULL, "check FILE", "check tone and the eight rules",
     "Reports tone and checklist findings for a draft. Not available in this version yet.\n"},
    {"template", NULL, "template TEMPLATE [DATA.json]", "render a Mustache template",
     "Renders a template for people writing their own. Not available in this version yet.\n"},
    {"help", cmd_help, "help [COMMAND]", "show help for ajar or one command",
     "Shows the list of commands, or the full help of COMMAND.\n"},
};

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(COMMANDS[i].name, name) == 0)
            return &COMMANDS[i];
    return NULL;
}

static void print_usage(FILE *f)
{
    fprintf(f,
            "ajar %s — decline a job offer and leave the door open\n\n"
            "Usage: ajar [FILE]            open the wizard (in this version: this help)\n"
            "       ajar COMMAND [ARGS]\n\nCommands:\n",
            AJAR_VERSION);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
        const command *c = &COMMANDS[i];
        fprintf(f, "  %-32s %s%s\n", c->synopsis, c->summary, c->run ? "" : " (coming soon)");
    }
    fprintf(f,
            "\nOptions:\n"
            "  -h, --help      show this help\n"
            "  -V, --version   show the version\n\n"
            "Exit status: 0 success, 1 invalid draft or findings, 2 usage error,\n"
            "3 file or system error.\n\n"
            "Drafts live in $XDG_DATA_HOME/ajar/drafts (~/.local/share/ajar/drafts).\n"
            "See 'ajar help COMMAND' and docs/draft-format.md.\n");
}

static void print_command_help(const command *c, FILE *f)
{
    fprintf(f, "Usage: ajar %s\n\n%s", c->synopsis, c->help);
}

static int cmd_help(int argc, char **argv)
{
    if (argc <= 1) {
        print_usage(stdout);
        return EXIT_OK;
    }
    const command *c = find_command(argv[1]);
    if (!c)
        return usage_error("help", "unknown command '%s'", argv[1]);
    print_command_help(c, stdout);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    if (argc < 2) {
        print_usage(stdout);
        return EXIT_OK;
    }
    const char *first = argv[1];
    if (strcmp(first, "-h") == 0 || strcmp(first, "--help") == 0) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(first, "-V") == 0 || strcmp(first, "--version") == 0) {
        printf("ajar %s\n", AJAR_VERSION);
        return EXIT_OK;
    }
    const command *c = find_command(first);
    if (!c) {
        if (first[0] == '-')
            return usage_error(NULL, "unknown option '%s'", first);
        return usage_error(NULL, "unknown command '%s'", first);
    }
    if (wants_help(argc - 1, argv + 1)) {
        print_command_help(c, stdout);
        return EXIT_OK;
    }
    if (!c->run) {
        fprintf(stderr, "%s: '%s' is not available in this version yet\n", progname, c->name);
        return EXIT_USAGE;
    }
    optind = 1;
    return c->run(argc - 1, argv + 1);
}
