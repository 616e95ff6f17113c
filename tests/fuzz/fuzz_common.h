/* fuzz_common.h — what the libFuzzer targets share: assertions, the repo's folder, output checks. */
#ifndef AJAR_FUZZ_COMMON_H
#define AJAR_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/draft.h"
#include "ajar/error.h"
#include "ajar/utf8.h"

/* The repository's top folder (prompts/, data/, tests/fixtures/): set by the
 * Makefile; $AJAR_DATA_DIR wins when set. */
#ifndef AJAR_FUZZ_REPO
#define AJAR_FUZZ_REPO "."
#endif

/* An invariant that failed: say which, and abort so libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond, what)                                                           \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "fuzz: invariant broken at %s:%d: %s\n", __FILE__, __LINE__, \
                    (what));                                                              \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

static inline const char *fuzz_repo(void)
{
    const char *env = getenv("AJAR_DATA_DIR");
    return env && *env ? env : AJAR_FUZZ_REPO;
}

/* Byte offset of the first control character (C0, DEL, C1) in s[0..len)
 * that is not allowed, or -1. `allow` holds the C0 bytes that may appear
 * ((1u << '\n') ...); a CR is allowed only before an LF when `crlf` is set.
 * Invalid UTF-8 counts as a bad byte too. */
static inline long fuzz_find_bad(const char *s, size_t len, uint32_t allow, int crlf)
{
    size_t bad;
    if (!ajar_utf8_valid(s, len, &bad))
        return (long)bad;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = ajar_utf8_decode(s + i, len - i, &cp);
        if (ajar_cp_is_control(cp)) {
            int ok = cp < 0x20 && (allow & (1u << cp));
            if (cp == '\r' && crlf)
                ok = i + 1 < len && s[i + 1] == '\n';
            if (!ok)
                return (long)i;
        }
        i += n;
    }
    return -1;
}

/* Dies when s[0..len) holds a byte it should not, showing where. */
static inline void fuzz_assert_clean(const char *what, const char *s, size_t len, uint32_t allow,
                                     int crlf)
{
    long at = fuzz_find_bad(s, len, allow, crlf);
    if (at >= 0) {
        fprintf(stderr, "fuzz: %s: bad byte 0x%02x at offset %ld of %zu:\n", what,
                (unsigned char)s[at], at, len);
        size_t from = at > 60 ? (size_t)at - 60 : 0;
        fwrite(s + from, 1, len - from < 160 ? len - from : 160, stderr);
        fputc('\n', stderr);
        FUZZ_ASSERT(0, "control byte or invalid UTF-8 in output");
    }
}

/* Every error, formatted as a user reads it, is one line of valid UTF-8
 * without controls: a message quoting a hostile file cannot drive the
 * terminal it is printed on. */
static inline void fuzz_errors_safe(const ajar_errors *errs)
{
    for (size_t i = 0; errs && i < errs->count; i++) {
        char *m = ajar_error_format(&errs->items[i]);
        FUZZ_ASSERT(m, "ajar_error_format returned NULL");
        fuzz_assert_clean("error message", m, strlen(m), 1u << '\t', 0);
        free(m);
    }
}

/* A copy of tests/fixtures/drafts/full.json, read once. */
static inline ajar_draft *fuzz_full_draft(void)
{
    static ajar_draft *full;
    if (!full) {
        size_t n = strlen(fuzz_repo()) + 64;
        char *path = malloc(n);
        FUZZ_ASSERT(path, "out of memory");
        snprintf(path, n, "%s/tests/fixtures/drafts/full.json", fuzz_repo());
        ajar_errors errs = {0};
        if (ajar_draft_load(path, &full, &errs) != AJAR_OK) {
            fprintf(stderr, "fuzz: cannot load %s (set AJAR_DATA_DIR to the repository)\n", path);
            exit(2);
        }
        free(path);
    }
    return ajar_draft_clone(full);
}

#endif
