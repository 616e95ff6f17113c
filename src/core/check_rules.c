/* check_rules.c — the rule kinds: one generic detector per kind, driven by the rule's data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/date.h"
#include "check_int.h"

#define NVARS(a) (sizeof(a) / sizeof((a)[0]))

/* A number as a message value. */
typedef struct numtext {
    char buf[24];
} numtext;

static check_var num_var(const char *name, long n, numtext *t)
{
    snprintf(t->buf, sizeof t->buf, "%ld", n);
    return (check_var){name, t->buf, n, 1};
}

static check_var text_var(const char *name, const char *s)
{
    return (check_var){name, s ? s : "", 0, 0};
}

/* The path to name when a pattern has no concrete item: the list itself
 * (`positives[]` gives `positives`). Caller frees. */
static char *list_of(const char *pat)
{
    const char *b = strstr(pat, "[]");
    return b ? strndup(pat, (size_t)(b - pat)) : strdup(pat);
}

static const char *string_of(const cJSON *v)
{
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ---- required, condition, required-each, offer-maker ------------------------------ */

typedef struct emit_ud {
    check_ctx *ctx;
    const check_rule *r;
} emit_ud;

static void emit_if_unanswered(const char *path, const cJSON *v, void *ud)
{
    emit_ud *e = ud;
    if (!check_answered(v))
        check_emit(e->ctx, e->r, path, NULL, 0);
}

static void detect_required(check_ctx *ctx, const check_rule *r)
{
    emit_ud e = {ctx, r};
    check_each_path(ctx, &r->field, emit_if_unanswered, &e);
}

static void detect_condition(check_ctx *ctx, const check_rule *r)
{
    /* The rule's `when` has already held. */
    check_emit(ctx, r, r->field.text, NULL, 0);
}

/* The name of a list item for messages: its `name`, else its path. */
static const char *item_name(const cJSON *item, const char *path)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(item, "name");
    return check_answered(n) && cJSON_IsString(n) ? n->valuestring : path;
}

static void detect_required_each(check_ctx *ctx, const check_rule *r)
{
    const cJSON *list = check_path_get(ctx->root, &r->list);
    size_t i = 0;
    for (const cJSON *c = cJSON_IsArray(list) ? list->child : NULL; c; c = c->next, i++) {
        if (!check_cond_eval(r->where, c, ctx, -1))
            continue;
        if (check_answered(cJSON_GetObjectItemCaseSensitive(c, r->member)))
            continue;
        char item[160], path[320];
        snprintf(item, sizeof item, "%s[%zu]", r->list.text, i);
        snprintf(path, sizeof path, "%s.%s", item, r->member);
        check_var vars[] = {text_var("name", item_name(c, item))};
        check_emit(ctx, r, path, vars, NVARS(vars));
    }
}

static void detect_offer_maker(check_ctx *ctx, const check_rule *r)
{
    const cJSON *list = check_member(ctx->root, "contacts");
    size_t i = 0;
    const cJSON *maker = NULL;
    for (const cJSON *c = cJSON_IsArray(list) ? list->child : NULL; c && !maker; c = c->next, i++)
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "made_offer")))
            maker = c;
    if (!maker) {
        if (!r->member)
            check_emit(ctx, r, "contacts", NULL, 0);
        return;
    }
    if (!r->member || check_answered(cJSON_GetObjectItemCaseSensitive(maker, r->member)))
        return;
    char item[64], path[192];
    snprintf(item, sizeof item, "contacts[%zu]", i - 1);
    snprintf(path, sizeof path, "%s.%s", item, r->member);
    check_var vars[] = {text_var("name", item_name(maker, item))};
    check_emit(ctx, r, path, vars, NVARS(vars));
}

/* ---- words ----------------------------------------------------------------------- */

static void detect_words_in(const char *path, const cJSON *v, void *ud)
{
    emit_ud *e = ud;
    const char *s = string_of(v);
    if (!s || !*s)
        return;
    const check_text *t = check_ctx_text(e->ctx, s);
    if (!t)
        return;
    /* Every match, in the order of the text, each quoted once. */
    ajar_strbuf all, first;
    ajar_strbuf_init(&all);
    ajar_strbuf_init(&first);
    size_t count = 0, best, best_end;
    for (size_t at = 0; (best = check_words_find(e->r->words, t, at, &best_end)) != (size_t)-1;) {
        const char *m = s + t->off[best];
        size_t mlen = t->off[best_end] - t->off[best];
        char *piece = strndup(m, mlen);
        if (!piece) {
            e->ctx->nomem = 1;
            break;
        }
        int seen = 0;
        if (all.data) {
            /* Quoted pieces are compared as written. */
            char *q = ajar_asprintf("\xe2\x80\x9c%s\xe2\x80\x9d", piece);
            seen = q && strstr(all.data, q);
            free(q);
        }
        if (!seen) {
            if (count++)
                ajar_strbuf_puts(&all, ", ");
            ajar_strbuf_printf(&all, "\xe2\x80\x9c%s\xe2\x80\x9d", piece);
            if (count == 1)
                ajar_strbuf_puts(&first, piece);
        }
        free(piece);
        at = best_end > best ? best_end : best + 1;
    }
    if (count) {
        char *a = ajar_strbuf_take(&all), *f = ajar_strbuf_take(&first);
        if (a && f) {
            check_var vars[] = {text_var("match", f), text_var("matches", a)};
            check_emit(e->ctx, e->r, path, vars, NVARS(vars));
        } else {
            e->ctx->nomem = 1;
        }
        free(a);
        free(f);
    }
    ajar_strbuf_free(&all);
    ajar_strbuf_free(&first);
}

/* Runs fn on every value the rule's fields name. */
static void each_field(check_ctx *ctx, const check_rule *r, check_each_fn fn, void *ud)
{
    for (size_t i = 0; i < r->nfields && !ctx->nomem; i++)
        check_each_path(ctx, &r->fields[i], fn, ud);
}

static void detect_words(check_ctx *ctx, const check_rule *r)
{
    emit_ud e = {ctx, r};
    each_field(ctx, r, detect_words_in, &e);
}

/* ---- text-length ----------------------------------------------------------------------- */

static void detect_length_in(const char *path, const cJSON *v, void *ud)
{
    emit_ud *e = ud;
    const check_rule *r = e->r;
    const char *s = string_of(v);
    if (!s || !*s)
        return;
    const check_text *t = check_ctx_text(e->ctx, s);
    if (!t)
        return;
    long words = (long)check_count_words(t), sentences = (long)check_count_sentences(t);
    if (!((r->has_max_words && words > r->max_words) ||
          (r->has_max_sentences && sentences > r->max_sentences)))
        return;
    numtext a, b, c, d;
    check_var vars[] = {num_var("words", words, &a), num_var("sentences", sentences, &b),
                        num_var("max_words", r->max_words, &c),
                        num_var("max_sentences", r->max_sentences, &d)};
    check_emit(e->ctx, r, path, vars, NVARS(vars));
}

static void detect_text_length(check_ctx *ctx, const check_rule *r)
{
    emit_ud e = {ctx, r};
    each_field(ctx, r, detect_length_in, &e);
}

/* ---- other-company -------------------------------------------------------------- */

static int is_upper_start(const check_text *t, size_t i)
{
    return i < t->n && check_lower(t->raw[i]) != t->raw[i];
}

static int is_word_at(const check_text *t, size_t i)
{
    return (t->cls[i] & CHECK_WORD_RAW) != 0;
}

/* The end of the word that starts at i (a run of word characters). */
static size_t word_end(const check_text *t, size_t i)
{
    while (i < t->n && is_word_at(t, i))
        i++;
    return i;
}

/* Whether the two names overlap as words: one holds the other ("Lumen" and
 * "Lumen Freight"), compared case-insensitively. `known` is a string of the
 * draft, `name` one found in a text. */
static int names_overlap(check_ctx *ctx, const char *name, const char *known)
{
    size_t na = strlen(name), nb = strlen(known);
    uint32_t *cp = malloc((na + nb + 1) * sizeof *cp);
    check_pattern pa, pb;
    check_text ta;
    const check_text *tb;
    int hit = 0;
    if (!cp) {
        ctx->nomem = 1;
        return 0;
    }
    if (check_pattern_compile(name, cp, &pa) && check_pattern_compile(known, cp + na, &pb) &&
        (tb = check_ctx_text(ctx, known))) {
        if (check_text_decode(name, &ta)) {
            size_t end;
            hit = check_pattern_find(&pa, tb, 0, &end) != (size_t)-1 ||
                  check_pattern_find(&pb, &ta, 0, &end) != (size_t)-1;
            check_text_free(&ta);
        } else {
            ctx->nomem = 1;
        }
    }
    free(cp);
    return hit;
}

/* Whether `name` is the company being declined or a person of the draft
 * (a contact, a referral, the candidate): those may be named. */
static int known_name(check_ctx *ctx, const char *name)
{
    if (ctx->company && names_overlap(ctx, name, ctx->company))
        return 1;
    const cJSON *lists[] = {check_member(ctx->root, "contacts"),
                            check_member(check_member(ctx->root, "resource"), "referrals")};
    for (size_t l = 0; l < 2; l++) {
        for (const cJSON *c = cJSON_IsArray(lists[l]) ? lists[l]->child : NULL; c; c = c->next) {
            const char *n = string_of(cJSON_GetObjectItemCaseSensitive(c, "name"));
            if (n && *n && names_overlap(ctx, name, n))
                return 1;
        }
    }
    const char *me = string_of(check_member(check_member(ctx->root, "me"), "name"));
    return me && *me && names_overlap(ctx, name, me);
}

static int in_names(const check_name *names, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (names[i].len == len && memcmp(names[i].s, s, len) == 0)
            return 1;
    return 0;
}

/* Reads capitalised words from code point i: "Globex", "Initech Labs".
 * Returns the end (code point index) or i when there is none. */
static size_t capitalised_run(const check_text *t, size_t i)
{
    size_t end = i;
    while (is_upper_start(t, i)) {
        end = word_end(t, i);
        if (end + 1 < t->n && t->raw[end] == ' ' && is_upper_start(t, end + 1))
            i = end + 1;
        else
            break;
    }
    return end;
}

typedef struct company_ud {
    check_ctx *ctx;
    const check_rule *r;
} company_ud;

/* Reports the name at code points [a, b) of s unless it is ignored or
 * known; returns whether it did. */
static int try_name(company_ud *u, const char *path, const char *s, const check_text *t, size_t a,
                    size_t b)
{
    if (b <= a)
        return 0;
    const char *name = s + t->off[a];
    size_t first_len = t->off[word_end(t, a)] - t->off[a];
    if (in_names(u->r->ignore, u->r->nignore, name, first_len))
        return 0;
    char *n = strndup(name, t->off[b] - t->off[a]);
    if (!n) {
        u->ctx->nomem = 1;
        return 0;
    }
    int known = known_name(u->ctx, n);
    if (!known) {
        check_var vars[] = {text_var("match", n), text_var("company", u->ctx->company)};
        check_emit(u->ctx, u->r, path, vars, NVARS(vars));
    }
    free(n);
    return !known;
}

/* Tries the name after each place the lead appears in t; returns whether
 * one was reported. */
static int name_after(company_ud *u, const char *path, const char *s, const check_text *t,
                      const check_pattern *lead)
{
    size_t at = 0, end, i;
    while ((i = check_pattern_find(lead, t, at, &end)) != (size_t)-1) {
        size_t a = end;
        while (a < t->n && (t->cls[a] & CHECK_SPACE))
            a++;
        if (a > end && try_name(u, path, s, t, a, capitalised_run(t, a)))
            return 1;
        at = end > i ? end : i + 1;
    }
    return 0;
}

/* "an offer from Globex", "joining Initech": each lead in turn, at each
 * place it appears (only the leads found in the text are looked for). */
static int name_after_lead(company_ud *u, const char *path, const char *s, const check_text *t)
{
    const check_words *leads = u->r->leads;
    unsigned char *hit = calloc(leads->n ? leads->n : 1, 1);
    if (!hit) {
        u->ctx->nomem = 1;
        return 0;
    }
    check_words_mark(leads, t, hit);
    int done = 0;
    for (size_t k = 0; k < leads->n && !done; k++)
        done = hit[k] && name_after(u, path, s, t, &leads->pat[k]);
    free(hit);
    return done;
}

/* The start of the capitalised words that end just before code point p. */
static size_t capitalised_before(const check_text *t, size_t p)
{
    size_t a = p;
    while (a > 0 && is_word_at(t, a - 1))
        a--;
    if (!is_upper_start(t, a))
        return p;
    while (a >= 2 && t->raw[a - 1] == ' ' && is_word_at(t, a - 2)) {
        size_t b = a - 1;
        while (b > 0 && is_word_at(t, b - 1))
            b--;
        if (!is_upper_start(t, b))
            break;
        a = b;
    }
    return a;
}

/* "Globex Inc", "Initech, LLC": capitalised words before a suffix. */
static int name_before_suffix(company_ud *u, const char *path, const char *s, const check_text *t)
{
    int done = 0;
    for (size_t i = 0; i < t->n && !done; i++) {
        if (!is_word_at(t, i) || (i > 0 && is_word_at(t, i - 1)))
            continue;
        size_t e = word_end(t, i);
        if (!in_names(u->r->suffixes, u->r->nsuffixes, s + t->off[i], t->off[e] - t->off[i]))
            continue;
        size_t p = i;
        while (p > 0 && (t->raw[p - 1] == ' ' || t->raw[p - 1] == ','))
            p--;
        if (p == i || p == 0 || !is_word_at(t, p - 1))
            continue;
        size_t a = capitalised_before(t, p);
        if (a < p)
            done = try_name(u, path, s, t, a, e);
    }
    return done;
}

static void detect_company_in(const char *path, const cJSON *v, void *ud)
{
    company_ud *u = ud;
    const char *s = string_of(v);
    if (!s || !*s)
        return;
    const check_text *t = check_ctx_text(u->ctx, s);
    if (t && !name_after_lead(u, path, s, t))
        name_before_suffix(u, path, s, t);
}

static void detect_other_company(check_ctx *ctx, const check_rule *r)
{
    company_ud u = {ctx, r};
    each_field(ctx, r, detect_company_in, &u);
}

/* ---- dates and times ---------------------------------------------------------------- */

/* The day of a date or date-and-time field; 0 when it holds neither. */
static int field_day(const check_ctx *ctx, const check_path *field, ajar_date *day, int *minutes)
{
    const char *s = string_of(check_path_get(ctx->root, field));
    int m = -1;
    if (!s || !(ajar_date_parse(s, day) || ajar_datetime_parse(s, day, &m)))
        return 0;
    if (minutes)
        *minutes = m;
    return 1;
}

static void detect_days(check_ctx *ctx, const check_rule *r, int since)
{
    ajar_date day;
    if (!field_day(ctx, &r->field, &day, NULL))
        return;
    long n = since ? ajar_date_diff(day, ctx->today) : ajar_date_diff(ctx->today, day);
    if ((r->has_more_than && n <= r->more_than) || (r->has_at_most && n > r->at_most))
        return;
    char when[48];
    ajar_date_format_long(day, when, sizeof when);
    numtext t;
    check_var vars[] = {num_var("days", n < 0 ? -n : n, &t), text_var("date", when)};
    check_emit(ctx, r, r->field.text, vars, NVARS(vars));
}

static void detect_days_since(check_ctx *ctx, const check_rule *r)
{
    detect_days(ctx, r, 1);
}

static void detect_days_until(check_ctx *ctx, const check_rule *r)
{
    detect_days(ctx, r, 0);
}

/* Writes minutes since midnight (0..1440) as HH:MM. */
static void clock_text(int minutes, char buf[6])
{
    int h = minutes / 60 % 100, m = minutes % 60;
    buf[0] = (char)('0' + h / 10);
    buf[1] = (char)('0' + h % 10);
    buf[2] = ':';
    buf[3] = (char)('0' + m / 10);
    buf[4] = (char)('0' + m % 10);
    buf[5] = '\0';
}

static void detect_send_window(check_ctx *ctx, const check_rule *r)
{
    ajar_date day;
    int minutes = -1;
    if (!field_day(ctx, &r->field, &day, &minutes) || minutes < 0)
        return;
    int wd = ajar_date_weekday(day);
    int inside = (r->days & (1u << wd)) && minutes >= r->from_min && minutes < r->until_min;
    if (inside == r->outside)
        return;
    char when[48], at[6], from[6], until[6];
    ajar_date_format_long(day, when, sizeof when);
    clock_text(minutes, at);
    clock_text(r->from_min, from);
    clock_text(r->until_min, until);
    check_var vars[] = {text_var("weekday", ajar_weekday_name(wd)), text_var("time", at),
                        text_var("date", when), text_var("from", from), text_var("until", until)};
    check_emit(ctx, r, r->field.text, vars, NVARS(vars));
}

/* ---- the rendered letter and notes ------------------------------------------------------ */

typedef struct pick_ud {
    check_ctx *ctx;
    int want_longest;
    long best_words;
    char *best;
    int nomem;
} pick_ud;

static void pick_field(const char *path, const cJSON *v, void *ud)
{
    pick_ud *p = ud;
    if (p->want_longest) {
        const char *s = string_of(v);
        const check_text *t = s ? check_ctx_text(p->ctx, s) : NULL;
        long w = t ? (long)check_count_words(t) : 0;
        if (w <= p->best_words)
            return;
        p->best_words = w;
    } else if (p->best || check_answered(v)) {
        return;
    }
    free(p->best);
    p->best = strdup(path);
    if (!p->best)
        p->nomem = 1;
}

static void detect_letter_words(check_ctx *ctx, const check_rule *r)
{
    const check_text *letter = ctx->out->letter ? check_ctx_text(ctx, ctx->out->letter) : NULL;
    if (!letter)
        return;
    long words = (long)check_count_words(letter);
    int longer = r->has_more_than;
    if (longer ? words <= r->more_than : words >= r->fewer_than)
        return;
    /* Name the field that does most to make it long, or the first one
     * left empty that would fill it out. */
    pick_ud p = {ctx, longer, 0, NULL, 0};
    each_field(ctx, r, pick_field, &p);
    char *field = p.best ? p.best : list_of(r->fields[0].text);
    if (p.best != field)
        free(p.best);
    if (!field || p.nomem || ctx->nomem) {
        free(field);
        ctx->nomem = 1;
        return;
    }
    numtext a, b;
    check_var vars[] = {num_var("words", words, &a),
                        num_var("limit", longer ? r->more_than : r->fewer_than, &b)};
    check_emit(ctx, r, field, vars, NVARS(vars));
    free(field);
}

static void detect_linkedin_note(check_ctx *ctx, const check_rule *r)
{
    const ajar_output *o = ctx->out;
    long limit = o->linkedin_limit > 0 ? o->linkedin_limit : AJAR_LINKEDIN_LIMIT;
    for (size_t i = 0; i < o->nfollowups; i++) {
        const ajar_followup *f = &o->followups[i];
        long chars = (long)f->note_chars;
        if (r->shortened ? !f->note_shortened : chars <= limit)
            continue;
        char item[64], path[96];
        snprintf(item, sizeof item, "contacts[%zu]", f->index);
        snprintf(path, sizeof path, "%s.talked_about", item);
        numtext a, b;
        check_var vars[] = {text_var("name", f->name && *f->name ? f->name : item),
                            num_var("chars", chars, &a), num_var("limit", limit, &b)};
        check_emit(ctx, r, path, vars, NVARS(vars));
    }
}

/* ---- the table ------------------------------------------------------------------------ */

static const check_kind KINDS[] = {
    {"required", "field", "", "", 0, detect_required},
    {"condition", "field when", "", "", 0, detect_condition},
    {"required-each", "list member", "where", "name", 0, detect_required_each},
    {"offer-maker", "", "member", "name", 0, detect_offer_maker},
    {"words", "fields", "words lists", "match matches", 0, detect_words},
    {"text-length", "fields", "max_words max_sentences",
     "#words #sentences #max_words #max_sentences", 0, detect_text_length},
    {"other-company", "fields leads", "suffixes ignore", "match company", 0, detect_other_company},
    {"days-since", "field", "more_than at_most", "#days date", 0, detect_days_since},
    {"days-until", "field", "more_than at_most", "#days date", 0, detect_days_until},
    {"send-window", "field days from until", "outside", "weekday time date from until", 0,
     detect_send_window},
    {"letter-words", "fields", "more_than fewer_than", "#words #limit", 1, detect_letter_words},
    {"linkedin-note", "", "shortened", "name #chars #limit", 1, detect_linkedin_note},
};

const check_kind *check_kinds(size_t *count)
{
    *count = NVARS(KINDS);
    return KINDS;
}

const check_kind *check_kind_find(const char *name)
{
    for (size_t i = 0; i < NVARS(KINDS); i++)
        if (KINDS[i].name[0] == name[0] && strcmp(KINDS[i].name, name) == 0)
            return &KINDS[i];
    return NULL;
}
