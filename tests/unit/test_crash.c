/* test_crash.c — kills `ajar set` with SIGKILL at random moments and checks the draft survives every time. */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ajar/draft.h"
#include "ajar/strbuf.h"

Suite *crash_suite(void);

#define KILLS 500

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Starts `ajar set path ARG` with output discarded; returns the child's pid. */
static pid_t start_set(const char *bin, const char *path, const char *arg)
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(bin, bin, "set", path, arg, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static size_t count_temp_files(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        if (strstr(e->d_name, ".tmp-"))
            n++;
    if (d)
        closedir(d);
    return n;
}

START_TEST(draft_survives_sigkill_at_random_moments)
{
    const char *bin = getenv("AJAR_BIN");
    ck_assert_msg(bin && *bin, "AJAR_BIN must name the ajar binary");
    char dir[] = "/tmp/ajar-kill-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *path = ajar_asprintf("%s/d.json", dir);

    /* A draft large enough (about 100 KB) that a save takes a while. */
    ajar_draft *d = ajar_draft_new("offer");
    for (int i = 0; i < 400; i++) {
        char name[64];
        snprintf(name, sizeof name, "Contact Ünïcødé 李娜 %d", i);
        ajar_draft_set_string(d, "contacts[+].name", name, NULL);
        ajar_draft_set_string(d, "contacts[-1].talked_about",
                              "a long conversation about pipelines and on-call rotations", NULL);
    }
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_draft_save(d, path, &errs), AJAR_OK);
    ajar_draft_free(d);

    /* How long one uninterrupted run takes sets the window for the kills. */
    double t0 = now_us();
    int status;
    waitpid(start_set(bin, path, "offer.company=Warmup"), &status, 0);
    double span = now_us() - t0;
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "ajar set failed before any kill");

    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    int killed_mid_run = 0, finished = 0;
    for (int i = 0; i < KILLS; i++) {
        char arg[64];
        snprintf(arg, sizeof arg, "offer.company=Company %d", i);
        pid_t pid = start_set(bin, path, arg);
        usleep((useconds_t)(rand() % (int)(span * 1.2 + 1)));
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        if (WIFSIGNALED(status))
            killed_mid_run++;
        else
            finished++;
        ajar_draft *back = NULL;
        ajar_status st = ajar_draft_load(path, &back, &errs);
        if (st != AJAR_OK) {
            char *m = ajar_error_format(&errs.items[0]);
            ck_abort_msg("after kill %d the draft does not load: %s", i, m);
        }
        const char *company = ajar_draft_string(back, "offer.company");
        ck_assert_ptr_nonnull(company);
        ck_assert_uint_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(ajar_draft_root(back), "contacts")), 400);
        ajar_draft_free(back);
    }
    fprintf(stderr, "crash: %d SIGKILLs (%d mid-run, %d after finishing); the draft loaded every time\n",
            KILLS, killed_mid_run, finished);
    ck_assert_int_gt(killed_mid_run, KILLS / 10);

    /* The next complete save cleans up whatever the killed saves left. */
    waitpid(start_set(bin, path, "offer.company=Final"), &status, 0);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_uint_eq(count_temp_files(dir), 0);

    char *cmd = ajar_asprintf("rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
    free(path);
}
END_TEST

Suite *crash_suite(void)
{
    Suite *s = suite_create("crash");
    TCase *tc = tcase_create("sigkill");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, draft_survives_sigkill_at_random_moments);
    suite_add_tcase(s, tc);
    return s;
}
