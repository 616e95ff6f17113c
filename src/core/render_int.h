/* render_int.h — the renderer's insides, shared by render_load.c and render.c only. */
#ifndef AJAR_RENDER_INT_H
#define AJAR_RENDER_INT_H

#include <cJSON.h>

#include "ajar/render.h"
#include "ajar/tmpl.h"

/* One template file. */
typedef struct render_template {
    char *name;   /* file name without .mustache: "letter-offer-warm" */
    char *origin; /* the path it was read from */
    char *text;   /* its text, for use as a partial */
    ajar_tmpl *tmpl; /* compiled the first time it is rendered; NULL before */
} render_template;

/* A sentence of the reason catalogue, compiled the first time it is said. */
typedef struct render_sentence {
    char *text;      /* its template text */
    char *field;     /* where the catalogue holds it: "reasons.moved.plain" */
    ajar_tmpl *tmpl; /* NULL until first compiled */
} render_sentence;

/* A reason of the catalogue: its label, whether the employer could change
 * it, and its two sentences. */
typedef struct render_reason {
    char *kind;
    char *label;
    int can_change;
    render_sentence *plain, *softened;
} render_reason;

struct ajar_renderer {
    render_template *templates; /* sorted by name */
    size_t ntemplates;
    render_reason *reasons;
    size_t nreasons;
    render_sentence *private_sentence; /* said when the reason stays private */
    char *reasons_file;                /* data/reasons.json, for errors */
    cJSON *labels;               /* data/labels.json */
};

/* The template `base` for a scenario and tone: the first that exists of
 * base-SCENARIO-TONE, base-SCENARIO, base-TONE and base. NULL when none. */
const render_template *render_find(const ajar_renderer *r, const char *base,
                                   const char *scenario, const char *tone);

/* Sets *out to t (a template of r) compiled, compiling it now when this is
 * its first use, so that only the templates a draft needs are compiled.
 * A syntax error goes to errs with the file, line and column (on every use,
 * *out NULL) and its status is returned. */
ajar_status render_compiled(const ajar_renderer *r, const render_template *t,
                            const ajar_tmpl **out, ajar_errors *errs);

/* Sets *out to the sentence s of r's catalogue compiled, compiling it on
 * first use; a syntax error goes to errs naming the catalogue file and the
 * sentence's field (on every use, *out NULL) and its status is returned. */
ajar_status render_sentence_compiled(const ajar_renderer *r, render_sentence *s,
                                     const ajar_tmpl **out, ajar_errors *errs);

#endif
