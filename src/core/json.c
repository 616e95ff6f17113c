/* json.c — strict JSON reading and stable, human-friendly JSON writing on top of cJSON. */
#include "ajar/json.h"

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"
#include "ajar/utf8.h"

void ajar_json_position(const char *text, size_t offset, int *line, int *column)
{
    int l = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            l++;
            line_start = i + 1;
        }
    }
    *line = l;
    *column = (int)ajar_utf8_count(text + line_start, offset - line_start) + 1;
}

static ajar_status syntax_at(ajar_errors *errs, const char *origin, const char *text,
                             size_t offset, const char *msg)
{
    int line, col;
    ajar_json_position(text, offset, &line, &col);
    return ajar_errors_add(errs, AJAR_E_SYNTAX, origin, NULL, line, col, 0, "%s", msg);
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The checks cJSON does not make, done on the raw text before it parses:
 * NUL bytes, UTF-8, control characters and \u0000 in strings, and depth.
 * Anything else malformed is left for cJSON to report. */
static ajar_status prescan(const char *text, size_t len, const char *origin, ajar_errors *errs)
{
    const char *nul = memchr(text, '\0', len);
    if (nul)
        return syntax_at(errs, origin, text, (size_t)(nul - text),
                         "contains a NUL byte; a draft is UTF-8 text");
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        return syntax_at(errs, origin, text, 0,
                         "the file starts with a byte-order mark; save it as UTF-8 without one");
    size_t bad;
    if (!ajar_utf8_valid(text, len, &bad))
        return syntax_at(errs, origin, text, bad, "invalid UTF-8; a draft must be UTF-8 text");
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '"') {
            for (i++; i < len && text[i] != '"'; i++) {
                unsigned char s = (unsigned char)text[i];
                if (s >= 0x20 && s != '\\')
                    continue; /* the common case */
                if (s < 0x20)
                    return syntax_at(errs, origin, text, i,
                                     "control character inside a string (write it as an escape such as \\n)");
                if (s == '\\') {
                    if (i + 1 < len && text[i + 1] == 'u' && i + 5 < len && is_hex(text[i + 2]) &&
                        is_hex(text[i + 3]) && is_hex(text[i + 4]) && is_hex(text[i + 5]) &&
                        strncmp(text + i + 2, "0000", 4) == 0)
                        return syntax_at(errs, origin, text, i,
                                         "the escape \\u0000 (a NUL character) is not allowed");
                    i++; /* skip the escaped character; cJSON checks the escape itself */
                }
            }
            if (i >= len)
                break; /* unterminated: cJSON reports it */
        } else if (c == '[' || c == '{') {
            if (++depth > AJAR_JSON_MAX_DEPTH) {
                char msg[96];
                snprintf(msg, sizeof msg, "nested deeper than %d levels", AJAR_JSON_MAX_DEPTH);
                return syntax_at(errs, origin, text, i, msg);
            }
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return AJAR_OK;
}

/* ---- locating syntax errors ---------------------------------------------------- */

/* A minimal RFC 8259 reader used only after cJSON refused a document, to say
 * where and why. Depth is already bounded by prescan(). */
typedef struct reader {
    const char *s;
    size_t len, pos;
    const char *why;
} reader;

static void skip_ws(reader *r)
{
    while (r->pos < r->len) {
        char c = r->s[r->pos];
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r')
            break;
        r->pos++;
    }
}

static int fail_at(reader *r, const char *why)
{
    r->why = why;
    return 0;
}

static int read_value(reader *r);

/* The value of the escape \\uXXXX at r->s[at], or -1 when its four
 * hexadecimal digits are not all there. */
static long hex4(const reader *r, size_t at)
{
    long v = 0;
    for (size_t k = 2; k < 6; k++) {
        if (at + k >= r->len || !is_hex(r->s[at + k]))
            return -1;
        char c = r->s[at + k];
        v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

static int read_string(reader *r)
{
    r->pos++; /* the opening quote */
    while (r->pos < r->len) {
        /* up to the next quote or backslash in one call (the text holds no NUL:
         * prescan refused it, and text[len] is one) */
        r->pos += strcspn(r->s + r->pos, "\"\\");
        if (r->pos >= r->len)
            break;
        char c = r->s[r->pos];
        if (c == '"') {
            r->pos++;
            return 1;
        }
        if (c == '\\') {
            char e = r->pos + 1 < r->len ? r->s[r->pos + 1] : '\0';
            if (e == 'u') {
                long cp = hex4(r, r->pos);
                if (cp < 0)
                    return fail_at(r, "\\u must be followed by four hexadecimal digits");
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail_at(r, "a \\uDC00-\\uDFFF escape is the second half of a UTF-16 "
                                      "surrogate pair and cannot stand alone");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    long lo = r->pos + 7 < r->len && r->s[r->pos + 6] == '\\' &&
                                      r->s[r->pos + 7] == 'u'
                                  ? hex4(r, r->pos + 6)
                                  : -1;
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return fail_at(r, "a \\uD800-\\uDBFF escape must be followed by a "
                                          "\\uDC00-\\uDFFF one (a UTF-16 surrogate pair)");
                    r->pos += 6;
                }
                r->pos += 6;
                continue;
            }
            if (!e || !strchr("\"\\/bfnrt", e))
                return fail_at(r, "unknown escape in a string (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
            r->pos += 2;
            continue;
        }
        r->pos++;
    }
    return fail_at(r, "the file ends inside a string (a missing closing quote?)");
}

static int read_number(reader *r)
{
    size_t p = r->pos;
    if (p < r->len && r->s[p] == '-')
        p++;
    if (p >= r->len || !isdigit((unsigned char)r->s[p])) {
        r->pos = p;
        return fail_at(r, "expected a digit");
    }
    if (r->s[p] == '0' && p + 1 < r->len && isdigit((unsigned char)r->s[p + 1])) {
        r->pos = p + 1;
        return fail_at(r, "numbers may not have leading zeros");
    }
    while (p < r->len && isdigit((unsigned char)r->s[p]))
        p++;
    if (p < r->len && r->s[p] == '.') {
        p++;
        if (p >= r->len || !isdigit((unsigned char)r->s[p])) {
            r->pos = p;
            return fail_at(r, "expected a digit after the decimal point");
        }
        while (p < r->len && isdigit((unsigned char)r->s[p]))
            p++;
    }
    if (p < r->len && (r->s[p] == 'e' || r->s[p] == 'E')) {
        p++;
        if (p < r->len && (r->s[p] == '+' || r->s[p] == '-'))
            p++;
        if (p >= r->len || !isdigit((unsigned char)r->s[p])) {
            r->pos = p;
            return fail_at(r, "expected a digit in the exponent");
        }
        while (p < r->len && isdigit((unsigned char)r->s[p]))
            p++;
    }
    r->pos = p;
    return 1;
}

static int read_word(reader *r, const char *word)
{
    size_t n = strlen(word);
    if (r->len - r->pos >= n && memcmp(r->s + r->pos, word, n) == 0) {
        r->pos += n;
        return 1;
    }
    return fail_at(r, "expected a value (a string in double quotes, a number, true, false, null, [ or {)");
}

static int read_container(reader *r, char close)
{
    int obj = close == '}';
    r->pos++;
    skip_ws(r);
    if (r->pos < r->len && r->s[r->pos] == close) {
        r->pos++;
        return 1;
    }
    for (;;) {
        skip_ws(r);
        if (r->pos >= r->len)
            return fail_at(r, obj ? "the file ends inside an object (a missing '}'?)"
                                  : "the file ends inside an array (a missing ']'?)");
        if (obj) {
            if (r->s[r->pos] != '"')
                return fail_at(r, r->s[r->pos] == '}'
                                      ? "a comma before '}' (JSON allows no trailing comma)"
                                      : "expected a member name in double quotes");
            if (!read_string(r))
                return 0;
            skip_ws(r);
            if (r->pos >= r->len || r->s[r->pos] != ':')
                return fail_at(r, r->pos >= r->len ? "the file ends inside an object (a missing '}'?)"
                                                   : "expected ':' after the member name");
            r->pos++;
            skip_ws(r);
        } else if (r->s[r->pos] == ']') {
            return fail_at(r, "a comma before ']' (JSON allows no trailing comma)");
        }
        if (!read_value(r))
            return 0;
        skip_ws(r);
        if (r->pos >= r->len)
            return fail_at(r, obj ? "the file ends inside an object (a missing '}'?)"
                                  : "the file ends inside an array (a missing ']'?)");
        if (r->s[r->pos] == close) {
            r->pos++;
            return 1;
        }
        if (r->s[r->pos] != ',')
            return fail_at(r, obj ? "expected ',' or '}' after a member"
                                  : "expected ',' or ']' after an item");
        r->pos++;
    }
}

static int read_value(reader *r)
{
    skip_ws(r);
    if (r->pos >= r->len)
        return fail_at(r, "the file ends where a value should be");
    switch (r->s[r->pos]) {
    case '{': return read_container(r, '}');
    case '[': return read_container(r, ']');
    case '"': return read_string(r);
    case 't': return read_word(r, "true");
    case 'f': return read_word(r, "false");
    case 'n': return read_word(r, "null");
    default:
        if (r->s[r->pos] == '-' || isdigit((unsigned char)r->s[r->pos]))
            return read_number(r);
        return fail_at(r, "expected a value (a string in double quotes, a number, true, false, null, [ or {)");
    }
}

/* Returns why text[0..len) is not one JSON value and stores the offset of
 * the culprit in *at, or NULL when this reader finds nothing wrong. */
static const char *locate_syntax_error(const char *text, size_t len, size_t *at)
{
    reader r = {text, len, 0, NULL};
    if (read_value(&r)) {
        skip_ws(&r);
        if (r.pos >= len)
            return NULL;
        r.why = "unexpected text after the end of the JSON value";
    }
    *at = r.pos;
    return r.why;
}

char *ajar_json_path_key(const char *prefix, const char *key)
{
    if (!prefix || !*prefix)
        return strdup(key);
    return ajar_asprintf("%s.%s", prefix, key);
}

char *ajar_json_path_index(const char *prefix, size_t index)
{
    return ajar_asprintf("%s[%zu]", prefix ? prefix : "", index);
}

static int cmp_member_names(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    return strcmp(x->string, y->string);
}

/* Finds a duplicate key or a non-finite number anywhere below v and reports
 * it with its field path. Sorting the members keeps this O(n log n) even for
 * hostile objects with many keys. */
/* Where a value sits in the tree, as a chain to the root: the field path
 * is only spelled out when an error needs it. */
typedef struct tree_at {
    const struct tree_at *parent;
    const char *key; /* member name, or NULL for an array item */
    size_t index;
} tree_at;

/* The field path of `at` ("contacts[2].name"), or NULL when memory runs out. */
static char *path_of(const tree_at *at)
{
    if (!at || !at->parent)
        return strdup("");
    char *up = path_of(at->parent);
    char *p = !up ? NULL
              : at->key ? ajar_json_path_key(up, at->key)
                        : ajar_json_path_index(up, at->index);
    free(up);
    return p;
}

static ajar_status tree_error(ajar_errors *errs, const char *origin, const tree_at *at,
                              const char *fmt, const char *arg)
{
    char *p = path_of(at);
    ajar_status st = ajar_errors_add(errs, AJAR_E_INVALID, origin, p && p[0] ? p : NULL, 0, 0, 0,
                                     fmt, arg);
    free(p);
    return st;
}

static ajar_status check_tree(const cJSON *v, const tree_at *at, const char *origin,
                              ajar_errors *errs)
{
    if (cJSON_IsNumber(v) && !isfinite(v->valuedouble))
        return tree_error(errs, origin, at, "number is too large%s", "");
    if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
        return AJAR_OK;
    size_t n = 0;
    for (const cJSON *c = v->child; c; c = c->next)
        n++;
    if (cJSON_IsObject(v) && n > 1) {
        /* few members: compare each pair; many: sort copies of the names */
        const cJSON *dup = NULL;
        if (n <= 16) {
            for (const cJSON *c = v->child; c && !dup; c = c->next)
                for (const cJSON *d = c->next; d && !dup; d = d->next)
                    if (strcmp(c->string, d->string) == 0)
                        dup = d;
        } else {
            const cJSON **members = malloc(n * sizeof *members);
            if (!members)
                return ajar_errors_add(errs, AJAR_E_NOMEM, origin, NULL, 0, 0, 0, "out of memory");
            size_t i = 0;
            for (const cJSON *c = v->child; c; c = c->next)
                members[i++] = c;
            qsort(members, n, sizeof *members, cmp_member_names);
            for (i = 1; i < n && !dup; i++)
                if (strcmp(members[i]->string, members[i - 1]->string) == 0)
                    dup = members[i];
            free(members);
        }
        if (dup) {
            tree_at here = {at, dup->string, 0};
            return tree_error(errs, origin, &here,
                              "the key \"%s\" appears more than once in the same object",
                              dup->string);
        }
    }
    size_t index = 0;
    for (const cJSON *c = v->child; c; c = c->next, index++) {
        tree_at here = {at, cJSON_IsObject(v) ? c->string : NULL, index};
        ajar_status st = check_tree(c, &here, origin, errs);
        if (st != AJAR_OK)
            return st;
    }
    return AJAR_OK;
}

ajar_status ajar_json_parse(const char *text, size_t len, const char *origin, cJSON **out,
                            ajar_errors *errs)
{
    *out = NULL;
    ajar_status st = prescan(text, len, origin, errs);
    if (st != AJAR_OK)
        return st;
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        i++;
    if (i == len)
        return syntax_at(errs, origin, text, len, "the file is empty; expected a JSON object");
    /* cJSON accepts some things RFC 8259 does not (leading zeros, "1.",
     * bad \u escapes) and reports positions loosely, so our own reader
     * checks the syntax first and says exactly where and why. */
    size_t at;
    const char *why = locate_syntax_error(text, len, &at);
    if (why)
        return syntax_at(errs, origin, text, at, why);
    /* cJSON wants the terminating NUL inside the length when it must find
     * nothing after the value; text[len] is that NUL. */
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (!root) {
        at = (end && end >= text && end <= text + len) ? (size_t)(end - text) : len;
        return syntax_at(errs, origin, text, at, "not valid JSON");
    }
    tree_at top = {NULL, NULL, 0};
    st = check_tree(root, &top, origin, errs);
    if (st != AJAR_OK) {
        cJSON_Delete(root);
        return st;
    }
    *out = root;
    return AJAR_OK;
}

/* ---- writing -------------------------------------------------------------- */

static void put_number(ajar_strbuf *b, double d)
{
    if (!isfinite(d)) {
        ajar_strbuf_puts(b, "null");
        return;
    }
    if (d == floor(d) && fabs(d) < 9007199254740992.0) {
        /* whole numbers by hand: exact below 2^53, and no printf per number */
        long long n = (long long)d;
        char digits[24];
        size_t k = sizeof digits;
        unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
        do {
            digits[--k] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (n < 0)
            digits[--k] = '-';
        ajar_strbuf_append(b, digits + k, sizeof digits - k);
        return;
    }
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    /* JSON wants '.', whatever decimal point the C library's locale uses. */
    const char *point = localeconv()->decimal_point;
    char *at = (point && *point && strcmp(point, ".") != 0) ? strstr(buf, point) : NULL;
    if (at) {
        size_t pl = strlen(point);
        *at = '.';
        memmove(at + 1, at + pl, strlen(at + pl) + 1);
    }
    ajar_strbuf_puts(b, buf);
}

/* Bytes a JSON string cannot hold as they are: controls, DEL, '"' and '\\'. */
static const unsigned char ESCAPED[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
    [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1,  ['\\'] = 1, [0x7f] = 1,
};

static void put_string(ajar_strbuf *b, const char *s)
{
    ajar_strbuf_putc(b, '"');
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!ESCAPED[c])
            continue; /* the common case: part of the run copied at once */
        const char *esc = NULL;
        char hex[8];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                snprintf(hex, sizeof hex, "\\u%04x", c);
                esc = hex;
            }
        }
        if (esc) {
            ajar_strbuf_append(b, run, (size_t)(p - run));
            ajar_strbuf_puts(b, esc);
            run = p + 1;
        }
    }
    ajar_strbuf_puts(b, run);
    ajar_strbuf_putc(b, '"');
}

static void indent(ajar_strbuf *b, int depth)
{
    static const char SPACES[] = "                                "; /* 16 levels */
    while (depth > 0) {
        int n = depth > 16 ? 16 : depth;
        ajar_strbuf_append(b, SPACES, (size_t)n * 2);
        depth -= n;
    }
}

static void put_value(ajar_strbuf *b, const cJSON *v, int depth, int pretty)
{
    if (cJSON_IsNull(v)) {
        ajar_strbuf_puts(b, "null");
    } else if (cJSON_IsTrue(v)) {
        ajar_strbuf_puts(b, "true");
    } else if (cJSON_IsFalse(v)) {
        ajar_strbuf_puts(b, "false");
    } else if (cJSON_IsNumber(v)) {
        put_number(b, v->valuedouble);
    } else if (cJSON_IsString(v)) {
        put_string(b, v->valuestring ? v->valuestring : "");
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        int obj = cJSON_IsObject(v);
        ajar_strbuf_putc(b, obj ? '{' : '[');
        if (!v->child) {
            ajar_strbuf_putc(b, obj ? '}' : ']');
            return;
        }
        /* Short arrays of scalars stay on one line: [3, 6, 12]. */
        int inline_list = !obj;
        for (const cJSON *c = v->child; c && inline_list; c = c->next)
            inline_list = !(cJSON_IsArray(c) || cJSON_IsObject(c) || cJSON_IsString(c));
        for (const cJSON *c = v->child; c; c = c->next) {
            if (pretty && !inline_list) {
                ajar_strbuf_putc(b, '\n');
                indent(b, depth + 1);
            }
            if (obj) {
                put_string(b, c->string ? c->string : "");
                ajar_strbuf_append(b, ": ", pretty ? 2 : 1);
            }
            put_value(b, c, depth + 1, pretty);
            if (c->next)
                ajar_strbuf_append(b, ", ", pretty && inline_list ? 2 : 1);
        }
        if (pretty && !inline_list) {
            ajar_strbuf_putc(b, '\n');
            indent(b, depth);
        }
        ajar_strbuf_putc(b, obj ? '}' : ']');
    } else {
        ajar_strbuf_puts(b, "null"); /* raw or invalid items never come from the parser */
    }
}

char *ajar_json_print(const cJSON *v)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    put_value(&b, v, 0, 1);
    ajar_strbuf_putc(&b, '\n');
    return ajar_strbuf_take(&b);
}

char *ajar_json_print_compact(const cJSON *v)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    put_value(&b, v, 0, 0);
    return ajar_strbuf_take(&b);
}
