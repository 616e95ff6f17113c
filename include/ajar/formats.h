/* formats.h — low-level writers for the export formats: e-mail, mailto URIs, CSV and iCalendar. */
#ifndef AJAR_FORMATS_H
#define AJAR_FORMATS_H

#include <stddef.h>
#include <time.h>

#include "ajar/date.h"
#include "ajar/error.h"
#include "ajar/strbuf.h"

/* These functions know nothing about drafts: they take plain UTF-8 strings
 * and produce bytes. Output is reproducible (no clock, no randomness, no
 * locale). Every writer checks all of its input first and appends to `out`
 * only when everything is acceptable, so a failed call leaves `out` as it
 * was. Problems go to `errs` (which may be NULL) with the offending field
 * named: AJAR_E_INVALID for input the format cannot carry safely,
 * AJAR_E_USAGE for a meaningless call, AJAR_E_NOMEM when memory ran out. */

/* ---- identifiers (fmt_id.c) --------------------------------------------------- */

/* Room for an identifier: 32 hex digits and the NUL. */
#define AJAR_FMT_ID_SIZE 33

/* Writes into out 32 lowercase hex digits derived from the n strings
 * parts[0..n) (a NULL part is distinct from ""; the boundaries between parts
 * count, so {"ab","c"} and {"a","bc"} differ). The same parts give the same
 * identifier on every machine and run. Not cryptographic: it is for
 * Message-ID and UID values that must be stable, not secret. */
void ajar_fmt_id(const char *const *parts, size_t n, char out[AJAR_FMT_ID_SIZE]);

/* ---- input checks shared by the writers (fmt_check.c) ------------------------- */

/* Appends everything a writer staged in `staged` to `out` and frees
 * `staged`, so that a writer adds its whole output or nothing. Returns
 * AJAR_OK, or AJAR_E_NOMEM (with an error in errs, which may be NULL) when
 * either buffer ran out of memory; `staged` is freed in every case. */
ajar_status ajar_fmt_commit(ajar_strbuf *out, ajar_strbuf *staged, ajar_errors *errs);

/* What ajar_fmt_check_text lets through besides printable text; or them. */
#define AJAR_FMT_ALLOW_TAB 1u /* horizontal tab */
#define AJAR_FMT_ALLOW_LF 2u  /* LF, and CR when it comes right before LF */
#define AJAR_FMT_ALLOW_CR 4u  /* CR anywhere (with AJAR_FMT_ALLOW_LF: any line ends) */

/* Checks that s is valid UTF-8 without control characters (C0, DEL, C1)
 * other than those `allow` names. Returns AJAR_OK, or AJAR_E_INVALID with
 * one error for `field` in errs (which may be NULL) saying what is wrong and
 * at which character. A NULL s is fine (it counts as ""). */
ajar_status ajar_fmt_check_text(const char *s, const char *field, unsigned allow,
                                ajar_errors *errs);

/* 1 when s is a host name: labels of 1-63 ASCII letters, digits and
 * hyphens (none at either end of a label) separated by single dots, at most
 * 253 bytes in all ("example.com", "ajar.invalid", "localhost"). */
int ajar_fmt_domain_valid(const char *s);

/* 1 when addr is an addr-spec the writers accept: local@domain where the
 * local part (at most 64 bytes) is a dot-atom (non-empty runs of ASCII
 * letters, digits and !#$%&'*+-/=?^_`{|}~ separated by single dots) and the
 * domain passes ajar_fmt_domain_valid. So no quoted local parts, domain
 * literals, non-ASCII addresses, spaces, controls or any of <>()[]:;@\,"
 * in the local part: an address can never break out of its header or URI. */
int ajar_fmt_address_valid(const char *addr);

/* ---- e-mail message (fmt_eml.c): RFC 5322, MIME (RFC 2045), RFC 2047 ----------- */

/* A mailbox: an optional display name and an address. */
typedef struct ajar_mailbox {
    const char *name;    /* display name, UTF-8, one line; NULL or "" for none */
    const char *address; /* addr-spec, see ajar_fmt_address_valid; NULL for none */
} ajar_mailbox;

/* An unsent message. Every string is borrowed for the call only. */
typedef struct ajar_eml {
    ajar_mailbox from;        /* address required */
    ajar_mailbox to;          /* address NULL or "": no To header (name ignored) */
    const char *subject;      /* UTF-8, one line; NULL or "" for an empty subject */
    const char *body;         /* UTF-8 text with LF (or CRLF) line ends; NULL = "" */
    time_t date;              /* the moment shown in the Date header */
    int utc_offset_min;       /* local offset from UTC in minutes, -1439..1439 */
    const char *msgid_domain; /* right-hand side of Message-ID; NULL = "ajar.invalid" */
    const char *msgid_seed;   /* extra text mixed into Message-ID; may be NULL */
} ajar_eml;

/* Appends a complete message (headers, blank line, body) to out, every line
 * ending in CRLF and every byte 7-bit. Headers, in this order: Date
 * ("Fri, 20 Nov 2026 09:00:00 +0100", the local time of m->date at
 * m->utc_offset_min), From, To (when there is one), Subject, Message-ID
 * (<32 hex digits@domain>, from ajar_fmt_id over date, offset, addresses,
 * subject and seed), MIME-Version: 1.0, Content-Type: text/plain;
 * charset=UTF-8, Content-Transfer-Encoding: quoted-printable, X-Unsent: 1
 * (so mail programs open it as a draft to send).
 *
 * Display names and the subject are written as they are when they are plain
 * ASCII words (atoms, for names) separated by single spaces, otherwise as
 * RFC 2047 encoded-words (UTF-8, B or Q, whichever is shorter), each at most
 * 75 characters and holding whole characters only. A display name is
 * trimmed and its runs of spaces written as one (readers take them so
 * anyway); one that is only spaces counts as none. Headers are folded at
 * whitespace so no line exceeds 78 characters (a very long address or
 * Message-ID domain, which cannot be folded, may still, up to the 998
 * limit).
 *
 * The body is always quoted-printable: 7-bit safe through any transport, and
 * exact (trailing spaces, long paragraphs, "From " at the start of a line and
 * a missing final line break all survive). Lines are at most 76 characters,
 * soft breaks fall between whole characters, never inside one. No
 * format=flowed: quoted-printable already keeps a paragraph as one logical
 * line that the reader wraps, and flowed's space-stuffing and trailing-space
 * rules would only add ways to alter the text.
 *
 * Refuses (AJAR_E_INVALID, nothing written): invalid UTF-8 anywhere; any
 * control character (tab, CR and LF included) in a name or the subject;
 * controls other than tab and line breaks in the body (a CR only right
 * before LF); addresses that fail ajar_fmt_address_valid; a Message-ID
 * domain that fails ajar_fmt_domain_valid; an offset outside -1439..1439; a
 * local date outside the years 1900..9999. AJAR_E_USAGE for a NULL out or
 * m. */
ajar_status ajar_eml_write(ajar_strbuf *out, const ajar_eml *m, ajar_errors *errs);

/* ---- mailto URI (fmt_mailto.c): RFC 6068 --------------------------------------- */

/* Builds "mailto:TO?subject=...&body=..." and returns it as a new string the
 * caller frees. to may be NULL or "" (the mail program asks); otherwise it
 * must pass ajar_fmt_address_valid and is written with its "@" as is. The
 * subject and body (NULL or "" leave their field out) are UTF-8 and every
 * byte outside the unreserved set A-Z a-z 0-9 - . _ ~ is percent-encoded
 * (%20 for space, never "+"); body line ends, LF or CRLF, become %0D%0A.
 * Returns NULL with AJAR_E_INVALID in errs for invalid UTF-8, a bad address,
 * a control character in the subject, or one other than tab and line breaks
 * in the body (a CR only right before LF); NULL with AJAR_E_NOMEM when
 * memory runs out. errs may be NULL. Note that mail programs and browsers
 * cap the length of such links (often near 2000 bytes). */
char *ajar_mailto_build(const char *to, const char *subject, const char *body, ajar_errors *errs);

/* ---- CSV (fmt_csv.c): RFC 4180 -------------------------------------------------- */

/* Appends the UTF-8 byte order mark (EF BB BF). Not written by default: RFC
 * 4180 and most tools that read CSV (Python's csv, awk, cut, databases) take
 * it as part of the first cell's text. Call it first only for a file meant
 * for spreadsheet programs that guess a legacy encoding without it. */
void ajar_csv_write_bom(ajar_strbuf *out);

/* Appends one record of n >= 1 fields (a NULL field is empty), ending in
 * CRLF. A field is quoted when it holds a comma, a double quote, CR or LF,
 * or starts or ends with a space or tab; quotes inside are doubled. A record
 * of one empty field is written "" so it does not read back as a blank
 * line. UTF-8 is written as it is. Refuses (AJAR_E_INVALID, nothing written)
 * invalid UTF-8 and control characters other than tab, CR and LF;
 * AJAR_E_USAGE for n == 0, a NULL fields or a NULL out. Note that a cell
 * starting with "=", "+", "-" or "@" is kept as it is: the writer
 * round-trips text exactly and does not guard spreadsheet formulas. */
ajar_status ajar_csv_write_row(ajar_strbuf *out, const char *const *fields, size_t n,
                               ajar_errors *errs);

/* ---- iCalendar (fmt_ics.c): RFC 5545 -------------------------------------------- */

/* What an item becomes. */
typedef enum ajar_ics_kind {
    AJAR_ICS_EVENT, /* VEVENT: DTSTART;VALUE=DATE, DTEND the next day, TRANSP:TRANSPARENT */
    AJAR_ICS_TODO   /* VTODO: DUE;VALUE=DATE, STATUS:NEEDS-ACTION */
} ajar_ics_kind;

/* One all-day item. Every string is borrowed for the call only. */
typedef struct ajar_ics_item {
    ajar_ics_kind kind;
    ajar_date date;                /* the day; a valid date (an event not on 9999-12-31) */
    const char *summary;           /* required, one line */
    const char *description;       /* may hold line breaks; NULL or "" for none */
    const char *const *categories; /* ncategories one-line, non-empty names; may be NULL */
    size_t ncategories;
    const char *uid_seed;   /* the item's stable identity (e.g. draft + step); may be NULL */
    const char *uid_domain; /* right-hand side of UID; NULL = "ajar.invalid" */
    time_t dtstamp;         /* when the file is made; written in UTC */
    int alarm;              /* 1: add a VALARM (ACTION:DISPLAY) */
    long alarm_offset_min;  /* when it rings, in minutes from the start of the day:
                             * -900 = -PT15H = 09:00 the day before, 540 = PT9H =
                             * 09:00 on the day; within +-527040 (366 days) */
    const char *alarm_text; /* the alarm's DESCRIPTION; NULL or "" = the summary */
} ajar_ics_item;

/* Appends the calendar's opening lines: BEGIN:VCALENDAR, VERSION:2.0,
 * PRODID:-//ajar//ajar VERSION//EN, CALSCALE:GREGORIAN, METHOD:PUBLISH. */
void ajar_ics_begin(ajar_strbuf *out);

/* Appends one VEVENT or VTODO with UID (<32 hex digits>@domain, from
 * ajar_fmt_id over the kind and uid_seed when a seed is given, so
 * re-exporting an edited item updates the copy a calendar already has; else
 * over kind, date and summary), DTSTAMP (YYYYMMDDTHHMMSSZ), the dates,
 * SUMMARY, DESCRIPTION, CATEGORIES and VALARM as asked. A to-do has DUE and
 * no DTSTART (RFC 5545 wants DUE later than DTSTART, and a day-long to-do
 * has no such pair), so its alarm is TRIGGER;RELATED=END; an event's is
 * relative to DTSTART. Text is escaped (\\ \; \, and \n for a line break,
 * LF or CRLF); lines are folded at 75 octets with CRLF and one space, never
 * inside a UTF-8 character or an escape. Refuses (AJAR_E_INVALID, nothing
 * written): invalid UTF-8; control characters other than tab and line
 * breaks (a CR only right before LF); line breaks in the summary or a
 * category; an empty summary or category; an invalid date; a DTSTAMP
 * outside the years 0001..9999; an alarm offset out of range; a UID domain
 * that fails ajar_fmt_domain_valid. AJAR_E_USAGE for a NULL out or it, an
 * unknown kind, or categories NULL with ncategories > 0. */
ajar_status ajar_ics_add(ajar_strbuf *out, const ajar_ics_item *it, ajar_errors *errs);

/* Appends END:VCALENDAR. */
void ajar_ics_end(ajar_strbuf *out);

#endif
