/* export.h — what was rendered becomes text, Markdown, e-mail, mailto, CSV, iCalendar or JSON. */
#ifndef AJAR_EXPORT_H
#define AJAR_EXPORT_H

#include <stddef.h>
#include <time.h>

#include "ajar/date.h"
#include "ajar/error.h"
#include "ajar/render.h"
#include "ajar/strbuf.h"

/* The parts of a rendering that can be exported. */
typedef enum ajar_export_what {
    AJAR_EXPORT_LETTER,    /* subject and body of the decline letter */
    AJAR_EXPORT_PHONE,     /* the phone script */
    AJAR_EXPORT_VOICEMAIL, /* the voicemail script */
    AJAR_EXPORT_FOLLOWUPS, /* the follow-up plan: one entry per contact, with check-ins */
    AJAR_EXPORT_LINKEDIN,  /* the LinkedIn invitation notes */
    AJAR_EXPORT_ALL,       /* every part above, in this order, each under a heading */
    AJAR_EXPORT_WHAT_COUNT
} ajar_export_what;

/* The formats. Which part goes in which format is a table in export.c:
 *   letter     txt md eml mailto json
 *   phone      txt md json
 *   voicemail  txt md json
 *   followups  txt md csv ics json
 *   linkedin   txt md csv json
 *   all        txt md json */
typedef enum ajar_export_format {
    AJAR_EXPORT_TXT,    /* plain text, LF line ends */
    AJAR_EXPORT_MD,     /* Markdown with a heading per part */
    AJAR_EXPORT_EML,    /* an unsent RFC 5322 message (X-Unsent: 1) */
    AJAR_EXPORT_MAILTO, /* one mailto: link (RFC 6068) and a newline */
    AJAR_EXPORT_CSV,    /* RFC 4180, a header row first */
    AJAR_EXPORT_ICS,    /* RFC 5545 calendar: an item per follow-up and per check-in */
    AJAR_EXPORT_JSON,   /* machine-readable, printed by ajar_json_print */
    AJAR_EXPORT_FORMAT_COUNT
} ajar_export_format;

/* How to export. Zero-initialise, then set what applies. */
typedef struct ajar_export_opts {
    time_t date;          /* eml: the moment in the Date header */
    int utc_offset_min;   /* eml: the local offset from UTC at `date`, in minutes */
    time_t dtstamp;       /* ics: when the calendar is made (DTSTAMP) */
    int todo;             /* ics: 1 = to-dos (VTODO) instead of events (VEVENT) */
    const char *uid_seed; /* what tells this draft's items from another draft's, e.g. the
                           * company and role (not the draft's path): mixed into ics UIDs and
                           * the eml Message-ID so that exporting again gives the same ones.
                           * May be NULL. Borrowed. */
    ajar_errors *warnings; /* where notes that do not stop the export go (a letter without
                            * a usable recipient address); may be NULL */
} ajar_export_opts;

/* The name of a part ("letter", "phone", "voicemail", "followups",
 * "linkedin", "all") or a format ("txt", "md", "eml", "mailto", "csv",
 * "ics", "json"); "?" for a value out of range. Static strings. */
const char *ajar_export_what_name(ajar_export_what what);
const char *ajar_export_format_name(ajar_export_format fmt);

/* What a part is called in prose and headings: "Letter", "Phone script",
 * "Voicemail script", "Follow-up plan", "LinkedIn notes", "Everything". */
const char *ajar_export_what_title(ajar_export_what what);

/* Parses a part or format name as ajar_export_*_name writes it (exactly,
 * case-sensitively). Returns 1 and sets *out, or 0 (*out untouched). */
int ajar_export_what_parse(const char *name, ajar_export_what *out);
int ajar_export_format_parse(const char *name, ajar_export_format *out);

/* The file name extension of a format, with its dot (".eml"), or NULL for
 * mailto, which has none. Static strings. */
const char *ajar_export_format_ext(ajar_export_format fmt);

/* The format a file name's extension names (.txt .md .eml .csv .ics .json,
 * in any case): returns 1 and sets *out, or 0 when the extension is none of
 * those (*out untouched). Only the last component of `path` counts. */
int ajar_export_format_from_path(const char *path, ajar_export_format *out);

/* 1 when part `what` can be exported as `fmt`, 0 otherwise. */
int ajar_export_allowed(ajar_export_what what, ajar_export_format fmt);

/* The formats `what` can be exported as, in prose: "txt, md or json".
 * A new string the caller frees; NULL when memory runs out. */
char *ajar_export_formats_for(ajar_export_what what);

/* The AJAR_OUT_* bits ajar_render must be asked for to export `what`. */
unsigned ajar_export_parts(ajar_export_what what);

/* 1 when `fmt` is Markdown: render the output for it with
 * ajar_render_opts.escape = ajar_render_escape_md so that user text is
 * quoted; every other format wants text as it is (escape NULL). */
int ajar_export_markdown(ajar_export_format fmt);

/* Sets opts->date, opts->utc_offset_min and opts->dtstamp. With `fixed` (a
 * day fixed for reproducible output, by --today or AJAR_TODAY; may be NULL)
 * the date is that day at 09:00 local time and the dtstamp that day at 09:00
 * UTC; without it both are the current time. Returns AJAR_OK, or AJAR_E_IO
 * in errs when the clock or the local time zone cannot be read. */
ajar_status ajar_export_set_time(ajar_export_opts *opts, const ajar_date *fixed,
                                 ajar_errors *errs);

/* Exports part `what` of the rendering `o` (borrowed) as `fmt` and appends
 * the bytes to `out`: all of them, or, on failure, nothing (out is left as it
 * was). `o` must have been rendered with at least ajar_export_parts(what),
 * and for Markdown with ajar_render_escape_md (see ajar_export_markdown).
 *
 * Every text used is checked first: valid UTF-8, and no control character
 * other than LF and tab in multi-line texts and none at all in one-line
 * fields (subject, names, addresses), whatever the format, so no header can
 * be injected and no terminal escape reaches a screen. The error names the
 * part: "letter: ...", "subject: ...", "followups[1].note: ...".
 *
 * What each format holds:
 *   txt     the part's text (the letter with a "Subject: ..." line first);
 *           `all` gives every non-empty part under an underlined heading.
 *   md      every part under a "# Title" heading, the subject in bold.
 *   json    one object with a member per part asked for: "letter" {subject,
 *           body, from {name, email}, to {name, email}}, "phone" and
 *           "voicemail" (strings), "followups" (an array with every field of
 *           ajar_followup, dates as YYYY-MM-DD, check-ins as {months, date}),
 *           "linkedin" (an array of {name, linkedin, note, chars, limit,
 *           shortened} for each contact with a note).
 *   eml     the letter from me (from_name, from_email) to its recipient
 *           (to_name, to_email), see ajar_eml_write; the body ends with a
 *           line break; the Message-ID's domain is that of from_email.
 *   mailto  the letter as a mailto: link to its recipient, and a newline.
 *   csv     followups: name, role, title, channel, email, phone, linkedin,
 *           when, message, note, checkins (dates joined by ";"); linkedin:
 *           name, linkedin, note, chars. A header row first.
 *   ics     an all-day item with a 09:00 alarm per follow-up (on its `when`)
 *           and per check-in (on its date); events, or to-dos with
 *           opts->todo. A plan without contacts is refused (AJAR_E_INVALID
 *           on "contacts"): a calendar must hold at least one item.
 *
 * Errors: AJAR_E_USAGE (a NULL argument, a part out of range, a combination
 * ajar_export_allowed refuses, a part `o` lacks), AJAR_E_INVALID (a control
 * character or invalid UTF-8 in a text; for eml a missing or unusable
 * from_email, reported on the field "me.email"), AJAR_E_NOMEM. For eml and
 * mailto, a recipient without a usable address is not an error: the message
 * gets no To, and a warning naming the field (contacts[N].email) goes to
 * opts->warnings. */
ajar_status ajar_export(const ajar_output *o, ajar_export_what what, ajar_export_format fmt,
                        const ajar_export_opts *opts, ajar_strbuf *out, ajar_errors *errs);

/* One export of a draft, as the command line and the wizard ask for it. */
typedef struct ajar_export_request {
    ajar_export_what what;
    ajar_export_format fmt;
    ajar_date today;    /* follow-ups count from it */
    int fixed_today;    /* 1: `today` was fixed (--today, AJAR_TODAY) for reproducible output */
    int linkedin_limit; /* 0: AJAR_LINKEDIN_LIMIT */
    int todo;           /* ics: to-dos instead of events */
} ajar_export_request;

/* Renders the draft `d` with `r` for the request (Markdown-quoted for md),
 * dates the result (see ajar_export_set_time), seeds UIDs and Message-IDs
 * with the draft's company and role (never its path, so a moved draft
 * exports the same ids), and exports it into `out` as ajar_export does.
 * Warnings go to `warnings` (may be NULL). Same errors as ajar_render and
 * ajar_export. */
ajar_status ajar_export_draft(const ajar_renderer *r, const ajar_draft *d,
                              const ajar_export_request *req, ajar_strbuf *out,
                              ajar_errors *warnings, ajar_errors *errs);

#endif
