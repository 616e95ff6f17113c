/* term.c — starting curses and always giving the terminal back: normal exit, error or crash. */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui.h"

static int active, scripted_term, restore_registered;
static SCREEN *screen;
static FILE *null_out, *null_in;
static int role_attrs[ROLE_COUNT];

/* Bracketed paste: the terminal wraps pasted text in these, so a paste is
 * told apart from typing (newlines in it are not Enter). */
static const char PASTE_ON[] = "\033[?2004h", PASTE_OFF[] = "\033[?2004l";

void tui_term_stop(void)
{
    if (!active)
        return;
    active = 0;
    if (!scripted_term) {
        curs_set(1);
        fputs(PASTE_OFF, stdout);
        fflush(stdout);
    }
    endwin();
    if (scripted_term) {
        delscreen(screen);
        screen = NULL;
        fclose(null_out);
        fclose(null_in);
    }
}

/* A crash restores the terminal first, then dies as it would have. */
static void on_crash(int sig)
{
    tui_term_stop();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void set_roles(int colour)
{
    static const struct {
        short fg, bg;
        int attr, mono;
    } ROLES[] = {
#define X(name, fg, bg, attr, mono) {fg, bg, attr, mono},
        TUI_ROLES(X)
#undef X
    };
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (colour && (ROLES[i].fg != -1 || ROLES[i].bg != -1) && i < COLOR_PAIRS - 1) {
            init_pair((short)(i + 1), ROLES[i].fg, ROLES[i].bg);
            role_attrs[i] = COLOR_PAIR(i + 1) | ROLES[i].attr;
        } else {
            role_attrs[i] = colour ? ROLES[i].attr : ROLES[i].mono;
        }
    }
}

void tui_suspend(void)
{
    if (!active || scripted_term)
        return;
    /* raw mode makes Ctrl-Z a key: give the terminal back, stop as the
     * shell expects, and come back to the same screen on `fg` */
    def_prog_mode();
    fputs(PASTE_OFF, stdout);
    fflush(stdout);
    endwin();
    raise(SIGTSTP);
    reset_prog_mode();
    fputs(PASTE_ON, stdout);
    fflush(stdout);
    /* the shell wrote over the screen meanwhile: paint all of it again */
    clearok(curscr, TRUE);
    refresh();
}

int tui_attr(tui_role role)
{
    return role < ROLE_COUNT ? role_attrs[role] : 0;
}

int tui_term_start(int scripted, int cols, int rows, const char **why)
{
    /* Wide characters need a UTF-8 locale; fall back to C.UTF-8 for the
     * screen when the user's is not one (ajar's text is UTF-8 anyway). */
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    scripted_term = scripted;
    if (scripted) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d", rows);
        setenv("LINES", buf, 1);
        snprintf(buf, sizeof buf, "%d", cols);
        setenv("COLUMNS", buf, 1);
        const char *term = getenv("TERM");
        null_out = fopen("/dev/null", "w");
        null_in = fopen("/dev/null", "r");
        if (!null_out || !null_in) {
            *why = "cannot open /dev/null";
            return 0;
        }
        screen = newterm(term && term[0] ? term : "xterm", null_out, null_in);
        if (!screen)
            screen = newterm("xterm", null_out, null_in);
    } else {
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            *why = "the wizard needs a terminal; use 'ajar export' and 'ajar set' in scripts";
            return 0;
        }
        const char *term = getenv("TERM");
        if (!term || !term[0]) {
            *why = "TERM is not set, so the terminal's type is unknown";
            return 0;
        }
        screen = newterm(NULL, stdout, stdin);
    }
    if (!screen) {
        *why = "this terminal type is not known to curses (check TERM)";
        return 0;
    }
    set_term(screen);
    active = 1;
    if (!restore_registered) {
        atexit(tui_term_stop);
        static const int CRASH[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
        for (size_t i = 0; i < sizeof CRASH / sizeof *CRASH; i++)
            signal(CRASH[i], on_crash);
        restore_registered = 1;
    }
    raw(); /* Ctrl-Q, Ctrl-S and Ctrl-C reach us as keys */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    int colour = !getenv("NO_COLOR") && has_colors();
    if (colour) {
        start_color();
        use_default_colors(); /* keep the terminal's own background */
    }
    set_roles(colour);
    if (!scripted) {
        define_key("\033[200~", TUI_KEY_PASTE_BEGIN);
        define_key("\033[201~", TUI_KEY_PASTE_END);
        /* what terminals send for these keys when TERM names another
         * terminal (xterm's TERM inside tmux or screen, rxvt...) */
        static const struct {
            const char *seq;
            int key;
        } ALIASES[] = {
            {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME},
            {"\033OH", KEY_HOME},  {"\033[4~", KEY_END},  {"\033[8~", KEY_END},
            {"\033[F", KEY_END},   {"\033OF", KEY_END},   {"\033[3~", KEY_DC},
            {"\033[2~", KEY_IC},   {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
            {"\033[Z", KEY_BTAB},  {"\033[A", KEY_UP},    {"\033[B", KEY_DOWN},
            {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},  {"\033OA", KEY_UP},
            {"\033OB", KEY_DOWN},  {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
            {"\033OP", KEY_F(1)},  {"\033OQ", KEY_F(2)},  {"\033OR", KEY_F(3)},
            {"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)}, {"\033[13~", KEY_F(3)},
            {"\033[15~", KEY_F(5)}, {"\033[21~", KEY_F(10)}, {"\033[1;2A", KEY_SR},
            {"\033[1;2B", KEY_SF},
        };
        for (size_t i = 0; i < sizeof ALIASES / sizeof *ALIASES; i++)
            if (key_defined(ALIASES[i].seq) == 0)
                define_key(ALIASES[i].seq, ALIASES[i].key);
        fputs(PASTE_ON, stdout);
        fflush(stdout);
    }
    return 1;
}
