/* check.c — running the check: conditions, draft paths, findings and their messages, the eight-rule summary. */
#include <stdlib.h>
#include <string.h>

#include "ajar/json.h"
#include "check_int.h"

static const char *const CHECKLIST[AJAR_CHECKLIST_COUNT] = {
    "prompt", "honest", "positive", "appreciative", "personal", "inclusive", "resource",
    "stay-in-touch",
};

static const char *const SEVERITIES[AJAR_SEV_COUNT] = {"info", "warning", "error"};

const char *ajar_severity_name(ajar_severity s)
{
    return (unsigned)s < AJAR_SEV_COUNT ? SEVERITIES[s] : "?";
}

const char *ajar_checklist_id(size_t i)
{
    return i < AJAR_CHECKLIST_COUNT ? CHECKLIST[i] : NULL;
}

int ajar_checklist_index(const char *id)
{
    for (int i = 0; id && i < AJAR_CHECKLIST_COUNT; i++)
        if (strcmp(CHECKLIST[i], id) == 0)
            return i;
    return -1;
}

const char *ajar_checker_title(const ajar_checker *c, size_t i)
{
    return c && i < AJAR_CHECKLIST_COUNT ? c->items[i].title : NULL;
}

size_t ajar_checker_rule_count(const ajar_checker *c)
{
    return c ? c->nrules : 0;
}

const char *ajar_checker_rule_id(const ajar_checker *c, size_t i)
{
    return c && i < c->nrules ? c->rules[i].id : NULL;
}

/* ---- draft paths ----------------------------------------------------------- */

/* Reads one step of a path: a member name up to '.', '[' or the end, or an
 * index in brackets. Returns the rest of the path, or NULL when malformed. */
static const char *path_step(const char *p, char *key, size_t keysize, long *index)
{
    *index = -1;
    if (*p == '[') {
        char *end;
        long i = strtol(p + 1, &end, 10);
        if (end == p + 1 || *end != ']' || i < 0)
            return NULL;
        *index = i;
        p = end + 1;
    } else {
        size_t n = strcspn(p, ".[");
        if (n == 0 || n >= keysize)
            return NULL;
        memcpy(key, p, n);
        key[n] = '\0';
        p += n;
    }
    if (*p == '.')
        p++;
    return p;
}

const cJSON *check_path_get(const cJSON *base, const char *path)
{
    char key[128];
    const cJSON *v = base;
    const char *p = path;
    while (v && p && *p) {
        long index;
        p = path_step(p, key, sizeof key, &index);
        if (!p)
            return NULL;
        if (index >= 0)
            v = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, (int)index) : NULL;
        else
            v = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, key) : NULL;
    }
    return v;
}

int check_answered(const cJSON *v)
{
    if (!v || cJSON_IsNull(v))
        return 0;
    if (cJSON_IsString(v)) {
        for (const char *s = v->valuestring; *s; s++)
            if (!strchr(" \t\n\r", *s))
                return 1;
        return 0;
    }
    if (cJSON_IsArray(v)) {
        for (const cJSON *c = v->child; c; c = c->next)
            if (check_answered(c))
                return 1;
        return 0;
    }
    if (cJSON_IsObject(v))
        return v->child != NULL;
    return 1;
}

typedef struct each_state {
    check_each_fn fn;
    void *ud;
    ajar_strbuf path;
} each_state;

/* Walks `pat` (the rest of the pattern) from v, whose path is in st->path. */
static void each_walk(each_state *st, const cJSON *v, const char *pat)
{
    if (st->path.failed)
        return;
    if (!*pat) {
        st->fn(st->path.data ? st->path.data : "", v, st->ud);
        return;
    }
    size_t mark = st->path.len;
    if (strncmp(pat, "[]", 2) == 0) {
        const char *rest = pat[2] == '.' ? pat + 3 : pat + 2;
        if (!cJSON_IsArray(v) || !v->child) {
            st->fn(st->path.data ? st->path.data : "", NULL, st->ud);
            return;
        }
        size_t i = 0;
        for (const cJSON *c = v->child; c; c = c->next, i++) {
            ajar_strbuf_printf(&st->path, "[%zu]", i);
            each_walk(st, c, rest);
            st->path.len = mark;
            if (st->path.data)
                st->path.data[mark] = '\0';
        }
        return;
    }
    size_t n = strcspn(pat, ".[");
    const char *rest = pat[n] == '.' ? pat + n + 1 : pat + n;
    if (mark)
        ajar_strbuf_putc(&st->path, '.');
    ajar_strbuf_append(&st->path, pat, n);
    const cJSON *child = NULL;
    if (cJSON_IsObject(v)) {
        for (const cJSON *c = v->child; c; c = c->next)
            if (strlen(c->string) == n && memcmp(c->string, pat, n) == 0)
                child = c;
    }
    each_walk(st, child, rest);
    st->path.len = mark;
    if (st->path.data)
        st->path.data[mark] = '\0';
}

int check_each_path(const cJSON *root, const char *pat, check_each_fn fn, void *ud)
{
    each_state st = {fn, ud, {0}};
    ajar_strbuf_init(&st.path);
    ajar_strbuf_putc(&st.path, '\0'); /* own a buffer from the start */
    st.path.len = 0;
    each_walk(&st, root, pat);
    int ok = !st.path.failed;
    ajar_strbuf_free(&st.path);
    return ok;
}

/* ---- conditions --------------------------------------------------------------- */

static int value_equal(const cJSON *a, const cJSON *b)
{
    if (!a || cJSON_IsNull(a))
        return cJSON_IsNull(b) || (cJSON_IsString(b) && !*b->valuestring);
    if (cJSON_IsString(a) && !*a->valuestring && cJSON_IsNull(b))
        return 1;
    return cJSON_Compare(a, b, 1);
}

static int has_findings(const check_ctx *ctx, int item, ajar_severity at_least)
{
    for (size_t i = 0; i < ctx->n; i++) {
        const ajar_finding *f = &ctx->findings[i];
        if (f->checklist && ajar_checklist_index(f->checklist) == item && f->severity >= at_least)
            return 1;
    }
    return 0;
}

static ajar_severity severity_of(const char *s)
{
    for (int i = 0; i < AJAR_SEV_COUNT; i++)
        if (strcmp(SEVERITIES[i], s) == 0)
            return (ajar_severity)i;
    return AJAR_SEV_INFO;
}

int check_cond_eval(const cJSON *cond, const cJSON *base, const check_ctx *ctx, int item)
{
    if (!cond)
        return 1;
    const cJSON *x;
    if ((x = cJSON_GetObjectItemCaseSensitive(cond, "all"))) {
        for (const cJSON *c = x->child; c; c = c->next)
            if (!check_cond_eval(c, base, ctx, item))
                return 0;
        return 1;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(cond, "any"))) {
        for (const cJSON *c = x->child; c; c = c->next)
            if (check_cond_eval(c, base, ctx, item))
                return 1;
        return 0;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(cond, "not")))
        return !check_cond_eval(x, base, ctx, item);
    if ((x = cJSON_GetObjectItemCaseSensitive(cond, "no_findings")))
        return !has_findings(ctx, item, severity_of(x->valuestring));
    const cJSON *some = cJSON_GetObjectItemCaseSensitive(cond, "some");
    const cJSON *every = cJSON_GetObjectItemCaseSensitive(cond, "every");
    if (some || every) {
        const cJSON *list = check_path_get(base, (some ? some : every)->valuestring);
        const cJSON *where = cJSON_GetObjectItemCaseSensitive(cond, "where");
        const cJSON *then = cJSON_GetObjectItemCaseSensitive(cond, "then");
        for (const cJSON *c = cJSON_IsArray(list) ? list->child : NULL; c; c = c->next) {
            if (!check_cond_eval(where, c, ctx, item))
                continue;
            int ok = check_cond_eval(then, c, ctx, item);
            if (some && ok)
                return 1;
            if (every && !ok)
                return 0;
        }
        return every != NULL;
    }
    const cJSON *field = cJSON_GetObjectItemCaseSensitive(cond, "field");
    const cJSON *v = check_path_get(base, field->valuestring);
    if ((x = cJSON_GetObjectItemCaseSensitive(cond, "answered")))
        return check_answered(v) == cJSON_IsTrue(x);
    if ((x = cJSON_GetObjectItemCaseSensitive(cond, "equals")))
        return value_equal(v, x);
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(cond, "in");
    const cJSON *not_in = cJSON_GetObjectItemCaseSensitive(cond, "not_in");
    const cJSON *set = in ? in : not_in;
    int found = 0;
    for (const cJSON *c = set ? set->child : NULL; c && !found; c = c->next)
        found = check_answered(v) && cJSON_Compare(v, c, 1);
    return in ? found : !found;
}

/* ---- findings ----------------------------------------------------------------- */

static const check_var *find_var(const check_var *vars, size_t nvars, const char *name, size_t len)
{
    for (size_t i = 0; i < nvars; i++)
        if (strlen(vars[i].name) == len && memcmp(vars[i].name, name, len) == 0)
            return &vars[i];
    return NULL;
}

void check_expand(ajar_strbuf *b, const char *tmpl, const check_var *vars, size_t nvars)
{
    const char *p = tmpl;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!close) {
            ajar_strbuf_puts(b, p);
            return;
        }
        ajar_strbuf_append(b, p, (size_t)(open - p));
        const char *name = open + 1;
        const char *bar = memchr(name, '|', (size_t)(close - name));
        size_t nlen = (size_t)((bar ? bar : close) - name);
        const check_var *v = find_var(vars, nvars, name, nlen);
        if (!v) {
            /* The loader refuses unknown placeholders; keep the text if one slips by. */
            ajar_strbuf_append(b, open, (size_t)(close - open) + 1);
        } else if (bar) {
            const char *one = bar + 1;
            const char *bar2 = memchr(one, '|', (size_t)(close - one));
            ajar_strbuf_puts(b, v->text);
            ajar_strbuf_putc(b, ' ');
            if (v->num == 1 || v->num == -1)
                ajar_strbuf_append(b, one, (size_t)((bar2 ? bar2 : close) - one));
            else if (bar2)
                ajar_strbuf_append(b, bar2 + 1, (size_t)(close - bar2 - 1));
        } else {
            ajar_strbuf_puts(b, v->text);
        }
        p = close + 1;
    }
}

void check_emit(check_ctx *ctx, const check_rule *r, const char *field, const check_var *vars,
                size_t nvars)
{
    if (ctx->nomem)
        return;
    if (ctx->n == ctx->cap) {
        size_t cap = ctx->cap ? ctx->cap * 2 : 16;
        ajar_finding *f = realloc(ctx->findings, cap * sizeof *f);
        if (!f) {
            ctx->nomem = 1;
            return;
        }
        ctx->findings = f;
        size_t *o = realloc(ctx->order, cap * sizeof *o);
        if (!o) {
            ctx->nomem = 1;
            return;
        }
        ctx->order = o;
        ctx->cap = cap;
    }
    ajar_strbuf msg, sug;
    ajar_strbuf_init(&msg);
    ajar_strbuf_init(&sug);
    check_expand(&msg, r->message, vars, nvars);
    check_expand(&sug, r->suggestion, vars, nvars);
    ajar_finding *f = &ctx->findings[ctx->n];
    f->rule_id = strdup(r->id);
    f->severity = r->severity;
    f->field = strdup(field);
    f->message = ajar_strbuf_take(&msg);
    f->suggestion = ajar_strbuf_take(&sug);
    f->checklist = r->checklist >= 0 ? CHECKLIST[r->checklist] : NULL;
    ctx->order[ctx->n] = ctx->rule_index;
    ctx->n++;
    ctx->fired = 1;
    if (!f->rule_id || !f->field || !f->message || !f->suggestion)
        ctx->nomem = 1;
}

/* ---- running ------------------------------------------------------------------- */

static void free_findings(ajar_finding *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].rule_id);
        free(f[i].field);
        free(f[i].message);
        free(f[i].suggestion);
    }
    free(f);
}

void ajar_check_result_free(ajar_check_result *r)
{
    if (!r)
        return;
    free_findings(r->findings, r->n);
    free(r);
}

typedef struct sort_key {
    ajar_finding f;
    size_t rule, seq;
} sort_key;

static int by_severity_then_rule(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->f.severity != y->f.severity)
        return x->f.severity > y->f.severity ? -1 : 1;
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the findings for the reader; returns 0 when memory runs out. */
static int sort_findings(check_ctx *ctx)
{
    if (ctx->n < 2)
        return 1;
    sort_key *k = malloc(ctx->n * sizeof *k);
    if (!k)
        return 0;
    for (size_t i = 0; i < ctx->n; i++)
        k[i] = (sort_key){ctx->findings[i], ctx->order[i], i};
    qsort(k, ctx->n, sizeof *k, by_severity_then_rule);
    for (size_t i = 0; i < ctx->n; i++)
        ctx->findings[i] = k[i].f;
    free(k);
    return 1;
}

/* Whether a rule of `group` already reported something: the first rule of a
 * group that fires wins. */
static int group_fired(const ajar_checker *c, const int *fired, size_t upto, const char *group)
{
    for (size_t i = 0; group && i < upto; i++)
        if (fired[i] && c->rules[i].group && strcmp(c->rules[i].group, group) == 0)
            return 1;
    return 0;
}

ajar_status ajar_check_run(const ajar_checker *c, const ajar_draft *d, const ajar_output *rendered,
                           ajar_date today, ajar_check_result **out, ajar_errors *errs)
{
    if (out)
        *out = NULL;
    if (!c || !d || !out || !ajar_date_valid(today))
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "ajar_check_run needs a checker, a draft and a valid day");
    check_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.checker = c;
    ctx.root = ajar_draft_root(d);
    ctx.out = rendered;
    ctx.today = today;
    const cJSON *company = check_path_get(ctx.root, "offer.company");
    ctx.company = check_answered(company) && cJSON_IsString(company) ? company->valuestring : NULL;
    int *fired = calloc(c->nrules + 1, sizeof *fired);
    ajar_check_result *res = calloc(1, sizeof *res);
    if (!fired || !res)
        ctx.nomem = 1;
    for (size_t i = 0; i < c->nrules && !ctx.nomem; i++) {
        const check_rule *r = &c->rules[i];
        if (r->kind->needs_output && !rendered)
            continue;
        if (group_fired(c, fired, i, r->group))
            continue;
        if (!check_cond_eval(r->when, ctx.root, &ctx, -1))
            continue;
        ctx.rule_index = i;
        ctx.fired = 0;
        r->kind->detect(&ctx, r);
        fired[i] = ctx.fired;
    }
    if (!ctx.nomem) {
        for (int i = 0; i < AJAR_CHECKLIST_COUNT; i++)
            res->fulfilled[i] = check_cond_eval(c->items[i].fulfilled, ctx.root, &ctx, i);
        if (!sort_findings(&ctx))
            ctx.nomem = 1;
    }
    free(fired);
    free(ctx.order);
    if (!res) {
        free_findings(ctx.findings, ctx.n);
    } else {
        res->findings = ctx.findings;
        res->n = ctx.n;
        res->letter_checked = rendered != NULL;
        for (size_t i = 0; i < ctx.n; i++)
            res->counts[ctx.findings[i].severity]++;
    }
    if (ctx.nomem) {
        ajar_check_result_free(res);
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    }
    *out = res;
    return AJAR_OK;
}
