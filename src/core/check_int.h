/* check_int.h — what the check's files share: the compiled rule table, the rule kinds, text matching. */
#ifndef AJAR_CHECK_INT_H
#define AJAR_CHECK_INT_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "ajar/check.h"
#include "ajar/strbuf.h"

/* ---- text (check_text.c) ------------------------------------------------------ */

/* A UTF-8 string decoded into code points, folded for matching (lower case,
 * curly apostrophes and hyphens made plain) when asked, with the byte offset
 * of each code point in the original string (off[n] is its length). */
typedef struct check_text {
    uint32_t *cp;
    size_t *off;
    size_t n;
} check_text;

/* Decodes s; returns 0 when memory runs out (t is then empty). */
int check_text_decode(const char *s, int fold, check_text *t);
void check_text_free(check_text *t);

/* Simple lower-casing of Latin, Greek and Cyrillic letters (others are
 * returned as they are), and the folding the matcher uses on top of it. */
uint32_t check_lower(uint32_t cp);
uint32_t check_fold(uint32_t cp);

/* Letters and digits of scripts written with spaces between words (the
 * characters a word boundary is about). */
int check_is_word_cp(uint32_t cp);

/* Characters of scripts written without spaces (Chinese, Japanese, Thai...):
 * never part of a boundary, and counted two to a word. */
int check_is_unspaced(uint32_t cp);

/* White space, Unicode spaces included. */
int check_is_space(uint32_t cp);

/* A word or phrase to look for: folded code points, a single 0x20 for each
 * run of white space, and whether it ended in `*` (then it matches any word
 * that starts with it). */
typedef struct check_pattern {
    uint32_t *cp;
    size_t n;
    int prefix;
    const char *text; /* as written in the rules file (borrowed) */
} check_pattern;

/* Compiles s into *p. Returns 1, or 0 when s holds no word (empty, only
 * spaces or a lone `*`) or memory runs out (*nomem set then). */
int check_pattern_compile(const char *s, check_pattern *p, int *nomem);
void check_pattern_free(check_pattern *p);

/* Finds p in t at or after code point `from`, on word boundaries,
 * case-insensitively. Returns the index of the first code point and stores
 * the index after the last in *end, or returns (size_t)-1. t must have been
 * decoded with fold = 1. */
size_t check_pattern_find(const check_pattern *p, const check_text *t, size_t from, size_t *end);

/* Words in s: runs of letters and digits (an apostrophe or hyphen between
 * two of them, or a point or comma between two digits, joins them), plus one word for every two characters of
 * scripts written without spaces. */
size_t check_count_words(const char *s);

/* Sentences in s: stretches holding a word that end at . ! ? … (followed
 * by a space or the end) or at 。！？; a full stop after a single letter
 * ("e.g.", "J. Smith") ends none. */
size_t check_count_sentences(const char *s);

/* ---- the rule table (check_load.c) ------------------------------------------- */

typedef struct check_rule check_rule;
typedef struct check_ctx check_ctx;

/* A detector: looks at the draft (and output) for one rule and calls
 * check_emit for each finding. */
typedef void (*check_detect_fn)(check_ctx *ctx, const check_rule *r);

/* A kind of rule: the one detector behind every rule of that kind, the
 * members a rule of the kind must and may have (space-separated), and the
 * placeholders its message and suggestion may use. */
typedef struct check_kind {
    const char *name;
    const char *required;
    const char *optional;
    const char *vars;
    int needs_output; /* reads the rendered letter or notes */
    check_detect_fn detect;
} check_kind;

/* The kinds, in check_rules.c. */
const check_kind *check_kind_find(const char *name);
const check_kind *check_kinds(size_t *count);

struct check_rule {
    const char *id; /* all strings are borrowed from the checker's JSON tree */
    const check_kind *kind;
    ajar_severity severity;
    int checklist; /* index into the eight, or -1 */
    const char *group;
    const char *message;
    const char *suggestion;
    const cJSON *when;
    const char *field;
    const char **fields;
    size_t nfields;
    check_pattern *words; /* from `words` and the named `lists` */
    size_t nwords;
    check_pattern *leads; /* other-company: the phrases before a name */
    size_t nleads;
    const char **suffixes;
    size_t nsuffixes;
    const char **ignore;
    size_t nignore;
    const char *list; /* required-each */
    const char *member;
    const cJSON *where;
    long more_than, at_most, fewer_than, max_words, max_sentences;
    int has_more_than, has_at_most, has_fewer_than, has_max_words, has_max_sentences;
    unsigned days; /* send-window: bit 0 = Monday ... bit 6 = Sunday */
    int from_min, until_min;
    int outside;
    int shortened;
};

typedef struct check_item {
    const char *id;
    const char *title;
    const cJSON *fulfilled;
} check_item;

struct ajar_checker {
    cJSON *doc;
    check_rule *rules;
    size_t nrules;
    check_item items[AJAR_CHECKLIST_COUNT];
};

/* ---- running (check.c, check_rules.c) ----------------------------------------- */

/* A value a message may show: text, and for a number the number too
 * (for `{name|one|many}`). */
typedef struct check_var {
    const char *name;
    const char *text;
    long num;
    int is_num;
} check_var;

struct check_ctx {
    const ajar_checker *checker;
    const cJSON *root;
    const ajar_output *out;
    ajar_date today;
    const char *company; /* offer.company or NULL */
    ajar_finding *findings;
    size_t *order; /* rule index of each finding, for sorting */
    size_t n, cap;
    size_t rule_index;
    int fired; /* the current rule emitted something */
    int nomem;
};

/* Adds a finding of rule r on `field` with the given values for the
 * placeholders of its message and suggestion. */
void check_emit(check_ctx *ctx, const check_rule *r, const char *field, const check_var *vars,
                size_t nvars);

/* Expands `{name}` and `{name|one|many}` in tmpl with vars into b. */
void check_expand(ajar_strbuf *b, const char *tmpl, const check_var *vars, size_t nvars);

/* Evaluates a condition of the rules file (see docs/checks.md) against the
 * JSON value `base` (the draft, or a list item). findings (may be NULL)
 * answers `no_findings` for checklist rule `item`. */
int check_cond_eval(const cJSON *cond, const cJSON *base, const check_ctx *ctx, int item);

/* The value at a relative path like `offer.company` or `contacts[2].name`
 * below base, or NULL. */
const cJSON *check_path_get(const cJSON *base, const char *path);

/* 1 when v holds an answer: a string with something other than spaces, an
 * array with at least one answered item, a non-empty object, any number or
 * boolean. */
int check_answered(const cJSON *v);

/* Calls fn for every concrete path the pattern `pat` (with [] for "every
 * item") names in root, with the value there or NULL when it is missing.
 * A list that is empty or missing is reported once, by its own path, with
 * NULL. Returns 0 when memory ran out. */
typedef void (*check_each_fn)(const char *path, const cJSON *value, void *ud);
int check_each_path(const cJSON *root, const char *pat, check_each_fn fn, void *ud);

#endif
