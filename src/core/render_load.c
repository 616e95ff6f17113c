/* render_load.c — opens a renderer: reads the templates (compiled on first use), the reason catalogue and the labels. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/datadir.h"
#include "ajar/json.h"
#include "ajar/schema.h"
#include "ajar/store.h"
#include "render_int.h"

/* Largest template or data file read. */
#define MAX_FILE_BYTES (256 * 1024)

/* Templates every scenario and tone must be able to find (see render_find). */
static const char *const REQUIRED[] = {"letter-subject", "letter",           "phone",
                                       "voicemail",      "followup-message", "linkedin-note",
                                       "followups",      "linkedin",         NULL};

/* Groups of data/labels.json and the draft field whose choices each must name. */
static const struct {
    const char *group, *field;
} LABEL_GROUPS[] = {
    {"scenarios", "scenario"},
    {"roles", "contacts[].role"},
    {"channels", "contacts[].channel"},
    {"media", "offer.medium"},
};

char *ajar_render_user_dir(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/')
        return ajar_path_join(xdg, "ajar/templates");
    const char *home = getenv("HOME");
    if (home && home[0])
        return ajar_path_join(home, ".config/ajar/templates");
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const render_template *)a)->name, ((const render_template *)b)->name);
}

static const render_template *find_exact(const ajar_renderer *r, const char *name)
{
    render_template key = {.name = (char *)name};
    return bsearch(&key, r->templates, r->ntemplates, sizeof *r->templates, by_name);
}

/* Writes base, "-" and each non-NULL part into name (size cap); 0 when it
 * does not fit (no template has so long a name). */
static int join_name(char *name, size_t cap, const char *base, const char *p1, const char *p2)
{
    const char *parts[3] = {base, p1, p2};
    size_t at = 0;
    for (size_t i = 0; i < 3; i++) {
        if (!parts[i])
            continue;
        size_t n = strlen(parts[i]);
        if (at + (i > 0) + n >= cap)
            return 0;
        if (i > 0)
            name[at++] = '-';
        memcpy(name + at, parts[i], n);
        at += n;
    }
    name[at] = '\0';
    return 1;
}

const render_template *render_find(const ajar_renderer *r, const char *base, const char *scenario,
                                   const char *tone)
{
    char name[256];
    const render_template *t = NULL;
    if (scenario && tone && join_name(name, sizeof name, base, scenario, tone))
        t = find_exact(r, name);
    if (!t && scenario && join_name(name, sizeof name, base, scenario, NULL))
        t = find_exact(r, name);
    if (!t && tone && join_name(name, sizeof name, base, tone, NULL))
        t = find_exact(r, name);
    return t ? t : find_exact(r, base);
}

ajar_status render_compiled(const ajar_renderer *r, const render_template *t,
                            const ajar_tmpl **out, ajar_errors *errs)
{
    render_template *slot = &r->templates[t - r->templates];
    ajar_status st = AJAR_OK;
    if (!slot->tmpl)
        st = ajar_tmpl_compile(slot->text, strlen(slot->text), slot->origin, &slot->tmpl, errs);
    *out = slot->tmpl;
    return st;
}

const char *ajar_renderer_origin(const ajar_renderer *r, const char *name)
{
    if (!r || !name)
        return NULL;
    const render_template *t = find_exact(r, name);
    return t ? t->origin : NULL;
}

/* A template name is what templates may write after {{> : lowercase
 * letters, digits and dashes. Other files in the folder are not ours. */
static int template_file_name(const char *file, size_t *stem)
{
    size_t n = strlen(file), ext = strlen(".mustache");
    if (n <= ext || strcmp(file + n - ext, ".mustache") != 0)
        return 0;
    for (size_t i = 0; i < n - ext; i++)
        if (!((file[i] >= 'a' && file[i] <= 'z') || (file[i] >= '0' && file[i] <= '9') ||
              file[i] == '-'))
            return 0;
    *stem = n - ext;
    return 1;
}

/* Reads every template of `dir` into r, a file replacing one of the same
 * name read before. A missing folder is fine when `optional`. */
static ajar_status read_folder(ajar_renderer *r, const char *dir, int optional, ajar_errors *errs)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (optional && (errno == ENOENT || errno == ENOTDIR))
            return AJAR_OK;
        return ajar_errors_add(errs, errno == ENOENT ? AJAR_E_NOTFOUND : AJAR_E_IO, NULL, NULL, 0,
                               0, errno, "cannot open the templates folder %s", dir);
    }
    ajar_status st = AJAR_OK;
    struct dirent *e;
    while (st == AJAR_OK && (e = readdir(d)) != NULL) {
        size_t stem;
        if (!template_file_name(e->d_name, &stem))
            continue;
        char *path = ajar_path_join(dir, e->d_name);
        char *text = NULL;
        size_t len = 0;
        if (!path)
            st = ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
        else
            st = ajar_store_read_file(path, MAX_FILE_BYTES, &text, &len, errs);
        if (st == AJAR_OK && memchr(text, '\0', len))
            st = ajar_errors_add(errs, AJAR_E_SYNTAX, path, NULL, 0, 0, 0,
                                 "a template may not hold NUL bytes");
        if (st != AJAR_OK) {
            free(path);
            free(text);
            break;
        }
        char *name = strndup(e->d_name, stem);
        render_template *slot = NULL;
        for (size_t i = 0; name && i < r->ntemplates; i++)
            if (strcmp(r->templates[i].name, name) == 0)
                slot = &r->templates[i];
        if (!slot && name) {
            render_template *grown =
                realloc(r->templates, (r->ntemplates + 1) * sizeof *r->templates);
            if (grown) {
                r->templates = grown;
                slot = &grown[r->ntemplates++];
                *slot = (render_template){0};
            }
        }
        if (!slot) {
            free(name);
            free(path);
            free(text);
            st = ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
            break;
        }
        free(slot->name);
        free(slot->origin);
        free(slot->text);
        ajar_tmpl_free(slot->tmpl);
        *slot = (render_template){name, path, text, NULL};
    }
    closedir(d);
    return st;
}

/* Reads and parses a JSON file of the data folder. */
static ajar_status read_json(const char *path, cJSON **out, ajar_errors *errs)
{
    char *text = NULL;
    size_t len = 0;
    ajar_status st = ajar_store_read_file(path, MAX_FILE_BYTES, &text, &len, errs);
    if (st == AJAR_OK)
        st = ajar_json_parse(text, len, path, out, errs);
    free(text);
    if (st == AJAR_OK && !cJSON_IsObject(*out)) {
        cJSON_Delete(*out);
        *out = NULL;
        st = ajar_errors_add(errs, AJAR_E_INVALID, path, NULL, 0, 0, 0,
                             "expected a JSON object at the top");
    }
    return st;
}

/* The non-empty string member `key` of obj, or NULL after adding an error
 * naming path.key. */
static const char *need_string(const cJSON *obj, const char *key, const char *file,
                               const char *path, ajar_errors *errs)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsString(v) && v->valuestring[0])
        return v->valuestring;
    char *field = ajar_json_path_key(path, key);
    ajar_errors_add(errs, AJAR_E_INVALID, file, field, 0, 0, 0,
                    v ? "expected a non-empty text" : "missing");
    free(field);
    return NULL;
}

static void free_sentence(render_sentence *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->field);
    ajar_tmpl_free(s->tmpl);
    free(s);
}

/* A catalogue sentence of `text` held at path.key, compiled on first use;
 * NULL when memory runs out. */
static render_sentence *new_sentence(const char *text, const char *path, const char *key)
{
    render_sentence *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->text = strdup(text);
    s->field = ajar_json_path_key(path, key);
    if (!s->text || !s->field) {
        free_sentence(s);
        return NULL;
    }
    return s;
}

ajar_status render_sentence_compiled(const ajar_renderer *r, render_sentence *s,
                                     const ajar_tmpl **out, ajar_errors *errs)
{
    *out = s->tmpl;
    if (s->tmpl)
        return AJAR_OK;
    ajar_errors local = {0};
    ajar_status st = ajar_tmpl_compile(s->text, strlen(s->text), NULL, &s->tmpl, &local);
    for (size_t i = 0; i < local.count; i++)
        ajar_errors_add(errs, local.items[i].code, r->reasons_file, s->field, 0, 0, 0, "%s",
                        local.items[i].message ? local.items[i].message : "out of memory");
    ajar_errors_clear(&local);
    *out = s->tmpl;
    return st;
}

static ajar_status load_reasons(ajar_renderer *r, const char *path, ajar_errors *errs)
{
    cJSON *doc = NULL;
    ajar_status st = read_json(path, &doc, errs);
    if (st != AJAR_OK)
        return st;
    r->reasons_file = strdup(path);
    size_t before = errs ? errs->count : 0;
    int failed = 0;
    const cJSON *reasons = cJSON_GetObjectItemCaseSensitive(doc, "reasons");
    const ajar_field_spec *spec = ajar_schema_lookup("reason.kind");
    size_t nkinds = 0;
    while (spec->choices[nkinds])
        nkinds++;
    r->reasons = calloc(nkinds, sizeof *r->reasons);
    const char *priv = need_string(doc, "private", path, "", errs);
    if (priv)
        r->private_sentence = new_sentence(priv, "", "private");
    failed |= !r->private_sentence;
    if (!cJSON_IsObject(reasons)) {
        ajar_errors_add(errs, AJAR_E_INVALID, path, "reasons", 0, 0, 0,
                        "expected an object with one member per reason kind");
        failed = 1;
    }
    for (size_t i = 0; r->reasons && cJSON_IsObject(reasons) && i < nkinds; i++) {
        const char *kind = spec->choices[i];
        char *at = ajar_json_path_key("reasons", kind);
        const cJSON *entry = cJSON_GetObjectItemCaseSensitive(reasons, kind);
        render_reason *rr = &r->reasons[r->nreasons++];
        rr->kind = strdup(kind);
        if (!cJSON_IsObject(entry)) {
            ajar_errors_add(errs, AJAR_E_INVALID, path, at, 0, 0, 0,
                            "the reason kind \"%s\" has no entry", kind);
            failed = 1;
            free(at);
            continue;
        }
        const char *label = need_string(entry, "label", path, at, errs);
        const char *plain = need_string(entry, "plain", path, at, errs);
        const char *soft = need_string(entry, "softened", path, at, errs);
        rr->label = label ? strdup(label) : NULL;
        rr->can_change = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(entry, "can_change"));
        rr->plain = plain ? new_sentence(plain, at, "plain") : NULL;
        rr->softened = soft ? new_sentence(soft, at, "softened") : NULL;
        failed |= !rr->kind || !rr->label || !rr->plain || !rr->softened;
        free(at);
    }
    cJSON_Delete(doc);
    if (!r->reasons || !r->reasons_file)
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    if (failed)
        return errs && errs->count > before ? errs->items[before].code : AJAR_E_INVALID;
    return AJAR_OK;
}

static ajar_status load_labels(ajar_renderer *r, const char *path, ajar_errors *errs)
{
    ajar_status st = read_json(path, &r->labels, errs);
    if (st != AJAR_OK)
        return st;
    for (size_t g = 0; g < sizeof LABEL_GROUPS / sizeof *LABEL_GROUPS; g++) {
        const cJSON *group = cJSON_GetObjectItemCaseSensitive(r->labels, LABEL_GROUPS[g].group);
        const char *const *ids = ajar_schema_lookup(LABEL_GROUPS[g].field)->choices;
        for (size_t i = 0; ids[i]; i++)
            if (!need_string(group, ids[i], path, LABEL_GROUPS[g].group, errs))
                st = AJAR_E_INVALID;
    }
    return st;
}

/* The first scenario and tone for which the required template `base`
 * cannot be found; 0 when it is found for all. */
static int find_gap(const ajar_renderer *r, const char *base, const char **scenario,
                    const char **tone)
{
    const char *const *scenarios = ajar_schema_lookup("scenario")->choices;
    const char *const *tones = ajar_schema_lookup("tone")->choices;
    if (find_exact(r, base))
        return 0; /* the last resort of every lookup */
    for (size_t s = 0; scenarios[s]; s++)
        for (size_t t = 0; tones[t]; t++)
            if (!render_find(r, base, scenarios[s], tones[t])) {
                *scenario = scenarios[s];
                *tone = tones[t];
                return 1;
            }
    return 0;
}

/* Every required template can be found for every scenario and tone; one
 * message per missing template. */
static ajar_status check_complete(const ajar_renderer *r, const char *dir, ajar_errors *errs)
{
    ajar_status st = AJAR_OK;
    for (size_t b = 0; REQUIRED[b]; b++) {
        const char *s, *t;
        if (find_gap(r, REQUIRED[b], &s, &t))
            st = ajar_errors_add(errs, AJAR_E_NOTFOUND, NULL, NULL, 0, 0, 0,
                                 "%s: no template for %s in scenario %s and tone %s "
                                 "(looked for %s-%s-%s.mustache, %s-%s, %s-%s and %s)",
                                 dir, REQUIRED[b], s, t, REQUIRED[b], s, t, REQUIRED[b], s,
                                 REQUIRED[b], t, REQUIRED[b]);
    }
    return st;
}

ajar_status ajar_renderer_open(const char *data_dir, const char *user_dir, ajar_renderer **out,
                               ajar_errors *errs)
{
    if (out)
        *out = NULL;
    if (!out || !data_dir)
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "ajar_renderer_open: NULL argument");
    ajar_renderer *r = calloc(1, sizeof *r);
    char *tdir = ajar_path_join(data_dir, "data/templates");
    char *reasons = ajar_path_join(data_dir, "data/reasons.json");
    char *labels = ajar_path_join(data_dir, "data/labels.json");
    ajar_status st = AJAR_OK;
    if (!r || !tdir || !reasons || !labels)
        st = ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    if (st == AJAR_OK)
        st = read_folder(r, tdir, 0, errs);
    if (st == AJAR_OK && user_dir && user_dir[0])
        st = read_folder(r, user_dir, 1, errs);
    if (st == AJAR_OK) {
        qsort(r->templates, r->ntemplates, sizeof *r->templates, by_name);
        st = check_complete(r, tdir, errs);
    }
    if (st == AJAR_OK)
        st = load_reasons(r, reasons, errs);
    if (st == AJAR_OK)
        st = load_labels(r, labels, errs);
    free(tdir);
    free(reasons);
    free(labels);
    if (st != AJAR_OK) {
        ajar_renderer_free(r);
        return st;
    }
    *out = r;
    return AJAR_OK;
}

void ajar_renderer_free(ajar_renderer *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->ntemplates; i++) {
        free(r->templates[i].name);
        free(r->templates[i].origin);
        free(r->templates[i].text);
        ajar_tmpl_free(r->templates[i].tmpl);
    }
    free(r->templates);
    for (size_t i = 0; i < r->nreasons; i++) {
        free(r->reasons[i].kind);
        free(r->reasons[i].label);
        free_sentence(r->reasons[i].plain);
        free_sentence(r->reasons[i].softened);
    }
    free(r->reasons);
    free_sentence(r->private_sentence);
    free(r->reasons_file);
    cJSON_Delete(r->labels);
    free(r);
}
