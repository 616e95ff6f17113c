/* steps.c — reads and checks the wizard's step files in prompts/ (format: docs/prompts.md). */
#include "ajar/steps.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/datadir.h"
#include "ajar/json.h"
#include "ajar/schema.h"
#include "ajar/store.h"
#include "ajar/utf8.h"

#define MAX_STEP_BYTES (256 * 1024)
#define MAX_STEPS 64
#define TITLE_MAX_CHARS 24

/* Field kinds by name, and the draft types each may write. */
static const struct {
    const char *name;
    ajar_field_kind kind;
    ajar_field_type types[2]; /* AJAR_F_VERSION marks an unused slot */
    ajar_field_type item;     /* for lists: the type of their items */
} KINDS[] = {
    {"line", AJAR_FK_LINE, {AJAR_F_LINE, AJAR_F_EMAIL}, AJAR_F_VERSION},
    {"text", AJAR_FK_TEXT, {AJAR_F_TEXT, AJAR_F_VERSION}, AJAR_F_VERSION},
    {"date", AJAR_FK_DATE, {AJAR_F_DATE, AJAR_F_VERSION}, AJAR_F_VERSION},
    {"datetime", AJAR_FK_DATETIME, {AJAR_F_DATETIME, AJAR_F_VERSION}, AJAR_F_VERSION},
    {"choice", AJAR_FK_CHOICE, {AJAR_F_ENUM, AJAR_F_VERSION}, AJAR_F_VERSION},
    {"yesno", AJAR_FK_YESNO, {AJAR_F_BOOL, AJAR_F_VERSION}, AJAR_F_VERSION},
    {"phrases", AJAR_FK_PHRASES, {AJAR_F_LIST, AJAR_F_VERSION}, AJAR_F_LINE},
    {"months", AJAR_FK_MONTHS, {AJAR_F_LIST, AJAR_F_VERSION}, AJAR_F_INT},
    {"contacts", AJAR_FK_CONTACTS, {AJAR_F_LIST, AJAR_F_VERSION}, AJAR_F_OBJECT},
    {"referrals", AJAR_FK_REFERRALS, {AJAR_F_LIST, AJAR_F_VERSION}, AJAR_F_OBJECT},
};

/* Where in a step file a value is, kept as a chain up to the top so that
 * the field path ("fields[2].choices") is only written out for a problem. */
typedef struct where {
    const struct where *up; /* NULL: the top of the file */
    const char *key;        /* the member name, or NULL for an array item */
    size_t index;
} where;

/* The field path of w (may be ""); a new string, NULL on OOM. */
static char *where_path(const where *w)
{
    if (!w)
        return strdup("");
    char *up = where_path(w->up);
    char *path = !up ? NULL : w->key ? ajar_json_path_key(up, w->key)
                                     : ajar_json_path_index(up, w->index);
    free(up);
    return path;
}

/* One file being read: where problems go. */
typedef struct reader {
    const char *file;
    ajar_errors *errs;
    int failed;
} reader;

static void problem(reader *rd, const where *at, const char *key, const char *fmt,
                    const char *arg)
{
    where member = {at, key, 0};
    char *field = where_path(key ? &member : at);
    ajar_errors_add(rd->errs, AJAR_E_INVALID, rd->file, field && field[0] ? field : NULL, 0, 0, 0,
                    fmt, arg ? arg : "");
    free(field);
    rd->failed = 1;
}

/* The string member key, borrowed from the parsed file ("" when absent and
 * optional). Adds a problem when it is required and missing or empty, or
 * not a string. */
static const char *text_member(reader *rd, const cJSON *obj, const where *at, const char *key,
                               int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && !required)
        return "";
    if (!cJSON_IsString(v) || (required && !v->valuestring[0])) {
        problem(rd, at, key, v ? "expected a non-empty text%s" : "missing%s", "");
        return "";
    }
    return v->valuestring;
}

/* 1 when s is a non-empty run of lowercase letters, digits and dashes. */
static int is_id(const char *s)
{
    if (!s[0])
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

static void free_question(ajar_question *q)
{
    free(q->choices);
    for (size_t i = 0; i < q->nitem; i++)
        free_question(&q->item[i]);
    free(q->item);
}

static void read_questions(reader *rd, const cJSON *list, const where *at, const char *prefix,
                           ajar_question **out, size_t *n);

/* Reads the choices of a choice question and checks them against the
 * format's ids for `spec`. */
static void read_choices(reader *rd, const cJSON *obj, const where *at, ajar_question *q,
                         const ajar_field_spec *spec)
{
    const cJSON *ch = cJSON_GetObjectItemCaseSensitive(obj, "choices");
    if (!cJSON_IsObject(ch)) {
        problem(rd, at, "choices", "expected an object giving a label to every choice%s", "");
        return;
    }
    size_t n = (size_t)cJSON_GetArraySize(ch);
    q->choices = calloc(n ? n : 1, sizeof *q->choices);
    if (!q->choices) {
        rd->failed = 1;
        return;
    }
    where chat = {at, "choices", 0};
    const cJSON *c;
    cJSON_ArrayForEach(c, ch)
    {
        int known = 0;
        for (size_t i = 0; spec->choices[i]; i++)
            known |= strcmp(spec->choices[i], c->string) == 0;
        if (!known)
            problem(rd, &chat, c->string, "\"%s\" is not a choice the draft format allows",
                    c->string);
        else if (!cJSON_IsString(c) || !c->valuestring[0])
            problem(rd, &chat, c->string, "expected a non-empty label%s", "");
        else {
            q->choices[q->nchoices].id = c->string;
            q->choices[q->nchoices].label = c->valuestring;
            q->nchoices++;
        }
    }
    for (size_t i = 0; spec->choices[i]; i++)
        if (!cJSON_GetObjectItemCaseSensitive(ch, spec->choices[i]))
            problem(rd, &chat, NULL, "no label for the choice \"%s\"", spec->choices[i]);
}

/* Reads one question; `prefix` is "" at the top, "contacts[]." in an item. */
static void read_question(reader *rd, const cJSON *obj, const where *at, const char *prefix,
                          ajar_question *q)
{
    if (!cJSON_IsObject(obj)) {
        problem(rd, at, NULL, "expected an object describing a question%s", "");
        return;
    }
    q->path = text_member(rd, obj, at, "path", 1);
    q->label = text_member(rd, obj, at, "label", 1);
    q->hint = text_member(rd, obj, at, "hint", 0);
    q->example = text_member(rd, obj, at, "example", 0);
    q->yes = text_member(rd, obj, at, "yes", 0);
    q->no = text_member(rd, obj, at, "no", 0);
    q->item_label = text_member(rd, obj, at, "item_label", 0);
    const char *type = text_member(rd, obj, at, "type", 1);
    size_t k = 0, nk = sizeof KINDS / sizeof *KINDS;
    while (k < nk && strcmp(KINDS[k].name, type) != 0)
        k++;
    if (type[0] && k == nk)
        problem(rd, at, "type", "unknown question type \"%s\" (see docs/prompts.md)", type);
    if (k == nk || !q->path[0])
        return;
    q->kind = KINDS[k].kind;
    if (!q->yes[0])
        q->yes = "Yes";
    if (!q->no[0])
        q->no = "No";

    char full[256], items[260];
    snprintf(full, sizeof full, "%s%s", prefix, q->path);
    const ajar_field_spec *spec = ajar_schema_lookup(full);
    if (!spec || strchr(q->path, '[')) {
        problem(rd, at, "path", "\"%s\" is not a field of the draft format", full);
        return;
    }
    if (spec->type != KINDS[k].types[0] && spec->type != KINDS[k].types[1]) {
        problem(rd, at, "type", "a question of this type cannot answer the field \"%s\"", full);
        return;
    }
    if (KINDS[k].item != AJAR_F_VERSION) {
        snprintf(items, sizeof items, "%s[]", full);
        const ajar_field_spec *ispec = ajar_schema_lookup(items);
        if (!ispec || ispec->type != KINDS[k].item)
            problem(rd, at, "type", "a question of this type cannot answer the field \"%s\"", full);
    }
    if (q->kind == AJAR_FK_CHOICE)
        read_choices(rd, obj, at, q, spec);
    if (q->kind == AJAR_FK_CONTACTS || q->kind == AJAR_FK_REFERRALS) {
        const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, "item");
        where iat = {at, "item", 0};
        snprintf(items, sizeof items, "%s[].", full);
        if (!cJSON_IsArray(item) || cJSON_GetArraySize(item) == 0)
            problem(rd, at, "item", "expected the list of questions about one entry%s", "");
        else
            read_questions(rd, item, &iat, items, &q->item, &q->nitem);
    }
}

static void read_questions(reader *rd, const cJSON *list, const where *at, const char *prefix,
                           ajar_question **out, size_t *n)
{
    size_t count = (size_t)cJSON_GetArraySize(list);
    *out = calloc(count ? count : 1, sizeof **out);
    if (!*out) {
        rd->failed = 1;
        return;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, list)
    {
        where qat = {at, NULL, *n};
        read_question(rd, it, &qat, prefix, &(*out)[*n]);
        (*n)++;
    }
}

static void free_step(ajar_step *st)
{
    free(st->origin);
    for (size_t i = 0; i < st->nquestions; i++)
        free_question(&st->questions[i]);
    free(st->questions);
    cJSON_Delete(st->doc);
    free(st->text);
    free(st->head_id);
    free(st->head_title);
}

/* Undoes a failed parse_step: the step is as it was before, not ready. */
static void forget_body(ajar_step *st)
{
    for (size_t q = 0; q < st->nquestions; q++)
        free_question(&st->questions[q]);
    free(st->questions);
    st->questions = NULL;
    st->nquestions = 0;
    if (!st->head_id)
        st->id = st->title = "";
    st->rule = st->advice = st->example = "";
    st->review = 0;
    cJSON_Delete(st->doc);
    st->doc = NULL;
}

/* Parses st's file text in full and reads the step from it; the step keeps
 * the parsed file its texts are in. On failure it is left as before. */
static ajar_status parse_step(ajar_step *st, ajar_errors *errs)
{
    ajar_status s = ajar_json_parse(st->text, st->len, st->origin, &st->doc, errs);
    if (s != AJAR_OK)
        return s;
    reader rd = {st->origin, errs, 0};
    const cJSON *doc = st->doc;
    if (!cJSON_IsObject(doc)) {
        problem(&rd, NULL, NULL, "expected a JSON object describing one step%s", "");
        forget_body(st);
        return AJAR_E_INVALID;
    }
    const char *id = text_member(&rd, doc, NULL, "id", 1);
    const char *title = text_member(&rd, doc, NULL, "title", 1);
    if (!st->head_id) {
        st->id = id;
        st->title = title;
    }
    st->rule = text_member(&rd, doc, NULL, "rule", 1);
    st->advice = text_member(&rd, doc, NULL, "advice", 0);
    st->example = text_member(&rd, doc, NULL, "example", 0);
    st->review = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "review"));
    if (id[0] && !is_id(id))
        problem(&rd, NULL, "id", "\"%s\" is not an id (lowercase letters, digits and dashes)", id);
    if (ajar_utf8_width(title, strlen(title)) > TITLE_MAX_CHARS)
        problem(&rd, NULL, "title", "is longer than 24 columns%s", "");
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(doc, "fields");
    where fat = {NULL, "fields", 0};
    if (fields && !cJSON_IsArray(fields))
        problem(&rd, NULL, "fields", "expected a list of questions%s", "");
    else if (!fields && !st->review)
        problem(&rd, NULL, "fields", "missing (only the review step may have no questions)%s", "");
    else if (fields)
        read_questions(&rd, fields, &fat, "", &st->questions, &st->nquestions);
    if (rd.failed) {
        forget_body(st);
        return AJAR_E_INVALID;
    }
    st->ready = 1;
    free(st->text);
    st->text = NULL;
    return AJAR_OK;
}

/* The string member `key` at the top of st's file, found without parsing
 * the rest: a new string, or NULL when it cannot be found that way. */
static char *skim_string(const ajar_step *st, const char *key)
{
    size_t at, n;
    if (!ajar_json_skim_member(st->text, st->len, key, &at, &n) || st->text[at] != '"' || n < 2)
        return NULL;
    const char *inside = st->text + at + 1;
    size_t len = n - 2;
    if (!memchr(inside, '\\', len) && ajar_utf8_find_control(inside, len, 0) == (size_t)-1 &&
        ajar_utf8_valid(inside, len, NULL))
        return strndup(inside, len); /* nothing to decode */
    char *span = strndup(st->text + at, n);
    cJSON *v = NULL;
    char *out = NULL;
    if (span && ajar_json_parse(span, n, NULL, &v, NULL) == AJAR_OK && cJSON_IsString(v)) {
        out = v->valuestring;
        v->valuestring = NULL; /* taken: cJSON_Delete leaves a NULL string alone */
    }
    cJSON_Delete(v);
    free(span);
    return out;
}

/* Reads the step file at path: only its id and title when they can be
 * found quickly (the rest waits for ajar_steps_ready), else all of it. */
static ajar_status read_step(const char *path, ajar_step *st, ajar_errors *errs)
{
    st->origin = strdup(path);
    if (!st->origin)
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    ajar_status s = ajar_store_read_file(path, MAX_STEP_BYTES, &st->text, &st->len, errs);
    if (s != AJAR_OK)
        return s;
    st->head_id = skim_string(st, "id");
    st->head_title = skim_string(st, "title");
    if (st->head_id && st->head_title && is_id(st->head_id) && st->head_title[0] &&
        ajar_utf8_width(st->head_title, strlen(st->head_title)) <= TITLE_MAX_CHARS) {
        st->id = st->head_id;
        st->title = st->head_title;
        st->rule = st->advice = st->example = "";
        return AJAR_OK;
    }
    /* not found quickly, or wrong: the whole file now, every problem told */
    free(st->head_id);
    free(st->head_title);
    st->head_id = st->head_title = NULL;
    return parse_step(st, errs);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the step files of dir, sorted; NULL with an error. */
static char **list_files(const char *dir, size_t *n, ajar_errors *errs)
{
    DIR *d = opendir(dir);
    if (!d) {
        ajar_errors_add(errs, errno == ENOENT ? AJAR_E_NOTFOUND : AJAR_E_IO, NULL, NULL, 0, 0,
                        errno, "cannot open the step folder %s", dir);
        return NULL;
    }
    char **names = calloc(MAX_STEPS + 1, sizeof *names);
    struct dirent *e;
    *n = 0;
    while (names && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (*n == MAX_STEPS) {
            ajar_errors_add(errs, AJAR_E_INVALID, NULL, NULL, 0, 0, 0,
                            "%s: more than %d step files", dir, MAX_STEPS);
            break;
        }
        if (!(names[(*n)++] = strdup(e->d_name)))
            break;
    }
    closedir(d);
    if (!names)
        ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    else
        qsort(names, *n, sizeof *names, by_string);
    return names;
}

/* Step ids are unique. */
static ajar_status check_ids(const ajar_steps *s, ajar_errors *errs)
{
    ajar_status st = AJAR_OK;
    for (size_t i = 0; i < s->count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->items[i].id, s->items[j].id) == 0)
                st = ajar_errors_add(errs, AJAR_E_INVALID, s->items[i].origin, "id", 0, 0, 0,
                                     "the step id \"%s\" is also used by %s", s->items[i].id,
                                     s->items[j].origin);
    return st;
}

/* Each draft field is asked at most once (every step read). */
static ajar_status check_fields(const ajar_steps *s, ajar_errors *errs)
{
    ajar_status st = AJAR_OK;
    for (size_t i = 0; i < s->count; i++)
        for (size_t q = 0; q < s->items[i].nquestions; q++) {
            size_t qq;
            long other = ajar_steps_for_field(s, s->items[i].questions[q].path, &qq);
            if (other >= 0 && ((size_t)other != i || qq != q)) {
                char *field = ajar_json_path_index("fields", q);
                st = ajar_errors_add(errs, AJAR_E_INVALID, s->items[i].origin, field, 0, 0, 0,
                                     "the field \"%s\" is already asked in %s",
                                     s->items[i].questions[q].path, s->items[other].origin);
                free(field);
            }
        }
    return st;
}

ajar_status ajar_steps_open(const char *data_dir, ajar_steps **out, ajar_errors *errs)
{
    if (!data_dir || !out)
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "ajar_steps_open: NULL argument");
    *out = NULL;
    char *dir = ajar_path_join(data_dir, "prompts");
    size_t n = 0;
    char **names = dir ? list_files(dir, &n, errs) : NULL;
    ajar_steps *s = calloc(1, sizeof *s);
    if (s)
        s->items = calloc(n ? n : 1, sizeof *s->items);
    ajar_status st = AJAR_OK, first = AJAR_OK;
    if (!dir || !names || !s || !s->items)
        first = names || !dir ? AJAR_E_NOMEM : ajar_errors_status(errs);
    if (first == AJAR_OK && n == 0)
        first = ajar_errors_add(errs, AJAR_E_NOTFOUND, NULL, NULL, 0, 0, 0,
                                "%s holds no step files (*.json)", dir);
    for (size_t i = 0; first == AJAR_OK && i < n; i++) {
        char *path = ajar_path_join(dir, names[i]);
        st = path ? read_step(path, &s->items[s->count++], errs) : AJAR_E_NOMEM;
        free(path);
        if (st != AJAR_OK && first == AJAR_OK)
            first = st; /* go on: every file's problems are reported at once */
        if (st == AJAR_E_NOMEM)
            break;
    }
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    free(dir);
    if (first == AJAR_OK)
        first = check_ids(s, errs);
    if (first != AJAR_OK) {
        ajar_steps_free(s);
        return first;
    }
    *out = s;
    return AJAR_OK;
}

ajar_status ajar_steps_ready(ajar_steps *s, size_t i, ajar_errors *errs)
{
    if (!s || i >= s->count)
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "ajar_steps_ready: no step %zu", i);
    ajar_step *st = &s->items[i];
    return st->ready ? AJAR_OK : parse_step(st, errs);
}

ajar_status ajar_steps_ready_all(ajar_steps *s, ajar_errors *errs)
{
    if (!s)
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "ajar_steps_ready_all: NULL argument");
    ajar_status first = AJAR_OK;
    for (size_t i = 0; i < s->count; i++) {
        ajar_status st = ajar_steps_ready(s, i, errs);
        if (st != AJAR_OK && first == AJAR_OK)
            first = st;
        if (st == AJAR_E_NOMEM)
            return st;
    }
    return first == AJAR_OK ? check_fields(s, errs) : first;
}

ajar_status ajar_steps_load(const char *data_dir, ajar_steps **out, ajar_errors *errs)
{
    ajar_status st = ajar_steps_open(data_dir, out, errs);
    if (st == AJAR_OK && (st = ajar_steps_ready_all(*out, errs)) != AJAR_OK) {
        ajar_steps_free(*out);
        *out = NULL;
    }
    return st;
}

void ajar_steps_free(ajar_steps *s)
{
    if (!s)
        return;
    for (size_t i = 0; s->items && i < s->count; i++)
        free_step(&s->items[i]);
    free(s->items);
    free(s);
}

long ajar_steps_find(const ajar_steps *s, const char *id)
{
    for (size_t i = 0; s && id && i < s->count; i++)
        if (strcmp(s->items[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* 1 when `path` is the field `asked` or lies inside it: "contacts[2].email"
 * and "contacts" or "positives[0]" and "positives". */
static int within(const char *path, const char *asked)
{
    size_t n = strlen(asked);
    return strncmp(path, asked, n) == 0 && (path[n] == '\0' || path[n] == '[' || path[n] == '.');
}

long ajar_steps_for_field(const ajar_steps *s, const char *path, size_t *question)
{
    for (size_t i = 0; s && path && i < s->count; i++) /* steps not read have no questions */
        for (size_t q = 0; q < s->items[i].nquestions; q++)
            if (s->items[i].questions[q].path && within(path, s->items[i].questions[q].path)) {
                if (question)
                    *question = q;
                return (long)i;
            }
    return -1;
}

const char *ajar_question_choice_label(const ajar_question *q, const char *id)
{
    for (size_t i = 0; q && id && i < q->nchoices; i++)
        if (strcmp(q->choices[i].id, id) == 0)
            return q->choices[i].label;
    return NULL;
}
