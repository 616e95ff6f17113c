/* test_mailto.c — mailto: links: exact percent-encoding, line ends, omitted fields, refusals. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/formats.h"

Suite *mailto_suite(void);

static void assert_uri(const char *to, const char *subject, const char *body, const char *want)
{
    ajar_errors errs = {0};
    char *uri = ajar_mailto_build(to, subject, body, &errs);
    ck_assert_msg(uri != NULL, "refused: %s",
                  errs.count && errs.items[0].message ? errs.items[0].message : "?");
    ck_assert_str_eq(uri, want);
    ck_assert_uint_eq(errs.count, 0);
    free(uri);
}

START_TEST(builds_exact_uris)
{
    assert_uri("ana@example.com", "Thanks", "Hi Ana,\nthank you.\n",
               "mailto:ana@example.com?subject=Thanks&body=Hi%20Ana%2C%0D%0Athank%20you.%0D%0A");
    assert_uri("ana@example.com", NULL, NULL, "mailto:ana@example.com");
    assert_uri("ana@example.com", "", "", "mailto:ana@example.com");
    assert_uri(NULL, "Hi", NULL, "mailto:?subject=Hi");
    assert_uri("", NULL, "x", "mailto:?body=x");
    assert_uri(NULL, NULL, NULL, "mailto:");
    /* CRLF and LF give the same line end */
    assert_uri(NULL, NULL, "a\r\nb\nc", "mailto:?body=a%0D%0Ab%0D%0Ac");
    /* tabs are kept, encoded */
    assert_uri(NULL, NULL, "a\tb", "mailto:?body=a%09b");
}
END_TEST

START_TEST(encodes_everything_but_unreserved)
{
    assert_uri(NULL, "AZaz09-._~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}", NULL,
               "mailto:?subject=AZaz09-._~%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D"
               "%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D");
    assert_uri(NULL, "Zoë 李娜 ليلى נועה 🙂", NULL,
               "mailto:?subject=Zo%C3%AB%20%E6%9D%8E%E5%A8%9C%20%D9%84%D9%8A%D9%84%D9%89%20"
               "%D7%A0%D7%95%D7%A2%D7%94%20%F0%9F%99%82");
    /* the address keeps its "@" and has the rest of its specials encoded */
    assert_uri("o'neil+jobs@example.com", "&body=evil", NULL,
               "mailto:o%27neil%2Bjobs@example.com?subject=%26body%3Devil");
}
END_TEST

START_TEST(refuses_bad_input)
{
    static const struct {
        const char *to, *subject, *body, *field;
    } bad[] = {
        {"not an address", NULL, NULL, "to"},  {"a@b?subject=x", NULL, NULL, "to"},
        {"zoë@example.com", NULL, NULL, "to"}, {NULL, "a\nb", NULL, "subject"},
        {NULL, "a\tb", NULL, "subject"},       {NULL, "\xff", NULL, "subject"},
        {NULL, NULL, "lone\rCR", "body"},      {NULL, NULL, "bell\a", "body"},
        {NULL, NULL, "\xe2\x82", "body"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ajar_errors errs = {0};
        ck_assert_ptr_null(ajar_mailto_build(bad[i].to, bad[i].subject, bad[i].body, &errs));
        ck_assert_uint_eq(errs.count, 1);
        ck_assert_int_eq(errs.items[0].code, AJAR_E_INVALID);
        ck_assert_str_eq(errs.items[0].field, bad[i].field);
        ajar_errors_clear(&errs);
        ck_assert_ptr_null(ajar_mailto_build(bad[i].to, bad[i].subject, bad[i].body, NULL));
    }
    ajar_errors errs = {0};
    ck_assert_ptr_null(ajar_mailto_build("x", "\n", "\a", &errs));
    ck_assert_uint_eq(errs.count, 3);
    ajar_errors_clear(&errs);
}
END_TEST

Suite *mailto_suite(void)
{
    Suite *s = suite_create("mailto");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, builds_exact_uris);
    tcase_add_test(tc, encodes_everything_but_unreserved);
    tcase_add_test(tc, refuses_bad_input);
    suite_add_tcase(s, tc);
    return s;
}
