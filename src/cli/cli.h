/* cli.h — what the command line's files share: exit codes, safe output, option parsing, the commands. */
#ifndef AJAR_CLI_H
#define AJAR_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "ajar/error.h"

/* Exit codes, as documented in --help, the README and the man page. */
enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

/* The --linkedin-limit values a command accepts (export and check): outside
 * this range a limit is surely a typing mistake. */
#define CLI_LINKEDIN_LIMIT_MIN 50
#define CLI_LINKEDIN_LIMIT_MAX 2000

/* Writes s to f with every control character other than newline, tab and
 * a CR that ends a line, and every invalid UTF-8 byte, shown as a visible
 * escape (\x1b, \u009b), so that nothing taken from a file or an argument
 * can drive the terminal. */
void cli_put_safe(FILE *f, const char *s);

/* The same for s[0..len), which may hold NUL bytes (shown as \x00). */
void cli_put_safe_n(FILE *f, const char *s, size_t len);

/* Prints every error of errs on stderr, one per line, "ajar: " first. */
void cli_report_errors(const ajar_errors *errs);

/* Reports every error, empties errs, and returns the exit code of the worst
 * (a failed operating-system call, a missing file included, is a file error). */
int cli_fail_with(ajar_errors *errs);

/* Gives errors about a field (from path operations) the file's name;
 * storage errors already name their path in the message. */
void cli_name_file(ajar_errors *errs, const char *file);

/* Prints "ajar: CMD: MESSAGE" (fmt with one %s for arg) and a hint to
 * 'ajar help CMD' on stderr; returns EXIT_USAGE. cmd may be NULL. */
int cli_usage_error(const char *cmd, const char *fmt, const char *arg);

/* getopt_long for a subcommand without getopt's own messages: returns the
 * option character, -1 at the end, or '?' after printing a usage error. */
int cli_next_opt(int argc, char **argv, const char *shortopts, const struct option *longopts,
                 const char *cmd);

/* The subcommands: each takes its own argv (argv[0] is the command's name)
 * and returns an exit code. */
int cmd_new(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_get(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
