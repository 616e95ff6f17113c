/* form_draw.c — laying out and drawing a form's questions; one function both measures and draws. */
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"
#include "ajar/utf8.h"
#include "app.h"

/* Rows are laid out from 0; those from `scroll` on, up to `rows` of them,
 * appear on screen from y. With draw 0 nothing is drawn, only counted. */
typedef struct pane {
    int y, x, width, rows, scroll;
    int row;  /* the next row to lay out */
    int draw;
    int cur_y, cur_x; /* where the text cursor goes, -1 for none */
} pane;

/* The screen row of the pane's current row, or -1 when it is not shown. */
static int at(const pane *p)
{
    int r = p->row - p->scroll;
    return p->draw && r >= 0 && r < p->rows ? p->y + r : -1;
}

/* Lays out wrapped text as rows. */
static void text_rows(pane *p, const char *s, int indent, int attr)
{
    size_t n = strlen(s);
    int w = p->width - indent;
    if (w < 1)
        w = 1;
    size_t count = ajar_wrap(s, n, (size_t)w, NULL, 0);
    ajar_wrap_line *lines = malloc(count * sizeof *lines);
    if (!lines)
        return;
    ajar_wrap(s, n, (size_t)w, lines, count);
    for (size_t i = 0; i < count; i++, p->row++) {
        int y = at(p);
        if (y >= 0)
            tui_put(y, p->x + indent, s + lines[i].start, lines[i].len, w, attr);
    }
    free(lines);
}

int form_line_y = -1, form_line_x, form_line_w;

/* The text of a one-line input at y, x in w columns, started late enough
 * that the cursor fits; places the text cursor when focused. */
static void draw_line_input(int y, int x, int w, const ajar_edit *e, int focused)
{
    int attr = focused ? tui_attr(ROLE_FOCUS) : tui_attr(ROLE_FIELD);
    tui_fill(y, x, w, attr);
    /* one pass: drop characters from the left while the text up to the
     * cursor is wider than the field */
    size_t start = 0, room = (size_t)(w > 1 ? w - 1 : 1);
    size_t before = e->text ? ajar_utf8_width(e->text, e->cursor) : 0;
    while (start < e->cursor && before >= room) {
        size_t cols;
        start += ajar_utf8_char_len(e->text + start, e->len - start, &cols);
        before -= cols < before ? cols : before;
    }
    tui_put(y, x, e->text ? e->text + start : "", e->len - start, w, attr);
    if (focused) {
        form_cursor_y = y;
        form_cursor_x = x + (int)before;
    }
}

void form_redraw_line(const form *f)
{
    if (form_line_y < 0 || !f->fields || f->focus >= f->count)
        return;
    draw_line_input(form_line_y, form_line_x, form_line_w, &f->fields[f->focus].edit, 1);
}

/* A one-row text field with the cursor kept in view. */
static void line_field(pane *p, const ajar_question *q, const field_state *st, int focused)
{
    int y = at(p);
    int w = p->width - 2;
    if (y >= 0) {
        int attr = focused ? tui_attr(ROLE_FOCUS) : tui_attr(ROLE_FIELD);
        tui_fill(y, p->x + 2, w, attr);
        const ajar_edit *e = &st->edit;
        if (e->len == 0 && q->example[0] && !focused) {
            char *ex = ajar_asprintf("e.g. %s", q->example);
            tui_puts(y, p->x + 2, ex ? ex : "", w, tui_attr(ROLE_EXAMPLE) | tui_attr(ROLE_FIELD));
            free(ex);
        } else {
            int cy = form_cursor_y, cx = form_cursor_x;
            draw_line_input(y, p->x + 2, w, e, focused);
            if (focused) {
                /* remembered, so a key that only edits this line redraws only it */
                p->cur_y = form_cursor_y;
                p->cur_x = form_cursor_x;
                form_line_y = y;
                form_line_x = p->x + 2;
                form_line_w = w;
            }
            form_cursor_y = cy;
            form_cursor_x = cx;
        }
    }
    p->row++;
}

/* A multi-line text field of 3 to 8 rows. */
static void box_field(pane *p, const ajar_question *q, const field_state *st, int focused)
{
    const ajar_edit *e = &st->edit;
    int w = p->width - 2;
    if (w < 1)
        w = 1;
    size_t count = ajar_wrap(e->text ? e->text : "", e->len, (size_t)w, NULL, 0);
    int h = (int)count + (focused ? 1 : 0);
    h = h < 3 ? 3 : h > 8 ? 8 : h;
    size_t crow = 0, ccol = 0;
    ajar_wrap_locate(e->text ? e->text : "", e->len, (size_t)w, e->cursor, &crow, &ccol);
    int top = (int)crow - h + 1 > 0 ? (int)crow - h + 1 : 0;
    ajar_wrap_line *lines = malloc(count * sizeof *lines);
    if (lines)
        ajar_wrap(e->text ? e->text : "", e->len, (size_t)w, lines, count);
    int attr = focused ? tui_attr(ROLE_FOCUS) : tui_attr(ROLE_FIELD);
    for (int r = 0; r < h; r++, p->row++) {
        int y = at(p);
        if (y < 0)
            continue;
        tui_fill(y, p->x + 2, w, attr);
        size_t li = (size_t)(top + r);
        if (e->len == 0 && r == 0 && q->example[0] && !focused) {
            char *ex = ajar_asprintf("e.g. %s", q->example);
            tui_puts(y, p->x + 2, ex ? ex : "", w, tui_attr(ROLE_EXAMPLE) | attr);
            free(ex);
        }
        else if (lines && li < count)
            tui_put(y, p->x + 2, e->text + lines[li].start, lines[li].len, w, attr);
        if (focused && li == crow) {
            p->cur_y = y;
            p->cur_x = p->x + 2 + (int)ccol;
        }
    }
    free(lines);
}

static void choice_field(pane *p, const ajar_question *q, const field_state *st, int focused)
{
    if (!focused) {
        int y = at(p);
        if (y >= 0) {
            const char *label = st->choice < q->nchoices ? q->choices[st->choice].label : NULL;
            if (label)
                tui_puts(y, p->x + 2, label, p->width - 2, tui_attr(ROLE_NORMAL));
            else
                tui_puts(y, p->x + 2, "(not chosen yet)", p->width - 2, tui_attr(ROLE_EXAMPLE));
        }
        p->row++;
        return;
    }
    for (size_t i = 0; i < q->nchoices; i++, p->row++) {
        int y = at(p);
        if (y < 0)
            continue;
        int on = i == st->choice, under = i == st->hover;
        tui_puts(y, p->x, under ? "▸" : " ", 1, tui_attr(ROLE_TITLE));
        tui_puts(y, p->x + 2, on ? "(•) " : "( ) ", 4, tui_attr(on ? ROLE_OK : ROLE_NORMAL));
        tui_puts(y, p->x + 6, q->choices[i].label, p->width - 6,
                 under ? tui_attr(ROLE_FOCUS) : tui_attr(ROLE_NORMAL));
        if (under) {
            p->cur_y = y;
            p->cur_x = p->x + 3;
        }
    }
}

static void yesno_field(pane *p, app *a, const form *f, const ajar_question *q, int focused)
{
    int y = at(p);
    if (y >= 0) {
        char *path = form_path(f, q);
        const cJSON *v = NULL;
        if (path)
            ajar_draft_get(a->draft, path, &v, NULL);
        free(path);
        int yes = cJSON_IsTrue(v), no = cJSON_IsFalse(v);
        int x = p->x + 2, end = p->x + p->width;
        x += tui_puts(y, x, yes ? "(•) " : "( ) ", end - x, tui_attr(yes ? ROLE_OK : ROLE_NORMAL));
        x += tui_puts(y, x, q->yes, end - x,
                      yes && focused ? tui_attr(ROLE_FOCUS) : tui_attr(ROLE_NORMAL));
        x += tui_puts(y, x, "   ", end - x, 0);
        x += tui_puts(y, x, no ? "(•) " : "( ) ", end - x, tui_attr(no ? ROLE_OK : ROLE_NORMAL));
        tui_puts(y, x, q->no, end - x, no && focused ? tui_attr(ROLE_FOCUS) : tui_attr(ROLE_NORMAL));
    }
    p->row++;
}

static void list_field(pane *p, app *a, const form *f, const ajar_question *q,
                       const field_state *st, int focused)
{
    char *path = form_path(f, q);
    const cJSON *list = NULL;
    if (path)
        ajar_draft_get(a->draft, path, &list, NULL);
    free(path);
    size_t n = (size_t)cJSON_GetArraySize(list), i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, list)
    {
        int y = at(p);
        if (y >= 0) {
            char *s = form_entry_summary(q, it);
            int sel = focused && st->item == i;
            tui_fill(y, p->x + 2, p->width - 2, sel ? tui_attr(ROLE_FOCUS) : 0);
            tui_puts(y, p->x + 2, s ? s : "", p->width - 2, sel ? tui_attr(ROLE_FOCUS) : 0);
            free(s);
        }
        p->row++;
        i++;
    }
    int y = at(p);
    if (y >= 0) {
        int sel = focused && st->item >= n;
        const char *what = q->item_label[0] ? q->item_label : "entry";
        char *s = ajar_asprintf("+ add a %s", what);
        tui_fill(y, p->x + 2, p->width - 2, sel ? tui_attr(ROLE_FOCUS) : 0);
        tui_puts(y, p->x + 2, s ? s : "+ add", p->width - 2,
                 sel ? tui_attr(ROLE_FOCUS) : tui_attr(ROLE_EXAMPLE));
        free(s);
    }
    p->row++;
}

/* The tone check's findings (warnings and worse) about this question's
 * field, under it; with the focus, their suggestions too. */
static void findings_of(pane *p, app *a, const form *f, const ajar_question *q,
                        const field_state *st, int focused)
{
    /* not while it is being typed, and not before the user has had a go:
     * an empty answer is only flagged once its step was passed */
    if (focused && st->dirty)
        return;
    char *path = form_path(f, q);
    const cJSON *v = NULL;
    if (path)
        ajar_draft_get(a->draft, path, &v, NULL);
    if (!app_answered(v) && !app_step_done(a, a->step)) {
        free(path);
        return;
    }
    size_t n = path ? strlen(path) : 0;
    for (size_t k = 0; path && a->findings && k < a->findings->n; k++) {
        const ajar_finding *fd = &a->findings->findings[k];
        if (fd->severity < AJAR_SEV_WARNING || !fd->field || strncmp(fd->field, path, n) != 0 ||
            (fd->field[n] && fd->field[n] != '[' && fd->field[n] != '.'))
            continue;
        char *m = ajar_asprintf("! %s", fd->message);
        text_rows(p, m ? m : "", 2, tui_attr(ROLE_ATTENTION));
        free(m);
        if (focused && fd->suggestion && fd->suggestion[0]) {
            m = ajar_asprintf("→ %s", fd->suggestion);
            text_rows(p, m ? m : "", 4, tui_attr(ROLE_HINT));
            free(m);
        }
    }
    free(path);
}

/* Lays out question i; returns nothing, advances p->row. */
static void question(pane *p, app *a, form *f, size_t i)
{
    const ajar_question *q = &f->questions[i];
    const field_state *st = &f->fields[i];
    int focused = i == f->focus;
    text_rows(p, q->label, 0, focused ? tui_attr(ROLE_LABEL) | tui_attr(ROLE_TITLE)
                                      : tui_attr(ROLE_LABEL));
    switch (q->kind) {
    case AJAR_FK_TEXT:
    case AJAR_FK_PHRASES:
        box_field(p, q, st, focused);
        break;
    case AJAR_FK_CHOICE:
        choice_field(p, q, st, focused);
        break;
    case AJAR_FK_YESNO:
        yesno_field(p, a, f, q, focused);
        break;
    case AJAR_FK_CONTACTS:
    case AJAR_FK_REFERRALS:
        list_field(p, a, f, q, st, focused);
        break;
    default:
        line_field(p, q, st, focused);
        break;
    }
    if (st->error)
        text_rows(p, st->error, 2, tui_attr(ROLE_ERROR));
    if (focused && q->hint[0])
        text_rows(p, q->hint, 2, tui_attr(ROLE_HINT));
    findings_of(p, a, f, q, st, focused);
}

static void lay_out(pane *p, app *a, form *f, size_t stop_at, int *row_of)
{
    for (size_t i = 0; i < f->count; i++) {
        if (i == stop_at && row_of) {
            *row_of = p->row;
            return;
        }
        question(p, a, f, i);
        p->row++; /* a blank row between questions */
    }
}

int form_height(form *f, app *a, int width)
{
    pane p = {0, 0, width, 0, 0, 0, 0, -1, -1};
    lay_out(&p, a, f, (size_t)-1, NULL);
    return p.row;
}

int form_row_of(form *f, app *a, int width, size_t q)
{
    pane p = {0, 0, width, 0, 0, 0, 0, -1, -1};
    int row = 0;
    lay_out(&p, a, f, q, &row);
    return row;
}

int form_cursor_y = -1, form_cursor_x = -1;

void form_draw(form *f, app *a, int y, int x, int width, int rows, int scroll)
{
    pane p = {y, x, width, rows, scroll, 0, 1, -1, -1};
    lay_out(&p, a, f, (size_t)-1, NULL);
    form_cursor_y = p.cur_y;
    form_cursor_x = p.cur_x;
}
