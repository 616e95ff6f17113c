/* error.h — the error list every fallible core function fills for its caller. */
#ifndef AJAR_ERROR_H
#define AJAR_ERROR_H

#include <stddef.h>

/* What went wrong, in classes the command line maps to exit codes. */
typedef enum ajar_status {
    AJAR_OK = 0,
    AJAR_E_INVALID,  /* the data breaks a rule of the format (wrong type, range, enum...) */
    AJAR_E_SYNTAX,   /* the file is not well-formed JSON / template text */
    AJAR_E_VERSION,  /* the file is newer than this program understands */
    AJAR_E_IO,       /* the operating system refused (open, write, fsync, rename...) */
    AJAR_E_LOCKED,   /* another ajar holds the draft */
    AJAR_E_NOMEM,    /* an allocation failed */
    AJAR_E_USAGE,    /* the caller asked for something meaningless (bad path syntax...) */
    AJAR_E_NOTFOUND  /* the requested field or file does not exist */
} ajar_status;

/* One problem. Strings are owned by the list that holds the error; any of
 * file/field may be NULL when it does not apply, line/column are 0 when
 * unknown, sys_errno is 0 unless an operating-system call failed. */
typedef struct ajar_error {
    ajar_status code;
    int sys_errno;
    int line;
    int column;
    char *file;
    char *field;
    char *message;
} ajar_error;

/* A growable list of problems, owned by the caller. Zero-initialise it (or
 * call ajar_errors_init) before use and ajar_errors_clear it afterwards. */
typedef struct ajar_errors {
    ajar_error *items;
    size_t count;
    size_t cap;
} ajar_errors;

/* Makes an empty list. */
void ajar_errors_init(ajar_errors *list);

/* Frees every error and empties the list; the list stays usable. */
void ajar_errors_clear(ajar_errors *list);

/* Appends a problem and returns its code (so `return ajar_errors_add(...)`
 * reads naturally). file and field are copied; either may be NULL. The
 * message is printf-formatted. When memory runs out the error is still
 * counted, with a NULL message that ajar_error_format reports as "out of
 * memory". A NULL list is allowed and only returns code. */
ajar_status ajar_errors_add(ajar_errors *list, ajar_status code, const char *file,
                            const char *field, int line, int column, int sys_errno,
                            const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/* Moves every error of src to the end of dst, setting file to `file` on those
 * that have none (file may be NULL). src is left empty. */
void ajar_errors_move(ajar_errors *dst, ajar_errors *src, const char *file);

/* The first error's code, or AJAR_OK for an empty list. */
ajar_status ajar_errors_status(const ajar_errors *list);

/* Formats one error the way a user reads it:
 *   "FILE:LINE:COLUMN: FIELD: MESSAGE" (parts that do not apply are left out),
 * with ": strerror(sys_errno)" appended when an OS call failed unless the
 * message already ends with it. The result is one line of valid UTF-8 that
 * is safe to print on a terminal: control characters other than tab (line
 * breaks, ESC, C1 ...) and bytes that are not UTF-8, which file names, keys
 * and values quoted from a hostile file may hold, are written as visible
 * escapes (\x1b, \u009b, \xff). Returns a new string the caller frees, or
 * NULL when memory runs out. */
char *ajar_error_format(const ajar_error *err);

#endif
