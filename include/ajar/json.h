/* json.h — strict JSON reading (positions, duplicates, UTF-8) and stable pretty printing over cJSON. */
#ifndef AJAR_JSON_H
#define AJAR_JSON_H

#include <stddef.h>

#include <cJSON.h>

#include "ajar/error.h"

/* Deepest nesting of arrays and objects a document may have. */
#define AJAR_JSON_MAX_DEPTH 64

/* Parses text[0..len) as exactly one JSON value (RFC 8259) with only white
 * space after it. Stricter than cJSON alone: it refuses NUL bytes, invalid
 * UTF-8, raw control characters and the escape \u0000 inside strings,
 * nesting deeper than AJAR_JSON_MAX_DEPTH, non-finite numbers, and an object
 * holding the same key twice (keys compared case-sensitively, byte for byte).
 * text must be followed by a readable NUL byte at text[len] (every buffer
 * from ajar_store_read_file is). On success *out is a tree the caller frees
 * with cJSON_Delete. On failure *out is NULL and errs gets one error naming
 * `origin` (may be NULL) and, for syntax errors, the 1-based line and column
 * (column counted in characters); a duplicate key is named by its field path,
 * e.g. `contacts[1].name`. */
ajar_status ajar_json_parse(const char *text, size_t len, const char *origin, cJSON **out,
                            ajar_errors *errs);

/* Finds the member `key` (written without escapes) of the object that
 * text[0..len) holds, skipping the values before it without parsing them:
 * on success stores the byte span of its value (from its first character
 * to just past its last) and returns 1. Returns 0 when the text does not
 * start like an object, the member is not there, or something malformed
 * comes first. It does not check the text: a caller reads a few members of
 * a file this way only to parse the whole file (ajar_json_parse) later,
 * and parses the span found before using it. */
int ajar_json_skim_member(const char *text, size_t len, const char *key, size_t *start,
                          size_t *vlen);

/* Serialises v as UTF-8 JSON indented by two spaces, members in their stored
 * order, non-ASCII text kept as is, integral numbers without a fraction and
 * other numbers in the shortest form that reads back to the same double;
 * a document ends with a newline. Returns a new string the caller frees, or
 * NULL when memory runs out. */
char *ajar_json_print(const cJSON *v);

/* Serialises v on one line without spaces (for values printed by `ajar get`
 * and for embedding). Same number and string rules. Caller frees. */
char *ajar_json_print_compact(const cJSON *v);

/* Appends the field-path form of a member name to a path prefix: `prefix.key`
 * (or `key` for an empty prefix). Returns a new string, NULL on OOM. */
char *ajar_json_path_key(const char *prefix, const char *key);

/* Appends an array index to a path prefix: `prefix[i]`. Caller frees. */
char *ajar_json_path_index(const char *prefix, size_t index);

/* Converts a byte offset of text into a 1-based line and character column. */
void ajar_json_position(const char *text, size_t offset, int *line, int *column);

#endif
