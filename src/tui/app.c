/* app.c — the wizard's life: open the draft, loop over events, save every answer, give the terminal back. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ajar/datadir.h"
#include "ajar/json.h"
#include "app.h"
#include "wizard.h"

/* Set by SIGTERM and SIGHUP: the loop saves and leaves. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}

void app_status(app *a, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = ajar_vasprintf(fmt, ap);
    va_end(ap);
    free(a->status);
    a->status = s;
    a->status_error = error;
}

/* The first message of errs, as a new string. */
static char *first_message(const ajar_errors *errs)
{
    if (errs->count == 0)
        return strdup("unknown error");
    const ajar_error *e = &errs->items[0];
    return strdup(e->message ? e->message : "out of memory");
}

int app_save(app *a)
{
    ajar_errors errs = {0};
    ajar_status st = ajar_draft_save(a->draft, a->path, &errs);
    if (st != AJAR_OK) {
        char *m = errs.count ? ajar_error_format(&errs.items[0]) : NULL;
        app_status(a, 1, "Not saved: %s. Your answers are kept while ajar runs; try Ctrl-S again.",
                   m ? m : "out of memory");
        free(m);
    }
    ajar_errors_clear(&errs);
    return st == AJAR_OK;
}

int app_set(app *a, const char *path, cJSON *value, char **error)
{
    ajar_errors errs = {0};
    /* a change the whole draft's rules refuse is taken back, so the draft
     * on screen can always be saved */
    ajar_draft *before = ajar_draft_clone(a->draft);
    if (!before) {
        cJSON_Delete(value);
        *error = strdup("out of memory");
        return 0;
    }
    if (ajar_draft_set(a->draft, path, value, &errs) != AJAR_OK ||
        ajar_draft_validate(a->draft, NULL, &errs) != AJAR_OK) {
        *error = first_message(&errs);
        ajar_errors_clear(&errs);
        ajar_draft_free(a->draft);
        a->draft = before;
        return 0;
    }
    ajar_draft_free(before);
    ajar_errors_clear(&errs);
    if (app_save(a))
        app_status(a, 0, "Saved.");
    app_changed(a);
    return 1;
}

void app_commit_or_keep(app *a)
{
    form *f = a->sub.questions ? &a->sub : &a->form;
    if (!form_commit(f, a))
        recover_save(a, f);
}

void app_changed(app *a)
{
    ajar_output_free(a->preview);
    a->preview = NULL;
    a->preview_what = 0;
    ajar_output_free(a->review);
    a->review = NULL;
    free(a->review_error);
    a->review_error = NULL;
    free(a->preview_error);
    a->preview_error = NULL;
    /* the old findings stay on screen until the new ones are ready */
    a->findings_stale = 1;
}

/* The first error of errs, formatted and put on the status line; errs is
 * cleared. Returns the message as a new string (NULL when memory ran out). */
static char *status_first_error(app *a, ajar_errors *errs)
{
    char *m = errs->count ? ajar_error_format(&errs->items[0]) : NULL;
    app_status(a, 1, "%s", m ? m : "out of memory");
    ajar_errors_clear(errs);
    return m;
}

ajar_renderer *app_renderer(app *a)
{
    if (a->renderer || a->renderer_error)
        return a->renderer;
    ajar_errors errs = {0};
    char *user = ajar_render_user_dir();
    if (ajar_renderer_open(a->data_dir, user, &a->renderer, &errs) != AJAR_OK)
        a->renderer_error = status_first_error(a, &errs);
    free(user);
    ajar_errors_clear(&errs);
    return a->renderer;
}

/* The checker, opened the first time the check runs; NULL (the reason in
 * a->checker_error and on the status line) when data/checks.json is broken. */
static ajar_checker *checker(app *a)
{
    if (a->checker || a->checker_error)
        return a->checker;
    ajar_errors errs = {0};
    if (ajar_checker_open(a->data_dir, &a->checker, &errs) != AJAR_OK)
        a->checker_error = status_first_error(a, &errs);
    ajar_errors_clear(&errs);
    return a->checker;
}

int app_render(app *a, unsigned what, ajar_output **out, char **error)
{
    if (!app_renderer(a)) {
        *error = strdup(a->renderer_error ? a->renderer_error : "out of memory");
        return 0;
    }
    ajar_render_opts o = {.today = a->today, .what = what};
    ajar_errors errs = {0};
    int ok = ajar_render(a->renderer, a->draft, &o, out, &errs) == AJAR_OK;
    if (!ok)
        *error = errs.count ? ajar_error_format(&errs.items[0]) : strdup("out of memory");
    ajar_errors_clear(&errs);
    return ok;
}

/* Renders `what` of the draft into a->preview (replacing it), or sets
 * a->preview_error. */
static void render_preview(app *a, unsigned what)
{
    ajar_output_free(a->preview);
    a->preview = NULL;
    a->preview_what = app_render(a, what, &a->preview, &a->preview_error) ? what : 0;
}

const ajar_output *app_preview(app *a)
{
    if (!a->preview && !a->preview_error)
        render_preview(a, AJAR_OUT_LETTER);
    return a->preview;
}

const ajar_check_result *app_findings(app *a)
{
    if (!a->findings_stale)
        return a->findings;
    a->findings_stale = 0;
    ajar_check_result_free(a->findings);
    a->findings = NULL;
    /* the check reads the LinkedIn notes too (their length), which the
     * preview alone does not need */
    const unsigned what = AJAR_OUT_LETTER | AJAR_OUT_LINKEDIN;
    if (!a->preview_error && (a->preview_what & what) != what)
        render_preview(a, what);
    ajar_errors errs = {0};
    if (checker(a))
        ajar_check_run(a->checker, a->draft, a->preview, a->today, &a->findings, &errs);
    ajar_errors_clear(&errs);
    return a->findings;
}

const char *app_step_state(const app *a, size_t i)
{
    char path[128];
    snprintf(path, sizeof path, "steps.%s", a->steps->items[i].id);
    const char *s = ajar_draft_string(a->draft, path);
    return s ? s : "todo";
}

int app_step_done(const app *a, size_t i)
{
    return strcmp(app_step_state(a, i), "done") == 0;
}

int app_answered(const cJSON *v)
{
    return v && !cJSON_IsNull(v) && !(cJSON_IsString(v) && !v->valuestring[0]) &&
           !(cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0);
}

void app_set_offer_maker(app *a, long item)
{
    const cJSON *list = NULL, *c;
    ajar_draft_get(a->draft, "contacts", &list, NULL);
    long i = 0;
    cJSON_ArrayForEach(c, list)
    {
        int want = i == item;
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "made_offer")) != want) {
            char *path = ajar_asprintf("contacts[%ld].made_offer", i);
            if (path)
                ajar_draft_set(a->draft, path, cJSON_CreateBool(want), NULL);
            free(path);
        }
        i++;
    }
}

int app_steps_all(app *a)
{
    if (!a->steps_all) {
        ajar_errors errs = {0};
        if (ajar_steps_ready_all(a->steps, &errs) == AJAR_OK) {
            a->steps_all = 1;
        } else {
            a->steps_error = status_first_error(a, &errs);
            a->steps_all = -1;
        }
        ajar_errors_clear(&errs);
    }
    return a->steps_all > 0;
}

int app_step_needs_attention(app *a, size_t i)
{
    /* only steps the user has been through: no warnings ahead of them */
    if (!app_step_done(a, i) || !a->findings)
        return 0;
    app_steps_all(a); /* a step that cannot be read asks nothing */
    for (size_t k = 0; a->findings && k < a->findings->n; k++) {
        const ajar_finding *f = &a->findings->findings[k];
        if (f->severity >= AJAR_SEV_WARNING && f->field &&
            ajar_steps_for_field(a->steps, f->field, NULL) == (long)i)
            return 1;
    }
    return 0;
}

void app_goto_field(app *a, const char *path)
{
    size_t q = 0;
    int all = app_steps_all(a);
    long s = ajar_steps_for_field(a->steps, path, &q);
    if (s < 0 && !all)
        app_status(a, 1, "The step that asks for %s may be the one that cannot be read: %s", path,
                   a->steps_error ? a->steps_error : "out of memory");
    else if (s < 0)
        app_status(a, 0, "No step asks for %s; it is set with ajar set.", path);
    if (s < 0)
        return;
    if (!app_open_step(a, (size_t)s))
        return;
    a->form.focus = q;
    /* inside a list: open the entry, and its question */
    const ajar_question *lq = &a->form.questions[q];
    size_t n = strlen(lq->path);
    if ((lq->kind == AJAR_FK_CONTACTS || lq->kind == AJAR_FK_REFERRALS) && path[n] == '[') {
        size_t item = (size_t)strtoul(path + n + 1, NULL, 10);
        const char *rest = strchr(path + n, ']');
        a->form.fields[q].item = item;
        list_open_entry(a, item);
        if (rest && rest[1] == '.')
            for (size_t k = 0; k < a->sub.count; k++)
                if (strcmp(a->sub.questions[k].path, rest + 2) == 0)
                    a->sub.focus = k;
    }
}

/* Records the step on screen in the draft, so the next start resumes there. */
static void remember_step(app *a)
{
    const char *id = a->steps->items[a->step].id;
    const char *now = ajar_draft_string(a->draft, "wizard.step");
    if (now && strcmp(now, id) == 0)
        return;
    ajar_errors errs = {0};
    if (ajar_draft_set_string(a->draft, "wizard.step", id, &errs) == AJAR_OK)
        app_save(a);
    ajar_errors_clear(&errs);
}

/* Puts step i on screen with its first question focused, reading it first
 * when it is not yet; 0 (the reason on the status line, the screen as it
 * was) when its file has a problem. */
static int show_step(app *a, size_t i)
{
    i = i < a->steps->count ? i : a->steps->count - 1;
    ajar_errors errs = {0};
    if (ajar_steps_ready(a->steps, i, &errs) != AJAR_OK) {
        free(status_first_error(a, &errs));
        return 0;
    }
    if (a->sub.questions)
        form_close(&a->sub);
    a->step = i;
    const ajar_step *s = &a->steps->items[a->step];
    form_open(&a->form, a, s->questions, s->nquestions, "");
    a->scroll = 0;
    return 1;
}

int app_open_step(app *a, size_t i)
{
    if (!show_step(a, i))
        return 0;
    remember_step(a);
    return 1;
}

/* The step to open: where the user left, else the first not done. */
static size_t resume_step(const app *a)
{
    long at = ajar_steps_find(a->steps, ajar_draft_string(a->draft, "wizard.step"));
    if (at >= 0)
        return (size_t)at;
    for (size_t i = 0; i < a->steps->count; i++)
        if (!app_step_done(a, i))
            return i;
    return 0;
}

/* Prints every error of errs on stderr (before or after curses only). */
static void print_errors(const ajar_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++) {
        char *m = ajar_error_format(&errs->items[i]);
        fprintf(stderr, "ajar: %s\n", m ? m : "out of memory");
        free(m);
    }
}

/* Loads, or creates for `scenario` (NULL: "offer"), the draft at path and
 * takes its lock. On failure nothing stays open. */
static int open_draft(app *a, const char *path, const char *scenario, ajar_errors *errs)
{
    a->path = strdup(path);
    int ok = a->path && ajar_lock_acquire(path, &a->lock, errs) == AJAR_OK;
    struct stat st;
    if (ok && stat(path, &st) != 0) {
        a->draft = ajar_draft_new(scenario ? scenario : "offer");
        ok = a->draft && ajar_draft_save(a->draft, path, errs) == AJAR_OK;
    } else if (ok) {
        ok = ajar_draft_load(path, &a->draft, errs) == AJAR_OK;
    }
    if (ok) {
        /* an absolute path, so exports proposed beside it say where they went */
        char *real = realpath(path, NULL);
        if (real) {
            free(a->path);
            a->path = real;
        }
    } else {
        ajar_draft_free(a->draft);
        a->draft = NULL;
        ajar_lock_release(a->lock);
        a->lock = NULL;
        free(a->path);
        a->path = NULL;
    }
    return ok;
}

/* The start screen until a draft opens; 0 when the user quits there. */
static int choose_draft(app *a)
{
    for (;;) {
        char *path = NULL;
        const char *scenario = NULL;
        if (!start_screen(a, &path, &scenario))
            return 0;
        ajar_errors errs = {0};
        int ok = open_draft(a, path, scenario, &errs);
        if (!ok) {
            char *m = errs.count ? ajar_error_format(&errs.items[0]) : NULL;
            app_status(a, 1, "%s", m ? m : "The draft cannot be opened.");
            free(m);
        }
        ajar_errors_clear(&errs);
        free(path);
        if (ok)
            return 1;
    }
}

static void app_free(app *a)
{
    form_close(&a->form);
    form_close(&a->sub);
    ajar_output_free(a->preview);
    ajar_output_free(a->review);
    free(a->review_error);
    free(a->renderer_error);
    free(a->checker_error);
    free(a->steps_error);
    ajar_check_result_free(a->findings);
    ajar_checker_free(a->checker);
    ajar_edit_free(&a->dialog.path);
    free(a->preview_error);
    ajar_renderer_free(a->renderer);
    ajar_steps_free(a->steps);
    ajar_draft_free(a->draft);
    ajar_lock_release(a->lock);
    free(a->path);
    free(a->data_dir);
    free(a->status);
}

static void draw(app *a)
{
    if (a->only_line && a->overlay == OV_NONE && form_line_y >= 0) {
        /* typing in a one-line field: nothing moved, redraw that line only
         * (a whole frame per key costs ten times more, mostly in curses) */
        a->only_line = 0;
        form_redraw_line(a->sub.questions ? &a->sub : &a->form);
        curs_set(1);
        move(form_cursor_y, form_cursor_x);
        refresh();
        return;
    }
    a->only_line = 0;
    erase();
    form_cursor_y = -1;
    form_line_y = -1;
    /* the review step shows the check; run it first, so that the step list
     * drawn before it shows the same findings */
    if (a->steps->items[a->step].review)
        app_findings(a);
    wizard_draw(a);
    if (a->overlay == OV_HELP)
        help_draw(a);
    else if (a->overlay == OV_QUIT)
        wizard_draw_quit(a);
    else if (a->overlay == OV_EXPORT)
        export_draw(a);
    else if (a->overlay == OV_STEPS)
        step_menu_draw(a);
    if (form_cursor_y >= 0 && (a->overlay == OV_NONE || a->overlay == OV_EXPORT)) {
        curs_set(1);
        move(form_cursor_y, form_cursor_x);
    } else {
        curs_set(0);
    }
    refresh();
}

/* How long the user must pause (ms) before the tone check runs again after
 * a change: long enough that going through steps or quitting never waits
 * for it, short enough that its warnings seem to come with the answer. */
#define CHECK_AFTER_MS 150

static void loop(app *a)
{
    int scripted = tui_input_scripted();
    int redraw = 1;
    while (!a->quit) {
        /* a key script is a user who always pauses: its screens show the
         * check's findings, the same in every run */
        if (scripted)
            app_findings(a);
        if (redraw)
            draw(a);
        redraw = 1;
        tui_event ev;
        tui_input_next(&ev, a->findings_stale ? CHECK_AFTER_MS : 250);
        if (ev.kind == EV_NONE && !stop_signal) {
            /* a pause: the time for the check; otherwise nothing changed */
            if (a->findings_stale)
                app_findings(a);
            else
                redraw = 0;
            continue;
        }
        if (stop_signal) {
            /* keep what was being typed: it is the user's work; when it
             * cannot be an answer yet (a date half typed), beside the draft */
            app_commit_or_keep(a);
            tui_event_clear(&ev);
            break;
        }
        if (ev.kind == EV_END) {
            app_commit_or_keep(a);
            a->quit = 1;
        } else if (ev.kind != EV_NONE && ev.kind != EV_RESIZE) {
            if (a->overlay == OV_HELP)
                help_key(a, &ev);
            else if (a->overlay == OV_EXPORT)
                export_key(a, &ev);
            else if (a->overlay == OV_STEPS)
                step_menu_key(a, &ev);
            else
                wizard_key(a, &ev);
        }
        tui_event_clear(&ev);
    }
}

int tui_run(const char *draft_path)
{
    app a;
    memset(&a, 0, sizeof a);
    ajar_errors errs = {0};
    const char *why = NULL;
    int status = 1;
    if (!ajar_date_today(&a.today)) {
        fprintf(stderr, "ajar: AJAR_TODAY is not a date written YYYY-MM-DD\n");
        return 2;
    }
    a.data_dir = ajar_datadir_find(&errs);
    /* the renderer and the checker are opened when first needed (app_preview,
     * app_findings), and of the steps only the titles and the step to show
     * are read, so that the first frame waits for little else than curses;
     * the start screen needs every step (the scenario question) */
    if (!a.data_dir || ajar_steps_open(a.data_dir, &a.steps, &errs) != AJAR_OK ||
        (draft_path && !open_draft(&a, draft_path, NULL, &errs)) ||
        (draft_path && ajar_steps_ready(a.steps, resume_step(&a), &errs) != AJAR_OK) ||
        (!draft_path && ajar_steps_ready_all(a.steps, &errs) != AJAR_OK)) {
        print_errors(&errs);
        ajar_errors_clear(&errs);
        app_free(&a);
        return 1;
    }
    if (!tui_input_open(&why)) {
        fprintf(stderr, "ajar: %s\n", why);
        app_free(&a);
        return 2;
    }
    int scripted = tui_input_scripted();
    int cols = 80, rows = 24;
    if (scripted) {
        const char *c = getenv("COLUMNS"), *r = getenv("LINES");
        if (c && atoi(c) > 0)
            cols = atoi(c);
        if (r && atoi(r) > 0)
            rows = atoi(r);
    }
    /* before curses starts: a signal only sets a flag the loop looks at */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    static const int STOP[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};
    for (size_t i = 0; i < sizeof STOP / sizeof *STOP; i++)
        sigaction(STOP[i], &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (!tui_term_start(scripted, cols, rows, &why)) {
        fprintf(stderr, "ajar: %s\n", why);
        tui_input_close();
        app_free(&a);
        return 1;
    }
    if (draft_path || choose_draft(&a)) {
        app_changed(&a);
        /* read before curses started; not recorded: the next start finds
         * the same step the same way */
        show_step(&a, resume_step(&a));
        app_status(&a, 0, "Every answer is saved as you go. F1 for help.");
        recover_offer(&a);
        loop(&a);
    }
    tui_term_stop();
    tui_input_close();
    status = stop_signal ? 128 + (int)stop_signal : 0;
    app_free(&a);
    ajar_errors_clear(&errs);
    return status;
}
