/* check_load.c — reads data/checks.json: every member checked (errors name file, field path, line and column) and compiled into the checker's arena. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/datadir.h"
#include "ajar/json.h"
#include "ajar/schema.h"
#include "ajar/store.h"
#include "ajar/utf8.h"
#include "check_int.h"

/* The version of the rules file format this program reads. */
#define CHECKS_FORMAT 1

/* Largest rules file read (bytes). */
#define CHECKS_MAX_BYTES (1024 * 1024)

/* ---- where a value sits in the text ------------------------------------------------ */

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

/* i is at an opening quote; returns the index after the closing one. */
static size_t skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len && t[i] != '"'; i++)
        if (t[i] == '\\')
            i++;
    return i < len ? i + 1 : len;
}

static size_t skip_value(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return len;
    if (t[i] == '"')
        return skip_string(t, len, i);
    if (t[i] == '{' || t[i] == '[') {
        int depth = 0;
        while (i < len) {
            if (t[i] == '"') {
                i = skip_string(t, len, i);
                continue;
            }
            if (t[i] == '{' || t[i] == '[')
                depth++;
            else if ((t[i] == '}' || t[i] == ']') && --depth == 0)
                return i + 1;
            i++;
        }
        return len;
    }
    while (i < len && !strchr(",]} \t\n\r", t[i]))
        i++;
    return i;
}

/* Whether the JSON string at t[i] (its opening quote) spells key. Keys with
 * escapes are decoded for the common escapes; anything else never matches. */
static int key_is(const char *t, size_t len, size_t i, const char *key)
{
    size_t k = 0;
    for (i++; i < len && t[i] != '"'; i++) {
        char c = t[i];
        if (c == '\\' && i + 1 < len) {
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *e = strchr(from, t[++i]);
            if (!e || !t[i])
                return 0;
            c = to[e - from];
        }
        if (key[k++] != c)
            return 0;
    }
    return key[k] == '\0';
}

/* The byte offset of the value at `path` (`rules[3].words[1]`) in the JSON
 * text, or of the nearest enclosing value that exists. */
static size_t locate(const char *t, size_t len, const char *path)
{
    size_t pos = skip_ws(t, len, 0);
    const char *p = path;
    while (*p) {
        size_t found = (size_t)-1;
        if (*p == '[') {
            char *end;
            long want = strtol(p + 1, &end, 10);
            p = *end == ']' ? end + 1 : end;
            if (pos >= len || t[pos] != '[')
                return pos;
            size_t i = skip_ws(t, len, pos + 1);
            for (long n = 0; i < len && t[i] != ']'; n++) {
                if (n == want) {
                    found = i;
                    break;
                }
                i = skip_ws(t, len, skip_value(t, len, i));
                if (i < len && t[i] == ',')
                    i = skip_ws(t, len, i + 1);
            }
        } else {
            size_t n = strcspn(p, ".[");
            char key[128];
            if (n >= sizeof key)
                return pos;
            memcpy(key, p, n);
            key[n] = '\0';
            p += n;
            if (pos >= len || t[pos] != '{')
                return pos;
            size_t i = skip_ws(t, len, pos + 1);
            while (i < len && t[i] == '"') {
                int match = key_is(t, len, i, key);
                i = skip_ws(t, len, skip_string(t, len, i));
                if (i < len && t[i] == ':')
                    i = skip_ws(t, len, i + 1);
                if (match) {
                    found = i;
                    break;
                }
                i = skip_ws(t, len, skip_value(t, len, i));
                if (i < len && t[i] == ',')
                    i = skip_ws(t, len, i + 1);
            }
        }
        if (found == (size_t)-1)
            return pos;
        pos = found;
        if (*p == '.')
            p++;
    }
    return pos;
}

/* ---- places: where a value is, as a field path for errors --------------------------- */

/* A value of the rules file: a member of, or an item of, the value `up`
 * (NULL: the top). Turned into a path (`rules[3].words[1]`) only for an error. */
typedef struct place {
    const struct place *up;
    const char *key; /* a member's name, or NULL for an item */
    size_t index;
} place;

/* The places below `up`, for the call they are written in. */
#define MEMBER(up, key) (&(place){(up), (key), 0})
#define ITEM(up, i) (&(place){(up), NULL, (i)})

#define PATH_MAX_LEN 512

/* Appends s to buf[0..*len), cutting it where buf (size bytes) is full. */
static void put(char *buf, size_t size, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (n > size - 1 - *len)
        n = size - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

/* Writes the path of `at` into buf; a path too long for it is cut (an item
 * that does not fit is written [?]), which only shortens an error message. */
static size_t path_of(const place *at, char *buf, size_t size)
{
    if (!at) {
        buf[0] = '\0';
        return 0;
    }
    size_t len = path_of(at->up, buf, size);
    if (at->key) {
        if (len)
            put(buf, size, &len, ".");
        put(buf, size, &len, at->key);
        return len;
    }
    char num[24];
    size_t n = sizeof num, i = at->index;
    num[--n] = '\0';
    num[--n] = ']';
    do {
        num[--n] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    num[--n] = '[';
    put(buf, size, &len, len + (sizeof num - 1 - n) + 1 > size ? "[?]" : num + n);
    return len;
}

/* ---- member names ---------------------------------------------------------------------- */

/* Every member name the rules file knows, each with a bit. */
enum member {
    M_ID, M_KIND, M_SEVERITY, M_CHECKLIST, M_GROUP, M_WHEN, M_MESSAGE, M_SUGGESTION, M_NOTE,
    M_FIELD, M_FIELDS, M_WORDS, M_LISTS, M_LEADS, M_SUFFIXES, M_IGNORE, M_LIST, M_MEMBER,
    M_WHERE, M_MORE_THAN, M_AT_MOST, M_FEWER_THAN, M_MAX_WORDS, M_MAX_SENTENCES, M_DAYS,
    M_FROM, M_UNTIL, M_OUTSIDE, M_SHORTENED,
    M_ALL, M_ANY, M_NOT, M_NO_FINDINGS, M_SOME, M_EVERY, M_THEN, M_ANSWERED, M_EQUALS, M_IN,
    M_NOT_IN,
    M_TITLE, M_FULFILLED, M_AJAR_CHECKS, M_RULES,
    M_COUNT
};

static const char *const MEMBER_NAMES[M_COUNT] = {
    "id", "kind", "severity", "checklist", "group", "when", "message", "suggestion", "note",
    "field", "fields", "words", "lists", "leads", "suffixes", "ignore", "list", "member",
    "where", "more_than", "at_most", "fewer_than", "max_words", "max_sentences", "days",
    "from", "until", "outside", "shortened",
    "all", "any", "not", "no_findings", "some", "every", "then", "answered", "equals", "in",
    "not_in",
    "title", "fulfilled", "ajar_checks", "rules",
};

typedef uint64_t member_set;
_Static_assert(M_COUNT <= 64, "a member_set holds a bit for every member name");
#define BIT(m) ((member_set)1 << (m))

/* What each object may hold. A rule may hold the common members and its
 * kind's (see kind_members). */
#define TOP_MEMBERS (BIT(M_AJAR_CHECKS) | BIT(M_NOTE) | BIT(M_LISTS) | BIT(M_CHECKLIST) | BIT(M_RULES))
#define ITEM_MEMBERS (BIT(M_ID) | BIT(M_TITLE) | BIT(M_FULFILLED) | BIT(M_NOTE))
#define FIELD_COND_MEMBERS \
    (BIT(M_FIELD) | BIT(M_ANSWERED) | BIT(M_EQUALS) | BIT(M_IN) | BIT(M_NOT_IN))
static const char *const COMMON_MEMBERS = "id kind severity checklist group when message suggestion note";
static const char *const COMMON_REQUIRED = "id severity message suggestion";

/* Slots of the open-addressed table from a member name to its index. */
#define MEMBER_SLOTS 128

static unsigned member_hash(const char *s, size_t n)
{
    return ((unsigned)n * 31u + (unsigned char)s[0] * 7u + (unsigned char)s[n - 1]) % MEMBER_SLOTS;
}

/* The members of one object, by name: of[m] is the member named
 * MEMBER_NAMES[m] when bit m of `present` is set; `unknown` tells whether
 * it has a member of any other name. */
typedef struct members {
    const cJSON *of[M_COUNT];
    member_set present;
    int unknown;
} members;

static const cJSON *get(const members *ms, enum member m)
{
    return ms->present & BIT(m) ? ms->of[m] : NULL;
}

/* ---- the loader ------------------------------------------------------------------------ */

/* A named list of words, compiled once for every rule that names it. */
typedef struct word_list {
    const char *name;
    check_pattern *pat;
    size_t n;
} word_list;

/* A field that was checked and compiled below a base (see want_field),
 * kept by a hash of its text: rules name the same fields again and again. */
typedef struct known_field {
    const char *base;
    check_path path; /* path.text: the field; NULL for an empty entry */
    const ajar_field_spec *spec;
} known_field;

#define KNOWN_FIELDS 64

typedef struct loader {
    const char *text;
    size_t len;
    const char *origin;
    ajar_errors *errs;
    int failed;
    int nomem;
    check_arena *arena;
    signed char slot[MEMBER_SLOTS]; /* member index, or -1 */
    unsigned char name_len[M_COUNT]; /* strlen of each MEMBER_NAMES */
    member_set common, common_required;
    struct kind_members *kinds; /* by kind, once worked out (zero: not yet) */
    word_list *lists;           /* NULL when the file has no valid "lists" object */
    size_t nlists;
    known_field known[KNOWN_FIELDS];
} loader;

static void index_members(loader *L)
{
    memset(L->slot, -1, sizeof L->slot);
    for (int m = 0; m < M_COUNT; m++) {
        L->name_len[m] = (unsigned char)strlen(MEMBER_NAMES[m]);
        unsigned h = member_hash(MEMBER_NAMES[m], L->name_len[m]);
        while (L->slot[h] >= 0)
            h = (h + 1) % MEMBER_SLOTS;
        L->slot[h] = (signed char)m;
    }
}

/* The index of the member name s[0..n), or -1 for a name the file does not know. */
static int member_index(const loader *L, const char *s, size_t n)
{
    if (n == 0)
        return -1;
    for (unsigned h = member_hash(s, n); L->slot[h] >= 0; h = (h + 1) % MEMBER_SLOTS) {
        int m = L->slot[h];
        if (L->name_len[m] == n && memcmp(MEMBER_NAMES[m], s, n) == 0)
            return m;
    }
    return -1;
}

static void read_members(const loader *L, const cJSON *obj, members *ms)
{
    ms->present = 0;
    ms->unknown = 0;
    for (const cJSON *m = obj->child; m; m = m->next) {
        int i = member_index(L, m->string, strlen(m->string));
        if (i < 0) {
            ms->unknown = 1;
            continue;
        }
        ms->of[i] = m;
        ms->present |= BIT(i);
    }
}

/* The members named in the space-separated `names`. */
static member_set members_named(const loader *L, const char *names)
{
    member_set set = 0;
    for (const char *p = names; *p;) {
        size_t n = strcspn(p, " ");
        int i = member_index(L, p, n);
        set |= i >= 0 ? BIT(i) : 0;
        p += n;
        p += *p == ' ';
    }
    return set;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void bad(loader *L, const place *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = ajar_vasprintf(fmt, ap);
    va_end(ap);
    char path[PATH_MAX_LEN];
    path_of(at, path, sizeof path);
    int line, col;
    ajar_json_position(L->text, locate(L->text, L->len, path), &line, &col);
    ajar_errors_add(L->errs, msg ? AJAR_E_INVALID : AJAR_E_NOMEM, L->origin,
                    *path ? path : NULL, line, col, 0, "%s", msg ? msg : "out of memory");
    free(msg);
    L->failed = 1;
}

/* Refuses the members of obj that are not in `allowed` (written out in
 * `allowed_text` for the message). */
static void only_members(loader *L, const cJSON *obj, const members *ms, const place *at,
                         member_set allowed, const char *allowed_text, const char *what)
{
    if (!ms->unknown && !(ms->present & ~allowed))
        return;
    for (const cJSON *m = obj->child; m; m = m->next) {
        int i = member_index(L, m->string, strlen(m->string));
        if (i < 0 || !(allowed & BIT(i)))
            bad(L, MEMBER(at, m->string), "unknown member \"%s\" in %s (allowed: %s)", m->string,
                what, allowed_text);
    }
}

/* n bytes of the checker's arena, or NULL (L->nomem set) when memory runs out. */
static void *alloc(loader *L, size_t n)
{
    void *p = check_arena_alloc(L->arena, n);
    if (!p)
        L->nomem = 1;
    return p;
}

static size_t array_size(const cJSON *v)
{
    size_t n = 0;
    for (const cJSON *e = cJSON_IsArray(v) ? v->child : NULL; e; e = e->next)
        n++;
    return n;
}

static const char *json_kind(const cJSON *v)
{
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsBool(v)) return "true/false";
    if (cJSON_IsArray(v)) return "an array";
    if (cJSON_IsObject(v)) return "an object";
    return "null";
}

static int want_string(loader *L, const cJSON *v, const place *at)
{
    if (cJSON_IsString(v) && *v->valuestring)
        return 1;
    bad(L, at, "expected a non-empty string, found %s", cJSON_IsString(v) ? "\"\"" : json_kind(v));
    return 0;
}

static int want_array(loader *L, const cJSON *v, const place *at, int nonempty)
{
    if (cJSON_IsArray(v) && (!nonempty || v->child))
        return 1;
    bad(L, at, "expected %s, found %s", nonempty ? "a non-empty array" : "an array",
        cJSON_IsArray(v) ? "an empty one" : json_kind(v));
    return 0;
}

/* ---- draft fields ------------------------------------------------------------------------ */

/* base + "." + field (just field when base is ""), and then `tail`, into
 * buf; cut when too long, which makes it name no field. */
static const char *join(char *buf, size_t size, const char *base, const char *field, const char *tail)
{
    size_t len = 0;
    buf[0] = '\0';
    put(buf, size, &len, base);
    if (*base)
        put(buf, size, &len, ".");
    put(buf, size, &len, field);
    put(buf, size, &len, tail);
    return buf;
}

/* The schema field a path names, relative to base (a pattern such as
 * `contacts[]`, or "" for the draft). */
static const ajar_field_spec *schema_field(const char *base, const char *field)
{
    char full[PATH_MAX_LEN];
    return ajar_schema_lookup(*base ? join(full, sizeof full, base, field, "") : field);
}

/* Compiles a field want_field accepted (each [ followed by ]) into its
 * steps: member names cut out of one copy of it, NULL for each []. */
static check_path compile_path(loader *L, const char *field)
{
    check_path p = {field, NULL, 0, 1};
    size_t len = strlen(field), most = 1;
    for (const char *s = field; (s = strpbrk(s, ".[")); s++)
        most++;
    p.keys = alloc(L, most * sizeof *p.keys);
    char *s = alloc(L, len + 1);
    if (!p.keys || !s)
        return p;
    memcpy(s, field, len + 1);
    while (*s) {
        if (s[0] == '[') {
            p.keys[p.n++] = NULL;
            s += 2;
            s += *s == '.';
            continue;
        }
        size_t n = strcspn(s, ".[");
        char stop = s[n];
        p.keys[p.n++] = s;
        p.gettable &= n > 0 && n < 128;
        s[n] = '\0';
        s += n + (stop != '\0');
        if (stop == '[') { /* the [] right after the key */
            p.keys[p.n++] = NULL;
            s++;
            s += *s == '.';
        }
    }
    return p;
}

/* Where the field text s is kept among L->known. */
static known_field *known_slot(loader *L, const char *s)
{
    size_t n = strlen(s);
    unsigned h = (unsigned)n * 31u + (unsigned char)s[0] * 7u + (unsigned char)s[n / 2] * 3u +
                 (unsigned char)s[n - 1];
    return &L->known[h % KNOWN_FIELDS];
}

/* Checks that the value v names a field of the draft below base (see
 * schema_field); returns the field's description, and its steps in *path
 * (when path is not NULL). */
static const ajar_field_spec *want_field(loader *L, const cJSON *v, const place *at,
                                         const char *base, check_path *path)
{
    if (!want_string(L, v, at))
        return NULL;
    known_field *known = known_slot(L, v->valuestring);
    if (known->path.text && strcmp(known->path.text, v->valuestring) == 0 &&
        strcmp(known->base, base) == 0) {
        if (path)
            *path = known->path;
        return known->spec;
    }
    for (const char *b = strchr(v->valuestring, '['); b; b = strchr(b + 1, '['))
        if (b[1] != ']') {
            bad(L, at, "\"%s\": write [] for every item of a list; a rule cannot name one item",
                v->valuestring);
            return NULL;
        }
    const ajar_field_spec *f = schema_field(base, v->valuestring);
    if (!f)
        bad(L, at, "\"%s\" is not a field of the draft format (see docs/draft-format.md)",
            v->valuestring);
    if (!f || !path)
        return f;
    *path = compile_path(L, v->valuestring);
    if (strchr(v->valuestring, '*')) {
        bad(L, at, "\"%s\" is not a field of the draft format (see docs/draft-format.md)",
            v->valuestring);
    } else if (path->keys && (known->base = *base ? check_arena_strdup(L->arena, base) : "")) {
        known->path = *path;
        known->spec = f;
    }
    return f;
}

/* ---- conditions ---------------------------------------------------------------------- */

static void load_cond(loader *L, const cJSON *c, const place *at, const char *base,
                      int in_checklist, check_cond *out);

/* A condition in the arena compiled from c, or NULL when memory runs out. */
static const check_cond *new_cond(loader *L, const cJSON *c, const place *at, const char *base,
                                  int in_checklist)
{
    check_cond *cond = alloc(L, sizeof *cond);
    if (cond)
        load_cond(L, c, at, base, in_checklist, cond);
    return cond;
}

static void load_cond_list(loader *L, const cJSON *v, const place *at, const char *base, int cl,
                           check_cond *out)
{
    if (!want_array(L, v, at, 1))
        return;
    check_cond *kids = alloc(L, array_size(v) * sizeof *kids);
    if (!kids)
        return;
    out->kids = kids;
    for (const cJSON *c = v->child; c; c = c->next, out->nkids++)
        load_cond(L, c, ITEM(at, out->nkids), base, cl, &kids[out->nkids]);
}

static int is_scalar(const cJSON *v)
{
    return cJSON_IsString(v) || cJSON_IsNumber(v) || cJSON_IsBool(v) || cJSON_IsNull(v);
}

/* The severity named s, or -1. */
static int severity_of(const char *s)
{
    for (int i = 0; i < AJAR_SEV_COUNT; i++)
        if (strcmp(ajar_severity_name((ajar_severity)i), s) == 0)
            return i;
    return -1;
}

static void load_no_findings(loader *L, const cJSON *x, const place *at, int in_checklist,
                             check_cond *out)
{
    int s = cJSON_IsString(x) ? severity_of(x->valuestring) : -1;
    out->op = CHECK_NO_FINDINGS;
    out->severity = s < 0 ? AJAR_SEV_INFO : (ajar_severity)s;
    if (!in_checklist)
        bad(L, at, "no_findings may only be used in the checklist");
    else if (s < 0)
        bad(L, at, "expected a severity: \"info\", \"warning\" or \"error\"");
}

static void load_some_every(loader *L, const cJSON *c, const members *ms, const place *at,
                            const char *base, int cl, check_cond *out)
{
    const cJSON *some = get(ms, M_SOME), *x = some ? some : get(ms, M_EVERY);
    out->op = some ? CHECK_SOME : CHECK_EVERY;
    only_members(L, c, ms, at, some ? BIT(M_SOME) | BIT(M_WHERE) : BIT(M_EVERY) | BIT(M_WHERE) | BIT(M_THEN),
                 some ? "some where" : "every where then", "this condition");
    const place *sub = MEMBER(at, x->string);
    const ajar_field_spec *f = want_field(L, x, sub, base, &out->path);
    if (f && f->type != AJAR_F_LIST) {
        bad(L, sub, "\"%s\" is not a list", x->valuestring);
        return;
    }
    if (!f)
        return;
    char item[PATH_MAX_LEN];
    join(item, sizeof item, base, x->valuestring, "[]");
    const cJSON *where = get(ms, M_WHERE), *then = get(ms, M_THEN);
    if (some && !where)
        bad(L, at, "\"some\" needs \"where\": the condition an item must meet");
    if (!some && !then)
        bad(L, at, "\"every\" needs \"then\": the condition every item must meet");
    if (where)
        out->where = new_cond(L, where, MEMBER(at, "where"), item, cl);
    if (then)
        out->then = new_cond(L, then, MEMBER(at, "then"), item, cl);
}

/* The test of a field condition: answered, equals, in or not_in. */
static void load_test(loader *L, const cJSON *x, enum member m, const place *at, check_cond *out)
{
    if (m == M_ANSWERED) {
        out->op = CHECK_ANSWERED;
        out->answered = cJSON_IsTrue(x);
        if (!cJSON_IsBool(x))
            bad(L, at, "expected true or false, found %s", json_kind(x));
        return;
    }
    out->values = x;
    if (m == M_EQUALS) {
        out->op = CHECK_EQUALS;
        if (!is_scalar(x))
            bad(L, at, "expected a string, number, true, false or null, found %s", json_kind(x));
        return;
    }
    out->op = m == M_IN ? CHECK_IN : CHECK_NOT_IN;
    if (!want_array(L, x, at, 1))
        return;
    size_t k = 0;
    for (const cJSON *e = x->child; e; e = e->next, k++)
        if (!is_scalar(e))
            bad(L, ITEM(at, k), "expected a string, number, true, false or null, found %s",
                json_kind(e));
}

static void load_field_cond(loader *L, const cJSON *c, const members *ms, const place *at,
                            const char *base, int in_checklist, check_cond *out)
{
    const cJSON *field = get(ms, M_FIELD);
    if (!field) {
        bad(L, at, "a condition needs one of field, all, any, not, some, every%s",
            in_checklist ? ", no_findings" : "");
        return;
    }
    want_field(L, field, MEMBER(at, "field"), base, &out->path);
    int tests = 0;
    static const enum member TESTS[] = {M_ANSWERED, M_EQUALS, M_IN, M_NOT_IN};
    for (size_t i = 0; i < 4; i++) {
        const cJSON *x = get(ms, TESTS[i]);
        if (x) {
            tests++;
            load_test(L, x, TESTS[i], MEMBER(at, MEMBER_NAMES[TESTS[i]]), out);
        }
    }
    only_members(L, c, ms, at, FIELD_COND_MEMBERS, "field answered equals in not_in",
                 "this condition");
    if (tests != 1)
        bad(L, at, "a field condition needs exactly one of answered, equals, in, not_in");
}

static void load_cond(loader *L, const cJSON *c, const place *at, const char *base,
                      int in_checklist, check_cond *out)
{
    memset(out, 0, sizeof *out);
    if (!cJSON_IsObject(c)) {
        bad(L, at, "a condition is an object, found %s", json_kind(c));
        return;
    }
    members ms;
    read_members(L, c, &ms);
    const cJSON *x;
    if ((x = get(&ms, M_ALL)) || (x = get(&ms, M_ANY))) {
        out->op = x == get(&ms, M_ALL) ? CHECK_ALL : CHECK_ANY;
        only_members(L, c, &ms, at, BIT(out->op == CHECK_ALL ? M_ALL : M_ANY), x->string,
                     "this condition");
        load_cond_list(L, x, MEMBER(at, x->string), base, in_checklist, out);
    } else if ((x = get(&ms, M_NOT))) {
        out->op = CHECK_NOT;
        only_members(L, c, &ms, at, BIT(M_NOT), "not", "this condition");
        out->kids = new_cond(L, x, MEMBER(at, "not"), base, in_checklist);
        out->nkids = 1;
    } else if ((x = get(&ms, M_NO_FINDINGS))) {
        only_members(L, c, &ms, at, BIT(M_NO_FINDINGS), "no_findings", "this condition");
        load_no_findings(L, x, MEMBER(at, "no_findings"), in_checklist, out);
    } else if (get(&ms, M_SOME) || get(&ms, M_EVERY)) {
        load_some_every(L, c, &ms, at, base, in_checklist, out);
    } else {
        load_field_cond(L, c, &ms, at, base, in_checklist, out);
    }
}

/* ---- rule members ----------------------------------------------------------------------- */

static void want_int(loader *L, const cJSON *v, const place *at, long *out, int *has)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < -100000 || v->valuedouble > 100000 ||
        v->valuedouble != (double)(long)v->valuedouble) {
        bad(L, at, "expected a whole number from -100000 to 100000, found %s",
            cJSON_IsNumber(v) ? "another number" : json_kind(v));
        return;
    }
    *out = (long)v->valuedouble;
    *has = 1;
}

static int kind_is(const check_rule *r, const char *name)
{
    return r->kind->name[0] == name[0] && strcmp(r->kind->name, name) == 0;
}

/* Compiles s into *p with its code points in the arena: 1, 0 when s holds
 * no word, -1 when memory runs out. */
static int compile_pattern(loader *L, const char *s, check_pattern *p)
{
    uint32_t *cp = alloc(L, (strlen(s) + 1) * sizeof *cp);
    return cp ? check_pattern_compile(s, cp, p) : -1;
}

/* Appends the patterns of the array v to pat[*n...], which has room for
 * all of them. */
static void add_patterns(loader *L, const cJSON *v, const place *at, check_pattern *pat, size_t *n)
{
    if (!want_array(L, v, at, 1))
        return;
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        const place *item = ITEM(at, i);
        if (!want_string(L, e, item))
            continue;
        int ok = compile_pattern(L, e->valuestring, &pat[*n]);
        if (ok > 0)
            (*n)++;
        else if (ok == 0)
            bad(L, item, "\"%s\" holds no word to look for", e->valuestring);
    }
}

/* An empty set of patterns with room for n, or NULL when memory runs out. */
static check_words *new_words(loader *L, size_t n)
{
    check_words *w = alloc(L, sizeof *w);
    if (!w)
        return NULL;
    memset(w, 0, sizeof *w);
    w->pat = alloc(L, n * sizeof *w->pat);
    return w->pat ? w : NULL;
}

/* The compiled list the JSON string `name` names, or NULL. */
static const word_list *find_list(const loader *L, const cJSON *name)
{
    for (size_t i = 0; cJSON_IsString(name) && i < L->nlists; i++)
        if (strcmp(L->lists[i].name, name->valuestring) == 0)
            return &L->lists[i];
    return NULL;
}

/* Appends the patterns of the lists the array v names to w. */
static void add_lists(loader *L, const cJSON *v, const place *at, check_words *w)
{
    if (!want_array(L, v, at, 1))
        return;
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        const word_list *list = find_list(L, e);
        if (!list) {
            bad(L, ITEM(at, i), "expected the name of a list under \"lists\"");
        } else if (list->n) {
            memcpy(&w->pat[w->n], list->pat, list->n * sizeof *list->pat);
            w->n += list->n;
        }
    }
}

/* `words` and the named `lists`, one set of patterns. */
static void load_words(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *words = get(ms, M_WORDS), *lists = get(ms, M_LISTS);
    if (!words && !lists) {
        if (kind_is(r, "words"))
            bad(L, at, "a rule of kind words needs \"words\" or \"lists\"");
        return;
    }
    size_t room = array_size(words);
    for (const cJSON *e = cJSON_IsArray(lists) ? lists->child : NULL; e; e = e->next) {
        const word_list *list = find_list(L, e);
        room += list ? list->n : 0;
    }
    check_words *w = new_words(L, room);
    if (!w)
        return;
    if (words)
        add_patterns(L, words, MEMBER(at, "words"), w->pat, &w->n);
    if (lists)
        add_lists(L, lists, MEMBER(at, "lists"), w);
    check_words_group(w);
    r->words = w;
}

static void load_leads(loader *L, const cJSON *v, const place *at, check_rule *r)
{
    check_words *w = new_words(L, array_size(v));
    if (!w)
        return;
    add_patterns(L, v, at, w->pat, &w->n);
    check_words_group(w);
    r->leads = w;
}

static void want_names(loader *L, const cJSON *v, const place *at, const check_name **out,
                       size_t *n)
{
    if (!want_array(L, v, at, 1))
        return;
    check_name *names = alloc(L, array_size(v) * sizeof *names);
    if (!names)
        return;
    *out = names;
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++)
        if (want_string(L, e, ITEM(at, i))) {
            names[*n].s = e->valuestring;
            names[*n].len = strlen(e->valuestring);
            (*n)++;
        }
}

static int want_time(loader *L, const cJSON *v, const place *at, int allow_24)
{
    const char *s = cJSON_IsString(v) ? v->valuestring : "";
    int ok = strlen(s) == 5 && s[2] == ':';
    for (int i = 0; ok && i < 5; i++)
        ok = i == 2 || (s[i] >= '0' && s[i] <= '9');
    int h = ok ? (s[0] - '0') * 10 + (s[1] - '0') : 0, m = ok ? (s[3] - '0') * 10 + (s[4] - '0') : 0;
    if (!ok || m > 59 || h > 24 || (h == 24 && (m || !allow_24))) {
        bad(L, at, "expected a time written HH:MM from 00:00 to %s", allow_24 ? "24:00" : "23:59");
        return -1;
    }
    return h * 60 + m;
}

static const char *const WEEKDAYS[7] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

static unsigned want_days(loader *L, const cJSON *v, const place *at)
{
    unsigned mask = 0;
    if (!want_array(L, v, at, 1))
        return 0;
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        int d = -1;
        for (int k = 0; k < 7 && cJSON_IsString(e); k++)
            if (strcmp(WEEKDAYS[k], e->valuestring) == 0)
                d = k;
        if (d < 0)
            bad(L, ITEM(at, i), "expected a day of the week in lower case (monday ... sunday)");
        else
            mask |= 1u << d;
    }
    return mask;
}

/* snprintf into a fixed buffer; a text too long for it is cut, which only
 * shortens an error message. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void bprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

/* Whether the kind's placeholders (space-separated, a `#` before each
 * number) hold name: 2 as a number, 1 as text, 0 not at all. */
static int kind_var(const char *vars, const char *name)
{
    size_t n = strlen(name);
    int text = 0;
    while (*vars) {
        size_t k = strcspn(vars, " ");
        if (k == n + 1 && vars[0] == '#' && memcmp(vars + 1, name, n) == 0)
            return 2;
        text |= k == n && memcmp(vars, name, n) == 0;
        vars += k;
        vars += *vars == ' ';
    }
    return text;
}

/* Checks the placeholders of a message against the kind's values (a `#`
 * before a name in kind->vars marks a number, which may take the plural
 * form {name|one|many}). */
static void check_placeholders(loader *L, const cJSON *v, const place *at, const check_kind *k)
{
    for (const char *p = v->valuestring; (p = strchr(p, '{'));) {
        const char *close = strchr(p, '}');
        if (!close || memchr(p + 1, '{', (size_t)(close - p - 1))) {
            bad(L, at, "a '{' without its '}'");
            return;
        }
        const char *bar = memchr(p + 1, '|', (size_t)(close - p - 1));
        size_t n = (size_t)((bar ? bar : close) - p - 1);
        char name[64] = "";
        if (n < sizeof name)
            memcpy(name, p + 1, n), name[n] = '\0';
        int var = kind_var(k->vars, name), is_num = var == 2;
        if (!is_num && !(n && var == 1)) {
            char shown[64], has[128];
            bprintf(shown, sizeof shown, "%.*s", (int)(close - p + 1 < 60 ? close - p + 1 : 60), p);
            size_t h = 0;
            for (const char *q = k->vars; *q && h + 1 < sizeof has; q++)
                if (*q != '#')
                    has[h++] = *q;
            has[h] = '\0';
            bad(L, at, "unknown placeholder %s for a rule of kind %s (it has: %s)", shown, k->name,
                h ? has : "none");
        } else if (bar && !is_num) {
            bad(L, at, "{%s|...} is only for numbers", name);
        } else if (bar && !memchr(bar + 1, '|', (size_t)(close - bar - 1))) {
            bad(L, at, "write the plural form as {%s|one|many}", name);
        }
        p = close + 1;
    }
}

/* ---- rules ------------------------------------------------------------------------------ */

/* The members a rule of a kind must have, and may have. */
typedef struct kind_members {
    member_set required, allowed;
} kind_members;

static kind_members members_of_kind(loader *L, const check_kind *k)
{
    size_t n;
    kind_members *known = &L->kinds[k - check_kinds(&n)];
    if (!known->allowed) {
        member_set required = members_named(L, k->required);
        known->required = L->common_required | required;
        known->allowed = L->common | required | members_named(L, k->optional);
    }
    return *known;
}

/* The rule's kind; 0 when it has none that is known. */
static int load_kind(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *x = get(ms, M_KIND);
    const place *sub = MEMBER(at, "kind");
    if (!x) {
        bad(L, at, "the rule has no \"kind\"");
        return 0;
    }
    if (!want_string(L, x, sub))
        return 0;
    r->kind = check_kind_find(x->valuestring);
    if (r->kind)
        return 1;
    size_t nk;
    const check_kind *kinds = check_kinds(&nk);
    ajar_strbuf names;
    ajar_strbuf_init(&names);
    for (size_t i = 0; i < nk; i++)
        ajar_strbuf_printf(&names, "%s%s", i ? ", " : "", kinds[i].name);
    char *all = ajar_strbuf_take(&names);
    bad(L, sub, "unknown kind \"%s\" (known: %s)", x->valuestring, all ? all : "?");
    free(all);
    return 0;
}

/* Refuses members the kind does not have, and reports those it needs. */
static void rule_members(loader *L, const cJSON *o, const members *ms, const place *at,
                         const check_kind *k)
{
    kind_members km = members_of_kind(L, k);
    if (ms->unknown || (ms->present & ~km.allowed)) {
        char allowed[512], what[64];
        bprintf(allowed, sizeof allowed, "%s %s %s", COMMON_MEMBERS, k->required, k->optional);
        bprintf(what, sizeof what, "a rule of kind %s", k->name);
        only_members(L, o, ms, at, km.allowed, allowed, what);
    }
    if ((ms->present & km.required) == km.required)
        return;
    char required[256];
    bprintf(required, sizeof required, "%s %s", COMMON_REQUIRED, k->required);
    for (const char *p = required; *p;) {
        size_t n = strcspn(p, " ");
        char name[32];
        bprintf(name, sizeof name, "%.*s", (int)n, p);
        if (n && !cJSON_GetObjectItemCaseSensitive(o, name))
            bad(L, at, "a rule of kind %s needs \"%s\"", k->name, name);
        p += n;
        p += *p == ' ';
    }
}

/* id, severity, checklist, group, note, when, message and suggestion. */
static void load_common(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *x;
    if ((x = get(ms, M_ID)) && want_string(L, x, MEMBER(at, "id"))) {
        r->id = x->valuestring;
        for (const char *p = r->id; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
                bad(L, MEMBER(at, "id"), "a rule id is written with a-z, 0-9 and '-' only");
                break;
            }
    }
    if ((x = get(ms, M_SEVERITY))) {
        int s = cJSON_IsString(x) ? severity_of(x->valuestring) : -1;
        if (s < 0)
            bad(L, MEMBER(at, "severity"), "expected \"info\", \"warning\" or \"error\"");
        else
            r->severity = (ajar_severity)s;
    }
    if ((x = get(ms, M_CHECKLIST)) && !cJSON_IsNull(x)) {
        r->checklist = cJSON_IsString(x) ? ajar_checklist_index(x->valuestring) : -1;
        if (r->checklist < 0)
            bad(L, MEMBER(at, "checklist"),
                "expected one of the eight rules (prompt, honest, positive, appreciative, "
                "personal, inclusive, resource, stay-in-touch) or null");
    }
    if ((x = get(ms, M_GROUP)) && want_string(L, x, MEMBER(at, "group")))
        r->group = x->valuestring;
    if ((x = get(ms, M_NOTE)) && !cJSON_IsString(x))
        bad(L, MEMBER(at, "note"), "expected a string, found %s", json_kind(x));
    if ((x = get(ms, M_WHEN)))
        r->when = new_cond(L, x, MEMBER(at, "when"), "", 0);
    static const enum member TEXTS[] = {M_MESSAGE, M_SUGGESTION};
    for (size_t i = 0; i < 2; i++) {
        const place *sub = MEMBER(at, MEMBER_NAMES[TEXTS[i]]);
        x = get(ms, TEXTS[i]);
        if (!x || !want_string(L, x, sub))
            continue;
        if (ajar_utf8_find_control(x->valuestring, strlen(x->valuestring), 0) != (size_t)-1)
            bad(L, sub, "holds a control character; a message is one line of text");
        check_placeholders(L, x, sub, r->kind);
        *(i ? &r->suggestion : &r->message) = x->valuestring;
    }
}

/* `field` and `fields`. */
static void load_fields(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *x;
    if ((x = get(ms, M_FIELD))) {
        const place *sub = MEMBER(at, "field");
        const ajar_field_spec *f = want_field(L, x, sub, "", &r->field);
        if (f) {
            const char *field = x->valuestring;
            int dated = f->type == AJAR_F_DATE || f->type == AJAR_F_DATETIME;
            if ((kind_is(r, "days-since") || kind_is(r, "days-until")) && !dated)
                bad(L, sub, "\"%s\" is not a date field", field);
            if (kind_is(r, "send-window") && f->type != AJAR_F_DATETIME)
                bad(L, sub, "\"%s\" is not a date-and-time field", field);
            if (!kind_is(r, "required") && strstr(field, "[]"))
                bad(L, sub, "name one field here, without []");
        }
    }
    if ((x = get(ms, M_FIELDS))) {
        const place *sub = MEMBER(at, "fields");
        int text_fields = !kind_is(r, "letter-words");
        check_path *fields = want_array(L, x, sub, 1) ? alloc(L, array_size(x) * sizeof *fields) : NULL;
        r->fields = fields;
        size_t i = 0;
        for (const cJSON *e = fields ? x->child : NULL; e; e = e->next, i++) {
            const place *item = ITEM(sub, i);
            const ajar_field_spec *f = want_field(L, e, item, "", &fields[r->nfields]);
            if (!f)
                continue;
            if (text_fields && f->type != AJAR_F_LINE && f->type != AJAR_F_TEXT)
                bad(L, item, "\"%s\" is not a text field", e->valuestring);
            else
                r->nfields++;
        }
    }
}

/* `list`, `member` and `where` (required-each, offer-maker). */
static void load_list(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *x;
    char base[PATH_MAX_LEN];
    if ((x = get(ms, M_LIST))) {
        const place *sub = MEMBER(at, "list");
        check_path list;
        const ajar_field_spec *f = want_field(L, x, sub, "", &list);
        const ajar_field_spec *fi =
            f ? ajar_schema_lookup(join(base, sizeof base, "", x->valuestring, "[]")) : NULL;
        if (f && (f->type != AJAR_F_LIST || !fi || fi->type != AJAR_F_OBJECT))
            bad(L, sub, "\"%s\" is not a list of objects", x->valuestring);
        else if (f)
            r->list = list;
    }
    join(base, sizeof base, "", r->list.text ? r->list.text : "contacts", "[]");
    if ((x = get(ms, M_MEMBER)) && want_field(L, x, MEMBER(at, "member"), base, NULL))
        r->member = x->valuestring;
    if ((x = get(ms, M_WHERE)))
        r->where = new_cond(L, x, MEMBER(at, "where"), base, 0);
}

/* The numbers, days, times and switches. */
static void load_numbers(loader *L, const members *ms, const place *at, check_rule *r)
{
    static const struct {
        enum member m;
        size_t value, has;
    } INTS[] = {
        {M_MORE_THAN, offsetof(check_rule, more_than), offsetof(check_rule, has_more_than)},
        {M_AT_MOST, offsetof(check_rule, at_most), offsetof(check_rule, has_at_most)},
        {M_FEWER_THAN, offsetof(check_rule, fewer_than), offsetof(check_rule, has_fewer_than)},
        {M_MAX_WORDS, offsetof(check_rule, max_words), offsetof(check_rule, has_max_words)},
        {M_MAX_SENTENCES, offsetof(check_rule, max_sentences), offsetof(check_rule, has_max_sentences)},
    };
    const cJSON *x;
    for (size_t i = 0; i < sizeof INTS / sizeof INTS[0]; i++)
        if ((x = get(ms, INTS[i].m)))
            want_int(L, x, MEMBER(at, MEMBER_NAMES[INTS[i].m]), (long *)((char *)r + INTS[i].value),
                     (int *)((char *)r + INTS[i].has));
    if ((x = get(ms, M_DAYS)))
        r->days = want_days(L, x, MEMBER(at, "days"));
    if ((x = get(ms, M_FROM)))
        r->from_min = want_time(L, x, MEMBER(at, "from"), 0);
    if ((x = get(ms, M_UNTIL)))
        r->until_min = want_time(L, x, MEMBER(at, "until"), 1);
    static const enum member BOOLS[] = {M_OUTSIDE, M_SHORTENED};
    for (size_t i = 0; i < 2; i++) {
        if (!(x = get(ms, BOOLS[i])))
            continue;
        if (!cJSON_IsBool(x))
            bad(L, MEMBER(at, MEMBER_NAMES[BOOLS[i]]), "expected true or false, found %s", json_kind(x));
        *(i ? &r->shortened : &r->outside) = cJSON_IsTrue(x);
    }
}

/* What the kinds need beyond single members. */
static void check_kind_needs(loader *L, const members *ms, const place *at, const check_rule *r)
{
    const char *k = r->kind->name;
    if (kind_is(r, "text-length") && !r->has_max_words && !r->has_max_sentences)
        bad(L, at, "a rule of kind text-length needs \"max_words\" or \"max_sentences\"");
    if ((kind_is(r, "days-since") || kind_is(r, "days-until")) && !r->has_more_than && !r->has_at_most)
        bad(L, at, "a rule of kind %s needs \"more_than\" or \"at_most\"", k);
    if (r->has_more_than && r->has_at_most && r->at_most <= r->more_than)
        bad(L, MEMBER(at, "at_most"), "at_most must be larger than more_than, or no day can match");
    if (kind_is(r, "letter-words") && r->has_more_than == r->has_fewer_than)
        bad(L, at, "a rule of kind letter-words needs either \"more_than\" or \"fewer_than\"");
    if (kind_is(r, "send-window") && r->from_min >= 0 && r->until_min >= 0 && get(ms, M_FROM) &&
        get(ms, M_UNTIL) && r->from_min >= r->until_min)
        bad(L, MEMBER(at, "until"), "until must be later than from");
}

static void load_rule(loader *L, const cJSON *o, const place *at, check_rule *r)
{
    memset(r, 0, sizeof *r);
    r->checklist = -1;
    if (!cJSON_IsObject(o)) {
        bad(L, at, "a rule is an object, found %s", json_kind(o));
        return;
    }
    members ms;
    read_members(L, o, &ms);
    if (!load_kind(L, &ms, at, r))
        return;
    rule_members(L, o, &ms, at, r->kind);
    load_common(L, &ms, at, r);
    load_fields(L, &ms, at, r);
    load_words(L, &ms, at, r);
    const cJSON *x;
    if ((x = get(&ms, M_LEADS)))
        load_leads(L, x, MEMBER(at, "leads"), r);
    if ((x = get(&ms, M_SUFFIXES)))
        want_names(L, x, MEMBER(at, "suffixes"), &r->suffixes, &r->nsuffixes);
    if ((x = get(&ms, M_IGNORE)))
        want_names(L, x, MEMBER(at, "ignore"), &r->ignore, &r->nignore);
    load_list(L, &ms, at, r);
    load_numbers(L, &ms, at, r);
    check_kind_needs(L, &ms, at, r);
}

void ajar_checker_free(ajar_checker *c)
{
    if (!c)
        return;
    check_arena_free(&c->arena);
    cJSON_Delete(c->doc);
    free(c);
}

/* ---- the file ------------------------------------------------------------------------- */

/* Every list under "lists", compiled, for the rules to name. */
static void load_lists(loader *L, const cJSON *lists)
{
    const place *at = MEMBER(NULL, "lists");
    if (!cJSON_IsObject(lists)) {
        bad(L, at, "expected an object of named word lists, found %s", json_kind(lists));
        return;
    }
    size_t n = 0;
    for (const cJSON *l = lists->child; l; l = l->next)
        n++;
    if (!(L->lists = alloc(L, n * sizeof *L->lists)))
        return;
    for (const cJSON *l = lists->child; l; l = l->next) {
        word_list *w = &L->lists[L->nlists++];
        w->name = l->string;
        w->n = 0;
        w->pat = alloc(L, array_size(l) * sizeof *w->pat);
        if (w->pat)
            add_patterns(L, l, MEMBER(at, l->string), w->pat, &w->n);
    }
}

static void load_item(loader *L, const cJSON *o, const place *at, ajar_checker *c)
{
    if (!cJSON_IsObject(o)) {
        bad(L, at, "expected an object with id, title and fulfilled, found %s", json_kind(o));
        return;
    }
    members ms;
    read_members(L, o, &ms);
    only_members(L, o, &ms, at, ITEM_MEMBERS, "id title fulfilled note", "a checklist rule");
    const cJSON *id = get(&ms, M_ID), *title = get(&ms, M_TITLE), *ful = get(&ms, M_FULFILLED);
    int k = cJSON_IsString(id) ? ajar_checklist_index(id->valuestring) : -1;
    if (k < 0) {
        bad(L, id ? MEMBER(at, "id") : at,
            "expected \"id\": one of prompt, honest, positive, appreciative, personal, "
            "inclusive, resource, stay-in-touch");
        return;
    }
    check_item *item = &c->items[k];
    if (item->id) {
        bad(L, MEMBER(at, "id"), "\"%s\" appears twice in the checklist", id->valuestring);
        return;
    }
    item->id = ajar_checklist_id((size_t)k);
    if (!title || want_string(L, title, MEMBER(at, "title")))
        item->title = title ? title->valuestring : id->valuestring;
    if (!ful)
        bad(L, at, "the checklist rule \"%s\" needs \"fulfilled\": when the draft meets it",
            id->valuestring);
    else
        item->fulfilled = new_cond(L, ful, MEMBER(at, "fulfilled"), "", 1);
}

static void load_checklist(loader *L, const cJSON *v, ajar_checker *c)
{
    const place *at = MEMBER(NULL, "checklist");
    if (!want_array(L, v, at, 1))
        return;
    size_t i = 0;
    for (const cJSON *o = v->child; o; o = o->next, i++)
        load_item(L, o, ITEM(at, i), c);
    for (size_t k = 0; k < AJAR_CHECKLIST_COUNT; k++)
        if (!c->items[k].id)
            bad(L, at, "the checklist lacks the rule \"%s\"", ajar_checklist_id(k));
}

/* Refuses the id of rule i when an earlier rule has it. `seen` holds, by a
 * hash of their ids, the index + 1 of the earlier rules, in `slots` slots
 * (more than there are rules). */
static void want_new_id(loader *L, const ajar_checker *c, size_t i, size_t *seen, size_t slots,
                        const place *at)
{
    const char *id = c->rules[i].id;
    uint32_t h = 2166136261u;
    for (const char *p = id; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    size_t k = h % slots;
    for (; seen[k]; k = (k + 1) % slots)
        if (strcmp(c->rules[seen[k] - 1].id, id) == 0) {
            bad(L, MEMBER(at, "id"), "the id \"%s\" is already used by rules[%zu]", id, seen[k] - 1);
            return;
        }
    seen[k] = i + 1;
}

static void load_rules(loader *L, const cJSON *rules, ajar_checker *c)
{
    const place *at = MEMBER(NULL, "rules");
    size_t n = array_size(rules), slots = 2 * n + 1;
    size_t *seen = NULL;
    if (!want_array(L, rules, at, 1) || !(c->rules = alloc(L, n * sizeof *c->rules)) ||
        !(seen = alloc(L, slots * sizeof *seen)))
        return;
    memset(seen, 0, slots * sizeof *seen);
    for (const cJSON *o = rules->child; o; o = o->next) {
        const place *here = ITEM(at, c->nrules);
        check_rule *r = &c->rules[c->nrules++];
        load_rule(L, o, here, r);
        if (r->id)
            want_new_id(L, c, c->nrules - 1, seen, slots, here);
    }
}

/* Checks and compiles the parsed rules file into c. */
static ajar_status load_file(loader *L, const cJSON *doc, ajar_checker *c)
{
    if (!cJSON_IsObject(doc)) {
        bad(L, NULL, "the rules file holds %s; expected an object", json_kind(doc));
        return AJAR_E_INVALID;
    }
    members ms;
    read_members(L, doc, &ms);
    const cJSON *version = get(&ms, M_AJAR_CHECKS);
    if (!cJSON_IsNumber(version) || version->valuedouble < 1 || version->valuedouble > 1e6 ||
        version->valuedouble != (double)(int)version->valuedouble) {
        bad(L, version ? MEMBER(NULL, "ajar_checks") : NULL,
            "expected \"ajar_checks\": %d, the version of the rules format", CHECKS_FORMAT);
        return AJAR_E_INVALID;
    }
    if (version->valuedouble > CHECKS_FORMAT) {
        int line, col;
        ajar_json_position(L->text, locate(L->text, L->len, "ajar_checks"), &line, &col);
        return ajar_errors_add(L->errs, AJAR_E_VERSION, L->origin, "ajar_checks", line, col, 0,
                               "these rules are in format %d; this ajar reads format %d",
                               version->valueint, CHECKS_FORMAT);
    }
    only_members(L, doc, &ms, NULL, TOP_MEMBERS, "ajar_checks note lists checklist rules",
                 "the rules file");
    size_t nkinds;
    check_kinds(&nkinds);
    if ((L->kinds = alloc(L, nkinds * sizeof *L->kinds)))
        memset(L->kinds, 0, nkinds * sizeof *L->kinds);
    const cJSON *lists = get(&ms, M_LISTS);
    if (lists)
        load_lists(L, lists);
    load_checklist(L, get(&ms, M_CHECKLIST), c);
    if (L->kinds)
        load_rules(L, get(&ms, M_RULES), c);
    if (L->nomem && !L->failed)
        return ajar_errors_add(L->errs, AJAR_E_NOMEM, L->origin, NULL, 0, 0, 0, "out of memory");
    return L->failed ? AJAR_E_INVALID : AJAR_OK;
}

ajar_status ajar_checker_parse(const char *text, size_t len, const char *origin,
                               ajar_checker **out, ajar_errors *errs)
{
    *out = NULL;
    cJSON *doc = NULL;
    ajar_status st = ajar_json_parse(text, len, origin, &doc, errs);
    if (st != AJAR_OK)
        return st;
    ajar_checker *c = calloc(1, sizeof *c);
    if (!c) {
        cJSON_Delete(doc);
        return ajar_errors_add(errs, AJAR_E_NOMEM, origin, NULL, 0, 0, 0, "out of memory");
    }
    /* The compiled rules take about as much room as their text. */
    c->arena.first_size = len;
    loader L;
    memset(&L, 0, sizeof L);
    L.text = text;
    L.len = len;
    L.origin = origin;
    L.errs = errs;
    L.arena = &c->arena;
    index_members(&L);
    L.common = members_named(&L, COMMON_MEMBERS);
    L.common_required = members_named(&L, COMMON_REQUIRED);
    c->doc = doc;
    st = load_file(&L, doc, c);
    if (st != AJAR_OK) {
        ajar_checker_free(c);
        return st;
    }
    *out = c;
    return AJAR_OK;
}

ajar_status ajar_checker_open(const char *data_dir, ajar_checker **out, ajar_errors *errs)
{
    *out = NULL;
    char *data = ajar_path_join(data_dir, "data");
    char *path = data ? ajar_path_join(data, "checks.json") : NULL;
    free(data);
    if (!path)
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    char *text = NULL;
    size_t len = 0;
    ajar_status st = ajar_store_read_file(path, CHECKS_MAX_BYTES, &text, &len, errs);
    if (st == AJAR_OK)
        st = ajar_checker_parse(text, len, path, out, errs);
    free(text);
    free(path);
    return st;
}
