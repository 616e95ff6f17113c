/* edit.h — a text field being edited (UTF-8, cursor by character) and word wrapping by display width. */
#ifndef AJAR_EDIT_H
#define AJAR_EDIT_H

#include <stddef.h>

/* Text being edited. `text` is always valid UTF-8 without control
 * characters other than LF and tab (and those only when multi-line), and
 * NUL-terminated; `cursor` is a byte offset at a character boundary. */
typedef struct ajar_edit {
    char *text;
    size_t len, cap;
    size_t cursor;
    int multiline;    /* 1: LF and tab are kept; 0: they become spaces */
    size_t max_chars; /* most characters the text may hold (0: no limit) */
} ajar_edit;

/* Makes an empty edit. */
void ajar_edit_init(ajar_edit *e, int multiline, size_t max_chars);

/* Frees the text; the edit is empty afterwards and may be reused. */
void ajar_edit_free(ajar_edit *e);

/* Replaces the text with s (NULL = ""), filtered as ajar_edit_insert does,
 * and puts the cursor at the end. Returns 0 when memory ran out (the edit
 * is then empty). */
int ajar_edit_set(ajar_edit *e, const char *s);

/* Inserts s[0..n) at the cursor, as typed or pasted, and moves the cursor
 * after it. Invalid UTF-8 becomes U+FFFD; CR LF and lone CR become LF; in a
 * single-line edit LF and tab become one space; escape sequences (ESC [ ...
 * final, ESC ] ... BEL or ESC \, ESC and one character, the C1 CSI and its
 * parameters) are dropped whole, so pasted colours leave no "[31m"; other
 * control characters (C0, DEL, C1) are dropped. None is ever stored. Stops
 * at max_chars characters.
 * Returns the number of characters inserted, or -1 when memory ran out
 * (nothing inserted). */
long ajar_edit_insert(ajar_edit *e, const char *s, size_t n);

/* Cursor moves: one character (a base and its combining marks, as
 * ajar_utf8_char_len counts), to the previous or next word start, to the
 * start or end of the line (of the current line in a multi-line edit),
 * and up or down one line of the text as wrapped at `cols` columns
 * (keeping the column as well as it can). */
void ajar_edit_left(ajar_edit *e);
void ajar_edit_right(ajar_edit *e);
void ajar_edit_word_left(ajar_edit *e);
void ajar_edit_word_right(ajar_edit *e);
void ajar_edit_home(ajar_edit *e);
void ajar_edit_end(ajar_edit *e);
int ajar_edit_up(ajar_edit *e, size_t cols);   /* 0 when already on the first line */
int ajar_edit_down(ajar_edit *e, size_t cols); /* 0 when already on the last line */

/* Deletions: the character before / under the cursor, the word before the
 * cursor (Ctrl-W), from the cursor to the end / start of the line
 * (Ctrl-K / Ctrl-U). */
void ajar_edit_backspace(ajar_edit *e);
void ajar_edit_delete(ajar_edit *e);
void ajar_edit_delete_word(ajar_edit *e);
void ajar_edit_kill_end(ajar_edit *e);
void ajar_edit_kill_start(ajar_edit *e);

/* One display line of wrapped text: bytes s[start..start+len) (without the
 * LF or the space where it was broken), `cols` columns wide. */
typedef struct ajar_wrap_line {
    size_t start, len, cols;
} ajar_wrap_line;

/* Wraps the UTF-8 text s[0..n) into lines of at most `width` columns
 * (at least 1): at LF, and at the last space that fits; a word wider than
 * the line is cut between characters. Tabs count as one column. Fills up to
 * `max` entries of `lines` (may be NULL when max is 0) and returns how many
 * lines the whole text takes (at least 1, also for ""). */
size_t ajar_wrap(const char *s, size_t n, size_t width, ajar_wrap_line *lines, size_t max);

/* Where byte offset `pos` of s[0..n) appears once wrapped at `width`: the
 * line (0-based) in *row and the column in *col. */
void ajar_wrap_locate(const char *s, size_t n, size_t width, size_t pos, size_t *row, size_t *col);

#endif
