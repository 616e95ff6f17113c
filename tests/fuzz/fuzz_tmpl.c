/* fuzz_tmpl.c — libFuzzer target: the Mustache engine on arbitrary templates and partials.
 *
 * The input is a template; if it holds a NUL byte, what follows the first
 * one (up to the next) is the text of every partial. The partial "self" is
 * the template itself (recursion, bounded by the depth limit and the
 * budget), "none" does not exist, and without a NUL any other partial is
 * "[{{.}}]". A partial whose name starts with "o" names a file as its origin. The template is
 * compiled, then rendered against a fixed JSON value with each escaper (none,
 * HTML, Markdown) and both settings of trim_inline_partials, with a small
 * budget. Invariants: no crash, no hang (libFuzzer's -timeout), the budget
 * bounds the output, a failed render leaves the output exactly as it was, a
 * render is deterministic, and errors name where they happened. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/json.h"
#include "ajar/render.h"
#include "ajar/strbuf.h"
#include "ajar/tmpl.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BUDGET ((size_t)256 * 1024)

static const char DATA[] =
    "{\"name\":\"Ana <b>&amp;\\\"'\",\"empty\":\"\",\"zero\":0,\"one\":1,\"pi\":3.14159,"
    "\"big\":1e300,\"neg\":-0.5,\"t\":true,\"f\":false,\"nil\":null,"
    "\"list\":[1,2,3,4,5,6,7,8,9,10],\"none\":[],"
    "\"people\":[{\"name\":\"Tomás\",\"first\":\"Tomás\",\"tags\":[\"a\",\"b\"]},"
    "{\"name\":\"李娜\",\"first\":\"李娜\",\"tags\":[]},{\"name\":\"\"}],"
    "\"a\":{\"b\":{\"c\":{\"d\":\"deep\",\"list\":[[1,[2,[3]]]]}}},"
    "\"md\":\"# *not* _a_ [link](x) <tag> | ~ \\\\\",\"text\":\"line one\\nline two\\n\\tindented\","
    "\"nested\":{\"nested\":{\"nested\":{\"nested\":{\"x\":1}}}},\"self\":{\"self\":{\"self\":{}}}}";

typedef struct partials {
    const char *tmpl, *part;
    size_t tmpl_len, part_len;
    int has_part, asked;
} partials;

static char *load_partial(const char *name, char **origin, void *ud)
{
    partials *p = ud;
    p->asked++;
    const char *src = "[{{.}}]";
    size_t len = 7;
    if (strcmp(name, "none") == 0)
        return NULL;
    if (strcmp(name, "self") != 0 && p->has_part) {
        src = p->part;
        len = p->part_len;
    } else if (strcmp(name, "self") == 0) {
        src = p->tmpl;
        len = strnlen(p->tmpl, p->tmpl_len); /* a partial's text ends at a NUL */
    }
    char *s = malloc(len + 1);
    if (!s)
        return NULL;
    memcpy(s, src, len);
    s[len] = '\0';
    if (name[0] == 'o')
        *origin = strdup("partials/o.mustache");
    return s;
}

static const char PREFIX[] = "prefix:";

/* Renders t into a buffer holding PREFIX and checks the result; returns
 * the buffer (its text, or NULL after a failed render) for comparison. */
static char *render_checked(const ajar_tmpl *t, const cJSON *data, const ajar_tmpl_opts *opts,
                            size_t *len)
{
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    ajar_strbuf_puts(&out, PREFIX);
    ajar_errors errs = {0};
    ajar_status st = ajar_tmpl_render(t, data, opts, &out, &errs);
    FUZZ_ASSERT(!out.failed, "the output ran out of memory");
    fuzz_errors_safe(&errs);
    FUZZ_ASSERT(out.data && out.len >= sizeof PREFIX - 1 &&
                    memcmp(out.data, PREFIX, sizeof PREFIX - 1) == 0,
                "the render overwrote what the output held");
    if (st == AJAR_OK) {
        FUZZ_ASSERT(errs.count == 0, "AJAR_OK with errors");
        /* Bytes written count against the budget (with some slack for the
         * piece that crossed it). */
        FUZZ_ASSERT(out.len - (sizeof PREFIX - 1) <= BUDGET + 64 * 1024,
                    "the output exceeds the budget");
    } else {
        FUZZ_ASSERT(errs.count > 0, "a failed render gave no error");
        FUZZ_ASSERT(out.len == sizeof PREFIX - 1, "a failed render changed the output");
    }
    ajar_errors_clear(&errs);
    *len = out.len;
    if (st != AJAR_OK) {
        ajar_strbuf_free(&out);
        return NULL;
    }
    return out.data;
}

static void render_twice(const ajar_tmpl *t, const cJSON *data, partials *p,
                         ajar_tmpl_escape_fn esc, int trim)
{
    ajar_tmpl_opts opts = {.escape = esc, .partial = load_partial, .partial_ud = p,
                           .budget = BUDGET, .trim_inline_partials = trim};
    size_t n1, n2;
    char *a = render_checked(t, data, &opts, &n1);
    char *b = render_checked(t, data, &opts, &n2);
    FUZZ_ASSERT((a == NULL) == (b == NULL), "one render failed, the same one again did not");
    FUZZ_ASSERT(n1 == n2 && (!a || memcmp(a, b, n1) == 0), "two renders of the same template differ");
    free(a);
    free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cJSON *json;
    if (!json) {
        ajar_errors errs = {0};
        FUZZ_ASSERT(ajar_json_parse(DATA, sizeof DATA - 1, "data", &json, &errs) == AJAR_OK,
                    "the fixed data does not parse");
    }
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    partials p = {text, nul ? nul + 1 : "", size, nul ? size - (size_t)(nul + 1 - text) : 0,
                  nul != NULL, 0};
    /* The part after the NUL must itself be NUL-free to be a partial. */
    p.part_len = strnlen(p.part, p.part_len);

    ajar_tmpl *t = NULL;
    ajar_errors errs = {0};
    ajar_status st = ajar_tmpl_compile(text, size, "fuzz.mustache", &t, &errs);
    fuzz_errors_safe(&errs);
    if (st != AJAR_OK) {
        FUZZ_ASSERT(!t, "a failed compile returned a template");
        FUZZ_ASSERT(errs.count > 0, "a failed compile gave no error");
        FUZZ_ASSERT(errs.items[0].line >= 1 && errs.items[0].column >= 1,
                    "a syntax error without its line and column");
        ajar_errors_clear(&errs);
        return 0;
    }
    ajar_errors_clear(&errs);
    static const ajar_tmpl_escape_fn ESC[] = {ajar_tmpl_escape_none, ajar_tmpl_escape_html,
                                              ajar_render_escape_md};
    /* The escaper and trimming vary with the input's length, so every
     * combination is tried over a run without multiplying the cost. */
    render_twice(t, json, &p, ESC[size % 3], (int)(size / 3 % 2));
    render_twice(t, NULL, &p, NULL, 0);
    ajar_tmpl_free(t);
    return 0;
}
