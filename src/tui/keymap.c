/* keymap.c — keys that mean the same on every screen become requests; their help text. */
#include <string.h>

#include "tui.h"

static const struct {
    const char *keys, *help;
} REQUESTS[] = {
#define X(name, keys, help) {keys, help},
    TUI_REQUESTS(X)
#undef X
};

const char *tui_request_keys(tui_request r)
{
    return r < REQ_COUNT ? REQUESTS[r].keys : "";
}

const char *tui_request_help(tui_request r)
{
    return r < REQ_COUNT ? REQUESTS[r].help : "";
}

/* Key codes and the request each stands for. */
static const struct {
    int key;
    tui_request req;
} KEYS[] = {
    {CTRL('q'), REQ_QUIT},
    {CTRL('n'), REQ_NEXT_STEP}, {KEY_NPAGE, REQ_NEXT_STEP},
    {CTRL('p'), REQ_PREV_STEP}, {KEY_PPAGE, REQ_PREV_STEP},
    {'\t', REQ_NEXT_FIELD},     {KEY_DOWN, REQ_NEXT_FIELD},
    {KEY_BTAB, REQ_PREV_FIELD}, {KEY_UP, REQ_PREV_FIELD},
    {CTRL('s'), REQ_SAVE},      {CTRL('e'), REQ_EDITOR},
};

tui_request tui_global_request(const tui_event *ev, int in_text)
{
    if (ev->kind == EV_CHAR)
        return !in_text && strcmp(ev->text, "?") == 0 ? REQ_HELP : REQ_NONE;
    if (ev->kind != EV_KEY)
        return REQ_NONE;
    /* function keys are not constants in curses, so they are compared here */
    static const struct {
        int f;
        tui_request req;
    } FKEYS[] = {{10, REQ_QUIT}, {1, REQ_HELP}, {2, REQ_PREVIEW}, {3, REQ_STEPS}, {5, REQ_EXPORT}};
    for (size_t i = 0; i < sizeof FKEYS / sizeof *FKEYS; i++)
        if (ev->key == KEY_F(FKEYS[i].f))
            return FKEYS[i].req;
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        if (KEYS[i].key == ev->key && KEYS[i].req != REQ_NONE)
            return KEYS[i].req;
    return REQ_NONE;
}
