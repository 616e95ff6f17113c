/* test_tmpl.c — the Mustache engine: every case of the official spec, error positions, limits, escaping, UTF-8. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "ajar/error.h"
#include "ajar/strbuf.h"
#include "ajar/tmpl.h"

Suite *tmpl_suite(void);

/* The spec files, read relative to the repository's top folder. */
#define SPEC_DIR "tests/fixtures/mustache-spec/"
static const char *const spec_files[] = {
    "comments.json", "delimiters.json", "interpolation.json",
    "inverted.json", "partials.json",   "sections.json",
};

/* ---- helpers ------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ajar_strbuf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return ajar_strbuf_take(&b);
}

/* Partial loader over a JSON object of name -> text (the spec's "partials"). */
static char *map_partial(const char *name, char **origin, void *ud)
{
    (void)origin;
    const cJSON *item = cJSON_GetObjectItemCaseSensitive((const cJSON *)ud, name);
    return cJSON_IsString(item) ? strdup(item->valuestring) : NULL;
}

/* Partial loader as above that also names the partial's origin. */
static char *map_partial_with_origin(const char *name, char **origin, void *ud)
{
    char *text = map_partial(name, origin, ud);
    if (text)
        *origin = ajar_asprintf("partials/%s.mustache", name);
    return text;
}

/* Compiles text[0..len), renders it with the JSON data and opts; returns the
 * status of whichever failed first. *out receives the output (or NULL). */
static ajar_status render_n(const char *text, size_t len, const char *json,
                            const ajar_tmpl_opts *opts, char **out, size_t *out_len,
                            ajar_errors *errs)
{
    ajar_tmpl *t = NULL;
    cJSON *data = json ? cJSON_Parse(json) : NULL;
    ck_assert_msg(!json || data, "bad test JSON: %s", json);
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_status st = ajar_tmpl_compile(text, len, "test.mustache", &t, errs);
    if (st == AJAR_OK)
        st = ajar_tmpl_render(t, data, opts, &b, errs);
    else
        ck_assert_ptr_null(t);
    if (out_len)
        *out_len = b.len;
    *out = ajar_strbuf_take(&b);
    ajar_tmpl_free(t);
    cJSON_Delete(data);
    return st;
}

static ajar_status render_s(const char *text, const char *json, const ajar_tmpl_opts *opts,
                            char **out, ajar_errors *errs)
{
    return render_n(text, strlen(text), json, opts, out, NULL, errs);
}

/* Asserts that text renders with data to exactly `want`. */
#define ASSERT_RENDERS(text, json, opts, want)                                               \
    do {                                                                                     \
        ajar_errors e_ = {0};                                                                \
        char *o_ = NULL;                                                                     \
        ajar_status s_ = render_s((text), (json), (opts), &o_, &e_);                         \
        ck_assert_msg(s_ == AJAR_OK, "render failed (%d): %s", s_,                           \
                      e_.count && e_.items[0].message ? e_.items[0].message : "?");          \
        ck_assert_str_eq(o_, (want));                                                        \
        ck_assert_uint_eq(e_.count, 0);                                                      \
        free(o_);                                                                            \
        ajar_errors_clear(&e_);                                                              \
    } while (0)

/* Asserts that text fails to compile with one error at line/column whose
 * message is `msg`, in file test.mustache. */
static void assert_syntax_error(const char *text, size_t len, int line, int column,
                                const char *msg)
{
    ajar_errors errs = {0};
    ajar_tmpl *t = (ajar_tmpl *)&errs; /* must be reset to NULL */
    ajar_status st = ajar_tmpl_compile(text, len, "test.mustache", &t, &errs);
    ck_assert_int_eq(st, AJAR_E_SYNTAX);
    ck_assert_ptr_null(t);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_int_eq(errs.items[0].code, AJAR_E_SYNTAX);
    ck_assert_str_eq(errs.items[0].file, "test.mustache");
    ck_assert_str_eq(errs.items[0].message, msg);
    ck_assert_int_eq(errs.items[0].line, line);
    ck_assert_int_eq(errs.items[0].column, column);
    ajar_errors_clear(&errs);
}

#define ASSERT_SYNTAX(text, line, column, msg) assert_syntax_error((text), strlen(text), line, column, msg)

/* ---- the official spec ------------------------------------------------------------ */

/* Appends s[0..n) to b for a failure report, with control bytes visible. */
static void put_visible(ajar_strbuf *b, const char *s, size_t n)
{
    ajar_strbuf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            ajar_strbuf_puts(b, "\\n");
        else if (c == '\r')
            ajar_strbuf_puts(b, "\\r");
        else if (c == '\t')
            ajar_strbuf_puts(b, "\\t");
        else if (c < 0x20)
            ajar_strbuf_printf(b, "\\x%02x", c);
        else
            ajar_strbuf_putc(b, (char)c);
    }
    ajar_strbuf_putc(b, '"');
}

/* Runs every case of one spec file: each template is compiled once and
 * rendered twice (the second render must not differ). */
START_TEST(spec_file)
{
    const char *file = spec_files[_i];
    char path[256];
    snprintf(path, sizeof path, "%s%s", SPEC_DIR, file);
    size_t len;
    char *json = read_file(path, &len);
    ck_assert_msg(json != NULL, "cannot read %s (tests run from the repository top folder)", path);
    cJSON *spec = cJSON_ParseWithLength(json, len);
    ck_assert_msg(spec != NULL, "%s is not valid JSON", path);
    const cJSON *tests = cJSON_GetObjectItemCaseSensitive(spec, "tests");
    ck_assert(cJSON_IsArray(tests));

    ajar_strbuf report;
    ajar_strbuf_init(&report);
    int total = 0, failed = 0;
    const cJSON *tc;
    cJSON_ArrayForEach(tc, tests)
    {
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(tc, "name"));
        const char *tmpl = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(tc, "template"));
        const char *want = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(tc, "expected"));
        const cJSON *data = cJSON_GetObjectItemCaseSensitive(tc, "data");
        const cJSON *partials = cJSON_GetObjectItemCaseSensitive(tc, "partials");
        ck_assert_msg(name && tmpl && want, "%s: malformed test case", file);
        total++;

        ajar_tmpl_opts opts = {.escape = ajar_tmpl_escape_html, .partial = map_partial,
                               .partial_ud = (void *)partials};
        ajar_errors errs = {0};
        ajar_tmpl *t = NULL;
        ajar_strbuf got[2];
        ajar_strbuf_init(&got[0]);
        ajar_strbuf_init(&got[1]);
        ajar_status st = ajar_tmpl_compile(tmpl, strlen(tmpl), name, &t, &errs);
        for (int r = 0; r < 2 && st == AJAR_OK; r++)
            st = ajar_tmpl_render(t, data, partials ? &opts : NULL, &got[r], &errs);
        int ok = st == AJAR_OK && got[0].len == strlen(want) && got[1].len == got[0].len &&
                 memcmp(got[0].data ? got[0].data : "", want, got[0].len) == 0 &&
                 memcmp(got[1].data ? got[1].data : "", want, got[1].len) == 0;
        if (!ok) {
            failed++;
            ajar_strbuf_printf(&report, "  %s: \"%s\": ", file, name);
            if (st != AJAR_OK) {
                char *e = errs.count ? ajar_error_format(&errs.items[0]) : NULL;
                ajar_strbuf_printf(&report, "failed with status %d: %s\n", st, e ? e : "?");
                free(e);
            } else {
                ajar_strbuf_puts(&report, "expected ");
                put_visible(&report, want, strlen(want));
                ajar_strbuf_puts(&report, ", got ");
                put_visible(&report, got[0].data ? got[0].data : "", got[0].len);
                ajar_strbuf_putc(&report, '\n');
            }
        }
        ajar_strbuf_free(&got[0]);
        ajar_strbuf_free(&got[1]);
        ajar_errors_clear(&errs);
        ajar_tmpl_free(t);
    }
    char *msg = ajar_strbuf_take(&report);
    cJSON_Delete(spec);
    free(json);
    ck_assert_msg(total > 0, "%s has no test cases", file);
    ck_assert_msg(failed == 0, "%d of %d spec cases failed:\n%s", failed, total, msg);
    free(msg);
}
END_TEST

/* ---- rendering ----------------------------------------------------------------------- */

START_TEST(renders_utf8_text_and_values)
{
    ASSERT_RENDERS("Name: {{name}} — {{city}}\n{{#people}}* {{.}}\n{{/people}}",
                   "{\"name\": \"Zoë Ångström\", \"city\": \"Malmö\","
                   " \"people\": [\"李娜\", \"محمد عبد الله\", \"Zoë\"]}",
                   NULL, "Name: Zoë Ångström — Malmö\n* 李娜\n* محمد عبد الله\n* Zoë\n");
    ASSERT_RENDERS("مرحبا {{الاسم}}!", "{\"الاسم\": \"سلمى\"}", NULL, "مرحبا سلمى!");
    ASSERT_RENDERS("{{#名前}}{{姓.漢字}}{{/名前}}", "{\"名前\": true, \"姓\": {\"漢字\": \"李\"}}", NULL,
                   "李");
    /* Delimiters made of non-ASCII characters work too. */
    ASSERT_RENDERS("{{=«« »»=}}««x»» {{x}}", "{\"x\": \"Ø\"}", NULL, "Ø {{x}}");
}
END_TEST

START_TEST(keeps_nul_bytes_of_the_text)
{
    static const char text[] = "a\0{{x}}\0b";
    ajar_errors errs = {0};
    char *out;
    size_t n;
    ck_assert_int_eq(render_n(text, sizeof text - 1, "{\"x\": \"<>\"}", NULL, &out, &n, &errs),
                     AJAR_OK);
    ck_assert_uint_eq(n, 12);
    ck_assert_int_eq(memcmp(out, "a\0&lt;&gt;\0b", 12), 0);
    free(out);
    /* A NUL inside a tag name is refused rather than silently truncated. */
    assert_syntax_error("x\n{{a\0b}}", 9, 2, 1, "tag name \"a\\x00b\" contains a control character");
}
END_TEST

START_TEST(escapers)
{
    ajar_tmpl_opts none = {.escape = ajar_tmpl_escape_none};
    ASSERT_RENDERS("{{x}}|{{{x}}}", "{\"x\": \"<a href='x'>&amp;\\\"</a>\"}", &none,
                   "<a href='x'>&amp;\"</a>|<a href='x'>&amp;\"</a>");
    ASSERT_RENDERS("{{x}}|{{&x}}", "{\"x\": \"<a href='x'>&\\\"</a>\"}", NULL,
                   "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;|<a href='x'>&\"</a>");
    /* opts with a NULL escape still escape HTML. */
    ajar_tmpl_opts dflt = {.escape = NULL};
    ASSERT_RENDERS("{{x}}", "{\"x\": \"a&b\"}", &dflt, "a&amp;b");

    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_tmpl_escape_html(&b, "x\0<'", 4, NULL);
    ck_assert_uint_eq(b.len, 11);
    ck_assert_int_eq(memcmp(b.data, "x\0&lt;&#39;", 11), 0);
    ajar_strbuf_free(&b);
    ajar_tmpl_escape_none(&b, "x\0<'", 4, NULL);
    ck_assert_uint_eq(b.len, 4);
    ck_assert_int_eq(memcmp(b.data, "x\0<'", 4), 0);
    ajar_strbuf_free(&b);
}
END_TEST

/* An escaper that upper-cases ASCII letters, to see that numbers and
 * booleans go through the escaper too and that ud arrives. */
static void shout(ajar_strbuf *out, const char *s, size_t n, void *ud)
{
    ++*(int *)ud;
    for (size_t i = 0; i < n; i++)
        ajar_strbuf_putc(out, s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i]);
}

START_TEST(custom_escaper)
{
    int calls = 0;
    ajar_tmpl_opts o = {.escape = shout, .escape_ud = &calls};
    ASSERT_RENDERS("{{a}} {{b}} {{c}} {{{a}}}", "{\"a\": \"hi\", \"b\": true, \"c\": 2}", &o,
                   "HI TRUE 2 hi");
    ck_assert_int_eq(calls, 3);
}
END_TEST

START_TEST(numbers_and_other_values)
{
    ASSERT_RENDERS("{{#n}}[{{.}}]{{/n}}",
                   "{\"n\": [85, 1.21, -0.0, 1e20, 0.1, -2.5, 1e15, 123456789012, 1e-7, 3.0]}",
                   NULL, "[85][1.21][0][1e+20][0.1][-2.5][1000000000000000][123456789012][1e-07][3]");
    ASSERT_RENDERS("{{third}}", "{\"third\": 0.3333333333333333}", NULL, "0.33333333333333331");
    ASSERT_RENDERS("{{t}} {{f}} {{o}} {{a}} {{z}}|",
                   "{\"t\": true, \"f\": false, \"o\": {\"x\": 1}, \"a\": [1], \"z\": null}", NULL,
                   "true false   |");
}
END_TEST

START_TEST(truthiness)
{
    const char *tmpl = "{{#v}}yes{{/v}}{{^v}}no{{/v}}";
    static const struct {
        const char *json, *want;
    } cases[] = {
        {"{\"v\": \"\"}", "no"},        {"{\"v\": 0}", "no"},         {"{\"v\": false}", "no"},
        {"{\"v\": null}", "no"},        {"{}", "no"},                 {"{\"v\": []}", "no"},
        {"{\"v\": \"0\"}", "yes"},      {"{\"v\": \" \"}", "yes"},    {"{\"v\": -1}", "yes"},
        {"{\"v\": 0.5}", "yes"},        {"{\"v\": {}}", "yes"},       {"{\"v\": [false]}", "yes"},
        {"{\"v\": true}", "yes"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ASSERT_RENDERS(tmpl, cases[i].json, NULL, cases[i].want);
    /* A name found with a null value stops the lookup (no fallback to outer contexts). */
    ASSERT_RENDERS("{{#in}}[{{x}}]{{/in}}", "{\"x\": \"outer\", \"in\": {\"x\": null}}", NULL, "[]");
    /* NULL data is an empty context. */
    ASSERT_RENDERS("a{{x}}{{.}}{{#x}}b{{/x}}{{^x}}c{{/x}}", NULL, NULL, "ac");
}
END_TEST

START_TEST(compile_once_render_many)
{
    ajar_tmpl *t = NULL;
    ajar_errors errs = {0};
    const char *text = "{{#items}}{{name}}={{n}};{{/items}}";
    ck_assert_int_eq(ajar_tmpl_compile(text, strlen(text), "x", &t, &errs), AJAR_OK);
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    for (int r = 0; r < 50; r++) {
        char json[128];
        snprintf(json, sizeof json, "{\"items\": [{\"name\": \"a\", \"n\": %d}, {\"name\": \"b\", \"n\": %d}]}",
                 r, r * 2);
        cJSON *data = cJSON_Parse(json);
        ck_assert_int_eq(ajar_tmpl_render(t, data, NULL, &out, &errs), AJAR_OK);
        char want[64];
        snprintf(want, sizeof want, "a=%d;b=%d;", r, r * 2);
        ck_assert_str_eq(out.data, want);
        ajar_strbuf_free(&out);
        cJSON_Delete(data);
    }
    /* Output is appended to what the buffer holds. */
    ajar_strbuf_puts(&out, ">");
    ck_assert_int_eq(ajar_tmpl_render(t, NULL, NULL, &out, &errs), AJAR_OK);
    ck_assert_str_eq(out.data, ">");
    ajar_strbuf_free(&out);
    ajar_tmpl_free(t);
    ck_assert_uint_eq(errs.count, 0);

    /* An empty template, even from a NULL pointer. */
    ck_assert_int_eq(ajar_tmpl_compile(NULL, 0, NULL, &t, &errs), AJAR_OK);
    ck_assert_int_eq(ajar_tmpl_render(t, NULL, NULL, &out, &errs), AJAR_OK);
    ck_assert_uint_eq(out.len, 0);
    ajar_tmpl_free(t);
    ajar_tmpl_free(NULL);
}
END_TEST

START_TEST(usage_errors)
{
    ajar_errors errs = {0};
    ajar_tmpl *t = NULL;
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    ck_assert_int_eq(ajar_tmpl_compile(NULL, 3, "x", &t, &errs), AJAR_E_USAGE);
    ck_assert_int_eq(ajar_tmpl_compile("x", 1, "x", NULL, &errs), AJAR_E_USAGE);
    ck_assert_int_eq(ajar_tmpl_render(NULL, NULL, NULL, &out, &errs), AJAR_E_USAGE);
    ck_assert_int_eq(ajar_tmpl_compile("x", 1, "x", &t, NULL), AJAR_OK);
    ck_assert_int_eq(ajar_tmpl_render(t, NULL, NULL, NULL, NULL), AJAR_E_USAGE);
    ck_assert_uint_eq(errs.count, 3);
    ajar_tmpl_free(t);
    ajar_errors_clear(&errs);
    /* errs may be NULL for failures too. */
    ck_assert_int_eq(ajar_tmpl_compile("{{#a}}", 6, "x", &t, NULL), AJAR_E_SYNTAX);
}
END_TEST

/* ---- partials ------------------------------------------------------------------------- */

START_TEST(standalone_partials_nest_their_indentation)
{
    cJSON *p = cJSON_Parse("{\"item\": \"<li>\\n  {{>inner}}\\n</li>\\n\","
                           " \"inner\": \"{{x}}\\n{{#list}}{{.}}\\n{{/list}}end\\n\"}");
    ajar_tmpl_opts o = {.partial = map_partial, .partial_ud = p};
    ASSERT_RENDERS("<ul>\n  {{>item}}\n</ul>\n", "{\"x\": \"a\\nb\", \"list\": [1, 2]}", &o,
                   "<ul>\n  <li>\n    a\nb\n    1\n    2\n    end\n  </li>\n</ul>\n");
    /* Inside a list, each repetition of a standalone partial is indented. */
    ASSERT_RENDERS("{{#list}}\n\t{{>inner}}\n{{/list}}", "{\"x\": \"X\", \"list\": [1]}", &o,
                   "\tX\n\t1\n\tend\n");
    /* Not standalone: no indentation. */
    ASSERT_RENDERS("  {{>inner}}.", "{\"x\": \"X\"}", &o, "  X\nend\n.");
    cJSON_Delete(p);
}
END_TEST

START_TEST(inline_partials_can_hold_phrases)
{
    cJSON *p = cJSON_Parse("{\"pos\": \"the {{role}} role\\n\","
                           " \"sign\": \"— {{name}}\\n\"}");
    ajar_tmpl_opts o = {.partial = map_partial, .partial_ud = p, .trim_inline_partials = 1};
    const char *data = "{\"role\": \"Platform Engineer\", \"name\": \"Zoë\", \"l\": [1, 2]}";
    /* inside a sentence, the partial's line end is left out */
    ASSERT_RENDERS("Thank you for {{>pos}}.\n", data, &o, "Thank you for the Platform Engineer role.\n");
    ASSERT_RENDERS("For {{>pos}}\n", data, &o, "For the Platform Engineer role\n");
    /* a standalone partial is a block, as in the spec */
    ASSERT_RENDERS("Hi\n{{>sign}}\nBye\n", data, &o, "Hi\n— Zoë\nBye\n");
    /* the last thing in the template ends the text with its line end */
    ASSERT_RENDERS("Hi\n{{#l}}{{.}}\n{{/l}}{{>sign}}", data, &o, "Hi\n1\n2\n— Zoë\n");
    ASSERT_RENDERS("Yours, {{>sign}}", data, &o, "Yours, — Zoë\n");
    ASSERT_RENDERS("{{#l}}{{>sign}}{{/l}}", data, &o, "— Zoë\n— Zoë\n");
    /* without the option, the spec's behaviour */
    o.trim_inline_partials = 0;
    ASSERT_RENDERS("Thank you for {{>pos}}.\n", data, &o,
                   "Thank you for the Platform Engineer role\n.\n");
    cJSON_Delete(p);
}
END_TEST

/* Counts how often it is asked for a partial; only "p" exists. */
static char *counting_partial(const char *name, char **origin, void *ud)
{
    (void)origin;
    ++*(int *)ud;
    return strcmp(name, "p") == 0 ? strdup("<{{x}}>") : NULL;
}

START_TEST(partials_are_loaded_once_per_render)
{
    int calls = 0;
    ajar_tmpl_opts o = {.partial = counting_partial, .partial_ud = &calls};
    ASSERT_RENDERS("{{>p}}{{>q}}{{#l}}{{>p}}{{>q}}{{/l}}", "{\"x\": 1, \"l\": [{\"x\": 2}, {\"x\": 3}]}",
                   &o, "<1><2><3>");
    ck_assert_int_eq(calls, 2);
    /* No loader at all: partials render as nothing. */
    ASSERT_RENDERS("[{{>p}}]", "{}", NULL, "[]");
}
END_TEST

/* A partial that includes itself: "{{>self}}" loads "x{{>self}}". */
static char *self_partial(const char *name, char **origin, void *ud)
{
    (void)origin;
    (void)ud;
    return strcmp(name, "self") == 0 ? strdup("x\n  {{>self}}") : NULL;
}

START_TEST(partial_depth_is_limited)
{
    ajar_tmpl_opts o = {.partial = self_partial};
    ajar_tmpl *t = NULL;
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_tmpl_compile("a\n {{>self}}", 12, "main.mustache", &t, &errs), AJAR_OK);
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    ajar_strbuf_puts(&out, "kept");
    ck_assert_int_eq(ajar_tmpl_render(t, NULL, &o, &out, &errs), AJAR_E_INVALID);
    ck_assert_str_eq(out.data, "kept"); /* the partial output was taken back */
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].file, "self");
    ck_assert_int_eq(errs.items[0].line, 2);
    ck_assert_int_eq(errs.items[0].column, 3);
    ck_assert_str_eq(errs.items[0].message, "partial \"self\" is nested more than 64 levels deep "
                                            "(does it include itself without end?)");
    ajar_errors_clear(&errs);
    ajar_strbuf_free(&out);
    ajar_tmpl_free(t);
}
END_TEST

/* Builds {"content": "0", "nodes": [{"content": "1", "nodes": [...]}]} n deep. */
static cJSON *nested_nodes(int n)
{
    cJSON *root = NULL, *parent_nodes = NULL;
    for (int i = 0; i < n; i++) {
        cJSON *node = cJSON_CreateObject();
        cJSON_AddNumberToObject(node, "content", i % 10);
        cJSON *nodes = cJSON_AddArrayToObject(node, "nodes");
        if (parent_nodes)
            cJSON_AddItemToArray(parent_nodes, node);
        else
            root = node;
        parent_nodes = nodes;
    }
    return root;
}

START_TEST(recursive_partial_over_deep_data)
{
    cJSON *p = cJSON_Parse("{\"node\": \"{{content}}<{{#nodes}}{{>node}}{{/nodes}}>\"}");
    ajar_tmpl_opts o = {.partial = map_partial, .partial_ud = p};
    ajar_tmpl *t = NULL;
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_tmpl_compile("{{>node}}", 9, "main", &t, &errs), AJAR_OK);

    /* 64 levels of partials are fine... */
    cJSON *ok = nested_nodes(AJAR_TMPL_MAX_PARTIAL_DEPTH);
    ajar_strbuf out, want;
    ajar_strbuf_init(&out);
    ajar_strbuf_init(&want);
    ck_assert_int_eq(ajar_tmpl_render(t, ok, &o, &out, &errs), AJAR_OK);
    for (int i = 0; i < AJAR_TMPL_MAX_PARTIAL_DEPTH; i++)
        ajar_strbuf_printf(&want, "%d<", i % 10);
    for (int i = 0; i < AJAR_TMPL_MAX_PARTIAL_DEPTH; i++)
        ajar_strbuf_putc(&want, '>');
    ck_assert_str_eq(out.data, want.data);
    ajar_strbuf_free(&out);
    ajar_strbuf_free(&want);
    cJSON_Delete(ok);

    /* ...deeper data stops with an error, not a crash. */
    cJSON *deep = nested_nodes(5000);
    ck_assert_int_eq(ajar_tmpl_render(t, deep, &o, &out, &errs), AJAR_E_INVALID);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].file, "node");
    ck_assert_int_eq(errs.items[0].line, 1);
    ck_assert_int_eq(errs.items[0].column, 23);
    cJSON_Delete(deep);
    ajar_errors_clear(&errs);
    ajar_strbuf_free(&out);
    ajar_tmpl_free(t);
    cJSON_Delete(p);
}
END_TEST

START_TEST(deeply_nested_sections_fail_cleanly)
{
    enum { N = 20000 };
    ajar_strbuf text;
    ajar_strbuf_init(&text);
    for (int i = 0; i < N; i++)
        ajar_strbuf_puts(&text, "{{#a}}");
    ajar_strbuf_puts(&text, "x");
    for (int i = 0; i < N; i++)
        ajar_strbuf_puts(&text, "{{/a}}");
    ajar_tmpl *t = NULL;
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_tmpl_compile(text.data, text.len, "deep", &t, &errs), AJAR_OK);
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    cJSON *yes = cJSON_Parse("{\"a\": true}"), *no = cJSON_Parse("{\"a\": false}");
    ck_assert_int_eq(ajar_tmpl_render(t, yes, NULL, &out, &errs), AJAR_E_INVALID);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].message,
                     "sections and partials are nested more than 512 levels deep");
    ck_assert_int_eq(ajar_tmpl_render(t, no, NULL, &out, &errs), AJAR_OK);
    ck_assert_uint_eq(out.len, 0);
    cJSON_Delete(yes);
    cJSON_Delete(no);
    ajar_errors_clear(&errs);
    ajar_strbuf_free(&out);
    ajar_strbuf_free(&text);
    ajar_tmpl_free(t);
}
END_TEST

/* A partial that includes itself twice per level of data: 2^depth expansions. */
static char *twice_partial(const char *name, char **origin, void *ud)
{
    (void)name;
    (void)origin;
    (void)ud;
    return strdup("{{#n}}{{>p}}{{>p}}{{/n}}");
}

START_TEST(budget_stops_exponential_work)
{
    ajar_tmpl *t = NULL;
    ajar_errors errs = {0};
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    /* {"n": {"n": ... {"n": false}}}, 40 deep: within the depth limit. */
    cJSON *deep = cJSON_CreateObject(), *at = deep;
    for (int i = 0; i < 40; i++)
        at = cJSON_AddObjectToObject(at, "n");
    cJSON_AddFalseToObject(at, "n");
    ck_assert_int_eq(ajar_tmpl_compile("x\n {{>p}}", 10, "main", &t, &errs), AJAR_OK);
    ajar_tmpl_opts o = {.partial = twice_partial};
    ck_assert_int_eq(ajar_tmpl_render(t, deep, &o, &out, &errs), AJAR_E_INVALID);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].file, "p");
    ck_assert_str_eq(errs.items[0].message,
                     "rendering used up its budget of 67108864 (bytes written plus template parts "
                     "visited): does a section or partial repeat without end?");
    ajar_errors_clear(&errs);
    ajar_tmpl_free(t);
    cJSON_Delete(deep);

    /* Sections over lists: 10 items, 12 levels would write 10^12 bytes. */
    ajar_strbuf text;
    ajar_strbuf_init(&text);
    for (int i = 0; i < 12; i++)
        ajar_strbuf_puts(&text, "{{#l}}");
    ajar_strbuf_puts(&text, "{{.}}");
    for (int i = 0; i < 12; i++)
        ajar_strbuf_puts(&text, "{{/l}}");
    ck_assert_int_eq(ajar_tmpl_compile(text.data, text.len, "lists", &t, &errs), AJAR_OK);
    cJSON *data = cJSON_Parse("{\"l\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}");
    o.budget = 1000000;
    ck_assert_int_eq(ajar_tmpl_render(t, data, &o, &out, &errs), AJAR_E_INVALID);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_int_eq(errs.items[0].line, 1);
    ck_assert_int_eq(errs.items[0].column, 73);
    ajar_errors_clear(&errs);
    /* A budget that is just enough: the line start and the section, then
     * 10 visits of {{.}} writing 11 bytes. */
    ajar_tmpl_free(t);
    ck_assert_int_eq(ajar_tmpl_compile("{{#l}}{{.}}{{/l}}", 17, "lists", &t, &errs), AJAR_OK);
    o.budget = 2 + 10 + 11;
    ck_assert_int_eq(ajar_tmpl_render(t, data, &o, &out, &errs), AJAR_OK);
    ck_assert_str_eq(out.data, "12345678910");
    ajar_strbuf_free(&out);
    o.budget--;
    ck_assert_int_eq(ajar_tmpl_render(t, data, &o, &out, &errs), AJAR_E_INVALID);
    cJSON_Delete(data);
    ajar_errors_clear(&errs);
    ajar_strbuf_free(&out);
    ajar_strbuf_free(&text);
    ajar_tmpl_free(t);
}
END_TEST

START_TEST(errors_in_partials_name_their_origin)
{
    cJSON *p = cJSON_Parse("{\"card\": \"<b>\\n  {{#contacts}}\\n  é{{name}\\n\"}");
    ajar_tmpl_opts o = {.partial = map_partial_with_origin, .partial_ud = p};
    ajar_tmpl *t = NULL;
    ajar_errors errs = {0};
    const char *main_text = "x\n李 {{>card}}";
    ck_assert_int_eq(ajar_tmpl_compile(main_text, strlen(main_text), "main.mustache", &t, &errs),
                     AJAR_OK);
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    ck_assert_int_eq(ajar_tmpl_render(t, NULL, &o, &out, &errs), AJAR_E_SYNTAX);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_uint_eq(errs.count, 2);
    char *a = ajar_error_format(&errs.items[0]);
    char *b = ajar_error_format(&errs.items[1]);
    ck_assert_str_eq(a, "partials/card.mustache:3:4: unclosed tag: \"{{\" without a matching \"}}\"");
    ck_assert_str_eq(b, "main.mustache:2:3: in the partial \"card\" included here");
    free(a);
    free(b);
    ajar_errors_clear(&errs);
    ajar_strbuf_free(&out);
    ajar_tmpl_free(t);
    cJSON_Delete(p);
}
END_TEST

/* ---- syntax errors ---------------------------------------------------------------------- */

START_TEST(error_unclosed_section)
{
    ASSERT_SYNTAX("line one\nline two\n  é {{#contacts}}{{name}}\n", 3, 5,
                  "section \"contacts\" opened at line 3 column 5 is never closed");
    ASSERT_SYNTAX("{{=<% %>=}}\n\t李娜<%^ empty %>", 2, 4,
                  "inverted section \"empty\" opened at line 2 column 4 is never closed");

    /* Every section left open is reported, outermost first. */
    ajar_errors errs = {0};
    ajar_tmpl *t = NULL;
    const char *text = "{{#a}}\n{{#b}}{{/b}}\n {{#c}}";
    ck_assert_int_eq(ajar_tmpl_compile(text, strlen(text), "f", &t, &errs), AJAR_E_SYNTAX);
    ck_assert_uint_eq(errs.count, 2);
    ck_assert_str_eq(errs.items[0].message, "section \"a\" opened at line 1 column 1 is never closed");
    ck_assert_str_eq(errs.items[1].message, "section \"c\" opened at line 3 column 2 is never closed");
    char *s = ajar_error_format(&errs.items[1]);
    ck_assert_str_eq(s, "f:3:2: section \"c\" opened at line 3 column 2 is never closed");
    free(s);
    ajar_errors_clear(&errs);
}
END_TEST

START_TEST(error_mismatched_closing_tag)
{
    ASSERT_SYNTAX("{{#a}}\n{{/b}}", 2, 1,
                  "closing tag \"b\" does not match the open section \"a\" (line 1, column 1)");
    ASSERT_SYNTAX("x\n  {{#a}}\nمرحبا {{#b}}{{/a}}{{/b}}", 3, 13,
                  "closing tag \"a\" does not match the open section \"b\" (line 3, column 7)");
    ASSERT_SYNTAX("ok {{#a}}{{/a}}\n\n   {{/ a }}", 3, 4, "closing tag \"a\" has no open section");
}
END_TEST

START_TEST(error_unclosed_tag)
{
    ASSERT_SYNTAX("ab\n李娜 {{name", 2, 4, "unclosed tag: \"{{\" without a matching \"}}\"");
    ASSERT_SYNTAX("{{{name}}", 1, 1, "unclosed tag: \"{{{\" without a matching \"}}}\"");
    ASSERT_SYNTAX("{{=<% %>=}}\n <%name}}", 2, 2, "unclosed tag: \"<%\" without a matching \"%>\"");
    ASSERT_SYNTAX("{{! comment", 1, 1, "unclosed tag: \"{{!\" without a matching \"}}\"");
    ASSERT_SYNTAX("{{=<% %>}}", 1, 1, "unclosed tag: \"{{=\" without a matching \"=}}\"");
    ASSERT_SYNTAX("\n\n\r\n{{", 4, 1, "unclosed tag: \"{{\" without a matching \"}}\"");
}
END_TEST

START_TEST(error_bad_set_delimiters)
{
    const char *expect = "bad set-delimiter tag: expected two delimiters separated by whitespace, "
                         "as in {{=<% %>=}}";
    ASSERT_SYNTAX("x\n  {{=<% =}}", 2, 3, expect);
    ASSERT_SYNTAX("{{=a b c=}}", 1, 1, expect);
    ASSERT_SYNTAX("{{= =}}", 1, 1, expect);
    ASSERT_SYNTAX("Ünïcödé {{=a= b=}}", 1, 9, "bad set-delimiter tag: a delimiter may not contain \"=\"");
}
END_TEST

START_TEST(error_bad_names)
{
    ASSERT_SYNTAX("a {{}}", 1, 3, "tag has no name");
    ASSERT_SYNTAX("{{# }}{{/ }}", 1, 1, "tag has no name");
    ASSERT_SYNTAX("{{>}}", 1, 1, "tag has no name");
    ASSERT_SYNTAX("{{first name}}", 1, 1, "tag name \"first name\" contains whitespace");
    ASSERT_SYNTAX("{{a..b}}", 1, 1, "tag name \"a..b\" has an empty part between dots");
    ASSERT_SYNTAX("{{.a}}", 1, 1, "tag name \".a\" has an empty part between dots");
    ASSERT_SYNTAX("{{#a.}}{{/a.}}", 1, 1, "tag name \"a.\" has an empty part between dots");
    /* Odd bytes are shown escaped in messages. */
    ASSERT_SYNTAX("{{\"\\\xff\xc2\x85\x7f}}", 1, 1,
                  "tag name \"\\\"\\\\\\xFF\\xC2\\x85\\x7F\" contains a control character");
}
END_TEST

/* ---- garbage in, no crash ------------------------------------------------------------------ */

typedef struct rng {
    uint64_t s;
} rng;

static uint32_t next_rand(rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (uint32_t)(r->s >> 16);
}

/* Returns the random template stored in ud for every partial name. */
static char *garbage_partial(const char *name, char **origin, void *ud)
{
    if (name[0] == 'q')
        return NULL;
    if (name[0] == 'o')
        *origin = strdup("garbage-origin");
    return strdup((const char *)ud);
}

START_TEST(random_input_never_crashes)
{
    static const char *const pieces[] = {
        "{{", "}}", "{{{", "}}}", "#", "^", "/", ">", "!", "=", "&", "{", "}", "a", "b", "o", "q",
        ".", " ", "\t", "\n", "\r\n", "<%", "%>", "\xC3", "\xA9", "\xff", "\xe6\x9d\x8e",
        "{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{=<% %>=}}", "<%={{ }}=%>", "{{>p}}", "{{> o }}",
        "{{>q}}", "{{a.b}}", "{{.}}", "{{#.}}", "{{/.}}", "  {{#a}}\n", "{{/a}}\n", "{{! x }}",
    };
    enum { NPIECES = sizeof pieces / sizeof pieces[0] };
    cJSON *data = cJSON_Parse("{\"a\": [{\"b\": 1}, {\"a\": {\"b\": \"<x>\"}}, 2.5, \"s\", [true]],"
                              " \"b\": true, \"o\": {\"a\": false}}");
    rng r = {0x9E3779B97F4A7C15ull};
    for (int iter = 0; iter < 3000; iter++) {
        char buf[512];
        size_t len = 0;
        size_t want = next_rand(&r) % 200;
        while (len < want) {
            if (next_rand(&r) % 8 == 0) {
                buf[len++] = (char)(next_rand(&r) & 0xFF);
            } else {
                const char *p = pieces[next_rand(&r) % NPIECES];
                size_t n = strlen(p);
                if (len + n >= sizeof buf)
                    break;
                memcpy(buf + len, p, n);
                len += n;
            }
        }
        buf[len] = '\0';
        ajar_tmpl *t = NULL;
        ajar_errors errs = {0};
        ajar_status st = ajar_tmpl_compile(buf, len, iter % 2 ? "rnd" : NULL, &t, &errs);
        if (st == AJAR_OK) {
            ck_assert_uint_eq(errs.count, 0);
            /* Partials get the same text (so they recurse), small budget. */
            ajar_tmpl_opts o = {
                .partial = garbage_partial,
                .partial_ud = memchr(buf, '\0', len) ? (void *)"{{a}}{{>p}}" : (void *)buf,
                .budget = 100000,
            };
            ajar_strbuf out;
            ajar_strbuf_init(&out);
            st = ajar_tmpl_render(t, data, &o, &out, &errs);
            ck_assert(st == AJAR_OK ? errs.count == 0 : errs.count > 0);
            ajar_strbuf_free(&out);
            ajar_errors_clear(&errs);
            o.partial = NULL;
            (void)ajar_tmpl_render(t, NULL, &o, &out, &errs);
            ajar_strbuf_free(&out);
        } else {
            ck_assert_ptr_null(t);
            ck_assert_uint_gt(errs.count, 0);
            for (size_t k = 0; k < errs.count; k++) {
                ck_assert_int_ge(errs.items[k].line, 1);
                ck_assert_int_ge(errs.items[k].column, 1);
                char *s = ajar_error_format(&errs.items[k]);
                ck_assert_ptr_nonnull(s);
                free(s);
            }
        }
        ajar_errors_clear(&errs);
        ajar_tmpl_free(t);
    }
    cJSON_Delete(data);
}
END_TEST

Suite *tmpl_suite(void)
{
    Suite *s = suite_create("tmpl");

    TCase *spec = tcase_create("spec");
    tcase_add_loop_test(spec, spec_file, 0, (int)(sizeof spec_files / sizeof spec_files[0]));
    suite_add_tcase(s, spec);

    TCase *render = tcase_create("render");
    tcase_add_test(render, renders_utf8_text_and_values);
    tcase_add_test(render, keeps_nul_bytes_of_the_text);
    tcase_add_test(render, escapers);
    tcase_add_test(render, custom_escaper);
    tcase_add_test(render, numbers_and_other_values);
    tcase_add_test(render, truthiness);
    tcase_add_test(render, compile_once_render_many);
    tcase_add_test(render, usage_errors);
    suite_add_tcase(s, render);

    TCase *partials = tcase_create("partials");
    tcase_add_test(partials, standalone_partials_nest_their_indentation);
    tcase_add_test(partials, inline_partials_can_hold_phrases);
    tcase_add_test(partials, partials_are_loaded_once_per_render);
    tcase_add_test(partials, partial_depth_is_limited);
    tcase_add_test(partials, recursive_partial_over_deep_data);
    tcase_add_test(partials, deeply_nested_sections_fail_cleanly);
    tcase_add_test(partials, errors_in_partials_name_their_origin);
    tcase_add_test(partials, budget_stops_exponential_work);
    tcase_set_timeout(partials, 30);
    suite_add_tcase(s, partials);

    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, error_unclosed_section);
    tcase_add_test(errors, error_mismatched_closing_tag);
    tcase_add_test(errors, error_unclosed_tag);
    tcase_add_test(errors, error_bad_set_delimiters);
    tcase_add_test(errors, error_bad_names);
    suite_add_tcase(s, errors);

    TCase *fuzz = tcase_create("garbage");
    tcase_add_test(fuzz, random_input_never_crashes);
    tcase_set_timeout(fuzz, 60);
    suite_add_tcase(s, fuzz);
    return s;
}
