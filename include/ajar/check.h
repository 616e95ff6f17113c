/* check.h — the tone and checklist check: the rules of data/checks.json applied to a draft and its rendered letter. */
#ifndef AJAR_CHECK_H
#define AJAR_CHECK_H

#include <stddef.h>

#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/error.h"
#include "ajar/render.h"

/* How much a finding matters. A warning or an error means "fix this before
 * sending" (`ajar check` then exits 1); an info is a hint. */
typedef enum ajar_severity { AJAR_SEV_INFO, AJAR_SEV_WARNING, AJAR_SEV_ERROR } ajar_severity;

#define AJAR_SEV_COUNT 3

/* "info", "warning" or "error"; "?" for anything else. Static. */
const char *ajar_severity_name(ajar_severity s);

/* The eight rules of the checklist, in their order: prompt, honest,
 * positive, appreciative, personal, inclusive, resource, stay-in-touch. */
#define AJAR_CHECKLIST_COUNT 8

/* The id of checklist rule i (0..7), or NULL for any other i. Static. */
const char *ajar_checklist_id(size_t i);

/* The index of a checklist id, or -1 when it is not one of the eight. */
int ajar_checklist_index(const char *id);

/* One thing the check found. Every string is owned by the result that
 * holds the finding. `field` is always an exact draft path the user can fill
 * or change (`reason.detail`, `contacts[1].talked_about`, `positives`), so a
 * front end can jump to it. `checklist` is the id of the checklist rule the
 * finding belongs to (static), or NULL when it belongs to none. */
typedef struct ajar_finding {
    char *rule_id;
    ajar_severity severity;
    char *field;
    char *message;
    char *suggestion;
    const char *checklist;
} ajar_finding;

/* Everything one check found. Findings are sorted by severity (errors
 * first), then in the order of the rules in data/checks.json, then in the
 * order of the draft. */
typedef struct ajar_check_result {
    ajar_finding *findings;
    size_t n;
    size_t counts[AJAR_SEV_COUNT];        /* findings per severity */
    int fulfilled[AJAR_CHECKLIST_COUNT];  /* 1 when the draft meets checklist rule i */
    int letter_checked;                   /* 1 when a rendered letter was checked too */
} ajar_check_result;

/* The rules of data/checks.json, read and checked once; read-only
 * afterwards, so any number of drafts may be checked with it. */
typedef struct ajar_checker ajar_checker;

/* Reads `data_dir`/data/checks.json (see docs/checks.md). On success *out
 * is a new checker the caller frees with ajar_checker_free. On failure *out
 * is NULL and errs holds every problem found, each naming the file, and,
 * where it applies, the field path inside it (`rules[3].words[1]`) with the
 * line and column of that value: AJAR_E_NOTFOUND or AJAR_E_IO (the file
 * cannot be read), AJAR_E_SYNTAX (not JSON), AJAR_E_VERSION (a newer rules
 * format), AJAR_E_INVALID (a rule breaks the format), AJAR_E_NOMEM. */
ajar_status ajar_checker_open(const char *data_dir, ajar_checker **out, ajar_errors *errs);

/* The same from the text of a rules file, text[0..len) with text[len] a
 * NUL byte; `origin` names it in errors (may be NULL). */
ajar_status ajar_checker_parse(const char *text, size_t len, const char *origin,
                               ajar_checker **out, ajar_errors *errs);

/* Frees a checker; NULL is fine. */
void ajar_checker_free(ajar_checker *c);

/* The title of checklist rule i as the rules file words it ("Be prompt"),
 * or NULL when i is out of range. Borrowed from the checker. */
const char *ajar_checker_title(const ajar_checker *c, size_t i);

/* The number of rules, and the id of rule i in file order (borrowed; NULL
 * when i is out of range). */
size_t ajar_checker_rule_count(const ajar_checker *c);
const char *ajar_checker_rule_id(const ajar_checker *c, size_t i);

/* Checks the draft `d` (borrowed) as of the day `today`. `rendered` is
 * what ajar_render made of the same draft, with at least the letter and
 * the follow-ups; when it is NULL the rules that read the letter or the
 * LinkedIn notes are skipped (and result->letter_checked is 0). On success
 * *out is a new result the caller frees with ajar_check_result_free (an
 * empty one when nothing was found). Errors: AJAR_E_USAGE (a NULL argument
 * or an invalid today), AJAR_E_NOMEM. */
ajar_status ajar_check_run(const ajar_checker *c, const ajar_draft *d, const ajar_output *rendered,
                           ajar_date today, ajar_check_result **out, ajar_errors *errs);

/* Frees a result; NULL is fine. */
void ajar_check_result_free(ajar_check_result *r);

#endif
