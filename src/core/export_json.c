/* export_json.c — the JSON export: every part asked for as a member of one object, for other programs. */
#include <stdlib.h>

#include <cJSON.h>

#include "ajar/json.h"
#include "export_int.h"

/* Adds item under key, a string literal that cJSON keeps without copying
 * (keys are the same for every contact: a copy each is a malloc each). */
static int add_item(cJSON *obj, const char *key, cJSON *item)
{
    if (!item || !cJSON_AddItemToObjectCS(obj, key, item)) {
        cJSON_Delete(item);
        return 0;
    }
    return 1;
}

/* Adds s (NULL as "") under key; returns 0 when memory ran out. */
static int add_str(cJSON *obj, const char *key, const char *s)
{
    return add_item(obj, key, cJSON_CreateString(ajar_export_str(s)));
}

static int add_num(cJSON *obj, const char *key, double n)
{
    return add_item(obj, key, cJSON_CreateNumber(n));
}

static int add_bool(cJSON *obj, const char *key, int b)
{
    return add_item(obj, key, cJSON_CreateBool(b));
}

static int add_date(cJSON *obj, const char *key, ajar_date d)
{
    char iso[11];
    ajar_date_format_iso(d, iso);
    return add_str(obj, key, iso);
}

/* {"name": ..., "email": ...} under key. */
static int add_mailbox(cJSON *obj, const char *key, const char *name, const char *email)
{
    cJSON *m = cJSON_AddObjectToObject(obj, key);
    return m && add_str(m, "name", name) && add_str(m, "email", email);
}

static int add_letter(cJSON *root, const ajar_output *o)
{
    cJSON *l = cJSON_AddObjectToObject(root, "letter");
    return l && add_str(l, "subject", o->subject) && add_str(l, "body", o->letter) &&
           add_mailbox(l, "from", o->from_name, o->from_email) &&
           add_mailbox(l, "to", o->to_name, o->to_email);
}

/* Every field of one follow-up, the contact's index in the draft first. */
static int add_followup(cJSON *arr, const ajar_followup *f)
{
    cJSON *e = cJSON_CreateObject();
    if (!e || !cJSON_AddItemToArray(arr, e)) {
        cJSON_Delete(e);
        return 0;
    }
    int ok = add_num(e, "contact", (double)f->index) && add_str(e, "name", f->name) &&
             add_str(e, "first", f->first) && add_str(e, "role", f->role) &&
             add_str(e, "role_label", f->role_label) && add_str(e, "title", f->title) &&
             add_str(e, "channel", f->channel) && add_str(e, "channel_label", f->channel_label) &&
             add_str(e, "email", f->email) && add_str(e, "phone", f->phone) &&
             add_str(e, "linkedin", f->linkedin) && add_str(e, "talked_about", f->talked_about) &&
             add_bool(e, "made_offer", f->made_offer != 0) &&
             add_date(e, "when", f->when) && add_str(e, "when_text", f->when_text) &&
             add_str(e, "message", f->message) && add_str(e, "note", f->note) &&
             add_num(e, "note_chars", (double)f->note_chars) &&
             add_bool(e, "note_shortened", f->note_shortened != 0);
    cJSON *checkins = ok ? cJSON_AddArrayToObject(e, "checkins") : NULL;
    for (size_t i = 0; checkins && i < f->ncheckins; i++) {
        cJSON *c = cJSON_CreateObject();
        if (!c || !cJSON_AddItemToArray(checkins, c)) {
            cJSON_Delete(c);
            return 0;
        }
        if (!add_num(c, "months", f->checkins[i].months) || !add_date(c, "date", f->checkins[i].date))
            return 0;
    }
    return checkins != NULL;
}

/* The LinkedIn notes: one entry per contact that has a note. */
static int add_linkedin(cJSON *root, const ajar_output *o)
{
    cJSON *arr = cJSON_AddArrayToObject(root, "linkedin");
    for (size_t i = 0; arr && i < o->nfollowups; i++) {
        const ajar_followup *f = &o->followups[i];
        if (!*ajar_export_str(f->note))
            continue;
        cJSON *e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(arr, e)) {
            cJSON_Delete(e);
            return 0;
        }
        if (!add_num(e, "contact", (double)f->index) || !add_str(e, "name", f->name) ||
            !add_str(e, "linkedin", f->linkedin) || !add_str(e, "note", f->note) ||
            !add_num(e, "chars", (double)f->note_chars) ||
            !add_num(e, "limit", o->linkedin_limit) ||
            !add_bool(e, "shortened", f->note_shortened != 0))
            return 0;
    }
    return arr != NULL;
}

static int add_part(cJSON *root, const ajar_output *o, ajar_export_what w)
{
    switch (w) {
    case AJAR_EXPORT_LETTER: return add_letter(root, o);
    case AJAR_EXPORT_PHONE: return add_str(root, "phone", o->phone);
    case AJAR_EXPORT_VOICEMAIL: return add_str(root, "voicemail", o->voicemail);
    case AJAR_EXPORT_FOLLOWUPS: {
        cJSON *arr = cJSON_AddArrayToObject(root, "followups");
        for (size_t i = 0; arr && i < o->nfollowups; i++)
            if (!add_followup(arr, &o->followups[i]))
                return 0;
        return arr != NULL;
    }
    case AJAR_EXPORT_LINKEDIN: return add_linkedin(root, o);
    default: return 0;
    }
}

ajar_status ajar_export_json(const ajar_output *o, ajar_export_what what,
                             const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs)
{
    (void)opts;
    cJSON *root = cJSON_CreateObject();
    int ok = root != NULL;
    for (int w = AJAR_EXPORT_LETTER; ok && w < AJAR_EXPORT_ALL; w++)
        if (what == AJAR_EXPORT_ALL || what == (ajar_export_what)w)
            ok = add_part(root, o, (ajar_export_what)w);
    char *text = ok ? ajar_json_print(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    ajar_strbuf_puts(out, text);
    free(text);
    return out->failed ? ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory")
                       : AJAR_OK;
}
