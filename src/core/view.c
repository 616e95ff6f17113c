/* view.c — turns a draft into the view templates render: names, flags, dates in words, joined lists. */
#include "ajar/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"

/* ---- small helpers ------------------------------------------------------------------ */

/* The string at key in obj, or "" (never NULL). */
static const char *str_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

static int bool_of(const cJSON *obj, const char *key, int fallback)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsBool(v) ? cJSON_IsTrue(v) : fallback;
}

static const cJSON *obj_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsObject(v) ? v : NULL;
}

static const cJSON *list_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsArray(v) ? v : NULL;
}

/* The label of `id` in labels[group], or the id itself. */
static const char *label_of(const cJSON *labels, const char *group, const char *id)
{
    const cJSON *g = obj_of(labels, group);
    const cJSON *v = g ? cJSON_GetObjectItemCaseSensitive(g, id) : NULL;
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : id;
}

/* Adds a string member, tracking failure in *ok. */
static void put_str(cJSON *o, const char *key, const char *s, int *ok)
{
    if (!cJSON_AddStringToObject(o, key, s ? s : ""))
        *ok = 0;
}

/* Adds a phrase the user wrote to go inside a sentence, without the
 * spaces and full stop or comma it may end with ("the team." -> "the team"),
 * so that templates can put their own punctuation after it. */
static void put_phrase(cJSON *o, const char *key, const char *s, int *ok)
{
    size_t n = strlen(s);
    while (n > 0 && strchr(" .,;", s[n - 1]))
        n--;
    char *copy = strndup(s, n);
    if (!copy)
        *ok = 0;
    else
        put_str(o, key, copy, ok);
    free(copy);
}

/* Adds a string the caller allocated (NULL meaning memory ran out) and frees it. */
static void put_owned(cJSON *o, const char *key, char *s, int *ok)
{
    if (!s)
        *ok = 0;
    else
        put_str(o, key, s, ok);
    free(s);
}

static void put_bool(cJSON *o, const char *key, int b, int *ok)
{
    if (!cJSON_AddBoolToObject(o, key, b))
        *ok = 0;
}

static void put_num(cJSON *o, const char *key, double n, int *ok)
{
    if (!cJSON_AddNumberToObject(o, key, n))
        *ok = 0;
}

static cJSON *put_obj(cJSON *o, const char *key, int *ok)
{
    cJSON *c = cJSON_AddObjectToObject(o, key);
    if (!c)
        *ok = 0;
    return c;
}

static cJSON *put_arr(cJSON *o, const char *key, int *ok)
{
    cJSON *c = cJSON_AddArrayToObject(o, key);
    if (!c)
        *ok = 0;
    return c;
}

/* (build_stay takes over the check-in list: the contacts refer to it.) */

/* Adds key (YYYY-MM-DD) and key_long ("Friday 20 November 2026") for a date. */
static void put_date(cJSON *o, const char *key, ajar_date d, int *ok)
{
    char iso[11], words[40], longkey[64];
    ajar_date_format_iso(d, iso);
    ajar_date_format_long(d, words, sizeof words);
    put_str(o, key, iso, ok);
    snprintf(longkey, sizeof longkey, "%s_long", key);
    put_str(o, longkey, words, ok);
}

/* Copies a date field of the draft: key and key_long, "" when unanswered. */
static int copy_date(cJSON *o, const cJSON *src, const char *key, ajar_date *out, int *ok)
{
    ajar_date d;
    if (ajar_date_parse(str_of(src, key), &d)) {
        put_date(o, key, d, ok);
        if (out)
            *out = d;
        return 1;
    }
    char longkey[64];
    snprintf(longkey, sizeof longkey, "%s_long", key);
    put_str(o, key, "", ok);
    put_str(o, longkey, "", ok);
    return 0;
}

/* ---- public helpers --------------------------------------------------------------- */

char *ajar_view_first_name(const char *name)
{
    if (!name)
        return strdup("");
    while (*name == ' ')
        name++;
    size_t n = strcspn(name, " ");
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, name, n);
        s[n] = '\0';
    }
    return s;
}

char *ajar_view_join(const char *const *items, size_t n, const char *conj)
{
    size_t total = 0, seen = 0;
    for (size_t i = 0; i < n; i++)
        if (items[i] && items[i][0])
            total++;
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (!items[i] || !items[i][0])
            continue;
        if (seen > 0)
            ajar_strbuf_printf(&b, seen + 1 == total ? " %s " : ", ", conj ? conj : "and");
        ajar_strbuf_puts(&b, items[i]);
        seen++;
    }
    return ajar_strbuf_take(&b);
}

ajar_date ajar_view_workday(ajar_date d)
{
    int wd = ajar_date_weekday(d);
    return wd >= 5 ? ajar_date_add_days(d, 7 - wd) : d;
}

/* ---- the view ------------------------------------------------------------------------- */

/* Joins the string member `key` of each object in list (or each string when
 * key is NULL). */
static char *join_member(const cJSON *list, const char *key, const char *conj)
{
    size_t n = (size_t)cJSON_GetArraySize(list), i = 0;
    const char **items = calloc(n ? n : 1, sizeof *items);
    if (!items)
        return NULL;
    const cJSON *it;
    cJSON_ArrayForEach(it, list)
    {
        if (key)
            items[i++] = str_of(it, key);
        else
            items[i++] = cJSON_IsString(it) ? it->valuestring : "";
    }
    char *s = ajar_view_join(items, i, conj);
    free(items);
    return s;
}

/* The channel to thank a contact through: the draft's choice, else the
 * most personal one their details allow (a call for the offer-maker). */
static const char *pick_channel(const cJSON *c, int offer_maker)
{
    const char *chosen = str_of(c, "channel");
    if (chosen[0])
        return chosen;
    if (offer_maker && str_of(c, "phone")[0])
        return "phone";
    if (str_of(c, "email")[0])
        return "email";
    if (str_of(c, "linkedin")[0])
        return "linkedin";
    if (str_of(c, "phone")[0])
        return "phone";
    return "email";
}

/* The check-ins: one per month of stay_in_touch.checkins_months, counted
 * from `from`, in the draft's order. A month given twice is one check-in:
 * two would be the same reminder on the same day, with the same calendar
 * UID, and a long list of repeats would multiply every contact's plan. */
static cJSON *checkins_view(const cJSON *months, ajar_date from, int *ok)
{
    cJSON *arr = cJSON_CreateArray();
    if (!arr) {
        *ok = 0;
        return NULL;
    }
    char seen[121] = {0};
    const cJSON *m;
    cJSON_ArrayForEach(m, months)
    {
        if (!cJSON_IsNumber(m) || m->valuedouble < 1 || m->valuedouble > 120 ||
            seen[(int)m->valuedouble])
            continue;
        seen[(int)m->valuedouble] = 1;
        cJSON *c = cJSON_CreateObject();
        if (!c || !cJSON_AddItemToArray(arr, c)) {
            cJSON_Delete(c);
            *ok = 0;
            break;
        }
        int months_n = (int)m->valuedouble;
        put_num(c, "months", months_n, ok);
        /* a check-in is a working-day task */
        put_date(c, "date", ajar_view_workday(ajar_date_add_months(from, months_n)), ok);
    }
    return arr;
}

/* One contact's view. */
static cJSON *contact_view(const cJSON *c, size_t index, int is_recipient, const cJSON *labels,
                           ajar_date first_day, const cJSON *checkins, int *ok)
{
    cJSON *v = cJSON_CreateObject();
    if (!v) {
        *ok = 0;
        return NULL;
    }
    static const char *const TEXT[] = {"name", "title", "email", "phone", "linkedin"};
    for (size_t i = 0; i < sizeof TEXT / sizeof *TEXT; i++)
        put_str(v, TEXT[i], str_of(c, TEXT[i]), ok);
    put_phrase(v, "talked_about", str_of(c, "talked_about"), ok);
    put_num(v, "index", (double)index, ok);
    put_owned(v, "first", ajar_view_first_name(str_of(c, "name")), ok);
    const char *role = str_of(c, "role");
    put_str(v, "role", role, ok);
    put_str(v, "role_label", role[0] ? label_of(labels, "roles", role) : "", ok);
    int made_offer = bool_of(c, "made_offer", 0);
    const char *channel = pick_channel(c, is_recipient);
    put_str(v, "channel", channel, ok);
    put_str(v, "channel_label", label_of(labels, "channels", channel), ok);
    static const char *const CHANNELS[] = {"phone", "email", "linkedin", "in-person"};
    static const char *const FLAGS[] = {"by_phone", "by_email", "by_linkedin", "in_person"};
    for (size_t i = 0; i < 4; i++)
        put_bool(v, FLAGS[i], strcmp(channel, CHANNELS[i]) == 0, ok);
    put_bool(v, "made_offer", made_offer, ok);
    put_bool(v, "is_recipient", is_recipient, ok);

    /* The offer-maker hears it on the day of the decline; everyone else on
     * the next working day, within the two days the advice allows. */
    ajar_date when = is_recipient ? first_day : ajar_view_workday(ajar_date_add_days(first_day, 1));
    put_date(v, "when", when, ok);
    put_bool(v, "when_first_day", is_recipient, ok);
    /* the same check-ins for everyone: one list, referred to (not copied) */
    if (!cJSON_AddItemReferenceToObject(v, "checkins", (cJSON *)checkins))
        *ok = 0;
    return v;
}

/* Index of the person the letter goes to: the contact who made the offer,
 * else the only contact there is; -1 when there is no one to name. */
static int find_recipient(const cJSON *contacts)
{
    int i = 0, n = cJSON_GetArraySize(contacts);
    const cJSON *c;
    cJSON_ArrayForEach(c, contacts)
    {
        if (bool_of(c, "made_offer", 0) && str_of(c, "name")[0])
            return i;
        i++;
    }
    if (n == 1 && str_of(cJSON_GetArrayItem(contacts, 0), "name")[0])
        return 0;
    return -1;
}

/* Adds one boolean per id of `ids` (dashes written as underscores) named
 * prefix_id, true for `value`. */
static void put_flags(cJSON *o, const char *prefix, const char *const *ids, const char *value,
                      int *ok)
{
    for (size_t i = 0; ids[i]; i++) {
        char key[64];
        snprintf(key, sizeof key, "%s%s", prefix, ids[i]);
        for (char *p = key; *p; p++)
            if (*p == '-')
                *p = '_';
        put_bool(o, key, strcmp(ids[i], value) == 0, ok);
    }
}

static void build_me(cJSON *v, const cJSON *draft, int *ok)
{
    const cJSON *me = obj_of(draft, "me");
    cJSON *m = put_obj(v, "me", ok);
    if (!m)
        return;
    static const char *const KEYS[] = {"name", "email", "phone", "linkedin"};
    for (size_t i = 0; i < 4; i++)
        put_str(m, KEYS[i], str_of(me, KEYS[i]), ok);
    put_owned(m, "first", ajar_view_first_name(str_of(me, "name")), ok);
}

static void build_offer(cJSON *v, const cJSON *draft, const cJSON *labels, ajar_date today,
                        int *ok)
{
    const cJSON *offer = obj_of(draft, "offer");
    put_str(v, "company", str_of(offer, "company"), ok);
    put_str(v, "role", str_of(offer, "role"), ok);
    cJSON *o = put_obj(v, "offer", ok);
    if (!o)
        return;
    put_str(o, "company", str_of(offer, "company"), ok);
    put_str(o, "role", str_of(offer, "role"), ok);
    ajar_date made, due;
    if (copy_date(o, offer, "made_on", &made, ok))
        put_num(o, "days_since_offer", (double)ajar_date_diff(made, today), ok);
    if (copy_date(o, offer, "respond_by", &due, ok))
        put_num(o, "days_to_respond", (double)ajar_date_diff(today, due), ok);
    copy_date(o, offer, "decided_on", NULL, ok);
    const char *medium = str_of(offer, "medium");
    if (!medium[0])
        medium = "phone-then-email";
    put_str(o, "medium", medium, ok);
    put_str(o, "medium_label", label_of(labels, "media", medium), ok);
    put_bool(o, "call_first", strcmp(medium, "email") != 0, ok);
    put_bool(o, "phone_only", strcmp(medium, "phone") == 0, ok);
    put_bool(o, "email_only", strcmp(medium, "email") == 0, ok);
}

static void build_reason(cJSON *v, const cJSON *draft, const cJSON *labels, int *ok)
{
    const cJSON *reason = obj_of(draft, "reason");
    cJSON *r = put_obj(v, "reason", ok);
    if (!r)
        return;
    const char *kind = str_of(reason, "kind"), *share = str_of(reason, "share");
    if (!share[0])
        share = "plain";
    put_str(r, "kind", kind, ok);
    put_str(r, "label", kind[0] ? label_of(labels, "reasons", kind) : "", ok);
    put_phrase(r, "detail", str_of(reason, "detail"), ok);
    put_str(r, "share", share, ok);
    static const char *const SHARES[] = {"plain", "softened", "private", NULL};
    put_flags(r, "", SHARES, share, ok);
    put_phrase(r, "would_reconsider", str_of(reason, "would_reconsider"), ok);
}

static void build_positives(cJSON *v, const cJSON *draft, int *ok)
{
    cJSON *arr = put_arr(v, "positives", ok);
    if (!arr)
        return;
    /* each phrase trimmed as put_phrase does, through a scratch object */
    const cJSON *it;
    cJSON_ArrayForEach(it, list_of(draft, "positives"))
    {
        if (!cJSON_IsString(it) || !it->valuestring[0])
            continue;
        cJSON *tmp = cJSON_CreateObject();
        if (tmp)
            put_phrase(tmp, "p", it->valuestring, ok);
        cJSON *s = tmp ? cJSON_DetachItemFromObjectCaseSensitive(tmp, "p") : NULL;
        cJSON_Delete(tmp);
        if (!s || !cJSON_AddItemToArray(arr, s)) {
            cJSON_Delete(s);
            *ok = 0;
        }
    }
    int n = cJSON_GetArraySize(arr);
    put_owned(v, "positives_text", join_member(arr, NULL, "and"), ok);
    put_bool(v, "has_positives", n > 0, ok);
    put_num(v, "positives_count", n, ok);
}

static void build_contacts(cJSON *v, const cJSON *draft, const cJSON *labels, ajar_date today,
                           const cJSON *checkins, int *ok)
{
    const cJSON *contacts = list_of(draft, "contacts");
    int recipient = find_recipient(contacts);
    ajar_date first_day = ajar_view_workday(today);
    cJSON *all = put_arr(v, "contacts", ok), *others = put_arr(v, "others", ok);
    size_t i = 0, nothers = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, contacts)
    {
        int is_recipient = (int)i == recipient;
        cJSON *cv = contact_view(c, i, is_recipient, labels, first_day, checkins, ok);
        if (!cv || !all || !cJSON_AddItemToArray(all, cv)) {
            cJSON_Delete(cv);
            *ok = 0;
            break;
        }
        /* `recipient` and `others` refer to the same contact objects (not
         * copies), so what the renderer adds to a contact shows in both */
        if (is_recipient) {
            if (!cJSON_AddItemReferenceToObject(v, "recipient", cv))
                *ok = 0;
        } else if (!others || !cJSON_AddItemReferenceToArray(others, cv)) {
            *ok = 0;
        } else {
            nothers++;
        }
        i++;
    }
    if (recipient < 0)
        put_bool(v, "recipient", 0, ok);
    put_num(v, "contacts_count", (double)i, ok);
    put_bool(v, "has_contacts", i > 0, ok);
    put_num(v, "others_count", (double)nothers, ok);
    put_bool(v, "has_others", nothers > 0, ok);
    put_owned(v, "others_names", join_member(others, "name", "and"), ok);
    put_owned(v, "others_first_names", join_member(others, "first", "and"), ok);
    put_date(v, "decline_on", first_day, ok);
}

static void build_resource(cJSON *v, const cJSON *draft, int *ok)
{
    const cJSON *res = obj_of(draft, "resource");
    cJSON *r = put_obj(v, "resource", ok);
    cJSON *refs = put_arr(v, "referrals", ok);
    const cJSON *it;
    size_t n = 0;
    ajar_strbuf text;
    ajar_strbuf_init(&text);
    cJSON_ArrayForEach(it, list_of(res, "referrals"))
    {
        const char *name = str_of(it, "name");
        if (!name[0])
            continue;
        cJSON *one = cJSON_CreateObject();
        if (!one || !refs || !cJSON_AddItemToArray(refs, one)) {
            cJSON_Delete(one);
            *ok = 0;
            continue;
        }
        put_str(one, "name", name, ok);
        put_owned(one, "first", ajar_view_first_name(name), ok);
        put_phrase(one, "why", str_of(it, "why"), ok);
        put_str(one, "email", str_of(it, "email"), ok);
        n++;
    }
    /* "Amira Haddad (six years running platforms) and Bo Li" */
    size_t i = 0;
    cJSON_ArrayForEach(it, refs)
    {
        if (i > 0)
            ajar_strbuf_puts(&text, i + 1 == n ? " and " : ", ");
        ajar_strbuf_puts(&text, str_of(it, "name"));
        if (str_of(it, "why")[0])
            ajar_strbuf_printf(&text, " (%s)", str_of(it, "why"));
        i++;
    }
    ajar_strbuf_puts(&text, "");
    put_owned(v, "referrals_text", ajar_strbuf_take(&text), ok);
    put_owned(v, "referral_names", join_member(refs, "name", "and"), ok);
    put_bool(v, "has_referrals", n > 0, ok);
    put_bool(v, "several_referrals", n > 1, ok);
    put_num(v, "referrals_count", (double)n, ok);
    if (!r)
        return;
    put_str(r, "insight", str_of(res, "insight"), ok);
    /* the same on one line, for a sentence or a script line */
    char *line = strdup(str_of(res, "insight"));
    for (char *p = line; p && *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '\r')
            *p = ' ';
    put_owned(r, "insight_line", line, ok);
    put_bool(r, "offer_introductions", bool_of(res, "offer_introductions", 0), ok);
}

static void build_stay(cJSON *v, const cJSON *draft, cJSON *checkins, int *ok)
{
    const cJSON *st = obj_of(draft, "stay_in_touch");
    cJSON *s = put_obj(v, "stay", ok);
    if (!s) {
        cJSON_Delete(checkins);
        return;
    }
    put_bool(s, "future_interest", bool_of(st, "future_interest", 1), ok);
    put_bool(s, "linkedin", bool_of(st, "linkedin", 1), ok);
    /* the list the contacts refer to lives here */
    if (!cJSON_AddItemToObject(s, "checkins", checkins)) {
        cJSON_Delete(checkins);
        *ok = 0;
    }
    size_t n = (size_t)cJSON_GetArraySize(checkins), i = 0;
    char **months = calloc(n ? n : 1, sizeof *months);
    if (!months) {
        *ok = 0;
        return;
    }
    const cJSON *c;
    cJSON_ArrayForEach(c, checkins)
    {
        months[i] = ajar_asprintf("%d", cJSON_GetObjectItemCaseSensitive(c, "months")->valueint);
        if (!months[i++])
            *ok = 0;
    }
    char *joined = ajar_view_join((const char *const *)months, i, "and");
    for (size_t k = 0; k < i; k++)
        free(months[k]);
    free(months);
    put_owned(s, "checkins_text", joined, ok);
    put_bool(s, "has_checkins", n > 0, ok);
}

cJSON *ajar_view_build(const cJSON *draft, const cJSON *labels, ajar_date today)
{
    cJSON *v = cJSON_CreateObject();
    if (!v)
        return NULL;
    int ok = 1;
    static const char *const SCENARIOS[] = {"offer", "recruiter", "former-employer",
                                            "after-acceptance", NULL};
    static const char *const TONES[] = {"warm", "formal", "brief", NULL};
    const char *scenario = str_of(draft, "scenario"), *tone = str_of(draft, "tone");
    if (!scenario[0])
        scenario = "offer";
    if (!tone[0])
        tone = "warm";
    put_str(v, "scenario", scenario, &ok);
    put_str(v, "scenario_label", label_of(labels, "scenarios", scenario), &ok);
    put_flags(v, "scenario_", SCENARIOS, scenario, &ok);
    put_str(v, "tone", tone, &ok);
    put_flags(v, "tone_", TONES, tone, &ok);
    put_date(v, "today", today, &ok);

    /* Check-ins count from the day of the decline. */
    ajar_date first_day = ajar_view_workday(today);
    cJSON *checkins =
        checkins_view(list_of(obj_of(draft, "stay_in_touch"), "checkins_months"), first_day, &ok);

    build_me(v, draft, &ok);
    build_offer(v, draft, labels, today, &ok);
    build_reason(v, draft, labels, &ok);
    build_positives(v, draft, &ok);
    const cJSON *thanks = obj_of(draft, "thanks");
    cJSON *t = put_obj(v, "thanks", &ok);
    if (t) {
        put_phrase(t, "for", str_of(thanks, "for"), &ok);
        put_bool(t, "honour", bool_of(thanks, "honour", 0), &ok);
    }
    if (checkins) {
        build_contacts(v, draft, labels, today, checkins, &ok);
        build_stay(v, draft, checkins, &ok);
    }
    build_resource(v, draft, &ok);
    if (!ok) {
        cJSON_Delete(v);
        return NULL;
    }
    return v;
}
