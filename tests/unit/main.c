/* main.c — runs every Check suite of the core (the list is generated from tests/unit/test_*.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#define AJAR_SUITE(name) Suite *name##_suite(void);
#include "suites.h"
#undef AJAR_SUITE

int main(void)
{
    SRunner *runner = srunner_create(NULL);
#define AJAR_SUITE(name) srunner_add_suite(runner, name##_suite());
#include "suites.h"
#undef AJAR_SUITE
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    int run = srunner_ntests_run(runner);
    srunner_free(runner);
    printf("unit: %d passed, %d failed\n", run - failed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
