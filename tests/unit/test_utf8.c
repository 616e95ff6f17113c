/* test_utf8.c — UTF-8 validation, decoding, encoding, display width, fitting and control detection. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "ajar/utf8.h"

Suite *utf8_suite(void);

#define NONE ((size_t)-1)
#define ALLOW_NL_TAB ((1u << '\n') | (1u << '\t'))

/* Length of a string literal without its NUL (works with embedded NULs). */
#define LIT(s) (s), (sizeof(s) - 1)

static size_t bad_at(const char *s, size_t len)
{
    size_t off = 12345;
    ck_assert_int_eq(ajar_utf8_valid(s, len, &off), 0);
    return off;
}

/* ---- ajar_utf8_valid ------------------------------------------------------ */

START_TEST(valid_accepts_well_formed_text)
{
    size_t off = 777;
    ck_assert_int_eq(ajar_utf8_valid(LIT("plain ASCII"), &off), 1);
    ck_assert_uint_eq(off, 777); /* untouched on success */
    ck_assert_int_eq(ajar_utf8_valid(LIT("Zoë Ångström 李娜 😀 שלום مرحبا"), NULL), 1);
    ck_assert_int_eq(ajar_utf8_valid("", 0, NULL), 1);
    ck_assert_int_eq(ajar_utf8_valid(NULL, 0, NULL), 1);
    ck_assert_int_eq(ajar_utf8_valid(LIT("a\0b"), NULL), 1); /* NUL is valid UTF-8 */
    /* The edges of every length and of the surrogate gap. */
    ck_assert_int_eq(ajar_utf8_valid(LIT("\x7F"), NULL), 1);
    ck_assert_int_eq(ajar_utf8_valid(LIT("\xC2\x80"), NULL), 1);         /* U+0080 */
    ck_assert_int_eq(ajar_utf8_valid(LIT("\xDF\xBF"), NULL), 1);         /* U+07FF */
    ck_assert_int_eq(ajar_utf8_valid(LIT("\xE0\xA0\x80"), NULL), 1);     /* U+0800 */
    ck_assert_int_eq(ajar_utf8_valid(LIT("\xED\x9F\xBF"), NULL), 1);     /* U+D7FF */
    ck_assert_int_eq(ajar_utf8_valid(LIT("\xEE\x80\x80"), NULL), 1);     /* U+E000 */
    ck_assert_int_eq(ajar_utf8_valid(LIT("\xEF\xBF\xBF"), NULL), 1);     /* U+FFFF */
    ck_assert_int_eq(ajar_utf8_valid(LIT("\xF0\x90\x80\x80"), NULL), 1); /* U+10000 */
    ck_assert_int_eq(ajar_utf8_valid(LIT("\xF4\x8F\xBF\xBF"), NULL), 1); /* U+10FFFF */
}
END_TEST

START_TEST(valid_rejects_overlong_forms)
{
    ck_assert_uint_eq(bad_at(LIT("\xC0\x80")), 0);
    ck_assert_uint_eq(bad_at(LIT("ab\xC0\x80")), 2);
    ck_assert_uint_eq(bad_at(LIT("\xC1\xBF")), 0);
    ck_assert_uint_eq(bad_at(LIT("x\xE0\x80\x80")), 1);
    ck_assert_uint_eq(bad_at(LIT("\xE0\x9F\xBF")), 0); /* U+07FF in three bytes */
    ck_assert_uint_eq(bad_at(LIT("xyz\xF0\x80\x80\x80")), 3);
    ck_assert_uint_eq(bad_at(LIT("\xF0\x8F\xBF\xBF")), 0); /* U+FFFF in four bytes */
}
END_TEST

START_TEST(valid_rejects_surrogates_and_beyond_unicode)
{
    ck_assert_uint_eq(bad_at(LIT("\xED\xA0\x80")), 0); /* U+D800 */
    ck_assert_uint_eq(bad_at(LIT("ok\xED\xBF\xBF")), 2); /* U+DFFF */
    ck_assert_uint_eq(bad_at(LIT("\xF4\x90\x80\x80")), 0); /* U+110000 */
    ck_assert_uint_eq(bad_at(LIT("é\xF5\x80\x80\x80")), 2);
    ck_assert_uint_eq(bad_at(LIT("\xF7\xBF\xBF\xBF")), 0);
}
END_TEST

START_TEST(valid_rejects_truncated_and_stray_bytes)
{
    ck_assert_uint_eq(bad_at(LIT("abc\xE2\x82")), 3);      /* truncated at the end */
    ck_assert_uint_eq(bad_at(LIT("\xE2\x82" "A")), 0);     /* cut short by ASCII */
    ck_assert_uint_eq(bad_at(LIT("a\xF0\x9F\x98")), 1);    /* three of four bytes */
    ck_assert_uint_eq(bad_at(LIT("a\xC3")), 1);
    ck_assert_uint_eq(bad_at(LIT("\x80")), 0);             /* lone continuation */
    ck_assert_uint_eq(bad_at(LIT("ab\xBF" "cd")), 2);
    ck_assert_uint_eq(bad_at(LIT("é\xA9")), 2);            /* one too many */
    ck_assert_uint_eq(bad_at(LIT("\xF8\x88\x80\x80\x80")), 0);     /* 5-byte form */
    ck_assert_uint_eq(bad_at(LIT("x\xFC\x84\x80\x80\x80\x80")), 1); /* 6-byte form */
    ck_assert_uint_eq(bad_at(LIT("\xFE")), 0);
    ck_assert_uint_eq(bad_at(LIT("\xFF")), 0);
    /* The first of several problems is the one reported. */
    ck_assert_uint_eq(bad_at(LIT("ok\xFF\xC0\x80")), 2);
    /* A valid sequence ends at len, even if more bytes follow in memory. */
    ck_assert_uint_eq(bad_at("\xC3\xA9", 1), 0);
    /* bad_offset may be NULL. */
    ck_assert_int_eq(ajar_utf8_valid(LIT("\xFF"), NULL), 0);
}
END_TEST

/* ---- ajar_utf8_decode / ajar_utf8_encode ---------------------------------- */

START_TEST(decode_reads_each_length)
{
    uint32_t cp = 0;
    ck_assert_uint_eq(ajar_utf8_decode("", 0, &cp), 0);
    ck_assert_uint_eq(ajar_utf8_decode(LIT("A"), &cp), 1);
    ck_assert_uint_eq(cp, 0x41);
    ck_assert_uint_eq(ajar_utf8_decode(LIT("\0"), &cp), 1);
    ck_assert_uint_eq(cp, 0);
    ck_assert_uint_eq(ajar_utf8_decode(LIT("ëx"), &cp), 2);
    ck_assert_uint_eq(cp, 0xEB);
    ck_assert_uint_eq(ajar_utf8_decode(LIT("€"), &cp), 3);
    ck_assert_uint_eq(cp, 0x20AC);
    ck_assert_uint_eq(ajar_utf8_decode(LIT("😀"), &cp), 4);
    ck_assert_uint_eq(cp, 0x1F600);
    ck_assert_uint_eq(ajar_utf8_decode(LIT("\xF4\x8F\xBF\xBF"), &cp), 4);
    ck_assert_uint_eq(cp, 0x10FFFF);
    /* A real U+FFFD is three bytes, unlike the stand-in for bad bytes. */
    ck_assert_uint_eq(ajar_utf8_decode(LIT("\xEF\xBF\xBD"), &cp), 3);
    ck_assert_uint_eq(cp, 0xFFFD);
}
END_TEST

START_TEST(decode_replaces_bad_bytes_one_at_a_time)
{
    static const struct {
        const char *s;
        size_t len;
    } bad[] = {
        {LIT("\xC0\x80")},         {LIT("\xE0\x80\x80")}, {LIT("\xF0\x80\x80\x80")},
        {LIT("\xED\xA0\x80")},     {LIT("\xF4\x90\x80\x80")}, {LIT("\xE2\x82")},
        {LIT("\x80")},             {LIT("\xBF")},         {LIT("\xF8\x88\x80\x80\x80")},
        {LIT("\xFC\x84\x80\x80\x80\x80")}, {LIT("\xFF")}, {"\xC3\xA9", 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t cp = 0;
        ck_assert_uint_eq(ajar_utf8_decode(bad[i].s, bad[i].len, &cp), 1);
        ck_assert_uint_eq(cp, 0xFFFD);
    }
    /* A loop over arbitrary bytes always advances and ends exactly at len. */
    const char junk[] = "\xF0\x9F\x98\xC0\x80\xE2\x82\xAC\xFF\xED\xA0\x80z";
    size_t pos = 0, steps = 0;
    while (pos < sizeof junk - 1) {
        uint32_t cp;
        size_t n = ajar_utf8_decode(junk + pos, sizeof junk - 1 - pos, &cp);
        ck_assert_uint_ge(n, 1);
        pos += n;
        steps++;
    }
    ck_assert_uint_eq(pos, sizeof junk - 1);
    ck_assert_uint_eq(steps, 3 + 2 + 1 + 1 + 3 + 1); /* €, z and ten bad bytes */
}
END_TEST

START_TEST(encode_writes_each_length)
{
    char out[4];
    ck_assert_uint_eq(ajar_utf8_encode('A', out), 1);
    ck_assert_int_eq(out[0], 'A');
    ck_assert_uint_eq(ajar_utf8_encode(0xEB, out), 2);
    ck_assert_int_eq(memcmp(out, "ë", 2), 0);
    ck_assert_uint_eq(ajar_utf8_encode(0x20AC, out), 3);
    ck_assert_int_eq(memcmp(out, "€", 3), 0);
    ck_assert_uint_eq(ajar_utf8_encode(0x1F600, out), 4);
    ck_assert_int_eq(memcmp(out, "😀", 4), 0);
    ck_assert_uint_eq(ajar_utf8_encode(0x10FFFF, out), 4);
    ck_assert_int_eq(memcmp(out, "\xF4\x8F\xBF\xBF", 4), 0);
}
END_TEST

START_TEST(encode_refuses_surrogates_and_beyond_unicode)
{
    char out[4];
    ck_assert_uint_eq(ajar_utf8_encode(0xD800, out), 0);
    ck_assert_uint_eq(ajar_utf8_encode(0xDBFF, out), 0);
    ck_assert_uint_eq(ajar_utf8_encode(0xDFFF, out), 0);
    ck_assert_uint_eq(ajar_utf8_encode(0x110000, out), 0);
    ck_assert_uint_eq(ajar_utf8_encode(0xFFFFFFFFu, out), 0);
}
END_TEST

START_TEST(encode_and_decode_round_trip_every_code_point)
{
    /* Checked by hand and asserted once: every passing ck_assert leaves a mark. */
    size_t failures = 0;
    uint32_t first = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp == 0xD800)
            cp = 0xE000;
        char out[4];
        size_t n = ajar_utf8_encode(cp, out);
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        uint32_t back = 0;
        if (n != want || !ajar_utf8_valid(out, n, NULL) || ajar_utf8_decode(out, n, &back) != n ||
            back != cp || ajar_utf8_count(out, n) != 1) {
            if (failures++ == 0)
                first = cp;
        }
    }
    ck_assert_msg(failures == 0, "%zu code points fail to round-trip, the first U+%04X", failures,
                  (unsigned)first);
}
END_TEST

/* ---- ajar_cp_width / ajar_utf8_width --------------------------------------- */

START_TEST(cp_width_by_kind)
{
    /* Controls take no column. */
    ck_assert_int_eq(ajar_cp_width(0x00), 0);
    ck_assert_int_eq(ajar_cp_width('\n'), 0);
    ck_assert_int_eq(ajar_cp_width(0x7F), 0);
    ck_assert_int_eq(ajar_cp_width(0x85), 0);
    ck_assert_int_eq(ajar_cp_width(0x9F), 0);
    /* Ordinary characters take one. */
    ck_assert_int_eq(ajar_cp_width(' '), 1);
    ck_assert_int_eq(ajar_cp_width('a'), 1);
    ck_assert_int_eq(ajar_cp_width(0xA0), 1);
    ck_assert_int_eq(ajar_cp_width(0xAD), 1);   /* soft hyphen is shown */
    ck_assert_int_eq(ajar_cp_width(0xEB), 1);   /* ë */
    ck_assert_int_eq(ajar_cp_width(0x0627), 1); /* Arabic alef */
    ck_assert_int_eq(ajar_cp_width(0x0600), 1); /* Arabic number sign is shown */
    ck_assert_int_eq(ajar_cp_width(0x05D0), 1); /* Hebrew alef */
    ck_assert_int_eq(ajar_cp_width(0x0915), 1); /* Devanagari ka */
    ck_assert_int_eq(ajar_cp_width(0x093F), 1); /* spacing vowel sign i */
    ck_assert_int_eq(ajar_cp_width(0x2764), 1); /* heavy heart: text presentation */
    ck_assert_int_eq(ajar_cp_width(0x1F1EB), 1); /* regional indicator F: a pair is a flag */
    ck_assert_int_eq(ajar_cp_width(0xFFFD), 1);
    /* Combining marks and zero-width characters take none. */
    ck_assert_int_eq(ajar_cp_width(0x0300), 0);
    ck_assert_int_eq(ajar_cp_width(0x0301), 0);
    ck_assert_int_eq(ajar_cp_width(0x036F), 0);
    ck_assert_int_eq(ajar_cp_width(0x05B8), 0);  /* Hebrew qamats */
    ck_assert_int_eq(ajar_cp_width(0x064E), 0);  /* Arabic fatha */
    ck_assert_int_eq(ajar_cp_width(0x20DD), 0);  /* enclosing circle (Me) */
    ck_assert_int_eq(ajar_cp_width(0x200B), 0);  /* zero width space */
    ck_assert_int_eq(ajar_cp_width(0x200D), 0);  /* zero width joiner */
    ck_assert_int_eq(ajar_cp_width(0xFE0F), 0);  /* variation selector 16 */
    ck_assert_int_eq(ajar_cp_width(0xFEFF), 0);  /* byte order mark */
    ck_assert_int_eq(ajar_cp_width(0x1160), 0);  /* Hangul jungseong filler */
    ck_assert_int_eq(ajar_cp_width(0xE0100), 0); /* variation selector 17 */
    ck_assert_int_eq(ajar_cp_width(0x3099), 0);  /* combining kana voiced mark */
    /* East Asian wide and fullwidth characters and emoji take two. */
    ck_assert_int_eq(ajar_cp_width(0x1100), 2);  /* Hangul choseong kiyeok */
    ck_assert_int_eq(ajar_cp_width(0x3000), 2);  /* ideographic space */
    ck_assert_int_eq(ajar_cp_width(0x4E00), 2);
    ck_assert_int_eq(ajar_cp_width(0x674E), 2);  /* 李 */
    ck_assert_int_eq(ajar_cp_width(0xAC00), 2);  /* 가 */
    ck_assert_int_eq(ajar_cp_width(0xFF21), 2);  /* fullwidth A */
    ck_assert_int_eq(ajar_cp_width(0x231A), 2);  /* watch */
    ck_assert_int_eq(ajar_cp_width(0x1F600), 2);
    ck_assert_int_eq(ajar_cp_width(0x1F44D), 2);
    ck_assert_int_eq(ajar_cp_width(0x20000), 2);
    ck_assert_int_eq(ajar_cp_width(0x2FFFD), 2);
    ck_assert_int_eq(ajar_cp_width(0x3FFFD), 2);
    /* Just outside the wide ranges. */
    ck_assert_int_eq(ajar_cp_width(0x10FF), 1);
    ck_assert_int_eq(ajar_cp_width(0xFF61), 1); /* halfwidth ideographic full stop */
    ck_assert_int_eq(ajar_cp_width(0x10FFFF), 1);
}
END_TEST

START_TEST(width_of_strings)
{
    ck_assert_uint_eq(ajar_utf8_width("", 0), 0);
    ck_assert_uint_eq(ajar_utf8_width(LIT("hello")), 5);
    ck_assert_uint_eq(ajar_utf8_width(LIT("Zoë Ångström")), 12);
    ck_assert_uint_eq(ajar_utf8_width(LIT("Zoe\xCC\x88 A\xCC\x8Angstro\xCC\x88m")), 12);
    ck_assert_uint_eq(ajar_utf8_width(LIT("李娜")), 4);
    ck_assert_uint_eq(ajar_utf8_width(LIT("e\xCC\x81")), 1);
    ck_assert_uint_eq(ajar_utf8_width(LIT("Hi 李娜!")), 8);
    ck_assert_uint_eq(ajar_utf8_width(LIT("😀")), 2);
    ck_assert_uint_eq(ajar_utf8_width(LIT("ok 🎉👍")), 7);
    /* Each code point counts on its own, as ncurses draws them. */
    ck_assert_uint_eq(ajar_utf8_width(LIT("👍🏽")), 4);
    ck_assert_uint_eq(ajar_utf8_width(LIT("☺\xEF\xB8\x8F")), 1); /* VS16 adds nothing */
    ck_assert_uint_eq(ajar_utf8_width(LIT("🇫🇷")), 2);
    /* Arabic and Hebrew: one column a letter, marks take none. */
    ck_assert_uint_eq(ajar_utf8_width(LIT("مرحبا")), 5);
    ck_assert_uint_eq(ajar_utf8_width(LIT("مَرْحَبًا")), 5);
    ck_assert_uint_eq(ajar_utf8_width(LIT("שלום")), 4);
    ck_assert_uint_eq(ajar_utf8_width(LIT("שָׁלוֹם")), 4);
    /* Controls take none; each invalid byte takes one. */
    ck_assert_uint_eq(ajar_utf8_width(LIT("a\tb\n")), 2);
    ck_assert_uint_eq(ajar_utf8_width(LIT("a\xFF" "b")), 3);
    ck_assert_uint_eq(ajar_utf8_width(LIT("\xE2\x82")), 2);
    ck_assert_uint_eq(ajar_utf8_width(LIT("\xED\xA0\x80")), 3);
    /* Only len bytes are read. */
    ck_assert_uint_eq(ajar_utf8_width("李娜", 3), 2);
}
END_TEST

/* ---- ajar_utf8_fit / ajar_utf8_char_len / ajar_utf8_prev_char -------------- */

START_TEST(fit_ascii_and_wide)
{
    size_t cols = 99;
    ck_assert_uint_eq(ajar_utf8_fit(LIT("hello"), 3, &cols), 3);
    ck_assert_uint_eq(cols, 3);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("hello"), 10, &cols), 5);
    ck_assert_uint_eq(cols, 5);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("hello"), 0, &cols), 0);
    ck_assert_uint_eq(cols, 0);
    ck_assert_uint_eq(ajar_utf8_fit("", 0, 5, &cols), 0);
    ck_assert_uint_eq(cols, 0);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("hello"), 2, NULL), 2);
    /* Wide characters are never cut in half. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("李娜"), 4, &cols), 6);
    ck_assert_uint_eq(cols, 4);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("李娜"), 3, &cols), 3);
    ck_assert_uint_eq(cols, 2);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("李娜"), 1, &cols), 0);
    ck_assert_uint_eq(cols, 0);
    /* A wide character that would need the last column and one more stays out. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("ab李c"), 3, &cols), 2);
    ck_assert_uint_eq(cols, 2);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("ab李c"), 4, &cols), 5);
    ck_assert_uint_eq(cols, 4);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("a😀"), 2, &cols), 1);
    ck_assert_uint_eq(cols, 1);
    /* Multi-byte one-column characters are not split either. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("Zoë Ångström"), 3, &cols), 4);
    ck_assert_uint_eq(cols, 3);
    /* Invalid bytes take a column each. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("\xFF\xFE" "a"), 2, &cols), 2);
    ck_assert_uint_eq(cols, 2);
}
END_TEST

START_TEST(fit_keeps_marks_with_their_base)
{
    size_t cols = 99;
    /* e + U+0301 is one column and one unit. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("e\xCC\x81x"), 1, &cols), 3);
    ck_assert_uint_eq(cols, 1);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("ae\xCC\x81"), 1, &cols), 1);
    ck_assert_uint_eq(cols, 1);
    /* Several marks stay with one base, up to the next base. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("ae\xCC\x81\xCC\x82" "b"), 2, &cols), 6);
    ck_assert_uint_eq(cols, 2);
    /* Zero-width characters still fit when the columns are used up. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("ab\xE2\x80\x8B" "c"), 2, &cols), 5);
    ck_assert_uint_eq(cols, 2);
    /* Hebrew with points: the points stay with their letters. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("שָׁלוֹם"), 1, &cols), 6);
    ck_assert_uint_eq(cols, 1);
    /* A spacing vowel sign stays with its consonant (कि is two columns). */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("कि"), 1, &cols), 0);
    ck_assert_uint_eq(cols, 0);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("कि"), 2, &cols), 6);
    ck_assert_uint_eq(cols, 2);
    /* Emoji with a skin tone or a variation selector stay whole. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("👍🏽!"), 3, &cols), 0);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("👍🏽!"), 4, &cols), 8);
    ck_assert_uint_eq(cols, 4);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("☺\xEF\xB8\x8F" "x"), 1, &cols), 6);
    ck_assert_uint_eq(cols, 1);
    /* A flag is not split into its two regional indicators. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("🇫🇷🇩🇪"), 3, &cols), 8);
    ck_assert_uint_eq(cols, 2);
    ck_assert_uint_eq(ajar_utf8_fit(LIT("🇫🇷🇩🇪"), 1, &cols), 0);
    /* A control ends a character: no mark is glued to a newline. */
    ck_assert_uint_eq(ajar_utf8_fit(LIT("a\nb"), 1, &cols), 2);
    ck_assert_uint_eq(cols, 1);
}
END_TEST

START_TEST(fit_every_width_gives_a_clean_cut)
{
    static const char s[] = "Zoe\xCC\x88 李娜 e\xCC\x81\xCC\x82 👍🏽 שָׁלוֹם 🇫🇷 कि\xFF!";
    const size_t len = sizeof s - 1;
    const size_t total = ajar_utf8_width(s, len);
    size_t last = 0;
    for (size_t max = 0; max <= total + 2; max++) {
        size_t cols = 99;
        size_t n = ajar_utf8_fit(s, len, max, &cols);
        ck_assert_uint_le(cols, max);
        ck_assert_uint_ge(n, last);
        ck_assert_uint_eq(cols, ajar_utf8_width(s, n));
        /* The cut is at a character boundary: the next bytes start a character. */
        if (n < len) {
            size_t w;
            size_t c = ajar_utf8_char_len(s + n, len - n, &w);
            ck_assert_uint_gt(w, max - cols); /* ... which does not fit */
            ck_assert_uint_eq(ajar_utf8_prev_char(s, len, n + c), n);
            uint32_t cp;
            ajar_utf8_decode(s + n, len - n, &cp);
            ck_assert_int_ne(ajar_cp_width(cp), 0);
        }
        last = n;
    }
    ck_assert_uint_eq(last, len);
}
END_TEST

START_TEST(char_len_groups_what_belongs_together)
{
    size_t cols = 99;
    ck_assert_uint_eq(ajar_utf8_char_len("", 0, &cols), 0);
    ck_assert_uint_eq(cols, 0);
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("ab"), &cols), 1);
    ck_assert_uint_eq(cols, 1);
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("e\xCC\x81\xCC\x82x"), &cols), 5);
    ck_assert_uint_eq(cols, 1);
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("李x"), &cols), 3);
    ck_assert_uint_eq(cols, 2);
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("\xFF\xCC\x81"), &cols), 1);
    ck_assert_uint_eq(cols, 1);
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("\n\xCC\x81"), &cols), 1);
    ck_assert_uint_eq(cols, 0);
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("\xCC\x81\xCC\x82"), &cols), 4); /* lone marks */
    ck_assert_uint_eq(cols, 0);
    /* Woman + ZWJ + laptop is one emoji. */
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("👩\xE2\x80\x8D💻x"), &cols), 11);
    ck_assert_uint_eq(cols, 4);
    /* Regional indicators pair up into flags of two columns. */
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("🇫🇷🇩🇪"), &cols), 8);
    ck_assert_uint_eq(cols, 2);
    ck_assert_uint_eq(ajar_utf8_char_len(&"🇫🇷🇩🇪"[8], 8, &cols), 8);
    ck_assert_uint_eq(cols, 2);
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("🇫x"), &cols), 4);
    ck_assert_uint_eq(cols, 1);
    /* Only len bytes are looked at. */
    ck_assert_uint_eq(ajar_utf8_char_len("e\xCC\x81", 2, &cols), 1);
    ck_assert_uint_eq(ajar_utf8_char_len(LIT("a"), NULL), 1);
}
END_TEST

START_TEST(prev_char_steps_back_over_whole_characters)
{
    static const char s[] = "ae\xCC\x81李\xFF"; /* a | e+U+0301 | 李 | bad byte */
    const size_t len = sizeof s - 1;                  /* 0 | 1..3      | 4..6 | 7 */
    ck_assert_uint_eq(ajar_utf8_prev_char(s, len, 8), 7);
    ck_assert_uint_eq(ajar_utf8_prev_char(s, len, 7), 4);
    ck_assert_uint_eq(ajar_utf8_prev_char(s, len, 4), 1);
    ck_assert_uint_eq(ajar_utf8_prev_char(s, len, 3), 1); /* inside a character */
    ck_assert_uint_eq(ajar_utf8_prev_char(s, len, 2), 1);
    ck_assert_uint_eq(ajar_utf8_prev_char(s, len, 1), 0);
    ck_assert_uint_eq(ajar_utf8_prev_char(s, len, 0), 0);
    ck_assert_uint_eq(ajar_utf8_prev_char(s, len, 100), 7);
    ck_assert_uint_eq(ajar_utf8_prev_char("", 0, 0), 0);
}
END_TEST

/* ---- ajar_utf8_count ------------------------------------------------------- */

START_TEST(count_code_points)
{
    ck_assert_uint_eq(ajar_utf8_count("", 0), 0);
    ck_assert_uint_eq(ajar_utf8_count(LIT("abc")), 3);
    ck_assert_uint_eq(ajar_utf8_count(LIT("Zoë")), 3);
    ck_assert_uint_eq(ajar_utf8_count(LIT("Zoe\xCC\x88")), 4);
    ck_assert_uint_eq(ajar_utf8_count(LIT("李娜")), 2);
    ck_assert_uint_eq(ajar_utf8_count(LIT("😀")), 1);
    ck_assert_uint_eq(ajar_utf8_count(LIT("a\0b")), 3);
    ck_assert_uint_eq(ajar_utf8_count(LIT("a\xFF\xFE" "b")), 4);
    ck_assert_uint_eq(ajar_utf8_count(LIT("\xE2\x82")), 2);
    ck_assert_uint_eq(ajar_utf8_count(LIT("\xF0\x80\x80\x80")), 4);
}
END_TEST

/* ---- ajar_cp_is_control / ajar_utf8_find_control ---------------------------- */

START_TEST(is_control_covers_c0_del_c1)
{
    ck_assert_int_eq(ajar_cp_is_control(0x00), 1);
    ck_assert_int_eq(ajar_cp_is_control('\t'), 1);
    ck_assert_int_eq(ajar_cp_is_control('\n'), 1);
    ck_assert_int_eq(ajar_cp_is_control(0x1B), 1);
    ck_assert_int_eq(ajar_cp_is_control(0x1F), 1);
    ck_assert_int_eq(ajar_cp_is_control(0x7F), 1);
    ck_assert_int_eq(ajar_cp_is_control(0x80), 1);
    ck_assert_int_eq(ajar_cp_is_control(0x85), 1);
    ck_assert_int_eq(ajar_cp_is_control(0x9B), 1);
    ck_assert_int_eq(ajar_cp_is_control(0x9F), 1);
    ck_assert_int_eq(ajar_cp_is_control(0x20), 0);
    ck_assert_int_eq(ajar_cp_is_control('~'), 0);
    ck_assert_int_eq(ajar_cp_is_control(0xA0), 0);
    ck_assert_int_eq(ajar_cp_is_control(0x200D), 0);
    ck_assert_int_eq(ajar_cp_is_control(0x2028), 0);
}
END_TEST

START_TEST(find_control_reports_the_first)
{
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("hello, Zoë 李娜"), 0), NONE);
    ck_assert_uint_eq(ajar_utf8_find_control("", 0, 0), NONE);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("\x1B[31m"), 0), 0);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("a\x01" "b"), 0), 1);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("a\0b"), 0), 1);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("ab\x7F"), 0), 2);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("ab\xC2\x85"), 0), 2);     /* NEL */
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("é\xC2\x9B" "31m"), 0), 2); /* CSI */
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("李\x07"), 0), 3);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("a\tb\x01\n"), 0), 1);
}
END_TEST

START_TEST(find_control_honours_allowed_c0_only)
{
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("one\ntwo\tthree\n"), ALLOW_NL_TAB), NONE);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("one\ntwo"), 0), 3);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("one\ntwo"), 1u << '\t'), 3);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("a\nb\rc"), ALLOW_NL_TAB), 3);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("a\0b"), 1u), NONE);
    /* DEL and C1 cannot be allowed. */
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("\t\n\x1F\x7F"), 0xFFFFFFFFu), 3);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("x\xC2\x85"), 0xFFFFFFFFu), 1);
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("x\xC2\x9B"), 0xFFFFFFFFu), 1);
}
END_TEST

START_TEST(find_control_ignores_invalid_bytes)
{
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("\x85\x9B\xFF"), 0), NONE); /* bare C1 bytes */
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("\xC0\x8A"), 0), NONE); /* overlong newline */
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("\xC2"), 0), NONE);     /* truncated */
    ck_assert_uint_eq(ajar_utf8_find_control(LIT("\xE2\x82\x1B"), 0), 2); /* then ESC */
    /* Only len bytes are looked at. */
    ck_assert_uint_eq(ajar_utf8_find_control("ab\n", 2, 0), NONE);
}
END_TEST

Suite *utf8_suite(void)
{
    Suite *s = suite_create("utf8");

    TCase *tc = tcase_create("decode");
    tcase_add_test(tc, valid_accepts_well_formed_text);
    tcase_add_test(tc, valid_rejects_overlong_forms);
    tcase_add_test(tc, valid_rejects_surrogates_and_beyond_unicode);
    tcase_add_test(tc, valid_rejects_truncated_and_stray_bytes);
    tcase_add_test(tc, decode_reads_each_length);
    tcase_add_test(tc, decode_replaces_bad_bytes_one_at_a_time);
    tcase_add_test(tc, encode_writes_each_length);
    tcase_add_test(tc, encode_refuses_surrogates_and_beyond_unicode);
    tcase_add_test(tc, encode_and_decode_round_trip_every_code_point);
    tcase_add_test(tc, count_code_points);
    suite_add_tcase(s, tc);

    tc = tcase_create("width");
    tcase_add_test(tc, cp_width_by_kind);
    tcase_add_test(tc, width_of_strings);
    tcase_add_test(tc, fit_ascii_and_wide);
    tcase_add_test(tc, fit_keeps_marks_with_their_base);
    tcase_add_test(tc, fit_every_width_gives_a_clean_cut);
    tcase_add_test(tc, char_len_groups_what_belongs_together);
    tcase_add_test(tc, prev_char_steps_back_over_whole_characters);
    suite_add_tcase(s, tc);

    tc = tcase_create("control");
    tcase_add_test(tc, is_control_covers_c0_del_c1);
    tcase_add_test(tc, find_control_reports_the_first);
    tcase_add_test(tc, find_control_honours_allowed_c0_only);
    tcase_add_test(tc, find_control_ignores_invalid_bytes);
    suite_add_tcase(s, tc);
    return s;
}
