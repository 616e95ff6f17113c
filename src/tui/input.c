/* input.c — events from the keyboard, or from a key script (AJAR_SCRIPT) for tests, the tig way. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ajar/store.h"
#include "ajar/utf8.h"
#include "tui.h"

/* A key script is a text file read line by line:
 *   text and <Names>   keys: characters as typed, <Tab>, <Enter>, <C-q>, <F1> ...
 *   :dump FILE         write the screen as text to FILE
 *   :paste TEXT        paste TEXT (\n for a line break, \\ for a backslash)
 *   # ...              a comment
 * The line break at the end of a line is not a key: write <Enter>. */

typedef enum { TOK_CHAR, TOK_KEY, TOK_RESIZE, TOK_DUMP, TOK_PASTE } tok_kind;

typedef struct token {
    tok_kind kind;
    int key, cols, rows;
    char *text;
} token;

static token *tokens;
static size_t ntokens, next_token;
static int from_script;

static const struct {
    const char *name;
    int key;
} NAMES[] = {
    {"Tab", '\t'},          {"S-Tab", KEY_BTAB},   {"BTab", KEY_BTAB},
    {"Enter", '\r'},        {"Esc", 27},           {"Up", KEY_UP},
    {"Down", KEY_DOWN},     {"Left", KEY_LEFT},    {"Right", KEY_RIGHT},
    {"Home", KEY_HOME},     {"End", KEY_END},      {"PgUp", KEY_PPAGE},
    {"PgDn", KEY_NPAGE},    {"Backspace", KEY_BACKSPACE},
    {"BS", KEY_BACKSPACE},  {"Del", KEY_DC},       {"Ins", KEY_IC},
};

static int add_token(token t)
{
    token *grown = realloc(tokens, (ntokens + 1) * sizeof *tokens);
    if (!grown) {
        free(t.text);
        return 0;
    }
    tokens = grown;
    tokens[ntokens++] = t;
    return 1;
}

/* The key named name[0..n), or -1. */
static int key_by_name(const char *name, size_t n, token *t)
{
    char buf[32];
    if (n >= sizeof buf)
        return -1;
    memcpy(buf, name, n);
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        if (strcmp(NAMES[i].name, buf) == 0)
            return NAMES[i].key;
    if ((buf[0] == 'C' || buf[0] == 'c') && buf[1] == '-' && buf[2] && !buf[3]) {
        char c = buf[2];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || strchr("[\\]^_", c))
            return CTRL(c);
    }
    if (buf[0] == 'F' && buf[1]) {
        int f = atoi(buf + 1);
        if (f >= 1 && f <= 12)
            return KEY_F(f);
    }
    if (strcmp(buf, "lt") == 0)
        return '<';
    if (strcmp(buf, "Space") == 0)
        return ' ';
    int cols, rows;
    if (sscanf(buf, "Resize %dx%d", &cols, &rows) == 2 && cols > 0 && rows > 0 && cols < 1000 &&
        rows < 1000) {
        t->kind = TOK_RESIZE;
        t->cols = cols;
        t->rows = rows;
        return 0;
    }
    return -1;
}

/* The message for a script mistake (printed once, before the screen starts). */
static char why_buf[200];

/* Adds the keys of script line `line`. */
static int parse_keys(const char *s, size_t n, int line, const char **why)
{
    size_t i = 0;
    while (i < n) {
        token t = {TOK_CHAR, 0, 0, 0, NULL};
        if (s[i] == '<') {
            const char *close = memchr(s + i, '>', n - i);
            int key = close ? key_by_name(s + i + 1, (size_t)(close - s - i - 1), &t) : -1;
            if (key < 0) {
                int len = close ? (int)(close - s - i) + 1 : (int)(n - i);
                snprintf(why_buf, sizeof why_buf,
                         "AJAR_SCRIPT line %d: %.*s is not a key name (see TESTING in man ajar)",
                         line, len > 40 ? 40 : len, s + i);
                *why = why_buf;
                return 0;
            }
            if (t.kind != TOK_RESIZE) {
                if (key == ' ' || key == '<') {
                    t.text = strdup(key == ' ' ? " " : "<");
                } else {
                    t.kind = TOK_KEY;
                    t.key = key;
                }
            }
            i = (size_t)(close - s) + 1;
        } else {
            size_t k = ajar_utf8_char_len(s + i, n - i, NULL);
            t.text = strndup(s + i, k);
            i += k;
        }
        if (!add_token(t))
            return 0;
    }
    return 1;
}

/* The text of a :paste line with \n and \\ decoded. */
static char *unescape(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    size_t w = 0;
    for (size_t i = 0; out && i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == '\\' || s[i + 1] == 't')) {
            i++;
            out[w++] = s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : '\\';
        } else {
            out[w++] = s[i];
        }
    }
    if (out)
        out[w] = '\0';
    return out;
}

static int parse_script(const char *text, size_t len, const char **why)
{
    size_t pos = 0;
    int lineno = 0;
    while (pos < len) {
        lineno++;
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len, n = end - pos;
        const char *line = text + pos;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        int ok = 1;
        if (n > 6 && strncmp(line, ":dump ", 6) == 0) {
            ok = add_token((token){TOK_DUMP, 0, 0, 0, strndup(line + 6, n - 6)});
        } else if (n >= 7 && strncmp(line, ":paste ", 7) == 0) {
            ok = add_token((token){TOK_PASTE, 0, 0, 0, unescape(line + 7, n - 7)});
        } else if (n > 0 && line[0] == '#') {
            /* a comment */
        } else if (!parse_keys(line, n, lineno, why)) {
            return 0;
        }
        if (!ok) {
            *why = "out of memory";
            return 0;
        }
        pos = end + 1;
    }
    return 1;
}

int tui_input_open(const char **why)
{
    const char *path = getenv("AJAR_SCRIPT");
    if (!path || !path[0])
        return 1;
    from_script = 1;
    char *text = NULL;
    size_t len = 0;
    ajar_errors errs = {0};
    if (ajar_store_read_file(path, 4 * 1024 * 1024, &text, &len, &errs) != AJAR_OK) {
        ajar_errors_clear(&errs);
        *why = "cannot read the key script named by AJAR_SCRIPT";
        return 0;
    }
    int ok = parse_script(text, len, why);
    free(text);
    return ok;
}

int tui_input_scripted(void)
{
    return from_script;
}

void tui_input_close(void)
{
    for (size_t i = 0; i < ntokens; i++)
        free(tokens[i].text);
    free(tokens);
    tokens = NULL;
    ntokens = next_token = 0;
}

void tui_event_clear(tui_event *ev)
{
    free(ev->text);
    memset(ev, 0, sizeof *ev);
}

static char *utf8_of(wint_t wc)
{
    char buf[5] = {0};
    size_t n = ajar_utf8_encode((uint32_t)wc, buf);
    return n ? strndup(buf, n) : strdup("\xef\xbf\xbd");
}

/* Reads pasted text up to the closing bracket. */
static void read_paste(tui_event *ev)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    wtimeout(stdscr, 200);
    for (;;) {
        wint_t wc;
        int r = wget_wch(stdscr, &wc);
        if (r == ERR || (r == KEY_CODE_YES && wc == TUI_KEY_PASTE_END))
            break;
        if (r == KEY_CODE_YES)
            continue;
        char *u = utf8_of(wc);
        if (f && u)
            fputs(wc == '\r' ? "\n" : u, f);
        free(u);
    }
    if (f)
        fclose(f);
    ev->kind = EV_PASTE;
    ev->text = buf ? buf : strdup("");
}

static void from_keyboard(tui_event *ev, int timeout_ms)
{
    wtimeout(stdscr, timeout_ms);
    wint_t wc;
    int r = wget_wch(stdscr, &wc);
    if (r == ERR) {
        ev->kind = EV_NONE;
        return;
    }
    if (r == KEY_CODE_YES) {
        if (wc == KEY_RESIZE) {
            ev->kind = EV_RESIZE;
        } else if (wc == TUI_KEY_PASTE_BEGIN) {
            read_paste(ev);
        } else {
            ev->kind = EV_KEY;
            ev->key = (int)wc;
        }
        return;
    }
    if (wc == 27) {
        /* an escape sequence curses did not know (a key of another
         * terminal type) is not Esc followed by text: drop all of it */
        wint_t next;
        wtimeout(stdscr, 0);
        int r2 = wget_wch(stdscr, &next);
        if (r2 == OK && (next == '[' || next == 'O')) {
            for (int i = 0; i < 16 && wget_wch(stdscr, &next) == OK; i++)
                if (next >= 0x40 && next <= 0x7e)
                    break;
            ev->kind = EV_NONE;
            return;
        }
        if (r2 == OK)
            unget_wch(next); /* Esc, then a key of its own */
        else if (r2 == KEY_CODE_YES)
            ungetch((int)next);
    }
    if (wc < 32 || wc == 127) {
        ev->kind = EV_KEY;
        /* with nonl(), Enter is CR and Ctrl-J is LF: the two stay apart */
        ev->key = wc == 127 ? KEY_BACKSPACE : (int)wc;
        if (wc == CTRL('h'))
            ev->key = KEY_BACKSPACE;
        return;
    }
    ev->kind = EV_CHAR;
    ev->text = utf8_of(wc);
}

static void from_script_tokens(tui_event *ev)
{
    while (next_token < ntokens) {
        token *t = &tokens[next_token++];
        switch (t->kind) {
        case TOK_DUMP:
            tui_dump_screen(t->text);
            continue;
        case TOK_RESIZE:
            resizeterm(t->rows, t->cols);
            ev->kind = EV_RESIZE;
            return;
        case TOK_KEY:
            ev->kind = EV_KEY;
            ev->key = t->key;
            return;
        case TOK_PASTE:
            ev->kind = EV_PASTE;
            ev->text = strdup(t->text ? t->text : "");
            return;
        case TOK_CHAR:
            ev->kind = EV_CHAR;
            ev->text = strdup(t->text ? t->text : "");
            return;
        }
    }
    ev->kind = EV_END;
}

void tui_input_next(tui_event *ev, int timeout_ms)
{
    memset(ev, 0, sizeof *ev);
    if (from_script)
        from_script_tokens(ev);
    else
        from_keyboard(ev, timeout_ms);
}
