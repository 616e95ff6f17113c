/* render.c — renders a draft through the templates: letter, scripts, follow-ups, LinkedIn notes. */
#include <stdlib.h>
#include <string.h>

#include "ajar/utf8.h"
#include "ajar/view.h"
#include "render_int.h"

/* One render in progress. */
typedef struct render_ctx {
    const ajar_renderer *r;
    const char *scenario, *tone;
    ajar_tmpl_opts topts;  /* escaping of user text, partials */
    ajar_tmpl_opts plain;  /* no escaping: for pieces inserted into other templates */
    ajar_errors *errs;
    ajar_status st;
} render_ctx;

/* Partials resolve like templates: {{>signature}} finds signature-offer-warm,
 * signature-offer, signature-warm or signature. */
static char *load_partial(const char *name, char **origin, void *ud)
{
    const render_ctx *c = ud;
    const render_template *t = render_find(c->r, name, c->scenario, c->tone);
    if (!t)
        return NULL;
    *origin = strdup(t->origin);
    return strdup(t->text);
}

/* Renders t against data with opts; the tidied text, or NULL after
 * recording the failure in c. */
static char *render_tmpl(render_ctx *c, const ajar_tmpl *t, const cJSON *data,
                         const ajar_tmpl_opts *opts, int prose)
{
    if (c->st != AJAR_OK)
        return NULL;
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "");
    ajar_status st = ajar_tmpl_render(t, data, opts, &b, c->errs);
    char *s = st == AJAR_OK ? ajar_strbuf_take(&b) : NULL;
    ajar_strbuf_free(&b);
    if (!s) {
        c->st = st != AJAR_OK ? st
                              : ajar_errors_add(c->errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0,
                                                "out of memory");
        return NULL;
    }
    /* Templates are text: no control character may come out but line ends
     * (user text cannot carry one either; the draft's loader refuses them). */
    size_t len = strlen(s);
    size_t bad = ajar_utf8_find_control(s, len, (1u << '\n') | (1u << '\t'));
    if (bad != (size_t)-1 || !ajar_utf8_valid(s, len, NULL)) {
        free(s);
        c->st = ajar_errors_add(c->errs, AJAR_E_INVALID, NULL, NULL, 0, 0, 0,
                                "a template produced a control character or invalid UTF-8");
        return NULL;
    }
    s = ajar_render_tidy(s, prose);
    if (!s)
        c->st = ajar_errors_add(c->errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    return s;
}

/* Templates whose output is laid out in lines and columns; the others are
 * prose (see ajar_render_tidy). */
static const char *const LAYOUT[] = {"phone", "followups", "linkedin", NULL};

/* Renders the template `base` for this scenario and tone against data,
 * with the caller's escaping of user text. */
static char *render_with(render_ctx *c, const char *base, const cJSON *data,
                         const ajar_tmpl_opts *opts)
{
    const render_template *t = render_find(c->r, base, c->scenario, c->tone);
    int prose = 1;
    for (size_t i = 0; LAYOUT[i]; i++)
        if (strcmp(LAYOUT[i], base) == 0)
            prose = 0;
    if (c->st != AJAR_OK)
        return NULL;
    const ajar_tmpl *compiled = NULL;
    c->st = render_compiled(c->r, t, &compiled, c->errs);
    return compiled ? render_tmpl(c, compiled, data, opts, prose) : NULL;
}

static char *render_named(render_ctx *c, const char *base, const cJSON *data)
{
    return render_with(c, base, data, &c->topts);
}

/* Sets obj[key] to the string s (taken over), replacing any old value. */
static void set_owned(render_ctx *c, cJSON *obj, const char *key, char *s)
{
    if (!s) {
        if (c->st == AJAR_OK)
            c->st = ajar_errors_add(c->errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
        return;
    }
    cJSON *v = cJSON_CreateString(s);
    free(s);
    cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
    if (!v || !cJSON_AddItemToObject(obj, key, v)) {
        cJSON_Delete(v);
        if (c->st == AJAR_OK)
            c->st = ajar_errors_add(c->errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    }
}

/* Tidied text on one line, for a subject, a message or a sentence inside a
 * paragraph: each run of line ends (a blank line between paragraphs too)
 * becomes one space, and the final one goes. */
static char *one_line(char *s)
{
    if (s) {
        char *w = s;
        for (const char *p = s; *p; p++) {
            if (*p != '\n')
                *w++ = *p;
            else if (w > s && w[-1] != ' ' && p[1] != '\0' && p[1] != '\n')
                *w++ = ' ';
        }
        *w = '\0';
    }
    return s;
}

/* The reason sentence: the catalogue's plain or softened sentence for the
 * kind (the `other` entry when only a detail is given), the private one, or
 * nothing when there is nothing to say. */
static void add_reason(render_ctx *c, cJSON *view)
{
    cJSON *reason = cJSON_GetObjectItemCaseSensitive(view, "reason");
    const char *kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(reason, "kind"));
    const char *share = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(reason, "share"));
    const char *detail = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(reason, "detail"));
    if ((!kind || !kind[0]) && detail && detail[0])
        kind = "other";
    const render_reason *rr = NULL;
    for (size_t i = 0; kind && i < c->r->nreasons; i++)
        if (strcmp(c->r->reasons[i].kind, kind) == 0)
            rr = &c->r->reasons[i];
    render_sentence *said = NULL;
    if (share && strcmp(share, "private") == 0)
        said = c->r->private_sentence;
    else if (rr)
        said = share && strcmp(share, "softened") == 0 ? rr->softened : rr->plain;
    const ajar_tmpl *t = NULL;
    if (said && c->st == AJAR_OK)
        c->st = render_sentence_compiled(c->r, said, &t, c->errs);
    if (c->st != AJAR_OK)
        return;
    set_owned(c, reason, "sentence", t ? one_line(render_tmpl(c, t, view, &c->plain, 1)) : strdup(""));
    set_owned(c, reason, "label", strdup(rr ? rr->label : ""));
    cJSON_DeleteItemFromObjectCaseSensitive(reason, "can_change");
    cJSON_AddBoolToObject(reason, "can_change", rr && rr->can_change);
}

/* Cuts s to at most `limit` characters at a word boundary, ending in "…". */
static char *cut_note(const char *s, size_t limit)
{
    size_t len = strlen(s), pos = 0, chars = 0, last_space = 0;
    while (pos < len && chars + 1 < limit) {
        uint32_t cp;
        size_t k = ajar_utf8_decode(s + pos, len - pos, &cp);
        if (cp == ' ')
            last_space = pos;
        pos += k;
        chars++;
    }
    size_t keep = pos < len && last_space > 0 ? last_space : pos;
    while (keep > 0 && strchr(" ,;:-", s[keep - 1]))
        keep--;
    return ajar_asprintf("%.*s…", (int)keep, s);
}

/* The LinkedIn note for the contact in view.contact: the template's full
 * form, its short form when that is too long, and as a last resort the
 * short form cut at a word. Plain text, as LinkedIn takes it (and as it is
 * counted): templates that show it quote it when they insert it. */
static char *linkedin_note(render_ctx *c, cJSON *view, size_t limit, int *shortened)
{
    char *note = one_line(render_with(c, "linkedin-note", view, &c->plain));
    *shortened = 0;
    if (!note || ajar_utf8_count(note, strlen(note)) <= limit)
        return note;
    free(note);
    *shortened = 1;
    cJSON_AddBoolToObject(view, "short", 1);
    note = one_line(render_with(c, "linkedin-note", view, &c->plain));
    cJSON_DeleteItemFromObjectCaseSensitive(view, "short");
    if (!note || ajar_utf8_count(note, strlen(note)) <= limit)
        return note;
    char *cut = cut_note(note, limit);
    free(note);
    return cut;
}

/* Adds message, note and note_chars to every contact of the view (and to
 * its copy in `others` and `recipient`), rendering each with the contact
 * reachable as {{contact.*}} beside the whole view. */
static void add_contact_texts(render_ctx *c, cJSON *view, size_t limit)
{
    cJSON *contacts = cJSON_GetObjectItemCaseSensitive(view, "contacts");
    cJSON *contact;
    cJSON_ArrayForEach(contact, contacts)
    {
        cJSON *ref = cJSON_CreateObjectReference(contact->child);
        if (!ref || !cJSON_AddItemToObject(view, "contact", ref)) {
            cJSON_Delete(ref);
            c->st = ajar_errors_add(c->errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
            return;
        }
        /* plain text (ajar_followup.message), quoted where it is inserted */
        char *message = one_line(render_with(c, "followup-message", view, &c->plain));
        int shortened = 0;
        char *note = linkedin_note(c, view, limit, &shortened);
        cJSON_DeleteItemFromObjectCaseSensitive(view, "contact");
        if (c->st != AJAR_OK) {
            free(message);
            free(note);
            return;
        }
        size_t chars = note ? ajar_utf8_count(note, strlen(note)) : 0;
        /* the view's `others` and `recipient` refer to this same object, so
         * they have the texts too */
        set_owned(c, contact, "message", message);
        set_owned(c, contact, "note", note);
        cJSON_AddNumberToObject(contact, "note_chars", (double)chars);
        cJSON_AddBoolToObject(contact, "note_shortened", shortened);
    }
}

/* A copy of the string member key of obj ("" when absent). */
static char *dup_member(const cJSON *obj, const char *key)
{
    const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));
    return strdup(s ? s : "");
}

/* Fills o->followups from the view's contacts. */
static int fill_followups(ajar_output *o, const cJSON *view)
{
    const cJSON *contacts = cJSON_GetObjectItemCaseSensitive(view, "contacts");
    size_t n = (size_t)cJSON_GetArraySize(contacts), i = 0;
    o->followups = calloc(n ? n : 1, sizeof *o->followups);
    if (!o->followups)
        return 0;
    const cJSON *cv;
    int ok = 1;
    cJSON_ArrayForEach(cv, contacts)
    {
        ajar_followup *f = &o->followups[i];
        o->nfollowups = ++i;
        f->index = i - 1;
        static const struct {
            size_t off;
            const char *key;
        } FIELDS[] = {
            {offsetof(ajar_followup, name), "name"},
            {offsetof(ajar_followup, first), "first"},
            {offsetof(ajar_followup, role), "role"},
            {offsetof(ajar_followup, role_label), "role_label"},
            {offsetof(ajar_followup, title), "title"},
            {offsetof(ajar_followup, channel), "channel"},
            {offsetof(ajar_followup, channel_label), "channel_label"},
            {offsetof(ajar_followup, email), "email"},
            {offsetof(ajar_followup, phone), "phone"},
            {offsetof(ajar_followup, linkedin), "linkedin"},
            {offsetof(ajar_followup, talked_about), "talked_about"},
            {offsetof(ajar_followup, when_text), "when_text"},
            {offsetof(ajar_followup, message), "message"},
            {offsetof(ajar_followup, note), "note"},
        };
        for (size_t k = 0; k < sizeof FIELDS / sizeof *FIELDS; k++) {
            char **slot = (char **)((char *)f + FIELDS[k].off);
            *slot = dup_member(cv, FIELDS[k].key);
            ok &= *slot != NULL;
        }
        f->made_offer = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cv, "made_offer"));
        ajar_date_parse(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cv, "when")),
                        &f->when);
        f->note_chars =
            (size_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(cv, "note_chars"));
        f->note_shortened =
            cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cv, "note_shortened"));
        const cJSON *checkins = cJSON_GetObjectItemCaseSensitive(cv, "checkins");
        size_t nc = (size_t)cJSON_GetArraySize(checkins);
        f->checkins = calloc(nc ? nc : 1, sizeof *f->checkins);
        ok &= f->checkins != NULL;
        const cJSON *ci;
        cJSON_ArrayForEach(ci, checkins)
        {
            if (!f->checkins)
                break;
            ajar_checkin *k = &f->checkins[f->ncheckins++];
            k->months = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(ci, "months"));
            ajar_date_parse(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ci, "date")),
                            &k->date);
        }
    }
    return ok;
}

/* Adds when_text to each contact: "today (Monday 23 November 2026)" or
 * "by Tuesday 24 November 2026", from the labels' wording. */
static void add_when_text(render_ctx *c, cJSON *view)
{
    const char *today = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(view, "today"));
    cJSON *cv;
    /* `others` and `recipient` refer to these same objects */
    cJSON_ArrayForEach(cv, cJSON_GetObjectItemCaseSensitive(view, "contacts"))
    {
        const char *when = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cv, "when"));
        const char *words = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cv, "when_long"));
        int is_today = when && today && strcmp(when, today) == 0;
        set_owned(c, cv, "when_text",
                  ajar_asprintf(is_today ? "today (%s)" : "by %s", words ? words : ""));
        cJSON_AddBoolToObject(cv, "when_today", is_today);
    }
}

ajar_status ajar_render(const ajar_renderer *r, const ajar_draft *d, const ajar_render_opts *opts,
                        ajar_output **out, ajar_errors *errs)
{
    if (out)
        *out = NULL;
    if (!r || !d || !opts || !out)
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "ajar_render: NULL argument");
    unsigned what = opts->what ? opts->what : AJAR_OUT_ALL;
    size_t limit = opts->linkedin_limit > 0 ? (size_t)opts->linkedin_limit : AJAR_LINKEDIN_LIMIT;
    render_ctx c = {.r = r, .errs = errs, .st = AJAR_OK};
    c.topts.escape = opts->escape ? opts->escape : ajar_tmpl_escape_none;
    c.topts.escape_ud = opts->escape_ud;
    c.topts.partial = load_partial;
    c.topts.partial_ud = &c;
    c.topts.trim_inline_partials = 1;
    c.plain = c.topts;
    c.plain.escape = ajar_tmpl_escape_none;

    ajar_output *o = calloc(1, sizeof *o);
    cJSON *view = o ? ajar_view_build(ajar_draft_root(d), r->labels, opts->today) : NULL;
    if (!view) {
        free(o);
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    }
    o->view = view;
    o->today = opts->today;
    o->linkedin_limit = (int)limit;
    o->recipient = -1;
    c.scenario = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(view, "scenario"));
    c.tone = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(view, "tone"));
    cJSON_AddNumberToObject(view, "linkedin_limit", (double)limit);

    add_reason(&c, view);
    add_when_text(&c, view);
    if (what & (AJAR_OUT_FOLLOWUPS | AJAR_OUT_LINKEDIN))
        add_contact_texts(&c, view, limit);

    if (what & AJAR_OUT_LETTER) {
        o->subject = one_line(render_named(&c, "letter-subject", view));
        o->letter = render_named(&c, "letter", view);
    }
    if (what & AJAR_OUT_PHONE)
        o->phone = render_named(&c, "phone", view);
    if (what & AJAR_OUT_VOICEMAIL)
        o->voicemail = render_named(&c, "voicemail", view);
    if ((what & AJAR_OUT_FOLLOWUPS) && !opts->data_only)
        o->followups_text = render_named(&c, "followups", view);
    if ((what & AJAR_OUT_LINKEDIN) && !opts->data_only)
        o->linkedin_text = render_named(&c, "linkedin", view);
    if (c.st == AJAR_OK && (what & (AJAR_OUT_FOLLOWUPS | AJAR_OUT_LINKEDIN)) &&
        !fill_followups(o, view))
        c.st = ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");

    const cJSON *me = cJSON_GetObjectItemCaseSensitive(view, "me");
    const cJSON *rec = cJSON_GetObjectItemCaseSensitive(view, "recipient");
    o->from_name = dup_member(me, "name");
    o->from_email = dup_member(me, "email");
    o->to_name = dup_member(rec, "name");
    o->to_email = dup_member(rec, "email");
    if (cJSON_IsObject(rec))
        o->recipient =
            (ptrdiff_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(rec, "index"));
    if (c.st == AJAR_OK && (!o->from_name || !o->from_email || !o->to_name || !o->to_email))
        c.st = ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    if (c.st != AJAR_OK) {
        ajar_output_free(o);
        return c.st;
    }
    *out = o;
    return AJAR_OK;
}

void ajar_output_free(ajar_output *o)
{
    if (!o)
        return;
    free(o->subject);
    free(o->letter);
    free(o->phone);
    free(o->voicemail);
    free(o->followups_text);
    free(o->linkedin_text);
    for (size_t i = 0; i < o->nfollowups; i++) {
        ajar_followup *f = &o->followups[i];
        char *strings[] = {f->name,  f->first,    f->role,         f->role_label,
                           f->title, f->channel,  f->channel_label, f->email,
                           f->phone, f->linkedin, f->talked_about, f->when_text,
                           f->message, f->note};
        for (size_t k = 0; k < sizeof strings / sizeof *strings; k++)
            free(strings[k]);
        free(f->checkins);
    }
    free(o->followups);
    free(o->from_name);
    free(o->from_email);
    free(o->to_name);
    free(o->to_email);
    cJSON_Delete(o->view);
    free(o);
}
