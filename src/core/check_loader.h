/* check_loader.h — what reading the rules file shares between check_loader.c (values, fields, conditions) and check_load.c (rules, the file). */
#ifndef AJAR_CHECK_LOADER_H
#define AJAR_CHECK_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "ajar/error.h"
#include "ajar/schema.h"
#include "check_int.h"

/* ---- places ------------------------------------------------------------------------ */

/* A value of the rules file: a member of, or an item of, the value `up`
 * (NULL: the top). Turned into a path (`rules[3].words[1]`) only for an error. */
typedef struct place {
    const struct place *up;
    const char *key; /* a member's name, or NULL for an item */
    size_t index;
} place;

/* The places below `up`, for the call they are written in. */
#define MEMBER(up, key) (&(place){(up), (key), 0})
#define ITEM(up, i) (&(place){(up), NULL, (i)})

/* Longest field path written (longer ones are cut, which names no field). */
#define LOADER_PATH_MAX 512

/* ---- member names ---------------------------------------------------------------------- */

/* Every member name the rules file knows, each with a bit. */
enum member {
    M_ID, M_KIND, M_SEVERITY, M_CHECKLIST, M_GROUP, M_WHEN, M_MESSAGE, M_SUGGESTION, M_NOTE,
    M_FIELD, M_FIELDS, M_WORDS, M_LISTS, M_LEADS, M_SUFFIXES, M_IGNORE, M_LIST, M_MEMBER,
    M_WHERE, M_MORE_THAN, M_AT_MOST, M_FEWER_THAN, M_MAX_WORDS, M_MAX_SENTENCES, M_DAYS,
    M_FROM, M_UNTIL, M_OUTSIDE, M_SHORTENED,
    M_ALL, M_ANY, M_NOT, M_NO_FINDINGS, M_SOME, M_EVERY, M_THEN, M_ANSWERED, M_EQUALS, M_IN,
    M_NOT_IN,
    M_TITLE, M_FULFILLED, M_AJAR_CHECKS, M_RULES,
    M_COUNT
};

/* The name of each member, by its enum member. */
extern const char *const loader_member_names[M_COUNT];

typedef uint64_t member_set;
_Static_assert(M_COUNT <= 64, "a member_set holds a bit for every member name");
#define BIT(m) ((member_set)1 << (m))

/* The members of one object, by name: of[m] is the member named
 * loader_member_names[m] when bit m of `present` is set; `unknown` tells
 * whether it has a member of any other name. */
typedef struct members {
    const cJSON *of[M_COUNT];
    member_set present;
    int unknown;
} members;

/* The member m of the object read into ms, or NULL. */
#define GET(ms, m) ((ms)->present & BIT(m) ? (ms)->of[m] : (const cJSON *)NULL)

/* ---- the loader ------------------------------------------------------------------------ */

/* Slots of the open-addressed table from a member name to its index. */
#define MEMBER_SLOTS 128

/* A named list of words, compiled once for every rule that names it. */
typedef struct word_list {
    const char *name;
    check_pattern *pat;
    size_t n;
} word_list;

/* A field that was checked and compiled below a base (see loader_want_field),
 * kept by a hash of its text: rules name the same fields again and again. */
typedef struct known_field {
    const char *base;
    check_path path; /* path.text: the field; NULL for an empty entry */
    const ajar_field_spec *spec;
} known_field;

#define KNOWN_FIELDS 64

/* One reading of a rules file: its text (for line and column), where errors
 * go and whether there were any, and what is worked out once. */
typedef struct loader {
    const char *text;
    size_t len;
    const char *origin;
    ajar_errors *errs;
    int failed;
    int nomem;
    check_arena *arena;
    signed char slot[MEMBER_SLOTS]; /* member index, or -1 */
    member_set common, common_required;
    struct kind_members *kinds; /* by kind, once worked out (zero: not yet) */
    word_list *lists;           /* NULL when the file has no valid "lists" object */
    size_t nlists;
    known_field known[KNOWN_FIELDS];
} loader;

/* Starts reading text[0..len) (origin names it in errors) into arena. */
void loader_init(loader *L, const char *text, size_t len, const char *origin, ajar_errors *errs,
                 check_arena *arena);

/* The line and column of the value at `path` (`rules[3].words[1]`), or of
 * the nearest enclosing value that exists. */
void loader_position(const loader *L, const char *path, int *line, int *column);

/* Sorts the members of the object obj into ms. */
void loader_read_members(const loader *L, const cJSON *obj, members *ms);

/* The members named in the space-separated `names`. */
member_set loader_members_named(const loader *L, const char *names);

/* Adds an error about the value at `at` (AJAR_E_INVALID) and marks the
 * reading failed. */
void loader_bad(loader *L, const place *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Refuses the members of obj that are not in `allowed` (written out in
 * `allowed_text` for the message); `what` names obj. */
void loader_only_members(loader *L, const cJSON *obj, const members *ms, const place *at,
                         member_set allowed, const char *allowed_text, const char *what);

/* n bytes of the arena, or NULL (L->nomem set) when memory runs out. */
void *loader_alloc(loader *L, size_t n);

/* The number of items of the array v; 0 for anything else. */
size_t loader_array_size(const cJSON *v);

/* "a string", "a number"... for messages. */
const char *loader_json_kind(const cJSON *v);

/* Whether v is a non-empty string, or an array (non-empty when asked);
 * report an error at `at` when it is not. */
int loader_want_string(loader *L, const cJSON *v, const place *at);
int loader_want_array(loader *L, const cJSON *v, const place *at, int nonempty);

/* base + "." + field (just field when base is ""), and then `tail`, into
 * buf; cut when too long, which makes it name no field. */
const char *loader_join(char *buf, size_t size, const char *base, const char *field,
                        const char *tail);

/* Checks that the value v names a field of the draft below base (a pattern
 * such as `contacts[]`, or "" for the draft); returns the field's
 * description, and its steps in *path (when path is not NULL). */
const ajar_field_spec *loader_want_field(loader *L, const cJSON *v, const place *at,
                                         const char *base, check_path *path);

/* The severity named s, or -1. */
int loader_severity(const char *s);

/* The condition c (fields relative to base), checked and compiled into the
 * arena; NULL when memory runs out. `no_findings` is allowed in_checklist. */
const check_cond *loader_cond(loader *L, const cJSON *c, const place *at, const char *base,
                              int in_checklist);

#endif
