/* json_read.c — strict JSON reading: one pass checks RFC 8259 and ajar's rules and builds the cJSON tree. */
#include "ajar/json.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/utf8.h"

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

/* No offset yet. */
#define NO_OFFSET SIZE_MAX

static const char MSG_NUL[] = "contains a NUL byte; a draft is UTF-8 text";
static const char MSG_BOM[] =
    "the file starts with a byte-order mark; save it as UTF-8 without one";
static const char MSG_UTF8[] = "invalid UTF-8; a draft must be UTF-8 text";
static const char MSG_CONTROL[] =
    "control character inside a string (write it as an escape such as \\n)";
static const char MSG_NUL_ESCAPE[] = "the escape \\u0000 (a NUL character) is not allowed";
static const char MSG_TOO_DEEP[] = "nested deeper than " STRINGIFY(AJAR_JSON_MAX_DEPTH) " levels";
static const char MSG_EMPTY[] = "the file is empty; expected a JSON object";
static const char MSG_VALUE[] =
    "expected a value (a string in double quotes, a number, true, false, null, [ or {)";
static const char MSG_IN_OBJECT[] = "the file ends inside an object (a missing '}'?)";
static const char MSG_IN_ARRAY[] = "the file ends inside an array (a missing ']'?)";
static const char MSG_IN_STRING[] = "the file ends inside a string (a missing closing quote?)";

static ajar_status syntax_at(ajar_errors *errs, const char *origin, const char *text,
                             size_t offset, const char *msg)
{
    int line, col;
    ajar_json_position(text, offset, &line, &col);
    return ajar_errors_add(errs, AJAR_E_SYNTAX, origin, NULL, line, col, 0, "%s", msg);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The value of the four hexadecimal digits at h, or -1 when they are not
 * all there (it stops at the first other byte, so never reads past a NUL). */
static long hex4(const char *h)
{
    long v = 0;
    for (int k = 0; k < 4; k++) {
        int d = hex_digit(h[k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* ---- which error comes first ---------------------------------------------------- */

/* Problems with the text as a whole, named before any syntax error even when
 * they come later in the file: NUL bytes, a byte-order mark, invalid UTF-8,
 * then, in the order of the text, control characters and \u0000 in strings
 * and nesting too deep. Runs only after reading failed, to say why. */
static ajar_status prescan(const char *text, size_t len, const char *origin, ajar_errors *errs)
{
    const char *nul = memchr(text, '\0', len);
    if (nul)
        return syntax_at(errs, origin, text, (size_t)(nul - text), MSG_NUL);
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        return syntax_at(errs, origin, text, 0, MSG_BOM);
    size_t bad;
    if (!ajar_utf8_valid(text, len, &bad))
        return syntax_at(errs, origin, text, bad, MSG_UTF8);
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '"') {
            for (i++; i < len && text[i] != '"'; i++) {
                unsigned char s = (unsigned char)text[i];
                if (s >= 0x20 && s != '\\')
                    continue; /* the common case */
                if (s < 0x20)
                    return syntax_at(errs, origin, text, i, MSG_CONTROL);
                if (text[i + 1] == 'u' && hex4(text + i + 2) == 0)
                    return syntax_at(errs, origin, text, i, MSG_NUL_ESCAPE);
                i++; /* skip the escaped character */
            }
            if (i >= len)
                break;
        } else if (c == '[' || c == '{') {
            if (++depth > AJAR_JSON_MAX_DEPTH)
                return syntax_at(errs, origin, text, i, MSG_TOO_DEEP);
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return AJAR_OK;
}

/* ---- where a value sits -------------------------------------------------------------- */

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

/* ---- the reader ---------------------------------------------------------------- */

/* A duplicate key or a non-finite number: reading goes on (a syntax error
 * later in the text is named first), and the one named is the first in
 * the tree's pre-order, i.e. the one whose value starts first. */
typedef struct tree_problem {
    size_t at;       /* where the number or the object starts; NO_OFFSET: none */
    char *path;      /* its field path (NULL when memory ran out) */
    const char *key; /* the key found twice, or NULL for a number */
} tree_problem;

typedef struct reader {
    const char *s; /* the text; s[len] is a NUL byte */
    size_t len, pos;
    int depth;
    const char *why; /* the syntax error at pos that stopped reading */
    int out_of_memory;
    tree_problem problem;
} reader;

/* Stops reading with a syntax error at r->pos; returns NULL. */
static void *fail(reader *r, const char *why)
{
    r->why = why;
    return NULL;
}

static void *no_memory(reader *r)
{
    r->out_of_memory = 1;
    return NULL;
}

/* Frees a partly read container after a failure inside it; returns NULL. */
static void *discard(cJSON *v)
{
    cJSON_Delete(v);
    return NULL;
}

static void skip_ws(reader *r)
{
    const char *p = r->s + r->pos;
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++; /* the NUL byte at s[len] stops it */
    r->pos = (size_t)(p - r->s);
}

/* A node allocated as cJSON allocates them, so cJSON_Delete frees it. */
static cJSON *new_node(reader *r, int type)
{
    cJSON *v = cJSON_malloc(sizeof *v);
    if (!v)
        return no_memory(r);
    memset(v, 0, sizeof *v);
    v->type = type;
    return v;
}

/* Appends item to parent's children in O(1), keeping cJSON's links: each
 * child's prev is the one before it, the first child's prev is the last. */
static void append(cJSON *parent, cJSON *item)
{
    cJSON *first = parent->child;
    if (!first) {
        parent->child = item;
        item->prev = item;
        return;
    }
    cJSON *last = first->prev;
    last->next = item;
    item->prev = last;
    first->prev = item;
}

/* Notes a problem of the tree at offset `at` (`key`: the key found twice in
 * the object starting there; NULL: a non-finite number), unless one whose
 * value starts earlier is already known. */
static void note_problem(reader *r, size_t at, const tree_at *where, const char *key)
{
    if (r->problem.at <= at)
        return;
    tree_at member = {where, key, 0};
    free(r->problem.path);
    r->problem.path = path_of(key ? &member : where);
    r->problem.at = at;
    r->problem.key = key;
}

/* ---- strings ---------------------------------------------------------------------- */

/* The bytes that end a run of plain string characters: controls (NUL
 * included), '"', '\\' and every byte of a multi-byte character. */
static const unsigned char STRING_STOP[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The eight bytes at s as a number whose lowest byte is s[0], on any
 * machine (compilers make this one load where memory is little-endian). */
static uint64_t load_little_endian(const char *s)
{
    const unsigned char *b = (const unsigned char *)s;
    return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
           (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 |
           (uint64_t)b[7] << 56;
}

/* The high bit of each byte of w (s[i] in byte i) that is one STRING_STOP
 * holds: a byte under 0x20 (w - 0x20 borrows), '"' or '\\' (the xor is 0,
 * and 0 - 1 borrows), or 0x80 and above (the high bit itself). A borrow
 * only carries into the next byte up from a byte that is one of these, so
 * the lowest bit set marks the first such byte exactly. */
static uint64_t string_stops(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    return ((w - ones * 0x20) | ((w ^ (ones * '"')) - ones) | ((w ^ (ones * '\\')) - ones) | w) &
           high;
}

/* The index of the byte whose high bit is the lowest bit set in stops (not
 * 0): isolated, moved to bit 8k, it multiplies 0x0001020304050607 up by k
 * bytes, which brings the byte holding k to the top. */
static size_t first_stop(uint64_t stops)
{
    uint64_t bit = (stops & (0 - stops)) >> 7;
    return (size_t)((bit * 0x0001020304050607u) >> 56);
}

/* The offset of the first byte at or after i that ends a run of plain
 * string characters, eight bytes at a time while they are in the text. */
static size_t plain_run_end(const char *s, size_t len, size_t i)
{
    for (; i + 8 <= len; i += 8) {
        uint64_t stops = string_stops(load_little_endian(s + i));
        if (stops)
            return i + first_stop(stops);
    }
    while (!STRING_STOP[(unsigned char)s[i]])
        i++;
    return i;
}

/* Checks the escape at r->pos (its backslash) and returns its length in the
 * text: 2, 6 for \uXXXX, 12 for a surrogate pair; 0 after a failure. */
static size_t check_escape(reader *r)
{
    const char *e = r->s + r->pos;
    if (e[1] != 'u') {
        if (e[1] && strchr("\"\\/bfnrt", e[1]))
            return 2;
        fail(r, "unknown escape in a string (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
        return 0;
    }
    long cp = hex4(e + 2);
    const char *why = NULL;
    if (cp < 0)
        why = "\\u must be followed by four hexadecimal digits";
    else if (cp == 0)
        why = MSG_NUL_ESCAPE;
    else if (cp >= 0xDC00 && cp <= 0xDFFF)
        why = "a \\uDC00-\\uDFFF escape is the second half of a UTF-16 surrogate pair and "
              "cannot stand alone";
    else if (cp < 0xD800 || cp > 0xDBFF)
        return 6;
    else {
        long low = e[6] == '\\' && e[7] == 'u' ? hex4(e + 8) : -1;
        if (low >= 0xDC00 && low <= 0xDFFF)
            return 12;
        why = "a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF one (a UTF-16 "
              "surrogate pair)";
    }
    fail(r, why);
    return 0;
}

/* Writes the decoded form of the escape at e (checked by check_escape) to
 * out; returns the bytes written and stores the escape's length in *used. */
static size_t decode_escape(const char *e, char *out, size_t *used)
{
    static const char PLAIN[] = "\"\\/bfnrt", DECODED[] = "\"\\/\b\f\n\r\t";
    if (e[1] != 'u') {
        *used = 2;
        *out = DECODED[strchr(PLAIN, e[1]) - PLAIN];
        return 1;
    }
    uint32_t cp = (uint32_t)hex4(e + 2);
    *used = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)hex4(e + 8) - 0xDC00);
        *used = 12;
    }
    return ajar_utf8_encode(cp, out);
}

/* Copies the string body s[0..n) (escapes checked) to out, decoding its
 * escapes, and ends it with a NUL byte. */
static void decode_string(const char *s, size_t n, char *out)
{
    const char *end = s + n;
    while (s < end) {
        const char *bs = memchr(s, '\\', (size_t)(end - s));
        size_t run = (size_t)((bs ? bs : end) - s);
        memcpy(out, s, run);
        out += run;
        s += run;
        if (bs) {
            size_t used;
            out += decode_escape(s, out, &used);
            s += used;
        }
    }
    *out = '\0';
}

/* Reads the string starting at r->pos (its opening quote) and returns its
 * decoded text, allocated as cJSON allocates, or NULL after a failure. */
static char *read_string(reader *r)
{
    const char *s = r->s;
    size_t begin = r->pos + 1, i = begin;
    int escaped = 0;
    for (;;) {
        i = plain_run_end(s, r->len, i);
        unsigned char c = (unsigned char)s[i];
        if (c == '"')
            break;
        r->pos = i;
        if (c == '\\') {
            size_t n = check_escape(r);
            if (!n)
                return NULL;
            i += n;
            escaped = 1;
        } else if (c >= 0x80) {
            uint32_t cp;
            size_t n = ajar_utf8_decode(s + i, r->len - i, &cp);
            if (n == 1) /* what a byte >= 0x80 decodes to when it starts no character */
                return fail(r, MSG_UTF8);
            i += n;
        } else {
            return fail(r, i >= r->len ? MSG_IN_STRING : MSG_CONTROL);
        }
    }
    r->pos = i + 1;
    size_t n = i - begin;
    char *out = cJSON_malloc(n + 1);
    if (!out)
        return no_memory(r);
    if (escaped) {
        decode_string(s + begin, n, out);
    } else {
        memcpy(out, s + begin, n);
        out[n] = '\0';
    }
    return out;
}

static cJSON *read_string_value(reader *r)
{
    char *text = read_string(r);
    if (!text)
        return NULL;
    cJSON *v = new_node(r, cJSON_String);
    if (!v) {
        cJSON_free(text);
        return NULL;
    }
    v->valuestring = text;
    return v;
}

/* ---- numbers and words -------------------------------------------------------------- */

/* Stores s[0..n), a JSON number, in *d as a double (correctly rounded by
 * strtod) whatever decimal point the C library's locale uses. Returns 0
 * when memory runs out for the copy a locale whose point is not '.' needs. */
static int number_value(const char *s, size_t n, double *d)
{
    const char *point = localeconv()->decimal_point;
    if (!point || strcmp(point, ".") == 0) {
        *d = strtod(s, NULL); /* it stops where the number does */
        return 1;
    }
    /* The number alone (strtod could read on into "1,5"), '.' made the point. */
    size_t point_len = strlen(point), k = 0;
    char local[64];
    char *copy = n + point_len < sizeof local ? local : malloc(n + point_len);
    if (!copy)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            memcpy(copy + k, point, point_len);
            k += point_len;
        } else {
            copy[k++] = s[i];
        }
    }
    copy[k] = '\0';
    *d = strtod(copy, NULL);
    if (copy != local)
        free(copy);
    return 1;
}

/* Sets a number as cJSON does: valueint is the value saturated to int. */
static void set_number(cJSON *v, double d)
{
    v->valuedouble = d;
    v->valueint = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
}

static cJSON *read_number(reader *r, const tree_at *where)
{
    const char *s = r->s;
    size_t start = r->pos, p = start;
    int negative = s[p] == '-';
    p += (size_t)negative;
    r->pos = p;
    if (!is_digit(s[p]))
        return fail(r, "expected a digit");
    if (s[p] == '0' && is_digit(s[p + 1])) {
        r->pos = p + 1;
        return fail(r, "numbers may not have leading zeros");
    }
    size_t first_digit = p;
    uint64_t whole = 0; /* exact while there are at most 15 digits */
    for (; is_digit(s[p]); p++)
        whole = whole * 10 + (uint64_t)(s[p] - '0');
    int integer = p - first_digit <= 15;
    if (s[p] == '.') {
        integer = 0;
        r->pos = ++p;
        if (!is_digit(s[p]))
            return fail(r, "expected a digit after the decimal point");
        while (is_digit(s[p]))
            p++;
    }
    if (s[p] == 'e' || s[p] == 'E') {
        integer = 0;
        p += s[p + 1] == '+' || s[p + 1] == '-' ? 2 : 1;
        r->pos = p;
        if (!is_digit(s[p]))
            return fail(r, "expected a digit in the exponent");
        while (is_digit(s[p]))
            p++;
    }
    r->pos = p;
    cJSON *v = new_node(r, cJSON_Number);
    if (!v)
        return NULL;
    double d = negative ? -(double)whole : (double)whole;
    if (!integer && !number_value(s + start, p - start, &d)) {
        cJSON_Delete(v);
        return no_memory(r);
    }
    set_number(v, d);
    if (!isfinite(d))
        note_problem(r, start, where, NULL);
    return v;
}

/* true, false or null at r->pos (true's valueint is 1, as cJSON sets it). */
static cJSON *read_word(reader *r, const char *word, size_t n, int type)
{
    if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n) != 0)
        return fail(r, MSG_VALUE);
    r->pos += n;
    cJSON *v = new_node(r, type);
    if (v)
        v->valueint = type == cJSON_True;
    return v;
}

/* ---- arrays and objects ------------------------------------------------------------- */

static cJSON *read_value(reader *r, const tree_at *where);

static int compare_member_names(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    return strcmp(x->string, y->string);
}

/* A member of obj (n members) whose key an earlier member has, or NULL.
 * Few members: each pair is compared (the reported key is the first one
 * that comes again); many: the members are sorted by key (the smallest key
 * found twice), so a hostile object with many keys costs O(n log n). Sets
 * *out_of_memory when there is no room to sort. */
static const cJSON *find_duplicate(const cJSON *obj, size_t n, int *out_of_memory)
{
    if (n <= 16) {
        for (const cJSON *c = obj->child; c; c = c->next)
            for (const cJSON *d = c->next; d; d = d->next)
                if (c->string[0] == d->string[0] && strcmp(c->string, d->string) == 0)
                    return d;
        return NULL;
    }
    const cJSON **members = malloc(n * sizeof *members);
    if (!members) {
        *out_of_memory = 1;
        return NULL;
    }
    size_t i = 0;
    for (const cJSON *c = obj->child; c; c = c->next)
        members[i++] = c;
    qsort(members, n, sizeof *members, compare_member_names);
    const cJSON *dup = NULL;
    for (i = 1; i < n && !dup; i++)
        if (strcmp(members[i]->string, members[i - 1]->string) == 0)
            dup = members[i];
    free(members);
    return dup;
}

/* Opens an array or object at r->pos: one level deeper, and its node. */
static cJSON *enter(reader *r, int type)
{
    if (++r->depth > AJAR_JSON_MAX_DEPTH)
        return fail(r, MSG_TOO_DEEP);
    cJSON *v = new_node(r, type);
    r->pos++;
    skip_ws(r);
    return v;
}

/* After a member or item: 1 at the closing bracket (passed), 0 at a comma
 * (passed), -1 after a failure. */
static int next_or_close(reader *r, char close)
{
    skip_ws(r);
    if (r->pos >= r->len) {
        fail(r, close == '}' ? MSG_IN_OBJECT : MSG_IN_ARRAY);
        return -1;
    }
    char c = r->s[r->pos];
    if (c != close && c != ',') {
        fail(r, close == '}' ? "expected ',' or '}' after a member"
                             : "expected ',' or ']' after an item");
        return -1;
    }
    r->pos++;
    return c == close;
}

static cJSON *read_array(reader *r, const tree_at *where)
{
    cJSON *arr = enter(r, cJSON_Array);
    if (!arr)
        return NULL;
    if (r->s[r->pos] == ']') {
        r->pos++;
        r->depth--;
        return arr;
    }
    int closed = 0;
    for (size_t index = 0; !closed; index++) {
        skip_ws(r);
        if (r->pos >= r->len || r->s[r->pos] == ']') {
            fail(r, r->pos >= r->len ? MSG_IN_ARRAY
                                     : "a comma before ']' (JSON allows no trailing comma)");
            return discard(arr);
        }
        tree_at here = {where, NULL, index};
        cJSON *item = read_value(r, &here);
        if (!item)
            return discard(arr);
        append(arr, item);
        closed = next_or_close(r, ']');
        if (closed < 0)
            return discard(arr);
    }
    r->depth--;
    return arr;
}

/* Reads a member name and its colon; returns the name or NULL. */
static char *read_member_name(reader *r)
{
    skip_ws(r);
    if (r->pos >= r->len)
        return fail(r, MSG_IN_OBJECT);
    if (r->s[r->pos] != '"')
        return fail(r, r->s[r->pos] == '}' ? "a comma before '}' (JSON allows no trailing comma)"
                                           : "expected a member name in double quotes");
    char *key = read_string(r);
    if (!key)
        return NULL;
    skip_ws(r);
    if (r->pos >= r->len || r->s[r->pos] != ':') {
        cJSON_free(key);
        return fail(r, r->pos >= r->len ? MSG_IN_OBJECT : "expected ':' after the member name");
    }
    r->pos++;
    return key;
}

static cJSON *read_object(reader *r, const tree_at *where)
{
    size_t start = r->pos;
    cJSON *obj = enter(r, cJSON_Object);
    if (!obj)
        return NULL;
    if (r->s[r->pos] == '}') {
        r->pos++;
        r->depth--;
        return obj;
    }
    size_t n = 0;
    for (int closed = 0; !closed; n++) {
        char *key = read_member_name(r);
        if (!key)
            return discard(obj);
        tree_at here = {where, key, n};
        cJSON *item = read_value(r, &here);
        if (!item) {
            cJSON_free(key);
            return discard(obj);
        }
        item->string = key;
        append(obj, item);
        closed = next_or_close(r, '}');
        if (closed < 0)
            return discard(obj);
    }
    r->depth--;
    const cJSON *dup = n > 1 ? find_duplicate(obj, n, &r->out_of_memory) : NULL;
    if (r->out_of_memory)
        return discard(obj);
    if (dup)
        note_problem(r, start, where, dup->string);
    return obj;
}

static cJSON *read_value(reader *r, const tree_at *where)
{
    skip_ws(r);
    if (r->pos >= r->len)
        return fail(r, "the file ends where a value should be");
    switch (r->s[r->pos]) {
    case '{': return read_object(r, where);
    case '[': return read_array(r, where);
    case '"': return read_string_value(r);
    case 't': return read_word(r, "true", 4, cJSON_True);
    case 'f': return read_word(r, "false", 5, cJSON_False);
    case 'n': return read_word(r, "null", 4, cJSON_NULL);
    default:
        if (r->s[r->pos] == '-' || is_digit(r->s[r->pos]))
            return read_number(r, where);
        return fail(r, MSG_VALUE);
    }
}

/* The whole text as one value with only white space after it, or NULL. */
static cJSON *read_document(reader *r)
{
    skip_ws(r);
    if (r->pos >= r->len)
        return fail(r, MSG_EMPTY);
    tree_at top = {NULL, NULL, 0};
    cJSON *root = read_value(r, &top);
    if (!root)
        return NULL;
    skip_ws(r);
    if (r->pos < r->len) {
        cJSON_Delete(root);
        return fail(r, "unexpected text after the end of the JSON value");
    }
    return root;
}

/* ---- reporting ------------------------------------------------------------------------ */

/* Why reading stopped: a problem prescan() finds is named even when it
 * comes later in the file than the syntax error reading stopped at. */
static ajar_status report_failure(const reader *r, const char *origin, ajar_errors *errs)
{
    if (r->out_of_memory)
        return ajar_errors_add(errs, AJAR_E_NOMEM, origin, NULL, 0, 0, 0, "out of memory");
    ajar_status st = prescan(r->s, r->len, origin, errs);
    if (st != AJAR_OK)
        return st;
    return syntax_at(errs, origin, r->s, r->pos, r->why);
}

/* Why a document read to its end is refused all the same, or AJAR_OK. */
static ajar_status report_refusal(const reader *r, const char *origin, ajar_errors *errs)
{
    if (r->problem.at == NO_OFFSET)
        return AJAR_OK;
    const char *field = r->problem.path && r->problem.path[0] ? r->problem.path : NULL;
    if (!r->problem.key)
        return ajar_errors_add(errs, AJAR_E_INVALID, origin, field, 0, 0, 0,
                               "number is too large");
    return ajar_errors_add(errs, AJAR_E_INVALID, origin, field, 0, 0, 0,
                           "the key \"%s\" appears more than once in the same object",
                           r->problem.key);
}

ajar_status ajar_json_parse(const char *text, size_t len, const char *origin, cJSON **out,
                            ajar_errors *errs)
{
    reader r = {.s = text, .len = len, .problem = {.at = NO_OFFSET}};
    cJSON *root = read_document(&r);
    ajar_status st = root ? report_refusal(&r, origin, errs) : report_failure(&r, origin, errs);
    free(r.problem.path);
    if (st != AJAR_OK) {
        cJSON_Delete(root);
        root = NULL;
    }
    *out = root;
    return st;
}
