/* check_loader.c — reading the rules file's values: where each sits (field path, line, column), member names, strings and arrays, draft fields, conditions. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/json.h"
#include "check_loader.h"

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
    char num[CHECK_INDEX_TEXT];
    const char *item = check_index_text(at->index, num);
    put(buf, size, &len, len + strlen(item) + 1 > size ? "[?]" : item);
    return len;
}

/* ---- member names ---------------------------------------------------------------------- */

const char *const loader_member_names[M_COUNT] = {
    "id", "kind", "severity", "checklist", "group", "when", "message", "suggestion", "note",
    "field", "fields", "words", "lists", "leads", "suffixes", "ignore", "list", "member",
    "where", "more_than", "at_most", "fewer_than", "max_words", "max_sentences", "days",
    "from", "until", "outside", "shortened",
    "all", "any", "not", "no_findings", "some", "every", "then", "answered", "equals", "in",
    "not_in",
    "title", "fulfilled", "ajar_checks", "rules",
};

/* Where the table looks first for the name s (at least one byte): a hash
 * of its first two bytes. */
static unsigned member_hash(const char *s)
{
    return ((unsigned char)s[0] * 7u + (unsigned char)s[1]) % MEMBER_SLOTS;
}

static void index_members(loader *L)
{
    memset(L->slot, -1, sizeof L->slot);
    for (int m = 0; m < M_COUNT; m++) {
        unsigned h = member_hash(loader_member_names[m]);
        while (L->slot[h] >= 0)
            h = (h + 1) % MEMBER_SLOTS;
        L->slot[h] = (signed char)m;
    }
}

/* The index of the member name s, or -1 for a name the file does not know. */
static int member_index(const loader *L, const char *s)
{
    if (!s[0])
        return -1;
    for (unsigned h = member_hash(s); L->slot[h] >= 0; h = (h + 1) % MEMBER_SLOTS) {
        const char *name = loader_member_names[L->slot[h]];
        if (name[0] == s[0] && name[1] == s[1] && strcmp(name, s) == 0)
            return L->slot[h];
    }
    return -1;
}

void loader_init(loader *L, const char *text, size_t len, const char *origin, ajar_errors *errs,
                 check_arena *arena)
{
    memset(L, 0, sizeof *L);
    L->text = text;
    L->len = len;
    L->origin = origin;
    L->errs = errs;
    L->arena = arena;
    index_members(L);
}

void loader_position(const loader *L, const char *path, int *line, int *column)
{
    ajar_json_position(L->text, locate(L->text, L->len, path), line, column);
}

void loader_read_members(const loader *L, const cJSON *obj, members *ms)
{
    ms->present = 0;
    ms->unknown = 0;
    for (const cJSON *m = obj->child; m; m = m->next) {
        int i = member_index(L, m->string);
        if (i < 0) {
            ms->unknown = 1;
            continue;
        }
        ms->of[i] = m;
        ms->present |= BIT(i);
    }
}

member_set loader_members_named(const loader *L, const char *names)
{
    member_set set = 0;
    char name[32];
    for (const char *p = names; *p;) {
        size_t n = strcspn(p, " ");
        if (n < sizeof name) {
            memcpy(name, p, n);
            name[n] = '\0';
            int i = member_index(L, name);
            set |= i >= 0 ? BIT(i) : 0;
        }
        p += n;
        p += *p == ' ';
    }
    return set;
}

void loader_bad(loader *L, const place *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = ajar_vasprintf(fmt, ap);
    va_end(ap);
    char path[LOADER_PATH_MAX];
    path_of(at, path, sizeof path);
    int line, col;
    ajar_json_position(L->text, locate(L->text, L->len, path), &line, &col);
    ajar_errors_add(L->errs, msg ? AJAR_E_INVALID : AJAR_E_NOMEM, L->origin, *path ? path : NULL,
                    line, col, 0, "%s", msg ? msg : "out of memory");
    free(msg);
    L->failed = 1;
}

void loader_only_members(loader *L, const cJSON *obj, const members *ms, const place *at,
                         member_set allowed, const char *allowed_text, const char *what)
{
    if (!ms->unknown && !(ms->present & ~allowed))
        return;
    for (const cJSON *m = obj->child; m; m = m->next) {
        int i = member_index(L, m->string);
        if (i < 0 || !(allowed & BIT(i)))
            loader_bad(L, MEMBER(at, m->string), "unknown member \"%s\" in %s (allowed: %s)",
                       m->string, what, allowed_text);
    }
}

void *loader_alloc(loader *L, size_t n)
{
    void *p = check_arena_alloc(L->arena, n);
    if (!p)
        L->nomem = 1;
    return p;
}

size_t loader_array_size(const cJSON *v)
{
    size_t n = 0;
    for (const cJSON *e = cJSON_IsArray(v) ? v->child : NULL; e; e = e->next)
        n++;
    return n;
}

const char *loader_json_kind(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "true/false";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "null";
}

int loader_want_string(loader *L, const cJSON *v, const place *at)
{
    if (cJSON_IsString(v) && *v->valuestring)
        return 1;
    loader_bad(L, at, "expected a non-empty string, found %s",
               cJSON_IsString(v) ? "\"\"" : loader_json_kind(v));
    return 0;
}

int loader_want_array(loader *L, const cJSON *v, const place *at, int nonempty)
{
    if (cJSON_IsArray(v) && (!nonempty || v->child))
        return 1;
    loader_bad(L, at, "expected %s, found %s", nonempty ? "a non-empty array" : "an array",
               cJSON_IsArray(v) ? "an empty one" : loader_json_kind(v));
    return 0;
}

/* ---- draft fields ------------------------------------------------------------------------ */

const char *loader_join(char *buf, size_t size, const char *base, const char *field,
                        const char *tail)
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
    char full[LOADER_PATH_MAX];
    return ajar_schema_lookup(*base ? loader_join(full, sizeof full, base, field, "") : field);
}

/* Compiles a field loader_want_field accepted (each [ followed by ]) into its
 * steps: member names cut out of one copy of it, NULL for each []. */
static check_path compile_path(loader *L, const char *field)
{
    check_path p = {field, NULL, 0, 1};
    size_t len = strlen(field), most = 1;
    for (const char *s = field; (s = strpbrk(s, ".[")); s++)
        most++;
    p.keys = loader_alloc(L, most * sizeof *p.keys);
    char *s = loader_alloc(L, len + 1);
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

const ajar_field_spec *loader_want_field(loader *L, const cJSON *v, const place *at,
                                         const char *base, check_path *path)
{
    if (!loader_want_string(L, v, at))
        return NULL;
    known_field *known = known_slot(L, v->valuestring);
    if (known->path.text && strcmp(known->path.text, v->valuestring) == 0 &&
        known->base[0] == base[0] && (!base[0] || strcmp(known->base, base) == 0)) {
        if (path)
            *path = known->path;
        return known->spec;
    }
    for (const char *b = strchr(v->valuestring, '['); b; b = strchr(b + 1, '['))
        if (b[1] != ']') {
            loader_bad(L, at,
                       "\"%s\": write [] for every item of a list; a rule cannot name one item",
                       v->valuestring);
            return NULL;
        }
    const ajar_field_spec *f = schema_field(base, v->valuestring);
    if (!f)
        loader_bad(L, at, "\"%s\" is not a field of the draft format (see docs/draft-format.md)",
                   v->valuestring);
    if (!f || !path)
        return f;
    *path = compile_path(L, v->valuestring);
    if (strchr(v->valuestring, '*')) {
        loader_bad(L, at, "\"%s\" is not a field of the draft format (see docs/draft-format.md)",
                   v->valuestring);
    } else if (path->keys && (known->base = *base ? check_arena_strdup(L->arena, base) : "")) {
        known->path = *path;
        known->spec = f;
    }
    return f;
}

/* What a field condition may hold. */
#define FIELD_COND_MEMBERS                                                                         \
    (BIT(M_FIELD) | BIT(M_ANSWERED) | BIT(M_EQUALS) | BIT(M_IN) | BIT(M_NOT_IN))

/* ---- conditions ---------------------------------------------------------------------- */

static void load_cond(loader *L, const cJSON *c, const place *at, const char *base,
                      int in_checklist, check_cond *out);

const check_cond *loader_cond(loader *L, const cJSON *c, const place *at, const char *base,
                              int in_checklist)
{
    check_cond *cond = loader_alloc(L, sizeof *cond);
    if (cond)
        load_cond(L, c, at, base, in_checklist, cond);
    return cond;
}

static void load_cond_list(loader *L, const cJSON *v, const place *at, const char *base, int cl,
                           check_cond *out)
{
    if (!loader_want_array(L, v, at, 1))
        return;
    check_cond *kids = loader_alloc(L, loader_array_size(v) * sizeof *kids);
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

int loader_severity(const char *s)
{
    for (int i = 0; i < AJAR_SEV_COUNT; i++) {
        const char *name = ajar_severity_name((ajar_severity)i);
        if (name[0] == s[0] && strcmp(name, s) == 0)
            return i;
    }
    return -1;
}

static void load_no_findings(loader *L, const cJSON *x, const place *at, int in_checklist,
                             check_cond *out)
{
    int s = cJSON_IsString(x) ? loader_severity(x->valuestring) : -1;
    out->op = CHECK_NO_FINDINGS;
    out->severity = s < 0 ? AJAR_SEV_INFO : (ajar_severity)s;
    if (!in_checklist)
        loader_bad(L, at, "no_findings may only be used in the checklist");
    else if (s < 0)
        loader_bad(L, at, "expected a severity: \"info\", \"warning\" or \"error\"");
}

static void load_some_every(loader *L, const cJSON *c, const members *ms, const place *at,
                            const char *base, int cl, check_cond *out)
{
    const cJSON *some = GET(ms, M_SOME), *x = some ? some : GET(ms, M_EVERY);
    out->op = some ? CHECK_SOME : CHECK_EVERY;
    loader_only_members(
        L, c, ms, at, some ? BIT(M_SOME) | BIT(M_WHERE) : BIT(M_EVERY) | BIT(M_WHERE) | BIT(M_THEN),
        some ? "some where" : "every where then", "this condition");
    const place *sub = MEMBER(at, x->string);
    const ajar_field_spec *f = loader_want_field(L, x, sub, base, &out->path);
    if (f && f->type != AJAR_F_LIST) {
        loader_bad(L, sub, "\"%s\" is not a list", x->valuestring);
        return;
    }
    if (!f)
        return;
    char item[LOADER_PATH_MAX];
    loader_join(item, sizeof item, base, x->valuestring, "[]");
    const cJSON *where = GET(ms, M_WHERE), *then = GET(ms, M_THEN);
    if (some && !where)
        loader_bad(L, at, "\"some\" needs \"where\": the condition an item must meet");
    if (!some && !then)
        loader_bad(L, at, "\"every\" needs \"then\": the condition every item must meet");
    if (where)
        out->where = loader_cond(L, where, MEMBER(at, "where"), item, cl);
    if (then)
        out->then = loader_cond(L, then, MEMBER(at, "then"), item, cl);
}

/* The test of a field condition: answered, equals, in or not_in. */
static void load_test(loader *L, const cJSON *x, enum member m, const place *at, check_cond *out)
{
    if (m == M_ANSWERED) {
        out->op = CHECK_ANSWERED;
        out->answered = cJSON_IsTrue(x);
        if (!cJSON_IsBool(x))
            loader_bad(L, at, "expected true or false, found %s", loader_json_kind(x));
        return;
    }
    out->values = x;
    if (m == M_EQUALS) {
        out->op = CHECK_EQUALS;
        if (!is_scalar(x))
            loader_bad(L, at, "expected a string, number, true, false or null, found %s",
                       loader_json_kind(x));
        return;
    }
    out->op = m == M_IN ? CHECK_IN : CHECK_NOT_IN;
    if (!loader_want_array(L, x, at, 1))
        return;
    size_t k = 0;
    for (const cJSON *e = x->child; e; e = e->next, k++)
        if (!is_scalar(e))
            loader_bad(L, ITEM(at, k), "expected a string, number, true, false or null, found %s",
                       loader_json_kind(e));
}

static void load_field_cond(loader *L, const cJSON *c, const members *ms, const place *at,
                            const char *base, int in_checklist, check_cond *out)
{
    const cJSON *field = GET(ms, M_FIELD);
    if (!field) {
        loader_bad(L, at, "a condition needs one of field, all, any, not, some, every%s",
                   in_checklist ? ", no_findings" : "");
        return;
    }
    loader_want_field(L, field, MEMBER(at, "field"), base, &out->path);
    int tests = 0;
    static const enum member TESTS[] = {M_ANSWERED, M_EQUALS, M_IN, M_NOT_IN};
    for (size_t i = 0; i < 4; i++) {
        const cJSON *x = GET(ms, TESTS[i]);
        if (x) {
            tests++;
            load_test(L, x, TESTS[i], MEMBER(at, loader_member_names[TESTS[i]]), out);
        }
    }
    loader_only_members(L, c, ms, at, FIELD_COND_MEMBERS, "field answered equals in not_in",
                        "this condition");
    if (tests != 1)
        loader_bad(L, at, "a field condition needs exactly one of answered, equals, in, not_in");
}

static void load_cond(loader *L, const cJSON *c, const place *at, const char *base,
                      int in_checklist, check_cond *out)
{
    memset(out, 0, sizeof *out);
    if (!cJSON_IsObject(c)) {
        loader_bad(L, at, "a condition is an object, found %s", loader_json_kind(c));
        return;
    }
    members ms;
    loader_read_members(L, c, &ms);
    const cJSON *x;
    if ((x = GET(&ms, M_ALL)) || (x = GET(&ms, M_ANY))) {
        out->op = x == GET(&ms, M_ALL) ? CHECK_ALL : CHECK_ANY;
        loader_only_members(L, c, &ms, at, BIT(out->op == CHECK_ALL ? M_ALL : M_ANY), x->string,
                            "this condition");
        load_cond_list(L, x, MEMBER(at, x->string), base, in_checklist, out);
    } else if ((x = GET(&ms, M_NOT))) {
        out->op = CHECK_NOT;
        loader_only_members(L, c, &ms, at, BIT(M_NOT), "not", "this condition");
        out->kids = loader_cond(L, x, MEMBER(at, "not"), base, in_checklist);
        out->nkids = 1;
    } else if ((x = GET(&ms, M_NO_FINDINGS))) {
        loader_only_members(L, c, &ms, at, BIT(M_NO_FINDINGS), "no_findings", "this condition");
        load_no_findings(L, x, MEMBER(at, "no_findings"), in_checklist, out);
    } else if (GET(&ms, M_SOME) || GET(&ms, M_EVERY)) {
        load_some_every(L, c, &ms, at, base, in_checklist, out);
    } else {
        load_field_cond(L, c, &ms, at, base, in_checklist, out);
    }
}
