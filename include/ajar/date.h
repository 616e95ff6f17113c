/* date.h — calendar dates (YYYY-MM-DD) as day numbers: parse, check, add, write out. */
#ifndef AJAR_DATE_H
#define AJAR_DATE_H

#include <stddef.h>

/* A calendar date in the proleptic Gregorian calendar. The functions below
 * expect a valid one; out-of-range fields are clamped to the nearest valid
 * value (year to 1..9999, month to 1..12, day to the month) rather than
 * trusted. */
typedef struct ajar_date {
    int year;  /* 1..9999 */
    int month; /* 1..12 */
    int day;   /* 1..31, valid for the month */
} ajar_date;

/* Parses exactly "YYYY-MM-DD" (10 characters, nothing before or after) and
 * checks that it names a real day (leap years included; year 0001-9999).
 * Returns 1 and fills *out on success, 0 otherwise (*out untouched). */
int ajar_date_parse(const char *s, ajar_date *out);

/* Parses exactly "YYYY-MM-DD HH:MM" (16 characters: a real day as
 * ajar_date_parse wants it, one space, hours 00-23, minutes 00-59, nothing
 * before or after) and stores the day in *date and the minutes since
 * midnight (0..1439) in *minutes. Returns 1 on success, 0 otherwise (the
 * outputs untouched). "2026-11-20T10:00", "2026-11-20 24:00" and
 * "2026-11-20 9:30" are refused. */
int ajar_datetime_parse(const char *s, ajar_date *date, int *minutes);

/* 1 for a leap year of the proleptic Gregorian calendar (2000 and 2024 are,
 * 1900 is not). */
int ajar_date_is_leap(int year);

/* Days in the month (28-31), or 0 when month is not 1..12. */
int ajar_date_days_in_month(int year, int month);

/* 1 when d is a real day between 0001-01-01 and 9999-12-31. */
int ajar_date_valid(ajar_date d);

/* Writes d as "YYYY-MM-DD" into buf (11 bytes with the NUL). */
void ajar_date_format_iso(ajar_date d, char buf[11]);

/* Days since 1970-01-01 (negative before), for differences and weekdays. */
long ajar_date_to_days(ajar_date d);

/* The inverse of ajar_date_to_days. Days before 0001-01-01 or after
 * 9999-12-31 give those dates, so the result is always valid. */
ajar_date ajar_date_from_days(long days);

/* Day of the week, 0 = Monday ... 6 = Sunday. */
int ajar_date_weekday(ajar_date d);

/* b - a in days. */
long ajar_date_diff(ajar_date a, ajar_date b);

/* d plus n days (n may be negative), kept within 0001-01-01..9999-12-31. */
ajar_date ajar_date_add_days(ajar_date d, long n);

/* d plus n calendar months, the day clamped to the end of the target month
 * (2026-01-31 + 1 month = 2026-02-28); n may be negative. The year is kept
 * within 0001..9999. */
ajar_date ajar_date_add_months(ajar_date d, int n);

/* English names: "Monday".."Sunday", "January".."December"; "?" for a
 * number out of range. */
const char *ajar_weekday_name(int weekday);
const char *ajar_month_name(int month);

/* Writes d out in words, e.g. "Friday 20 November 2026", into buf (at least
 * 32 bytes). */
void ajar_date_format_long(ajar_date d, char *buf, size_t size);

/* Today's date: from the environment variable AJAR_TODAY when it holds a
 * valid date (for reproducible output), else the local calendar date.
 * Returns 1 on success, 0 when AJAR_TODAY is set but not a valid date (an
 * empty value is not one) or the clock cannot be read; *out is untouched on
 * failure. */
int ajar_date_today(ajar_date *out);

#endif
