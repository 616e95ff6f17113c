/* tui.h — the wizard's insides: events, requests, colour roles, the app state, and each screen's trio. */
#ifndef AJAR_TUI_H
#define AJAR_TUI_H

#include <stddef.h>

#include <curses.h>

#include "ajar/draft.h"
#include "ajar/edit.h"
#include "ajar/render.h"
#include "ajar/steps.h"
#include "ajar/store.h"

/* ---- events: what the terminal (or a key script) delivers ------------------------ */

typedef enum tui_event_kind {
    EV_NONE,   /* nothing within the timeout */
    EV_CHAR,   /* a typed character: text holds its UTF-8 */
    EV_KEY,    /* a special key: key holds a KEY_* or a control code (1..31, 127) */
    EV_PASTE,  /* pasted text (bracketed paste): text holds all of it */
    EV_RESIZE, /* the terminal changed size */
    EV_END     /* the key script ended, or the terminal went away */
} tui_event_kind;

typedef struct tui_event {
    tui_event_kind kind;
    int key;
    char *text; /* EV_CHAR, EV_PASTE: owned by the event */
} tui_event;

/* Control codes by letter: CTRL('q') == 17. */
#undef CTRL
#define CTRL(c) ((c) & 0x1f)
/* Our own key codes, above curses' KEY_MAX: the brackets of a paste. */
#define TUI_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define TUI_KEY_PASTE_END (KEY_MAX + 2)

/* ---- requests: what a key means, whatever the key (the tig way) ------------------- */

/* X(name, keys shown in help, what it does). */
#define TUI_REQUESTS(X)                                                   \
    X(REQ_NONE, "", "")                                                   \
    X(REQ_QUIT, "Ctrl-Q", "quit; every answer is already saved")         \
    X(REQ_HELP, "F1 ?", "help for this step and the keys")               \
    X(REQ_NEXT_STEP, "PgDn Ctrl-N", "next step")                         \
    X(REQ_PREV_STEP, "PgUp Ctrl-P", "previous step")                     \
    X(REQ_NEXT_FIELD, "Tab Down", "next question")                       \
    X(REQ_PREV_FIELD, "Shift-Tab Up", "previous question")               \
    X(REQ_SAVE, "Ctrl-S", "save now (every answer is saved anyway)")     \
    X(REQ_EDITOR, "Ctrl-E", "write a long answer in $EDITOR")            \
    X(REQ_PREVIEW, "F2", "show or hide the letter preview")              \
    X(REQ_STEPS, "F3", "jump to a step from the list")                   \
    X(REQ_EXPORT, "F5", "export the letter, scripts or plan")

typedef enum tui_request {
#define X(name, keys, help) name,
    TUI_REQUESTS(X)
#undef X
        REQ_COUNT
} tui_request;

/* The keys and help text of a request. */
const char *tui_request_keys(tui_request r);
const char *tui_request_help(tui_request r);

/* The request of a key that means the same everywhere (quit, help, step
 * moves ...), or REQ_NONE for keys the focused field gets first. `in_text`
 * is 1 while a text field has the focus: then '?' is a character. */
tui_request tui_global_request(const tui_event *ev, int in_text);

/* ---- colour roles (htop's way: one table, a monochrome fallback) ----------------- */

/* X(name, foreground, background, attributes with colour, attributes without). */
#define TUI_ROLES(X)                                                              \
    X(ROLE_NORMAL, -1, -1, 0, 0)                                                  \
    X(ROLE_TITLE, COLOR_CYAN, -1, A_BOLD, A_BOLD)                                 \
    X(ROLE_RULE, -1, -1, 0, 0)                                                    \
    X(ROLE_LABEL, -1, -1, A_BOLD, A_BOLD)                                         \
    X(ROLE_FIELD, -1, -1, A_UNDERLINE, A_UNDERLINE)                               \
    X(ROLE_FOCUS, COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE)                          \
    X(ROLE_HINT, COLOR_YELLOW, -1, 0, A_DIM)                                      \
    X(ROLE_EXAMPLE, -1, -1, A_DIM, A_DIM)                                         \
    X(ROLE_DONE, COLOR_GREEN, -1, 0, 0)                                           \
    X(ROLE_TODO, -1, -1, 0, 0)                                                    \
    X(ROLE_CURRENT, COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD)          \
    X(ROLE_ATTENTION, COLOR_YELLOW, -1, A_BOLD, A_BOLD)                           \
    X(ROLE_ERROR, COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE)                      \
    X(ROLE_OK, COLOR_GREEN, -1, A_BOLD, A_BOLD)                                   \
    X(ROLE_KEYBAR, -1, -1, A_REVERSE, A_REVERSE)                                  \
    X(ROLE_KEY, COLOR_BLACK, COLOR_CYAN, A_BOLD, A_BOLD)                          \
    X(ROLE_FRAME, COLOR_BLUE, -1, 0, 0)                                           \
    X(ROLE_PREVIEW, -1, -1, 0, 0)

typedef enum tui_role {
#define X(name, fg, bg, attr, mono) name,
    TUI_ROLES(X)
#undef X
        ROLE_COUNT
} tui_role;

/* ---- the terminal (term.c) ------------------------------------------------------- */

/* Starts curses on the terminal, or for a key script on a terminal of
 * `cols` x `rows` that is never shown. Installs the restore that runs on
 * every exit (atexit) and on crash signals. Returns 0 with a message in
 * *why when there is no usable terminal. */
int tui_term_start(int scripted, int cols, int rows, const char **why);

/* Restores the terminal (idempotent; safe to call from any exit path). */
void tui_term_stop(void);

/* Ctrl-Z: gives the terminal back and stops the process (SIGTSTP); on
 * `fg` the screen comes back as it was. Nothing in script mode. */
void tui_suspend(void);

/* The curses attributes of a colour role. */
int tui_attr(tui_role role);

/* ---- input (input.c) ------------------------------------------------------------- */

/* Opens the key source: the script named by AJAR_SCRIPT when set (a copy of
 * the path in *script_path), else the keyboard. 0 with a message in *why
 * when the script cannot be read. */
int tui_input_open(const char **why);

/* Waits up to timeout_ms (-1: forever) for the next event and fills *ev
 * (free its text with tui_event_clear). Script commands (":dump FILE") are
 * run here, between events. */
void tui_input_next(tui_event *ev, int timeout_ms);

void tui_event_clear(tui_event *ev);

/* 1 when the keys come from a script. */
int tui_input_scripted(void);

void tui_input_close(void);

/* ---- screen dumps (dump.c) -------------------------------------------------------- */

/* Writes the screen as it is now, as UTF-8 text (one line per row, trailing
 * spaces removed), to `path`. Returns 0 on failure. */
int tui_dump_screen(const char *path);

/* ---- drawing helpers (draw.c) ----------------------------------------------------- */

/* Writes s (UTF-8) at y, x in at most `width` columns; returns the columns
 * used. Control characters are shown as "?" so no escape reaches the terminal. */
int tui_put(int y, int x, const char *s, size_t len, int width, int attr);

/* tui_put for a NUL-terminated string. */
int tui_puts(int y, int x, const char *s, int width, int attr);

/* Fills `width` columns at y, x with spaces in attr. */
void tui_fill(int y, int x, int width, int attr);

/* Draws a vertical frame line "│" of `rows` rows down from (y, x) in
 * attribute attr, cut at the screen's edge. */
void tui_vline(int y, int x, int rows, int attr);

/* Writes s wrapped to `width` columns from row y, showing at most `max_rows`
 * rows after skipping `skip` wrapped rows; returns the rows the whole text
 * takes. */
int tui_put_wrapped(int y, int x, const char *s, int width, int skip, int max_rows, int attr);

/* tui_put_wrapped for laid-out text (a plan, a script): a wrapped line's
 * continuation rows line up under its text, past its indentation and a
 * short "Label:" at its start. Returns the rows the whole text takes. */
int tui_put_hanging(int y, int x, const char *s, int width, int skip, int max_rows, int attr);

#endif
