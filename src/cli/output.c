/* output.c — what the command line prints: messages safe for any terminal, errors, exit codes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"
#include "ajar/utf8.h"
#include "cli.h"

static const char *progname = "ajar";

/* ---- output that user text cannot turn into terminal escapes ---------------- */

void cli_put_safe_n(FILE *f, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = ajar_utf8_decode(s + i, len - i, &cp);
        int invalid = cp == 0xFFFD && !(n == 3 && (unsigned char)s[i] == 0xEF);
        int crlf = cp == '\r' && i + 1 < len && s[i + 1] == '\n';
        if (invalid)
            fprintf(f, "\\x%02x", (unsigned char)s[i]);
        else if (ajar_cp_is_control(cp) && cp != '\n' && cp != '\t' && !crlf)
            fprintf(f, cp < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)cp);
        else
            fwrite(s + i, 1, n, f);
        i += n;
    }
}

void cli_put_safe(FILE *f, const char *s)
{
    cli_put_safe_n(f, s, strlen(s));
}

void cli_report_errors(const ajar_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++) {
        char *msg = ajar_error_format(&errs->items[i]);
        fprintf(stderr, "%s: ", progname);
        cli_put_safe(stderr, msg ? msg : "out of memory");
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
int cli_fail_with(ajar_errors *errs)
{
    int code = EXIT_OK;
    for (size_t i = 0; i < errs->count; i++) {
        int c = errs->items[i].sys_errno ? EXIT_SYSTEM : exit_for(errs->items[i].code);
        if (c > code)
            code = c;
    }
    cli_report_errors(errs);
    ajar_errors_clear(errs);
    return code ? code : EXIT_SYSTEM;
}

/* Errors about a field of `file` (from path operations) get the file's name;
 * errors of the storage layer already name their path in the message. */
void cli_name_file(ajar_errors *errs, const char *file)
{
    for (size_t i = 0; i < errs->count; i++)
        if (!errs->items[i].file && errs->items[i].field)
            errs->items[i].file = strdup(file);
}

int cli_usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", progname);
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
    char *msg = ajar_asprintf(fmt, arg ? arg : "");
    cli_put_safe(stderr, msg ? msg : "usage error");
    free(msg);
    fprintf(stderr, "\nTry '%s help%s%s' for more information.\n", progname, cmd ? " " : "",
            cmd ? cmd : "");
    return EXIT_USAGE;
}

/* Parses a subcommand's options. Returns the option character, -1 at the
 * end, or '?' after printing a usage message. */
int cli_next_opt(int argc, char **argv, const char *shortopts, const struct option *longopts,
                    const char *cmd)
{
    opterr = 0;
    int c = getopt_long(argc, argv, shortopts, longopts, NULL);
    if (c == '?' || c == ':') {
        const char *bad = argv[optind - 1];
        if (optopt && optopt != '?' && strchr(shortopts, optopt))
            cli_usage_error(cmd, "option '%s' needs a value", bad);
        else
            cli_usage_error(cmd, "unknown option '%s'", bad);
        return '?';
    }
    return c;
}

