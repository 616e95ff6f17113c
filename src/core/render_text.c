/* render_text.c — clean-up of rendered text, and Markdown quoting of user text. */
#include <stdlib.h>
#include <string.h>

#include "ajar/render.h"

/* 1 for the punctuation that never follows a space in English prose. */
static int closes_clause(char c)
{
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')';
}

/* The bytes tidy_line looks at twice: blanks and closing punctuation. */
static const unsigned char NEEDS_LOOK[256] = {
    [' '] = 1, ['\t'] = 1, [','] = 1, ['.'] = 1, [';'] = 1, [':'] = 1, ['!'] = 1, ['?'] = 1,
    [')'] = 1,
};

/* Tidies one line in place (without its LF) and returns its new length:
 * no space before closing punctuation or after an opening parenthesis, no
 * full stop doubling the one (or the ! or ?) user text ends with, nothing
 * at the end; in prose no indentation and no doubled spaces either. */
static size_t tidy_line(char *s, size_t n, int prose)
{
    size_t r = 0, w = 0;
    while (r < n && (s[r] == ' ' || s[r] == '\t')) {
        if (prose)
            r++;
        else
            s[w++] = s[r++];
    }
    size_t indent = w;
    while (r < n) {
        char c = s[r++];
        /* letters, digits and most marks need nothing: copy them at once */
        if (!NEEDS_LOOK[(unsigned char)c]) {
            s[w++] = c;
            continue;
        }
        if (c == '\t' && w > indent)
            c = ' ';
        if (c == ' ') {
            /* prose loses doubled spaces; a layout keeps its columns */
            if (w > indent && ((prose && s[w - 1] == ' ') || s[w - 1] == '('))
                continue;
        } else {
            /* "offer ." -> "offer."; but keep "-- ..." and "a : b" forms of
             * a lone mark after a space only when it starts the line. */
            if (closes_clause(c) && w > indent && s[w - 1] == ' ')
                w--;
            /* a sentence's full stop after user text that has its own:
             * "at Acme Inc.." -> "at Acme Inc.", "the right time?." ->
             * "the right time?"; an ellipsis "..." stays */
            if (c == '.' && w > indent && strchr(".!?", s[w - 1]) && !(r < n && s[r] == '.') &&
                !(s[w - 1] == '.' && w - 1 > indent && s[w - 2] == '.'))
                continue;
        }
        s[w++] = c;
    }
    while (w > indent && (s[w - 1] == ' ' || s[w - 1] == '\t'))
        w--;
    if (w == indent)
        w = 0; /* a line of spaces only is blank */
    return w;
}

char *ajar_render_tidy(char *s, int prose)
{
    if (!s)
        return s;
    size_t len = strlen(s), r = 0, w = 0;
    /* Every line is written back with its line end, so the last one needs
     * a byte more when the text does not end with one. */
    if (len > 0 && s[len - 1] != '\n') {
        char *grown = realloc(s, len + 2);
        if (!grown) {
            free(s);
            return NULL;
        }
        s = grown;
        s[len++] = '\n';
        s[len] = '\0';
    }
    /* Lines are tidied where they are, then copied down to w: w never
     * passes the start of the line being read, so one pass in place works. */
    int pending_blank = 0;
    while (r < len) {
        size_t eol = r;
        while (eol < len && s[eol] != '\n')
            eol++;
        size_t n = tidy_line(s + r, eol - r, prose);
        if (n == 0) {
            pending_blank = w > 0;
        } else {
            if (pending_blank)
                s[w++] = '\n'; /* w < r here: at least the blank line's LF was read */
            memmove(s + w, s + r, n);
            w += n;
            s[w++] = '\n';
            pending_blank = 0;
        }
        r = eol < len ? eol + 1 : eol;
    }
    s[w] = '\0';
    return s;
}

void ajar_render_escape_md(ajar_strbuf *out, const char *s, size_t n, void *ud)
{
    (void)ud;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int special = strchr("\\`*_[]<>|~", c) != NULL && c != '\0';
        /* these start markup only at the beginning of a line: of the
         * text, or after a line break inside it */
        if (!special && (i == 0 || s[i - 1] == '\n'))
            special = strchr("#+-=", c) != NULL && c != '\0';
        if (special)
            ajar_strbuf_putc(out, '\\');
        ajar_strbuf_putc(out, c);
    }
}
