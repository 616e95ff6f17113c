/* test_error.c — the error list and how errors read to a user. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/error.h"
#include "ajar/strbuf.h"

Suite *error_suite(void);

START_TEST(formats_file_line_column_field)
{
    ajar_errors list = {0};
    ck_assert_int_eq(ajar_errors_add(&list, AJAR_E_SYNTAX, "d.json", "contacts[2].email", 3, 14, 0,
                                     "expected %s", "a string"),
                     AJAR_E_SYNTAX);
    char *s = ajar_error_format(&list.items[0]);
    ck_assert_str_eq(s, "d.json:3:14: contacts[2].email: expected a string");
    free(s);
    ajar_errors_clear(&list);
    ck_assert_uint_eq(list.count, 0);
}
END_TEST

START_TEST(leaves_out_missing_parts_and_adds_strerror_once)
{
    ajar_errors list = {0};
    ajar_errors_add(&list, AJAR_E_IO, "d.json", NULL, 0, 0, ENOSPC, "cannot write");
    ajar_errors_add(&list, AJAR_E_IO, NULL, NULL, 0, 0, ENOENT, "gone: %s", strerror(ENOENT));
    char *a = ajar_error_format(&list.items[0]);
    char *b = ajar_error_format(&list.items[1]);
    ck_assert_str_eq(a, "d.json: cannot write: No space left on device");
    ck_assert_str_eq(b, "gone: No such file or directory");
    ck_assert_int_eq(ajar_errors_status(&list), AJAR_E_IO);
    free(a);
    free(b);
    ajar_errors_clear(&list);
    ck_assert_int_eq(ajar_errors_status(&list), AJAR_OK);
}
END_TEST

/* Found by fuzz_draft: `ajar set d.json $',\xad=1'` quoted the path's bytes
 * raw in "bad field path", and a duplicate key's name went out as it was, so
 * a hostile file or argument could send ESC, C1 or a line break to the
 * terminal through any front end that prints errors (the wizard does so
 * without escaping). */
START_TEST(format_escapes_controls_and_invalid_bytes)
{
    ajar_errors list = {0};
    ajar_errors_add(&list, AJAR_E_INVALID, "d\x1b]0;t\x07.json", "a\xc2\x9b" "b", 0, 0, 0,
                    "the key \"%s\" appears more than once", "\x1b[2J\r\najar: fake\tok\xff\xc0\xaf");
    char *s = ajar_error_format(&list.items[0]);
    ck_assert_str_eq(s, "d\\x1b]0;t\\x07.json: a\\u009bb: the key "
                        "\"\\x1b[2J\\x0d\\x0aajar: fake\tok\\xff\\xc0\\xaf\" appears more than once");
    free(s);
    ajar_errors_clear(&list);
    /* Text that is fine stays as it is, U+FFFD and wide characters included. */
    ajar_errors_add(&list, AJAR_E_INVALID, "李娜.json", "me.name", 0, 0, 0, "bad \xef\xbf\xbd é");
    s = ajar_error_format(&list.items[0]);
    ck_assert_str_eq(s, "李娜.json: me.name: bad \xef\xbf\xbd é");
    free(s);
    ajar_errors_clear(&list);
}
END_TEST

START_TEST(move_fills_in_file)
{
    ajar_errors a = {0}, b = {0};
    ajar_errors_add(&b, AJAR_E_INVALID, NULL, "tone", 0, 0, 0, "bad");
    ajar_errors_add(&b, AJAR_E_INVALID, "other.json", "x", 0, 0, 0, "bad");
    ajar_errors_move(&a, &b, "d.json");
    ck_assert_uint_eq(a.count, 2);
    ck_assert_uint_eq(b.count, 0);
    ck_assert_str_eq(a.items[0].file, "d.json");
    ck_assert_str_eq(a.items[1].file, "other.json");
    ajar_errors_clear(&a);
}
END_TEST

START_TEST(strbuf_grows_and_formats)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    for (int i = 0; i < 1000; i++)
        ajar_strbuf_printf(&b, "%d,", i % 10);
    ajar_strbuf_append(&b, "x\0y", 3);
    ck_assert_uint_eq(b.len, 2003);
    char *s = ajar_strbuf_take(&b);
    ck_assert_int_eq(s[0], '0');
    ck_assert_int_eq(s[2001], '\0');
    ck_assert_int_eq(s[2002], 'y');
    free(s);
    char *e = ajar_strbuf_take(&b);
    ck_assert_str_eq(e, "");
    free(e);
    char *f = ajar_asprintf("%s-%03d", "a", 7);
    ck_assert_str_eq(f, "a-007");
    free(f);
}
END_TEST

Suite *error_suite(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, formats_file_line_column_field);
    tcase_add_test(tc, leaves_out_missing_parts_and_adds_strerror_once);
    tcase_add_test(tc, format_escapes_controls_and_invalid_bytes);
    tcase_add_test(tc, move_fills_in_file);
    tcase_add_test(tc, strbuf_grows_and_formats);
    suite_add_tcase(s, tc);
    return s;
}
