/* steps.h — the wizard's steps, read from prompts/: titles, rules, advice and the questions of each. */
#ifndef AJAR_STEPS_H
#define AJAR_STEPS_H

#include <stddef.h>

#include "ajar/error.h"

/* How a question is answered (docs/prompts.md, "Field types"). */
typedef enum ajar_field_kind {
    AJAR_FK_LINE,     /* one line of text (line or email fields) */
    AJAR_FK_TEXT,     /* several lines */
    AJAR_FK_DATE,     /* YYYY-MM-DD */
    AJAR_FK_DATETIME, /* YYYY-MM-DD HH:MM */
    AJAR_FK_CHOICE,   /* one id of a list */
    AJAR_FK_YESNO,    /* true or false */
    AJAR_FK_PHRASES,  /* a list of short phrases */
    AJAR_FK_MONTHS,   /* a list of whole numbers of months */
    AJAR_FK_CONTACTS, /* the contacts editor */
    AJAR_FK_REFERRALS /* the referrals editor */
} ajar_field_kind;

/* One choice of a choice field: its id in the draft and its label. The
 * texts of steps, questions and choices belong to the ajar_steps they came
 * from and live as long as it. */
typedef struct ajar_choice {
    const char *id;
    const char *label;
} ajar_choice;

/* One question. For the entries of contacts and referrals, `item` holds the
 * questions about one entry, whose paths are relative to it ("email"). */
typedef struct ajar_question {
    const char *path;    /* the draft field: "reason.kind", or "email" inside an item */
    const char *label;   /* the question */
    ajar_field_kind kind;
    const char *hint;    /* one line of help, or "" */
    const char *example; /* an example answer, or "" */
    ajar_choice *choices; /* AJAR_FK_CHOICE: every id the format allows */
    size_t nchoices;
    const char *yes, *no; /* AJAR_FK_YESNO: the words for true and false */
    struct ajar_question *item; /* AJAR_FK_CONTACTS, AJAR_FK_REFERRALS */
    size_t nitem;
    const char *item_label; /* "person", "referral" */
} ajar_question;

/* One step of the wizard. */
typedef struct ajar_step {
    const char *id;      /* "honest"; progress is kept in the draft under steps.ID */
    const char *title;   /* "Be honest" */
    const char *rule;    /* two or three lines */
    const char *advice;  /* the full advice, or "" */
    const char *example; /* an example for the step, or "" */
    int review;    /* 1 for the review and export step */
    ajar_question *questions;
    size_t nquestions;
    char *origin;  /* the file it came from */
    int ready;     /* read in full; until then only id and title are set
                    * (rule, advice and example are "", no questions) */
    struct cJSON *doc; /* the parsed file, which holds the texts above */
    char *text;        /* the file's text while the step is not read in full */
    size_t len;
    char *head_id, *head_title; /* id and title, when read before the rest */
} ajar_step;

/* All steps, in the order of their file names. */
typedef struct ajar_steps {
    ajar_step *items;
    size_t count;
} ajar_steps;

/* Reads every prompts/ *.json file of `data_dir` in name order and checks
 * it against docs/prompts.md and the draft format: every path a field of
 * the format of a type that suits the question, every choice of a choice
 * field labelled, ids unique. Problems go to errs naming the file, the
 * member (`fields[2].choices`) and for JSON syntax the line and column;
 * every problem of every file is reported. On success *out holds the steps
 * (free with ajar_steps_free), every one ready. Returns AJAR_OK,
 * AJAR_E_SYNTAX, AJAR_E_INVALID, AJAR_E_NOTFOUND (no prompts folder, or no
 * step in it), AJAR_E_IO or AJAR_E_NOMEM. */
ajar_status ajar_steps_load(const char *data_dir, ajar_steps **out, ajar_errors *errs);

/* Like ajar_steps_load, but reads only each file's id and title now (found
 * without parsing the rest of the file), for the wizard's first frame; the
 * rest of a step is read by ajar_steps_ready, and a problem in it is only
 * reported then. A file whose id and title cannot be found that way, or are
 * not a valid id and a short enough title, is read in full at once and its
 * problems reported now. Also reported now: a missing folder, and ids that
 * are not unique. */
ajar_status ajar_steps_open(const char *data_dir, ajar_steps **out, ajar_errors *errs);

/* Reads step i in full unless it is already: AJAR_OK at once for a ready
 * step, else the problems of its file as ajar_steps_load reports them. A
 * step that fails stays as it was (not ready, no questions), and fails the
 * same way next time. */
ajar_status ajar_steps_ready(ajar_steps *s, size_t i, ajar_errors *errs);

/* Reads every step not ready yet, then checks that no draft field is asked
 * by two questions. Returns the first problem's status (all reported). */
ajar_status ajar_steps_ready_all(ajar_steps *s, ajar_errors *errs);

/* Frees steps; NULL is fine. */
void ajar_steps_free(ajar_steps *s);

/* Index of the step with this id, or -1. */
long ajar_steps_find(const ajar_steps *s, const char *id);

/* Where the draft field `path` (such as "contacts[2].email" or
 * "positives[0]") is asked: the index of the step, and in *question the
 * index of the question within it (when question is not NULL). -1 when no
 * step asks it. Only ready steps are searched (see ajar_steps_ready_all). */
long ajar_steps_for_field(const ajar_steps *s, const char *path, size_t *question);

/* The label of choice `id` of a question, or NULL. */
const char *ajar_question_choice_label(const ajar_question *q, const char *id);

#endif
