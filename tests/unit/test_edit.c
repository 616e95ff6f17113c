/* test_edit.c — the text field editor (UTF-8 cursor, filtering of controls) and word wrapping. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/edit.h"

Suite *edit_suite(void);

START_TEST(insert_filters_controls_and_line_breaks)
{
    ajar_edit e;
    ajar_edit_init(&e, 0, 0);
    const char *typed = "a\x1b[31mb\r\nc\td\x07" "e";
    ck_assert_int_eq(ajar_edit_insert(&e, typed, strlen(typed)), 7);
    ck_assert_str_eq(e.text, "ab c de");
    ajar_edit_free(&e);
    ajar_edit_init(&e, 1, 0);
    ajar_edit_insert(&e, "one\r\ntwo\rthree\tx\x07", 18);
    ck_assert_str_eq(e.text, "one\ntwo\nthree\tx");
    ajar_edit_free(&e);
}
END_TEST

START_TEST(escape_sequences_are_dropped_whole)
{
    ajar_edit e;
    ajar_edit_init(&e, 0, 0);
    const char *pasted = "Zo\xc3\xab\x1b]0;evil title\x07 \x1b[1;31mred\x1b[0m \xc2\x9b" "2Jx \x1b" "cy \x1b]8;;http://x\x1b\\link";
    ajar_edit_insert(&e, pasted, strlen(pasted));
    ck_assert_str_eq(e.text, "Zo\xc3\xab red x y link");
    ajar_edit_free(&e);
}
END_TEST

START_TEST(invalid_utf8_becomes_replacement_character)
{
    ajar_edit e;
    ajar_edit_init(&e, 0, 0);
    ajar_edit_insert(&e, "a\xff" "b\xc0\xaf", 5);
    ck_assert_str_eq(e.text, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
    ajar_edit_free(&e);
}
END_TEST

START_TEST(max_chars_counts_characters_not_bytes)
{
    ajar_edit e;
    ajar_edit_init(&e, 0, 3);
    ck_assert_int_eq(ajar_edit_insert(&e, "李娜Zoë", strlen("李娜Zoë")), 3);
    ck_assert_str_eq(e.text, "李娜Z");
    ck_assert_int_eq(ajar_edit_insert(&e, "x", 1), 0);
    ajar_edit_free(&e);
}
END_TEST

START_TEST(cursor_moves_by_character_and_word)
{
    ajar_edit e;
    ajar_edit_init(&e, 0, 0);
    ajar_edit_set(&e, "Zoe\xcc\x88 李娜 x");
    ck_assert_uint_eq(e.cursor, e.len);
    ajar_edit_left(&e); /* before x */
    ajar_edit_left(&e); /* before the space */
    ajar_edit_left(&e); /* before 娜 */
    ck_assert_str_eq(e.text + e.cursor, "娜 x");
    ajar_edit_word_left(&e);
    ck_assert_str_eq(e.text + e.cursor, "李娜 x");
    ajar_edit_word_left(&e);
    ck_assert_uint_eq(e.cursor, 0);
    ajar_edit_right(&e);
    ajar_edit_right(&e);
    ajar_edit_right(&e); /* e + combining diaeresis is one character */
    ck_assert_str_eq(e.text + e.cursor, " 李娜 x");
    ajar_edit_word_right(&e);
    ck_assert_str_eq(e.text + e.cursor, "李娜 x");
    ajar_edit_backspace(&e);
    ck_assert_str_eq(e.text, "Zoe\xcc\x88李娜 x");
    ajar_edit_backspace(&e);
    ck_assert_str_eq(e.text, "Zo李娜 x");
    ajar_edit_delete(&e);
    ck_assert_str_eq(e.text, "Zo娜 x");
    ajar_edit_free(&e);
}
END_TEST

START_TEST(kills_and_word_delete)
{
    ajar_edit e;
    ajar_edit_init(&e, 1, 0);
    ajar_edit_set(&e, "first line\nsecond line");
    ajar_edit_delete_word(&e);
    ck_assert_str_eq(e.text, "first line\nsecond ");
    ajar_edit_kill_start(&e);
    ck_assert_str_eq(e.text, "first line\n");
    ajar_edit_up(&e, 80);
    ajar_edit_home(&e);
    ajar_edit_word_right(&e);
    ajar_edit_kill_end(&e);
    ck_assert_str_eq(e.text, "first \n");
    ajar_edit_free(&e);
}
END_TEST

START_TEST(wrap_breaks_at_spaces_and_cuts_long_words)
{
    const char *s = "the quick brown fox";
    ajar_wrap_line l[8];
    ck_assert_uint_eq(ajar_wrap(s, strlen(s), 10, l, 8), 2);
    ck_assert_uint_eq(l[0].len, 9); /* "the quick" */
    ck_assert_uint_eq(l[1].start, 10);
    ck_assert_uint_eq(l[1].cols, 9);
    ck_assert_uint_eq(ajar_wrap("abcdefgh", 8, 3, l, 8), 3);
    ck_assert_uint_eq(l[2].len, 2);
    ck_assert_uint_eq(ajar_wrap("", 0, 5, l, 8), 1);
    ck_assert_uint_eq(ajar_wrap("a\n", 2, 5, l, 8), 2);
    ck_assert_uint_eq(ajar_wrap("a\n\nb", 4, 5, l, 8), 3);
    /* wide characters take two columns: 李娜李 is 6 columns */
    ck_assert_uint_eq(ajar_wrap("李娜李", strlen("李娜李"), 4, l, 8), 2);
    ck_assert_uint_eq(l[0].cols, 4);
    ck_assert_uint_eq(ajar_wrap("李", 3, 1, l, 8), 1); /* never an empty line for a too-wide character */
    ck_assert_uint_eq(ajar_wrap("hello world", 11, 5, l, 8), 2);
    ck_assert_uint_eq(l[1].start, 6);
}
END_TEST

START_TEST(locate_and_vertical_moves)
{
    const char *s = "the quick brown fox";
    size_t row, col;
    ajar_wrap_locate(s, strlen(s), 10, 12, &row, &col);
    ck_assert_uint_eq(row, 1);
    ck_assert_uint_eq(col, 2);
    ajar_edit e;
    ajar_edit_init(&e, 1, 0);
    ajar_edit_set(&e, s);
    ck_assert(ajar_edit_up(&e, 10));
    ck_assert_uint_eq(e.cursor, 9);
    ck_assert(!ajar_edit_up(&e, 10));
    ck_assert(ajar_edit_down(&e, 10));
    ck_assert(!ajar_edit_down(&e, 10));
    ajar_edit_free(&e);
}
END_TEST

Suite *edit_suite(void)
{
    Suite *s = suite_create("edit");
    TCase *tc = tcase_create("edit");
    tcase_add_test(tc, insert_filters_controls_and_line_breaks);
    tcase_add_test(tc, escape_sequences_are_dropped_whole);
    tcase_add_test(tc, invalid_utf8_becomes_replacement_character);
    tcase_add_test(tc, max_chars_counts_characters_not_bytes);
    tcase_add_test(tc, cursor_moves_by_character_and_word);
    tcase_add_test(tc, kills_and_word_delete);
    tcase_add_test(tc, wrap_breaks_at_spaces_and_cuts_long_words);
    tcase_add_test(tc, locate_and_vertical_moves);
    suite_add_tcase(s, tc);
    return s;
}
