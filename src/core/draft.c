/* draft.c — the draft in memory: creation, loading, saving, and field access by path. */
#include "ajar/draft.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/json.h"
#include "ajar/schema.h"
#include "ajar/store.h"
#include "ajar/strbuf.h"

struct ajar_draft {
    cJSON *root;
};

static ajar_draft *wrap(cJSON *root)
{
    if (!root)
        return NULL;
    ajar_draft *d = malloc(sizeof *d);
    if (!d) {
        cJSON_Delete(root);
        return NULL;
    }
    d->root = root;
    return d;
}

/* The skeleton of a new draft: answers a newcomer would most often give are
 * preset so that a first letter reads well; all text is left unanswered. */
static const char NEW_DRAFT[] =
    "{\"ajar\":1,\"scenario\":\"offer\",\"tone\":\"warm\",\"me\":{},"
    "\"offer\":{\"medium\":\"phone-then-email\"},\"reason\":{\"share\":\"plain\"},"
    "\"positives\":[],\"thanks\":{\"honour\":true},\"contacts\":[],"
    "\"resource\":{\"referrals\":[],\"offer_introductions\":false},"
    "\"stay_in_touch\":{\"future_interest\":true,\"linkedin\":true,\"checkins_months\":[3,6,12]},"
    "\"steps\":{}}";

ajar_draft *ajar_draft_new(const char *scenario)
{
    ajar_draft *d = wrap(cJSON_Parse(NEW_DRAFT));
    if (d && scenario && ajar_draft_set_string(d, "scenario", scenario, NULL) != AJAR_OK) {
        ajar_draft_free(d);
        return NULL;
    }
    return d;
}

void ajar_draft_free(ajar_draft *d)
{
    if (!d)
        return;
    cJSON_Delete(d->root);
    free(d);
}

ajar_status ajar_draft_parse(const char *text, size_t len, const char *origin, ajar_draft **out,
                             ajar_errors *errs)
{
    *out = NULL;
    cJSON *root = NULL;
    ajar_status st = ajar_json_parse(text, len, origin, &root, errs);
    if (st != AJAR_OK)
        return st;
    st = ajar_schema_validate(root, origin, errs);
    if (st != AJAR_OK) {
        cJSON_Delete(root);
        return st;
    }
    *out = wrap(root);
    return *out ? AJAR_OK : ajar_errors_add(errs, AJAR_E_NOMEM, origin, NULL, 0, 0, 0, "out of memory");
}

ajar_status ajar_draft_load(const char *path, ajar_draft **out, ajar_errors *errs)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    ajar_status st = ajar_store_read_file(path, AJAR_DRAFT_MAX_BYTES, &text, &len, errs);
    if (st != AJAR_OK)
        return st;
    st = ajar_draft_parse(text, len, path, out, errs);
    free(text);
    return st;
}

ajar_status ajar_draft_validate(const ajar_draft *d, const char *origin, ajar_errors *errs)
{
    return ajar_schema_validate(d->root, origin, errs);
}

char *ajar_draft_serialize(const ajar_draft *d)
{
    return ajar_json_print(d->root);
}

/* Parses the text a save would write. Its problems (say, objects created by
 * a deep path, nested beyond what the loader reads) are reported on the
 * draft without the line and column, which would point into text that was
 * never written. */
static ajar_status check_reads_back(const char *text, size_t len, const char *path,
                                    ajar_draft **check, ajar_errors *errs)
{
    ajar_errors found = {0};
    ajar_status st = ajar_draft_parse(text, len, NULL, check, &found);
    for (size_t i = 0; i < found.count; i++) {
        const ajar_error *e = &found.items[i];
        ajar_errors_add(errs, e->code, path, e->field, 0, 0, e->sys_errno,
                        "the changed draft could not be read back, so it was not saved: %s",
                        e->message ? e->message : "out of memory");
    }
    ajar_errors_clear(&found);
    return st;
}

ajar_status ajar_draft_save(const ajar_draft *d, const char *path, ajar_errors *errs)
{
    ajar_status st = ajar_draft_validate(d, path, errs);
    if (st != AJAR_OK)
        return st;
    char *text = ajar_draft_serialize(d);
    if (!text)
        return ajar_errors_add(errs, AJAR_E_NOMEM, path, NULL, 0, 0, 0, "out of memory");
    /* Never write what we could not read back: the exact bytes go through
     * the loader's checks (size, UTF-8, duplicates, depth...) first. */
    size_t len = strlen(text);
    ajar_draft *check = NULL;
    if (len > AJAR_DRAFT_MAX_BYTES)
        st = ajar_errors_add(errs, AJAR_E_INVALID, path, NULL, 0, 0, 0,
                             "the draft would be %zu bytes, over the limit of %d bytes", len,
                             AJAR_DRAFT_MAX_BYTES);
    else
        st = check_reads_back(text, len, path, &check, errs);
    ajar_draft_free(check);
    if (st == AJAR_OK)
        st = ajar_store_write_atomic(path, text, len, errs);
    free(text);
    return st;
}

const cJSON *ajar_draft_root(const ajar_draft *d)
{
    return d->root;
}

ajar_draft *ajar_draft_clone(const ajar_draft *d)
{
    return wrap(cJSON_Duplicate(d->root, 1));
}

/* ---- paths ------------------------------------------------------------------ */

typedef enum { SEG_KEY, SEG_INDEX, SEG_APPEND } seg_kind;

typedef struct segment {
    seg_kind kind;
    char *name;  /* SEG_KEY */
    long index;  /* SEG_INDEX, negative counts from the end */
} segment;

typedef struct parsed_path {
    segment *segs;
    size_t n;
} parsed_path;

static void path_free(parsed_path *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->segs[i].name);
    free(p->segs);
    p->segs = NULL;
    p->n = 0;
}

static int name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static ajar_status path_error(ajar_errors *errs, const char *path, size_t at, const char *what)
{
    return ajar_errors_add(errs, AJAR_E_USAGE, NULL, path, 0, 0, 0,
                           "bad field path \"%s\": %s at character %zu (paths look like "
                           "offer.company or contacts[2].email)",
                           path, what, at + 1);
}

/* Splits a path into segments; see draft.h for the syntax. */
static ajar_status path_parse(const char *path, int allow_append, parsed_path *out,
                              ajar_errors *errs)
{
    out->segs = NULL;
    out->n = 0;
    size_t cap = 0;
    const char *p = path;
    if (!*p)
        return path_error(errs, path, 0, "the path is empty");
    while (*p) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 8;
            segment *s = realloc(out->segs, cap * sizeof *s);
            if (!s) {
                path_free(out);
                return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
            }
            out->segs = s;
        }
        segment *seg = &out->segs[out->n];
        seg->name = NULL;
        seg->index = 0;
        if (*p == '[') {
            if (out->n == 0) {
                path_error(errs, path, (size_t)(p - path), "expected a field name");
                path_free(out);
                return AJAR_E_USAGE;
            }
            p++;
            if (*p == '+' && p[1] == ']') {
                if (!allow_append) {
                    path_error(errs, path, (size_t)(p - path), "[+] only makes sense when setting");
                    path_free(out);
                    return AJAR_E_USAGE;
                }
                seg->kind = SEG_APPEND;
                p += 2;
            } else {
                const char *start = p;
                int neg = 0;
                if (*p == '-') {
                    neg = 1;
                    p++;
                }
                long v = 0;
                const char *digits = p;
                while (isdigit((unsigned char)*p) && v < 100000000)
                    v = v * 10 + (*p++ - '0');
                if (isdigit((unsigned char)*p)) {
                    path_error(errs, path, (size_t)(start - path), "the index is too large");
                    path_free(out);
                    return AJAR_E_USAGE;
                }
                if (p == digits || *p != ']') {
                    path_error(errs, path, (size_t)(start - path),
                               "expected an index such as [0], [-1] or [+]");
                    path_free(out);
                    return AJAR_E_USAGE;
                }
                p++;
                seg->kind = SEG_INDEX;
                seg->index = neg ? -v : v;
            }
        } else {
            if (out->n > 0) {
                if (*p != '.') {
                    path_error(errs, path, (size_t)(p - path), "expected '.' or '['");
                    path_free(out);
                    return AJAR_E_USAGE;
                }
                p++;
            }
            const char *start = p;
            while (name_char(*p))
                p++;
            if (p == start) {
                path_error(errs, path, (size_t)(p - path), "expected a field name");
                path_free(out);
                return AJAR_E_USAGE;
            }
            seg->kind = SEG_KEY;
            seg->name = strndup(start, (size_t)(p - start));
            if (!seg->name) {
                path_free(out);
                return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
            }
        }
        out->n++;
    }
    return AJAR_OK;
}

/* The path's first `n` segments, written out (for messages). */
static char *path_prefix(const parsed_path *p, size_t n)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        const segment *s = &p->segs[i];
        if (s->kind == SEG_KEY)
            ajar_strbuf_printf(&b, "%s%s", i ? "." : "", s->name);
        else if (s->kind == SEG_APPEND)
            ajar_strbuf_puts(&b, "[+]");
        else
            ajar_strbuf_printf(&b, "[%ld]", s->index);
    }
    return ajar_strbuf_take(&b);
}

static long array_size(const cJSON *a)
{
    long n = 0;
    for (const cJSON *c = a->child; c; c = c->next)
        n++;
    return n;
}

/* Looks up one segment below node without changing anything. Returns the
 * child (NULL when absent). *why gets a message when the lookup is not
 * possible at all (wrong container type, index out of range). */
static cJSON *step_into(cJSON *node, const segment *s, const char **why)
{
    *why = NULL;
    if (s->kind == SEG_KEY) {
        if (!cJSON_IsObject(node)) {
            *why = "is not an object";
            return NULL;
        }
        return cJSON_GetObjectItemCaseSensitive(node, s->name);
    }
    if (!cJSON_IsArray(node)) {
        *why = "is not a list";
        return NULL;
    }
    if (s->kind == SEG_APPEND)
        return NULL;
    long n = array_size(node);
    long i = s->index < 0 ? n + s->index : s->index;
    if (i < 0 || i >= n) {
        *why = "has no item at that index";
        return NULL;
    }
    return cJSON_GetArrayItem(node, (int)i);
}

static ajar_status not_found(ajar_errors *errs, const parsed_path *p, size_t upto, cJSON *parent,
                             const char *why)
{
    if (!errs) /* nobody will read the message: do not write it */
        return AJAR_E_NOTFOUND;
    char *here = path_prefix(p, upto);
    char *full = path_prefix(p, upto + 1);
    ajar_status st;
    if (why && parent && cJSON_IsArray(parent) && p->segs[upto].kind == SEG_INDEX)
        st = ajar_errors_add(errs, AJAR_E_NOTFOUND, NULL, full, 0, 0, 0,
                             "%s has %ld item%s, so there is no item [%ld]", here,
                             array_size(parent), array_size(parent) == 1 ? "" : "s",
                             p->segs[upto].index);
    else if (why)
        st = ajar_errors_add(errs, AJAR_E_NOTFOUND, NULL, full, 0, 0, 0, "%s %s",
                             upto ? here : "the draft", why);
    else
        st = ajar_errors_add(errs, AJAR_E_NOTFOUND, NULL, full, 0, 0, 0, "not set in this draft");
    free(here);
    free(full);
    return st;
}

/* Follows the first `count` segments of p from root; the node reached goes
 * to *out, or a "not found" error naming how far the path got. */
static ajar_status walk_to(cJSON *root, const parsed_path *p, size_t count, cJSON **out,
                           ajar_errors *errs)
{
    cJSON *node = root;
    for (size_t i = 0; i < count; i++) {
        const char *why;
        cJSON *child = step_into(node, &p->segs[i], &why);
        if (!child)
            return not_found(errs, p, i, node, why);
        node = child;
    }
    *out = node;
    return AJAR_OK;
}

ajar_status ajar_draft_get(const ajar_draft *d, const char *path, const cJSON **out,
                           ajar_errors *errs)
{
    *out = NULL;
    parsed_path p;
    ajar_status st = path_parse(path, 0, &p, errs);
    if (st != AJAR_OK)
        return st;
    cJSON *node = NULL;
    st = walk_to(d->root, &p, p.n, &node, errs);
    path_free(&p);
    if (st == AJAR_OK)
        *out = node;
    return st;
}

/* Checks that setting at path p can succeed: every existing part has the
 * right type, indices are in range, and parts that must be created can be. */
static ajar_status plan_set(cJSON *root, const parsed_path *p, ajar_errors *errs)
{
    cJSON *node = root;
    for (size_t i = 0; i < p->n; i++) {
        const char *why;
        cJSON *child = step_into(node, &p->segs[i], &why);
        if (why)
            return not_found(errs, p, i, node, why);
        if (!child || (i + 1 < p->n && cJSON_IsNull(child))) {
            /* Everything below is created (a null container is replaced by
             * a new one): only names and [+] can be. */
            for (size_t j = i + 1; j < p->n; j++)
                if (p->segs[j].kind == SEG_INDEX)
                    return not_found(errs, p, j, NULL, "does not exist yet; use [+] to add an item");
            return AJAR_OK;
        }
        node = child;
    }
    return AJAR_OK;
}

static cJSON *new_container_for(const segment *next)
{
    return next->kind == SEG_KEY ? cJSON_CreateObject() : cJSON_CreateArray();
}

/* Puts item under parent at segment s, replacing what was there. */
static int attach(cJSON *parent, const segment *s, cJSON *item)
{
    if (s->kind == SEG_KEY) {
        if (cJSON_GetObjectItemCaseSensitive(parent, s->name))
            return cJSON_ReplaceItemInObjectCaseSensitive(parent, s->name, item);
        return cJSON_AddItemToObject(parent, s->name, item);
    }
    if (s->kind == SEG_APPEND)
        return cJSON_AddItemToArray(parent, item);
    long n = array_size(parent);
    long i = s->index < 0 ? n + s->index : s->index;
    return cJSON_ReplaceItemInArray(parent, (int)i, item);
}

ajar_status ajar_draft_set(ajar_draft *d, const char *path, cJSON *value, ajar_errors *errs)
{
    if (!value)
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, path, 0, 0, 0, "out of memory");
    parsed_path p;
    ajar_status st = path_parse(path, 1, &p, errs);
    if (st == AJAR_OK)
        st = ajar_schema_check_value(path, value, NULL, errs);
    if (st == AJAR_OK)
        st = plan_set(d->root, &p, errs);
    if (st != AJAR_OK) {
        if (p.segs)
            path_free(&p);
        cJSON_Delete(value);
        return st;
    }
    /* The plan succeeded: walk again, creating what is missing. */
    cJSON *node = d->root;
    for (size_t i = 0; i + 1 < p.n; i++) {
        const char *why;
        cJSON *child = step_into(node, &p.segs[i], &why);
        if (!child || cJSON_IsNull(child)) {
            child = new_container_for(&p.segs[i + 1]);
            if (!child || !attach(node, &p.segs[i], child)) {
                cJSON_Delete(child);
                cJSON_Delete(value);
                path_free(&p);
                return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, path, 0, 0, 0, "out of memory");
            }
        }
        node = child;
    }
    int ok = attach(node, &p.segs[p.n - 1], value);
    path_free(&p);
    if (!ok) {
        cJSON_Delete(value);
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, path, 0, 0, 0, "out of memory");
    }
    return AJAR_OK;
}

ajar_status ajar_draft_set_string(ajar_draft *d, const char *path, const char *value,
                                  ajar_errors *errs)
{
    return ajar_draft_set(d, path, cJSON_CreateString(value), errs);
}

ajar_status ajar_draft_remove(ajar_draft *d, const char *path, ajar_errors *errs)
{
    parsed_path p;
    ajar_status st = path_parse(path, 0, &p, errs);
    if (st != AJAR_OK)
        return st;
    cJSON *node = NULL;
    st = walk_to(d->root, &p, p.n - 1, &node, errs);
    if (st != AJAR_OK) {
        path_free(&p);
        return st;
    }
    const segment *last = &p.segs[p.n - 1];
    const char *why;
    if (!step_into(node, last, &why)) {
        st = not_found(errs, &p, p.n - 1, node, why);
    } else if (last->kind == SEG_KEY) {
        cJSON_DeleteItemFromObjectCaseSensitive(node, last->name);
    } else {
        long n = array_size(node);
        cJSON_DeleteItemFromArray(node, (int)(last->index < 0 ? n + last->index : last->index));
    }
    path_free(&p);
    return st;
}

const char *ajar_draft_string(const ajar_draft *d, const char *path)
{
    const cJSON *v;
    if (ajar_draft_get(d, path, &v, NULL) != AJAR_OK || !cJSON_IsString(v))
        return NULL;
    return v->valuestring;
}

int ajar_draft_bool(const ajar_draft *d, const char *path, int fallback)
{
    const cJSON *v;
    if (ajar_draft_get(d, path, &v, NULL) != AJAR_OK || !cJSON_IsBool(v))
        return fallback;
    return cJSON_IsTrue(v);
}

size_t ajar_draft_steps_done(const ajar_draft *d)
{
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(d->root, "steps");
    size_t n = 0;
    if (cJSON_IsObject(steps))
        for (const cJSON *s = steps->child; s; s = s->next)
            if (cJSON_IsString(s) && strcmp(s->valuestring, "done") == 0)
                n++;
    return n;
}

cJSON *ajar_draft_value_from_text(const char *path, const char *text)
{
    cJSON *v = NULL;
    ajar_json_parse(text, strlen(text), NULL, &v, NULL); /* the loader's own rules */
    const ajar_field_spec *f = ajar_schema_lookup(path);
    int wants_text = f && (f->type == AJAR_F_LINE || f->type == AJAR_F_TEXT ||
                           f->type == AJAR_F_EMAIL || f->type == AJAR_F_DATE ||
                           f->type == AJAR_F_DATETIME || f->type == AJAR_F_ENUM);
    if (v && (!wants_text || cJSON_IsString(v) || cJSON_IsNull(v)))
        return v;
    cJSON_Delete(v);
    return cJSON_CreateString(text);
}
