/* check_load.c — reads data/checks.json: the word lists, the checklist and the rules, checked and compiled into the checker's arena. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/datadir.h"
#include "ajar/json.h"
#include "ajar/store.h"
#include "ajar/utf8.h"
#include "check_loader.h"

/* The version of the rules file format this program reads. */
#define CHECKS_FORMAT 1

/* Largest rules file read (bytes). */
#define CHECKS_MAX_BYTES (1024 * 1024)

/* What the top of the file and a checklist rule may hold. A rule may hold
 * the common members and its kind's (see members_of_kind). */
#define TOP_MEMBERS                                                                                \
    (BIT(M_AJAR_CHECKS) | BIT(M_NOTE) | BIT(M_LISTS) | BIT(M_CHECKLIST) | BIT(M_RULES))
#define ITEM_MEMBERS (BIT(M_ID) | BIT(M_TITLE) | BIT(M_FULFILLED) | BIT(M_NOTE))
static const char *const COMMON_MEMBERS =
    "id kind severity checklist group when message suggestion note";
static const char *const COMMON_REQUIRED = "id severity message suggestion";

/* ---- rule members ----------------------------------------------------------------------- */

static void want_int(loader *L, const cJSON *v, const place *at, long *out, int *has)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < -100000 || v->valuedouble > 100000 ||
        v->valuedouble != (double)(long)v->valuedouble) {
        loader_bad(L, at, "expected a whole number from -100000 to 100000, found %s",
                   cJSON_IsNumber(v) ? "another number" : loader_json_kind(v));
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
    uint32_t *cp = loader_alloc(L, (strlen(s) + 1) * sizeof *cp);
    return cp ? check_pattern_compile(s, cp, p) : -1;
}

/* Appends the patterns of the array v to pat[*n...], which has room for
 * all of them. */
static void add_patterns(loader *L, const cJSON *v, const place *at, check_pattern *pat, size_t *n)
{
    if (!loader_want_array(L, v, at, 1))
        return;
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        const place *item = ITEM(at, i);
        if (!loader_want_string(L, e, item))
            continue;
        int ok = compile_pattern(L, e->valuestring, &pat[*n]);
        if (ok > 0)
            (*n)++;
        else if (ok == 0)
            loader_bad(L, item, "\"%s\" holds no word to look for", e->valuestring);
    }
}

/* An empty set of patterns with room for n, or NULL when memory runs out. */
static check_words *new_words(loader *L, size_t n)
{
    check_words *w = loader_alloc(L, sizeof *w);
    if (!w)
        return NULL;
    memset(w, 0, sizeof *w);
    w->pat = loader_alloc(L, n * sizeof *w->pat);
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
    if (!loader_want_array(L, v, at, 1))
        return;
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        const word_list *list = find_list(L, e);
        if (!list) {
            loader_bad(L, ITEM(at, i), "expected the name of a list under \"lists\"");
        } else if (list->n) {
            memcpy(&w->pat[w->n], list->pat, list->n * sizeof *list->pat);
            w->n += list->n;
        }
    }
}

/* `words` and the named `lists`, one set of patterns. */
static void load_words(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *words = GET(ms, M_WORDS), *lists = GET(ms, M_LISTS);
    if (!words && !lists) {
        if (kind_is(r, "words"))
            loader_bad(L, at, "a rule of kind words needs \"words\" or \"lists\"");
        return;
    }
    size_t room = loader_array_size(words);
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
    check_words *w = new_words(L, loader_array_size(v));
    if (!w)
        return;
    add_patterns(L, v, at, w->pat, &w->n);
    check_words_group(w);
    r->leads = w;
}

static void want_names(loader *L, const cJSON *v, const place *at, const check_name **out,
                       size_t *n)
{
    if (!loader_want_array(L, v, at, 1))
        return;
    check_name *names = loader_alloc(L, loader_array_size(v) * sizeof *names);
    if (!names)
        return;
    *out = names;
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++)
        if (loader_want_string(L, e, ITEM(at, i))) {
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
    int h = ok ? (s[0] - '0') * 10 + (s[1] - '0') : 0,
        m = ok ? (s[3] - '0') * 10 + (s[4] - '0') : 0;
    if (!ok || m > 59 || h > 24 || (h == 24 && (m || !allow_24))) {
        loader_bad(L, at, "expected a time written HH:MM from 00:00 to %s",
                   allow_24 ? "24:00" : "23:59");
        return -1;
    }
    return h * 60 + m;
}

static const char *const WEEKDAYS[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

static unsigned want_days(loader *L, const cJSON *v, const place *at)
{
    unsigned mask = 0;
    if (!loader_want_array(L, v, at, 1))
        return 0;
    size_t i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        int d = -1;
        for (int k = 0; k < 7 && cJSON_IsString(e); k++)
            if (strcmp(WEEKDAYS[k], e->valuestring) == 0)
                d = k;
        if (d < 0)
            loader_bad(L, ITEM(at, i),
                       "expected a day of the week in lower case (monday ... sunday)");
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
static void
bprintf(char *buf, size_t size, const char *fmt, ...)
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
            loader_bad(L, at, "a '{' without its '}'");
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
            loader_bad(L, at, "unknown placeholder %s for a rule of kind %s (it has: %s)", shown,
                       k->name, h ? has : "none");
        } else if (bar && !is_num) {
            loader_bad(L, at, "{%s|...} is only for numbers", name);
        } else if (bar && !memchr(bar + 1, '|', (size_t)(close - bar - 1))) {
            loader_bad(L, at, "write the plural form as {%s|one|many}", name);
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
        member_set required = loader_members_named(L, k->required);
        known->required = L->common_required | required;
        known->allowed = L->common | required | loader_members_named(L, k->optional);
    }
    return *known;
}

/* The rule's kind; 0 when it has none that is known. */
static int load_kind(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *x = GET(ms, M_KIND);
    const place *sub = MEMBER(at, "kind");
    if (!x) {
        loader_bad(L, at, "the rule has no \"kind\"");
        return 0;
    }
    if (!loader_want_string(L, x, sub))
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
    loader_bad(L, sub, "unknown kind \"%s\" (known: %s)", x->valuestring, all ? all : "?");
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
        loader_only_members(L, o, ms, at, km.allowed, allowed, what);
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
            loader_bad(L, at, "a rule of kind %s needs \"%s\"", k->name, name);
        p += n;
        p += *p == ' ';
    }
}

/* id, severity, checklist, group, note, when, message and suggestion. */
static void load_common(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *x;
    if ((x = GET(ms, M_ID)) && loader_want_string(L, x, MEMBER(at, "id"))) {
        r->id = x->valuestring;
        for (const char *p = r->id; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
                loader_bad(L, MEMBER(at, "id"), "a rule id is written with a-z, 0-9 and '-' only");
                break;
            }
    }
    if ((x = GET(ms, M_SEVERITY))) {
        int s = cJSON_IsString(x) ? loader_severity(x->valuestring) : -1;
        if (s < 0)
            loader_bad(L, MEMBER(at, "severity"), "expected \"info\", \"warning\" or \"error\"");
        else
            r->severity = (ajar_severity)s;
    }
    if ((x = GET(ms, M_CHECKLIST)) && !cJSON_IsNull(x)) {
        r->checklist = cJSON_IsString(x) ? ajar_checklist_index(x->valuestring) : -1;
        if (r->checklist < 0)
            loader_bad(L, MEMBER(at, "checklist"),
                       "expected one of the eight rules (prompt, honest, positive, appreciative, "
                       "personal, inclusive, resource, stay-in-touch) or null");
    }
    if ((x = GET(ms, M_GROUP)) && loader_want_string(L, x, MEMBER(at, "group")))
        r->group = x->valuestring;
    if ((x = GET(ms, M_NOTE)) && !cJSON_IsString(x))
        loader_bad(L, MEMBER(at, "note"), "expected a string, found %s", loader_json_kind(x));
    if ((x = GET(ms, M_WHEN)))
        r->when = loader_cond(L, x, MEMBER(at, "when"), "", 0);
    static const enum member TEXTS[] = {M_MESSAGE, M_SUGGESTION};
    for (size_t i = 0; i < 2; i++) {
        const place *sub = MEMBER(at, loader_member_names[TEXTS[i]]);
        x = GET(ms, TEXTS[i]);
        if (!x || !loader_want_string(L, x, sub))
            continue;
        if (ajar_utf8_find_control(x->valuestring, strlen(x->valuestring), 0) != (size_t)-1)
            loader_bad(L, sub, "holds a control character; a message is one line of text");
        check_placeholders(L, x, sub, r->kind);
        *(i ? &r->suggestion : &r->message) = x->valuestring;
    }
}

/* `field` and `fields`. */
static void load_fields(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *x;
    if ((x = GET(ms, M_FIELD))) {
        const place *sub = MEMBER(at, "field");
        const ajar_field_spec *f = loader_want_field(L, x, sub, "", &r->field);
        if (f) {
            const char *field = x->valuestring;
            int dated = f->type == AJAR_F_DATE || f->type == AJAR_F_DATETIME;
            if ((kind_is(r, "days-since") || kind_is(r, "days-until")) && !dated)
                loader_bad(L, sub, "\"%s\" is not a date field", field);
            if (kind_is(r, "send-window") && f->type != AJAR_F_DATETIME)
                loader_bad(L, sub, "\"%s\" is not a date-and-time field", field);
            if (!kind_is(r, "required") && strstr(field, "[]"))
                loader_bad(L, sub, "name one field here, without []");
        }
    }
    if ((x = GET(ms, M_FIELDS))) {
        const place *sub = MEMBER(at, "fields");
        int text_fields = !kind_is(r, "letter-words");
        check_path *fields = loader_want_array(L, x, sub, 1)
                                 ? loader_alloc(L, loader_array_size(x) * sizeof *fields)
                                 : NULL;
        r->fields = fields;
        size_t i = 0;
        for (const cJSON *e = fields ? x->child : NULL; e; e = e->next, i++) {
            const place *item = ITEM(sub, i);
            const ajar_field_spec *f = loader_want_field(L, e, item, "", &fields[r->nfields]);
            if (!f)
                continue;
            if (text_fields && f->type != AJAR_F_LINE && f->type != AJAR_F_TEXT)
                loader_bad(L, item, "\"%s\" is not a text field", e->valuestring);
            else
                r->nfields++;
        }
    }
}

/* `list`, `member` and `where` (required-each, offer-maker). */
static void load_list(loader *L, const members *ms, const place *at, check_rule *r)
{
    const cJSON *x;
    char base[LOADER_PATH_MAX];
    if ((x = GET(ms, M_LIST))) {
        const place *sub = MEMBER(at, "list");
        check_path list;
        const ajar_field_spec *f = loader_want_field(L, x, sub, "", &list);
        const ajar_field_spec *fi =
            f ? ajar_schema_lookup(loader_join(base, sizeof base, "", x->valuestring, "[]")) : NULL;
        if (f && (f->type != AJAR_F_LIST || !fi || fi->type != AJAR_F_OBJECT))
            loader_bad(L, sub, "\"%s\" is not a list of objects", x->valuestring);
        else if (f)
            r->list = list;
    }
    loader_join(base, sizeof base, "", r->list.text ? r->list.text : "contacts", "[]");
    if ((x = GET(ms, M_MEMBER)) && loader_want_field(L, x, MEMBER(at, "member"), base, NULL))
        r->member = x->valuestring;
    if ((x = GET(ms, M_WHERE)))
        r->where = loader_cond(L, x, MEMBER(at, "where"), base, 0);
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
        {M_MAX_SENTENCES, offsetof(check_rule, max_sentences),
         offsetof(check_rule, has_max_sentences)},
    };
    const cJSON *x;
    for (size_t i = 0; i < sizeof INTS / sizeof INTS[0]; i++)
        if ((x = GET(ms, INTS[i].m)))
            want_int(L, x, MEMBER(at, loader_member_names[INTS[i].m]),
                     (long *)((char *)r + INTS[i].value), (int *)((char *)r + INTS[i].has));
    if ((x = GET(ms, M_DAYS)))
        r->days = want_days(L, x, MEMBER(at, "days"));
    if ((x = GET(ms, M_FROM)))
        r->from_min = want_time(L, x, MEMBER(at, "from"), 0);
    if ((x = GET(ms, M_UNTIL)))
        r->until_min = want_time(L, x, MEMBER(at, "until"), 1);
    static const enum member BOOLS[] = {M_OUTSIDE, M_SHORTENED};
    for (size_t i = 0; i < 2; i++) {
        if (!(x = GET(ms, BOOLS[i])))
            continue;
        if (!cJSON_IsBool(x))
            loader_bad(L, MEMBER(at, loader_member_names[BOOLS[i]]),
                       "expected true or false, found %s", loader_json_kind(x));
        *(i ? &r->shortened : &r->outside) = cJSON_IsTrue(x);
    }
}

/* What the kinds need beyond single members. */
static void check_kind_needs(loader *L, const members *ms, const place *at, const check_rule *r)
{
    const char *k = r->kind->name;
    if (kind_is(r, "text-length") && !r->has_max_words && !r->has_max_sentences)
        loader_bad(L, at, "a rule of kind text-length needs \"max_words\" or \"max_sentences\"");
    if ((kind_is(r, "days-since") || kind_is(r, "days-until")) && !r->has_more_than &&
        !r->has_at_most)
        loader_bad(L, at, "a rule of kind %s needs \"more_than\" or \"at_most\"", k);
    if (r->has_more_than && r->has_at_most && r->at_most <= r->more_than)
        loader_bad(L, MEMBER(at, "at_most"),
                   "at_most must be larger than more_than, or no day can match");
    if (kind_is(r, "letter-words") && r->has_more_than == r->has_fewer_than)
        loader_bad(L, at,
                   "a rule of kind letter-words needs either \"more_than\" or \"fewer_than\"");
    if (kind_is(r, "send-window") && r->from_min >= 0 && r->until_min >= 0 && GET(ms, M_FROM) &&
        GET(ms, M_UNTIL) && r->from_min >= r->until_min)
        loader_bad(L, MEMBER(at, "until"), "until must be later than from");
}

static void load_rule(loader *L, const cJSON *o, const place *at, check_rule *r)
{
    memset(r, 0, sizeof *r);
    r->checklist = -1;
    if (!cJSON_IsObject(o)) {
        loader_bad(L, at, "a rule is an object, found %s", loader_json_kind(o));
        return;
    }
    members ms;
    loader_read_members(L, o, &ms);
    if (!load_kind(L, &ms, at, r))
        return;
    rule_members(L, o, &ms, at, r->kind);
    load_common(L, &ms, at, r);
    load_fields(L, &ms, at, r);
    load_words(L, &ms, at, r);
    const cJSON *x;
    if ((x = GET(&ms, M_LEADS)))
        load_leads(L, x, MEMBER(at, "leads"), r);
    if ((x = GET(&ms, M_SUFFIXES)))
        want_names(L, x, MEMBER(at, "suffixes"), &r->suffixes, &r->nsuffixes);
    if ((x = GET(&ms, M_IGNORE)))
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
        loader_bad(L, at, "expected an object of named word lists, found %s",
                   loader_json_kind(lists));
        return;
    }
    size_t n = 0;
    for (const cJSON *l = lists->child; l; l = l->next)
        n++;
    if (!(L->lists = loader_alloc(L, n * sizeof *L->lists)))
        return;
    for (const cJSON *l = lists->child; l; l = l->next) {
        word_list *w = &L->lists[L->nlists++];
        w->name = l->string;
        w->n = 0;
        w->pat = loader_alloc(L, loader_array_size(l) * sizeof *w->pat);
        if (w->pat)
            add_patterns(L, l, MEMBER(at, l->string), w->pat, &w->n);
    }
}

static void load_item(loader *L, const cJSON *o, const place *at, ajar_checker *c)
{
    if (!cJSON_IsObject(o)) {
        loader_bad(L, at, "expected an object with id, title and fulfilled, found %s",
                   loader_json_kind(o));
        return;
    }
    members ms;
    loader_read_members(L, o, &ms);
    loader_only_members(L, o, &ms, at, ITEM_MEMBERS, "id title fulfilled note", "a checklist rule");
    const cJSON *id = GET(&ms, M_ID), *title = GET(&ms, M_TITLE), *ful = GET(&ms, M_FULFILLED);
    int k = cJSON_IsString(id) ? ajar_checklist_index(id->valuestring) : -1;
    if (k < 0) {
        loader_bad(L, id ? MEMBER(at, "id") : at,
                   "expected \"id\": one of prompt, honest, positive, appreciative, personal, "
                   "inclusive, resource, stay-in-touch");
        return;
    }
    check_item *item = &c->items[k];
    if (item->id) {
        loader_bad(L, MEMBER(at, "id"), "\"%s\" appears twice in the checklist", id->valuestring);
        return;
    }
    item->id = ajar_checklist_id((size_t)k);
    if (!title || loader_want_string(L, title, MEMBER(at, "title")))
        item->title = title ? title->valuestring : id->valuestring;
    if (!ful)
        loader_bad(L, at, "the checklist rule \"%s\" needs \"fulfilled\": when the draft meets it",
                   id->valuestring);
    else
        item->fulfilled = loader_cond(L, ful, MEMBER(at, "fulfilled"), "", 1);
}

static void load_checklist(loader *L, const cJSON *v, ajar_checker *c)
{
    const place *at = MEMBER(NULL, "checklist");
    if (!loader_want_array(L, v, at, 1))
        return;
    size_t i = 0;
    for (const cJSON *o = v->child; o; o = o->next, i++)
        load_item(L, o, ITEM(at, i), c);
    for (size_t k = 0; k < AJAR_CHECKLIST_COUNT; k++)
        if (!c->items[k].id)
            loader_bad(L, at, "the checklist lacks the rule \"%s\"", ajar_checklist_id(k));
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
            loader_bad(L, MEMBER(at, "id"), "the id \"%s\" is already used by rules[%zu]", id,
                       seen[k] - 1);
            return;
        }
    seen[k] = i + 1;
}

static void load_rules(loader *L, const cJSON *rules, ajar_checker *c)
{
    const place *at = MEMBER(NULL, "rules");
    size_t n = loader_array_size(rules), slots = 2 * n + 1;
    size_t *seen = NULL;
    if (!loader_want_array(L, rules, at, 1) ||
        !(c->rules = loader_alloc(L, n * sizeof *c->rules)) ||
        !(seen = loader_alloc(L, slots * sizeof *seen)))
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
        loader_bad(L, NULL, "the rules file holds %s; expected an object", loader_json_kind(doc));
        return AJAR_E_INVALID;
    }
    members ms;
    loader_read_members(L, doc, &ms);
    const cJSON *version = GET(&ms, M_AJAR_CHECKS);
    if (!cJSON_IsNumber(version) || version->valuedouble < 1 || version->valuedouble > 1e6 ||
        version->valuedouble != (double)(int)version->valuedouble) {
        loader_bad(L, version ? MEMBER(NULL, "ajar_checks") : NULL,
                   "expected \"ajar_checks\": %d, the version of the rules format", CHECKS_FORMAT);
        return AJAR_E_INVALID;
    }
    if (version->valuedouble > CHECKS_FORMAT) {
        int line, col;
        loader_position(L, "ajar_checks", &line, &col);
        return ajar_errors_add(L->errs, AJAR_E_VERSION, L->origin, "ajar_checks", line, col, 0,
                               "these rules are in format %d; this ajar reads format %d",
                               version->valueint, CHECKS_FORMAT);
    }
    loader_only_members(L, doc, &ms, NULL, TOP_MEMBERS, "ajar_checks note lists checklist rules",
                        "the rules file");
    size_t nkinds;
    check_kinds(&nkinds);
    if ((L->kinds = loader_alloc(L, nkinds * sizeof *L->kinds)))
        memset(L->kinds, 0, nkinds * sizeof *L->kinds);
    const cJSON *lists = GET(&ms, M_LISTS);
    if (lists)
        load_lists(L, lists);
    load_checklist(L, GET(&ms, M_CHECKLIST), c);
    if (L->kinds)
        load_rules(L, GET(&ms, M_RULES), c);
    if (L->nomem && !L->failed)
        return ajar_errors_add(L->errs, AJAR_E_NOMEM, L->origin, NULL, 0, 0, 0, "out of memory");
    return L->failed ? AJAR_E_INVALID : AJAR_OK;
}

ajar_status ajar_checker_parse(const char *text, size_t len, const char *origin, ajar_checker **out,
                               ajar_errors *errs)
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
    loader_init(&L, text, len, origin, errs, &c->arena);
    L.common = loader_members_named(&L, COMMON_MEMBERS);
    L.common_required = loader_members_named(&L, COMMON_REQUIRED);
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
