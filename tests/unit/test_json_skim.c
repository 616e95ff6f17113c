/* test_json_skim.c — finding one member of a JSON object without parsing the rest. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/json.h"

Suite *json_skim_suite(void);

/* The value of `key` in text as a new string, or NULL when not found. */
static char *skim(const char *text, const char *key)
{
    size_t at = 0, n = 0;
    if (!ajar_json_skim_member(text, strlen(text), key, &at, &n))
        return NULL;
    ck_assert_uint_le(at + n, strlen(text));
    return strndup(text + at, n);
}

static void expect(const char *text, const char *key, const char *want)
{
    char *got = skim(text, key);
    if (!want)
        ck_assert_msg(got == NULL, "%s in %s: found %s", key, text, got);
    else
        ck_assert_msg(got && strcmp(got, want) == 0, "%s in %s: %s", key, text, got ? got : "NULL");
    free(got);
}

START_TEST(finds_members_past_any_value)
{
    const char *doc = " {\"a\": 1, \"b\" : [1, {\"t\": \"]}\"}, \"x\\\"}\"],\n"
                      "  \"c\": {\"d\": {\"e\": []}}, \"s\": \"q\\\\\", \"title\": \"T\\u00e9\"}";
    expect(doc, "a", "1");
    expect(doc, "b", "[1, {\"t\": \"]}\"}, \"x\\\"}\"]");
    expect(doc, "c", "{\"d\": {\"e\": []}}");
    expect(doc, "s", "\"q\\\\\"");
    expect(doc, "title", "\"T\\u00e9\"");
    expect(doc, "d", NULL); /* only the top object's members */
    expect(doc, "tit", NULL);
    expect("{\"n\": -1.5e3}", "n", "-1.5e3");
    expect("{\"t\":true,\"f\":false,\"z\":null}", "z", "null");
    expect("{\"k\": 1, \"k\": 2}", "k", "1"); /* the first; the parse refuses the second */
}
END_TEST

START_TEST(stops_at_what_is_not_an_object)
{
    expect("", "a", NULL);
    expect("[\"a\", 1]", "a", NULL);
    expect("\"a\"", "a", NULL);
    expect("{}", "a", NULL);
    expect("{\"a\" 1}", "a", NULL);
    expect("{\"x\": 1 \"a\": 2}", "a", NULL);
    expect("{\"x\": , \"a\": 2}", "a", NULL);
    expect("{\"x\": [1, 2, \"a\": 2}", "a", NULL);
    expect("{\"x\": \"open, \"a\": 2", "a", NULL);
}
END_TEST

START_TEST(never_reads_past_the_end)
{
    /* every prefix of a document, copied so that ASan sees its end */
    const char *doc = "{\"a\": [\"x\\\"y\", {\"b\": 2}], \"c\": \"z\\\\\", \"key\": \"v\"}";
    size_t len = strlen(doc);
    for (size_t n = 0; n <= len; n++) {
        char *copy = malloc(n ? n : 1);
        memcpy(copy, doc, n);
        size_t at = 0, vlen = 0;
        int found = ajar_json_skim_member(copy, n, "key", &at, &vlen);
        ck_assert_int_eq(found, n >= len - 1); /* found once its value is whole */
        if (found)
            ck_assert_uint_le(at + vlen, n);
        free(copy);
    }
}
END_TEST

Suite *json_skim_suite(void)
{
    Suite *s = suite_create("json_skim");
    TCase *tc = tcase_create("json_skim");
    tcase_add_test(tc, finds_members_past_any_value);
    tcase_add_test(tc, stops_at_what_is_not_an_object);
    tcase_add_test(tc, never_reads_past_the_end);
    suite_add_tcase(s, tc);
    return s;
}
