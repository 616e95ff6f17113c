/* main.c — the ajar command line: the table of subcommands, help, and dispatch. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ajar/datadir.h"
#include "cli/cli.h"
#include "tui/wizard.h"

static const char *progname = "ajar";

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

static int cmd_help(int argc, char **argv);

/* `ajar NAME` opens the wizard on a draft when NAME is a path: it exists,
 * holds a '/', or ends in .json. Anything else is a mistyped command, and
 * must not become a new draft file. */
static int looks_like_draft(const char *arg)
{
    size_t n = strlen(arg);
    return arg[0] != '-' && (access(arg, F_OK) == 0 || strchr(arg, '/') ||
                             (n > 5 && strcmp(arg + n - 5, ".json") == 0));
}

typedef int (*command_fn)(int argc, char **argv);

/* A subcommand: its name, handler (NULL: reserved for a coming version),
 * the line and summary --help shows, and the text `ajar help NAME` shows. */
typedef struct command {
    const char *name;
    command_fn run;
    const char *synopsis;
    const char *summary;
    const char *help;
} command;

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
     "as text; a text field takes any unquoted text as it is (me.phone=5550100 stays\n"
     "text; write null to clear a field). contacts[+] appends:\n\n"
     "  ajar set d.json 'contacts[+].name=Priya Shah' 'contacts[-1].role=hiring-manager'\n"},
    {"export", cmd_export, "export FILE [options]", "write the letter, scripts and follow-ups",
     "Renders the draft and writes one part of it in one format: to standard output,\n"
     "or with -o to a file, replaced atomically (a failed write leaves it as it was).\n\n"
     "  -w, --what PART      letter (default), phone, voicemail, followups, linkedin\n"
     "                       or all (every part, under headings)\n"
     "  -f, --format FMT     txt, md, eml, mailto, csv, ics or json; by default the\n"
     "                       output file's extension (.txt .md .eml .csv .ics .json),\n"
     "                       else txt\n"
     "  -o, --output OUT     write to OUT instead of standard output ('-' for it)\n"
     "  -t, --today DATE     count follow-up dates from DATE (YYYY-MM-DD) and date the\n"
     "                       e-mail and calendar at 09:00 that day, for reproducible\n"
     "                       output (also: environment variable AJAR_TODAY)\n"
     "      --todo           calendar to-dos (VTODO) instead of events\n"
     "  -l, --linkedin-limit N  characters a LinkedIn note may have: 200 (default),\n"
     "                       300 with premium; 50 to 2000\n\n"
     "Formats by part: letter txt md eml mailto json; phone and voicemail txt md json;\n"
     "followups txt md csv ics json; linkedin txt md csv json; all txt md json.\n"
     "eml is an unsent e-mail (X-Unsent: 1) from me.email to the person who made the\n"
     "offer; ics has an all-day item with a 09:00 alarm for each thank-you and each\n"
     "check-in; json holds every field, for other programs.\n\n"
     "  ajar export d.json                          the letter, as text\n"
     "  ajar export d.json -o letter.eml            open it in a mail program and send\n"
     "  ajar export d.json -w followups -o plan.ics   reminders in your calendar\n"
     "  ajar export d.json -w all -f md -o decline.md\n"},
    {"check", cmd_check, "check FILE [options]", "check tone, timing and the eight rules",
     "Renders the draft's letter and LinkedIn notes and checks them and the answers\n"
     "against the rules of data/checks.json (see docs/checks.md): a late answer, a\n"
     "bad time to send, negative, blaming or wavering words, over-explaining, another\n"
     "company named, a private reason showing, missing parts of the letter, its\n"
     "length, LinkedIn notes over the limit. Each finding names its rule, severity\n"
     "(info, warning, error), the field to change and a suggestion; a summary says\n"
     "which of the eight rules the plan meets. Exits 0 when nothing worse than info\n"
     "is found, 1 for any warning or error (or an invalid draft), 3 when the rules\n"
     "or templates cannot be read.\n\n"
     "  -t, --today DATE          check as of DATE (YYYY-MM-DD; default: today)\n"
     "  -l, --linkedin-limit N    characters a LinkedIn note may have: 200 (default),\n"
     "                            300 with premium; 50 to 2000\n"
     "  -j, --json                print the findings and the summary as JSON\n"},
    {"template", cmd_template, "template TEMPLATE [DATA.json]",
     "render a Mustache template (for template writers)",
     "Renders the Mustache template TEMPLATE with the JSON value in DATA.json (any\n"
     "JSON value; an empty object when left out) and prints the result. Errors name\n"
     "the template file, line and column. {{>name}} includes DIR/name.mustache; as in\n"
     "ajar's own templates, a partial used inside a line of text leaves out the line\n"
     "end its file finishes with, so a one-line partial can hold a phrase.\n\n"
     "  -d, --draft FILE     use the data ajar's own templates see for the draft FILE\n"
     "                       (docs/templates.md lists it) instead of DATA.json\n"
     "  -s, --show-data      with --draft: print that data as JSON, render nothing\n"
     "  -p, --partials DIR   where partials are (default: the template's folder)\n"
     "  -e, --escape MODE    none (default: plain text, as ajar renders letters) or\n"
     "                       html (escape & < > \" ' as the Mustache spec does)\n"},
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
            "Usage: ajar                the wizard: your drafts, or a new letter\n"
            "       ajar DRAFT.json     the wizard on that draft\n"
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
    char *data = ajar_datadir_find(NULL);
    fprintf(f, "Prompts and templates: ");
    cli_put_safe(f, data ? data : "not found (set AJAR_DATA_DIR)");
    fputc('\n', f);
    free(data);
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
        return cli_usage_error("help", "unknown command '%s'", argv[1]);
    print_command_help(c, stdout);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* Numbers in drafts and exports are written with a '.', whatever the
     * user's locale says; text still follows LC_CTYPE. */
    setlocale(LC_NUMERIC, "C");
    if (argc < 2)
        return tui_run(NULL);
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
    if (!c && argc == 2 && looks_like_draft(first))
        return tui_run(first);
    if (!c) {
        if (first[0] == '-')
            return cli_usage_error(NULL, "unknown option '%s'", first);
        return cli_usage_error(NULL, "unknown command '%s'", first);
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
