/* utf8.c — strict UTF-8 decoding and locale-independent display width from committed Unicode tables. */
#include "ajar/utf8.h"

#include <string.h>

#include "utf8_tables.h"

#define CP_REPLACEMENT 0xFFFDu
#define CP_ZWJ 0x200Du

#define TABLE_LEN(t) (sizeof(t) / sizeof((t)[0]))

/* 1 when cp lies in one of the n sorted ranges of table (binary search). */
static int in_table(const struct cp_range *table, size_t n, uint32_t cp)
{
    if (n == 0 || cp < table[0].first || cp > table[n - 1].last)
        return 0;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < table[mid].first)
            hi = mid;
        else if (cp > table[mid].last)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

/* Decodes one well-formed sequence at s[0..len) into *cp and returns its
 * length (1-4), or 0 when len is 0 or the bytes there are not well-formed
 * UTF-8 (overlong, surrogate, above U+10FFFF, truncated, stray continuation,
 * or a 5/6-byte lead). The allowed second-byte ranges are those of RFC 3629. */
static size_t decode_strict(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return 0;
    unsigned b0 = s[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    size_t n;
    uint32_t c;
    unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2;
        c = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3;
        c = b0 & 0x0Fu;
        if (b0 == 0xE0)
            lo = 0xA0; /* below is overlong */
        else if (b0 == 0xED)
            hi = 0x9F; /* above is a surrogate */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4;
        c = b0 & 0x07u;
        if (b0 == 0xF0)
            lo = 0x90; /* below is overlong */
        else if (b0 == 0xF4)
            hi = 0x8F; /* above is beyond U+10FFFF */
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or F5-FF */
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        unsigned b = s[i];
        if (b < lo || b > hi)
            return 0;
        c = (c << 6) | (b & 0x3Fu);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = c;
    return n;
}

/* Eight bytes of s at once, whatever their alignment. */
static uint64_t load8(const char *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    return x;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)

/* 1 when none of the eight bytes of x is a control or non-ASCII: all are
 * printable ASCII (0x20..0x7E). Bytes below 0x20 are found by borrowing
 * out of a subtraction, DEL by its zero after an XOR (the usual word tricks). */
static int printable8(uint64_t x)
{
    uint64_t below = (x - ONES * 0x20) & ~x & HIGH;
    uint64_t y = x ^ (ONES * 0x7f);
    uint64_t del = (y - ONES) & ~y & HIGH;
    return !(x & HIGH) && !below && !del;
}

int ajar_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    size_t pos = 0;
    while (pos < len) {
        /* eight ASCII bytes at a time */
        if (pos + 8 <= len && !(load8(s + pos) & HIGH)) {
            pos += 8;
            continue;
        }
        /* most text is ASCII: step over it a byte at a time without decoding */
        if ((unsigned char)s[pos] < 0x80) {
            pos++;
            continue;
        }
        uint32_t cp;
        size_t n = decode_strict(s + pos, len - pos, &cp);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = pos;
            return 0;
        }
        pos += n;
    }
    return 1;
}

size_t ajar_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    if (len == 0)
        return 0;
    size_t n = decode_strict(s, len, cp);
    if (n == 0) {
        *cp = CP_REPLACEMENT;
        return 1;
    }
    return n;
}

size_t ajar_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

int ajar_cp_is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

int ajar_cp_width(uint32_t cp)
{
    if (ajar_cp_is_control(cp))
        return 0;
    if (in_table(zero_width_table, TABLE_LEN(zero_width_table), cp))
        return 0;
    if (in_table(wide_table, TABLE_LEN(wide_table), cp))
        return 2;
    return 1;
}

size_t ajar_utf8_width(const char *s, size_t len)
{
    size_t pos = 0, cols = 0;
    while (pos < len) {
        unsigned char b = (unsigned char)s[pos];
        if (b >= 0x20 && b < 0x7f) { /* printable ASCII: one column */
            cols++;
            pos++;
            continue;
        }
        uint32_t cp;
        size_t n = decode_strict(s + pos, len - pos, &cp);
        if (n == 0) {
            cols += 1;
            pos += 1;
        } else {
            cols += (size_t)ajar_cp_width(cp);
            pos += n;
        }
    }
    return cols;
}

static int is_regional_indicator(uint32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

size_t ajar_utf8_char_len(const char *s, size_t len, size_t *cols)
{
    size_t width = 0, n = 0;
    uint32_t cp;
    if (len == 0) {
        /* nothing */
    } else if ((n = decode_strict(s, len, &cp)) == 0) {
        n = 1; /* an invalid byte stands alone and takes one column */
        width = 1;
    } else {
        width = (size_t)ajar_cp_width(cp);
        int flag_half = is_regional_indicator(cp);
        uint32_t prev = cp;
        while (!ajar_cp_is_control(prev) && n < len) {
            uint32_t next;
            size_t k = decode_strict(s + n, len - n, &next);
            if (k == 0 || ajar_cp_is_control(next))
                break;
            if (flag_half && is_regional_indicator(next)) {
                flag_half = 0;
            } else if (prev != CP_ZWJ && !in_table(extend_table, TABLE_LEN(extend_table), next)) {
                break;
            }
            width += (size_t)ajar_cp_width(next);
            n += k;
            prev = next;
        }
    }
    if (cols)
        *cols = width;
    return n;
}

size_t ajar_utf8_prev_char(const char *s, size_t len, size_t pos)
{
    if (pos > len)
        pos = len;
    size_t start = 0, at = 0;
    while (at < pos) {
        start = at;
        at += ajar_utf8_char_len(s + at, len - at, NULL);
    }
    return start;
}

size_t ajar_utf8_fit(const char *s, size_t len, size_t max_cols, size_t *cols)
{
    size_t pos = 0, used = 0;
    while (pos < len) {
        size_t w;
        size_t n = ajar_utf8_char_len(s + pos, len - pos, &w);
        if (w > max_cols - used)
            break;
        pos += n;
        used += w;
    }
    if (cols)
        *cols = used;
    return pos;
}

size_t ajar_utf8_count(const char *s, size_t len)
{
    size_t pos = 0, count = 0;
    while (pos < len) {
        if ((unsigned char)s[pos] < 0x80) {
            pos++;
            count++;
            continue;
        }
        uint32_t cp;
        pos += ajar_utf8_decode(s + pos, len - pos, &cp);
        count++;
    }
    return count;
}

size_t ajar_utf8_find_control(const char *s, size_t len, uint32_t allowed)
{
    size_t pos = 0;
    while (pos < len) {
        if (pos + 8 <= len && printable8(load8(s + pos))) {
            pos += 8;
            continue;
        }
        unsigned char b = (unsigned char)s[pos];
        if (b < 0x80) { /* ASCII: C0 and DEL are the controls */
            if ((b < 32 && !((allowed >> b) & 1u)) || b == 0x7f)
                return pos;
            pos++;
            continue;
        }
        uint32_t cp;
        size_t n = decode_strict(s + pos, len - pos, &cp);
        if (n == 0) {
            pos += 1; /* invalid bytes are not controls */
            continue;
        }
        if (ajar_cp_is_control(cp) && !(cp < 32 && ((allowed >> cp) & 1u)))
            return pos;
        pos += n;
    }
    return (size_t)-1;
}
