/* app.h — the wizard's state, and the screens and widgets that draw it and take its keys. */
#ifndef AJAR_TUI_APP_H
#define AJAR_TUI_APP_H

#include "ajar/check.h"
#include "ajar/date.h"
#include "ajar/export.h"
#include "tui.h"

/* What a widget did with a key (htop's handler flags). */
enum {
    KEY_IGNORED = 0,    /* not for me: let the screen have it */
    KEY_HANDLED = 1,    /* done; redraw */
    KEY_COMMIT = 2,     /* commit the answer and stay */
    KEY_COMMIT_NEXT = 4 /* commit the answer and go to the next question */
};

/* The editing state of one question on screen. */
typedef struct field_state {
    ajar_edit edit;   /* text-like questions: the text being typed */
    size_t choice;    /* choice questions: the chosen one (count: none yet) */
    size_t hover;     /* choice questions: the one under the cursor */
    size_t item;      /* contacts and referrals: the highlighted entry */
    int dirty;        /* changed since it was loaded or committed */
    int confirm_delete; /* contacts and referrals: Delete pressed once */
    char *error;      /* why the last commit was refused, or NULL */
} field_state;

/* A form: questions whose answers live under a path prefix of the draft
 * ("" for a step, "contacts[2]." for one contact). */
typedef struct form {
    const ajar_question *questions;
    size_t count;
    char *prefix;
    field_state *fields;
    size_t focus;
} form;

/* Overlays drawn above the main screen. */
typedef enum tui_overlay { OV_NONE, OV_HELP, OV_QUIT, OV_EXPORT, OV_STEPS } tui_overlay;

/* The review step's tabs. */
typedef enum review_tab {
    TAB_LETTER, TAB_PHONE, TAB_VOICEMAIL, TAB_FOLLOWUPS, TAB_LINKEDIN, TAB_CHECK, TAB_COUNT
} review_tab;

/* The export dialog. */
typedef struct export_dialog {
    ajar_export_what what;
    ajar_export_format fmt;
    ajar_edit path;  /* where to write; proposed beside the draft */
    int row;         /* 0 part, 1 format, 2 file */
    int path_edited; /* the user changed the proposed path */
} export_dialog;

typedef struct app {
    char *data_dir;
    char *path;          /* the draft's file */
    ajar_draft *draft;
    ajar_lock *lock;
    ajar_steps *steps;
    ajar_renderer *renderer; /* NULL until first needed (app_renderer) */
    ajar_checker *checker;   /* NULL until first needed (app_findings) */
    char *renderer_error, *checker_error; /* why it could not be opened (not tried
                                           * again), or NULL */
    ajar_output *preview; /* the letter (and notes) as they are now; NULL until needed (app_preview) */
    unsigned preview_what; /* what of AJAR_OUT_* preview holds */
    char *preview_error;  /* why the preview could not be rendered, or NULL */
    ajar_check_result *findings; /* the tone check's last result, or NULL */
    int findings_stale;   /* the draft changed since: app_findings runs the check again */
    int steps_all;        /* every step read (1), or one failed (-1); 0 not tried */
    char *steps_error;    /* why one failed, or NULL */
    ajar_output *review;  /* everything, for the review step; NULL until needed */
    char *review_error;   /* why it could not be rendered, or NULL */
    review_tab tab;
    int review_scroll;
    size_t review_sel;    /* the selected finding on the check tab */
    export_dialog dialog;
    size_t menu_sel;      /* the highlighted step of the F3 list */
    ajar_date today;

    size_t step;         /* the step on screen */
    form form;           /* its questions */
    form sub;            /* one contact or referral being edited (sub.questions NULL: none) */
    size_t sub_of;       /* the question of `form` whose entry `sub` edits */
    int scroll;          /* first row of the main pane shown */
    int preview_toggle;  /* F2: the preview instead of (narrow) or beside (wide) the questions */
    int preview_scroll;
    tui_overlay overlay;
    int help_scroll;

    char *status;        /* the message on the status line */
    int status_error;
    int quit;
    int only_line;        /* the last key changed only the focused input's text */
} app;

/* ---- app.c ---------------------------------------------------------------------- */

/* Sets the status line (printf-style); `error` shows it as a problem. */
void app_status(app *a, int error, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Saves the draft now; returns 0 (with the reason on the status line) when
 * it could not be written. The answer stays in memory either way. */
int app_save(app *a);

/* Stores `value` (taken over) at `path` and saves; returns 0 with the
 * reason in *error (a new string) when the value is refused. */
int app_set(app *a, const char *path, cJSON *value, char **error);

/* Before leaving: commits the focused question, or when its text cannot be
 * an answer yet, keeps it in the recovery file (recover.c). */
void app_commit_or_keep(app *a);

/* After a change of the draft: the preview and review outputs are dropped
 * (rendered again when next shown) and the findings marked stale (checked
 * again when the user pauses, or when something needs them at once). */
void app_changed(app *a);

/* The renderer, opened on first use; NULL when the templates cannot be
 * read (the reason is then on the status line). */
ajar_renderer *app_renderer(app *a);

/* Renders `what` (AJAR_OUT_*) of the draft as it stands into *out (a new
 * output, the caller frees it), opening the renderer when needed; returns
 * 0 with why in *error (a new string; NULL only when memory ran out). */
int app_render(app *a, unsigned what, ajar_output **out, char **error);

/* The letter as the draft stands (with the LinkedIn notes once the check
 * has run), rendered now when it is not yet; NULL with the reason in
 * a->preview_error. */
const ajar_output *app_preview(app *a);

/* The tone check of the draft as it stands, run now when it is stale;
 * NULL when it cannot run. */
const ajar_check_result *app_findings(app *a);

/* Opens step i with its first question focused and records it in the
 * draft; 0 when the step's file has a problem (shown on the status line). */
int app_open_step(app *a, size_t i);

/* Reads every step not read yet (for what looks across steps: which step
 * asks a field), once; 0 when one cannot be read (the reason in
 * a->steps_error and on the status line): the others are read all the same. */
int app_steps_all(app *a);

/* ---- form.c --------------------------------------------------------------------- */

/* The full draft path of question q of form f ("contacts[2].email"): a new
 * string, NULL when memory runs out. */
char *form_path(const form *f, const ajar_question *q);

/* Sets up a form for questions[0..n) under `prefix` from the draft's answers. */
void form_open(form *f, app *a, const ajar_question *questions, size_t n, const char *prefix);
void form_close(form *f);

/* Loads the draft's answer of question i into its field state. */
void form_load(form *f, app *a, size_t i);

/* Commits the focused question if it changed; 0 when its answer was refused
 * (the reason is in its field state's error). */
int form_commit(form *f, app *a);

/* Gives a key to the focused question; returns KEY_* flags. */
int form_key(form *f, app *a, const tui_event *ev, int width);

/* Rows the form takes at `width`, and the row where question `q` starts. */
int form_height(form *f, app *a, int width);
int form_row_of(form *f, app *a, int width, size_t q);

/* Draws the form from row `top` of the pane at y, x (skipping `scroll`
 * rows), at most `rows` rows; places the cursor when a text field has the
 * focus. */
void form_draw(form *f, app *a, int y, int x, int width, int rows, int scroll);

/* 1 when the focused question takes typed text ('?' is then a character). */
int form_in_text(const form *f);

/* Where the text cursor goes after the last form_draw; -1 for none. */
extern int form_cursor_y, form_cursor_x;

/* Where the focused one-line input was drawn in the last full frame
 * (form_line_y -1: none), and a redraw of just that input there, for a key
 * that changed nothing but its text. */
extern int form_line_y, form_line_x, form_line_w;
void form_redraw_line(const form *f);

/* ---- list.c: the contacts and referrals editors ------------------------------------ */

/* The one-line summary of an entry of a contacts or referrals question:
 * "Tomás Ferreira — hiring manager · made the offer". Caller frees. */
char *form_entry_summary(const ajar_question *q, const cJSON *item);

/* Keys of a focused contacts or referrals question: moving through the
 * entries, adding, deleting, marking who made the offer, opening one. */
int list_key(app *a, const tui_event *ev);

/* Opens entry `item` of the focused list question in the sub-form. */
void list_open_entry(app *a, size_t item);

/* Closes the sub-form (after committing its focused question). */
void list_close_entry(app *a);

/* ---- screens ---------------------------------------------------------------------- */

/* Text written with hard line breaks, made to flow at any width: a break
 * after a long line goes, one after a short line (a list) stays. */
char *tui_reflow(const char *s);

/* The wizard's main screen: title, sidebar, step pane, preview, status, key bar. */
void wizard_draw(app *a);
void wizard_key(app *a, const tui_event *ev);

/* Ctrl-E: edits the focused text question in $VISUAL / $EDITOR. */
void editor_edit(app *a, form *f);

/* The question "quit?" after Ctrl-C. */
void wizard_draw_quit(app *a);

/* The start screen: lets the user pick a saved draft or start a new one.
 * Returns 1 with a new string in *path (and for a new letter the scenario
 * id in *scenario, else NULL), 0 when the user quits. */
int start_screen(app *a, char **path, const char **scenario);

/* The review step (review.c): tabs with every output and the check's
 * findings; F5 opens the export dialog. */
void review_draw(app *a, int y, int x, int width, int rows);
int review_key(app *a, const tui_event *ev);

/* The export dialog (export_dialog.c). */
void export_open(app *a);
void export_draw(app *a);
void export_key(app *a, const tui_event *ev);

/* recover.c: keeps the focused question's unsaved text in a file beside
 * the draft (when ajar is stopped by a signal and the text cannot be
 * saved as an answer), and offers it back when the draft is opened. */
void recover_save(app *a, const form *f);
void recover_offer(app *a);

/* F3: the list of steps (step_menu.c). */
void step_menu_open(app *a);
void step_menu_draw(app *a);
void step_menu_key(app *a, const tui_event *ev);

/* Opens the step and question where draft field `path` is asked. */
void app_goto_field(app *a, const char *path);

/* Step i's state in the draft ("done", "skipped", or "todo" when not
 * recorded), and whether it is done. */
const char *app_step_state(const app *a, size_t i);
int app_step_done(const app *a, size_t i);

/* 1 when v is an answer: not missing, null, "" or an empty list. */
int app_answered(const cJSON *v);

/* Marks contacts[item] as the one who made the offer and every other
 * contact as not (item -1: nobody), in the draft; the caller saves. */
void app_set_offer_maker(app *a, long item);

/* 1 when a finding of warning or worse concerns a field of step i. */
int app_step_needs_attention(app *a, size_t i);

/* The help overlay. */
void help_draw(app *a);
void help_key(app *a, const tui_event *ev);

#endif
