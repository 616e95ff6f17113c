/* wizard.c — the main screen: title, step list, the step's questions, the letter preview, key bar. */
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"
#include "ajar/utf8.h"
#include "app.h"

/* Smallest terminal the full screen needs. */
#define MIN_COLS 40
#define MIN_ROWS 10
/* Columns of the step list; shown from SIDEBAR_FROM columns on. */
#define SIDEBAR_W 28
#define SIDEBAR_FROM 72
/* The questions take at least this many columns beside the preview. */
#define MAIN_MIN_W 46

typedef struct layout {
    int rows, cols;
    int body_y, body_h;
    int side_w;            /* 0: no step list */
    int main_x, main_w;    /* main_w 0: the preview takes the place of the questions */
    int prev_x, prev_w;    /* prev_w 0: no preview */
} layout;

static layout compute(const app *a)
{
    layout l = {0};
    l.rows = getmaxy(stdscr);
    l.cols = getmaxx(stdscr);
    l.body_y = 1;
    l.body_h = l.rows - 3;
    l.side_w = l.cols >= SIDEBAR_FROM ? SIDEBAR_W : 0;
    int rest = l.cols - l.side_w;
    int wide = rest >= 2 * MAIN_MIN_W;
    int preview = wide ? !a->preview_toggle : a->preview_toggle;
    if (a->steps->items[a->step].review && !a->sub.questions)
        preview = 0; /* the review shows the letter itself */
    l.main_x = l.side_w + 1;
    if (!preview) {
        l.main_w = rest - 2;
    } else if (wide) {
        l.main_w = rest / 2 - 2;
        l.prev_x = l.side_w + rest / 2 + 1;
        l.prev_w = rest - rest / 2 - 2;
    } else {
        l.prev_x = l.main_x;
        l.prev_w = rest - 2;
    }
    return l;
}

/* 1 when at least one question of step i has an answer. */
static int step_answered(const app *a, size_t i)
{
    const ajar_step *s = &a->steps->items[i];
    for (size_t q = 0; q < s->nquestions; q++) {
        const cJSON *v = NULL;
        if (ajar_draft_get(a->draft, s->questions[q].path, &v, NULL) == AJAR_OK &&
            app_answered(v))
            return 1;
    }
    return s->nquestions == 0;
}

static void mark_done(app *a)
{
    if (!step_answered(a, a->step) || app_step_done(a, a->step))
        return; /* passed by with nothing answered, or done already */
    char path[128];
    snprintf(path, sizeof path, "steps.%s", a->steps->items[a->step].id);
    ajar_errors errs = {0};
    if (ajar_draft_set_string(a->draft, path, "done", &errs) == AJAR_OK)
        app_save(a);
    ajar_errors_clear(&errs);
}

/* ---- drawing ------------------------------------------------------------------------ */

static void draw_title(const app *a, const layout *l)
{
    int attr = tui_attr(ROLE_KEYBAR);
    tui_fill(0, 0, l->cols, attr);
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, " ajar");
    if (!l->side_w)
        ajar_strbuf_printf(&b, " · %zu/%zu %s", a->step + 1, a->steps->count,
                           a->steps->items[a->step].title);
    const char *company = ajar_draft_string(a->draft, "offer.company");
    const char *role = ajar_draft_string(a->draft, "offer.role");
    if (company && company[0])
        ajar_strbuf_printf(&b, " · %s", company);
    if (role && role[0])
        ajar_strbuf_printf(&b, " · %s", role);
    char *s = ajar_strbuf_take(&b);
    int used = tui_puts(0, 0, s, l->cols, attr | A_BOLD);
    free(s);
    const char *base = strrchr(a->path, '/');
    base = base ? base + 1 : a->path;
    int bw = (int)ajar_utf8_width(base, strlen(base));
    if (used + bw + 3 <= l->cols)
        tui_puts(0, l->cols - bw - 1, base, bw, attr);
}

static void draw_sidebar(app *a, const layout *l)
{
    if (!l->side_w)
        return;
    /* scrolled so that the current step is always in view */
    size_t first = 0, room = l->body_h > 1 ? (size_t)(l->body_h - 1) : 1;
    if (a->step >= first + room)
        first = a->step - room + 1;
    for (size_t i = first; i < a->steps->count && i - first < room; i++) {
        int y = l->body_y + 1 + (int)(i - first);
        const char *state = app_step_state(a, i);
        int current = i == a->step;
        int done = strcmp(state, "done") == 0;
        int attention = app_step_needs_attention(a, i);
        /* passed, but the plan does not meet the step's rule yet */
        int rule = ajar_checklist_index(a->steps->items[i].id);
        int unmet = done && rule >= 0 && a->findings && !a->findings->fulfilled[rule];
        const char *mark = current     ? "▸"
                           : attention ? "!"
                           : unmet     ? "○"
                           : done      ? "✓"
                           : strcmp(state, "skipped") == 0 ? "–"
                                                           : " ";
        int attr = current ? tui_attr(ROLE_CURRENT) : 0;
        tui_fill(y, 0, l->side_w - 1, attr);
        tui_puts(y, 1, mark, 1,
                 current ? attr : tui_attr(attention ? ROLE_ATTENTION : done ? ROLE_DONE : ROLE_TODO));
        tui_puts(y, 3, a->steps->items[i].title, l->side_w - 4, attr);
    }
    tui_vline(l->body_y, l->side_w - 1, l->body_h, tui_attr(ROLE_FRAME));
    /* what the marks mean, when there is room */
    int legend = l->body_y + (int)(a->steps->count - first) + 2;
    if (legend + 2 < l->body_y + l->body_h) {
        tui_puts(legend, 1, "✓ done  ○ not met yet", l->side_w - 2, tui_attr(ROLE_EXAMPLE));
        if (legend + 3 < l->body_y + l->body_h)
            tui_puts(legend + 1, 1, "! look again", l->side_w - 2, tui_attr(ROLE_EXAMPLE));
    }
}

/* Text written with line breaks for a given width, made to flow again:
 * single line breaks become spaces, blank lines (paragraphs) stay. */
char *tui_reflow(const char *s)
{
    /* a line break after a long line was made to fit a width: it goes; one
     * after a short line (a list, a signature) is meant: it stays */
    char *out = strdup(s);
    size_t line_start = 0;
    for (size_t i = 0; out && out[i]; i++) {
        if (out[i] != '\n')
            continue;
        size_t cols = ajar_utf8_width(out + line_start, i - line_start);
        if (out[i + 1] != '\n' && out[i + 1] && i > 0 && out[i - 1] != '\n' && cols >= 48)
            out[i] = ' ';
        else
            line_start = i + 1;
    }
    return out;
}

/* The line about timing shown on the step about promptness. */
static char *timing_line(const app *a)
{
    ajar_date made, due;
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "");
    if (ajar_date_parse(ajar_draft_string(a->draft, "offer.made_on") ?
                            ajar_draft_string(a->draft, "offer.made_on") : "", &made)) {
        long d = ajar_date_diff(made, a->today);
        if (d == 0)
            ajar_strbuf_puts(&b, "The offer came today.");
        else if (d > 0)
            ajar_strbuf_printf(&b, "The offer came %ld day%s ago.", d, d == 1 ? "" : "s");
    }
    if (ajar_date_parse(ajar_draft_string(a->draft, "offer.respond_by") ?
                            ajar_draft_string(a->draft, "offer.respond_by") : "", &due)) {
        long d = ajar_date_diff(a->today, due);
        if (b.len)
            ajar_strbuf_putc(&b, ' ');
        if (d < 0)
            ajar_strbuf_printf(&b, "The answer was due %ld day%s ago: send it today.", -d,
                               d == -1 ? "" : "s");
        else if (d == 0)
            ajar_strbuf_puts(&b, "The answer is due today.");
        else
            ajar_strbuf_printf(&b, "The answer is due in %ld day%s.", d, d == 1 ? "" : "s");
    }
    if (b.len)
        ajar_strbuf_puts(&b, " Once you have decided, tell them now: they are waiting.");
    return ajar_strbuf_take(&b);
}

/* The step's header (title, rule, timing): drawn when draw is set; returns its rows. */
static int header(app *a, const layout *l, int draw, int scroll)
{
    const ajar_step *s = &a->steps->items[a->step];
    int y = l->body_y - scroll, rows = 0;
    if (a->sub.questions) {
        const ajar_question *q = &a->form.questions[a->sub_of];
        char *t = ajar_asprintf("%s: %s", s->title, q->item_label[0] ? q->item_label : "entry");
        if (draw && y >= l->body_y)
            tui_puts(y, l->main_x, t ? t : "", l->main_w, tui_attr(ROLE_TITLE));
        free(t);
        if (draw && y + 1 >= l->body_y)
            tui_puts(y + 1, l->main_x,
                     "Enter on the last question or F4 goes back to the list.", l->main_w,
                     tui_attr(ROLE_HINT));
        return 3;
    }
    char *t = ajar_asprintf("%s   (step %zu of %zu)", s->title, a->step + 1, a->steps->count);
    if (draw && y >= l->body_y)
        tui_puts(y, l->main_x, t ? t : s->title, l->main_w, tui_attr(ROLE_TITLE));
    free(t);
    rows = 2;
    char *rule = tui_reflow(s->rule);
    int at = rows - scroll;
    int r = !rule ? 0
            : draw ? tui_put_wrapped(l->body_y + (at > 0 ? at : 0), l->main_x, rule, l->main_w,
                                     at < 0 ? -at : 0, l->body_h - (at > 0 ? at : 0),
                                     tui_attr(ROLE_RULE))
                   : (int)ajar_wrap(rule, strlen(rule), (size_t)l->main_w, NULL, 0);
    free(rule);
    rows += r + 1;
    if (strcmp(s->id, "prompt") == 0 || s->review) {
        char *timing = timing_line(a);
        if (timing && timing[0]) {
            at = rows - scroll;
            int n = (int)ajar_wrap(timing, strlen(timing), (size_t)l->main_w, NULL, 0);
            if (draw && at + n > 0)
                tui_put_wrapped(l->body_y + (at > 0 ? at : 0), l->main_x, timing, l->main_w,
                                at < 0 ? -at : 0, l->body_h - (at > 0 ? at : 0),
                                tui_attr(ROLE_ATTENTION));
            rows += n + 1;
        }
        free(timing);
    }
    return rows;
}

static void draw_preview(app *a, const layout *l)
{
    if (!l->prev_w)
        return;
    int x = l->prev_x, w = l->prev_w, y = l->body_y;
    if (l->main_w)
        tui_vline(l->body_y, x - 2, l->body_h, tui_attr(ROLE_FRAME));
    tui_puts(y, x, "The letter as it stands", w, tui_attr(ROLE_TITLE));
    const ajar_output *o = app_preview(a);
    if (!o) {
        tui_put_wrapped(y + 2, x, a->preview_error ? a->preview_error : "The letter cannot be shown.",
                        w, 0, l->body_h - 2, tui_attr(ROLE_ERROR));
        return;
    }
    char *text = ajar_asprintf("Subject: %s\n\n%s", o->subject, o->letter);
    if (text) {
        int total = (int)ajar_wrap(text, strlen(text), (size_t)w, NULL, 0);
        if (a->preview_scroll > total - (l->body_h - 2))
            a->preview_scroll = total - (l->body_h - 2) > 0 ? total - (l->body_h - 2) : 0;
        tui_put_wrapped(y + 2, x, text, w, a->preview_scroll, l->body_h - 2, tui_attr(ROLE_PREVIEW));
        if (total > l->body_h - 2)
            tui_puts(y, x + w - 12, a->preview_scroll ? " ⇧↑ ⇧↓ more" : "   ⇧↓ more", 12,
                     tui_attr(ROLE_HINT));
    }
    free(text);
}

static void draw_main(app *a, const layout *l)
{
    if (!l->main_w)
        return;
    form *f = a->sub.questions ? &a->sub : &a->form;
    const ajar_step *s = &a->steps->items[a->step];
    int head = header(a, l, 0, 0);
    if (s->review && !a->sub.questions) {
        a->scroll = 0;
        header(a, l, 1, 0);
        review_draw(a, l->body_y + head, l->main_x, l->main_w, l->body_h - head);
        return;
    }
    /* keep the focused question in view */
    int top = head + form_row_of(f, a, l->main_w, f->focus);
    int bottom = head + (f->focus + 1 < f->count ? form_row_of(f, a, l->main_w, f->focus + 1)
                                                 : form_height(f, a, l->main_w));
    if (bottom - a->scroll > l->body_h)
        a->scroll = bottom - l->body_h;
    if (top < a->scroll || bottom - top > l->body_h)
        a->scroll = top;
    if (f->focus == 0 && top - head == 0 && bottom <= l->body_h)
        a->scroll = 0;
    header(a, l, 1, a->scroll);
    int y = l->body_y + (head - a->scroll > 0 ? head - a->scroll : 0);
    int skip = a->scroll > head ? a->scroll - head : 0;
    int rows = l->body_y + l->body_h - y;
    form_draw(f, a, y, l->main_x, l->main_w, rows, skip);
    int end = head + form_height(f, a, l->main_w) - a->scroll;
    if (s->example[0] && !a->sub.questions && end + 2 < l->body_h) {
        char *flow = tui_reflow(s->example);
        char *ex = flow ? ajar_asprintf("For example: %s", flow) : NULL;
        free(flow);
        if (ex)
            tui_put_wrapped(l->body_y + end, l->main_x, ex, l->main_w, 0, l->body_h - end,
                            tui_attr(ROLE_EXAMPLE));
        free(ex);
    }
}

/* The keys that work here, most useful first, as many as fit. */
static void draw_keybar(const app *a, const layout *l)
{
    int y = l->rows - 1;
    tui_fill(y, 0, l->cols, tui_attr(ROLE_KEYBAR));
    const form *f = a->sub.questions ? &a->sub : &a->form;
    const ajar_question *q = f->questions && f->focus < f->count ? &f->questions[f->focus] : NULL;
    const char *keys[16][2];
    size_t n = 0;
    int review = a->steps->items[a->step].review && !a->sub.questions;
#define KEY(k, what) (keys[n][0] = (k), keys[n][1] = (what), n++)
    if (review) {
        KEY("←→", "tabs");
        KEY("↑↓", "scroll");
        KEY("F5", "export");
    } else if (q && (q->kind == AJAR_FK_CONTACTS || q->kind == AJAR_FK_REFERRALS)) {
        KEY("Enter", "open");
        KEY("a", "add");
        KEY("Del", "remove");
        if (q->kind == AJAR_FK_CONTACTS)
            KEY("o", "made the offer");
    } else if (q && q->kind == AJAR_FK_CHOICE) {
        KEY("↑↓", "move");
        KEY("Space", "choose");
    } else if (q && q->kind == AJAR_FK_YESNO) {
        KEY("Space", "yes/no");
    } else if (q && (q->kind == AJAR_FK_DATE || q->kind == AJAR_FK_DATETIME)) {
        KEY("t", "today");
    } else if (q && q->kind == AJAR_FK_TEXT) {
        KEY("Ctrl-J", "new line");
        KEY("Ctrl-E", "editor");
    } else if (q && q->kind == AJAR_FK_PHRASES) {
        KEY("Enter", "new phrase");
    }
    if (a->sub.questions)
        KEY("F4", "back to list");
    if (!review) {
        KEY("Tab", "next");
        KEY("PgDn", "next step");
    }
    KEY("F1", "help");
    KEY("Ctrl-Q", "quit");
    KEY("PgUp", "back");
    KEY("F3", "steps");
    KEY("F2", "preview");
#undef KEY
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        int need = (int)(ajar_utf8_width(keys[i][0], strlen(keys[i][0])) +
                         ajar_utf8_width(keys[i][1], strlen(keys[i][1]))) + 4;
        if (x + need > l->cols)
            break;
        x += tui_puts(y, x, i ? "  " : " ", 2, tui_attr(ROLE_KEYBAR));
        x += tui_puts(y, x, keys[i][0], l->cols - x, tui_attr(ROLE_KEY));
        x += tui_puts(y, x, " ", 1, tui_attr(ROLE_KEYBAR));
        x += tui_puts(y, x, keys[i][1], l->cols - x, tui_attr(ROLE_KEYBAR));
    }
}

static void draw_too_small(const layout *l)
{
    const char *msg = "Please enlarge the terminal (at least 40×10).";
    tui_put_wrapped(0, 0, msg, l->cols, 0, l->rows, tui_attr(ROLE_ATTENTION));
}

void wizard_draw(app *a)
{
    layout l = compute(a);
    if (l.cols < MIN_COLS || l.rows < MIN_ROWS) {
        draw_too_small(&l);
        return;
    }
    draw_title(a, &l);
    draw_sidebar(a, &l);
    draw_main(a, &l);
    draw_preview(a, &l);
    if (a->status)
        tui_puts(l.rows - 2, 1, a->status, l.cols - 2,
                 tui_attr(a->status_error ? ROLE_ERROR : ROLE_HINT));
    draw_keybar(a, &l);
}

void wizard_draw_quit(app *a)
{
    (void)a;
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    const char *q = " Quit ajar? Your answers are saved.  y: quit   n: stay ";
    if ((int)ajar_utf8_width(q, strlen(q)) > cols)
        q = " Quit? Answers are saved. y / n ";
    int w = (int)ajar_utf8_width(q, strlen(q));
    if (w > cols)
        w = cols;
    int x = (cols - w) / 2, y = rows / 2;
    /* a band of its own, so nothing of the screen behind runs into it */
    tui_fill(y - 1, x, w, tui_attr(ROLE_CURRENT));
    tui_fill(y + 1, x, w, tui_attr(ROLE_CURRENT));
    tui_fill(y, x, w, tui_attr(ROLE_CURRENT));
    tui_puts(y, x, q, w, tui_attr(ROLE_CURRENT));
}

/* ---- keys ---------------------------------------------------------------------------- */

/* Commits the focused question of the active form; 0 when it was refused
 * (the status line then says so: the move the user asked for did not happen). */
static int commit(app *a)
{
    form *f = a->sub.questions ? &a->sub : &a->form;
    if (form_commit(f, a))
        return 1;
    app_status(a, 1, "This answer cannot be kept as it is: fix it, or Esc to undo the change.");
    return 0;
}

static void go_step(app *a, long delta)
{
    if (!commit(a))
        return;
    if (delta > 0)
        mark_done(a);
    long to = (long)a->step + delta;
    if (to < 0 || to >= (long)a->steps->count) {
        app_status(a, 0, delta > 0 ? "This is the last step." : "This is the first step.");
        return;
    }
    if (app_open_step(a, (size_t)to))
        app_status(a, 0, "%s", a->steps->items[a->step].title);
}

static void move_focus(app *a, int delta)
{
    form *f = a->sub.questions ? &a->sub : &a->form;
    if (!commit(a) || f->count == 0)
        return;
    if (delta > 0 && f->focus + 1 < f->count)
        f->focus++;
    else if (delta < 0 && f->focus > 0)
        f->focus--;
    else if (delta > 0)
        app_status(a, 0, a->sub.questions ? "That was the last question here: F4 goes back to the list."
                                          : "That was the last question of this step: PgDn goes on.");
    else
        app_status(a, 0, a->sub.questions ? "This is the first question here."
                                          : "This is the first question: PgUp goes to the step before.");
}

void wizard_key(app *a, const tui_event *ev)
{
    form *f = a->sub.questions ? &a->sub : &a->form;
    if (a->overlay == OV_QUIT) {
        if (ev->kind == EV_CHAR && (ev->text[0] == 'y' || ev->text[0] == 'Y')) {
            app_commit_or_keep(a);
            a->quit = 1;
        }
        a->overlay = OV_NONE;
        return;
    }
    layout l = compute(a);
    if (!l.main_w && l.prev_w) {
        /* the preview in place of the questions: keys scroll it, typing
         * goes nowhere (F2 brings the questions back) */
        int key = ev->kind == EV_KEY ? ev->key : 0;
        if (key == KEY_DOWN || key == KEY_SF) {
            a->preview_scroll++;
            return;
        }
        if (key == KEY_UP || key == KEY_SR) {
            a->preview_scroll = a->preview_scroll > 0 ? a->preview_scroll - 1 : 0;
            return;
        }
        if (key == KEY_HOME) {
            a->preview_scroll = 0;
            return;
        }
        if (ev->kind == EV_CHAR || ev->kind == EV_PASTE || key == '\t' || key == KEY_BTAB ||
            key == '\r' || key == KEY_BACKSPACE || key == KEY_DC || key == 27) {
            app_status(a, 0, "This is the letter as it stands; F2 goes back to the questions.");
            return;
        }
    } else if (l.prev_w && ev->kind == EV_KEY && (ev->key == KEY_SF || ev->key == KEY_SR)) {
        /* Shift-Down / Shift-Up scroll the preview beside the questions */
        a->preview_scroll += ev->key == KEY_SF ? 1 : (a->preview_scroll > 0 ? -1 : 0);
        return;
    }
    tui_request r = tui_global_request(ev, form_in_text(f));
    switch (r) {
    case REQ_QUIT:
        app_commit_or_keep(a);
        a->quit = 1;
        return;
    case REQ_HELP:
        a->overlay = OV_HELP;
        a->help_scroll = 0;
        return;
    case REQ_NEXT_STEP:
        go_step(a, 1);
        return;
    case REQ_PREV_STEP:
        go_step(a, -1);
        return;
    case REQ_SAVE:
        if (commit(a) && app_save(a))
            app_status(a, 0, "Saved to %s", a->path);
        return;
    case REQ_PREVIEW:
        a->preview_toggle = !a->preview_toggle;
        return;
    case REQ_EDITOR:
        if (form_in_text(f))
            editor_edit(a, f);
        return;
    case REQ_EXPORT:
        if (commit(a))
            export_open(a);
        return;
    case REQ_STEPS:
        if (commit(a))
            step_menu_open(a);
        return;
    case REQ_NEXT_FIELD:
    case REQ_PREV_FIELD:
        if (a->steps->items[a->step].review && !a->sub.questions)
            break; /* the review's tabs */
        if (ev->kind == EV_KEY && (ev->key == '\t' || ev->key == KEY_BTAB)) {
            move_focus(a, r == REQ_NEXT_FIELD ? 1 : -1);
            return;
        }
        break; /* Up and Down: the question may use them first */
    default:
        break;
    }
    if (ev->kind == EV_KEY && ev->key == CTRL('c')) {
        a->overlay = OV_QUIT;
        return;
    }
    if (ev->kind == EV_KEY && ev->key == CTRL('z')) {
        tui_suspend();
        return;
    }
    if (a->sub.questions && ev->kind == EV_KEY && ev->key == KEY_F(4)) {
        list_close_entry(a);
        return;
    }
    if (a->steps->items[a->step].review && !a->sub.questions) {
        review_key(a, ev);
        return;
    }
    int flags = KEY_IGNORED;
    const ajar_question *q = f->focus < f->count ? &f->questions[f->focus] : NULL;
    /* a one-line field already being edited, with nothing said under it:
     * an editing key changes its text and nothing else on screen */
    int one_line = q && (q->kind == AJAR_FK_LINE || q->kind == AJAR_FK_DATE ||
                         q->kind == AJAR_FK_DATETIME || q->kind == AJAR_FK_MONTHS);
    int was_clean = one_line && f->fields[f->focus].dirty && !f->fields[f->focus].error;
    char *status_before = a->status ? strdup(a->status) : NULL;
    if (!a->sub.questions && q && (q->kind == AJAR_FK_CONTACTS || q->kind == AJAR_FK_REFERRALS))
        flags = list_key(a, ev);
    else
        flags = form_key(f, a, ev, compute(a).main_w - 2);
    if (flags == KEY_HANDLED && was_clean && f->fields[f->focus].dirty &&
        !f->fields[f->focus].error && ev->kind != EV_PASTE &&
        ((!status_before && !a->status) ||
         (status_before && a->status && strcmp(status_before, a->status) == 0)))
        a->only_line = 1;
    free(status_before);
    if (flags & (KEY_COMMIT | KEY_COMMIT_NEXT)) {
        if (!form_commit(f, a))
            return;
        if (flags & KEY_COMMIT_NEXT) {
            if (f->focus + 1 < f->count)
                f->focus++;
            else if (a->sub.questions)
                list_close_entry(a);
            else
                go_step(a, 1);
        }
        return;
    }
    if (flags != KEY_IGNORED)
        return;
    if (ev->kind == EV_KEY && (ev->key == KEY_DOWN || ev->key == KEY_UP))
        move_focus(a, ev->key == KEY_DOWN ? 1 : -1);
    else if (ev->kind == EV_KEY && ev->key == 27 && a->sub.questions)
        list_close_entry(a);
}
