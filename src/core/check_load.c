/* check_load.c — reads data/checks.json into the rule table; every mistake is named by file, field path, line and column. */
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

/* ---- the loader ------------------------------------------------------------------------ */

typedef struct loader {
    const char *text;
    size_t len;
    const char *origin;
    ajar_errors *errs;
    int failed;
    int nomem;
    const cJSON *lists;
} loader;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void bad(loader *L, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = ajar_vasprintf(fmt, ap);
    va_end(ap);
    int line, col;
    ajar_json_position(L->text, locate(L->text, L->len, path), &line, &col);
    ajar_errors_add(L->errs, msg ? AJAR_E_INVALID : AJAR_E_NOMEM, L->origin,
                    *path ? path : NULL, line, col, 0, "%s", msg ? msg : "out of memory");
    free(msg);
    L->failed = 1;
}

/* snprintf into a fixed buffer; a path too long for it is cut, which only
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

/* A path below `path`: `path.key` or `path[i]`, into a caller's buffer. */
static const char *sub_key(char *buf, size_t size, const char *path, const char *key)
{
    /* by hand: this runs for every member of the rules file */
    size_t p = strlen(path), k = strlen(key), dot = p ? 1 : 0;
    if (size == 0)
        return buf;
    if (p + dot + k + 1 > size) {
        bprintf(buf, size, "%s%s%s", path, dot ? "." : "", key); /* cut, as before */
        return buf;
    }
    memmove(buf, path, p);
    if (dot)
        buf[p] = '.';
    memcpy(buf + p + dot, key, k + 1);
    return buf;
}

static const char *sub_index(char *buf, size_t size, const char *path, size_t i)
{
    char num[24];
    size_t n = 0;
    do {
        num[n++] = (char)('0' + i % 10);
        i /= 10;
    } while (i && n < sizeof num);
    size_t p = strlen(path);
    if (p + n + 3 > size) {
        bprintf(buf, size, "%s[?]", path);
        return buf;
    }
    memmove(buf, path, p);
    buf[p] = '[';
    for (size_t k = 0; k < n; k++)
        buf[p + 1 + k] = num[n - 1 - k];
    buf[p + 1 + n] = ']';
    buf[p + 2 + n] = '\0';
    return buf;
}

#define PATH_MAX_LEN 512

static const char *json_kind(const cJSON *v)
{
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsBool(v)) return "true/false";
    if (cJSON_IsArray(v)) return "an array";
    if (cJSON_IsObject(v)) return "an object";
    return "null";
}

static int want_string(loader *L, const cJSON *v, const char *path)
{
    if (cJSON_IsString(v) && *v->valuestring)
        return 1;
    bad(L, path, "expected a non-empty string, found %s", cJSON_IsString(v) ? "\"\"" : json_kind(v));
    return 0;
}

static int want_array(loader *L, const cJSON *v, const char *path, int nonempty)
{
    if (cJSON_IsArray(v) && (!nonempty || v->child))
        return 1;
    bad(L, path, "expected %s, found %s", nonempty ? "a non-empty array" : "an array",
        cJSON_IsArray(v) ? "an empty one" : json_kind(v));
    return 0;
}

/* Refuses members of obj not named in the space-separated `allowed`. */
static void only_members(loader *L, const cJSON *obj, const char *path, const char *allowed,
                         const char *what)
{
    for (const cJSON *m = obj->child; m; m = m->next) {
        size_t n = strlen(m->string);
        const char *a = allowed;
        int ok = 0;
        while (*a && !ok) {
            size_t k = strcspn(a, " ");
            ok = k == n && strncmp(a, m->string, n) == 0;
            a += k;
            a += *a == ' ';
        }
        if (!ok) {
            char sub[PATH_MAX_LEN];
            bad(L, sub_key(sub, sizeof sub, path, m->string),
                "unknown member \"%s\" in %s (allowed: %s)", m->string, what, allowed);
        }
    }
}

static int has_word(const char *list, const char *name)
{
    size_t n = strlen(name);
    while (*list) {
        size_t k = strcspn(list, " ");
        if (k == n && strncmp(list, name, n) == 0)
            return 1;
        list += k;
        list += *list == ' ';
    }
    return 0;
}

/* The schema field a path names, relative to base (a pattern such as
 * `contacts[]`, or "" for the draft). */
static const ajar_field_spec *schema_field(const char *base, const char *field)
{
    char full[PATH_MAX_LEN];
    bprintf(full, sizeof full, "%s%s%s", base, *base ? "." : "", field);
    return ajar_schema_lookup(full);
}

static const ajar_field_spec *want_field(loader *L, const cJSON *v, const char *path,
                                         const char *base)
{
    if (!want_string(L, v, path))
        return NULL;
    for (const char *b = strchr(v->valuestring, '['); b; b = strchr(b + 1, '['))
        if (b[1] != ']') {
            bad(L, path, "\"%s\": write [] for every item of a list; a rule cannot name one item",
                v->valuestring);
            return NULL;
        }
    const ajar_field_spec *f = schema_field(base, v->valuestring);
    if (!f || strchr(v->valuestring, '*'))
        bad(L, path, "\"%s\" is not a field of the draft format (see docs/draft-format.md)",
            v->valuestring);
    return f;
}

/* ---- conditions ---------------------------------------------------------------------- */

static void check_cond(loader *L, const cJSON *c, const char *path, const char *base, int in_checklist);

static void check_cond_list(loader *L, const cJSON *v, const char *path, const char *base, int cl)
{
    if (!want_array(L, v, path, 1))
        return;
    size_t i = 0;
    char sub[PATH_MAX_LEN];
    for (const cJSON *c = v->child; c; c = c->next, i++)
        check_cond(L, c, sub_index(sub, sizeof sub, path, i), base, cl);
}

static int is_scalar(const cJSON *v)
{
    return cJSON_IsString(v) || cJSON_IsNumber(v) || cJSON_IsBool(v) || cJSON_IsNull(v);
}

static void check_cond(loader *L, const cJSON *c, const char *path, const char *base, int in_checklist)
{
    char sub[PATH_MAX_LEN];
    if (!cJSON_IsObject(c)) {
        bad(L, path, "a condition is an object, found %s", json_kind(c));
        return;
    }
    const cJSON *x;
    if ((x = cJSON_GetObjectItemCaseSensitive(c, "all")) ||
        (x = cJSON_GetObjectItemCaseSensitive(c, "any"))) {
        only_members(L, c, path, x->string, "this condition");
        check_cond_list(L, x, sub_key(sub, sizeof sub, path, x->string), base, in_checklist);
        return;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(c, "not"))) {
        only_members(L, c, path, "not", "this condition");
        check_cond(L, x, sub_key(sub, sizeof sub, path, "not"), base, in_checklist);
        return;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(c, "no_findings"))) {
        only_members(L, c, path, "no_findings", "this condition");
        sub_key(sub, sizeof sub, path, "no_findings");
        if (!in_checklist)
            bad(L, sub, "no_findings may only be used in the checklist");
        else if (!cJSON_IsString(x) || (strcmp(x->valuestring, "info") != 0 &&
                                        strcmp(x->valuestring, "warning") != 0 &&
                                        strcmp(x->valuestring, "error") != 0))
            bad(L, sub, "expected a severity: \"info\", \"warning\" or \"error\"");
        return;
    }
    const cJSON *some = cJSON_GetObjectItemCaseSensitive(c, "some");
    const cJSON *every = cJSON_GetObjectItemCaseSensitive(c, "every");
    if (some || every) {
        x = some ? some : every;
        only_members(L, c, path, some ? "some where" : "every where then", "this condition");
        const ajar_field_spec *f = want_field(L, x, sub_key(sub, sizeof sub, path, x->string), base);
        if (f && f->type != AJAR_F_LIST) {
            bad(L, sub, "\"%s\" is not a list", x->valuestring);
            return;
        }
        if (!f)
            return;
        char item[PATH_MAX_LEN];
        bprintf(item, sizeof item, "%s%s%s[]", base, *base ? "." : "", x->valuestring);
        const cJSON *where = cJSON_GetObjectItemCaseSensitive(c, "where");
        const cJSON *then = cJSON_GetObjectItemCaseSensitive(c, "then");
        if (some && !where)
            bad(L, path, "\"some\" needs \"where\": the condition an item must meet");
        if (every && !then)
            bad(L, path, "\"every\" needs \"then\": the condition every item must meet");
        if (where)
            check_cond(L, where, sub_key(sub, sizeof sub, path, "where"), item, in_checklist);
        if (then)
            check_cond(L, then, sub_key(sub, sizeof sub, path, "then"), item, in_checklist);
        return;
    }
    const cJSON *field = cJSON_GetObjectItemCaseSensitive(c, "field");
    if (!field) {
        bad(L, path, "a condition needs one of field, all, any, not, some, every%s",
            in_checklist ? ", no_findings" : "");
        return;
    }
    want_field(L, field, sub_key(sub, sizeof sub, path, "field"), base);
    int tests = 0;
    static const char *const TESTS[] = {"answered", "equals", "in", "not_in"};
    for (size_t i = 0; i < 4; i++) {
        x = cJSON_GetObjectItemCaseSensitive(c, TESTS[i]);
        if (!x)
            continue;
        tests++;
        sub_key(sub, sizeof sub, path, TESTS[i]);
        if (i == 0 && !cJSON_IsBool(x))
            bad(L, sub, "expected true or false, found %s", json_kind(x));
        if (i == 1 && !is_scalar(x))
            bad(L, sub, "expected a string, number, true, false or null, found %s", json_kind(x));
        if (i >= 2 && want_array(L, x, sub, 1)) {
            size_t k = 0;
            char item[PATH_MAX_LEN];
            for (const cJSON *e = x->child; e; e = e->next, k++)
                if (!is_scalar(e))
                    bad(L, sub_index(item, sizeof item, sub, k),
                        "expected a string, number, true, false or null, found %s", json_kind(e));
        }
    }
    only_members(L, c, path, "field answered equals in not_in", "this condition");
    if (tests != 1)
        bad(L, path, "a field condition needs exactly one of answered, equals, in, not_in");
}

/* ---- rule members ----------------------------------------------------------------------- */

static void want_int(loader *L, const cJSON *v, const char *path, long *out, int *has)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < -100000 || v->valuedouble > 100000 ||
        v->valuedouble != (double)(long)v->valuedouble) {
        bad(L, path, "expected a whole number from -100000 to 100000, found %s",
            cJSON_IsNumber(v) ? "another number" : json_kind(v));
        return;
    }
    *out = (long)v->valuedouble;
    *has = 1;
}

/* Appends compiled patterns from the array v to *list. With `quiet`, the
 * array was checked before (a named list) and bad entries are skipped. */
static void add_patterns(loader *L, const cJSON *v, const char *path, check_pattern **list,
                         size_t *n, int quiet)
{
    if (quiet ? !cJSON_IsArray(v) || !v->child : !want_array(L, v, path, 1))
        return;
    size_t count = (size_t)cJSON_GetArraySize(v);
    check_pattern *p = realloc(*list, (*n + count) * sizeof *p);
    if (!p) {
        L->nomem = 1;
        return;
    }
    *list = p;
    size_t i = 0;
    char sub[PATH_MAX_LEN];
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        sub_index(sub, sizeof sub, path, i);
        if (quiet ? !cJSON_IsString(e) : !want_string(L, e, sub))
            continue;
        int nomem = 0;
        if (check_pattern_compile(e->valuestring, &p[*n], &nomem))
            (*n)++;
        else if (nomem)
            L->nomem = 1;
        else if (!quiet)
            bad(L, sub, "\"%s\" holds no word to look for", e->valuestring);
    }
}

static void want_strings(loader *L, const cJSON *v, const char *path, const char ***out, size_t *n)
{
    if (!want_array(L, v, path, 1))
        return;
    *out = calloc((size_t)cJSON_GetArraySize(v), sizeof **out);
    if (!*out) {
        L->nomem = 1;
        return;
    }
    size_t i = 0;
    char sub[PATH_MAX_LEN];
    for (const cJSON *e = v->child; e; e = e->next, i++)
        if (want_string(L, e, sub_index(sub, sizeof sub, path, i)))
            (*out)[(*n)++] = e->valuestring;
}

static int want_time(loader *L, const cJSON *v, const char *path, int allow_24)
{
    const char *s = cJSON_IsString(v) ? v->valuestring : "";
    int ok = strlen(s) == 5 && s[2] == ':';
    for (int i = 0; ok && i < 5; i++)
        ok = i == 2 || (s[i] >= '0' && s[i] <= '9');
    int h = ok ? (s[0] - '0') * 10 + (s[1] - '0') : 0, m = ok ? (s[3] - '0') * 10 + (s[4] - '0') : 0;
    if (!ok || m > 59 || h > 24 || (h == 24 && (m || !allow_24))) {
        bad(L, path, "expected a time written HH:MM from 00:00 to %s", allow_24 ? "24:00" : "23:59");
        return -1;
    }
    return h * 60 + m;
}

static const char *const WEEKDAYS[7] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

static unsigned want_days(loader *L, const cJSON *v, const char *path)
{
    unsigned mask = 0;
    if (!want_array(L, v, path, 1))
        return 0;
    size_t i = 0;
    char sub[PATH_MAX_LEN];
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        int d = -1;
        for (int k = 0; k < 7 && cJSON_IsString(e); k++)
            if (strcmp(WEEKDAYS[k], e->valuestring) == 0)
                d = k;
        if (d < 0)
            bad(L, sub_index(sub, sizeof sub, path, i),
                "expected a day of the week in lower case (monday ... sunday)");
        else
            mask |= 1u << d;
    }
    return mask;
}

/* Checks the placeholders of a message against the kind's values (a `#`
 * before a name in kind->vars marks a number, which may take the plural
 * form {name|one|many}). */
static void check_placeholders(loader *L, const cJSON *v, const char *path, const check_kind *k)
{
    for (const char *p = v->valuestring; (p = strchr(p, '{'));) {
        const char *close = strchr(p, '}');
        const char *next_open = strchr(p + 1, '{');
        if (!close || (next_open && next_open < close)) {
            bad(L, path, "a '{' without its '}'");
            return;
        }
        const char *bar = memchr(p + 1, '|', (size_t)(close - p - 1));
        size_t n = (size_t)((bar ? bar : close) - p - 1);
        char name[64] = "";
        if (n < sizeof name)
            memcpy(name, p + 1, n), name[n] = '\0';
        char numeric[66];
        bprintf(numeric, sizeof numeric, "#%s", name);
        int is_num = has_word(k->vars, numeric);
        if (!is_num && !(n && has_word(k->vars, name))) {
            char shown[64], has[128];
            bprintf(shown, sizeof shown, "%.*s", (int)(close - p + 1 < 60 ? close - p + 1 : 60), p);
            size_t h = 0;
            for (const char *q = k->vars; *q && h + 1 < sizeof has; q++)
                if (*q != '#')
                    has[h++] = *q;
            has[h] = '\0';
            bad(L, path, "unknown placeholder %s for a rule of kind %s (it has: %s)", shown,
                k->name, h ? has : "none");
        } else if (bar && !is_num) {
            bad(L, path, "{%s|...} is only for numbers", name);
        } else if (bar && !memchr(bar + 1, '|', (size_t)(close - bar - 1))) {
            bad(L, path, "write the plural form as {%s|one|many}", name);
        }
        p = close + 1;
    }
}

static const char *const COMMON_MEMBERS = "id kind severity checklist group when message suggestion note";

static void load_rule(loader *L, const cJSON *o, const char *path, check_rule *r)
{
    char sub[PATH_MAX_LEN];
    memset(r, 0, sizeof *r);
    r->checklist = -1;
    if (!cJSON_IsObject(o)) {
        bad(L, path, "a rule is an object, found %s", json_kind(o));
        return;
    }
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, "kind");
    sub_key(sub, sizeof sub, path, "kind");
    if (!x) {
        bad(L, path, "the rule has no \"kind\"");
        return;
    }
    if (!want_string(L, x, sub))
        return;
    r->kind = check_kind_find(x->valuestring);
    if (!r->kind) {
        size_t nk;
        const check_kind *kinds = check_kinds(&nk);
        ajar_strbuf names;
        ajar_strbuf_init(&names);
        for (size_t i = 0; i < nk; i++)
            ajar_strbuf_printf(&names, "%s%s", i ? ", " : "", kinds[i].name);
        char *all = ajar_strbuf_take(&names);
        bad(L, sub, "unknown kind \"%s\" (known: %s)", x->valuestring, all ? all : "?");
        free(all);
        return;
    }
    const check_kind *k = r->kind;
    char allowed[512];
    bprintf(allowed, sizeof allowed, "%s %s %s", COMMON_MEMBERS, k->required, k->optional);
    char what[64];
    bprintf(what, sizeof what, "a rule of kind %s", k->name);
    only_members(L, o, path, allowed, what);
    /* Required members, common and of the kind. */
    char required[256];
    bprintf(required, sizeof required, "id severity message suggestion %s", k->required);
    for (const char *p = required; *p;) {
        size_t n = strcspn(p, " ");
        char name[32];
        bprintf(name, sizeof name, "%.*s", (int)n, p);
        if (n && !cJSON_GetObjectItemCaseSensitive(o, name))
            bad(L, path, "a rule of kind %s needs \"%s\"", k->name, name);
        p += n;
        p += *p == ' ';
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "id")) &&
        want_string(L, x, sub_key(sub, sizeof sub, path, "id"))) {
        r->id = x->valuestring;
        for (const char *p = r->id; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
                bad(L, sub, "a rule id is written with a-z, 0-9 and '-' only");
                break;
            }
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "severity"))) {
        sub_key(sub, sizeof sub, path, "severity");
        int s = -1;
        for (int i = 0; i < AJAR_SEV_COUNT && cJSON_IsString(x); i++)
            if (strcmp(ajar_severity_name((ajar_severity)i), x->valuestring) == 0)
                s = i;
        if (s < 0)
            bad(L, sub, "expected \"info\", \"warning\" or \"error\"");
        else
            r->severity = (ajar_severity)s;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "checklist")) && !cJSON_IsNull(x)) {
        sub_key(sub, sizeof sub, path, "checklist");
        r->checklist = cJSON_IsString(x) ? ajar_checklist_index(x->valuestring) : -1;
        if (r->checklist < 0)
            bad(L, sub, "expected one of the eight rules (prompt, honest, positive, appreciative, "
                        "personal, inclusive, resource, stay-in-touch) or null");
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "group")) &&
        want_string(L, x, sub_key(sub, sizeof sub, path, "group")))
        r->group = x->valuestring;
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "note")) && !cJSON_IsString(x))
        bad(L, sub_key(sub, sizeof sub, path, "note"), "expected a string, found %s", json_kind(x));
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "when"))) {
        check_cond(L, x, sub_key(sub, sizeof sub, path, "when"), "", 0);
        r->when = x;
    }
    static const char *const TEXTS[] = {"message", "suggestion"};
    for (size_t i = 0; i < 2; i++) {
        x = cJSON_GetObjectItemCaseSensitive(o, TEXTS[i]);
        sub_key(sub, sizeof sub, path, TEXTS[i]);
        if (!x || !want_string(L, x, sub))
            continue;
        if (ajar_utf8_find_control(x->valuestring, strlen(x->valuestring), 0) != (size_t)-1)
            bad(L, sub, "holds a control character; a message is one line of text");
        check_placeholders(L, x, sub, k);
        *(i ? &r->suggestion : &r->message) = x->valuestring;
    }

    /* Members of the kinds. */
    int text_fields = strcmp(k->name, "letter-words") != 0;
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "field"))) {
        sub_key(sub, sizeof sub, path, "field");
        const ajar_field_spec *f = want_field(L, x, sub, "");
        if (f) {
            r->field = x->valuestring;
            int dated = f->type == AJAR_F_DATE || f->type == AJAR_F_DATETIME;
            if ((!strcmp(k->name, "days-since") || !strcmp(k->name, "days-until")) && !dated)
                bad(L, sub, "\"%s\" is not a date field", r->field);
            if (!strcmp(k->name, "send-window") && f->type != AJAR_F_DATETIME)
                bad(L, sub, "\"%s\" is not a date-and-time field", r->field);
            if (strcmp(k->name, "required") != 0 && strstr(r->field, "[]"))
                bad(L, sub, "name one field here, without []");
        }
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "fields"))) {
        sub_key(sub, sizeof sub, path, "fields");
        if (want_array(L, x, sub, 1)) {
            r->fields = calloc((size_t)cJSON_GetArraySize(x), sizeof *r->fields);
            if (!r->fields)
                L->nomem = 1;
            size_t i = 0;
            char item[PATH_MAX_LEN];
            for (const cJSON *e = x->child; e && r->fields; e = e->next, i++) {
                const ajar_field_spec *f = want_field(L, e, sub_index(item, sizeof item, sub, i), "");
                if (!f)
                    continue;
                if (text_fields && f->type != AJAR_F_LINE && f->type != AJAR_F_TEXT)
                    bad(L, item, "\"%s\" is not a text field", e->valuestring);
                else
                    r->fields[r->nfields++] = e->valuestring;
            }
        }
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "words")))
        add_patterns(L, x, sub_key(sub, sizeof sub, path, "words"), &r->words, &r->nwords, 0);
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "lists"))) {
        sub_key(sub, sizeof sub, path, "lists");
        if (want_array(L, x, sub, 1)) {
            size_t i = 0;
            char item[PATH_MAX_LEN];
            for (const cJSON *e = x->child; e; e = e->next, i++) {
                sub_index(item, sizeof item, sub, i);
                const cJSON *list = cJSON_IsString(e) && L->lists
                                        ? cJSON_GetObjectItemCaseSensitive(L->lists, e->valuestring)
                                        : NULL;
                if (!list)
                    bad(L, item, "expected the name of a list under \"lists\"");
                else
                    add_patterns(L, list, item, &r->words, &r->nwords, 1);
            }
        }
    }
    if (!strcmp(k->name, "words") && !cJSON_GetObjectItemCaseSensitive(o, "words") &&
        !cJSON_GetObjectItemCaseSensitive(o, "lists"))
        bad(L, path, "a rule of kind words needs \"words\" or \"lists\"");
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "leads")))
        add_patterns(L, x, sub_key(sub, sizeof sub, path, "leads"), &r->leads, &r->nleads, 0);
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "suffixes")))
        want_strings(L, x, sub_key(sub, sizeof sub, path, "suffixes"), &r->suffixes, &r->nsuffixes);
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "ignore")))
        want_strings(L, x, sub_key(sub, sizeof sub, path, "ignore"), &r->ignore, &r->nignore);
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "list"))) {
        sub_key(sub, sizeof sub, path, "list");
        const ajar_field_spec *f = want_field(L, x, sub, "");
        char item[PATH_MAX_LEN];
        bprintf(item, sizeof item, "%s[]", f ? x->valuestring : "");
        const ajar_field_spec *fi = f ? ajar_schema_lookup(item) : NULL;
        if (f && (f->type != AJAR_F_LIST || !fi || fi->type != AJAR_F_OBJECT))
            bad(L, sub, "\"%s\" is not a list of objects", x->valuestring);
        else if (f)
            r->list = x->valuestring;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "member"))) {
        sub_key(sub, sizeof sub, path, "member");
        char base[PATH_MAX_LEN];
        bprintf(base, sizeof base, "%s[]", r->list ? r->list : "contacts");
        if (want_field(L, x, sub, base))
            r->member = x->valuestring;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "where"))) {
        char base[PATH_MAX_LEN];
        bprintf(base, sizeof base, "%s[]", r->list ? r->list : "contacts");
        check_cond(L, x, sub_key(sub, sizeof sub, path, "where"), base, 0);
        r->where = x;
    }
    static const struct {
        const char *name;
        size_t value, has;
    } INTS[] = {
        {"more_than", offsetof(check_rule, more_than), offsetof(check_rule, has_more_than)},
        {"at_most", offsetof(check_rule, at_most), offsetof(check_rule, has_at_most)},
        {"fewer_than", offsetof(check_rule, fewer_than), offsetof(check_rule, has_fewer_than)},
        {"max_words", offsetof(check_rule, max_words), offsetof(check_rule, has_max_words)},
        {"max_sentences", offsetof(check_rule, max_sentences),
         offsetof(check_rule, has_max_sentences)},
    };
    for (size_t i = 0; i < sizeof INTS / sizeof INTS[0]; i++)
        if ((x = cJSON_GetObjectItemCaseSensitive(o, INTS[i].name)))
            want_int(L, x, sub_key(sub, sizeof sub, path, INTS[i].name),
                     (long *)((char *)r + INTS[i].value), (int *)((char *)r + INTS[i].has));
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "days")))
        r->days = want_days(L, x, sub_key(sub, sizeof sub, path, "days"));
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "from")))
        r->from_min = want_time(L, x, sub_key(sub, sizeof sub, path, "from"), 0);
    if ((x = cJSON_GetObjectItemCaseSensitive(o, "until")))
        r->until_min = want_time(L, x, sub_key(sub, sizeof sub, path, "until"), 1);
    static const char *const BOOLS[] = {"outside", "shortened"};
    for (size_t i = 0; i < 2; i++) {
        if (!(x = cJSON_GetObjectItemCaseSensitive(o, BOOLS[i])))
            continue;
        if (!cJSON_IsBool(x))
            bad(L, sub_key(sub, sizeof sub, path, BOOLS[i]), "expected true or false, found %s",
                json_kind(x));
        *(i ? &r->shortened : &r->outside) = cJSON_IsTrue(x);
    }

    /* What the kinds need beyond single members. */
    if (!strcmp(k->name, "text-length") && !r->has_max_words && !r->has_max_sentences)
        bad(L, path, "a rule of kind text-length needs \"max_words\" or \"max_sentences\"");
    if ((!strcmp(k->name, "days-since") || !strcmp(k->name, "days-until")) && !r->has_more_than &&
        !r->has_at_most)
        bad(L, path, "a rule of kind %s needs \"more_than\" or \"at_most\"", k->name);
    if (r->has_more_than && r->has_at_most && r->at_most <= r->more_than)
        bad(L, sub_key(sub, sizeof sub, path, "at_most"),
            "at_most must be larger than more_than, or no day can match");
    if (!strcmp(k->name, "letter-words") && r->has_more_than == r->has_fewer_than)
        bad(L, path, "a rule of kind letter-words needs either \"more_than\" or \"fewer_than\"");
    if (!strcmp(k->name, "send-window") && r->from_min >= 0 && r->until_min >= 0 &&
        cJSON_GetObjectItemCaseSensitive(o, "from") && cJSON_GetObjectItemCaseSensitive(o, "until") &&
        r->from_min >= r->until_min)
        bad(L, sub_key(sub, sizeof sub, path, "until"), "until must be later than from");
}

static void free_rule(check_rule *r)
{
    for (size_t i = 0; i < r->nwords; i++)
        check_pattern_free(&r->words[i]);
    for (size_t i = 0; i < r->nleads; i++)
        check_pattern_free(&r->leads[i]);
    free(r->words);
    free(r->leads);
    free(r->fields);
    free(r->suffixes);
    free(r->ignore);
}

void ajar_checker_free(ajar_checker *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nrules; i++)
        free_rule(&c->rules[i]);
    free(c->rules);
    cJSON_Delete(c->doc);
    free(c);
}

/* ---- the file ------------------------------------------------------------------------- */

static void load_lists(loader *L, const cJSON *lists)
{
    if (!cJSON_IsObject(lists)) {
        bad(L, "lists", "expected an object of named word lists, found %s", json_kind(lists));
        return;
    }
    L->lists = lists;
    char path[PATH_MAX_LEN], item[PATH_MAX_LEN];
    for (const cJSON *l = lists->child; l; l = l->next) {
        sub_key(path, sizeof path, "lists", l->string);
        if (!want_array(L, l, path, 1))
            continue;
        size_t i = 0;
        for (const cJSON *e = l->child; e; e = e->next, i++) {
            sub_index(item, sizeof item, path, i);
            check_pattern p;
            int nomem = 0;
            if (!want_string(L, e, item))
                continue;
            if (check_pattern_compile(e->valuestring, &p, &nomem))
                check_pattern_free(&p);
            else if (nomem)
                L->nomem = 1;
            else
                bad(L, item, "\"%s\" holds no word to look for", e->valuestring);
        }
    }
}

static void load_checklist(loader *L, const cJSON *v, ajar_checker *c)
{
    if (!want_array(L, v, "checklist", 1))
        return;
    size_t i = 0;
    char path[PATH_MAX_LEN], sub[PATH_MAX_LEN];
    for (const cJSON *o = v->child; o; o = o->next, i++) {
        sub_index(path, sizeof path, "checklist", i);
        if (!cJSON_IsObject(o)) {
            bad(L, path, "expected an object with id, title and fulfilled, found %s", json_kind(o));
            continue;
        }
        only_members(L, o, path, "id title fulfilled note", "a checklist rule");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
        const cJSON *title = cJSON_GetObjectItemCaseSensitive(o, "title");
        const cJSON *ful = cJSON_GetObjectItemCaseSensitive(o, "fulfilled");
        int k = cJSON_IsString(id) ? ajar_checklist_index(id->valuestring) : -1;
        if (k < 0) {
            bad(L, id ? sub_key(sub, sizeof sub, path, "id") : path,
                "expected \"id\": one of prompt, honest, positive, appreciative, personal, "
                "inclusive, resource, stay-in-touch");
            continue;
        }
        if (c->items[k].id) {
            bad(L, sub_key(sub, sizeof sub, path, "id"), "\"%s\" appears twice in the checklist",
                id->valuestring);
            continue;
        }
        c->items[k].id = id->valuestring;
        if (!title || want_string(L, title, sub_key(sub, sizeof sub, path, "title")))
            c->items[k].title = title ? title->valuestring : id->valuestring;
        if (!ful)
            bad(L, path, "the checklist rule \"%s\" needs \"fulfilled\": when the draft meets it",
                id->valuestring);
        else
            check_cond(L, ful, sub_key(sub, sizeof sub, path, "fulfilled"), "", 1);
        c->items[k].fulfilled = ful;
    }
    for (size_t k = 0; k < AJAR_CHECKLIST_COUNT; k++)
        if (!c->items[k].id)
            bad(L, "checklist", "the checklist lacks the rule \"%s\"", ajar_checklist_id(k));
}

ajar_status ajar_checker_parse(const char *text, size_t len, const char *origin,
                               ajar_checker **out, ajar_errors *errs)
{
    *out = NULL;
    cJSON *doc = NULL;
    ajar_status st = ajar_json_parse(text, len, origin, &doc, errs);
    if (st != AJAR_OK)
        return st;
    loader L = {text, len, origin, errs, 0, 0, NULL};
    ajar_checker *c = calloc(1, sizeof *c);
    if (!c) {
        cJSON_Delete(doc);
        return ajar_errors_add(errs, AJAR_E_NOMEM, origin, NULL, 0, 0, 0, "out of memory");
    }
    c->doc = doc;
    if (!cJSON_IsObject(doc)) {
        bad(&L, "", "the rules file holds %s; expected an object", json_kind(doc));
        ajar_checker_free(c);
        return AJAR_E_INVALID;
    }
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(doc, "ajar_checks");
    if (!cJSON_IsNumber(version) || version->valuedouble < 1 || version->valuedouble > 1e6 ||
        version->valuedouble != (double)(int)version->valuedouble) {
        bad(&L, version ? "ajar_checks" : "",
            "expected \"ajar_checks\": %d, the version of the rules format", CHECKS_FORMAT);
        ajar_checker_free(c);
        return AJAR_E_INVALID;
    }
    if (version->valuedouble > CHECKS_FORMAT) {
        int line, col;
        ajar_json_position(text, locate(text, len, "ajar_checks"), &line, &col);
        ajar_errors_add(errs, AJAR_E_VERSION, origin, "ajar_checks", line, col, 0,
                        "these rules are in format %d; this ajar reads format %d",
                        version->valueint, CHECKS_FORMAT);
        ajar_checker_free(c);
        return AJAR_E_VERSION;
    }
    only_members(&L, doc, "", "ajar_checks note lists checklist rules", "the rules file");
    const cJSON *lists = cJSON_GetObjectItemCaseSensitive(doc, "lists");
    if (lists)
        load_lists(&L, lists);
    load_checklist(&L, cJSON_GetObjectItemCaseSensitive(doc, "checklist"), c);
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(doc, "rules");
    if (want_array(&L, rules, "rules", 1)) {
        size_t n = (size_t)cJSON_GetArraySize(rules);
        c->rules = calloc(n, sizeof *c->rules);
        if (!c->rules)
            L.nomem = 1;
        char path[PATH_MAX_LEN];
        for (const cJSON *o = rules->child; o && c->rules; o = o->next) {
            sub_index(path, sizeof path, "rules", c->nrules);
            check_rule *r = &c->rules[c->nrules++];
            load_rule(&L, o, path, r);
            for (size_t i = 0; r->id && i + 1 < c->nrules; i++)
                if (c->rules[i].id && strcmp(c->rules[i].id, r->id) == 0) {
                    char sub[PATH_MAX_LEN];
                    bad(&L, sub_key(sub, sizeof sub, path, "id"),
                        "the id \"%s\" is already used by rules[%zu]", r->id, i);
                    break;
                }
        }
    }
    if (L.nomem && !L.failed)
        ajar_errors_add(errs, AJAR_E_NOMEM, origin, NULL, 0, 0, 0, "out of memory");
    if (L.failed || L.nomem) {
        ajar_checker_free(c);
        return L.nomem && !L.failed ? AJAR_E_NOMEM : AJAR_E_INVALID;
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
