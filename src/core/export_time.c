/* export_time.c — the moments an export shows (the e-mail's Date, the calendar's DTSTAMP): now, or a fixed day. */
#include <errno.h>
#include <time.h>

#include "ajar/export.h"

#define SECS_PER_DAY 86400L
#define NINE_AM (9L * 3600L)

ajar_status ajar_export_set_time(ajar_export_opts *opts, const ajar_date *fixed,
                                 ajar_errors *errs)
{
    struct tm tm = {0};
    time_t t;
    if (fixed) {
        /* 09:00 that day: local time for the letter's Date, UTC for the
         * calendar's stamp, so both are the same on every run. */
        tm.tm_year = fixed->year - 1900;
        tm.tm_mon = fixed->month - 1;
        tm.tm_mday = fixed->day;
        tm.tm_hour = 9;
        tm.tm_isdst = -1;
        errno = 0;
        t = mktime(&tm);
        if (t == (time_t)-1 && errno)
            return ajar_errors_add(errs, AJAR_E_IO, NULL, NULL, 0, 0, errno,
                                   "cannot convert the fixed day to local time");
        opts->dtstamp = (time_t)(ajar_date_to_days(*fixed) * SECS_PER_DAY + NINE_AM);
    } else {
        t = time(NULL);
        if (t == (time_t)-1 || !localtime_r(&t, &tm))
            return ajar_errors_add(errs, AJAR_E_IO, NULL, NULL, 0, 0, errno,
                                   "cannot read the clock");
        opts->dtstamp = t;
    }
    long offset = tm.tm_gmtoff / 60;
    opts->date = t;
    opts->utc_offset_min = (int)(offset > 1439 ? 1439 : offset < -1439 ? -1439 : offset);
    return AJAR_OK;
}
