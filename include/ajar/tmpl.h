/* tmpl.h — Mustache templates: compile once, render many times against cJSON data. */
#ifndef AJAR_TMPL_H
#define AJAR_TMPL_H

#include <stddef.h>

#include <cJSON.h>

#include "ajar/error.h"
#include "ajar/strbuf.h"

/* How deeply partials may include partials during one render. A partial
 * that includes itself for as long as the data keeps nesting stops here with
 * an AJAR_E_INVALID error instead of exhausting the stack. */
#define AJAR_TMPL_MAX_PARTIAL_DEPTH 64

/* The work a render may do unless opts->budget says otherwise, counted as
 * bytes written plus template nodes (texts, tags) visited: far beyond any
 * sane template, but it stops a tiny template from running for ages, as
 * a partial that includes itself twice (2^64 expansions even when nothing
 * is written) or sections nested over lists (10 items, 20 levels: 10^20). */
#define AJAR_TMPL_DEFAULT_BUDGET ((size_t)64 * 1024 * 1024)

/* A compiled template: its own copy of the text, already parsed. Read-only
 * once compiled, so one template may be rendered any number of times (also
 * from several threads at once, each with its own output and errors). */
typedef struct ajar_tmpl ajar_tmpl;

/* Escape callback: appends the escaped form of s[0..n) to out. s is not
 * NUL-terminated and may hold any bytes. ud is the opts' escape_ud. */
typedef void (*ajar_tmpl_escape_fn)(ajar_strbuf *out, const char *s, size_t n, void *ud);

/* Partial loader: returns the text of the partial `name` (a NUL-terminated
 * string the render owns and frees with free(), so it cannot hold NULs), or
 * NULL when there is no such partial, which then renders as nothing (as the
 * spec asks). `name` comes straight from the template (any bytes except
 * whitespace and control characters): a loader that reads files must refuse
 * names such as "../x" or "/etc/passwd" itself. It may set
 * *origin (initially NULL) to a malloc'ed string naming where the text came
 * from, e.g. a file path; the render frees it and uses it as the `file` of
 * errors found in the partial (the partial's name is used otherwise).
 * Each name is asked for at most once per ajar_tmpl_render call. */
typedef char *(*ajar_tmpl_partial_fn)(const char *name, char **origin, void *ud);

/* Rendering options. A NULL escape means ajar_tmpl_escape_html; a NULL
 * partial means no partial exists; a budget of 0 means
 * AJAR_TMPL_DEFAULT_BUDGET. The *_ud pointers are passed through. Zero
 * everything not used. */
typedef struct ajar_tmpl_opts {
    ajar_tmpl_escape_fn escape;
    void *escape_ud;
    ajar_tmpl_partial_fn partial;
    void *partial_ud;
    size_t budget; /* most bytes written + nodes visited per render */
    int trim_inline_partials; /* 1: a partial whose tag shares its line with other
                               * text is inserted without the line end its output
                               * finishes with, so a one-line partial file can hold
                               * a phrase used inside a sentence; a partial that is
                               * the last thing in its template keeps it, as it ends
                               * the text (not in the spec; 0 keeps the spec's
                               * behaviour) */
} ajar_tmpl_opts;

/* Compiles the Mustache template text[0..len) (any bytes, NULs included;
 * text may be NULL when len is 0). The text is copied, so the caller keeps
 * ownership of text and origin. origin (may be NULL) names the template in
 * error messages, e.g. its file path.
 * On success stores a new template in *out that the caller frees with
 * ajar_tmpl_free, and returns AJAR_OK. On failure stores NULL in *out,
 * adds errors to errs (may be NULL) with file = origin and the 1-based line
 * and column (in UTF-8 code points) where the offending tag starts, and
 * returns AJAR_E_SYNTAX (malformed template: unclosed tag or section,
 * mismatched closing tag, bad set-delimiter tag, empty or malformed name),
 * AJAR_E_NOMEM or AJAR_E_USAGE (out NULL, or text NULL with len > 0).
 * Supported: variables {{x}} {{{x}}} {{&x}}, dotted names, the implicit
 * iterator {{.}}, sections, inverted sections, comments, partials, set
 * delimiters and the spec's standalone-line rules. Lambdas are not. */
ajar_status ajar_tmpl_compile(const char *text, size_t len, const char *origin,
                              ajar_tmpl **out, ajar_errors *errs);

/* Renders t against data (borrowed; NULL renders like an empty object) and
 * appends the result to out. opts may be NULL: HTML escaping, no partials.
 * Partials are asked from opts->partial when first used, compiled, and
 * cached for the rest of this call; the template itself is never re-parsed.
 * Values: strings as they are; numbers as integers when whole (85), else
 * with the shortest form that reads back exactly (1.21); true/false as
 * "true"/"false"; null, missing names, objects and arrays as nothing.
 * Sections treat false, null, missing names, empty lists, empty strings and
 * the number 0 as false (JavaScript's `!!value`, as the spec suggests).
 * Returns AJAR_OK, or on failure leaves out as it was (its length restored;
 * unless out itself ran out of memory, when it stays `failed`), adds errors
 * to errs (may be NULL) and returns AJAR_E_SYNTAX (a partial
 * failed to compile), AJAR_E_INVALID (partials nested deeper than
 * AJAR_TMPL_MAX_PARTIAL_DEPTH, sections and partials nested absurdly deep,
 * or the budget used up), AJAR_E_NOMEM, or AJAR_E_USAGE (t or out NULL). */
ajar_status ajar_tmpl_render(const ajar_tmpl *t, const cJSON *data, const ajar_tmpl_opts *opts,
                             ajar_strbuf *out, ajar_errors *errs);

/* Frees a template from ajar_tmpl_compile; NULL is allowed. */
void ajar_tmpl_free(ajar_tmpl *t);

/* Escaper for HTML: appends s[0..n) with & < > " and ' written as &amp;
 * &lt; &gt; &quot; and &#39;; every other byte is copied. ud is unused. */
void ajar_tmpl_escape_html(ajar_strbuf *out, const char *s, size_t n, void *ud);

/* Escaper that escapes nothing: appends s[0..n) as it is, e.g. for plain
 * text output. ud is unused. */
void ajar_tmpl_escape_none(ajar_strbuf *out, const char *s, size_t n, void *ud);

#endif
