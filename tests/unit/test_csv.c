/* test_csv.c — CSV records: exact quoting, CRLF row ends, UTF-8 kept, the BOM, refusals. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/formats.h"

Suite *csv_suite(void);

static void assert_row(const char *const *fields, size_t n, const char *want)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_csv_write_row(&b, fields, n, &errs), AJAR_OK);
    ck_assert_uint_eq(errs.count, 0);
    ck_assert_str_eq(b.data, want);
    ajar_strbuf_free(&b);
}

START_TEST(writes_plain_fields_as_they_are)
{
    const char *const row[] = {"name", "Zoë Ångström", "李娜", "ليلى حداد", "x y", "=1+2", "-"};
    assert_row(row, 7, "name,Zoë Ångström,李娜,ليلى حداد,x y,=1+2,-\r\n");
    const char *const one[] = {"only"};
    assert_row(one, 1, "only\r\n");
}
END_TEST

START_TEST(quotes_only_what_needs_it)
{
    const char *const row[] = {"a,b",    "say \"hi\"", "two\nlines", "cr\rlf\r\n", " lead",
                               "trail ", "\ttab",      "mid dle",    "\"",         ""};
    assert_row(row, 10,
               "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rlf\r\n\",\" lead\",\"trail \","
               "\"\ttab\",mid dle,\"\"\"\",\r\n");
}
END_TEST

START_TEST(empty_and_null_fields)
{
    const char *const row[] = {NULL, "", NULL};
    assert_row(row, 3, ",,\r\n");
    /* a record of one empty field must not read back as a blank line */
    const char *const one[] = {""};
    assert_row(one, 1, "\"\"\r\n");
    const char *const null_one[] = {NULL};
    assert_row(null_one, 1, "\"\"\r\n");
}
END_TEST

START_TEST(rows_append_and_the_bom_is_optional)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    const char *const r1[] = {"a", "b"}, *const r2[] = {"c", "d"};
    ck_assert_int_eq(ajar_csv_write_row(&b, r1, 2, NULL), AJAR_OK);
    ck_assert_int_eq(ajar_csv_write_row(&b, r2, 2, NULL), AJAR_OK);
    ck_assert_str_eq(b.data, "a,b\r\nc,d\r\n");
    ajar_strbuf_free(&b);
    ajar_csv_write_bom(&b);
    ck_assert_int_eq(ajar_csv_write_row(&b, r1, 2, NULL), AJAR_OK);
    ck_assert_str_eq(b.data, "\xEF\xBB\xBF"
                             "a,b\r\n");
    ajar_strbuf_free(&b);
}
END_TEST

START_TEST(refuses_bad_fields_and_writes_nothing)
{
    static const char *const bad[] = {"bell\a",      "nul-ish \x01", "esc\x1b",     "del\x7f",
                                      "c1 \xc2\x80", "bad \xc3",     "\xed\xa0\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ajar_strbuf b;
        ajar_strbuf_init(&b);
        ajar_strbuf_puts(&b, "keep");
        ajar_errors errs = {0};
        const char *const row[] = {"ok", bad[i]};
        ck_assert_int_eq(ajar_csv_write_row(&b, row, 2, &errs), AJAR_E_INVALID);
        ck_assert_str_eq(b.data, "keep");
        ck_assert_uint_eq(errs.count, 1);
        ck_assert_str_eq(errs.items[0].field, "field 2");
        ajar_errors_clear(&errs);
        ajar_strbuf_free(&b);
    }
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    const char *const row[] = {"x"};
    ck_assert_int_eq(ajar_csv_write_row(&b, row, 0, NULL), AJAR_E_USAGE);
    ck_assert_int_eq(ajar_csv_write_row(&b, NULL, 1, NULL), AJAR_E_USAGE);
    ck_assert_int_eq(ajar_csv_write_row(NULL, row, 1, NULL), AJAR_E_USAGE);
    ck_assert_uint_eq(b.len, 0);
}
END_TEST

Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, writes_plain_fields_as_they_are);
    tcase_add_test(tc, quotes_only_what_needs_it);
    tcase_add_test(tc, empty_and_null_fields);
    tcase_add_test(tc, rows_append_and_the_bom_is_optional);
    tcase_add_test(tc, refuses_bad_fields_and_writes_nothing);
    suite_add_tcase(s, tc);
    return s;
}
