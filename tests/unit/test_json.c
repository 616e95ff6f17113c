/* test_json.c — strict JSON reading (positions, duplicates, UTF-8, depth) and stable printing. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/json.h"
#include "ajar/strbuf.h"

Suite *json_suite(void);

/* Parses text (which may hold NUL bytes, so its length is given). */
static ajar_status parse_n(const char *text, size_t len, cJSON **out, ajar_errors *errs)
{
    char *copy = malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    ajar_status st = ajar_json_parse(copy, len, "t.json", out, errs);
    free(copy);
    return st;
}

static ajar_status parse(const char *text, cJSON **out, ajar_errors *errs)
{
    return parse_n(text, strlen(text), out, errs);
}

/* A rejected document: its code, line, column, field and a message part. */
typedef struct bad_case {
    const char *text;
    size_t len; /* 0: strlen */
    ajar_status code;
    int line, column;
    const char *field;
    const char *message_part;
} bad_case;

static const bad_case BAD[] = {
    {"", 0, AJAR_E_SYNTAX, 1, 1, NULL, "empty"},
    {"  \n\t ", 0, AJAR_E_SYNTAX, 2, 3, NULL, "empty"},
    {"{\"a\": 1", 0, AJAR_E_SYNTAX, 1, 8, NULL, "the file ends inside an object"},
    {"[1, 2", 0, AJAR_E_SYNTAX, 1, 6, NULL, "the file ends inside an array"},
    {"{\"a\": \"x", 0, AJAR_E_SYNTAX, 1, 9, NULL, "ends inside a string"},
    {"{\"a\": 1}\n}", 0, AJAR_E_SYNTAX, 2, 1, NULL, "unexpected text after the end"},
    {"{\"a\": 1} x", 0, AJAR_E_SYNTAX, 1, 10, NULL, "unexpected text after the end"},
    {"{\n  \"a\": tru\n}", 0, AJAR_E_SYNTAX, 2, 8, NULL, "expected a value"},
    {"{\"né\": \"é\", \"b\": ]}", 0, AJAR_E_SYNTAX, 1, 18, NULL, "expected a value"},
    {"{\"a\": 1,\n  \"b\": 2,}", 0, AJAR_E_SYNTAX, 2, 10, NULL, "trailing comma"},
    {"[1, 2,]", 0, AJAR_E_SYNTAX, 1, 7, NULL, "trailing comma"},
    {"{\"a\" 1}", 0, AJAR_E_SYNTAX, 1, 6, NULL, "expected ':'"},
    {"{a: 1}", 0, AJAR_E_SYNTAX, 1, 2, NULL, "member name in double quotes"},
    {"{\"a\": 1 \"b\": 2}", 0, AJAR_E_SYNTAX, 1, 9, NULL, "expected ',' or '}'"},
    {"[1 2]", 0, AJAR_E_SYNTAX, 1, 4, NULL, "expected ',' or ']'"},
    {"{\"a\": 012}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "leading zeros"},
    {"{\"a\": 1.}", 0, AJAR_E_SYNTAX, 1, 9, NULL, "after the decimal point"},
    {"{\"a\": 1e}", 0, AJAR_E_SYNTAX, 1, 9, NULL, "in the exponent"},
    {"{\"a\": \"\\x\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "unknown escape"},
    {"{\"a\": \"\\u12G4\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "four hexadecimal digits"},
    {"{\"a\": \"x\0y\"}", 12, AJAR_E_SYNTAX, 1, 9, NULL, "NUL byte"},
    {"{\"a\": \"\xff\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "invalid UTF-8"},
    {"{\"a\": \"\xc0\xaf\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "invalid UTF-8"},
    {"{\"a\": \"\xed\xa0\x80\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "invalid UTF-8"},
    {"{\"a\": \"x\ty\"}", 0, AJAR_E_SYNTAX, 1, 9, NULL, "control character"},
    {"{\"a\": \"\\u0000\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "\\u0000"},
    /* Escaped surrogates that do not make a pair: cJSON only said "not valid JSON". */
    {"{\"a\": \"x\\ud83d\"}", 0, AJAR_E_SYNTAX, 1, 9, NULL, "surrogate pair"},
    {"{\"a\": \"\\ud83dx\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "must be followed by"},
    {"{\"a\": \"\\ud83d\\u0041\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "surrogate pair"},
    {"{\"a\": \"\\ud83d\\ud83d\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "surrogate pair"},
    {"{\"a\": \"\\ude00\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "cannot stand alone"},
    {"{\"a\": \"\\uD83D\\uDE0\"}", 0, AJAR_E_SYNTAX, 1, 8, NULL, "surrogate pair"},
    {"{\"a\": 1, \"a\": 2}", 0, AJAR_E_INVALID, 0, 0, "a", "more than once"},
    {"{\"c\": [{\"n\": 1}, {\"n\": 1, \"m\": 2, \"n\": 3}]}", 0, AJAR_E_INVALID, 0, 0, "c[1].n",
     "more than once"},
    {"{\"a\": 1e999}", 0, AJAR_E_INVALID, 0, 0, "a", "too large"},
    {"{\"a\": [-1e400]}", 0, AJAR_E_INVALID, 0, 0, "a[0]", "too large"},
};

START_TEST(rejects_bad_documents)
{
    const bad_case *c = &BAD[_i];
    ajar_errors errs = {0};
    cJSON *out = (cJSON *)1;
    size_t len = c->len ? c->len : strlen(c->text);
    ck_assert_int_eq(parse_n(c->text, len, &out, &errs), c->code);
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(errs.count, 1);
    const ajar_error *e = &errs.items[0];
    ck_assert_str_eq(e->file, "t.json");
    ck_assert_int_eq(e->line, c->line);
    ck_assert_int_eq(e->column, c->column);
    if (c->field)
        ck_assert_str_eq(e->field, c->field);
    else
        ck_assert_ptr_null(e->field);
    ck_assert_msg(strstr(e->message, c->message_part), "case %d: '%s' lacks '%s'", _i, e->message,
                  c->message_part);
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(rejects_deep_nesting_with_position)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    for (int i = 0; i < 5000; i++)
        ajar_strbuf_putc(&b, '[');
    for (int i = 0; i < 5000; i++)
        ajar_strbuf_putc(&b, ']');
    char *text = ajar_strbuf_take(&b);
    ajar_errors errs = {0};
    cJSON *out;
    ck_assert_int_eq(parse(text, &out, &errs), AJAR_E_SYNTAX);
    ck_assert_int_eq(errs.items[0].column, AJAR_JSON_MAX_DEPTH + 1);
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "nested deeper"));
    ajar_errors_clear(&errs);
    free(text);
}
END_TEST

START_TEST(accepts_nesting_at_the_limit_and_brackets_in_strings)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    for (int i = 0; i < AJAR_JSON_MAX_DEPTH; i++)
        ajar_strbuf_putc(&b, '[');
    ajar_strbuf_puts(&b, "\"[[[[{{{{\\\"]]]\"");
    for (int i = 0; i < AJAR_JSON_MAX_DEPTH; i++)
        ajar_strbuf_putc(&b, ']');
    char *text = ajar_strbuf_take(&b);
    ajar_errors errs = {0};
    cJSON *out = NULL;
    ck_assert_int_eq(parse(text, &out, &errs), AJAR_OK);
    ck_assert_ptr_nonnull(out);
    cJSON_Delete(out);
    free(text);
}
END_TEST

START_TEST(keys_are_case_sensitive_and_escapes_decode)
{
    ajar_errors errs = {0};
    cJSON *out = NULL;
    ck_assert_int_eq(parse("{\"Name\": 1, \"name\": 2, \"s\": \"\\u00e9\\n\\ud83d\\ude00\\uD83D\\uDE00\"}", &out,
                           &errs),
                     AJAR_OK);
    ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(out, "name")->valueint, 2);
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(out, "s")->valuestring,
                     "\xc3\xa9\n\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
    cJSON_Delete(out);
}
END_TEST

START_TEST(print_is_stable_and_round_trips)
{
    const char *text = "{\"a\": [3, 6, 12], \"b\": {\"x\": \"Zoë \\\"Å\\\"\\n李娜\\u001b\"},"
                       " \"c\": [], \"d\": {}, \"e\": [\"p\", \"q\"], \"f\": 0.1, \"g\": -2,"
                       " \"h\": 1.5e-7, \"i\": true, \"j\": null, \"k\": 12345678901}";
    ajar_errors errs = {0};
    cJSON *v = NULL;
    ck_assert_int_eq(parse(text, &v, &errs), AJAR_OK);
    char *out = ajar_json_print(v);
    const char *want = "{\n"
                       "  \"a\": [3, 6, 12],\n"
                       "  \"b\": {\n"
                       "    \"x\": \"Zoë \\\"Å\\\"\\n李娜\\u001b\"\n"
                       "  },\n"
                       "  \"c\": [],\n"
                       "  \"d\": {},\n"
                       "  \"e\": [\n    \"p\",\n    \"q\"\n  ],\n"
                       "  \"f\": 0.1,\n"
                       "  \"g\": -2,\n"
                       "  \"h\": 1.5e-07,\n"
                       "  \"i\": true,\n"
                       "  \"j\": null,\n"
                       "  \"k\": 12345678901\n"
                       "}\n";
    ck_assert_str_eq(out, want);
    cJSON *again = NULL;
    ck_assert_int_eq(parse(out, &again, &errs), AJAR_OK);
    char *out2 = ajar_json_print(again);
    ck_assert_str_eq(out, out2);
    ck_assert(cJSON_Compare(v, again, 1));
    char *compact = ajar_json_print_compact(cJSON_GetObjectItemCaseSensitive(v, "a"));
    ck_assert_str_eq(compact, "[3,6,12]");
    free(compact);
    free(out);
    free(out2);
    cJSON_Delete(v);
    cJSON_Delete(again);
}
END_TEST

START_TEST(position_counts_characters_not_bytes)
{
    int line, col;
    const char *t = "ab\n李娜x";
    ajar_json_position(t, strlen("ab\n李娜"), &line, &col);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 3);
    ajar_json_position(t, 0, &line, &col);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 1);
}
END_TEST

START_TEST(many_keys_are_checked_quickly)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_putc(&b, '{');
    for (int i = 0; i < 60000; i++)
        ajar_strbuf_printf(&b, "%s\"k%d\":0", i ? "," : "", i);
    ajar_strbuf_puts(&b, ",\"k59999\":1}");
    char *text = ajar_strbuf_take(&b);
    ajar_errors errs = {0};
    cJSON *out;
    ck_assert_int_eq(parse(text, &out, &errs), AJAR_E_INVALID);
    ck_assert_str_eq(errs.items[0].field, "k59999");
    ajar_errors_clear(&errs);
    free(text);
}
END_TEST

Suite *json_suite(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, rejects_bad_documents, 0, (int)(sizeof BAD / sizeof BAD[0]));
    tcase_add_test(tc, rejects_deep_nesting_with_position);
    tcase_add_test(tc, accepts_nesting_at_the_limit_and_brackets_in_strings);
    tcase_add_test(tc, keys_are_case_sensitive_and_escapes_decode);
    tcase_add_test(tc, print_is_stable_and_round_trips);
    tcase_add_test(tc, position_counts_characters_not_bytes);
    tcase_add_test(tc, many_keys_are_checked_quickly);
    suite_add_tcase(s, tc);
    return s;
}
