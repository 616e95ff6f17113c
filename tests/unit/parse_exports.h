/* parse_exports.h — for unit suites: runs tests/tools/parse_exports.py (independent parsers) on exported bytes. */
#ifndef AJAR_TEST_PARSE_EXPORTS_H
#define AJAR_TEST_PARSE_EXPORTS_H

#include <cJSON.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ajar/strbuf.h"

#define SCRIPT "tests/tools/parse_exports.py"

/* The Python interpreter to run the parser script with: $AJAR_PYTHON, else
 * Debian's own (where python3-icalendar installs), else python3 on PATH. */
static inline const char *python(void)
{
    const char *p = getenv("AJAR_PYTHON");
    if (p && *p)
        return p;
    if (access("/usr/bin/python3", X_OK) == 0)
        return "/usr/bin/python3";
    return "python3";
}

/* Runs parse_exports.py KIND on data[0..len) and returns what it printed,
 * parsed. Returns NULL when no Python can be started: the caller skips its
 * round trip (the writers' own tests still ran). Fails the test when the
 * script fails or reports any problem. */
static inline cJSON *parse_export(const char *kind, const char *data, size_t len)
{
    char dir[] = "/tmp/ajar-export-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *path = ajar_asprintf("%s/export.%s", dir, kind);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);

    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    const char *py = python();
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execlp(py, py, SCRIPT, kind, path, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        ajar_strbuf_append(&out, buf, (size_t)n);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    unlink(path);
    rmdir(dir);
    free(path);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        fprintf(stderr, "unit: %s cannot be run; %s round trip skipped\n", py, kind);
        ajar_strbuf_free(&out);
        return NULL;
    }
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s %s failed", SCRIPT, kind);
    cJSON *j = cJSON_Parse(out.data ? out.data : "");
    ck_assert_msg(j != NULL, "%s printed no JSON: %s", SCRIPT, out.data ? out.data : "");
    ajar_strbuf_free(&out);
    const cJSON *problems = cJSON_GetObjectItemCaseSensitive(j, "problems");
    ck_assert_msg(cJSON_IsArray(problems), "no problems list");
    if (cJSON_GetArraySize(problems) != 0) {
        char *p = cJSON_Print(problems);
        /* Check carries failure messages in a bounded buffer: keep it short. */
        ck_abort_msg("%s found problems in the %s output:\n%.1500s\n--- output ---\n%.*s", SCRIPT,
                     kind, p, (int)(len < 1500 ? len : 1500), data);
    }
    return j;
}

/* The item at a path like "from.name" or "items.1.alarms.0.description". */
static inline const cJSON *jget(const cJSON *j, const char *path)
{
    char key[64];
    while (j && *path) {
        size_t n = strcspn(path, ".");
        ck_assert_uint_lt(n, sizeof key);
        memcpy(key, path, n);
        key[n] = '\0';
        if (cJSON_IsArray(j))
            j = cJSON_GetArrayItem(j, atoi(key));
        else
            j = cJSON_GetObjectItemCaseSensitive(j, key);
        path += n + (path[n] == '.');
    }
    return j;
}

#define ck_assert_jstr(j, path, want)                                                              \
    do {                                                                                           \
        const cJSON *it_ = jget((j), (path));                                                      \
        const char *want_ = (want);                                                                \
        const char *got_ = cJSON_GetStringValue(it_);                                              \
        ck_assert_msg(got_ &&strcmp(got_, want_) == 0, "%s: got \"%s\", want \"%s\"", (path),      \
                      got_ ? got_ : "(none)", want_);                                              \
    } while (0)

#endif
