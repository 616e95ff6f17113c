/* utf8.h — UTF-8 validation, decoding and display width, without depending on the locale. */
#ifndef AJAR_UTF8_H
#define AJAR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Checks that s[0..len) is well-formed UTF-8 (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF). Returns 1 when valid; otherwise 0
 * and, when bad_offset is not NULL, stores the byte offset of the first bad
 * sequence. NUL bytes are valid UTF-8 here; callers reject them separately. */
int ajar_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decodes one code point from s[0..len) into *cp and returns the number of
 * bytes it used (1-4). For an invalid or truncated sequence it stores
 * U+FFFD and returns 1, so a loop over any bytes always advances. len 0
 * returns 0. */
size_t ajar_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes cp (<= U+10FFFF, not a surrogate) into out (room for 4 bytes) and
 * returns the byte count, or 0 for a code point that cannot be encoded. */
size_t ajar_utf8_encode(uint32_t cp, char out[4]);

/* Terminal columns a code point takes: 0 for combining marks, zero-width
 * characters and controls, 2 for East Asian wide and fullwidth characters
 * and emoji, 1 otherwise. Same answer in every locale. */
int ajar_cp_width(uint32_t cp);

/* Display width of the UTF-8 string s[0..len) (invalid bytes count 1). */
size_t ajar_utf8_width(const char *s, size_t len);

/* Byte length of the longest prefix of s[0..len) that fits in max_cols
 * columns without splitting a character (a combining mark stays with its
 * base). The prefix's width is stored in *cols when cols is not NULL. */
size_t ajar_utf8_fit(const char *s, size_t len, size_t max_cols, size_t *cols);

/* Byte length of the first character of s[0..len) as fit() counts them: one
 * code point (or one invalid byte) together with what belongs to it, i.e.
 * combining and spacing marks, variation selectors, emoji modifiers, the
 * code point after a zero-width joiner, and the second of a pair of regional
 * indicators (a flag). A control character is always a character of its own.
 * Its width (the sum of its code points' widths) is stored in *cols when cols
 * is not NULL. len 0 returns 0. For moving a cursor right. */
size_t ajar_utf8_char_len(const char *s, size_t len, size_t *cols);

/* Byte offset where the character (as ajar_utf8_char_len counts them) that
 * holds byte pos - 1 of s[0..len) starts: where a cursor at pos moves when
 * going left. 0 when pos is 0; pos beyond len counts as len. Scans from the
 * start of s, so it costs O(pos). */
size_t ajar_utf8_prev_char(const char *s, size_t len, size_t pos);

/* Number of code points in s[0..len); each invalid byte counts as one. */
size_t ajar_utf8_count(const char *s, size_t len);

/* 1 when cp is a control character: C0 (U+0000-U+001F), DEL (U+007F) or
 * C1 (U+0080-U+009F). */
int ajar_cp_is_control(uint32_t cp);

/* Finds the first control character in the UTF-8 string s[0..len),
 * ignoring those whose bit is set in `allowed` for C0 only (e.g.
 * (1u << '\n') | (1u << '\t') for multi-line text). Returns its byte offset,
 * or (size_t)-1 when there is none. Invalid bytes are not controls here. */
size_t ajar_utf8_find_control(const char *s, size_t len, uint32_t allowed);

#endif
