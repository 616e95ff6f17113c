/* test_json.c — strict JSON reading (positions, duplicates, UTF-8, depth) and stable printing. */
#include <check.h>
#include <limits.h>
#include <locale.h>
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
    {"1e999", 0, AJAR_E_INVALID, 0, 0, NULL, "too large"},
    {"{\"\\u00e9\": 1, \"\xc3\xa9\": 2}", 0, AJAR_E_INVALID, 0, 0, "\xc3\xa9", "more than once"},
    {"{\"a\": {\"b\": {\"c\": 1, \"c\": 2}}}", 0, AJAR_E_INVALID, 0, 0, "a.b.c", "more than once"},
    /* With several problems, the one named: a NUL byte, a byte-order mark or
     * invalid UTF-8 anywhere; then, in the order of the text, a control or
     * \u0000 in a string and nesting too deep; then the syntax error; then
     * duplicate keys and huge numbers, the first in the tree's pre-order (an
     * object's own duplicate before anything inside it). */
    {"{\"a\": \"x\"}\0", 11, AJAR_E_SYNTAX, 1, 11, NULL, "NUL byte"},
    {"\xef\xbb\xbf{}", 0, AJAR_E_SYNTAX, 1, 1, NULL, "byte-order mark"},
    {"\"ok\" \xff", 0, AJAR_E_SYNTAX, 1, 6, NULL, "invalid UTF-8"},
    {"[1 2, \"\\u0000\"]", 0, AJAR_E_SYNTAX, 1, 8, NULL, "\\u0000"},
    {"[\"\\ud83d\\u0000\"]", 0, AJAR_E_SYNTAX, 1, 9, NULL, "\\u0000"},
    {"[1 2, \"x\ty\"]", 0, AJAR_E_SYNTAX, 1, 9, NULL, "control character"},
    {"[1 2, [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
     "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 0, AJAR_E_SYNTAX, 1, 70, NULL, "nested deeper"},
    {"{\"a\": 1, \"a\": 2} x", 0, AJAR_E_SYNTAX, 1, 18, NULL, "unexpected text after the end"},
    {"[1e999, 1 2]", 0, AJAR_E_SYNTAX, 1, 11, NULL, "expected ',' or ']'"},
    {"{\"a\": {\"x\": 1, \"x\": 2}, \"b\": 1, \"b\": 2}", 0, AJAR_E_INVALID, 0, 0, "b",
     "the key \"b\""},
    {"{\"a\": [1e999], \"b\": 1, \"b\": 2}", 0, AJAR_E_INVALID, 0, 0, "b", "more than once"},
    {"{\"a\": 1e999, \"c\": {\"b\": 1, \"b\": 2}}", 0, AJAR_E_INVALID, 0, 0, "a", "too large"},
    {"[{\"b\": 1, \"b\": 2}, 1e999]", 0, AJAR_E_INVALID, 0, 0, "[0].b", "more than once"},
    {"[1e999, {\"b\": 1, \"b\": 2}]", 0, AJAR_E_INVALID, 0, 0, "[0]", "too large"},
    /* Up to 16 members, the first key that comes again; more: the smallest. */
    {"{\"b\": 1, \"a\": 1, \"a\": 2, \"b\": 2}", 0, AJAR_E_INVALID, 0, 0, "b", "the key \"b\""},
    {"{\"b\": 1, \"a\": 1, \"a\": 2, \"b\": 2, \"c0\": 0, \"c1\": 0, \"c2\": 0, \"c3\": 0,"
     " \"c4\": 0, \"c5\": 0, \"c6\": 0, \"c7\": 0, \"c8\": 0, \"c9\": 0, \"c10\": 0,"
     " \"c11\": 0, \"c12\": 0}",
     0, AJAR_E_INVALID, 0, 0, "a", "the key \"a\""},
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

START_TEST(similar_keys_are_not_duplicates)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "[{\"a\": 1, \"ab\": 2, \"abc\": 3, \"b\": 4, \"A\": 5}, {");
    for (int i = 0; i < 1000; i++)
        ajar_strbuf_printf(&b, "%s\"k%d\": %d", i ? ", " : "", i, i);
    ajar_strbuf_puts(&b, "}]");
    char *text = ajar_strbuf_take(&b);
    ajar_errors errs = {0};
    cJSON *out = NULL;
    ck_assert_int_eq(parse(text, &out, &errs), AJAR_OK);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetArrayItem(out, 0)), 5);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetArrayItem(out, 1)), 1000);
    ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(out, 1), "k999")->valueint,
                     999);
    cJSON_Delete(out);
    free(text);
}
END_TEST

START_TEST(nesting_limit_counts_objects_and_arrays)
{
    for (int extra = 0; extra <= 1; extra++) {
        ajar_strbuf b;
        ajar_strbuf_init(&b);
        int levels = AJAR_JSON_MAX_DEPTH + extra;
        for (int i = 0; i < levels; i++)
            ajar_strbuf_puts(&b, i % 2 ? "[" : "{\"k\": ");
        for (int i = levels - 1; i >= 0; i--)
            ajar_strbuf_puts(&b, i % 2 ? "]" : "}");
        char *text = ajar_strbuf_take(&b);
        ajar_errors errs = {0};
        cJSON *out = NULL;
        ck_assert_int_eq(parse(text, &out, &errs), extra ? AJAR_E_SYNTAX : AJAR_OK);
        if (extra) {
            /* the 65th opening bracket: 32 times `{"k": [` (7 characters) and one `{` */
            ck_assert_int_eq(errs.items[0].column, 32 * 7 + 1);
            ck_assert_ptr_nonnull(strstr(errs.items[0].message, "nested deeper than 64 levels"));
        }
        ajar_errors_clear(&errs);
        cJSON_Delete(out);
        free(text);
    }
}
END_TEST

/* Plain text is scanned eight bytes at a time: whatever ends a plain run
 * (a quote, an escape, a multi-byte character, a control) is found at each
 * of the eight places in a word, after short and long runs. */
START_TEST(strings_read_right_wherever_a_run_ends)
{
    static const struct {
        const char *raw, *decoded, *error;
    } ENDS[] = {
        {"", "", NULL},
        {"\\n", "\n", NULL},
        {"\\\"", "\"", NULL},
        {"\\u00e9", "\xc3\xa9", NULL},
        {"\\ud83d\\ude00", "\xf0\x9f\x98\x80", NULL},
        {"\xe4\xb8\xad", "\xe4\xb8\xad", NULL},
        {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", NULL},
        {"\x7f\x1e", NULL, "control character"},
        {"\x01", NULL, "control character"},
        {"\xff", NULL, "invalid UTF-8"},
        {"\xe4\xb8", NULL, "invalid UTF-8"},
        {"\\q", NULL, "unknown escape"},
    };
    int e = _i % (int)(sizeof ENDS / sizeof ENDS[0]);
    int run = _i / (int)(sizeof ENDS / sizeof ENDS[0]); /* plain bytes before the end: 0-24 */
    char plain[32];
    memset(plain, 'a', (size_t)run);
    plain[run] = '\0';
    char *text = ajar_asprintf("\"%s%s%s\"", plain, ENDS[e].raw, "tail after it");
    ajar_errors errs = {0};
    cJSON *out = NULL;
    ajar_status st = parse(text, &out, &errs);
    if (ENDS[e].error) {
        ck_assert_int_eq(st, AJAR_E_SYNTAX);
        int bad_at = ENDS[e].raw[0] == '\x7f' ? 2 : 1; /* DEL is allowed, the control after not */
        ck_assert_int_eq(errs.items[0].column, 1 + run + bad_at);
        ck_assert_ptr_nonnull(strstr(errs.items[0].message, ENDS[e].error));
    } else {
        ck_assert_int_eq(st, AJAR_OK);
        char *want = ajar_asprintf("%s%s%s", plain, ENDS[e].decoded, "tail after it");
        ck_assert_str_eq(out->valuestring, want);
        free(want);
    }
    ajar_errors_clear(&errs);
    cJSON_Delete(out);
    free(text);
}
END_TEST

/* Numbers as cJSON sets them: valuedouble as strtod reads the text,
 * valueint saturated to int; true's valueint is 1. */
START_TEST(numbers_read_as_cjson_reads_them)
{
    static const char *const NUMBERS[] = {
        "0", "-0", "7", "-12", "1.5", "-1.5e-3", "1E+2", "2e0", "0.1", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "999999999999999", "-999999999999999", "1234567890123456789",
        "9007199254740993", "1e-400", "4.9e-324", "1.7976931348623157e308",
        "1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111",
    };
    for (size_t i = 0; i < sizeof NUMBERS / sizeof NUMBERS[0]; i++) {
        char *text = ajar_asprintf("[%s]", NUMBERS[i]);
        ajar_errors errs = {0};
        cJSON *out = NULL;
        ck_assert_int_eq(parse(text, &out, &errs), AJAR_OK);
        const cJSON *n = out->child;
        double want = strtod(NUMBERS[i], NULL);
        ck_assert_msg(memcmp(&n->valuedouble, &want, sizeof want) == 0, "%s read as %.17g",
                      NUMBERS[i], n->valuedouble);
        int want_int = want >= INT_MAX ? INT_MAX : want <= (double)INT_MIN ? INT_MIN : (int)want;
        ck_assert_int_eq(n->valueint, want_int);
        cJSON_Delete(out);
        free(text);
    }
    ajar_errors errs = {0};
    cJSON *out = NULL;
    ck_assert_int_eq(parse("[true, false, null]", &out, &errs), AJAR_OK);
    ck_assert_int_eq(out->child->valueint, 1);
    ck_assert_int_eq(out->child->next->valueint, 0);
    ck_assert(cJSON_IsNull(out->child->next->next));
    cJSON_Delete(out);
}
END_TEST

/* Switches LC_NUMERIC to a locale whose decimal point is a comma: an
 * installed de_DE.UTF-8, or one localedef builds in dir (as
 * tests/cli/hostile.sh does). Returns 0 when neither can be had. */
static int use_comma_locale(const char *dir)
{
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        return 1;
    char *cmd = ajar_asprintf("localedef -i de_DE -f UTF-8 '%s/de_DE.UTF-8' >/dev/null 2>&1", dir);
    int built = system(cmd) == 0;
    free(cmd);
    return built && setenv("LOCPATH", dir, 1) == 0 && setlocale(LC_NUMERIC, "de_DE.UTF-8");
}

/* A decimal comma in the C library's locale does not change how JSON
 * numbers read (ajar's main sets LC_NUMERIC to "C", but the reader does
 * not count on it). */
START_TEST(numbers_ignore_the_locale_decimal_point)
{
    char dir[] = "/tmp/ajar-locale-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    if (use_comma_locale(dir))
        ck_assert_str_eq(localeconv()->decimal_point, ",");
    ajar_errors errs = {0};
    cJSON *out = NULL;
    ajar_status st = parse("[1.5, -2.25e1, 3e2, 12345678901234567.5,"
                           " 0.100000000000000005551115123125782702118158340454101562500000000001,"
                           " 9007199254740993,9]",
                           &out, &errs);
    setlocale(LC_NUMERIC, "C");
    unsetenv("LOCPATH");
    char *cmd = ajar_asprintf("rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
    ck_assert_int_eq(st, AJAR_OK);
    ck_assert(cJSON_GetArrayItem(out, 0)->valuedouble == 1.5);
    ck_assert(cJSON_GetArrayItem(out, 1)->valuedouble == -22.5);
    ck_assert(cJSON_GetArrayItem(out, 2)->valuedouble == 300.0);
    ck_assert(cJSON_GetArrayItem(out, 3)->valuedouble == 12345678901234567.5);
    ck_assert(cJSON_GetArrayItem(out, 4)->valuedouble == 0.1);
    ck_assert(cJSON_GetArrayItem(out, 5)->valuedouble == 9007199254740992.0); /* not ...993,9 */
    ck_assert_int_eq(cJSON_GetArraySize(out), 7);
    cJSON_Delete(out);
}
END_TEST

/* The tree keeps cJSON's links (the first child's prev is the last), so
 * cJSON's own functions add, detach, replace and copy items after reading. */
START_TEST(children_work_with_cjson_functions)
{
    ajar_errors errs = {0};
    cJSON *v = NULL;
    ck_assert_int_eq(parse("{\"list\": [1, 2, 3], \"a\": \"x\", \"b\": {\"c\": true}}", &v, &errs),
                     AJAR_OK);
    cJSON *list = cJSON_GetObjectItemCaseSensitive(v, "list");
    ck_assert_ptr_eq(list->child->prev, cJSON_GetArrayItem(list, 2));
    cJSON_Delete(cJSON_DetachItemFromArray(list, 2));
    ck_assert(cJSON_AddItemToArray(list, cJSON_CreateNumber(4)));
    ck_assert(cJSON_AddItemToArray(list, cJSON_CreateNumber(5)));
    cJSON_DeleteItemFromArray(list, 0);
    ck_assert(cJSON_AddItemToObject(v, "d", cJSON_CreateNull()));
    cJSON_Delete(cJSON_DetachItemFromObjectCaseSensitive(v, "d"));
    ck_assert(cJSON_AddItemToObject(v, "e", cJSON_CreateFalse()));
    ck_assert(cJSON_ReplaceItemInObjectCaseSensitive(v, "a", cJSON_CreateString("y")));
    cJSON_DeleteItemFromObjectCaseSensitive(v, "b");
    char *text = ajar_json_print_compact(v);
    ck_assert_str_eq(text, "{\"list\":[2,4,5],\"a\":\"y\",\"e\":false}");
    cJSON *copy = cJSON_Duplicate(v, 1);
    ck_assert(cJSON_Compare(v, copy, 1));
    cJSON_Delete(v);
    char *again = ajar_json_print_compact(copy);
    ck_assert_str_eq(again, text);
    free(again);
    free(text);
    cJSON_Delete(copy);
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
    tcase_add_test(tc, similar_keys_are_not_duplicates);
    tcase_add_test(tc, nesting_limit_counts_objects_and_arrays);
    tcase_add_loop_test(tc, strings_read_right_wherever_a_run_ends, 0, 25 * 12);
    tcase_add_test(tc, numbers_read_as_cjson_reads_them);
    tcase_add_test(tc, numbers_ignore_the_locale_decimal_point);
    tcase_add_test(tc, children_work_with_cjson_functions);
    suite_add_tcase(s, tc);
    return s;
}
