/* render.h — the one renderer: a draft becomes the letter, the scripts and the follow-up plan. */
#ifndef AJAR_RENDER_H
#define AJAR_RENDER_H

#include <stddef.h>

#include <cJSON.h>

#include "ajar/date.h"
#include "ajar/draft.h"
#include "ajar/error.h"
#include "ajar/tmpl.h"

/* LinkedIn's limit on an invitation note, in characters: free accounts, and
 * the larger one of premium accounts (`--linkedin-limit 300`). */
#define AJAR_LINKEDIN_LIMIT 200
#define AJAR_LINKEDIN_LIMIT_PREMIUM 300

/* A renderer: the templates of data/templates (each one replaced by a file of
 * the same name in the user's override folder when there is one) and the
 * reason catalogue of data/reasons.json, read once; each template is
 * compiled the first time a render needs it and kept. It may render any
 * number of drafts (the wizard's preview renders on every change without
 * reading a file again); not for use by two threads at once. */
typedef struct ajar_renderer ajar_renderer;

/* The user's template folder: $XDG_CONFIG_HOME/ajar/templates, or
 * ~/.config/ajar/templates when XDG_CONFIG_HOME is unset, empty or not an
 * absolute path. Returns a new string the caller frees, or NULL when neither
 * variable gives a folder (or memory ran out). The folder may not exist. */
char *ajar_render_user_dir(void);

/* Reads `data_dir`/data/templates/ *.mustache and `data_dir`/data/reasons.json;
 * `user_dir` (may be NULL or a missing folder) holds templates that replace
 * those of the same name. Templates are compiled when first rendered (only
 * the few a draft's scenario and tone use are), so a syntax error in one is
 * reported by the render that needs it, with its file, line and column;
 * so is one in a sentence of the catalogue (named by its field). On
 * success *out is a new renderer the caller frees with ajar_renderer_free.
 * On failure *out is NULL and errs says what is wrong: AJAR_E_NOTFOUND (no templates folder,
 * or a template the renderer needs is missing), AJAR_E_SYNTAX (a template
 * holds a NUL byte, or the catalogue is not JSON), AJAR_E_INVALID
 * (the catalogue lacks a reason or a sentence), AJAR_E_IO, AJAR_E_NOMEM. */
ajar_status ajar_renderer_open(const char *data_dir, const char *user_dir, ajar_renderer **out,
                               ajar_errors *errs);

/* Frees a renderer; NULL is fine. */
void ajar_renderer_free(ajar_renderer *r);

/* Where a template of the renderer came from (for `--help`, docs and error
 * messages): the path of the file that was read for `name` ("letter-warm"),
 * or NULL when the renderer has no such template. Borrowed. */
const char *ajar_renderer_origin(const ajar_renderer *r, const char *name);

/* What to render; or them. The follow-up messages and LinkedIn notes of each
 * contact are always computed when AJAR_OUT_FOLLOWUPS or AJAR_OUT_LINKEDIN is
 * asked for. */
#define AJAR_OUT_LETTER 1u
#define AJAR_OUT_PHONE 2u
#define AJAR_OUT_VOICEMAIL 4u
#define AJAR_OUT_FOLLOWUPS 8u
#define AJAR_OUT_LINKEDIN 16u
#define AJAR_OUT_ALL 31u

/* Rendering options. */
typedef struct ajar_render_opts {
    ajar_date today;     /* "today": follow-up dates count from it */
    int linkedin_limit;  /* characters a LinkedIn note may have; 0 = AJAR_LINKEDIN_LIMIT */
    unsigned what;       /* AJAR_OUT_* bits; 0 = AJAR_OUT_ALL */
    ajar_tmpl_escape_fn escape; /* how user text is quoted: NULL = as it is (plain text) */
    void *escape_ud;
    int data_only;       /* 1: the follow-ups and LinkedIn notes per contact, but not
                          * followups_text and linkedin_text (JSON, CSV and calendar
                          * exports do not use them; they stay NULL) */
} ajar_render_opts;

/* A check-in: a later message to one contact. */
typedef struct ajar_checkin {
    int months;      /* months after the decline */
    ajar_date date;  /* the day: today plus `months` months */
} ajar_checkin;

/* The plan for one contact, in the order of the draft's contacts. Strings
 * are owned by the output; a field the draft leaves unanswered is "". */
typedef struct ajar_followup {
    size_t index;          /* the contact's index in the draft: contacts[index] */
    char *name;            /* as written in the draft */
    char *first;           /* the first name, used in greetings */
    char *role;            /* role id (`hiring-manager`) or "" */
    char *role_label;      /* "hiring manager", or "" */
    char *title;           /* their job title, or "" */
    char *channel;         /* channel id: the draft's, else one chosen from what is known */
    char *channel_label;   /* "phone call", "e-mail", "LinkedIn message", "in person" */
    char *email, *phone, *linkedin; /* how to reach them, or "" */
    char *talked_about;    /* or "" */
    int made_offer;        /* 1 for the person who made the offer */
    ajar_date when;        /* when to thank them: today for the offer-maker, else within two days */
    char *when_text;       /* "today (Saturday 21 November 2026)" or "by Monday 23 November 2026" */
    char *message;         /* the personal thank-you, plain text */
    char *note;            /* the LinkedIn invitation note, at most the limit in characters */
    size_t note_chars;     /* characters in `note` */
    int note_shortened;    /* 1 when the short form of the note (or a cut) was needed */
    ajar_checkin *checkins;
    size_t ncheckins;
} ajar_followup;

/* Everything rendered from one draft. Texts use LF line ends, hold no
 * control character other than LF and tab, and end with exactly one LF
 * (the subject, messages and notes are single lines without one); parts
 * that were not asked for are NULL. */
typedef struct ajar_output {
    char *subject;          /* the letter's subject line */
    char *letter;           /* the letter's body, from greeting to signature */
    char *phone;            /* the phone script */
    char *voicemail;        /* the voicemail script */
    char *followups_text;   /* the follow-up plan as readable text */
    char *linkedin_text;    /* the LinkedIn notes as readable text */
    ajar_followup *followups; /* one per contact (when FOLLOWUPS or LINKEDIN was asked) */
    size_t nfollowups;
    ptrdiff_t recipient;    /* index of the follow-up the letter goes to, -1 for none */
    char *from_name, *from_email; /* the candidate, "" when unanswered */
    char *to_name, *to_email;     /* the letter's recipient, "" when unknown */
    int linkedin_limit;     /* the limit used */
    ajar_date today;
    cJSON *view;            /* the data the templates saw (see docs/templates.md) */
} ajar_output;

/* Renders the draft `d` (borrowed) with renderer `r`. Text the templates
 * produce is tidied: spaces at line ends are removed, a space before
 * , . ; : ! ? ) or after ( is dropped, so is a full stop right after
 * another one or after ! or ? ("Acme Inc.." -> "Acme Inc."; an ellipsis
 * stays), runs of blank lines become one, blank lines at the start and end
 * go, and each text ends with one line end, so an unanswered field never
 * leaves a hole. The letter, subject, voicemail, messages and notes are
 * prose: their lines also lose any indentation and doubled spaces (the
 * phone script and the plans keep theirs, for their columns). On success
 * *out is a new output the caller frees with ajar_output_free; on failure
 * *out is NULL (when out is not). Errors: AJAR_E_SYNTAX (a template or
 * catalogue sentence it needed does not compile: file, line and column, or
 * the catalogue's field), AJAR_E_INVALID (a
 * template exceeded its budget or produced invalid text), AJAR_E_NOMEM,
 * AJAR_E_USAGE (a NULL argument). */
ajar_status ajar_render(const ajar_renderer *r, const ajar_draft *d, const ajar_render_opts *opts,
                        ajar_output **out, ajar_errors *errs);

/* Frees an output; NULL is fine. */
void ajar_output_free(ajar_output *o);

/* Tidies rendered text as ajar_render describes. s is a string from malloc
 * that the function takes over: it is tidied in place and returned, or
 * reallocated one byte longer when it lacks its final line end (so always
 * use the result). Returns NULL for a NULL s, and when memory runs out
 * (s is then freed). With `prose` (letters, messages, notes) lines lose
 * their indentation too; without it (scripts and plans laid out in
 * columns) indentation is kept. */
char *ajar_render_tidy(char *s, int prose);

/* Escaper for Markdown: user text is written with a backslash before each
 * of \ ` * _ [ ] < > | ~ (markup anywhere in a line), and before # + - =
 * where they start a line (at the start of the text or after a line break
 * in it), as they start headings and lists only there. */
void ajar_render_escape_md(ajar_strbuf *out, const char *s, size_t n, void *ud);

#endif
