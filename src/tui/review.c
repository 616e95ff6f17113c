/* review.c — the last step: every output in tabs, the tone check's findings, and the way to export. */
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"
#include "ajar/utf8.h"
#include "app.h"

static const char *const TAB_NAMES[TAB_COUNT] = {"Letter",   "Phone",    "Voicemail",
                                                 "Follow-ups", "LinkedIn", "Check"};

/* Renders everything once per change of the draft. */
static const ajar_output *outputs(app *a)
{
    if (!a->review && !a->review_error)
        app_render(a, AJAR_OUT_ALL, &a->review, &a->review_error);
    return a->review;
}

/* The text of a tab other than the check. */
static char *tab_text(app *a, review_tab t)
{
    const ajar_output *o = outputs(a);
    if (!o)
        return strdup(a->review_error ? a->review_error : "out of memory");
    switch (t) {
    case TAB_LETTER:
        return ajar_asprintf("Subject: %s\n\n%s", o->subject, o->letter);
    case TAB_PHONE:
        return strdup(o->phone);
    case TAB_VOICEMAIL:
        return strdup(o->voicemail);
    case TAB_FOLLOWUPS:
        return strdup(o->followups_text);
    case TAB_LINKEDIN:
        return strdup(o->linkedin_text);
    default:
        return strdup("");
    }
}

/* The checklist summary and every finding, each as a block of lines; the
 * selected one is highlighted. Returns the rows used. */
static int draw_findings(app *a, int y, int x, int width, int rows)
{
    const ajar_check_result *r = app_findings(a);
    int row = 0;
    if (!r) {
        char *why = ajar_asprintf("The check could not run: %s",
                                  a->checker_error ? a->checker_error : "out of memory");
        int used = tui_put_wrapped(y, x, why ? why : "The check could not run.", width, 0, rows,
                                   tui_attr(ROLE_ERROR));
        free(why);
        return used < rows ? used : rows;
    }
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    size_t met = 0;
    for (size_t i = 0; i < AJAR_CHECKLIST_COUNT; i++)
        met += r->fulfilled[i] ? 1 : 0;
    ajar_strbuf_printf(&b, "The eight rules: %zu of %d met.", met, AJAR_CHECKLIST_COUNT);
    for (size_t i = 0; i < AJAR_CHECKLIST_COUNT; i++)
    {
        /* no break inside "✓ Be a resource": no-break spaces within */
        const char *t = ajar_checker_title(a->checker, i);
        ajar_strbuf_printf(&b, "%s%s\u00a0", i ? "  " : " ", r->fulfilled[i] ? "✓" : "✗");
        for (; t && *t; t++) {
            if (*t == ' ')
                ajar_strbuf_puts(&b, "\u00a0");
            else
                ajar_strbuf_putc(&b, *t);
        }
    }
    char *summary = ajar_strbuf_take(&b);
    if (summary)
        row += tui_put_wrapped(y, x, summary, width, 0, rows, tui_attr(ROLE_LABEL));
    free(summary);
    row++;
    if (r->n == 0 && row < rows)
        tui_puts(y + row++, x, "Nothing to fix: the letter and the plan look good.", width,
                 tui_attr(ROLE_OK));
    if (a->review_sel >= r->n)
        a->review_sel = r->n ? r->n - 1 : 0;
    /* keep the selected finding in view: skip whole findings before it */
    size_t first = a->review_sel > (size_t)(rows / 4) ? a->review_sel - (size_t)(rows / 4) : 0;
    for (size_t i = first; i < r->n && row < rows; i++) {
        const ajar_finding *f = &r->findings[i];
        int sel = i == a->review_sel;
        tui_role role = f->severity == AJAR_SEV_ERROR     ? ROLE_ERROR
                        : f->severity == AJAR_SEV_WARNING ? ROLE_ATTENTION
                                                          : ROLE_HINT;
        char *head = ajar_asprintf("%s %s", sel ? "▸" : " ", f->message);
        if (sel)
            tui_fill(y + row, x, width, tui_attr(ROLE_FOCUS));
        int used = tui_puts(y + row, x, ajar_severity_name(f->severity), 8, tui_attr(role));
        (void)used;
        int n = tui_put_wrapped(y + row, x + 9, head ? head : "", width - 9, 0, rows - row,
                                sel ? tui_attr(ROLE_FOCUS) : 0);
        free(head);
        row += n;
        if (f->suggestion && f->suggestion[0] && row < rows) {
            char *s = ajar_asprintf("→ %s", f->suggestion);
            row += tui_put_wrapped(y + row, x + 11, s ? s : "", width - 11, 0, rows - row,
                                   tui_attr(ROLE_HINT));
            free(s);
        }
    }
    return row;
}

void review_draw(app *a, int y, int x, int width, int rows)
{
    if (rows < 3 || width < 10)
        return;
    /* the tabs */
    int cx = x;
    for (int t = 0; t < TAB_COUNT; t++) {
        const ajar_check_result *found = t == TAB_CHECK ? app_findings(a) : NULL;
        char *label = found ? ajar_asprintf(" %s (%zu) ", TAB_NAMES[t], found->n)
                          : ajar_asprintf(" %s ", TAB_NAMES[t]);
        int on = (int)a->tab == t;
        cx += tui_puts(y, cx, label ? label : "", x + width - cx,
                       on ? tui_attr(ROLE_CURRENT) : tui_attr(ROLE_TODO));
        free(label);
    }
    tui_puts(y + 1, x, "←→ tabs   ↑↓ scroll   F5 export   Enter on a finding: go to it", width,
             tui_attr(ROLE_HINT));
    y += 3;
    rows -= 3;
    if (a->tab == TAB_CHECK) {
        draw_findings(a, y, x, width, rows);
        return;
    }
    char *text = tab_text(a, a->tab);
    if (!text)
        return;
    int total = tui_put_hanging(y, x, text, width, a->review_scroll, 0, 0);
    if (a->review_scroll > total - rows)
        a->review_scroll = total - rows > 0 ? total - rows : 0;
    tui_put_hanging(y, x, text, width, a->review_scroll, rows, tui_attr(ROLE_PREVIEW));
    free(text);
}

int review_key(app *a, const tui_event *ev)
{
    if (ev->kind == EV_CHAR && ev->text[0] >= '1' && ev->text[0] <= '6' && !ev->text[1]) {
        a->tab = (review_tab)(ev->text[0] - '1');
        a->review_scroll = 0;
        return KEY_HANDLED;
    }
    if (ev->kind == EV_CHAR && (strcmp(ev->text, "e") == 0 || strcmp(ev->text, "x") == 0)) {
        export_open(a);
        return KEY_HANDLED;
    }
    if (ev->kind != EV_KEY)
        return KEY_IGNORED;
    const ajar_check_result *found = app_findings(a);
    size_t n = found ? found->n : 0;
    switch (ev->key) {
    case KEY_LEFT:
        a->tab = a->tab == 0 ? TAB_COUNT - 1 : a->tab - 1;
        a->review_scroll = 0;
        return KEY_HANDLED;
    case KEY_RIGHT:
    case '\t':
        a->tab = (a->tab + 1) % TAB_COUNT;
        a->review_scroll = 0;
        return KEY_HANDLED;
    case KEY_BTAB:
        a->tab = a->tab == 0 ? TAB_COUNT - 1 : a->tab - 1;
        a->review_scroll = 0;
        return KEY_HANDLED;
    case KEY_UP:
        if (a->tab == TAB_CHECK)
            a->review_sel = a->review_sel > 0 ? a->review_sel - 1 : 0;
        else if (a->review_scroll > 0)
            a->review_scroll--;
        return KEY_HANDLED;
    case KEY_DOWN:
        if (a->tab == TAB_CHECK) {
            if (a->review_sel + 1 < n)
                a->review_sel++;
        } else {
            a->review_scroll++;
        }
        return KEY_HANDLED;
    case KEY_HOME:
        a->review_scroll = 0;
        a->review_sel = 0;
        return KEY_HANDLED;
    case '\r':
    case KEY_ENTER:
        if (a->tab == TAB_CHECK && a->review_sel < n && found->findings[a->review_sel].field) {
            char *field = strdup(found->findings[a->review_sel].field);
            if (field)
                app_goto_field(a, field);
            free(field);
        } else if (a->tab != TAB_CHECK) {
            export_open(a);
        }
        return KEY_HANDLED;
    default:
        return KEY_IGNORED;
    }
}
