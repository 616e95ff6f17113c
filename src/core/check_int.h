/* check_int.h — what the check's files share: the compiled rules (one arena), decoded texts, matching, the rule kinds. */
#ifndef AJAR_CHECK_INT_H
#define AJAR_CHECK_INT_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "ajar/check.h"
#include "ajar/strbuf.h"

/* ---- memory (check_arena.c) ----------------------------------------------------- */

/* A bump allocator: everything a checker holds lives in a few large blocks
 * that are freed together. Zero-initialise it before the first use. */
typedef struct check_arena {
    struct check_block *newest; /* each block links to the one before it */
    size_t first_size;          /* bytes the first block holds (at least) */
} check_arena;

/* size bytes aligned for any type, or NULL when memory runs out. */
void *check_arena_alloc(check_arena *a, size_t size);

/* A copy of s in the arena, or NULL when memory runs out. */
char *check_arena_strdup(check_arena *a, const char *s);

/* Frees every block; the arena is empty (and zero) again. */
void check_arena_free(check_arena *a);

/* ---- text (check_text.c) ------------------------------------------------------ */

/* What a code point of a text is, worked out once when it is decoded. */
enum {
    CHECK_WORD = 1,     /* the folded code point is a letter or digit (matching) */
    CHECK_WORD_RAW = 2, /* the code point as written is one (counting, names) */
    CHECK_SPACE = 4,    /* white space */
    CHECK_UNSPACED = 8  /* of a script written without spaces */
};

/* A UTF-8 string decoded into code points, as written and folded for
 * matching (lower case, curly apostrophes and hyphens made plain), with the
 * byte offset and the CHECK_* class of each (off[n] is the string's length). */
typedef struct check_text {
    uint32_t *raw;
    uint32_t *fold;
    size_t *off;
    unsigned char *cls;
    size_t n;
} check_text;

/* Decodes s (ASCII without a call per byte); returns 0 when memory runs out
 * (t is then empty). */
int check_text_decode(const char *s, check_text *t);
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
 * run of white space, whether it ended in `*` (then it matches any word that
 * starts with it), and whether it starts and ends with a word character (then
 * it only matches on a word boundary there). */
typedef struct check_pattern {
    const uint32_t *cp;
    size_t n;
    int prefix;
    int word_start, word_end;
    uint32_t next; /* in a check_words: index + 1 of the next pattern of its group, or 0 */
} check_pattern;

/* Compiles s into *p, writing its code points to cp, which has room for
 * strlen(s) of them. Returns 1, or 0 when s holds no word (empty, only
 * spaces or a lone `*`). */
int check_pattern_compile(const char *s, uint32_t *cp, check_pattern *p);

/* Finds p in t at or after code point `from`, on word boundaries,
 * case-insensitively. Returns the index of the first code point and stores
 * the index after the last in *end, or returns (size_t)-1. */
size_t check_pattern_find(const check_pattern *p, const check_text *t, size_t from, size_t *end);

/* The patterns of a rule (its words, or its leads) grouped by their first
 * code point: first[c] for c < 128, first[128] for all others, each the index
 * + 1 of the group's first pattern (0: none), linked through `next` in the
 * patterns' order. A text is then read once, whatever the number of words. */
#define CHECK_GROUPS 129
typedef struct check_words {
    check_pattern *pat;
    size_t n;
    uint32_t first[CHECK_GROUPS];
} check_words;

/* Groups w->pat[0..w->n). */
void check_words_group(check_words *w);

/* The first place at or after `from` where any of the patterns matches (as
 * check_pattern_find), and the end of the longest match there in *end; or
 * (size_t)-1. */
size_t check_words_find(const check_words *w, const check_text *t, size_t from, size_t *end);

/* Sets hit[k] to 1 for every pattern k that matches somewhere in t. */
void check_words_mark(const check_words *w, const check_text *t, unsigned char *hit);

/* Words in t: runs of letters and digits (an apostrophe or hyphen between
 * two of them, or a point or comma between two digits, joins them), plus one
 * word for every two characters of scripts written without spaces. */
size_t check_count_words(const check_text *t);

/* Sentences in t: stretches holding a word that end at . ! ? … (followed
 * by a space or the end) or at 。！？; a full stop after a single letter
 * ("e.g.", "J. Smith") ends none. */
size_t check_count_sentences(const check_text *t);

/* ---- draft paths (check.c) --------------------------------------------------------- */

/* A field path of the rules file (`contacts[].talked_about`), split into its
 * member names, NULL for each [] ("every item"). */
typedef struct check_path {
    const char *text; /* as written; NULL when the rule has none */
    const char **keys;
    size_t n;
    int gettable; /* no member name is empty or over 127 bytes: check_path_get never finds those */
} check_path;

/* The member `key` of v when v is an object, or NULL. */
const cJSON *check_member(const cJSON *v, const char *key);

/* The value at p below base, or NULL (always for a path holding []). */
const cJSON *check_path_get(const cJSON *base, const check_path *p);

/* 1 when v holds an answer: a string with something other than spaces, an
 * array with at least one answered item, a non-empty object, any number or
 * boolean. */
int check_answered(const cJSON *v);

/* ---- conditions (compiled by check_load.c, evaluated by check.c) -------------------- */

typedef enum check_cond_op {
    CHECK_ALL,
    CHECK_ANY,
    CHECK_NOT,
    CHECK_NO_FINDINGS,
    CHECK_SOME,
    CHECK_EVERY,
    CHECK_ANSWERED,
    CHECK_EQUALS,
    CHECK_IN,
    CHECK_NOT_IN
} check_cond_op;

/* A condition of the rules file (see docs/checks.md). */
typedef struct check_cond check_cond;
struct check_cond {
    check_cond_op op;
    const check_cond *kids; /* all, any: kids[0..nkids); not: kids[0] */
    size_t nkids;
    const check_cond *where, *then; /* some, every (either may be NULL) */
    check_path path;                /* the field, or the list of some and every */
    const cJSON *values;            /* equals: the value; in, not_in: the array of them */
    int answered;                   /* answered: true or false */
    ajar_severity severity;         /* no_findings */
};

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

/* A name compared byte for byte (suffixes, ignored words). */
typedef struct check_name {
    const char *s;
    size_t len;
} check_name;

struct check_rule {
    const char *id; /* strings point into the checker's doc, arrays into its arena */
    const check_kind *kind;
    ajar_severity severity;
    int checklist; /* index into the eight, or -1 */
    const char *group;
    const char *message;
    const char *suggestion;
    const check_cond *when;
    check_path field;
    const check_path *fields;
    size_t nfields;
    const check_words *words; /* from `words` and the named `lists` */
    const check_words *leads; /* other-company: the phrases before a name */
    const check_name *suffixes;
    size_t nsuffixes;
    const check_name *ignore;
    size_t nignore;
    check_path list; /* required-each */
    const char *member;
    const check_cond *where;
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
    const check_cond *fulfilled;
} check_item;

/* The rules file as read, and what was compiled from it, in one arena. */
struct ajar_checker {
    cJSON *doc; /* the rules file, whose strings the rules point into */
    check_arena arena;
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

/* A string of the draft or the output decoded once for every rule that reads it. */
typedef struct check_cached_text {
    const char *s;
    check_text t;
} check_cached_text;

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
    ajar_strbuf path; /* the concrete path check_each_path is at */
    check_cached_text **texts;
    size_t ntexts, texts_cap;
};

/* Adds a finding of rule r on `field` with the given values for the
 * placeholders of its message and suggestion. */
void check_emit(check_ctx *ctx, const check_rule *r, const char *field, const check_var *vars,
                size_t nvars);

/* Expands `{name}` and `{name|one|many}` in tmpl with vars into b. */
void check_expand(ajar_strbuf *b, const char *tmpl, const check_var *vars, size_t nvars);

/* s (a string of the draft or the output, which outlives the run) decoded:
 * the first call decodes it, later ones return the same text. NULL, with
 * ctx->nomem set, when memory runs out. */
const check_text *check_ctx_text(check_ctx *ctx, const char *s);

/* Evaluates a condition against the JSON value `base` (the draft, or a list
 * item); NULL holds. `item` is the checklist rule a `no_findings` is about. */
int check_cond_eval(const check_cond *cond, const cJSON *base, const check_ctx *ctx, int item);

/* Calls fn for every concrete path the pattern `pat` names in root, with the
 * value there or NULL when it is missing. A list that is empty or missing is
 * reported once, by its own path, with NULL. Sets ctx->nomem when memory
 * runs out. */
typedef void (*check_each_fn)(const char *path, const cJSON *value, void *ud);
void check_each_path(check_ctx *ctx, const check_path *pat, check_each_fn fn, void *ud);

/* Room check_index_text needs. */
#define CHECK_INDEX_TEXT 24

/* Writes an item's place "[i]" at the end of buf and returns where it
 * starts (for field paths). */
const char *check_index_text(size_t i, char buf[CHECK_INDEX_TEXT]);

#endif
