/* export_draft.c — one call from a draft to exported bytes, shared by `ajar export` and the wizard. */
#include <stdlib.h>

#include "ajar/export.h"
#include "ajar/strbuf.h"

/* The draft's identity for stable UIDs: its company and role, not its path. */
static char *uid_seed(const ajar_draft *d)
{
    const char *company = ajar_draft_string(d, "offer.company");
    const char *role = ajar_draft_string(d, "offer.role");
    return ajar_asprintf("%s\n%s", company ? company : "", role ? role : "");
}

ajar_status ajar_export_draft(const ajar_renderer *r, const ajar_draft *d,
                              const ajar_export_request *req, ajar_strbuf *out,
                              ajar_errors *warnings, ajar_errors *errs)
{
    if (!r || !d || !req || !out)
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "ajar_export_draft: NULL argument");
    ajar_render_opts ro = {
        .today = req->today,
        .linkedin_limit = req->linkedin_limit,
        .what = ajar_export_parts(req->what),
        .escape = ajar_export_markdown(req->fmt) ? ajar_render_escape_md : NULL,
        .data_only = req->fmt != AJAR_EXPORT_TXT && req->fmt != AJAR_EXPORT_MD,
    };
    ajar_output *o = NULL;
    ajar_status st = ajar_render(r, d, &ro, &o, errs);
    char *seed = uid_seed(d);
    ajar_export_opts opts = {.todo = req->todo, .uid_seed = seed, .warnings = warnings};
    if (st == AJAR_OK && !seed)
        st = ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    if (st == AJAR_OK)
        st = ajar_export_set_time(&opts, req->fixed_today ? &req->today : NULL, errs);
    if (st == AJAR_OK)
        st = ajar_export(o, req->what, req->fmt, &opts, out, errs);
    free(seed);
    ajar_output_free(o);
    return st;
}
