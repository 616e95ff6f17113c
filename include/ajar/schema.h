/* schema.h — the draft format's fields and the rules a draft must keep (format 1). */
#ifndef AJAR_SCHEMA_H
#define AJAR_SCHEMA_H

#include <cJSON.h>

#include "ajar/error.h"

/* The highest draft format version this program reads and writes. */
#define AJAR_FORMAT_VERSION 1

/* A draft file may not be larger than this (bytes). */
#define AJAR_DRAFT_MAX_BYTES (1024 * 1024)

/* Longest single-line answer and longest multi-line answer, in characters. */
#define AJAR_LINE_MAX_CHARS 500
#define AJAR_TEXT_MAX_CHARS 10000

/* What kind of value a field holds. */
typedef enum ajar_field_type {
    AJAR_F_VERSION, /* the integer format version */
    AJAR_F_LINE,    /* one line of text: no control characters at all */
    AJAR_F_TEXT,    /* several lines: newlines and tabs allowed, other controls not */
    AJAR_F_EMAIL,   /* an e-mail address (one line, one @, no spaces or <>,;"()) */
    AJAR_F_DATE,    /* a real calendar date written YYYY-MM-DD */
    AJAR_F_DATETIME, /* a local date and time written YYYY-MM-DD HH:MM (24-hour) */
    AJAR_F_ENUM,    /* one of a fixed set of ids */
    AJAR_F_BOOL,    /* true or false */
    AJAR_F_INT,     /* an integer within [min, max] */
    AJAR_F_OBJECT,  /* an object whose members are described by further fields */
    AJAR_F_LIST     /* an array whose items are described by the field `pattern[]` */
} ajar_field_type;

/* One field of the format. `pattern` is a field path whose array indices are
 * written `[]` (contacts[].email) and where `*` stands for any member name
 * (steps.*). Strings are static. */
typedef struct ajar_field_spec {
    const char *pattern;
    ajar_field_type type;
    const char *const *choices; /* AJAR_F_ENUM: NULL-terminated ids */
    int min, max;               /* AJAR_F_INT bounds, inclusive */
    const char *summary;        /* one line for documentation and errors */
} ajar_field_spec;

/* The description of `path` (a concrete path such as contacts[2].email or a
 * pattern), or NULL when the format does not define it (unknown keys are
 * allowed and kept as they are). */
const ajar_field_spec *ajar_schema_lookup(const char *path);

/* Every field of the format, in documentation order; *count receives the
 * number of entries. */
const ajar_field_spec *ajar_schema_fields(size_t *count);

/* Checks a whole draft against the format and adds one error per problem to
 * errs (all of them, not just the first), each naming `origin` and the field
 * path. Returns AJAR_OK when the draft is valid, AJAR_E_VERSION when it is of
 * a newer format (nothing else is checked then), AJAR_E_INVALID otherwise.
 * Null, and the empty string for text, e-mail, date and enum fields, mean
 * "not answered" and are always valid (except for the version); the same
 * holds for date-and-time fields. */
ajar_status ajar_schema_validate(const cJSON *root, const char *origin, ajar_errors *errs);

/* Checks one value against the field at `path` alone (no cross-field rules);
 * used to refuse a bad answer before it is stored. Same error style. */
ajar_status ajar_schema_check_value(const char *path, const cJSON *value, const char *origin,
                                    ajar_errors *errs);

#endif
