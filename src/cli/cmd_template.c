/* cmd_template.c — `ajar template`: render a Mustache template against JSON data, for template writers. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/datadir.h"
#include "ajar/json.h"
#include "ajar/draft.h"
#include "ajar/date.h"
#include "ajar/render.h"
#include "ajar/store.h"
#include "ajar/strbuf.h"
#include "ajar/tmpl.h"
#include "ajar/utf8.h"
#include "cli.h"

/* Templates and data files larger than this are refused. */
#define TEMPLATE_MAX_BYTES (1024 * 1024)
#define DATA_MAX_BYTES (16 * 1024 * 1024)

/* Where partials come from, and the names asked for but not found. */
typedef struct partial_dir {
    const char *dir;
    ajar_strbuf missing; /* "name\n" for each partial not found */
} partial_dir;

/* A partial name must name a file inside the folder: no '/', no leading
 * '.', no control characters. */
static int safe_partial_name(const char *name)
{
    if (!*name || name[0] == '.' || strchr(name, '/'))
        return 0;
    return ajar_utf8_find_control(name, strlen(name), 0) == (size_t)-1;
}

static char *load_partial(const char *name, char **origin, void *ud)
{
    partial_dir *pd = ud;
    if (!safe_partial_name(name)) {
        ajar_strbuf_printf(&pd->missing, "%s (not a plain file name)\n", name);
        return NULL;
    }
    char *file = ajar_asprintf("%s.mustache", name);
    char *path = file ? ajar_path_join(pd->dir, file) : NULL;
    free(file);
    char *text = NULL;
    size_t len = 0;
    ajar_errors errs = {0};
    if (!path || ajar_store_read_file(path, TEMPLATE_MAX_BYTES, &text, &len, &errs) != AJAR_OK ||
        memchr(text, '\0', len)) {
        ajar_strbuf_printf(&pd->missing, "%s (%s)\n", name, path ? path : "out of memory");
        free(text);
        free(path);
        ajar_errors_clear(&errs);
        return NULL;
    }
    *origin = path;
    return text;
}

/* A copy of the folder part of path ("." when it has none). */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* The data ajar's own templates see for the draft at path (a copy the
 * caller frees), or NULL with errors in errs. */
static cJSON *view_of_draft(const char *path, ajar_errors *errs)
{
    ajar_draft *d = NULL;
    ajar_renderer *r = NULL;
    ajar_output *o = NULL;
    cJSON *view = NULL;
    char *dir = NULL, *user = ajar_render_user_dir();
    ajar_render_opts opts = {.what = AJAR_OUT_ALL};
    if (!ajar_date_today(&opts.today))
        ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                        "AJAR_TODAY is not a date written YYYY-MM-DD");
    else if (ajar_draft_load(path, &d, errs) == AJAR_OK && (dir = ajar_datadir_find(errs)) &&
             ajar_renderer_open(dir, user, &r, errs) == AJAR_OK &&
             ajar_render(r, d, &opts, &o, errs) == AJAR_OK)
        view = cJSON_Duplicate(o->view, 1);
    ajar_output_free(o);
    ajar_renderer_free(r);
    ajar_draft_free(d);
    free(dir);
    free(user);
    return view;
}

int cmd_template(int argc, char **argv)
{
    static const struct option opts[] = {{"partials", required_argument, NULL, 'p'},
                                         {"escape", required_argument, NULL, 'e'},
                                         {"draft", required_argument, NULL, 'd'},
                                         {"show-data", no_argument, NULL, 's'},
                                         {NULL, 0, NULL, 0}};
    const char *partials = NULL, *escape = "none", *draft = NULL;
    int c, show = 0;
    while ((c = cli_next_opt(argc, argv, "p:e:d:s", opts, "template")) != -1) {
        if (c == '?')
            return EXIT_USAGE;
        if (c == 'p')
            partials = optarg;
        else if (c == 'd')
            draft = optarg;
        else if (c == 's')
            show = 1;
        else
            escape = optarg;
    }
    if (strcmp(escape, "html") != 0 && strcmp(escape, "none") != 0)
        return cli_usage_error("template", "unknown escaping '%s' (choose html or none)", escape);
    int nargs = argc - optind;
    if (show && !draft)
        return cli_usage_error("template", "--show-data needs --draft FILE%s", "");
    if (show ? nargs != 0 : draft ? nargs != 1 : (nargs < 1 || nargs > 2))
        return cli_usage_error("template", show    ? "--show-data takes no template%s"
                                           : draft ? "expected TEMPLATE with --draft%s"
                                                   : "expected TEMPLATE [DATA.json]%s",
                               "");
    const char *tpath = nargs ? argv[optind] : NULL;
    const char *dpath = nargs == 2 ? argv[optind + 1] : NULL;

    ajar_errors errs = {0};
    char *text = NULL, *data_text = NULL;
    size_t tlen = 0, dlen = 0;
    ajar_tmpl *t = NULL;
    cJSON *data = NULL;
    if (draft && !(data = view_of_draft(draft, &errs)))
        goto fail;
    if (show) {
        char *json = ajar_json_print(data);
        if (json)
            cli_put_safe(stdout, json);
        free(json);
        cJSON_Delete(data);
        return json ? EXIT_OK : EXIT_SYSTEM;
    }
    if (ajar_store_read_file(tpath, TEMPLATE_MAX_BYTES, &text, &tlen, &errs) != AJAR_OK ||
        ajar_tmpl_compile(text, tlen, tpath, &t, &errs) != AJAR_OK)
        goto fail;
    if (dpath && (ajar_store_read_file(dpath, DATA_MAX_BYTES, &data_text, &dlen, &errs) != AJAR_OK ||
                  ajar_json_parse(data_text, dlen, dpath, &data, &errs) != AJAR_OK))
        goto fail;

    char *dir = partials ? strdup(partials) : folder_of(tpath);
    partial_dir pd = {dir ? dir : ".", {0}};
    ajar_strbuf_init(&pd.missing);
    ajar_tmpl_opts o = {
        .escape = strcmp(escape, "html") == 0 ? ajar_tmpl_escape_html : ajar_tmpl_escape_none,
        .partial = load_partial,
        .partial_ud = &pd,
        .trim_inline_partials = 1, /* as ajar renders its own templates */
    };
    ajar_strbuf out;
    ajar_strbuf_init(&out);
    ajar_status st = ajar_tmpl_render(t, data, &o, &out, &errs);
    if (st == AJAR_OK && !out.failed)
        cli_put_safe_n(stdout, out.data ? out.data : "", out.len);
    char *missing = ajar_strbuf_take(&pd.missing);
    for (char *line = missing; line && *line;) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        fprintf(stderr, "ajar: ");
        cli_put_safe(stderr, tpath);
        fprintf(stderr, ": warning: no partial ");
        cli_put_safe(stderr, line);
        fprintf(stderr, "; it renders as nothing\n");
        line = nl + 1;
    }
    free(missing);
    ajar_strbuf_free(&out);
    free(dir);
    if (st != AJAR_OK)
        goto fail;
    ajar_tmpl_free(t);
    cJSON_Delete(data);
    free(text);
    free(data_text);
    return EXIT_OK;

fail:
    ajar_tmpl_free(t);
    cJSON_Delete(data);
    free(text);
    free(data_text);
    return cli_fail_with(&errs);
}
