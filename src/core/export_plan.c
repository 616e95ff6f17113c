/* export_plan.c — the follow-up plan and LinkedIn notes as CSV rows and as calendar items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/formats.h"
#include "export_int.h"

/* ---- CSV ------------------------------------------------------------------------------ */

static const char *const FOLLOWUP_COLUMNS[] = {"name",     "role", "title",   "channel",
                                               "email",    "phone", "linkedin", "when",
                                               "message",  "note", "checkins"};
static const char *const LINKEDIN_COLUMNS[] = {"name", "linkedin", "note", "chars"};

#define NCOLS(a) (sizeof a / sizeof a[0])

/* The check-in dates of f joined by ";" ("2027-02-20;2027-05-20"). */
static void checkin_dates(const ajar_followup *f, ajar_strbuf *b)
{
    for (size_t k = 0; k < f->ncheckins; k++) {
        char iso[11];
        ajar_date_format_iso(f->checkins[k].date, iso);
        if (k)
            ajar_strbuf_putc(b, ';');
        ajar_strbuf_puts(b, iso);
    }
}

/* One row of the plan for f. */
static ajar_status followup_row(ajar_strbuf *b, const ajar_followup *f, ajar_errors *errs)
{
    char when[11];
    ajar_date_format_iso(f->when, when);
    ajar_strbuf dates;
    ajar_strbuf_init(&dates);
    checkin_dates(f, &dates);
    const char *row[] = {f->name,     f->role,    f->title, f->channel, f->email,
                         f->phone,    f->linkedin, when,    f->message, f->note,
                         dates.data ? dates.data : ""};
    ajar_status st = dates.failed ? ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0,
                                                    "out of memory")
                                  : ajar_csv_write_row(b, row, NCOLS(row), errs);
    ajar_strbuf_free(&dates);
    return st;
}

ajar_status ajar_export_csv(const ajar_output *o, ajar_export_what what,
                            const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs)
{
    (void)opts;
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    int linkedin = what == AJAR_EXPORT_LINKEDIN;
    ajar_status st = linkedin ? ajar_csv_write_row(&b, LINKEDIN_COLUMNS, NCOLS(LINKEDIN_COLUMNS), errs)
                              : ajar_csv_write_row(&b, FOLLOWUP_COLUMNS, NCOLS(FOLLOWUP_COLUMNS), errs);
    for (size_t i = 0; st == AJAR_OK && i < o->nfollowups; i++) {
        const ajar_followup *f = &o->followups[i];
        if (!linkedin) {
            st = followup_row(&b, f, errs);
        } else if (*ajar_export_str(f->note)) {
            char chars[24];
            snprintf(chars, sizeof chars, "%zu", f->note_chars);
            const char *row[] = {f->name, f->linkedin, f->note, chars};
            st = ajar_csv_write_row(&b, row, NCOLS(row), errs);
        }
    }
    if (st != AJAR_OK) {
        ajar_strbuf_free(&b);
        return st;
    }
    return ajar_fmt_commit(out, &b, errs);
}

/* ---- iCalendar ------------------------------------------------------------------------ */

/* Alarms ring at 09:00 on the item's day. */
#define ALARM_AT_MIN (9 * 60)

/* "Phone: ...", "E-mail: ...", "LinkedIn: ..." lines for what is known. */
static void reach_lines(ajar_strbuf *b, const ajar_followup *f)
{
    const struct {
        const char *label;
        const char *value;
    } ways[] = {{"Phone", f->phone}, {"E-mail", f->email}, {"LinkedIn", f->linkedin}};
    for (size_t k = 0; k < NCOLS(ways); k++)
        if (*ajar_export_str(ways[k].value))
            ajar_strbuf_printf(b, "%s: %s\n", ways[k].label, ways[k].value);
}

/* For each follow-up, how many earlier ones have the same name: sorting by
 * name and index counts them in O(n log n), where asking again for every item
 * took minutes for a plan of thousands of contacts. NULL when memory runs out. */
static const ajar_output *sort_o;

static int by_name_then_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(ajar_export_str(sort_o->followups[x].name),
                   ajar_export_str(sort_o->followups[y].name));
    return c ? c : (x > y) - (x < y);
}

static size_t *same_name_counts(const ajar_output *o)
{
    size_t n = o->nfollowups;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    size_t *same = malloc((n ? n : 1) * sizeof *same);
    if (!order || !same) {
        free(order);
        free(same);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    sort_o = o;
    qsort(order, n, sizeof *order, by_name_then_index);
    for (size_t k = 0; k < n; k++)
        same[order[k]] = k > 0 && strcmp(ajar_export_str(o->followups[order[k]].name),
                                         ajar_export_str(o->followups[order[k - 1]].name)) == 0
                             ? same[order[k - 1]] + 1
                             : 0;
    free(order);
    return same;
}

/* A UID seed for one item: the draft's identity, the contact's name (and how
 * many contacts before it share that name, `same`), the kind and the months.
 * Not the draft's path or the date, so exporting again, from anywhere, after
 * changing a date, updates the item a calendar already holds. */
static void item_seed(const ajar_output *o, size_t i, size_t same, const ajar_export_opts *opts,
                      const char *kind, int months, char out[AJAR_FMT_ID_SIZE])
{
    const ajar_followup *f = &o->followups[i];
    char nums[48];
    snprintf(nums, sizeof nums, "%zu %d", same, months);
    const char *parts[] = {"ajar export 1", opts->uid_seed, ajar_export_str(f->name), kind, nums};
    ajar_fmt_id(parts, NCOLS(parts), out);
}

/* Adds one all-day item with its 09:00 alarm; frees the summary and description. */
static ajar_status add_item(ajar_strbuf *b, const ajar_export_opts *opts, ajar_date date,
                            ajar_strbuf *summary, ajar_strbuf *desc, const char *category,
                            const char *seed, ajar_errors *errs)
{
    if (desc->len && desc->data[desc->len - 1] == '\n') /* the last line needs no break */
        desc->data[--desc->len] = '\0';
    const char *cats[] = {category};
    ajar_ics_item it = {
        .kind = opts->todo ? AJAR_ICS_TODO : AJAR_ICS_EVENT,
        .date = date,
        .summary = summary->data,
        .description = desc->data,
        .categories = cats,
        .ncategories = 1,
        .uid_seed = seed,
        .dtstamp = opts->dtstamp,
        .alarm = 1,
        .alarm_offset_min = ALARM_AT_MIN,
    };
    ajar_status st = summary->failed || desc->failed
                         ? ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory")
                         : ajar_ics_add(b, &it, errs);
    ajar_strbuf_free(summary);
    ajar_strbuf_free(desc);
    return st;
}

/* The item for thanking contact i, on its `when`: how to reach them, the
 * message and the LinkedIn note. */
static ajar_status thank_item(ajar_strbuf *b, const ajar_output *o, size_t i, size_t same,
                              const ajar_export_opts *opts, ajar_errors *errs)
{
    const ajar_followup *f = &o->followups[i];
    char who_buf[32], seed[AJAR_FMT_ID_SIZE];
    const char *who = ajar_export_who(f, who_buf, sizeof who_buf);
    ajar_strbuf summary, desc;
    ajar_strbuf_init(&summary);
    ajar_strbuf_init(&desc);
    ajar_strbuf_printf(&summary, "Thank %s", who);
    if (*ajar_export_str(f->channel_label))
        ajar_strbuf_printf(&summary, " (%s)", f->channel_label);
    reach_lines(&desc, f);
    if (*ajar_export_str(f->message))
        ajar_strbuf_printf(&desc, "%s%s\n", desc.len ? "\n" : "", f->message);
    if (*ajar_export_str(f->note))
        ajar_strbuf_printf(&desc, "%sLinkedIn invitation note:\n%s\n", desc.len ? "\n" : "",
                           f->note);
    item_seed(o, i, same, opts, "thanks", 0, seed);
    return add_item(b, opts, f->when, &summary, &desc, "Follow-up", seed, errs);
}

/* The item for check-in k with contact i, on its date. */
static ajar_status checkin_item(ajar_strbuf *b, const ajar_output *o, size_t i, size_t same,
                                size_t k, const ajar_export_opts *opts, ajar_errors *errs)
{
    const ajar_followup *f = &o->followups[i];
    const ajar_checkin *c = &f->checkins[k];
    char who_buf[32], seed[AJAR_FMT_ID_SIZE], declined[32];
    const char *who = ajar_export_who(f, who_buf, sizeof who_buf);
    const char *s = c->months == 1 ? "" : "s";
    ajar_date_format_long(o->today, declined, sizeof declined);
    ajar_strbuf summary, desc;
    ajar_strbuf_init(&summary);
    ajar_strbuf_init(&desc);
    ajar_strbuf_printf(&summary, "Check in with %s (%d month%s on)", who, c->months, s);
    ajar_strbuf_printf(&desc, "A check-in with %s, %d month%s after you declined (on %s).\n", who,
                       c->months, s, declined);
    if (*ajar_export_str(f->talked_about))
        ajar_strbuf_printf(&desc, "You talked about: %s\n", f->talked_about);
    reach_lines(&desc, f);
    item_seed(o, i, same, opts, "checkin", c->months, seed);
    return add_item(b, opts, c->date, &summary, &desc, "Check-in", seed, errs);
}

ajar_status ajar_export_ics(const ajar_output *o, ajar_export_what what,
                            const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs)
{
    (void)what;
    /* RFC 5545 wants at least one item in a calendar. */
    if (o->nfollowups == 0)
        return ajar_errors_add(errs, AJAR_E_INVALID, NULL, "contacts", 0, 0, 0,
                               "there are none, so the plan has nothing to put in a calendar");
    size_t *same = same_name_counts(o);
    if (!same)
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_ics_begin(&b);
    ajar_status st = AJAR_OK;
    for (size_t i = 0; st == AJAR_OK && i < o->nfollowups; i++) {
        st = thank_item(&b, o, i, same[i], opts, errs);
        for (size_t k = 0; st == AJAR_OK && k < o->followups[i].ncheckins; k++)
            st = checkin_item(&b, o, i, same[i], k, opts, errs);
    }
    free(same);
    if (st != AJAR_OK) {
        ajar_strbuf_free(&b);
        return st;
    }
    ajar_ics_end(&b);
    return ajar_fmt_commit(out, &b, errs);
}
