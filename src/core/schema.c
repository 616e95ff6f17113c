/* schema.c — the table of draft fields (format 1) and the validator that walks a draft against it. */
#include "ajar/schema.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/date.h"
#include "ajar/json.h"
#include "ajar/strbuf.h"
#include "ajar/utf8.h"

static const char *const SCENARIOS[] = {"offer", "recruiter", "former-employer",
                                        "after-acceptance", NULL};
static const char *const TONES[] = {"warm", "formal", "brief", NULL};
static const char *const MEDIUMS[] = {"phone-then-email", "email", "phone", NULL};
static const char *const REASON_KINDS[] = {
    "accepted-other", "counter-offer", "compensation", "benefits",  "role-fit",
    "location",       "commute",       "flexibility",  "family",    "own-business",
    "timing",         "career-direction", "other",     NULL};
static const char *const SHARES[] = {"plain", "softened", "private", NULL};
static const char *const ROLES[] = {"recruiter", "hr",        "hiring-manager", "interviewer",
                                    "colleague", "executive", "other",          NULL};
static const char *const CHANNELS[] = {"phone", "email", "linkedin", "in-person", NULL};
static const char *const STEP_STATES[] = {"todo", "done", "skipped", NULL};

#define OBJ(p, s) {p, AJAR_F_OBJECT, NULL, 0, 0, s}
#define LIST(p, s) {p, AJAR_F_LIST, NULL, 0, 0, s}
#define LINE(p, s) {p, AJAR_F_LINE, NULL, 0, 0, s}
#define TEXT(p, s) {p, AJAR_F_TEXT, NULL, 0, 0, s}
#define EMAIL(p, s) {p, AJAR_F_EMAIL, NULL, 0, 0, s}
#define DATE(p, s) {p, AJAR_F_DATE, NULL, 0, 0, s}
#define DATETIME(p, s) {p, AJAR_F_DATETIME, NULL, 0, 0, s}
#define ENUM(p, c, s) {p, AJAR_F_ENUM, c, 0, 0, s}
#define BOOL(p, s) {p, AJAR_F_BOOL, NULL, 0, 0, s}
#define INT(p, lo, hi, s) {p, AJAR_F_INT, NULL, lo, hi, s}

static const ajar_field_spec FIELDS[] = {
    OBJ("", "the draft"),
    {"ajar", AJAR_F_VERSION, NULL, 1, AJAR_FORMAT_VERSION, "format version"},
    ENUM("scenario", SCENARIOS, "what is being declined"),
    ENUM("tone", TONES, "which variant of the templates to use"),
    OBJ("me", "the candidate"),
    LINE("me.name", "your full name"),
    EMAIL("me.email", "your e-mail address"),
    LINE("me.phone", "your phone number"),
    LINE("me.linkedin", "your LinkedIn address"),
    OBJ("offer", "the offer being declined"),
    LINE("offer.company", "the company"),
    LINE("offer.role", "the role's title"),
    DATE("offer.made_on", "when the offer was made"),
    DATE("offer.respond_by", "when an answer is due"),
    DATE("offer.decided_on", "when you decided"),
    DATETIME("offer.send_at", "when you plan to send the letter (local time)"),
    ENUM("offer.medium", MEDIUMS, "how you will tell them"),
    OBJ("reason", "why you decline"),
    ENUM("reason.kind", REASON_KINDS, "the kind of reason, from the reason catalogue"),
    LINE("reason.detail", "the reason in a short phrase"),
    ENUM("reason.share", SHARES, "how much of the reason to say"),
    LINE("reason.would_reconsider", "what would change your decision"),
    LIST("positives", "specific things you liked"),
    LINE("positives[]", "something you liked"),
    OBJ("thanks", "what you thank them for"),
    LINE("thanks.for", "what you thank them for"),
    BOOL("thanks.honour", "whether to call the offer an honour"),
    LIST("contacts", "everyone you met"),
    OBJ("contacts[]", "a person you met"),
    LINE("contacts[].name", "their name"),
    ENUM("contacts[].role", ROLES, "their part in the process"),
    LINE("contacts[].title", "their job title"),
    EMAIL("contacts[].email", "their e-mail address"),
    LINE("contacts[].phone", "their phone number"),
    LINE("contacts[].linkedin", "their LinkedIn address"),
    LINE("contacts[].talked_about", "what you talked about"),
    ENUM("contacts[].channel", CHANNELS, "how to follow up with them"),
    BOOL("contacts[].made_offer", "whether this person made the offer"),
    OBJ("resource", "how you can help them"),
    LIST("resource.referrals", "people you can recommend"),
    OBJ("resource.referrals[]", "a person you recommend"),
    LINE("resource.referrals[].name", "their name"),
    LINE("resource.referrals[].why", "why they would fit"),
    EMAIL("resource.referrals[].email", "their e-mail address"),
    TEXT("resource.insight", "what would make the offer more attractive"),
    BOOL("resource.offer_introductions", "whether to offer introductions"),
    OBJ("stay_in_touch", "keeping in touch"),
    BOOL("stay_in_touch.future_interest", "whether to say you are open to future roles"),
    BOOL("stay_in_touch.linkedin", "whether to send LinkedIn invitations"),
    LIST("stay_in_touch.checkins_months", "months after the decline to check in"),
    INT("stay_in_touch.checkins_months[]", 1, 120, "a check-in, in months after the decline"),
    OBJ("steps", "the wizard's progress per step id"),
    ENUM("steps.*", STEP_STATES, "a step's state"),
    OBJ("wizard", "where the wizard was"),
    LINE("wizard.step", "the id of the step on screen when the wizard last saved"),
};

const ajar_field_spec *ajar_schema_fields(size_t *count)
{
    *count = sizeof FIELDS / sizeof FIELDS[0];
    return FIELDS;
}

/* Writes the pattern of a concrete path into out (room for strlen(path) + 1
 * bytes): indices become [], so that contacts[12].email reads contacts[].email. */
static void pattern_into(const char *path, char *out)
{
    char *o = out;
    for (const char *p = path; *p; p++) {
        *o++ = *p;
        if (*p == '[') {
            while (p[1] && p[1] != ']')
                p++;
        }
    }
    *o = '\0';
}

static const ajar_field_spec *find_pattern(const char *pat)
{
    for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++)
        if (FIELDS[i].pattern[0] == pat[0] && strcmp(FIELDS[i].pattern, pat) == 0)
            return &FIELDS[i];
    /* steps.anything is described by steps.* */
    const char *dot = strrchr(pat, '.');
    if (dot) {
        size_t head = (size_t)(dot - pat) + 1;
        for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++) {
            const char *fp = FIELDS[i].pattern;
            if (strncmp(fp, pat, head) == 0 && strcmp(fp + head, "*") == 0)
                return &FIELDS[i];
        }
    }
    return NULL;
}

const ajar_field_spec *ajar_schema_lookup(const char *path)
{
    char buf[256]; /* every field of the format fits: no allocation */
    size_t n = strlen(path);
    char *pat = n < sizeof buf ? buf : malloc(n + 1);
    if (!pat)
        return NULL;
    pattern_into(path, pat);
    const ajar_field_spec *f = find_pattern(pat);
    if (pat != buf)
        free(pat);
    return f;
}

static const char *type_name(ajar_field_type t)
{
    switch (t) {
    case AJAR_F_VERSION:
    case AJAR_F_INT: return "a whole number";
    case AJAR_F_LINE:
    case AJAR_F_TEXT:
    case AJAR_F_EMAIL:
    case AJAR_F_DATE:
    case AJAR_F_DATETIME:
    case AJAR_F_ENUM: return "a string";
    case AJAR_F_BOOL: return "true or false";
    case AJAR_F_OBJECT: return "an object";
    case AJAR_F_LIST: return "an array";
    }
    return "a value";
}

static const char *json_type_name(const cJSON *v)
{
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsBool(v)) return "true/false";
    if (cJSON_IsArray(v)) return "an array";
    if (cJSON_IsObject(v)) return "an object";
    if (cJSON_IsNull(v)) return "null";
    return "something else";
}

static ajar_status bad(ajar_errors *errs, const char *origin, const char *path, const char *fmt,
                       const char *a, const char *b)
{
    return ajar_errors_add(errs, AJAR_E_INVALID, origin, *path ? path : "(top level)", 0, 0, 0,
                           fmt, a, b);
}

static int email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || !at[1] || strchr(at + 1, '@'))
        return 0;
    for (const char *p = s; *p; p++)
        if (strchr(" \t<>,;\"()[]\\", *p))
            return 0;
    return 1;
}

/* Checks the text rules of a string field. */
static ajar_status check_text(const ajar_field_spec *f, const char *s, const char *origin,
                              const char *path, ajar_errors *errs)
{
    size_t len = strlen(s);
    size_t bad_at;
    if (!ajar_utf8_valid(s, len, &bad_at))
        return ajar_errors_add(errs, AJAR_E_INVALID, origin, path, 0, 0, 0,
                               "is not valid UTF-8 text (at byte %zu)", bad_at + 1);
    uint32_t allowed = f->type == AJAR_F_TEXT ? ((1u << '\n') | (1u << '\t')) : 0;
    size_t at = ajar_utf8_find_control(s, len, allowed);
    if (at != (size_t)-1) {
        uint32_t cp;
        ajar_utf8_decode(s + at, len - at, &cp);
        return ajar_errors_add(errs, AJAR_E_INVALID, origin, path, 0, 0, 0,
                               "contains the control character U+%04X at character %zu; %s",
                               (unsigned)cp, ajar_utf8_count(s, at) + 1,
                               f->type == AJAR_F_TEXT
                                   ? "only line breaks and tabs are allowed here"
                                   : "this field is a single line of text");
    }
    size_t chars = ajar_utf8_count(s, len);
    size_t max = f->type == AJAR_F_TEXT ? AJAR_TEXT_MAX_CHARS : AJAR_LINE_MAX_CHARS;
    if (chars > max) {
        char n[2][24];
        snprintf(n[0], sizeof n[0], "%zu", chars);
        snprintf(n[1], sizeof n[1], "%zu", max);
        return bad(errs, origin, path, "is %s characters long; the limit is %s", n[0], n[1]);
    }
    if (len == 0)
        return AJAR_OK;
    if (f->type == AJAR_F_EMAIL && !email_ok(s))
        return bad(errs, origin, path, "\"%s\" is not an e-mail address%s", s, "");
    if (f->type == AJAR_F_DATE) {
        ajar_date d;
        if (!ajar_date_parse(s, &d))
            return bad(errs, origin, path,
                       "\"%s\" is not a real date written YYYY-MM-DD (for example 2026-11-20)%s", s, "");
    }
    if (f->type == AJAR_F_DATETIME) {
        ajar_date d;
        int minutes;
        if (!ajar_datetime_parse(s, &d, &minutes))
            return bad(errs, origin, path,
                       "\"%s\" is not a real local date and time written YYYY-MM-DD HH:MM "
                       "(24-hour, for example 2026-11-20 10:30)%s", s, "");
    }
    if (f->type == AJAR_F_ENUM) {
        for (const char *const *c = f->choices; *c; c++)
            if (strcmp(*c, s) == 0)
                return AJAR_OK;
        ajar_strbuf list;
        ajar_strbuf_init(&list);
        for (const char *const *c = f->choices; *c; c++) {
            if (c != f->choices)
                ajar_strbuf_puts(&list, c[1] ? ", " : " or ");
            ajar_strbuf_puts(&list, *c);
        }
        char *l = ajar_strbuf_take(&list);
        ajar_status st = bad(errs, origin, path, "\"%s\" is not one of %s", s, l ? l : "the choices");
        free(l);
        return st;
    }
    return AJAR_OK;
}

/* Checks v against field f alone; containers are checked by the walker. */
static ajar_status check_one(const ajar_field_spec *f, const cJSON *v, const char *origin,
                             const char *path, ajar_errors *errs)
{
    if (f->type == AJAR_F_VERSION) {
        if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) || v->valuedouble < 1)
            return bad(errs, origin, path,
                       "the format version must be a whole number from 1 (found %s)%s",
                       json_type_name(v), "");
        if (v->valuedouble > f->max)
            return ajar_errors_add(errs, AJAR_E_INVALID, origin, path, 0, 0, 0,
                                   "this ajar writes format %d and cannot set a newer one", f->max);
        return AJAR_OK;
    }
    if (cJSON_IsNull(v))
        return AJAR_OK;
    switch (f->type) {
    case AJAR_F_LINE:
    case AJAR_F_TEXT:
    case AJAR_F_EMAIL:
    case AJAR_F_DATE:
    case AJAR_F_DATETIME:
    case AJAR_F_ENUM:
        if (!cJSON_IsString(v))
            return bad(errs, origin, path, "expected %s, found %s", type_name(f->type),
                       json_type_name(v));
        return check_text(f, v->valuestring, origin, path, errs);
    case AJAR_F_BOOL:
        if (!cJSON_IsBool(v))
            return bad(errs, origin, path, "expected %s, found %s", type_name(f->type),
                       json_type_name(v));
        return AJAR_OK;
    case AJAR_F_INT: {
        if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble))
            return bad(errs, origin, path, "expected %s, found %s", type_name(f->type),
                       cJSON_IsNumber(v) ? "a fraction" : json_type_name(v));
        if (v->valuedouble < f->min || v->valuedouble > f->max)
            return ajar_errors_add(errs, AJAR_E_INVALID, origin, path, 0, 0, 0,
                                   "%.0f is out of range; expected %d to %d", v->valuedouble,
                                   f->min, f->max);
        return AJAR_OK;
    }
    case AJAR_F_OBJECT:
        if (!cJSON_IsObject(v))
            return bad(errs, origin, path, "expected %s, found %s", type_name(f->type),
                       json_type_name(v));
        return AJAR_OK;
    case AJAR_F_LIST:
        if (!cJSON_IsArray(v))
            return bad(errs, origin, path, "expected %s, found %s", type_name(f->type),
                       json_type_name(v));
        return AJAR_OK;
    case AJAR_F_VERSION:
        break;
    }
    return AJAR_OK;
}

ajar_status ajar_schema_check_value(const char *path, const cJSON *value, const char *origin,
                                    ajar_errors *errs)
{
    const ajar_field_spec *f = ajar_schema_lookup(path);
    return f ? check_one(f, value, origin, path, errs) : AJAR_OK;
}

/* A path or pattern being built while walking down: text[0..len), kept
 * NUL-terminated. Names too long for it name no field of the format. */
typedef struct walk_buf {
    char text[512];
    size_t len;
} walk_buf;

/* Appends ".key" (or "key" at the top), or "[i]" / "[]"; 0 when it does
 * not fit. */
static int buf_key(walk_buf *b, const char *key)
{
    size_t k = strlen(key), dot = b->len ? 1 : 0;
    if (b->len + dot + k + 1 > sizeof b->text)
        return 0;
    if (dot)
        b->text[b->len++] = '.';
    memcpy(b->text + b->len, key, k + 1);
    b->len += k;
    return 1;
}

static int buf_index(walk_buf *b, size_t i, int with_number)
{
    int n = with_number ? snprintf(b->text + b->len, sizeof b->text - b->len, "[%zu]", i)
                        : snprintf(b->text + b->len, sizeof b->text - b->len, "[]");
    if (n < 0 || b->len + (size_t)n >= sizeof b->text)
        return 0;
    b->len += (size_t)n;
    return 1;
}

static void buf_cut(walk_buf *b, size_t len)
{
    b->len = len;
    b->text[len] = '\0';
}

/* Walks v (the field `f`, at path->text, whose pattern is pat->text) and
 * adds an error for every problem found below it. Unknown members are
 * skipped: they belong to someone else and are kept as they are. Paths are
 * built in place, with no allocation per value. */
static void walk(const cJSON *v, const ajar_field_spec *f, walk_buf *pat, walk_buf *path,
                 const char *origin, ajar_errors *errs, int *failed)
{
    if (check_one(f, v, origin, path->text, errs) != AJAR_OK) {
        *failed = 1;
        return;
    }
    if (cJSON_IsNull(v))
        return;
    size_t pat_len = pat->len, path_len = path->len;
    if (f->type == AJAR_F_OBJECT) {
        for (const cJSON *c = v->child; c; c = c->next) {
            /* A key holding path punctuation names no field of the format:
             * it is someone else's, kept as it is. */
            if (strpbrk(c->string, ".[]*"))
                continue;
            if (buf_key(pat, c->string) && buf_key(path, c->string)) {
                const ajar_field_spec *cf = find_pattern(pat->text);
                if (cf)
                    walk(c, cf, pat, path, origin, errs, failed);
            }
            buf_cut(pat, pat_len);
            buf_cut(path, path_len);
        }
    } else if (f->type == AJAR_F_LIST) {
        const ajar_field_spec *item = buf_index(pat, 0, 0) ? find_pattern(pat->text) : NULL;
        size_t i = 0;
        for (const cJSON *c = v->child; c && item; c = c->next, i++) {
            if (buf_index(path, i, 1))
                walk(c, item, pat, path, origin, errs, failed);
            buf_cut(path, path_len);
        }
        buf_cut(pat, pat_len);
    }
}

/* Rules that tie several fields together. */
static void cross_checks(const cJSON *root, const char *origin, ajar_errors *errs, int *failed)
{
    const cJSON *contacts = cJSON_GetObjectItemCaseSensitive(root, "contacts");
    if (!cJSON_IsArray(contacts))
        return;
    long first = -1;
    long i = 0;
    for (const cJSON *c = contacts->child; c; c = c->next, i++) {
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(c, "made_offer");
        if (!cJSON_IsTrue(m))
            continue;
        if (first < 0) {
            first = i;
            continue;
        }
        char *path = ajar_asprintf("contacts[%ld].made_offer", i);
        ajar_errors_add(errs, AJAR_E_INVALID, origin, path, 0, 0, 0,
                        "only one person can have made the offer, and contacts[%ld] already has",
                        first);
        free(path);
        *failed = 1;
    }
}

ajar_status ajar_schema_validate(const cJSON *root, const char *origin, ajar_errors *errs)
{
    if (!cJSON_IsObject(root))
        return ajar_errors_add(errs, AJAR_E_INVALID, origin, NULL, 0, 0, 0,
                               "a draft is a JSON object, but this file holds %s",
                               json_type_name(root));
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "ajar");
    if (!version)
        return ajar_errors_add(errs, AJAR_E_INVALID, origin, "ajar", 0, 0, 0,
                               "missing the format version (\"ajar\": %d); is this an ajar draft?",
                               AJAR_FORMAT_VERSION);
    if (cJSON_IsNumber(version) && version->valuedouble > AJAR_FORMAT_VERSION &&
        version->valuedouble == floor(version->valuedouble))
        return ajar_errors_add(errs, AJAR_E_VERSION, origin, NULL, 0, 0, 0,
                               "this draft is in format %.0f, written by a newer ajar; this ajar "
                               "reads format %d and leaves the file untouched",
                               version->valuedouble, AJAR_FORMAT_VERSION);
    int failed = 0;
    walk_buf pat = {{0}, 0}, path = {{0}, 0};
    const ajar_field_spec *top = find_pattern("");
    if (top)
        walk(root, top, &pat, &path, origin, errs, &failed);
    cross_checks(root, origin, errs, &failed);
    return failed ? AJAR_E_INVALID : AJAR_OK;
}
