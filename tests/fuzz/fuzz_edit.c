/* fuzz_edit.c — libFuzzer target: a field being typed into, as the wizard edits answers.
 *
 * The input is a sequence of operations on an ajar_edit: the first byte
 * picks single- or multi-line and a character limit, then each byte is an
 * operation (cursor moves, deletions, up/down at a width) or starts an
 * insertion of the following bytes, as typed or pasted (any bytes: ESC
 * sequences, C1, CR, invalid UTF-8). Invariants after every operation: the
 * text is valid UTF-8, NUL-terminated at len, holds no control character
 * (LF and tab only in a multi-line edit), at most max_chars characters, and
 * the cursor is within it at a character boundary; wrapping the text covers
 * it in order without overlapping, every line within its width. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/edit.h"
#include "ajar/utf8.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const ajar_edit *e)
{
    FUZZ_ASSERT(e->text && e->len <= e->cap && e->text[e->len] == '\0', "the text's bounds");
    FUZZ_ASSERT(strlen(e->text) == e->len, "a NUL inside the text");
    fuzz_assert_clean("edit text", e->text, e->len, e->multiline ? (1u << '\n') | (1u << '\t') : 0,
                      0);
    if (e->max_chars)
        FUZZ_ASSERT(ajar_utf8_count(e->text, e->len) <= e->max_chars, "over max_chars");
    FUZZ_ASSERT(e->cursor <= e->len, "the cursor is past the end");
    FUZZ_ASSERT(e->cursor == e->len || ((unsigned char)e->text[e->cursor] & 0xC0) != 0x80,
                "the cursor is inside a character");
}

static void check_wrap(const ajar_edit *e, size_t width)
{
    ajar_wrap_line lines[64];
    size_t n = ajar_wrap(e->text, e->len, width, lines, 64);
    FUZZ_ASSERT(n >= 1, "wrap gave no line");
    size_t prev_end = 0;
    for (size_t i = 0; i < n && i < 64; i++) {
        FUZZ_ASSERT(lines[i].start >= prev_end && lines[i].start + lines[i].len <= e->len,
                    "wrapped lines overlap or leave the text");
        /* Only a single character wider than the line may overflow it. */
        if (lines[i].cols > width)
            FUZZ_ASSERT(ajar_utf8_char_len(e->text + lines[i].start, lines[i].len, NULL) ==
                            lines[i].len,
                        "a wrapped line is wider than the width");
        prev_end = lines[i].start + lines[i].len;
    }
    size_t row, col;
    ajar_wrap_locate(e->text, e->len, width, e->cursor, &row, &col);
    FUZZ_ASSERT(row < n, "the cursor is located below the last line");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    ajar_edit e;
    static const size_t LIMITS[] = {0, 1, 5, 500};
    ajar_edit_init(&e, data[0] & 1, LIMITS[(data[0] >> 1) & 3]);
    size_t width = 1 + (data[0] >> 3);
    if (!ajar_edit_set(&e, (data[0] & 0x80) ? "pre\tset\ntext \xe7\x95\x8c\xcc\x81" : NULL)) {
        ajar_edit_free(&e);
        return 0;
    }
    check(&e);
    for (size_t i = 1; i < size; i++) {
        uint8_t op = data[i];
        switch (op % 16) {
        case 0: case 1: case 2: case 3: {
            /* insert the next (op >> 2) + 1 bytes */
            size_t n = (size_t)(op >> 2) + 1;
            if (n > size - i - 1)
                n = size - i - 1;
            long got = ajar_edit_insert(&e, (const char *)data + i + 1, n);
            FUZZ_ASSERT(got >= 0, "insert ran out of memory");
            i += n;
            break;
        }
        case 4: ajar_edit_left(&e); break;
        case 5: ajar_edit_right(&e); break;
        case 6: ajar_edit_word_left(&e); break;
        case 7: ajar_edit_word_right(&e); break;
        case 8: ajar_edit_home(&e); break;
        case 9: ajar_edit_end(&e); break;
        case 10: ajar_edit_up(&e, width); break;
        case 11: ajar_edit_down(&e, width); break;
        case 12: ajar_edit_backspace(&e); break;
        case 13: ajar_edit_delete(&e); break;
        case 14: ajar_edit_delete_word(&e); break;
        case 15: (op & 0x10) ? ajar_edit_kill_end(&e) : ajar_edit_kill_start(&e); break;
        }
        check(&e);
    }
    check_wrap(&e, width);
    /* set() filters like insert: the text read back is a fixed point. */
    char *copy = strdup(e.text);
    FUZZ_ASSERT(copy, "out of memory");
    FUZZ_ASSERT(ajar_edit_set(&e, copy), "set ran out of memory");
    check(&e);
    FUZZ_ASSERT(strcmp(copy, e.text) == 0, "set changed text that insert let in");
    free(copy);
    ajar_edit_free(&e);
    return 0;
}
