/* date.c — proleptic Gregorian dates: strict ISO parsing, day-number arithmetic and English formatting. */
#include "ajar/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MIN_YEAR 1
#define MAX_YEAR 9999
#define MIN_DAYS (-719162L) /* 0001-01-01 */
#define MAX_DAYS 2932896L   /* 9999-12-31 */

static const char *const weekday_names[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

int ajar_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int ajar_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && ajar_date_is_leap(year))
        return 29;
    return days[month - 1];
}

int ajar_date_valid(ajar_date d)
{
    return d.year >= MIN_YEAR && d.year <= MAX_YEAR && d.month >= 1 && d.month <= 12 &&
           d.day >= 1 && d.day <= ajar_date_days_in_month(d.year, d.month);
}

static int clamp_int(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The nearest valid date to d, field by field (a valid d comes back as is). */
static ajar_date clamp_date(ajar_date d)
{
    d.year = clamp_int(d.year, MIN_YEAR, MAX_YEAR);
    d.month = clamp_int(d.month, 1, 12);
    d.day = clamp_int(d.day, 1, ajar_date_days_in_month(d.year, d.month));
    return d;
}

/* Reads n ASCII digits (not locale digits) from s into *v; 0 if any is not
 * a digit. Stops at the first non-digit, so it never reads past a NUL. */
static int read_digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

int ajar_date_parse(const char *s, ajar_date *out)
{
    ajar_date d;
    if (!s || !read_digits(s, 4, &d.year) || s[4] != '-' || !read_digits(s + 5, 2, &d.month) ||
        s[7] != '-' || !read_digits(s + 8, 2, &d.day) || s[10] != '\0')
        return 0;
    if (!ajar_date_valid(d))
        return 0;
    *out = d;
    return 1;
}

int ajar_datetime_parse(const char *s, ajar_date *date, int *minutes)
{
    char day[11];
    int h, m;
    if (!s)
        return 0;
    for (int i = 0; i < 10; i++)
        if (!(day[i] = s[i]))
            return 0;
    day[10] = '\0';
    ajar_date d;
    if (!ajar_date_parse(day, &d) || s[10] != ' ' || !read_digits(s + 11, 2, &h) ||
        s[13] != ':' || !read_digits(s + 14, 2, &m) || s[16] != '\0' || h > 23 || m > 59)
        return 0;
    *date = d;
    *minutes = h * 60 + m;
    return 1;
}

/* Writes v as exactly n decimal digits (v must be in 0..10^n - 1). */
static void put_digits(char *p, int n, int v)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void ajar_date_format_iso(ajar_date d, char buf[11])
{
    d = clamp_date(d);
    put_digits(buf, 4, d.year);
    buf[4] = '-';
    put_digits(buf + 5, 2, d.month);
    buf[7] = '-';
    put_digits(buf + 8, 2, d.day);
    buf[10] = '\0';
}

/* Day numbers count from 1970-01-01. The computation shifts the year to
 * start on 1 March, so that the leap day is the last day of its year, and
 * works in 400-year eras of 146097 days, which repeat exactly. Day 0 of
 * era 0 is 0000-03-01, 719468 days before 1970-01-01. */
long ajar_date_to_days(ajar_date d)
{
    d = clamp_date(d);
    long y = d.year - (d.month <= 2);          /* year starting in March */
    long era = y / 400;                        /* y >= 0 here */
    long yoe = y - era * 400;                  /* year of era, 0..399 */
    long mp = (d.month + 9) % 12;              /* March = 0 ... February = 11 */
    long doy = (153 * mp + 2) / 5 + d.day - 1; /* day of the March year, 0..365 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* day of era, 0..146096 */
    return era * 146097 + doe - 719468;
}

ajar_date ajar_date_from_days(long days)
{
    if (days < MIN_DAYS)
        days = MIN_DAYS;
    if (days > MAX_DAYS)
        days = MAX_DAYS;
    long z = days + 719468; /* > 0 for every day from 0001-01-01 on */
    long era = z / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    ajar_date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

int ajar_date_weekday(ajar_date d)
{
    /* 1970-01-01 was a Thursday (3). */
    long days = ajar_date_to_days(d);
    return (int)(((days % 7) + 7 + 3) % 7);
}

long ajar_date_diff(ajar_date a, ajar_date b)
{
    return ajar_date_to_days(b) - ajar_date_to_days(a);
}

ajar_date ajar_date_add_days(ajar_date d, long n)
{
    long base = ajar_date_to_days(d);
    if (n > MAX_DAYS - base)
        return ajar_date_from_days(MAX_DAYS);
    if (n < MIN_DAYS - base)
        return ajar_date_from_days(MIN_DAYS);
    return ajar_date_from_days(base + n);
}

ajar_date ajar_date_add_months(ajar_date d, int n)
{
    d = clamp_date(d);
    long long m = (long long)d.year * 12 + (d.month - 1) + n;
    if (m < (long long)MIN_YEAR * 12)
        m = (long long)MIN_YEAR * 12;
    if (m > (long long)MAX_YEAR * 12 + 11)
        m = (long long)MAX_YEAR * 12 + 11;
    d.year = (int)(m / 12);
    d.month = (int)(m % 12) + 1;
    int last = ajar_date_days_in_month(d.year, d.month);
    if (d.day > last)
        d.day = last;
    return d;
}

const char *ajar_weekday_name(int weekday)
{
    return weekday >= 0 && weekday <= 6 ? weekday_names[weekday] : "?";
}

const char *ajar_month_name(int month)
{
    return month >= 1 && month <= 12 ? month_names[month - 1] : "?";
}

void ajar_date_format_long(ajar_date d, char *buf, size_t size)
{
    if (!buf || size == 0)
        return;
    d = clamp_date(d);
    snprintf(buf, size, "%s %d %s %d", ajar_weekday_name(ajar_date_weekday(d)), d.day,
             ajar_month_name(d.month), d.year);
}

int ajar_date_today(ajar_date *out)
{
    const char *env = getenv("AJAR_TODAY");
    if (env)
        return ajar_date_parse(env, out);
    time_t now = time(NULL);
    struct tm tm;
    if (now == (time_t)-1 || !localtime_r(&now, &tm))
        return 0;
    ajar_date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    if (!ajar_date_valid(d))
        return 0;
    *out = d;
    return 1;
}
