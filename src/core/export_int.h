/* export_int.h — what the export writers share inside the core (not a public header). */
#ifndef AJAR_EXPORT_INT_H
#define AJAR_EXPORT_INT_H

#include "ajar/export.h"

/* A writer of one format. It is called only for a combination the table
 * allows, after every text of the part has been checked, and stages its
 * whole output before appending it to `out` (all or nothing). */
typedef ajar_status (*ajar_export_writer)(const ajar_output *o, ajar_export_what what,
                                          const ajar_export_opts *opts, ajar_strbuf *out,
                                          ajar_errors *errs);

ajar_status ajar_export_txt(const ajar_output *o, ajar_export_what what,
                            const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs);
ajar_status ajar_export_md(const ajar_output *o, ajar_export_what what,
                           const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs);
ajar_status ajar_export_json(const ajar_output *o, ajar_export_what what,
                             const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs);
ajar_status ajar_export_eml(const ajar_output *o, ajar_export_what what,
                            const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs);
ajar_status ajar_export_mailto(const ajar_output *o, ajar_export_what what,
                               const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs);
ajar_status ajar_export_csv(const ajar_output *o, ajar_export_what what,
                            const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs);
ajar_status ajar_export_ics(const ajar_output *o, ajar_export_what what,
                            const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs);

/* The text of part `what` (one of LETTER..LINKEDIN) as the renderer wrote
 * it: the letter's body, the scripts, the plan's or the notes' text; ""
 * for NULL. Borrowed. */
const char *ajar_export_text_of(const ajar_output *o, ajar_export_what what);

/* A string that is never NULL. */
const char *ajar_export_str(const char *s);

/* How a follow-up's contact is called in summaries: the name, or
 * "contacts[N]" when the draft leaves it unanswered. Writes into buf. */
const char *ajar_export_who(const ajar_followup *f, char *buf, size_t size);

#endif
