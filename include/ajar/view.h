/* view.h — the data templates see: a draft turned into names, sentences' parts, dates and lists. */
#ifndef AJAR_VIEW_H
#define AJAR_VIEW_H

#include <stddef.h>

#include <cJSON.h>

#include "ajar/date.h"

/* Builds the view of the draft `draft` (its JSON root, borrowed) as
 * docs/templates.md describes it: every text field present as a string
 * ("" when unanswered), booleans for every choice (`scenario_offer`,
 * `tone_warm`, `reason.plain` ...), first names, the recipient (the person
 * who made the offer), dates in words, lists joined naturally, counts, and
 * for each contact when to thank them and how. `labels` is the parsed
 * data/labels.json (borrowed; may be NULL, then ids stand for labels).
 * `today` is the day the plan counts from. Returns a new object the caller
 * frees with cJSON_Delete, or NULL when memory runs out. The per-contact
 * messages and the reason sentence are added by the renderer, which renders
 * them from templates. */
cJSON *ajar_view_build(const cJSON *draft, const cJSON *labels, ajar_date today);

/* The first name in `name`: the text before the first space, or all of it
 * when it has none (as in "李娜"). Returns a new string the caller frees
 * ("" for NULL), NULL when memory runs out. */
char *ajar_view_first_name(const char *name);

/* Joins n strings the way a sentence lists things: "A", "A and B",
 * "A, B and C". `conj` is the last joint's word ("and", "or"). Empty and
 * NULL items are skipped. Returns a new string the caller frees ("" for no
 * items), NULL when memory runs out. */
char *ajar_view_join(const char *const *items, size_t n, const char *conj);

/* The first working day (Monday to Friday) on or after d. */
ajar_date ajar_view_workday(ajar_date d);

#endif
