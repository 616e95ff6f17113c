/* test_date.c — date parsing, calendar arithmetic, names, formatting and AJAR_TODAY. */
#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ajar/date.h"

Suite *date_suite(void);

static ajar_date D(int y, int m, int d)
{
    ajar_date r = {y, m, d};
    return r;
}

#define ck_assert_date(got, y, m, d)                                                               \
    do {                                                                                           \
        ajar_date g_ = (got);                                                                      \
        ck_assert_msg(g_.year == (y) && g_.month == (m) && g_.day == (d),                          \
                      "got %04d-%02d-%02d, want %04d-%02d-%02d", g_.year, g_.month, g_.day, (y),   \
                      (m), (d));                                                                   \
    } while (0)

/* ---- parsing and validity ---------------------------------------------------- */

START_TEST(parse_accepts_real_days)
{
    ajar_date d;
    ck_assert_int_eq(ajar_date_parse("2026-11-20", &d), 1);
    ck_assert_date(d, 2026, 11, 20);
    ck_assert_int_eq(ajar_date_parse("2024-02-29", &d), 1);
    ck_assert_date(d, 2024, 2, 29);
    ck_assert_int_eq(ajar_date_parse("2000-02-29", &d), 1);
    ck_assert_int_eq(ajar_date_parse("1900-02-28", &d), 1);
    ck_assert_int_eq(ajar_date_parse("2026-04-30", &d), 1);
    ck_assert_int_eq(ajar_date_parse("0001-01-01", &d), 1);
    ck_assert_date(d, 1, 1, 1);
    ck_assert_int_eq(ajar_date_parse("9999-12-31", &d), 1);
    ck_assert_date(d, 9999, 12, 31);
}
END_TEST

START_TEST(parse_rejects_everything_else)
{
    static const char *const bad[] = {
        "2026-2-1",    "2026-02-1",   "2026-2-01",   "26-02-01",    "02026-02-01",
        "2026-02-30",  "2025-02-29",  "1900-02-29",  "2026-04-31",  "2026-01-32",
        "2026-13-01",  "2026-00-10",  "2026-01-00",  "0000-01-01",  " 2026-01-01",
        "2026-01-01 ", "2026-01-01x", "2026-01-01\n", "2026/01/01", "2026-01/01",
        "20260101",    "2026-01",     "2026",        "",            "+026-01-01",
        "-026-01-01",  "2026-+1-01",  "2026-01--1",  "2026-O1-01",  "２０２６-01-01",
        "2026-01-01T00:00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ajar_date d = {7, 7, 7};
        ck_assert_msg(ajar_date_parse(bad[i], &d) == 0, "accepted \"%s\"", bad[i]);
        ck_assert_date(d, 7, 7, 7); /* untouched */
    }
    ajar_date d = {7, 7, 7};
    ck_assert_int_eq(ajar_date_parse(NULL, &d), 0);
    ck_assert_int_eq(ajar_date_parse("2026-01-01\0junk", &d), 1); /* the string ends at NUL */
}
END_TEST

START_TEST(datetime_parse_is_strict)
{
    ajar_date d;
    int min = -1;
    ck_assert_int_eq(ajar_datetime_parse("2026-11-20 13:05", &d, &min), 1);
    ck_assert_date(d, 2026, 11, 20);
    ck_assert_int_eq(min, 13 * 60 + 5);
    ck_assert_int_eq(ajar_datetime_parse("2024-02-29 00:00", &d, &min), 1);
    ck_assert_int_eq(min, 0);
    ck_assert_int_eq(ajar_datetime_parse("2026-12-31 23:59", &d, &min), 1);
    ck_assert_int_eq(min, 1439);
    static const char *const bad[] = {
        "2026-02-30 10:00", "2026-11-20 24:00", "2026-11-20 23:60", "2026-11-20T10:00",
        "2026-11-20 9:30",  "2026-11-20 09:3",  "2026-11-20 10:00:00", "2026-11-20 10:00Z",
        "2026-11-20",       "2026-11-20 ",      " 2026-11-20 10:00", "2026-11-20  10:00",
        "2026-11-20 10.00", "2026-11-20 1000",  "2026-11-20 ١٠:٠٠",   "",
        "2026-11-20 -1:00", "2026-11-20 10:00\n", "2025-02-29 12:00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ajar_date u = {7, 7, 7};
        int m = 99;
        ck_assert_msg(ajar_datetime_parse(bad[i], &u, &m) == 0, "accepted \"%s\"", bad[i]);
        ck_assert_date(u, 7, 7, 7);
        ck_assert_int_eq(m, 99);
    }
    ck_assert_int_eq(ajar_datetime_parse(NULL, &d, &min), 0);
}
END_TEST

START_TEST(leap_years_and_month_lengths)
{
    ck_assert_int_eq(ajar_date_is_leap(2000), 1);
    ck_assert_int_eq(ajar_date_is_leap(2400), 1);
    ck_assert_int_eq(ajar_date_is_leap(2024), 1);
    ck_assert_int_eq(ajar_date_is_leap(4), 1);
    ck_assert_int_eq(ajar_date_is_leap(1900), 0);
    ck_assert_int_eq(ajar_date_is_leap(2100), 0);
    ck_assert_int_eq(ajar_date_is_leap(2023), 0);
    ck_assert_int_eq(ajar_date_is_leap(2026), 0);

    ck_assert_int_eq(ajar_date_days_in_month(2024, 2), 29);
    ck_assert_int_eq(ajar_date_days_in_month(2000, 2), 29);
    ck_assert_int_eq(ajar_date_days_in_month(1900, 2), 28);
    ck_assert_int_eq(ajar_date_days_in_month(2026, 2), 28);
    ck_assert_int_eq(ajar_date_days_in_month(2026, 1), 31);
    ck_assert_int_eq(ajar_date_days_in_month(2026, 4), 30);
    ck_assert_int_eq(ajar_date_days_in_month(2026, 9), 30);
    ck_assert_int_eq(ajar_date_days_in_month(2026, 12), 31);
    ck_assert_int_eq(ajar_date_days_in_month(2026, 0), 0);
    ck_assert_int_eq(ajar_date_days_in_month(2026, 13), 0);

    ck_assert_int_eq(ajar_date_valid(D(2024, 2, 29)), 1);
    ck_assert_int_eq(ajar_date_valid(D(1, 1, 1)), 1);
    ck_assert_int_eq(ajar_date_valid(D(9999, 12, 31)), 1);
    ck_assert_int_eq(ajar_date_valid(D(2025, 2, 29)), 0);
    ck_assert_int_eq(ajar_date_valid(D(0, 1, 1)), 0);
    ck_assert_int_eq(ajar_date_valid(D(10000, 1, 1)), 0);
    ck_assert_int_eq(ajar_date_valid(D(2026, 0, 1)), 0);
    ck_assert_int_eq(ajar_date_valid(D(2026, 1, 0)), 0);
    ck_assert_int_eq(ajar_date_valid(D(2026, 1, -5)), 0);
}
END_TEST

/* ---- day numbers -------------------------------------------------------------- */

START_TEST(day_numbers_of_known_dates)
{
    ck_assert_int_eq(ajar_date_to_days(D(1970, 1, 1)), 0);
    ck_assert_int_eq(ajar_date_to_days(D(1970, 1, 2)), 1);
    ck_assert_int_eq(ajar_date_to_days(D(1969, 12, 31)), -1);
    ck_assert_int_eq(ajar_date_to_days(D(2000, 1, 1)), 10957);
    ck_assert_int_eq(ajar_date_to_days(D(2026, 11, 20)), 20777);
    ck_assert_int_eq(ajar_date_to_days(D(1900, 1, 1)), -25567);
    ck_assert_int_eq(ajar_date_to_days(D(1, 1, 1)), -719162);
    ck_assert_int_eq(ajar_date_to_days(D(9999, 12, 31)), 2932896);
    ck_assert_date(ajar_date_from_days(0), 1970, 1, 1);
    ck_assert_date(ajar_date_from_days(-1), 1969, 12, 31);
    ck_assert_date(ajar_date_from_days(20777), 2026, 11, 20);
    ck_assert_date(ajar_date_from_days(-719162), 1, 1, 1);
    ck_assert_date(ajar_date_from_days(2932896), 9999, 12, 31);
    /* Beyond the supported years the ends are returned. */
    ck_assert_date(ajar_date_from_days(-719163), 1, 1, 1);
    ck_assert_date(ajar_date_from_days(LONG_MIN), 1, 1, 1);
    ck_assert_date(ajar_date_from_days(2932897), 9999, 12, 31);
    ck_assert_date(ajar_date_from_days(LONG_MAX), 9999, 12, 31);
}
END_TEST

START_TEST(day_numbers_round_trip_over_every_supported_day)
{
    /* Checked by hand and asserted once: every passing ck_assert leaves a mark. */
    ajar_date prev = D(1, 1, 1);
    long failures = 0, first = 0;
    for (long n = -719162; n <= 2932896; n++) {
        ajar_date d = ajar_date_from_days(n);
        int ok = ajar_date_valid(d) && ajar_date_to_days(d) == n;
        if (n > -719162) {
            /* d is the day after prev. */
            int next = (d.year == prev.year && d.month == prev.month && d.day == prev.day + 1) ||
                       (d.year == prev.year && d.month == prev.month + 1 && d.day == 1 &&
                        prev.day == ajar_date_days_in_month(prev.year, prev.month)) ||
                       (d.year == prev.year + 1 && d.month == 1 && d.day == 1 && prev.month == 12 &&
                        prev.day == 31);
            ok = ok && next;
        }
        if (!ok && failures++ == 0)
            first = n;
        prev = d;
    }
    ck_assert_msg(failures == 0, "%ld day numbers fail, the first %ld", failures, first);
    ck_assert_date(prev, 9999, 12, 31);
}
END_TEST

START_TEST(weekdays_of_known_dates)
{
    ck_assert_int_eq(ajar_date_weekday(D(2026, 11, 20)), 4); /* Friday */
    ck_assert_int_eq(ajar_date_weekday(D(1970, 1, 1)), 3);   /* Thursday */
    ck_assert_int_eq(ajar_date_weekday(D(1969, 12, 31)), 2); /* Wednesday */
    ck_assert_int_eq(ajar_date_weekday(D(2000, 1, 1)), 5);   /* Saturday */
    ck_assert_int_eq(ajar_date_weekday(D(2024, 2, 29)), 3);  /* Thursday */
    ck_assert_int_eq(ajar_date_weekday(D(1900, 1, 1)), 0);   /* Monday */
    ck_assert_int_eq(ajar_date_weekday(D(1, 1, 1)), 0);      /* Monday */
    ck_assert_int_eq(ajar_date_weekday(D(9999, 12, 31)), 4); /* Friday */
    ck_assert_int_eq(ajar_date_weekday(D(2026, 11, 22)), 6); /* Sunday */
}
END_TEST

START_TEST(differences_across_months_and_years)
{
    ck_assert_int_eq(ajar_date_diff(D(2026, 11, 20), D(2026, 11, 20)), 0);
    ck_assert_int_eq(ajar_date_diff(D(2025, 12, 31), D(2026, 1, 1)), 1);
    ck_assert_int_eq(ajar_date_diff(D(2026, 1, 1), D(2025, 12, 31)), -1);
    ck_assert_int_eq(ajar_date_diff(D(2024, 1, 1), D(2025, 1, 1)), 366);
    ck_assert_int_eq(ajar_date_diff(D(2023, 1, 1), D(2024, 1, 1)), 365);
    ck_assert_int_eq(ajar_date_diff(D(2000, 2, 28), D(2000, 3, 1)), 2);
    ck_assert_int_eq(ajar_date_diff(D(1900, 2, 28), D(1900, 3, 1)), 1);
    ck_assert_int_eq(ajar_date_diff(D(1900, 1, 1), D(2000, 1, 1)), 36524);
    ck_assert_int_eq(ajar_date_diff(D(2000, 1, 1), D(2400, 1, 1)), 146097);
    ck_assert_int_eq(ajar_date_diff(D(2026, 11, 20), D(2027, 11, 20)), 365);
    ck_assert_int_eq(ajar_date_diff(D(2027, 11, 20), D(2028, 11, 20)), 366);
}
END_TEST

/* ---- adding days and months --------------------------------------------------- */

START_TEST(add_days_crosses_months_and_years)
{
    ck_assert_date(ajar_date_add_days(D(2024, 2, 28), 1), 2024, 2, 29);
    ck_assert_date(ajar_date_add_days(D(2024, 2, 28), 2), 2024, 3, 1);
    ck_assert_date(ajar_date_add_days(D(2026, 2, 28), 1), 2026, 3, 1);
    ck_assert_date(ajar_date_add_days(D(2026, 12, 31), 1), 2027, 1, 1);
    ck_assert_date(ajar_date_add_days(D(2026, 1, 1), -1), 2025, 12, 31);
    ck_assert_date(ajar_date_add_days(D(2026, 3, 1), -1), 2026, 2, 28);
    ck_assert_date(ajar_date_add_days(D(2026, 11, 20), 0), 2026, 11, 20);
    ck_assert_date(ajar_date_add_days(D(2026, 11, 20), 365), 2027, 11, 20);
    ck_assert_date(ajar_date_add_days(D(2026, 11, 20), -20777), 1970, 1, 1);
    /* The supported range is kept. */
    ck_assert_date(ajar_date_add_days(D(9999, 12, 31), 1), 9999, 12, 31);
    ck_assert_date(ajar_date_add_days(D(2026, 1, 1), LONG_MAX), 9999, 12, 31);
    ck_assert_date(ajar_date_add_days(D(1, 1, 1), -1), 1, 1, 1);
    ck_assert_date(ajar_date_add_days(D(2026, 1, 1), LONG_MIN), 1, 1, 1);
}
END_TEST

START_TEST(add_months_clamps_to_the_end_of_the_month)
{
    ck_assert_date(ajar_date_add_months(D(2024, 1, 31), 1), 2024, 2, 29);
    ck_assert_date(ajar_date_add_months(D(2026, 1, 31), 1), 2026, 2, 28);
    ck_assert_date(ajar_date_add_months(D(2026, 11, 30), 3), 2027, 2, 28);
    ck_assert_date(ajar_date_add_months(D(2026, 1, 31), 3), 2026, 4, 30);
    ck_assert_date(ajar_date_add_months(D(2024, 2, 29), 12), 2025, 2, 28);
    ck_assert_date(ajar_date_add_months(D(2024, 2, 29), 48), 2028, 2, 29);
    ck_assert_date(ajar_date_add_months(D(2026, 11, 20), 0), 2026, 11, 20);
    ck_assert_date(ajar_date_add_months(D(2026, 11, 20), 1), 2026, 12, 20);
    ck_assert_date(ajar_date_add_months(D(2026, 11, 20), 2), 2027, 1, 20);
    ck_assert_date(ajar_date_add_months(D(2026, 11, 20), 26), 2029, 1, 20);
}
END_TEST

START_TEST(add_months_goes_backwards)
{
    ck_assert_date(ajar_date_add_months(D(2026, 3, 31), -1), 2026, 2, 28);
    ck_assert_date(ajar_date_add_months(D(2024, 3, 31), -1), 2024, 2, 29);
    ck_assert_date(ajar_date_add_months(D(2026, 1, 15), -1), 2025, 12, 15);
    ck_assert_date(ajar_date_add_months(D(2026, 1, 15), -12), 2025, 1, 15);
    ck_assert_date(ajar_date_add_months(D(2026, 1, 15), -13), 2024, 12, 15);
    ck_assert_date(ajar_date_add_months(D(2026, 5, 31), -3), 2026, 2, 28);
    ck_assert_date(ajar_date_add_months(D(2026, 12, 31), -24), 2024, 12, 31);
    /* The supported range is kept. */
    ck_assert_date(ajar_date_add_months(D(1, 3, 15), -5), 1, 1, 15);
    ck_assert_date(ajar_date_add_months(D(2026, 3, 15), INT_MIN), 1, 1, 15);
    ck_assert_date(ajar_date_add_months(D(9999, 11, 30), 5), 9999, 12, 30);
    ck_assert_date(ajar_date_add_months(D(2026, 3, 31), INT_MAX), 9999, 12, 31);
}
END_TEST

/* ---- names and formatting ------------------------------------------------------ */

START_TEST(names_in_english)
{
    ck_assert_str_eq(ajar_weekday_name(0), "Monday");
    ck_assert_str_eq(ajar_weekday_name(4), "Friday");
    ck_assert_str_eq(ajar_weekday_name(6), "Sunday");
    ck_assert_str_eq(ajar_weekday_name(7), "?");
    ck_assert_str_eq(ajar_weekday_name(-1), "?");
    ck_assert_str_eq(ajar_month_name(1), "January");
    ck_assert_str_eq(ajar_month_name(9), "September");
    ck_assert_str_eq(ajar_month_name(12), "December");
    ck_assert_str_eq(ajar_month_name(0), "?");
    ck_assert_str_eq(ajar_month_name(13), "?");
}
END_TEST

START_TEST(format_iso_pads_with_zeros)
{
    char buf[11];
    ajar_date_format_iso(D(2026, 11, 20), buf);
    ck_assert_str_eq(buf, "2026-11-20");
    ajar_date_format_iso(D(1, 2, 3), buf);
    ck_assert_str_eq(buf, "0001-02-03");
    ajar_date_format_iso(D(9999, 12, 31), buf);
    ck_assert_str_eq(buf, "9999-12-31");
    /* Out-of-range fields are clamped, never written past the buffer. */
    ajar_date_format_iso(D(123456, 99, -4), buf);
    ck_assert_str_eq(buf, "9999-12-01");
    ajar_date_format_iso(D(2025, 2, 29), buf);
    ck_assert_str_eq(buf, "2025-02-28");
    /* It reads back as the same date. */
    ajar_date back;
    ajar_date_format_iso(D(2024, 2, 29), buf);
    ck_assert_int_eq(ajar_date_parse(buf, &back), 1);
    ck_assert_date(back, 2024, 2, 29);
}
END_TEST

START_TEST(format_long_in_words)
{
    char buf[32];
    ajar_date_format_long(D(2026, 11, 20), buf, sizeof buf);
    ck_assert_str_eq(buf, "Friday 20 November 2026");
    ajar_date_format_long(D(1970, 1, 1), buf, sizeof buf);
    ck_assert_str_eq(buf, "Thursday 1 January 1970");
    ajar_date_format_long(D(9999, 9, 29), buf, sizeof buf); /* the longest there is */
    ck_assert_str_eq(buf, "Wednesday 29 September 9999");
    ajar_date_format_long(D(1, 1, 1), buf, sizeof buf);
    ck_assert_str_eq(buf, "Monday 1 January 1");
    /* A short buffer gets a cut, terminated string; size 0 writes nothing. */
    ajar_date_format_long(D(2026, 11, 20), buf, 7);
    ck_assert_str_eq(buf, "Friday");
    buf[0] = 'x';
    ajar_date_format_long(D(2026, 11, 20), buf, 0);
    ck_assert_int_eq(buf[0], 'x');
    ajar_date_format_long(D(2026, 11, 20), NULL, 0);
}
END_TEST

/* ---- today ------------------------------------------------------------------- */

START_TEST(today_from_ajar_today)
{
    ajar_date d = {7, 7, 7};
    ck_assert_int_eq(setenv("AJAR_TODAY", "2026-11-20", 1), 0);
    ck_assert_int_eq(ajar_date_today(&d), 1);
    ck_assert_date(d, 2026, 11, 20);
    ck_assert_int_eq(setenv("AJAR_TODAY", "2024-02-29", 1), 0);
    ck_assert_int_eq(ajar_date_today(&d), 1);
    ck_assert_date(d, 2024, 2, 29);
    unsetenv("AJAR_TODAY");
}
END_TEST

START_TEST(today_rejects_a_bad_ajar_today)
{
    static const char *const bad[] = {"2026-02-30", "2026-2-1", "tomorrow", " 2026-01-01", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ajar_date d = {7, 7, 7};
        ck_assert_int_eq(setenv("AJAR_TODAY", bad[i], 1), 0);
        ck_assert_msg(ajar_date_today(&d) == 0, "accepted AJAR_TODAY=\"%s\"", bad[i]);
        ck_assert_date(d, 7, 7, 7);
    }
    unsetenv("AJAR_TODAY");
}
END_TEST

START_TEST(today_from_the_clock)
{
    unsetenv("AJAR_TODAY");
    struct tm before, after;
    time_t t0 = time(NULL);
    ck_assert_ptr_nonnull(localtime_r(&t0, &before));
    ajar_date d;
    ck_assert_int_eq(ajar_date_today(&d), 1);
    time_t t1 = time(NULL);
    ck_assert_ptr_nonnull(localtime_r(&t1, &after));
    ck_assert_int_eq(ajar_date_valid(d), 1);
    /* Midnight may pass in between: either reading is right. */
    int is_before = d.year == before.tm_year + 1900 && d.month == before.tm_mon + 1 &&
                    d.day == before.tm_mday;
    int is_after = d.year == after.tm_year + 1900 && d.month == after.tm_mon + 1 &&
                   d.day == after.tm_mday;
    ck_assert(is_before || is_after);
}
END_TEST

Suite *date_suite(void)
{
    Suite *s = suite_create("date");

    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, parse_accepts_real_days);
    tcase_add_test(tc, parse_rejects_everything_else);
    tcase_add_test(tc, datetime_parse_is_strict);
    tcase_add_test(tc, leap_years_and_month_lengths);
    suite_add_tcase(s, tc);

    tc = tcase_create("arithmetic");
    tcase_add_test(tc, day_numbers_of_known_dates);
    tcase_add_test(tc, day_numbers_round_trip_over_every_supported_day);
    tcase_add_test(tc, weekdays_of_known_dates);
    tcase_add_test(tc, differences_across_months_and_years);
    tcase_add_test(tc, add_days_crosses_months_and_years);
    tcase_add_test(tc, add_months_clamps_to_the_end_of_the_month);
    tcase_add_test(tc, add_months_goes_backwards);
    suite_add_tcase(s, tc);

    tc = tcase_create("format");
    tcase_add_test(tc, names_in_english);
    tcase_add_test(tc, format_iso_pads_with_zeros);
    tcase_add_test(tc, format_long_in_words);
    suite_add_tcase(s, tc);

    tc = tcase_create("today");
    tcase_add_test(tc, today_from_ajar_today);
    tcase_add_test(tc, today_rejects_a_bad_ajar_today);
    tcase_add_test(tc, today_from_the_clock);
    suite_add_tcase(s, tc);
    return s;
}
