/* check.c — running the check: draft paths, decoded texts, conditions, findings and their messages, the eight-rule summary. */
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
        if (CHECKLIST[i][0] == id[0] && strcmp(CHECKLIST[i], id) == 0)
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

const cJSON *check_member(const cJSON *v, const char *key)
{
    return cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, key) : NULL;
}

const cJSON *check_path_get(const cJSON *base, const check_path *p)
{
    const cJSON *v = p->gettable ? base : NULL;
    for (size_t i = 0; v && i < p->n; i++)
        v = p->keys[i] ? check_member(v, p->keys[i]) : NULL;
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

/* Appends "[i]" to b. */
const char *check_index_text(size_t i, char buf[CHECK_INDEX_TEXT])
{
    size_t n = CHECK_INDEX_TEXT;
    buf[--n] = '\0';
    buf[--n] = ']';
    do {
        buf[--n] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    buf[--n] = '[';
    return buf + n;
}

static void put_index(ajar_strbuf *b, size_t i)
{
    char num[CHECK_INDEX_TEXT];
    ajar_strbuf_puts(b, check_index_text(i, num));
}

/* Cuts b back to its first len bytes. */
static void cut(ajar_strbuf *b, size_t len)
{
    b->len = len;
    if (b->data)
        b->data[len] = '\0';
}

typedef struct walk {
    check_ctx *ctx;
    const check_path *pat;
    check_each_fn fn;
    void *ud;
} walk;

/* Walks the steps of w->pat from `step` on, from v, whose path is in ctx->path. */
static void walk_from(const walk *w, const cJSON *v, size_t step)
{
    ajar_strbuf *path = &w->ctx->path;
    if (path->failed)
        return;
    if (step == w->pat->n) {
        w->fn(path->data, v, w->ud);
        return;
    }
    size_t mark = path->len;
    const char *key = w->pat->keys[step];
    if (!key) {
        if (!cJSON_IsArray(v) || !v->child) {
            w->fn(path->data, NULL, w->ud);
            return;
        }
        size_t i = 0;
        for (const cJSON *c = v->child; c; c = c->next, i++) {
            put_index(path, i);
            walk_from(w, c, step + 1);
            cut(path, mark);
        }
        return;
    }
    if (mark)
        ajar_strbuf_putc(path, '.');
    ajar_strbuf_puts(path, key);
    const cJSON *child = NULL;
    for (const cJSON *c = cJSON_IsObject(v) ? v->child : NULL; c; c = c->next)
        if (strcmp(c->string, key) == 0)
            child = c;
    walk_from(w, child, step + 1);
    cut(path, mark);
}

void check_each_path(check_ctx *ctx, const check_path *pat, check_each_fn fn, void *ud)
{
    walk w = {ctx, pat, fn, ud};
    ajar_strbuf_putc(&ctx->path, '\0'); /* own a buffer from the start */
    cut(&ctx->path, 0);
    walk_from(&w, ctx->root, 0);
    if (ctx->path.failed)
        ctx->nomem = 1;
}

/* ---- decoded texts ---------------------------------------------------------- */

const check_text *check_ctx_text(check_ctx *ctx, const char *s)
{
    for (size_t i = 0; i < ctx->ntexts; i++)
        if (ctx->texts[i]->s == s)
            return &ctx->texts[i]->t;
    if (ctx->ntexts == ctx->texts_cap) {
        size_t cap = ctx->texts_cap ? ctx->texts_cap * 2 : 16;
        check_cached_text **t = realloc(ctx->texts, cap * sizeof *t);
        if (!t) {
            ctx->nomem = 1;
            return NULL;
        }
        ctx->texts = t;
        ctx->texts_cap = cap;
    }
    check_cached_text *c = malloc(sizeof *c);
    if (!c || !check_text_decode(s, &c->t)) {
        free(c);
        ctx->nomem = 1;
        return NULL;
    }
    c->s = s;
    ctx->texts[ctx->ntexts++] = c;
    return &c->t;
}

static void free_texts(check_ctx *ctx)
{
    for (size_t i = 0; i < ctx->ntexts; i++) {
        check_text_free(&ctx->texts[i]->t);
        free(ctx->texts[i]);
    }
    free(ctx->texts);
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
    for (size_t i = 0; item >= 0 && i < ctx->n; i++) {
        const ajar_finding *f = &ctx->findings[i];
        if (f->checklist == CHECKLIST[item] && f->severity >= at_least)
            return 1;
    }
    return 0;
}

/* some: whether an item of the list that meets `where` meets `then`;
 * every: whether all of them do. */
static int some_or_every(const check_cond *c, const cJSON *base, const check_ctx *ctx, int item)
{
    const cJSON *list = check_path_get(base, &c->path);
    for (const cJSON *e = cJSON_IsArray(list) ? list->child : NULL; e; e = e->next) {
        if (!check_cond_eval(c->where, e, ctx, item))
            continue;
        int ok = check_cond_eval(c->then, e, ctx, item);
        if (c->op == CHECK_SOME && ok)
            return 1;
        if (c->op == CHECK_EVERY && !ok)
            return 0;
    }
    return c->op == CHECK_EVERY;
}

static int in_set(const check_cond *c, const cJSON *v)
{
    for (const cJSON *e = c->values->child; e; e = e->next)
        if (check_answered(v) && cJSON_Compare(v, e, 1))
            return 1;
    return 0;
}

int check_cond_eval(const check_cond *c, const cJSON *base, const check_ctx *ctx, int item)
{
    if (!c)
        return 1;
    switch (c->op) {
    case CHECK_ALL:
        for (size_t i = 0; i < c->nkids; i++)
            if (!check_cond_eval(&c->kids[i], base, ctx, item))
                return 0;
        return 1;
    case CHECK_ANY:
        for (size_t i = 0; i < c->nkids; i++)
            if (check_cond_eval(&c->kids[i], base, ctx, item))
                return 1;
        return 0;
    case CHECK_NOT:
        return !check_cond_eval(&c->kids[0], base, ctx, item);
    case CHECK_NO_FINDINGS:
        return !has_findings(ctx, item, c->severity);
    case CHECK_SOME:
    case CHECK_EVERY:
        return some_or_every(c, base, ctx, item);
    case CHECK_ANSWERED:
        return check_answered(check_path_get(base, &c->path)) == c->answered;
    case CHECK_EQUALS:
        return value_equal(check_path_get(base, &c->path), c->values);
    case CHECK_IN:
        return in_set(c, check_path_get(base, &c->path));
    case CHECK_NOT_IN:
        return !in_set(c, check_path_get(base, &c->path));
    }
    return 0;
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
    ajar_strbuf_init(&ctx.path);
    ctx.checker = c;
    ctx.root = ajar_draft_root(d);
    ctx.out = rendered;
    ctx.today = today;
    const cJSON *company = check_member(check_member(ctx.root, "offer"), "company");
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
    free_texts(&ctx);
    ajar_strbuf_free(&ctx.path);
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
