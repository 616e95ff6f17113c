/* draft.h — the user's draft in memory: create, load, validate, read and change fields by path, save. */
#ifndef AJAR_DRAFT_H
#define AJAR_DRAFT_H

#include <stddef.h>

#include <cJSON.h>

#include "ajar/error.h"

/* A draft: the JSON document of docs/draft-format.md, unknown keys included. */
typedef struct ajar_draft ajar_draft;

/* A new draft of the current format for `scenario` (one of the scenario ids;
 * NULL means "offer"), with tone "warm" and the default answers documented in
 * docs/draft-format.md. Returns NULL when memory runs out. The caller frees
 * it with ajar_draft_free. */
ajar_draft *ajar_draft_new(const char *scenario);

/* Frees a draft; NULL is fine. */
void ajar_draft_free(ajar_draft *d);

/* Parses and validates a draft from text[0..len) (text[len] must be a NUL
 * byte). `origin` names the file in errors. On success *out is a new draft
 * the caller frees. On failure *out is NULL and every problem found is in
 * errs: AJAR_E_SYNTAX (with line and column), AJAR_E_VERSION for a newer
 * format, AJAR_E_INVALID for rule violations (each with its field path). */
ajar_status ajar_draft_parse(const char *text, size_t len, const char *origin, ajar_draft **out,
                             ajar_errors *errs);

/* Reads (at most AJAR_DRAFT_MAX_BYTES) and parses the draft at `path`, as
 * ajar_draft_parse. The file is only read. */
ajar_status ajar_draft_load(const char *path, ajar_draft **out, ajar_errors *errs);

/* Checks the draft against the format; every problem goes to errs. */
ajar_status ajar_draft_validate(const ajar_draft *d, const char *origin, ajar_errors *errs);

/* The draft as JSON text, ready to write (see ajar_json_print). Caller frees;
 * NULL when memory runs out. */
char *ajar_draft_serialize(const ajar_draft *d);

/* Validates the draft and, only if it is valid, writes it to `path` with
 * ajar_store_write_atomic. The caller should hold the draft's lock. */
ajar_status ajar_draft_save(const ajar_draft *d, const char *path, ajar_errors *errs);

/* The draft's JSON tree, borrowed and read-only (for the renderer). */
const cJSON *ajar_draft_root(const ajar_draft *d);

/* A deep copy, or NULL when memory runs out. */
ajar_draft *ajar_draft_clone(const ajar_draft *d);

/* Field paths: member names joined by dots, array items by index in
 * brackets: `offer.company`, `contacts[2].email`, `positives[0]`.
 * A negative index counts from the end (`contacts[-1]` is the last one).
 * When setting, `[+]` appends a new item (`contacts[+].name=Ana`). */

/* Finds the value at `path`. Returns AJAR_OK and a borrowed pointer in *out,
 * AJAR_E_NOTFOUND when a part of the path is absent ("contacts[4]: there are
 * only 2 contacts"), or AJAR_E_USAGE for a malformed path. */
ajar_status ajar_draft_get(const ajar_draft *d, const char *path, const cJSON **out,
                           ajar_errors *errs);

/* Stores `value` at `path`, taking ownership of it in every case (it is
 * freed on failure). Missing objects along the way are created, `[+]`
 * appends. The value is checked against the field's own rules first
 * (ajar_schema_check_value); whole-draft rules are left to
 * ajar_draft_validate. On failure the draft is unchanged. */
ajar_status ajar_draft_set(ajar_draft *d, const char *path, cJSON *value, ajar_errors *errs);

/* ajar_draft_set with a string value (copied). */
ajar_status ajar_draft_set_string(ajar_draft *d, const char *path, const char *value,
                                  ajar_errors *errs);

/* Removes the value at `path` (an array item is removed and later items
 * move up). AJAR_E_NOTFOUND when there is nothing there. */
ajar_status ajar_draft_remove(ajar_draft *d, const char *path, ajar_errors *errs);

/* Turns command-line text into a value for `path`: the JSON value when the
 * text parses as JSON, a string otherwise; a field the format defines as text
 * always receives the text as a string unless it is a quoted JSON string or
 * null (so `me.phone=5550100` stays "5550100"). Returns a new value the
 * caller owns, NULL when memory runs out. */
cJSON *ajar_draft_value_from_text(const char *path, const char *text);

/* Convenience readers: the string at path, or NULL when it is absent, null
 * or not a string (borrowed); the boolean at path or `fallback`. */
const char *ajar_draft_string(const ajar_draft *d, const char *path);
int ajar_draft_bool(const ajar_draft *d, const char *path, int fallback);

/* Number of steps marked "done" in the draft's `steps` object. */
size_t ajar_draft_steps_done(const ajar_draft *d);

#endif
